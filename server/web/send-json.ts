import type { Response } from 'express';

/**
 * Send a value as JSON. Express's res.json first copies the text into a new buffer (for a
 * body over 4 KB it reserves three bytes per character); here the string is only measured,
 * and Node writes it out with the headers. Used for the answers the API gives most.
 */
export function sendJson(res: Response, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.status(status).type('application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

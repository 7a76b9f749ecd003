/**
 * Protection against cross-site requests. A signed-in browser's token is an HMAC of its
 * session id; a visitor not yet signed in gets a signed nonce cookie and a token made from
 * it (for the sign-in, set-up and registration forms). Forms carry the token in `_csrf`,
 * scripts in the X-CSRF-Token header; requests with an API token carry none (a token is not
 * sent by a browser on its own).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { HttpError } from './http-error';

export const VISITOR_COOKIE = 'handoff_visitor';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfToken(secret: string, basis: string): string {
  return createHmac('sha256', secret).update(`csrf:${basis}`).digest('base64url');
}

/** Compare two tokens in constant time; anything that is not a token of the right length is simply wrong. */
export function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The nonce of a visitor without a session, made and set as a cookie when missing. */
export function visitorNonce(signedCookies: Record<string, unknown>, res: Response, secure: boolean): string {
  const nonce = signedCookies[VISITOR_COOKIE];
  if (typeof nonce === 'string' && /^[A-Za-z0-9_-]{22}$/.test(nonce)) return nonce;
  const fresh = randomBytes(16).toString('base64url');
  res.cookie(VISITOR_COOKIE, fresh, { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/' });
  return fresh;
}

export const CSRF_MESSAGE =
  'the form has expired or did not come from this site (missing or wrong CSRF token); reload the page and try again';

/** Refuses a state-changing request from a browser that does not carry its token. */
export function csrfProtection(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || res.locals.auth.via === 'token') return next();
    const body = req.body as Record<string, unknown> | undefined;
    const sent = req.get('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (!sent || !sameToken(sent, res.locals.auth.csrfToken)) return next(new HttpError(403, CSRF_MESSAGE));
    next();
  };
}

/**
 * The last two handlers: 404 for what no route took, then one error handler that answers
 * JSON for the API (and JSON clients) and an HTML page for people. Every error the app
 * knows has its status and a message safe to show; anything else is a 500 that is logged
 * and says only that it was.
 */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AccountError } from '../accounts/errors';
import { AuthoringError } from '../authoring/errors';
import { ClassroomError } from '../classroom/errors';
import { TabularHierarchyError } from '../codesets/tabular';
import { ConflictError, DamagedDataError, StoreUnavailableError } from '../store/errors';
import { HttpError } from './http-error';

export interface ErrorLogger {
  error(message: string): void;
}

export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `nothing at ${req.method} ${req.path}`));
};

export function errorHandler(logger: ErrorLogger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const { status, message, details } = describeError(err);
    if (status >= 500)
      logger.error(
        `${req.method} ${req.originalUrl}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    if (res.headersSent) return;
    res.status(status);
    if (status === 503) res.setHeader('Retry-After', '5');
    if (wantsJson(req)) {
      res.json({
        error: { status, message, ...(details === undefined ? {} : { details }) },
        // An invalid scenario's problems, where the editor and scripts look for them.
        ...(err instanceof AuthoringError && err.problems ? { problems: err.problems } : {}),
      });
      return;
    }
    const title =
      status === 404
        ? 'Not found'
        : status === 503
          ? 'Temporarily unavailable'
          : status >= 500
            ? 'Something went wrong'
            : 'Request not accepted';
    res.render('error', { title, status, message, details });
  };
}

function describeError(err: unknown): { status: number; message: string; details?: unknown } {
  if (err instanceof HttpError) return { status: err.status, message: err.message, details: err.details };
  if (err instanceof AccountError) return { status: err.status, message: err.message };
  if (err instanceof AuthoringError)
    return { status: err.status, message: err.message, details: err.problems };
  if (err instanceof ClassroomError)
    return { status: err.status, message: err.message, details: err.details };
  if (err instanceof StoreUnavailableError) return { status: 503, message: err.message };
  if (err instanceof ConflictError) return { status: 409, message: err.message };
  // The trainer must learn which data file is damaged and that it was kept.
  if (err instanceof DamagedDataError) return { status: 500, message: err.message };
  if (err instanceof TabularHierarchyError)
    return { status: 500, message: 'an internal error occurred; it has been logged' };
  const e = err as { status?: number; statusCode?: number; type?: string; limit?: number; message?: string };
  const status = e.status ?? e.statusCode;
  // body-parser and friends set a status and a type; their messages are safe to show.
  if (e.type === 'entity.too.large')
    return { status: 413, message: `request body is larger than the ${e.limit}-byte limit` };
  if (e.type === 'entity.parse.failed') return { status: 400, message: `malformed JSON: ${e.message}` };
  if (typeof status === 'number' && status >= 400 && status < 500)
    return { status, message: e.message ?? 'bad request' };
  return { status: 500, message: 'an internal error occurred; it has been logged' };
}

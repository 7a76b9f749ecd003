/** Who may use a route: a signed-in user, a trainer. Pages send a visitor to sign in; the API answers 401/403. */
import type { RequestHandler } from 'express';
import type { User } from '../store/records';
import { wantsJson } from './errors';
import { HttpError } from './http-error';

/** Only paths of this site: "/x", never "//host" or "http:". */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[A-Za-z0-9_\-./?=&%]*$/.test(value) ? value : '/';
}

export const requireUser: RequestHandler = (req, res, next) => {
  if (res.locals.auth.user) return next();
  if (wantsJson(req) || req.method !== 'GET')
    return next(new HttpError(401, 'sign in first (or send an API token)'));
  res.redirect(303, `/signin?next=${encodeURIComponent(safeNext(req.originalUrl))}`);
};

export const requireTrainer: RequestHandler = (req, res, next) => {
  requireUser(req, res, (error?: unknown) => {
    if (error) return next(error);
    if (res.locals.auth.user?.role !== 'trainer') return next(new HttpError(403, 'this is for trainers'));
    next();
  });
};

/** The signed-in user (call after requireUser). */
export function userOf(locals: { auth: { user?: User } }): User {
  const user = locals.auth.user;
  if (!user) throw new HttpError(401, 'sign in first (or send an API token)');
  return user;
}

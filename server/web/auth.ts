/**
 * Who is asking: a user signed in by a session cookie, a user sending an API token
 * (`Authorization: Bearer …`), or a visitor. Sets `res.locals.auth` for every route and
 * view, with the CSRF token the page's forms carry.
 */
import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import type { Accounts } from '../accounts/accounts';
import type { Exam } from '../store/exam-records';
import type { User } from '../store/records';
import { csrfToken, visitorNonce } from './csrf';
import { HttpError } from './http-error';

export const SESSION_COOKIE = 'handoff_session';

export interface Auth {
  user?: User;
  /** The session's id (the hash of the cookie's token), for cookie sessions. */
  sessionId?: string;
  via: 'cookie' | 'token' | 'visitor';
  csrfToken: string;
  /** The user's exams under way, read with the session (cookie sessions only). */
  openExams?: readonly Exam[];
}

declare module 'express-serve-static-core' {
  interface Locals {
    auth: Auth;
  }
}

export function isSecure(req: Request, setting: boolean | 'auto'): boolean {
  return setting === 'auto' ? req.secure : setting;
}

function cookieOptions(secure: boolean): CookieOptions {
  return { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

export function setSessionCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, cookieOptions(secure));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

export function authMiddleware(options: {
  accounts: Accounts;
  secret: string;
  secureCookies: boolean | 'auto';
}): RequestHandler {
  return async (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    if (bearer !== undefined) {
      const user = await options.accounts.resolveApiToken(bearer);
      if (!user) throw new HttpError(401, 'the API token is not valid: it was revoked, or it is mistyped');
      res.locals.auth = { user, via: 'token', csrfToken: '' };
      return next();
    }
    const secure = isSecure(req, options.secureCookies);
    const token: unknown = req.signedCookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token !== '') {
      const found = await options.accounts.resolveSession(token);
      if (found) {
        res.locals.auth = {
          user: found.user,
          sessionId: found.session.id,
          openExams: found.openExams,
          via: 'cookie',
          csrfToken: csrfToken(options.secret, `session:${found.session.id}`),
        };
        return next();
      }
      // Expired or revoked: the cookie is of no use any more.
      clearSessionCookie(res, secure);
    }
    const nonce = visitorNonce(req.signedCookies ?? {}, res, secure);
    res.locals.auth = { via: 'visitor', csrfToken: csrfToken(options.secret, `visitor:${nonce}`) };
    next();
  };
}

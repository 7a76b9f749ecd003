/**
 * Who is practising, and protection against cross-site requests. Each browser gets a
 * signed, HTTP-only cookie holding a random nonce and, once chosen, the trainee id.
 * The CSRF token is an HMAC of the nonce: forms carry it in `_csrf`, scripts in the
 * X-CSRF-Token header, and every state-changing request must present it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Trainee, TraineeStore } from '../storage/trainees';
import { HttpError } from './http-error';

export const SESSION_COOKIE = 'handoff_session';

interface SessionData {
  nonce: string;
  traineeId?: string;
}

export interface Session {
  nonce: string;
  trainee?: Trainee;
  csrfToken: string;
}

declare module 'express-serve-static-core' {
  interface Locals {
    session: Session;
  }
}

function csrfTokenFor(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');
}

function readCookie(req: Request): SessionData | undefined {
  const raw: unknown = req.signedCookies?.[SESSION_COOKIE];
  if (typeof raw !== 'string') return undefined;
  const [nonce, traineeId] = raw.split('.');
  if (!/^[A-Za-z0-9_-]{22}$/.test(nonce ?? '')) return undefined;
  return { nonce, traineeId: traineeId || undefined };
}

export function writeSession(res: Response, data: SessionData, secure: boolean): void {
  res.cookie(SESSION_COOKIE, `${data.nonce}.${data.traineeId ?? ''}`, { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 1000 * 60 * 60 * 24 * 365 });
}

export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** Attach the session (creating a cookie for new visitors) and the trainee it names. */
export function sessionMiddleware(options: { secret: string; trainees: TraineeStore; secureCookies: boolean }): RequestHandler {
  return async (req, res, next) => {
    let data = readCookie(req);
    if (!data) {
      data = { nonce: newNonce() };
      writeSession(res, data, options.secureCookies);
    }
    const trainee = data.traineeId ? await options.trainees.get(data.traineeId) : undefined;
    res.locals.session = { nonce: data.nonce, trainee, csrfToken: csrfTokenFor(options.secret, data.nonce) };
    res.locals.trainee = trainee;
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuse a state-changing request that does not carry this session's token. */
export function csrfProtection(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const body = req.body as Record<string, unknown> | undefined;
    const sent = req.get('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    const expected = res.locals.session.csrfToken;
    if (!sent || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
      return next(new HttpError(403, 'the form has expired or did not come from this site (missing or wrong CSRF token); reload the page and try again'));
    }
    next();
  };
}

export function requireTrainee(req: Request, res: Response): Trainee {
  const trainee = res.locals.session.trainee;
  if (!trainee) throw new HttpError(401, 'choose your name first, so that your attempts are kept');
  return trainee;
}

/**
 * Limits on what one client can do in a window, with express-rate-limit (counters in this
 * process's memory: each server of a pair counts its own). Over a limit the answer is 429
 * with Retry-After and a message that says how long to wait.
 *
 * - Sign-in failures, per username and per client address: a password cannot be guessed
 *   at speed, and the answer is the same whether or not the username exists.
 * - Submissions and grading, per user and per address: one client cannot flood the store
 *   (a trainee once stored 45,000 attempts in 35 seconds, slowing everyone's pages).
 * - Exam answers saved, per user and per address, with room for a page that saves on change.
 */
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { cleanUsername } from '../accounts/usernames';
import { wantsJson } from './errors';

export interface RateLimits {
  signInFailures: number;
  signInWindowMs: number;
  submissionsPerMinute: number;
  submissionsPerMinutePerAddress: number;
  /** Exam answers saved per user per minute (the page saves on change, a few times a minute). */
  examSavesPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInFailures: 10,
  signInWindowMs: 15 * 60 * 1000,
  submissionsPerMinute: 60,
  submissionsPerMinutePerAddress: 600,
  examSavesPerMinute: 240,
};

function tooMany(what: string) {
  return (req: Request, res: Response, _next: unknown, options: { statusCode: number }) => {
    const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
    const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
    const message = `${what}; try again in ${wait}`;
    res.status(options.statusCode).setHeader('Retry-After', String(seconds));
    if (wantsJson(req))
      res.json({ error: { status: options.statusCode, message, retryAfterSeconds: seconds } });
    else res.render('error', { title: 'Please wait', status: options.statusCode, message });
  };
}

const address = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

export function signInLimits(limits: RateLimits): RequestHandler[] {
  const common = {
    windowMs: limits.signInWindowMs,
    limit: limits.signInFailures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    handler: tooMany('too many failed sign-ins'),
  };
  const usernameOf = (req: Request) => {
    const body = req.body as Record<string, unknown> | undefined;
    return typeof body?.username === 'string' ? cleanUsername(body.username).toLocaleLowerCase('en') : '';
  };
  return [
    rateLimit({ ...common, keyGenerator: address }),
    rateLimit({ ...common, keyGenerator: (req) => `user:${usernameOf(req)}` }),
  ];
}

function perMinute(what: string, perUser: number, perAddress: number): RequestHandler[] {
  const common = {
    windowMs: 60_000,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    handler: tooMany(`too many ${what} in a minute`),
  };
  return [
    rateLimit({ ...common, limit: perAddress, keyGenerator: address }),
    rateLimit({
      ...common,
      limit: perUser,
      keyGenerator: (req, res) => `user:${(res.locals.auth.user?.id as string | undefined) ?? address(req)}`,
    }),
  ];
}

export function submissionLimits(limits: RateLimits): RequestHandler[] {
  return perMinute('submissions', limits.submissionsPerMinute, limits.submissionsPerMinutePerAddress);
}

export function examSaveLimits(limits: RateLimits): RequestHandler[] {
  return perMinute('saves', limits.examSavesPerMinute, limits.submissionsPerMinutePerAddress);
}

/**
 * cookie-parser, remembering what it made of each Cookie header. A browser sends the same
 * header with every request, and checking a signed cookie costs three hashes (HMAC, then
 * a hashed comparison); the same header with the same secret always gives the same
 * cookies, so the result is reused. The cookies are frozen, so no request can change
 * what another sees (nothing here writes to them), and none pays for a copy. A forged or
 * altered cookie is a different header, checked afresh (and refused) like any other.
 */
import cookieParser from 'cookie-parser';
import type { Request, RequestHandler } from 'express';
import { boundedMemo } from './bounded-memo';

type CookieJar = Record<string, unknown>;

/** Browsers send at most a few kilobytes of cookies; longer headers are parsed each time. */
const LONGEST_REMEMBERED = 4096;

export function readCookies(secret: string, remember = 1000): RequestHandler {
  const parse = cookieParser(secret);
  const parsed = boundedMemo((header) => {
    const probe = { headers: { cookie: header } } as unknown as Request;
    // cookie-parser works synchronously: the fields are set when it calls back.
    parse(probe, undefined as never, () => {});
    return { cookies: Object.freeze(probe.cookies as CookieJar), signedCookies: Object.freeze(probe.signedCookies as CookieJar) };
  }, remember);

  return (req, res, next) => {
    const header = req.headers.cookie;
    if (!header || header.length > LONGEST_REMEMBERED) return parse(req, res, next);
    const { cookies, signedCookies } = parsed(header);
    (req as Request & { secret?: string }).secret = secret; // as cookie-parser sets it: res.cookie signs with it
    req.cookies = cookies;
    req.signedCookies = signedCookies;
    next();
  };
}

import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookies } from '../../server/web/cookies';

const SECRET = 'cookie-test-secret-cookie-test-secret';
// The format cookie-parser reads: "s:" + value + "." + base64 HMAC-SHA256 without padding.
const signed = (value: string, secret = SECRET) => `s:${value}.${createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '')}`;
const header = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('; ');

function read(middleware: ReturnType<typeof readCookies>, cookieHeader: string | undefined) {
  const req = { headers: cookieHeader === undefined ? {} : { cookie: cookieHeader } } as unknown as Request & { secret?: string };
  let called = 0;
  middleware(req, {} as Response, () => called++);
  expect(called).toBe(1);
  return req;
}

describe('readCookies: cookie-parser, remembering each Cookie header', () => {
  it.each<{ case: string; cookies: Record<string, string>; signedCookies: Record<string, unknown>; plain: Record<string, string> }>([
    { case: 'a signed session cookie', cookies: { handoff_session: signed('nonce.trainee') }, signedCookies: { handoff_session: 'nonce.trainee' }, plain: {} },
    { case: 'a cookie signed with another secret', cookies: { handoff_session: signed('nonce.trainee', 'another-secret') }, signedCookies: { handoff_session: false }, plain: {} },
    { case: 'an altered value under a valid signature', cookies: { handoff_session: signed('nonce.trainee').replace('trainee', 'someone') }, signedCookies: { handoff_session: false }, plain: {} },
    { case: 'a plain cookie', cookies: { theme: 'dark' }, signedCookies: {}, plain: { theme: 'dark' } },
  ])('reads $case, the first time and again from memory', ({ cookies, signedCookies, plain }) => {
    const middleware = readCookies(SECRET);
    for (let time = 0; time < 2; time++) {
      const req = read(middleware, header(cookies));
      expect({ ...req.signedCookies }).toEqual(signedCookies);
      expect({ ...req.cookies }).toEqual(plain);
      expect(req.secret).toBe(SECRET);
    }
  });

  it('gives requests read-only cookies, so that one cannot change what the next sees', () => {
    const middleware = readCookies(SECRET);
    const cookieHeader = header({ handoff_session: signed('a.b'), theme: 'dark' });
    const first = read(middleware, cookieHeader);
    expect(() => {
      (first.signedCookies as Record<string, unknown>).handoff_session = 'x.someone-else';
    }).toThrow(TypeError);
    expect(() => {
      (first.cookies as Record<string, unknown>).theme = 'light';
    }).toThrow(TypeError);
    const second = read(middleware, cookieHeader);
    expect(second.signedCookies.handoff_session).toBe('a.b');
    expect(second.cookies.theme).toBe('dark');
  });

  it('stays right once it forgets headers, and for headers too long to remember', () => {
    const middleware = readCookies(SECRET, 1);
    const long = 'x'.repeat(5000);
    for (const value of ['one.1', 'two.2', 'one.1', long, long]) {
      expect(read(middleware, header({ handoff_session: signed(value) })).signedCookies.handoff_session).toBe(value);
    }
  });

  it('gives empty jars when there is no Cookie header', () => {
    const req = read(readCookies(SECRET), undefined);
    expect({ ...req.cookies }).toEqual({});
    expect({ ...req.signedCookies }).toEqual({});
  });
});

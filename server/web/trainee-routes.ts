import { Router } from 'express';
import type { AppDeps } from '../app';
import { cleanName, MAX_NAME_LENGTH } from '../storage/trainees';
import { csrfProtection, newNonce, writeSession } from './session';

/** Only paths of this site: "/x", never "//host" or "http:". */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[A-Za-z0-9_\-./?=&%]*$/.test(value) ? value : '/';
}

export function traineeRoutes(deps: AppDeps): Router {
  const router = Router();
  const renderStart = async (res: import('express').Response, status: number, next: string, error?: string, name = '') => {
    const names = (await deps.trainees.list()).map((t) => t.name).sort((a, b) => a.localeCompare(b));
    res.status(status).render('start', { title: 'Who is practising?', next, names, error, name });
  };

  router.get('/start', async (req, res) => renderStart(res, 200, safeNext(req.query.next)));

  router.post('/start', csrfProtection(), async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const next = safeNext(body.next);
    const name = typeof body.name === 'string' ? cleanName(body.name) : '';
    let error: string | undefined;
    if (name === '') error = 'Enter a display name.';
    else if (name.length > MAX_NAME_LENGTH) error = `A display name is at most ${MAX_NAME_LENGTH} characters.`;
    else if (/\p{Cc}/u.test(name)) error = 'A display name cannot contain control characters.';
    if (error) return renderStart(res, 400, next, error, typeof body.name === 'string' ? body.name.slice(0, MAX_NAME_LENGTH) : '');
    const trainee = await deps.trainees.findOrCreate(name);
    // A new nonce on every sign-in, so a token seen before cannot be replayed.
    writeSession(res, { nonce: newNonce(), traineeId: trainee.id }, deps.secureCookies ?? false);
    res.redirect(303, next);
  });

  router.post('/signout', csrfProtection(), (_req, res) => {
    writeSession(res, { nonce: newNonce() }, deps.secureCookies ?? false);
    res.redirect(303, '/');
  });
  return router;
}

/**
 * Accounts on the web: first-run set-up, sign-in and out, registration with a join code,
 * the account page (password, sign out everywhere, API tokens), reset links; and the same
 * operations as JSON under /api/auth and /api/session.
 */
import { Router, type Request, type Response } from 'express';
import type { SignedIn } from '../accounts/accounts';
import { AccountError, type AccountErrorId } from '../accounts/errors';
import type { User } from '../store/records';
import { clearSessionCookie, isSecure, setSessionCookie } from './auth';
import { csrfProtection, csrfToken } from './csrf';
import type { AppDeps } from './deps';
import { requireUser, safeNext, userOf } from './guards';
import { HttpError } from './http-error';
import { signInLimits, type RateLimits } from './rate-limits';

type Deps = Pick<AppDeps, 'accounts' | 'store' | 'secret'> & {
  secureCookies: boolean | 'auto';
  limits: RateLimits;
};

/** Which form field an account error is about. */
const FIELD_OF: Partial<Record<AccountErrorId, string>> = {
  'invalid-username': 'username',
  'username-taken': 'username',
  'invalid-password': 'password',
  'wrong-credentials': 'password',
  'unclaimed-account': 'password',
  'join-code-unknown': 'joinCode',
  'registration-closed': 'joinCode',
  'wrong-current-password': 'current',
  'setup-closed': 'username',
  'reset-invalid': 'password',
};

const text = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 500) : '';
};

export const publicUser = (user: User) => ({ id: user.id, username: user.username, role: user.role });

export function accountRoutes(deps: Deps): Router {
  const router = Router();
  const secure = (req: Request) => isSecure(req, deps.secureCookies);
  const signedIn = (req: Request, res: Response, done: SignedIn) => {
    setSessionCookie(res, done.token, secure(req));
    return { user: publicUser(done.user), csrfToken: csrfToken(deps.secret, `session:${done.session.id}`) };
  };
  /** Render a form again with what went wrong beside the field it concerns. */
  const refused = (res: Response, view: string, error: unknown, locals: Record<string, unknown>) => {
    if (!(error instanceof AccountError)) throw error;
    res
      .status(error.status)
      .render(view, { ...locals, errors: { [FIELD_OF[error.id] ?? 'form']: error.message } });
  };
  const limited = signInLimits(deps.limits);

  // First run --------------------------------------------------------------------------
  router.get('/setup', async (_req, res) => {
    if (!(await deps.accounts.needsSetup())) return res.redirect(303, '/signin');
    res.render('setup', { title: 'Set up Handoff', errors: {}, values: {} });
  });
  router.post('/setup', csrfProtection(), async (req, res) => {
    const username = text(req.body, 'username');
    try {
      const done = await deps.accounts.setUp(username, text(req.body, 'password'));
      signedIn(req, res, done);
      res.redirect(303, '/cohorts?welcome=1');
    } catch (error) {
      refused(res, 'setup', error, { title: 'Set up Handoff', values: { username } });
    }
  });

  // Sign in and out ---------------------------------------------------------------------
  router.get('/signin', (req, res) => {
    if (res.locals.auth.user) return res.redirect(303, safeNext(req.query.next));
    res.render('signin', { title: 'Sign in', next: safeNext(req.query.next), errors: {}, values: {} });
  });
  router.post('/signin', csrfProtection(), ...limited, async (req, res) => {
    const username = text(req.body, 'username');
    const next = safeNext(text(req.body, 'next'));
    try {
      signedIn(req, res, await deps.accounts.signIn(username, text(req.body, 'password')));
      res.redirect(303, next);
    } catch (error) {
      refused(res, 'signin', error, { title: 'Sign in', next, values: { username } });
    }
  });
  router.post('/signout', csrfProtection(), async (req, res) => {
    if (res.locals.auth.sessionId) await deps.accounts.endSession(res.locals.auth.sessionId);
    clearSessionCookie(res, secure(req));
    res.redirect(303, '/signin');
  });

  // Registration -----------------------------------------------------------------------
  router.get('/register', (req, res) => {
    res.render('register', {
      title: 'Join your class',
      errors: {},
      values: { joinCode: typeof req.query.code === 'string' ? req.query.code.slice(0, 20) : '' },
    });
  });
  router.post('/register', csrfProtection(), async (req, res) => {
    const values = { username: text(req.body, 'username'), joinCode: text(req.body, 'joinCode') };
    try {
      signedIn(
        req,
        res,
        await deps.accounts.register(values.username, text(req.body, 'password'), values.joinCode),
      );
      res.redirect(303, '/');
    } catch (error) {
      refused(res, 'register', error, { title: 'Join your class', values });
    }
  });

  // The account page -------------------------------------------------------------------
  const renderAccount = async (
    res: Response,
    status: number,
    locals: { notice?: string; errors?: Record<string, string> },
  ) => {
    const user = userOf(res.locals);
    res.status(status).render('account', {
      title: 'Your account',
      tokens: await deps.store.listTokens(user.id),
      notice: locals.notice,
      errors: locals.errors ?? {},
    });
  };
  router.get('/account', requireUser, async (req, res) =>
    renderAccount(res, 200, {
      notice:
        req.query.changed === '1'
          ? 'Your password is changed; every other session was signed out.'
          : undefined,
    }),
  );
  router.post('/account/password', requireUser, csrfProtection(), async (req, res) => {
    try {
      const done = await deps.accounts.changePassword(
        userOf(res.locals),
        text(req.body, 'current'),
        text(req.body, 'password'),
      );
      signedIn(req, res, done);
      res.redirect(303, '/account?changed=1');
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      await renderAccount(res, error.status, { errors: { [FIELD_OF[error.id] ?? 'form']: error.message } });
    }
  });
  router.post('/account/signout-everywhere', requireUser, csrfProtection(), async (req, res) => {
    await deps.accounts.endOtherSessions(userOf(res.locals).id);
    clearSessionCookie(res, secure(req));
    res.redirect(303, '/signin');
  });
  router.post('/account/tokens/:id/revoke', requireUser, csrfProtection(), async (req, res) => {
    if (!(await deps.store.deleteToken(userOf(res.locals).id, String(req.params.id))))
      throw new HttpError(404, 'token not found');
    res.redirect(303, '/account');
  });

  // Reset links ------------------------------------------------------------------------
  const resetLocals = async (token: string) => {
    const target = await deps.accounts.resetLinkUser(token);
    return {
      title: target && !target.passwordHash ? 'Claim your account' : 'Choose a new password',
      target,
      claiming: Boolean(target && !target.passwordHash),
    };
  };
  router.get('/reset/:token', async (req, res) => {
    const locals = await resetLocals(String(req.params.token));
    res.status(locals.target ? 200 : 400).render('reset', { ...locals, errors: {} });
  });
  router.post('/reset/:token', csrfProtection(), async (req, res) => {
    const token = String(req.params.token);
    try {
      signedIn(req, res, await deps.accounts.useResetLink(token, text(req.body, 'password')));
      res.redirect(303, '/');
    } catch (error) {
      refused(res, 'reset', error, await resetLocals(token));
    }
  });

  // JSON API ---------------------------------------------------------------------------
  // Sign-in and registration take JSON only: a cross-site form cannot send it, so they need
  // no CSRF token (there is no session yet to protect).
  const json = (req: Request) => {
    if (!req.is('application/json'))
      throw new HttpError(415, 'send JSON with Content-Type: application/json');
  };
  router.post('/api/auth/login', ...limited, async (req, res) => {
    json(req);
    res.json(
      signedIn(req, res, await deps.accounts.signIn(text(req.body, 'username'), text(req.body, 'password'))),
    );
  });
  router.post('/api/auth/register', async (req, res) => {
    json(req);
    res
      .status(201)
      .json(
        signedIn(
          req,
          res,
          await deps.accounts.register(
            text(req.body, 'username'),
            text(req.body, 'password'),
            text(req.body, 'joinCode'),
          ),
        ),
      );
  });
  router.post('/api/auth/logout', csrfProtection(), async (req, res) => {
    if (res.locals.auth.sessionId) await deps.accounts.endSession(res.locals.auth.sessionId);
    clearSessionCookie(res, secure(req));
    res.status(204).end();
  });
  router.get('/api/session', (_req, res) => {
    const user = res.locals.auth.user;
    if (!user) throw new HttpError(401, 'not signed in');
    res.json({ user: publicUser(user), csrfToken: res.locals.auth.csrfToken });
  });
  return router;
}

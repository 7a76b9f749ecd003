/**
 * While no account exists, every page leads to /setup, where the first trainer is made;
 * the API says the same in JSON. Once an account exists this is remembered and costs
 * nothing more.
 */
import type { RequestHandler } from 'express';
import type { Accounts } from '../accounts/accounts';
import { wantsJson } from './errors';
import { HttpError } from './http-error';

export function firstRun(accounts: Accounts): RequestHandler {
  let setUp = false;
  return async (req, res, next) => {
    if (setUp || req.path === '/setup') return next();
    if (!(await accounts.needsSetup())) {
      setUp = true;
      return next();
    }
    if (wantsJson(req))
      return next(
        new HttpError(
          409,
          'Handoff is not set up yet: open /setup in a browser to create the first trainer account',
        ),
      );
    res.redirect(303, '/setup');
  };
}

/** A user's own attempts: the results page, and the API's list (paged) and single attempt. */
import { Router } from 'express';
import type { Practice } from '../practice/practice';
import type { AppDeps, LockedScenarios } from './deps';
import { requireUser, userOf } from './guards';
import { HttpError, notFound } from './http-error';
import { attemptView } from './view-models/attempt';

type Deps = Pick<AppDeps, 'scenarios' | 'store' | 'codeSets' | 'glossary'> & {
  practice: Practice;
  locked: LockedScenarios;
};

const LOCKED_RESULT =
  "this attempt's scenario is in an exam you are taking: its results (and answer key) are shown again when the exam is over";

export const MAX_PAGE = 100;

export function pageSize(value: unknown, fallback = 20): number {
  if (value === undefined || value === '') return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new HttpError(400, `limit must be a whole number from 1 to ${MAX_PAGE}`);
  return limit;
}

export function attemptRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/attempts/:id', requireUser, async (req, res) => {
    // Another user's attempt is answered exactly like one that does not exist.
    const attempt = await deps.store.getAttempt(userOf(res.locals).id, String(req.params.id));
    if (!attempt || attempt.examId) throw notFound('attempt');
    if ((await deps.locked(res.locals.auth)).has(attempt.scenarioId)) throw new HttpError(409, LOCKED_RESULT);
    const view = await deps.practice.view(attempt, deps.scenarios.get(attempt.scenarioId));
    res.render('attempt', {
      title: `Results: ${view.scenario?.title ?? attempt.scenarioId}`,
      ...attemptView(view, deps.codeSets?.(), deps.glossary),
      scripts: ['/static/attempt.js', '/static/glossary.js'],
    });
  });

  router.get('/api/attempts', requireUser, async (req, res) => {
    const before =
      typeof req.query.before === 'string' && req.query.before !== '' ? req.query.before : undefined;
    const page = await deps.store.listAttempts(userOf(res.locals).id, {
      limit: pageSize(req.query.limit),
      before,
    });
    res.json({
      attempts: page.attempts.map((a) => ({
        id: a.id,
        scenarioId: a.scenarioId,
        submittedAt: a.submittedAt,
        score: a.score,
        claimReady: a.claimReady,
        ...(a.examId ? { examId: a.examId } : {}),
      })),
      ...(page.next ? { next: `/api/attempts?limit=${pageSize(req.query.limit)}&before=${page.next}` } : {}),
    });
  });

  router.get('/api/attempts/:id', requireUser, async (req, res) => {
    const attempt = await deps.store.getAttempt(userOf(res.locals).id, String(req.params.id));
    if (!attempt) throw notFound('attempt');
    if ((await deps.locked(res.locals.auth)).has(attempt.scenarioId)) throw new HttpError(409, LOCKED_RESULT);
    const view = await deps.practice.view(attempt, deps.scenarios.get(attempt.scenarioId));
    res.json({ ...view.attempt, scenarioChanged: view.changed });
  });
  return router;
}

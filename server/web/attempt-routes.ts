import { Router } from 'express';
import type { AppDeps } from '../app';
import { expandAttempt } from '../storage/attempts';
import { notFound } from './http-error';

import { requireTrainee } from './session';
import { attemptView } from './view-models/attempt';

export function attemptRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/attempts/:id', async (req, res) => {
    const trainee = res.locals.session.trainee;
    if (!trainee) return res.redirect(303, `/start?next=${encodeURIComponent(req.originalUrl)}`);
    // Another trainee's attempt is answered exactly like one that does not exist.
    const attempt = await deps.attempts.get(trainee.id, req.params.id);
    if (!attempt) throw notFound('attempt');
    const scenario = deps.scenarios.get(attempt.scenarioId);
    res.render('attempt', { title: `Results: ${scenario?.title ?? attempt.scenarioId}`, ...attemptView(expandAttempt(attempt, scenario), scenario, deps.codeSets?.()), scripts: ['/static/attempt.js'] });
  });

  router.get('/api/attempts/:id', async (req, res) => {
    const trainee = requireTrainee(req, res);
    const attempt = await deps.attempts.get(trainee.id, req.params.id);
    if (!attempt) throw notFound('attempt');
    res.status(200).json(expandAttempt(attempt, deps.scenarios.get(attempt.scenarioId)));
  });
  return router;
}

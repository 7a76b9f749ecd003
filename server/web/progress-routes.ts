import { Router } from 'express';
import type { AppDeps } from '../app';
import { historyCsv, mastery, mistakesByKind, scoreLine } from './view-models/progress';

export function progressRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/progress', async (req, res) => {
    const trainee = res.locals.session.trainee;
    if (!trainee) return res.redirect(303, '/start?next=/progress');
    const attempts = await deps.attempts.list(trainee.id);
    const scenarios = deps.scenarios.list();
    const titleOf = (id: string) => deps.scenarios.get(id)?.title ?? id;
    res.render('progress', {
      title: 'Progress',
      nav: 'progress',
      attempts: [...attempts].reverse().map((a) => ({ ...a, title: titleOf(a.scenarioId) })),
      line: scoreLine(attempts),
      bars: mistakesByKind(attempts),
      mastery: mastery(scenarios, attempts),
    });
  });

  router.get('/progress.csv', async (req, res) => {
    const trainee = res.locals.session.trainee;
    if (!trainee) return res.redirect(303, '/start?next=/progress');
    const attempts = await deps.attempts.list(trainee.id);
    res.type('text/csv; charset=utf-8');
    res.attachment('handoff-history.csv');
    res.send(historyCsv(attempts, (id) => deps.scenarios.get(id)?.title ?? id));
  });
  return router;
}

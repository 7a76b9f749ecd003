import { Router } from 'express';
import { systemsOf } from '../scenarios/model';
import type { AppDeps } from '../app';

export function catalogRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    const scenarios = deps.scenarios.list().map((s) => ({ ...s, systems: systemsOf(s) }));
    res.render('catalog', { title: 'Scenarios', scenarios, problemCount: deps.scenarios.problems().length });
  });
  router.get('/problems', (_req, res) => {
    res.render('problems', { title: 'Scenario problems', problems: deps.scenarios.problems() });
  });
  router.get('/api/scenario-problems', (_req, res) => {
    res.json({ problems: deps.scenarios.problems() });
  });
  return router;
}

import { Router } from 'express';
import type { AppDeps } from '../app';
import { applyFilters, catalogRows, filterOptions, readFilters } from './view-models/catalog';

export function catalogRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const trainee = res.locals.session.trainee;
    const attempts = trainee ? await deps.attempts.list(trainee.id) : [];
    const rows = catalogRows(deps.scenarios.list(), attempts);
    const filters = readFilters(req.query as Record<string, unknown>);
    const shown = applyFilters(rows, filters);
    const claimReady = rows.filter((r) => r.status === 'claim-ready').length;
    res.render('catalog', {
      title: 'Scenarios',
      nav: 'catalog',
      rows: shown,
      total: rows.length,
      claimReady,
      filters,
      options: filterOptions(rows),
      filtered: Object.values(filters).some(Boolean),
      problemCount: deps.scenarios.problems().length,
    });
  });
  router.get('/problems', (_req, res) => {
    res.render('problems', { title: 'Scenario problems', nav: 'problems', problems: deps.scenarios.problems() });
  });
  router.get('/api/scenario-problems', (_req, res) => {
    res.json({ problems: deps.scenarios.problems() });
  });
  return router;
}

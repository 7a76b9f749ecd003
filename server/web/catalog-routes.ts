import { Router } from 'express';
import type { AssignmentService } from '../classroom/assignment-service';
import { assignmentRows } from './assignment-routes';
import type { AppDeps } from './deps';
import { requireTrainer, requireUser, userOf } from './guards';
import { applyFilters, catalogRows, filterOptions, readFilters } from './view-models/catalog';

export function catalogRoutes(
  deps: Pick<AppDeps, 'scenarios' | 'store'> & { assignments: AssignmentService },
): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    const user = userOf(res.locals);
    const rows = catalogRows(deps.scenarios.list(), await deps.store.statsOf(user.id));
    const filters = readFilters(req.query as Record<string, unknown>);
    const shown = applyFilters(rows, filters);
    res.render('catalog', {
      title: 'Scenarios',
      nav: 'catalog',
      rows: shown,
      total: rows.length,
      claimReady: rows.filter((r) => r.status === 'claim-ready').length,
      filters,
      options: filterOptions(rows),
      filtered: Object.values(filters).some(Boolean),
      problemCount: user.role === 'trainer' ? deps.scenarios.problems().length : 0,
      assignments: user.role === 'trainee' ? assignmentRows(await deps.assignments.forTrainee(user)) : [],
    });
  });
  router.get('/problems', requireTrainer, (_req, res) => {
    res.render('problems', {
      title: 'Scenario problems',
      nav: 'problems',
      problems: deps.scenarios.problems(),
    });
  });
  router.get('/api/scenario-problems', requireTrainer, (_req, res) => {
    res.json({ problems: deps.scenarios.problems() });
  });
  return router;
}

/**
 * A trainee's progress: running totals (mastery, mistakes by kind) and the history one page
 * at a time, so the page costs the same after ten attempts or ten thousand; the CSV is
 * written page by page as it is read.
 */
import { Router } from 'express';
import { DEFAULT_RULES } from '../grader/registry';
import type { AssignmentService } from '../classroom/assignment-service';
import { assignmentRows } from './assignment-routes';
import { pageSize } from './attempt-routes';
import type { AppDeps } from './deps';
import { requireUser, userOf } from './guards';
import { HISTORY_HEADER, historyRow, mastery, mistakesByKind, scoreLine } from './view-models/progress';

const CSV_PAGE = 500;

export function progressRoutes(
  deps: Pick<AppDeps, 'scenarios' | 'store'> & { assignments: AssignmentService },
): Router {
  const router = Router();
  const titleOf = (id: string) => deps.scenarios.get(id)?.title ?? id;

  router.get('/progress', requireUser, async (req, res) => {
    const user = userOf(res.locals);
    const before =
      typeof req.query.before === 'string' && req.query.before !== '' ? req.query.before : undefined;
    const limit = pageSize(req.query.limit, 25);
    const [page, recent, stats] = await Promise.all([
      deps.store.listAttempts(user.id, { limit, before, examId: null }),
      deps.store.listAttempts(user.id, { limit: 50, examId: null }),
      deps.store.statsOf(user.id),
    ]);
    res.render('progress', {
      title: 'Progress',
      nav: 'progress',
      total: stats.reduce((n, s) => n + s.attempts, 0),
      attempts: page.attempts.map((a) => ({ ...a, title: titleOf(a.scenarioId) })),
      next: page.next ? `/progress?before=${page.next}&limit=${limit}` : undefined,
      first: before !== undefined,
      line: scoreLine([...recent.attempts].reverse()),
      bars: mistakesByKind(stats, (kind) => DEFAULT_RULES.label(kind)),
      mastery: mastery(deps.scenarios.list(), stats),
      assignments: user.role === 'trainee' ? assignmentRows(await deps.assignments.forTrainee(user)) : [],
    });
  });

  router.get('/progress.csv', requireUser, async (_req, res) => {
    const user = userOf(res.locals);
    res.type('text/csv; charset=utf-8');
    res.attachment('handoff-history.csv');
    res.write(`${HISTORY_HEADER.join(',')}\r\n`);
    let before: string | undefined;
    do {
      const page = await deps.store.listAttempts(user.id, { limit: CSV_PAGE, before, examId: null });
      if (page.attempts.length > 0)
        res.write(`${page.attempts.map((a) => historyRow(a, titleOf)).join('\r\n')}\r\n`);
      before = page.next;
    } while (before);
    res.end();
  });
  return router;
}

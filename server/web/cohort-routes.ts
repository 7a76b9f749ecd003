/**
 * Classes, for trainers: create a cohort (with its join code), see its dashboard (roster,
 * heat map, hardest scenarios, item analysis), drill down to a trainee's attempts, manage
 * who teaches it and who may join, make reset links, and export CSV. A trainer sees only
 * the cohorts they teach; any other cohort is answered as not found.
 */
import { Router, type Request, type Response } from 'express';
import type { Accounts } from '../accounts/accounts';
import { newId, newJoinCode } from '../accounts/tokens';
import { cleanUsername } from '../accounts/usernames';
import { cohortReport } from '../classroom/report';
import { DEFAULT_RULES } from '../grader/registry';
import type { Practice } from '../practice/practice';
import { ConflictError } from '../store/errors';
import type { Cohort, User } from '../store/records';
import { pageSize } from './attempt-routes';
import { csrfProtection } from './csrf';
import type { AppDeps, Clock } from './deps';
import { requireTrainer, requireUser, userOf } from './guards';
import { HttpError, notFound } from './http-error';
import { attemptView } from './view-models/attempt';
import { heatMap, readSort, ROSTER_HEADER, sortRoster, sparkline } from './view-models/cohort';
import { csvCell, HISTORY_HEADER, historyRow } from './view-models/progress';

type Deps = Pick<AppDeps, 'scenarios' | 'store' | 'codeSets' | 'glossary'> & {
  accounts: Accounts;
  practice: Practice;
  clock: Clock;
};

const MAX_NAME = 100;
const CSV_PAGE = 500;

export function cohortRoutes(deps: Deps): Router {
  const router = Router();
  const titleOf = (id: string) => deps.scenarios.get(id)?.title ?? id;

  /** The cohort in the URL, if the signed-in trainer teaches it. */
  const taughtCohort = async (req: Request, res: Response): Promise<Cohort> => {
    const cohort = await deps.store.getCohort(String(req.params.id));
    if (!cohort || !cohort.trainerIds.includes(userOf(res.locals).id)) throw notFound('class');
    return cohort;
  };
  const membersOf = async (cohort: Cohort): Promise<User[]> => {
    const ids = new Set((await deps.store.membersOf(cohort.id)).map((m) => m.userId));
    return (await deps.store.listUsers()).filter((u) => ids.has(u.id));
  };
  /** A trainee of the cohort (any other id is not found). */
  const memberOf = async (cohort: Cohort, userId: string): Promise<User> => {
    const member = (await deps.store.membersOf(cohort.id)).some((m) => m.userId === userId);
    const user = member ? await deps.store.getUser(userId) : undefined;
    if (!user) throw notFound('trainee');
    return user;
  };
  const reportOf = async (cohort: Cohort) => {
    const members = await membersOf(cohort);
    return {
      members,
      report: cohortReport(members, await deps.store.statsOfUsers(members.map((m) => m.id)), titleOf),
    };
  };
  const createCohort = async (trainer: User, rawName: unknown): Promise<Cohort> => {
    const name = typeof rawName === 'string' ? rawName.normalize('NFKC').trim().replace(/\s+/g, ' ') : '';
    if (name === '' || name.length > MAX_NAME || /[\p{Cc}\p{Cf}]/u.test(name))
      throw new HttpError(400, `a class name is 1 to ${MAX_NAME} characters of visible text`);
    for (let tries = 0; ; tries++) {
      const cohort: Cohort = {
        id: newId(8),
        name,
        joinCode: newJoinCode(),
        registrationOpen: true,
        trainerIds: [trainer.id],
        createdAt: deps.clock().toISOString(),
      };
      try {
        await deps.store.createCohort(cohort);
        return cohort;
      } catch (error) {
        // A join code drawn twice (one in 31^8): draw again.
        if (!(error instanceof ConflictError) || tries > 3) throw error;
      }
    }
  };
  /** Trainees of the name-only version who are in no class yet: their history waits for them. */
  const classless = async (): Promise<User[]> => {
    const users = await deps.store.listUsers();
    const inClass = new Set<string>();
    for (const cohort of await deps.store.listCohorts())
      for (const m of await deps.store.membersOf(cohort.id)) inClass.add(m.userId);
    return users.filter((u) => u.role === 'trainee' && !inClass.has(u.id));
  };

  // Pages ------------------------------------------------------------------------------
  router.get('/cohorts', requireTrainer, async (req, res) => {
    const trainer = userOf(res.locals);
    const cohorts = (await deps.store.listCohorts()).filter((c) => c.trainerIds.includes(trainer.id));
    const counts = await Promise.all(cohorts.map(async (c) => (await deps.store.membersOf(c.id)).length));
    res.render('cohorts', {
      title: 'Classes',
      nav: 'cohorts',
      cohorts: cohorts.map((c, i) => ({ ...c, members: counts[i] })),
      classless: await classless(),
      welcome: req.query.welcome === '1',
      errors: {},
    });
  });

  router.post('/cohorts', requireTrainer, csrfProtection(), async (req, res) => {
    const cohort = await createCohort(userOf(res.locals), (req.body as Record<string, unknown>).name);
    res.redirect(303, `/cohorts/${cohort.id}`);
  });

  router.get('/cohorts/:id', requireTrainer, async (req, res) => {
    const cohort = await taughtCohort(req, res);
    const { members, report } = await reportOf(cohort);
    const { sort, dir } = readSort(req.query.sort, req.query.dir);
    const roster = sortRoster(report.trainees, sort, dir);
    const recent = new Map(
      await Promise.all(
        members.map(
          async (m) =>
            [
              m.id,
              (await deps.store.listAttempts(m.id, { limit: 10, examId: null })).attempts
                .map((a) => a.score.percent)
                .reverse(),
            ] as const,
        ),
      ),
    );
    const scenarios = new Map(deps.scenarios.list().map((s) => [s.id, s]));
    const trainers = (await deps.store.listUsers()).filter((u) => cohort.trainerIds.includes(u.id));
    res.render('cohort', {
      title: cohort.name,
      nav: 'cohorts',
      cohort,
      trainers,
      roster: roster.map((r) => ({ ...r, spark: sparkline(recent.get(r.userId) ?? []) })),
      sort,
      dir,
      heat: heatMap(report, roster, scenarios),
      hardest: report.scenarios.slice(0, 5),
      items: report.scenarios,
      label: (kind: string) => DEFAULT_RULES.label(kind),
      joinUrl: `/register?code=${cohort.joinCode}`,
      assignments: (await deps.store.listAssignments([cohort.id])).sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      ),
      resetLink: undefined,
    });
  });

  router.post('/cohorts/:id/registration', requireTrainer, csrfProtection(), async (req, res) => {
    const cohort = await taughtCohort(req, res);
    await deps.store.updateCohort(cohort.id, {
      registrationOpen: (req.body as Record<string, unknown>).open === '1',
    });
    res.redirect(303, `/cohorts/${cohort.id}#settings`);
  });

  router.post('/cohorts/:id/trainers', requireTrainer, csrfProtection(), async (req, res) => {
    const cohort = await taughtCohort(req, res);
    const user = await deps.store.findUserByUsername(
      cleanUsername(String((req.body as Record<string, unknown>).username ?? '')),
    );
    if (!user || user.role !== 'trainer') throw new HttpError(400, 'no trainer has that username');
    if (!cohort.trainerIds.includes(user.id))
      await deps.store.updateCohort(cohort.id, { trainerIds: [...cohort.trainerIds, user.id] });
    res.redirect(303, `/cohorts/${cohort.id}#settings`);
  });

  router.post('/cohorts/:id/members', requireTrainer, csrfProtection(), async (req, res) => {
    const cohort = await taughtCohort(req, res);
    const user = await deps.store.findUserByUsername(
      cleanUsername(String((req.body as Record<string, unknown>).username ?? '')),
    );
    if (!user || user.role !== 'trainee') throw new HttpError(400, 'no trainee has that username');
    await deps.store.addMember({
      cohortId: cohort.id,
      userId: user.id,
      joinedAt: deps.clock().toISOString(),
    });
    res.redirect(303, `/cohorts/${cohort.id}`);
  });

  router.get('/cohorts/:id/trainees/:userId', requireTrainer, async (req, res) => {
    const cohort = await taughtCohort(req, res);
    const trainee = await memberOf(cohort, String(req.params.userId));
    const before =
      typeof req.query.before === 'string' && req.query.before !== '' ? req.query.before : undefined;
    const page = await deps.store.listAttempts(trainee.id, { limit: pageSize(req.query.limit, 25), before });
    res.render('cohort-trainee', {
      title: `${trainee.username} — ${cohort.name}`,
      nav: 'cohorts',
      cohort,
      trainee,
      attempts: page.attempts.map((a) => ({ ...a, title: titleOf(a.scenarioId) })),
      next: page.next,
      stats: (await deps.store.statsOf(trainee.id))
        .map((s) => ({ ...s, title: titleOf(s.scenarioId) }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    });
  });

  router.get('/cohorts/:id/trainees/:userId/attempts/:attemptId', requireTrainer, async (req, res) => {
    const cohort = await taughtCohort(req, res);
    const trainee = await memberOf(cohort, String(req.params.userId));
    const attempt = await deps.store.getAttempt(trainee.id, String(req.params.attemptId));
    if (!attempt) throw notFound('attempt');
    const view = await deps.practice.view(attempt, deps.scenarios.get(attempt.scenarioId));
    res.render('attempt', {
      title: `${trainee.username}: ${view.scenario?.title ?? attempt.scenarioId}`,
      ...attemptView(view, deps.codeSets?.(), deps.glossary),
      viewer: { trainee, cohort },
      scripts: ['/static/attempt.js', '/static/glossary.js'],
    });
  });

  const resetLinkPage = async (req: Request, res: Response, user: User, back: string) => {
    const { token, expiresAt } = await deps.accounts.createResetLink(user.id);
    const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    res.render('reset-link', {
      title: 'Reset link',
      nav: 'cohorts',
      target: user,
      link: `${origin}/reset/${token}`,
      expiresAt,
      back,
    });
  };

  router.post(
    '/cohorts/:id/trainees/:userId/reset-link',
    requireTrainer,
    csrfProtection(),
    async (req, res) => {
      const cohort = await taughtCohort(req, res);
      await resetLinkPage(
        req,
        res,
        await memberOf(cohort, String(req.params.userId)),
        `/cohorts/${cohort.id}`,
      );
    },
  );

  // A trainee in no class (from the name-only version) can be reached by any trainer.
  router.post('/users/:userId/reset-link', requireTrainer, csrfProtection(), async (req, res) => {
    const user = (await classless()).find((u) => u.id === String(req.params.userId));
    if (!user) throw notFound('trainee');
    await resetLinkPage(req, res, user, '/cohorts');
  });

  router.get('/cohorts/:id/roster.csv', requireTrainer, async (req, res) => {
    const cohort = await taughtCohort(req, res);
    const { report } = await reportOf(cohort);
    const rows = sortRoster(report.trainees, 'name', 'asc').map((t) =>
      [
        csvCell(t.username, true),
        ...[
          t.claimed,
          t.attempts,
          t.scenariosAttempted,
          t.meanScore ?? '',
          t.bestScore ?? '',
          t.claimReady,
          t.lastActive ?? '',
        ].map((v) => csvCell(v)),
      ].join(','),
    );
    res.type('text/csv; charset=utf-8').attachment(`${cohort.joinCode}-roster.csv`);
    res.send(`${[ROSTER_HEADER.join(','), ...rows].join('\r\n')}\r\n`);
  });

  router.get('/cohorts/:id/attempts.csv', requireTrainer, async (req, res) => {
    const cohort = await taughtCohort(req, res);
    const members = await membersOf(cohort);
    res.type('text/csv; charset=utf-8').attachment(`${cohort.joinCode}-attempts.csv`);
    res.write(`${['username', ...HISTORY_HEADER].join(',')}\r\n`);
    for (const member of members) {
      let before: string | undefined;
      do {
        const page = await deps.store.listAttempts(member.id, { limit: CSV_PAGE, before });
        if (page.attempts.length > 0)
          res.write(
            `${page.attempts.map((a) => `${csvCell(member.username, true)},${historyRow(a, titleOf)}`).join('\r\n')}\r\n`,
          );
        before = page.next;
      } while (before);
    }
    res.end();
  });

  // JSON API ---------------------------------------------------------------------------
  router.post('/api/cohorts', requireTrainer, csrfProtection(), async (req, res) => {
    const cohort = await createCohort(
      userOf(res.locals),
      (req.body as Record<string, unknown> | undefined)?.name,
    );
    res.status(201).json({
      id: cohort.id,
      name: cohort.name,
      joinCode: cohort.joinCode,
      registrationOpen: cohort.registrationOpen,
    });
  });

  router.get('/api/cohorts', requireUser, async (_req, res) => {
    const user = userOf(res.locals);
    if (user.role === 'trainer') {
      const cohorts = (await deps.store.listCohorts()).filter((c) => c.trainerIds.includes(user.id));
      return res.json({
        cohorts: cohorts.map((c) => ({
          id: c.id,
          name: c.name,
          joinCode: c.joinCode,
          registrationOpen: c.registrationOpen,
        })),
      });
    }
    const mine = new Set((await deps.store.cohortsOfMember(user.id)).map((m) => m.cohortId));
    res.json({
      cohorts: (await deps.store.listCohorts())
        .filter((c) => mine.has(c.id))
        .map((c) => ({ id: c.id, name: c.name })),
    });
  });

  router.get('/api/cohorts/:id/report', requireTrainer, async (req, res) => {
    const cohort = await taughtCohort(req, res);
    const { report } = await reportOf(cohort);
    res.json({
      cohort: { id: cohort.id, name: cohort.name },
      trainees: report.trainees,
      scenarios: report.scenarios,
    });
  });
  return router;
}

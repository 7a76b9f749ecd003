/**
 * Assignments: a trainer sets one for a class they teach (page and API), trainees see and
 * start theirs, and the trainer follows every trainee's standing and results and allows
 * retakes. Whoever may not see an assignment is told it does not exist.
 */
import { Router } from 'express';
import type { AssignmentService, TraineeAssignment } from '../classroom/assignment-service';
import { ClassroomError } from '../classroom/errors';
import { cohortExamSummary, type ExamReport } from '../classroom/exam-report';
import type { Exams } from '../classroom/exams';
import { DEFAULT_RULES } from '../grader/registry';
import type { Assignment } from '../store/exam-records';
import type { Cohort, User } from '../store/records';
import { csrfProtection } from './csrf';
import type { AppDeps, Clock } from './deps';
import { requireTrainer, requireUser, userOf } from './guards';
import { HttpError } from './http-error';
import {
  assignmentFromForm,
  BLUEPRINT_ROWS,
  scenarioChoices,
  timeLabel,
} from './view-models/assignment-form';

type Deps = Pick<AppDeps, 'scenarios'> & { assignments: AssignmentService; exams: Exams; clock: Clock };

/** An assignment as the API gives it. */
export function assignmentJson(a: Assignment) {
  return {
    id: a.id,
    cohortId: a.cohortId,
    title: a.title,
    mode: a.mode,
    scenarioIds: a.scenarioIds,
    blueprint: a.blueprint,
    opensAt: a.opensAt,
    dueAt: a.dueAt,
    timeLimitMinutes: a.timeLimitMinutes,
    passPercent: a.passPercent,
    retakes: a.retakes,
    createdAt: a.createdAt,
  };
}

/** A trainee's standing as the API gives it. */
function standingJson(t: TraineeAssignment) {
  return {
    ...assignmentJson(t.assignment),
    retakes: undefined,
    cohortName: t.cohort.name,
    status: t.status,
    scenarioIds: t.scenarioIds,
    exams: t.exams.map((e) => ({
      id: e.id,
      sitting: e.sitting,
      startedAt: e.startedAt,
      endsAt: e.endsAt,
      submittedAt: e.submittedAt,
    })),
  };
}

/** What the catalogue and progress pages list for a trainee. */
export function assignmentRows(list: readonly TraineeAssignment[]) {
  return list.map((t) => ({
    id: t.assignment.id,
    title: t.assignment.title,
    cohortName: t.cohort.name,
    mode: t.assignment.mode,
    timeLimitMinutes: t.assignment.timeLimitMinutes,
    dueAt: t.assignment.dueAt,
    dueLabel: timeLabel(t.assignment.dueAt),
    status: t.status,
    statusLabel: t.statusLabel,
  }));
}

export function assignmentRoutes(deps: Deps): Router {
  const router = Router();
  const titleOf = (id: string) => deps.scenarios.get(id)?.title ?? id;

  const formPage = (cohort: Cohort, values: Record<string, unknown>, errors: string[]) => ({
    title: `New assignment — ${cohort.name}`,
    nav: 'cohorts',
    cohort,
    values,
    errors,
    choices: scenarioChoices(deps.scenarios.list()),
    blueprintRows: BLUEPRINT_ROWS,
    scripts: ['/static/assignment-form.js'],
  });

  /** The last finished sitting's report of each trainee who has one. */
  const reportsOf = async (assignment: Assignment, roster: readonly TraineeAssignment[]) => {
    const reports = new Map<string, ExamReport>();
    for (const t of roster) {
      const last = [...t.exams].reverse().find((e) => e.submittedAt !== null);
      if (last) reports.set(t.user.id, await deps.exams.report(last, assignment));
    }
    return reports;
  };

  router.get('/cohorts/:id/assignments/new', requireTrainer, async (req, res) => {
    const cohort = await deps.assignments.taughtCohort(userOf(res.locals), String(req.params.id));
    res.render(
      'assignment-new',
      formPage(cohort, { mode: 'practice', source: 'list', passPercent: '70' }, []),
    );
  });

  router.post('/cohorts/:id/assignments', requireTrainer, csrfProtection(), async (req, res) => {
    const trainer = userOf(res.locals);
    const cohort = await deps.assignments.taughtCohort(trainer, String(req.params.id));
    const body = req.body as Record<string, unknown>;
    try {
      const assignment = await deps.assignments.create(cohort, trainer, assignmentFromForm(body));
      res.redirect(303, `/assignments/${assignment.id}`);
    } catch (error) {
      if (!(error instanceof ClassroomError) || error.status !== 400) throw error;
      res.status(400).render('assignment-new', formPage(cohort, body, error.details ?? [error.message]));
    }
  });

  router.post('/api/cohorts/:id/assignments', requireTrainer, csrfProtection(), async (req, res) => {
    const trainer = userOf(res.locals);
    const cohort = await deps.assignments.taughtCohort(trainer, String(req.params.id));
    if (!req.is('application/json')) throw new HttpError(415, 'send the assignment as JSON');
    res.status(201).json(assignmentJson(await deps.assignments.create(cohort, trainer, req.body)));
  });

  router.get('/api/assignments', requireUser, async (_req, res) => {
    const user = userOf(res.locals);
    if (user.role === 'trainer')
      return res.json({
        assignments: (await deps.assignments.forTrainer(user)).map(({ assignment, cohort }) => ({
          ...assignmentJson(assignment),
          cohortName: cohort.name,
        })),
      });
    res.json({ assignments: (await deps.assignments.forTrainee(user)).map(standingJson) });
  });

  router.get('/api/assignments/:id', requireUser, async (req, res) => {
    const user = userOf(res.locals);
    const { assignment, cohort } = await deps.assignments.visible(user, String(req.params.id));
    if (user.role === 'trainee')
      return res.json(standingJson(await deps.assignments.standing(assignment, cohort, user)));
    const roster = await deps.assignments.roster(assignment, cohort);
    const reports = await reportsOf(assignment, roster);
    res.json({
      ...assignmentJson(assignment),
      cohortName: cohort.name,
      trainees: roster.map((t) => {
        const report = reports.get(t.user.id);
        return {
          userId: t.user.id,
          username: t.user.username,
          status: t.status,
          scenarioIds: t.scenarioIds,
          exams: standingJson(t).exams,
          ...(report ? { score: report.score, passed: report.passed } : {}),
        };
      }),
      ...(assignment.mode === 'exam' ? { summary: cohortExamSummary([...reports.values()]) } : {}),
    });
  });

  router.get('/assignments/:id', requireUser, async (req, res) => {
    const user = userOf(res.locals);
    const { assignment, cohort } = await deps.assignments.visible(user, String(req.params.id));
    const common = {
      title: assignment.title,
      nav: user.role === 'trainer' ? 'cohorts' : 'catalog',
      assignment,
      cohort,
      titleOf,
      timeLabel,
      now: deps.clock().toISOString(),
      label: (kind: string) => DEFAULT_RULES.label(kind),
    };
    if (user.role === 'trainee') {
      const standing = await deps.assignments.standing(assignment, cohort, user);
      const sittingsAllowed = 1 + (assignment.retakes[user.id] ?? 0);
      return res.render('assignment', {
        ...common,
        standing,
        canStart:
          assignment.mode === 'exam' &&
          standing.status !== 'upcoming' &&
          !standing.exams.some((e) => e.submittedAt === null) &&
          standing.exams.length < sittingsAllowed &&
          deps.clock().getTime() < Date.parse(assignment.dueAt),
      });
    }
    const roster = await deps.assignments.roster(assignment, cohort);
    const reports = await reportsOf(assignment, roster);
    res.render('assignment-trainer', {
      ...common,
      roster: roster.map((t) => ({ ...t, report: reports.get(t.user.id) })),
      summary: assignment.mode === 'exam' ? cohortExamSummary([...reports.values()]) : undefined,
    });
  });

  const start = async (user: User, id: string) => {
    if (user.role !== 'trainee') throw new HttpError(403, 'exams are taken by trainees');
    const { assignment } = await deps.assignments.visible(user, id);
    return deps.exams.start(assignment, user);
  };

  router.post('/assignments/:id/start', requireUser, csrfProtection(), async (req, res) => {
    const exam = await start(userOf(res.locals), String(req.params.id));
    res.redirect(303, `/exams/${exam.id}`);
  });

  router.post('/api/assignments/:id/start', requireUser, csrfProtection(), async (req, res) => {
    const exam = await start(userOf(res.locals), String(req.params.id));
    res.json({
      examId: exam.id,
      scenarios: exam.scenarioIds.map((id) => ({ id, title: titleOf(id) })),
      startedAt: exam.startedAt,
      endsAt: exam.endsAt,
    });
  });

  const allowRetake = async (trainer: User, id: string, userId: unknown) => {
    const { assignment, cohort } = await deps.assignments.visible(trainer, id);
    if (typeof userId !== 'string' || userId === '')
      throw new HttpError(400, 'userId: the trainee to allow a retake');
    return deps.assignments.allowRetake(assignment, cohort, userId);
  };

  router.post('/assignments/:id/retakes', requireTrainer, csrfProtection(), async (req, res) => {
    const updated = await allowRetake(
      userOf(res.locals),
      String(req.params.id),
      (req.body as Record<string, unknown>).userId,
    );
    res.redirect(303, `/assignments/${updated.id}#trainees`);
  });

  router.post('/api/assignments/:id/retakes', requireTrainer, csrfProtection(), async (req, res) => {
    const updated = await allowRetake(
      userOf(res.locals),
      String(req.params.id),
      (req.body as Record<string, unknown> | undefined)?.userId,
    );
    res.json(assignmentJson(updated));
  });

  return router;
}

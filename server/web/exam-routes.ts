/**
 * Taking an exam: its overview (countdown, scenarios answered and flagged, submit), each
 * scenario's workspace with the saved answer, saving (the page's script on every change,
 * the form without it), submitting, and the score report with each scenario's explained
 * results. No grading is shown until the exam is over; the server's clock ends it.
 *
 * The trainee who sat the exam may do everything; a trainer of its class may read its
 * status and report; anyone else is told it does not exist.
 */
import { Router, type Response } from 'express';
import { SYSTEM_IDS } from '../codes/systems';
import type { Exams } from '../classroom/exams';
import { examAttemptId } from '../classroom/exams';
import type { ExamReport } from '../classroom/exam-report';
import { DEFAULT_RULES } from '../grader/registry';
import type { Practice } from '../practice/practice';
import type { Assignment, Exam, ExamAnswer } from '../store/exam-records';
import type { User } from '../store/records';
import { csrfProtection } from './csrf';
import type { AppDeps, Clock } from './deps';
import { requireUser, userOf } from './guards';
import { HttpError, notFound } from './http-error';
import { examSaveLimits, type RateLimits } from './rate-limits';
import { DIAGNOSIS_ROWS, parseSubmission, PROCEDURE_ROWS, submissionFromForm } from './submission-body';
import { attemptView } from './view-models/attempt';
import { timeLabel } from './view-models/assignment-form';
import { answerRows, examNav } from './view-models/exam';
import type { WorkspaceReports } from './workspace-report';

type Deps = Pick<AppDeps, 'scenarios' | 'store' | 'codeSets' | 'glossary'> & {
  exams: Exams;
  practice: Practice;
  limits: RateLimits;
  clock: Clock;
  reports: WorkspaceReports;
};

interface Access {
  exam: Exam;
  assignment: Assignment;
  /** The trainee who sits it (a trainer of the class may only read). */
  own: boolean;
}

export function examRoutes(deps: Deps): Router {
  const router = Router();
  const titleOf = (id: string) => deps.scenarios.get(id)?.title ?? id;
  const saveLimits = examSaveLimits(deps.limits);

  /** The exam, brought up to the clock (submitted if its time is up), if the user may see it. */
  const access = async (user: User, examId: string, write = false): Promise<Access> => {
    const exam = await deps.store.getExam(examId);
    const assignment = exam && (await deps.store.getAssignment(exam.assignmentId));
    if (exam && assignment) {
      const own = exam.userId === user.id;
      const teaches =
        !own &&
        !write &&
        user.role === 'trainer' &&
        ((await deps.store.getCohort(assignment.cohortId))?.trainerIds.includes(user.id) ?? false);
      if (own || teaches) return { exam: await deps.exams.current(exam), assignment, own };
    }
    throw notFound('exam');
  };
  const answersOf = async (exam: Exam) =>
    new Map((await deps.store.examAnswers(exam.id)).map((a) => [a.scenarioId, a] as const));
  const inExam = (exam: Exam, scenarioId: string) => {
    if (!exam.scenarioIds.includes(scenarioId)) throw notFound(`scenario "${scenarioId}" in this exam`);
    return scenarioId;
  };
  const timeLeftMs = (exam: Exam) => Math.max(0, Date.parse(exam.endsAt) - deps.clock().getTime());

  const statusJson = (exam: Exam, answers: Map<string, ExamAnswer>) => ({
    id: exam.id,
    assignmentId: exam.assignmentId,
    sitting: exam.sitting,
    status: exam.submittedAt === null ? 'in-progress' : 'submitted',
    startedAt: exam.startedAt,
    endsAt: exam.endsAt,
    now: deps.clock().toISOString(),
    timeLeftMs: exam.submittedAt === null ? timeLeftMs(exam) : 0,
    submittedAt: exam.submittedAt,
    submittedBy: exam.submittedBy,
    scenarios: exam.scenarioIds.map((id) => ({
      id,
      title: titleOf(id),
      answered: answers.has(id),
      flagged: answers.get(id)?.flagged ?? false,
    })),
    answers: exam.scenarioIds.flatMap((id) => {
      const a = answers.get(id);
      return a
        ? [
            {
              scenarioId: id,
              diagnoses: a.diagnoses,
              procedures: a.procedures,
              flagged: a.flagged,
              savedAt: a.savedAt,
              timeSpentMs: a.timeSpentMs,
            },
          ]
        : [];
    }),
  });

  const reportJson = (report: ExamReport) => ({
    examId: report.exam.id,
    assignment: report.assignment,
    submittedAt: report.exam.submittedAt,
    submittedBy: report.exam.submittedBy,
    score: report.score,
    passed: report.passed,
    scenarios: report.scenarios,
    sections: report.sections,
    kinds: report.kinds.map((k) => ({ ...k, label: DEFAULT_RULES.label(k.kind) })),
  });

  // Pages ------------------------------------------------------------------------------
  router.get('/exams/:examId', requireUser, async (req, res) => {
    const { exam, assignment, own } = await access(userOf(res.locals), String(req.params.examId));
    if (exam.submittedAt !== null || !own) return res.redirect(303, `/exams/${exam.id}/report`);
    const answers = await answersOf(exam);
    res.render('exam', {
      title: assignment.title,
      nav: 'catalog',
      assignment,
      exam,
      now: deps.clock().toISOString(),
      timeLabel,
      items: examNav(exam, answers, titleOf),
      unanswered: exam.scenarioIds.filter((id) => !answers.has(id)).length,
      scripts: ['/static/exam.js'],
    });
  });

  router.get('/exams/:examId/scenarios/:scenarioId', requireUser, async (req, res) => {
    const { exam, assignment, own } = await access(userOf(res.locals), String(req.params.examId), true);
    const scenarioId = inExam(exam, String(req.params.scenarioId));
    if (exam.submittedAt !== null || !own) return res.redirect(303, `/exams/${exam.id}/report`);
    const scenario = deps.scenarios.get(scenarioId);
    if (!scenario) throw notFound(`scenario "${scenarioId}" (it was removed from the library)`);
    const answers = await answersOf(exam);
    const saved = answers.get(scenarioId);
    const codeSets = deps.codeSets?.();
    const index = exam.scenarioIds.indexOf(scenarioId);
    res.render('workspace', {
      title: `${scenario.title} — ${assignment.title}`,
      scenario,
      principalLabel: scenario.setting === 'inpatient' ? 'Principal diagnosis' : 'First-listed diagnosis',
      procedureSystems: scenario.setting === 'inpatient' ? 'ICD-10-PCS' : 'CPT or HCPCS Level II',
      ...answerRows(saved, DIAGNOSIS_ROWS, PROCEDURE_ROWS),
      reportHtml: deps.reports.html(scenario),
      lookup: codeSets && !codeSets.isEmpty,
      systemIds: {
        diagnoses: SYSTEM_IDS['ICD-10-CM'],
        procedures: scenario.setting === 'inpatient' ? SYSTEM_IDS['ICD-10-PCS'] : '',
      },
      action: `/exams/${exam.id}/scenarios/${scenarioId}`,
      exam: {
        id: exam.id,
        title: assignment.title,
        endsAt: exam.endsAt,
        now: deps.clock().toISOString(),
        endsLabel: timeLabel(exam.endsAt),
        items: examNav(exam, answers, titleOf, scenarioId),
        position: index + 1,
        count: exam.scenarioIds.length,
        previous: exam.scenarioIds[index - 1],
        next: exam.scenarioIds[index + 1],
        flagged: saved?.flagged ?? false,
        timeSpentMs: saved?.timeSpentMs ?? 0,
        openedAt: deps.clock().toISOString(),
      },
      scripts: ['/static/combobox.js', '/static/workspace.js', '/static/glossary.js', '/static/exam.js'],
    });
  });

  /**
   * Time on a scenario from a form: what was saved when the page opened plus the time since
   * it opened; or, when the page's script kept count (and cleared openedAt), its figure.
   */
  const formTimeSpent = (body: Record<string, unknown>) => {
    const base = Number(body.timeSpentMs);
    if (body.timeSpentMs === undefined || body.timeSpentMs === '' || !Number.isFinite(base)) return undefined;
    const opened = Date.parse(typeof body.openedAt === 'string' ? body.openedAt : '');
    return Math.max(0, Math.round(Number.isFinite(opened) ? base + deps.clock().getTime() - opened : base));
  };

  router.post(
    '/exams/:examId/scenarios/:scenarioId',
    requireUser,
    csrfProtection(),
    ...saveLimits,
    async (req, res) => {
      const { exam } = await access(userOf(res.locals), String(req.params.examId), true);
      const scenarioId = inExam(exam, String(req.params.scenarioId));
      const body = req.body as Record<string, unknown>;
      const submission = parseSubmission(submissionFromForm(body), 'json');
      if (exam.submittedAt !== null) return res.redirect(303, `/exams/${exam.id}/report?late=1`);
      try {
        await deps.exams.save(exam, scenarioId, submission, {
          flagged: body.flagged === 'on',
          timeSpentMs: formTimeSpent(body),
        });
      } catch (error) {
        if ((error as { status?: number }).status === 409)
          return res.redirect(303, `/exams/${exam.id}/report?late=1`);
        throw error;
      }
      const go = typeof body.go === 'string' ? body.go : '';
      res.redirect(
        303,
        exam.scenarioIds.includes(go) ? `/exams/${exam.id}/scenarios/${go}` : `/exams/${exam.id}`,
      );
    },
  );

  const submit = async (user: User, examId: string) => {
    const { exam, assignment } = await access(user, examId, true);
    return deps.exams.report(await deps.exams.submit(exam), assignment);
  };

  router.post('/exams/:examId/submit', requireUser, csrfProtection(), async (req, res) => {
    const report = await submit(userOf(res.locals), String(req.params.examId));
    res.redirect(303, `/exams/${report.exam.id}/report`);
  });

  const renderReport = async (res: Response, a: Access, late: boolean) => {
    const report = await deps.exams.report(a.exam, a.assignment);
    const trainee = a.own ? undefined : await deps.store.getUser(a.exam.userId);
    res.render('exam-report', {
      title: `Score report: ${a.assignment.title}`,
      nav: a.own ? 'progress' : 'cohorts',
      report,
      own: a.own,
      trainee,
      late,
      timeLabel,
      label: (kind: string) => DEFAULT_RULES.label(kind),
    });
  };

  router.get('/exams/:examId/report', requireUser, async (req, res) => {
    const a = await access(userOf(res.locals), String(req.params.examId));
    if (a.exam.submittedAt === null) return res.redirect(303, `/exams/${a.exam.id}`);
    await renderReport(res, a, req.query.late === '1');
  });

  router.get('/exams/:examId/results/:scenarioId', requireUser, async (req, res) => {
    const { exam, assignment, own } = await access(userOf(res.locals), String(req.params.examId));
    const scenarioId = inExam(exam, String(req.params.scenarioId));
    if (exam.submittedAt === null) throw new HttpError(409, 'results are shown once the exam is over');
    const attempt = await deps.store.getAttempt(
      exam.userId,
      exam.attemptIds[scenarioId] ?? examAttemptId(exam.id, scenarioId),
    );
    if (!attempt) throw notFound('result');
    const view = await deps.practice.view(attempt, deps.scenarios.get(scenarioId));
    res.render('attempt', {
      title: `Results: ${view.scenario?.title ?? scenarioId}`,
      ...attemptView(view, deps.codeSets?.(), deps.glossary),
      examId: exam.id,
      examTitle: assignment.title,
      ...(own ? {} : { viewer: { trainee: await deps.store.getUser(exam.userId) } }),
      scripts: ['/static/attempt.js', '/static/glossary.js'],
    });
  });

  // JSON API ---------------------------------------------------------------------------
  router.get('/api/exams/:examId', requireUser, async (req, res) => {
    const { exam } = await access(userOf(res.locals), String(req.params.examId));
    res.json(statusJson(exam, await answersOf(exam)));
  });

  router.put(
    '/api/exams/:examId/answers/:scenarioId',
    requireUser,
    csrfProtection(),
    ...saveLimits,
    async (req, res) => {
      const { exam } = await access(userOf(res.locals), String(req.params.examId), true);
      const scenarioId = inExam(exam, String(req.params.scenarioId));
      const body = req.body as Record<string, unknown> | undefined;
      if (
        body === undefined ||
        typeof body !== 'object' ||
        Array.isArray(body) ||
        !req.is('application/json')
      )
        throw new HttpError(415, 'send the answer as JSON: {"diagnoses": [...], "procedures": [...]}');
      const { flagged, timeSpentMs, ...codes } = body;
      if (flagged !== undefined && typeof flagged !== 'boolean')
        throw new HttpError(400, 'flagged: true or false');
      if (
        timeSpentMs !== undefined &&
        (typeof timeSpentMs !== 'number' || !Number.isFinite(timeSpentMs) || timeSpentMs < 0)
      )
        throw new HttpError(400, 'timeSpentMs: a number of milliseconds, 0 or more');
      await deps.exams.save(exam, scenarioId, parseSubmission(codes, 'json'), {
        flagged,
        timeSpentMs: timeSpentMs === undefined ? undefined : Math.round(timeSpentMs),
      });
      res.status(204).end();
    },
  );

  router.post('/api/exams/:examId/submit', requireUser, csrfProtection(), async (req, res) => {
    res.json(reportJson(await submit(userOf(res.locals), String(req.params.examId))));
  });

  router.get('/api/exams/:examId/report', requireUser, async (req, res) => {
    const a = await access(userOf(res.locals), String(req.params.examId));
    res.json(reportJson(await deps.exams.report(a.exam, a.assignment)));
  });

  return router;
}

/**
 * The coding workspace, and grading: the form's submission (graded and stored, then the
 * results page), the API's (the same, as JSON), and grading without storing.
 */
import { Router, type Response } from 'express';
import { SYSTEM_IDS } from '../codes/systems';
import { grade } from '../grader/grade';
import type { Practice } from '../practice/practice';
import type { ScenarioModel } from '../scenarios/model';
import { csrfProtection } from './csrf';
import type { AppDeps, LockedScenarios } from './deps';
import { requireUser, userOf } from './guards';
import { HttpError, notFound } from './http-error';
import { submissionLimits, type RateLimits } from './rate-limits';
import { DIAGNOSIS_ROWS, parseSubmission, PROCEDURE_ROWS, submissionFromForm } from './submission-body';
import type { Submission } from '../grader/submission';
import type { WorkspaceReports } from './workspace-report';

type Deps = Pick<AppDeps, 'scenarios' | 'store' | 'titles' | 'codeSets'> & {
  practice: Practice;
  reports: WorkspaceReports;
  limits: RateLimits;
  locked: LockedScenarios;
};

export const LOCKED_MESSAGE =
  'this scenario is in an exam you are taking: it opens for practice again when the exam is over';

/**
 * The scenario a user may practise: an exam-only scenario is for exams, so a trainee is
 * told it does not exist (a trainer may open it to preview it).
 */
export function practiceScenario(deps: Pick<AppDeps, 'scenarios'>, id: string, res: Response): ScenarioModel {
  const scenario = deps.scenarios.get(id);
  if (!scenario || (scenario.visibility === 'exam' && res.locals.auth.user?.role !== 'trainer'))
    throw notFound(`scenario "${id}"`);
  return scenario;
}

export function workspaceRoutes(deps: Deps): Router {
  const router = Router();
  /** A scenario the user may practise now: not exam-only (for trainees), and not in an exam they are taking. */
  const practisable = async (id: string, res: Response): Promise<ScenarioModel> => {
    const scenario = practiceScenario(deps, id, res);
    if ((await deps.locked(res.locals.auth)).has(scenario.id)) throw new HttpError(409, LOCKED_MESSAGE);
    return scenario;
  };
  const limited = submissionLimits(deps.limits);
  const gradeWith = (scenario: ScenarioModel, submission: Submission) =>
    grade(scenario, submission, { titles: deps.titles?.(), codeSets: deps.codeSets?.() });

  router.get('/scenarios/:id', requireUser, async (req, res) => {
    const scenario = await practisable(String(req.params.id), res);
    const codeSets = deps.codeSets?.();
    res.render('workspace', {
      title: scenario.title,
      scenario,
      principalLabel: scenario.setting === 'inpatient' ? 'Principal diagnosis' : 'First-listed diagnosis',
      procedureSystems: scenario.setting === 'inpatient' ? 'ICD-10-PCS' : 'CPT or HCPCS Level II',
      diagnosisRows: DIAGNOSIS_ROWS,
      procedureRows: PROCEDURE_ROWS,
      lookup: codeSets && !codeSets.isEmpty,
      systemIds: {
        diagnoses: SYSTEM_IDS['ICD-10-CM'],
        procedures: scenario.setting === 'inpatient' ? SYSTEM_IDS['ICD-10-PCS'] : '',
      },
      action: `/scenarios/${scenario.id}/attempts`,
      values: { diagnoses: [], procedures: [] },
      reportHtml: deps.reports.html(scenario),
      exam: undefined,
      scripts: ['/static/combobox.js', '/static/workspace.js', '/static/glossary.js'],
    });
  });

  router.post('/scenarios/:id/attempts', requireUser, csrfProtection(), ...limited, async (req, res) => {
    const scenario = await practisable(String(req.params.id), res);
    const submission = parseSubmission(submissionFromForm(req.body as Record<string, unknown>), 'json');
    const attempt = await deps.practice.record(
      userOf(res.locals).id,
      scenario,
      submission,
      gradeWith(scenario, submission),
    );
    res.redirect(303, `/attempts/${attempt.id}`);
  });

  router.post('/api/scenarios/:id/attempts', requireUser, csrfProtection(), ...limited, async (req, res) => {
    const scenario = await practisable(String(req.params.id), res);
    if (req.body === undefined)
      throw new HttpError(415, 'send the submission as JSON with Content-Type: application/json');
    const submission = parseSubmission(req.body, req.is('application/json'));
    const result = gradeWith(scenario, submission);
    const attempt = await deps.practice.record(userOf(res.locals).id, scenario, submission, result);
    res.status(201).json({ attemptId: attempt.id, submittedAt: attempt.submittedAt, ...result });
  });

  router.post('/api/scenarios/:id/grade', requireUser, csrfProtection(), ...limited, async (req, res) => {
    const scenario = await practisable(String(req.params.id), res);
    res.json(gradeWith(scenario, parseSubmission(req.body, req.is('application/json'))));
  });
  return router;
}

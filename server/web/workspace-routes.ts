import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../app';
import { grade } from '../grader/grade';
import type { ScenarioModel } from '../scenarios/model';
import { SYSTEM_IDS } from '../codes/systems';
import { DIAGNOSIS_ROWS, PROCEDURE_ROWS, submissionFromForm } from './forms';
import { parseSubmission } from './grade-routes';
import { HttpError, notFound } from './http-error';

import { csrfProtection, requireTrainee } from './session';

export function scenarioOr404(deps: AppDeps, id: string): ScenarioModel {
  const scenario = deps.scenarios.get(id);
  if (!scenario) throw notFound(`scenario "${id}"`);
  return scenario;
}

export function workspaceRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/scenarios/:id', (req, res) => {
    const scenario = scenarioOr404(deps, String(req.params.id));
    const codeSets = deps.codeSets?.();
    res.render('workspace', {
      title: scenario.title,
      scenario,
      principalLabel: scenario.setting === 'inpatient' ? 'Principal diagnosis' : 'First-listed diagnosis',
      procedureSystems: scenario.setting === 'inpatient' ? 'ICD-10-PCS' : 'CPT or HCPCS Level II',
      diagnosisRows: DIAGNOSIS_ROWS,
      procedureRows: PROCEDURE_ROWS,
      lookup: codeSets && !codeSets.isEmpty,
      systemIds: { diagnoses: SYSTEM_IDS['ICD-10-CM'], procedures: scenario.setting === 'inpatient' ? SYSTEM_IDS['ICD-10-PCS'] : '' },
      scripts: ['/static/combobox.js', '/static/workspace.js'],
    });
  });

  const gradeAndStore = async (req: Request, res: Response, scenario: ScenarioModel, input: unknown, isJson: string | false | null) => {
    const trainee = requireTrainee(req, res);
    const submission = parseSubmission(input, isJson);
    const result = grade(scenario, submission, { titles: deps.titles?.(), codeSets: deps.codeSets?.() });
    const attempt = await deps.attempts.add(trainee.id, scenario, submission, result);
    return { attempt, result };
  };

  router.post('/scenarios/:id/attempts', csrfProtection(), async (req, res) => {
    const scenario = scenarioOr404(deps, String(req.params.id));
    if (!res.locals.session.trainee) return res.redirect(303, `/start?next=${encodeURIComponent(`/scenarios/${scenario.id}`)}`);
    const { attempt } = await gradeAndStore(req, res, scenario, submissionFromForm(req.body as Record<string, unknown>), 'json');
    res.redirect(303, `/attempts/${attempt.id}`);
  });

  router.post('/api/scenarios/:id/attempts', csrfProtection(), async (req, res) => {
    const scenario = scenarioOr404(deps, String(req.params.id));
    if (req.body === undefined) throw new HttpError(415, 'send the submission as JSON with Content-Type: application/json');
    const { attempt, result } = await gradeAndStore(req, res, scenario, req.body, req.is('application/json'));
    res.status(201).json({ attemptId: attempt.id, submittedAt: attempt.submittedAt, ...result });
  });
  return router;
}

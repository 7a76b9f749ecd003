import { Router } from 'express';
import { grade } from '../grader/grade';
import { submissionProblems, submissionSchema } from '../grader/submission';
import type { AppDeps } from '../app';
import { HttpError, notFound } from './http-error';


export const JSON_BODY_LIMIT = '32kb';

export function gradeRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/scenarios/:id/grade', (req, res) => {
    const scenario = deps.scenarios.get(req.params.id);
    if (!scenario) throw notFound(`scenario "${req.params.id}"`);
    res.status(200).json(grade(scenario, parseSubmission(req.body, req.is('application/json')), { titles: deps.titles?.(), codeSets: deps.codeSets?.() }));
  });
  return router;
}

export function parseSubmission(body: unknown, isJson: string | false | null) {
  if (!isJson) throw new HttpError(415, 'send the submission as JSON with Content-Type: application/json');
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, 'the submission does not have the expected shape', submissionProblems(parsed.error));
  return parsed.data;
}

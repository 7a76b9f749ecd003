/**
 * Submissions as requests carry them: the API's JSON, checked against the grader's
 * submission schema, and the coding form's plain fields (so it works without JavaScript).
 */
import { parseProcedureLine } from '../codes/procedure-line';
import { HttpError } from './http-error';
import {
  submissionProblems,
  submissionSchema,
  type Submission,
  type SubmissionInput,
} from '../grader/submission';

/** The largest request body accepted (a submission is far smaller; a scenario draft may be larger). */
export const BODY_LIMIT = '256kb';

export function parseSubmission(body: unknown, isJson: string | false | null): Submission {
  if (!isJson) throw new HttpError(415, 'send the submission as JSON with Content-Type: application/json');
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success)
    throw new HttpError(
      400,
      'the submission does not have the expected shape',
      submissionProblems(parsed.error),
    );
  return parsed.data;
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

export const DIAGNOSIS_ROWS = 8;
export const PROCEDURE_ROWS = 5;

/**
 * The coding form's fields as a submission. Rows left blank are dropped; anything else is
 * graded as typed, so a malformed entry becomes an invalid-format finding, not a lost row.
 */
export function submissionFromForm(body: Record<string, unknown>): SubmissionInput {
  const diagnoses = list(body.diagnoses)
    .map((d) => d.trim())
    .filter(Boolean);
  const codes = list(body.procCode);
  const modifiers = list(body.procModifiers);
  const units = list(body.procUnits);
  const procedures = codes
    .map((raw, i) => {
      const typed = raw.trim();
      if (typed === '') return '';
      // Coders write a line in the code field too ("20610-RT", "J3301 x4"): its modifiers join
      // the modifier field's, and its units count unless the units field says otherwise.
      const written = parseProcedureLine(typed);
      const code = written.ok ? written.line.code : typed;
      const mods = [
        ...(written.ok ? written.line.modifiers : []),
        ...(modifiers[i] ?? '')
          .split(/[\s,;-]+/)
          .filter(Boolean)
          .map((m) => m.toUpperCase()),
      ];
      const field = (units[i] ?? '').trim();
      const count = field !== '' && field !== '1' ? field : written.ok ? String(written.line.units) : field;
      return `${code}${[...new Set(mods)].map((m) => `-${m}`).join('')}${count !== '' && count !== '1' ? ` x${count}` : ''}`;
    })
    .filter(Boolean);
  return { diagnoses: diagnoses.slice(0, 50), procedures: procedures.slice(0, 50) };
}

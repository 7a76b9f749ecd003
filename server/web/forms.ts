/**
 * The coding form as the browser posts it (plain fields, so it works without JavaScript),
 * turned into a submission. Rows left blank are dropped; anything else is graded as typed,
 * so a malformed entry becomes an invalid-format finding rather than a lost row.
 */
import type { SubmissionInput } from '../grader/submission';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

export const DIAGNOSIS_ROWS = 8;
export const PROCEDURE_ROWS = 5;

export function submissionFromForm(body: Record<string, unknown>): SubmissionInput {
  const diagnoses = list(body.diagnoses).map((d) => d.trim()).filter(Boolean);
  const codes = list(body.procCode);
  const modifiers = list(body.procModifiers);
  const units = list(body.procUnits);
  const procedures = codes
    .map((code, i) => {
      const mods = (modifiers[i] ?? '').split(/[\s,;-]+/).filter(Boolean);
      const count = (units[i] ?? '').trim();
      const line = `${code.trim()}${mods.map((m) => `-${m}`).join('')}${count !== '' && count !== '1' ? ` x${count}` : ''}`;
      return code.trim() === '' ? '' : line;
    })
    .filter(Boolean);
  return { diagnoses: diagnoses.slice(0, 50), procedures: procedures.slice(0, 50) };
}

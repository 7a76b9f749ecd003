/** Small comparisons several rules share. */
import type { ProcedureLine } from '../../codes/procedure-line';
import type { AcceptedForm, ExpectedEntry, SubmittedEntry } from '../types';

export function sameModifiers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m) => b.includes(m));
}

export function sameLine(a: ProcedureLine, b: ProcedureLine): boolean {
  return a.code === b.code && sameModifiers(a.modifiers, b.modifiers) && a.units === b.units;
}

/** Both sides are ICD-10-CM diagnoses; returns their dot-less keys. */
export function diagnosisKeys(form: AcceptedForm, submitted: SubmittedEntry): [string, string] | null {
  if (submitted.system !== 'ICD-10-CM') return null;
  return [form.key, submitted.key];
}

export function procedureLines(
  expected: ExpectedEntry,
  form: AcceptedForm,
  submitted: SubmittedEntry,
): [ProcedureLine, ProcedureLine] | null {
  if (!form.line || !submitted.line || expected.system !== submitted.system) return null;
  return [form.line, submitted.line];
}

export const listOrNone = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '));

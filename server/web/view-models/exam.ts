/** The exam pages' pieces: the list of its scenarios with where each stands, and a saved answer as form rows. */
import { parseProcedureLine } from '../../codes/procedure-line';
import type { Exam, ExamAnswer } from '../../store/exam-records';

export interface ExamNavItem {
  id: string;
  title: string;
  position: number;
  answered: boolean;
  flagged: boolean;
  current: boolean;
}

export function examNav(
  exam: Exam,
  answers: ReadonlyMap<string, ExamAnswer>,
  titleOf: (id: string) => string,
  currentId?: string,
): ExamNavItem[] {
  return exam.scenarioIds.map((id, i) => ({
    id,
    title: titleOf(id),
    position: i + 1,
    answered: answers.has(id),
    flagged: answers.get(id)?.flagged ?? false,
    current: id === currentId,
  }));
}

export interface ProcedureRowValue {
  code: string;
  modifiers: string;
  units: string;
}

/**
 * A saved answer as the workspace form's rows, with at least the form's usual number of
 * rows (more when more were saved), so the page opens as the trainee left it.
 */
export function answerRows(saved: ExamAnswer | undefined, diagnosisRows: number, procedureRows: number) {
  const procedures: ProcedureRowValue[] = (saved?.procedures ?? []).map((p) => {
    if (typeof p !== 'string')
      return { code: p.code, modifiers: p.modifiers.join(' '), units: String(p.units) };
    const parsed = parseProcedureLine(p);
    return parsed.ok
      ? {
          code: parsed.line.code,
          modifiers: parsed.line.modifiers.join(' '),
          units: String(parsed.line.units),
        }
      : { code: p, modifiers: '', units: '1' };
  });
  return {
    diagnosisRows: Math.max(diagnosisRows, saved?.diagnoses.length ?? 0),
    procedureRows: Math.max(procedureRows, procedures.length),
    values: { diagnoses: saved?.diagnoses ?? [], procedures },
  };
}

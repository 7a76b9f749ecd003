/**
 * An exam's score report, made from its graded attempts: the overall score and pass or
 * fail against the assignment's pass mark, each scenario with the time spent on it, the
 * sections an exam tests (diagnoses, procedures, modifiers and units, sequencing), and the
 * kinds of mistake. And the class's summary of one exam: spread of scores, pass rate, and
 * the hardest items.
 */
import type { Assignment, Exam, ExamAnswer } from '../store/exam-records';
import type { Attempt } from '../store/records';

export interface SectionScore {
  section: 'Diagnoses' | 'Procedures' | 'Modifiers and units' | 'Sequencing';
  right: number;
  total: number;
  percent?: number;
}

export interface ScenarioScore {
  scenarioId: string;
  title: string;
  earned: number;
  possible: number;
  percent: number;
  claimReady: boolean;
  timeSpentMs: number;
  flagged: boolean;
  attemptId: string;
}

export interface ExamReport {
  exam: Exam;
  assignment: { id: string; title: string; passPercent: number };
  score: { earned: number; possible: number; percent: number };
  passed: boolean;
  scenarios: ScenarioScore[];
  sections: SectionScore[];
  kinds: Array<{ kind: string; count: number }>;
}

export function examReport(
  exam: Exam,
  assignment: Pick<Assignment, 'id' | 'title' | 'passPercent'>,
  attempts: readonly Attempt[],
  answers: readonly ExamAnswer[],
  titleOf: (scenarioId: string) => string,
): ExamReport {
  const answerOf = new Map(answers.map((a) => [a.scenarioId, a]));
  const scenarios = attempts.map((a) => ({
    scenarioId: a.scenarioId,
    title: titleOf(a.scenarioId),
    ...a.result.score,
    claimReady: a.result.claimReady,
    timeSpentMs: answerOf.get(a.scenarioId)?.timeSpentMs ?? 0,
    flagged: answerOf.get(a.scenarioId)?.flagged ?? false,
    attemptId: a.id,
  }));
  const earned = scenarios.reduce((n, s) => n + s.earned, 0);
  const possible = scenarios.reduce((n, s) => n + s.possible, 0);
  const percent = possible === 0 ? 0 : Math.round((100 * earned) / possible);
  const kinds = new Map<string, number>();
  for (const a of attempts)
    for (const f of a.result.findings)
      if (f.severity === 'error') kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  return {
    exam,
    assignment: { id: assignment.id, title: assignment.title, passPercent: assignment.passPercent },
    score: { earned: Math.round(earned * 100) / 100, possible, percent },
    passed: percent >= assignment.passPercent,
    scenarios,
    sections: sectionScores(attempts),
    kinds: [...kinds]
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
  };
}

const CODE_RIGHT = new Set(['correct', 'modifier', 'units']);

/**
 * Accuracy by the parts of coding an exam tests: the diagnosis codes, the procedure codes,
 * the modifiers and units of procedure codes that were right, and the first-listed or
 * principal diagnosis in first place.
 */
export function sectionScores(attempts: readonly Attempt[]): SectionScore[] {
  const tally = {
    Diagnoses: [0, 0],
    Procedures: [0, 0],
    'Modifiers and units': [0, 0],
    Sequencing: [0, 0],
  } as Record<SectionScore['section'], [number, number]>;
  for (const attempt of attempts) {
    const findings = attempt.result.findings;
    // Each expected (required) code is one finding that names its place in the key; optional ones earn no credit either way.
    const expected = findings.filter(
      (f) =>
        f.expectedIndex !== undefined && f.kind !== 'sequencing' && !(f.credit === 0 && f.kind === 'correct'),
    );
    for (const f of expected) {
      if (f.section === 'diagnoses') {
        tally.Diagnoses[1]++;
        if (f.kind === 'correct') tally.Diagnoses[0]++;
      } else {
        tally.Procedures[1]++;
        if (CODE_RIGHT.has(f.kind)) {
          tally.Procedures[0]++;
          tally['Modifiers and units'][1]++;
          if (f.kind === 'correct') tally['Modifiers and units'][0]++;
        }
      }
    }
    const hasPrincipal = findings.some((f) => f.section === 'diagnoses' && f.expectedIndex === 0);
    if (hasPrincipal) {
      tally.Sequencing[1]++;
      const first = findings.find((f) => f.section === 'diagnoses' && f.submittedIndex === 0);
      const missingPrincipal = findings.some(
        (f) => f.kind === 'missing' && f.section === 'diagnoses' && f.expectedIndex === 0,
      );
      if (
        first?.expectedIndex !== undefined &&
        !findings.some((f) => f.kind === 'sequencing') &&
        !missingPrincipal
      )
        tally.Sequencing[0]++;
    }
  }
  return (Object.keys(tally) as Array<SectionScore['section']>).map((section) => {
    const [right, total] = tally[section];
    return { section, right, total, percent: total === 0 ? undefined : Math.round((100 * right) / total) };
  });
}

/** The class's results on an exam: each trainee's last finished sitting. */
export function cohortExamSummary(reports: readonly ExamReport[]) {
  const buckets = Array.from({ length: 10 }, (_, i) => ({
    from: i * 10,
    to: i === 9 ? 100 : i * 10 + 9,
    count: 0,
  }));
  for (const r of reports) buckets[Math.min(9, Math.floor(r.score.percent / 10))].count++;
  const items = new Map<string, { title: string; sum: number; n: number }>();
  for (const r of reports)
    for (const s of r.scenarios) {
      const item = items.get(s.scenarioId) ?? { title: s.title, sum: 0, n: 0 };
      item.sum += s.percent;
      item.n++;
      items.set(s.scenarioId, item);
    }
  return {
    taken: reports.length,
    passRate:
      reports.length === 0
        ? undefined
        : Math.round((100 * reports.filter((r) => r.passed).length) / reports.length),
    meanPercent:
      reports.length === 0
        ? undefined
        : Math.round(reports.reduce((n, r) => n + r.score.percent, 0) / reports.length),
    distribution: buckets,
    hardest: [...items]
      .map(([scenarioId, i]) => ({
        scenarioId,
        title: i.title,
        meanPercent: Math.round(i.sum / i.n),
        trainees: i.n,
      }))
      .sort((a, b) => a.meanPercent - b.meanPercent),
  };
}

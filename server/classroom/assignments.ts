/**
 * Assignments: what a trainer sets a cohort — a list of scenarios, or a blueprint the
 * server draws from for each trainee (preferring scenarios the trainee has not tried) —
 * as practice or as a timed exam, with opening and due times. And what each trainee sees
 * of one: its scenarios and its status.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { systemsOf, type ScenarioModel } from '../scenarios/model';
import {
  blueprintRowSchema,
  MODES,
  passPercentSchema,
  timeLimitMinutesSchema,
  type Assignment,
  type BlueprintRow,
  type Exam,
} from '../store/exam-records';
import type { ScenarioStats } from '../store/records';

const isoTime = z.iso.datetime({
  offset: true,
  error: 'a time written as ISO 8601, e.g. 2026-04-01T09:00:00Z',
});

export const newAssignmentSchema = z
  .strictObject({
    title: z.string().trim().min(1, 'a title is needed').max(200, 'a title is at most 200 characters'),
    mode: z.enum(MODES, { error: 'mode is practice or exam' }),
    scenarioIds: z
      .array(z.string())
      .min(1, 'choose at least one scenario')
      .max(100, 'at most 100 scenarios')
      .optional(),
    blueprint: z
      .array(blueprintRowSchema)
      .min(1, 'a blueprint has at least one row')
      .max(20, 'a blueprint has at most 20 rows')
      .optional(),
    opensAt: isoTime,
    dueAt: isoTime,
    timeLimitMinutes: timeLimitMinutesSchema.optional(),
    passPercent: passPercentSchema.default(70),
  })
  .refine((a) => (a.scenarioIds === undefined) !== (a.blueprint === undefined), {
    error: 'give either scenarioIds or a blueprint, not both',
    path: ['scenarioIds'],
  })
  .refine((a) => Date.parse(a.opensAt) < Date.parse(a.dueAt), {
    error: 'dueAt must be after opensAt',
    path: ['dueAt'],
  })
  .refine((a) => a.mode !== 'exam' || a.timeLimitMinutes !== undefined, {
    error: 'an exam needs timeLimitMinutes',
    path: ['timeLimitMinutes'],
  });

export type NewAssignment = z.output<typeof newAssignmentSchema>;

/** Scenarios an assignment may use: an exam may use exam-only scenarios, practice may not (they would be seen). */
export function eligible(mode: Assignment['mode'], scenario: ScenarioModel): boolean {
  return mode === 'exam' || scenario.visibility !== 'exam';
}

export function matchesRow(row: BlueprintRow, scenario: ScenarioModel): boolean {
  if (row.setting && scenario.setting !== row.setting) return false;
  if (row.system && !systemsOf(scenario).includes(row.system)) return false;
  if (row.minDifficulty !== undefined && scenario.difficulty < row.minDifficulty) return false;
  if (row.maxDifficulty !== undefined && scenario.difficulty > row.maxDifficulty) return false;
  return true;
}

/** Why the assignment cannot be set (scenarios unknown, hidden, or a blueprint row nothing matches), as `path: message` lines. */
export function assignmentProblems(input: NewAssignment, scenarios: readonly ScenarioModel[]): string[] {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const problems: string[] = [];
  input.scenarioIds?.forEach((id, i) => {
    const scenario = byId.get(id);
    if (!scenario) problems.push(`scenarioIds[${i}]: no scenario "${id}"`);
    else if (!eligible(input.mode, scenario))
      problems.push(`scenarioIds[${i}]: "${id}" is kept for exams and cannot be set as practice`);
  });
  input.blueprint?.forEach((row, i) => {
    if (
      row.minDifficulty !== undefined &&
      row.maxDifficulty !== undefined &&
      row.minDifficulty > row.maxDifficulty
    )
      problems.push(`blueprint[${i}]: minDifficulty is above maxDifficulty`);
    const candidates = scenarios.filter((s) => eligible(input.mode, s) && matchesRow(row, s)).length;
    if (candidates < row.count)
      problems.push(
        `blueprint[${i}]: asks for ${row.count} scenario(s), the library has ${candidates} that match`,
      );
  });
  if (input.scenarioIds && new Set(input.scenarioIds).size !== input.scenarioIds.length)
    problems.push('scenarioIds: a scenario is listed twice');
  return problems;
}

/**
 * A trainee's scenarios from a blueprint: for each row, scenarios that match it and were
 * not drawn already, those the trainee has not attempted first, at random among equals.
 */
export function drawFromBlueprint(
  blueprint: readonly BlueprintRow[],
  mode: Assignment['mode'],
  scenarios: readonly ScenarioModel[],
  stats: readonly ScenarioStats[],
  random: (n: number) => number = randomInt,
): string[] {
  const tried = new Set(stats.map((s) => s.scenarioId));
  const shuffled = <T>(items: T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = random(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const drawn: string[] = [];
  for (const row of blueprint) {
    const candidates = scenarios.filter(
      (s) => eligible(mode, s) && matchesRow(row, s) && !drawn.includes(s.id),
    );
    const ordered = [
      ...shuffled(candidates.filter((s) => !tried.has(s.id))),
      ...shuffled(candidates.filter((s) => tried.has(s.id))),
    ];
    drawn.push(...ordered.slice(0, row.count).map((s) => s.id));
  }
  return drawn;
}

export type AssignmentStatus = 'upcoming' | 'due' | 'in-progress' | 'done' | 'overdue';

export const STATUS_LABELS: Record<AssignmentStatus, string> = {
  upcoming: 'opens later',
  due: 'to do',
  'in-progress': 'in progress',
  done: 'done',
  overdue: 'overdue',
};

/**
 * Where a trainee stands: practice is done when every scenario has been attempted since
 * the assignment opened; an exam when a sitting was submitted.
 */
export function assignmentStatus(
  assignment: Assignment,
  now: Date,
  progress: {
    exams: readonly Exam[];
    attemptedSinceOpening: ReadonlySet<string>;
    scenarioIds: readonly string[];
  },
): AssignmentStatus {
  const time = now.getTime();
  if (time < Date.parse(assignment.opensAt)) return 'upcoming';
  if (assignment.mode === 'exam') {
    if (progress.exams.some((e) => e.submittedAt !== null)) return 'done';
    if (progress.exams.some((e) => e.submittedAt === null && time < Date.parse(e.endsAt)))
      return 'in-progress';
  } else {
    const done = progress.scenarioIds.filter((id) => progress.attemptedSinceOpening.has(id)).length;
    if (progress.scenarioIds.length > 0 && done === progress.scenarioIds.length) return 'done';
    if (done > 0 && time < Date.parse(assignment.dueAt)) return 'in-progress';
  }
  return time >= Date.parse(assignment.dueAt) ? 'overdue' : 'due';
}

/**
 * What the store keeps, as zod schemas: the types the app uses are read from them, and
 * every record read back from a file or a database row is checked against them, so a
 * record of the wrong shape is refused by name instead of failing somewhere later.
 */
import { z } from 'zod';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ID = /^[A-Za-z0-9_-]{8,64}$/;
const isoTime = z.string().regex(ISO_TIME, 'an ISO time in UTC');
const id = z.string().regex(ID, 'an id');

export const ROLES = ['trainer', 'trainee'] as const;
export type Role = (typeof ROLES)[number];

export const userSchema = z.object({
  id,
  username: z.string().min(1).max(60),
  role: z.enum(ROLES),
  /** null: an account from before sign-in by password (a display name), not yet claimed. */
  passwordHash: z.string().min(1).nullable(),
  createdAt: isoTime,
  passwordChangedAt: isoTime.optional(),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  /** The SHA-256 of the token in the cookie: the store never holds a usable token. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  userId: id,
  createdAt: isoTime,
  lastSeenAt: isoTime,
});
export type Session = z.infer<typeof sessionSchema>;

export const apiTokenSchema = z.object({
  id,
  userId: id,
  label: z.string().max(100),
  /** The SHA-256 of the token. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: isoTime,
  lastUsedAt: isoTime.optional(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const resetTokenSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  userId: id,
  createdAt: isoTime,
  expiresAt: isoTime,
  usedAt: isoTime.optional(),
});
export type ResetToken = z.infer<typeof resetTokenSchema>;

export const cohortSchema = z.object({
  id,
  name: z.string().min(1).max(100),
  joinCode: z.string().regex(/^[A-Z0-9]{6,12}$/),
  registrationOpen: z.boolean(),
  trainerIds: z.array(id),
  createdAt: isoTime,
});
export type Cohort = z.infer<typeof cohortSchema>;

export const membershipSchema = z.object({ cohortId: id, userId: id, joinedAt: isoTime });
export type Membership = z.infer<typeof membershipSchema>;

const scoreSchema = z.object({ earned: z.number(), possible: z.number(), percent: z.number() });

/** A finding as stored: what the scenario version says (rationale, evidence, diffs) is put back on reading. */
const storedFindingSchema = z
  .object({
    kind: z.string(),
    messageId: z.string(),
    severity: z.enum(['ok', 'error']),
    section: z.enum(['diagnoses', 'procedures']),
    message: z.string(),
    data: z.record(z.string(), z.union([z.string(), z.number()])),
    credit: z.number(),
    expected: z.string().optional(),
    submitted: z.string().optional(),
    expectedIndex: z.number().int().optional(),
    submittedIndex: z.number().int().optional(),
    hint: z.string().optional(),
    expectedTitle: z.string().optional(),
    submittedTitle: z.string().optional(),
    guideline: z.string().optional(),
    feedback: z.string().optional(),
  })
  .loose();

export const storedResultSchema = z.object({
  scenarioId: z.string(),
  score: scoreSchema,
  claimReady: z.boolean(),
  findings: z.array(storedFindingSchema),
});
export type StoredResult = z.infer<typeof storedResultSchema>;

const procedureInput = z.union([
  z.string(),
  z.object({ code: z.string(), modifiers: z.array(z.string()), units: z.number() }),
]);
export const submissionRecordSchema = z.object({
  diagnoses: z.array(z.string()),
  procedures: z.array(procedureInput),
});

export const attemptSchema = z.object({
  id,
  userId: id,
  scenarioId: z.string().min(1).max(100),
  /** The scenario version it was graded against (absent: graded before versions were kept). */
  scenarioVersion: z.string().optional(),
  submittedAt: isoTime,
  submission: submissionRecordSchema,
  result: storedResultSchema,
  /** Set when the attempt was made inside an exam. */
  examId: id.optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/**
 * An attempt on its way into a store. What it is filed and found under (its ids, scenario
 * and time) is checked here, as those name a file, a row or an order; the rest the server
 * built from typed values, and every reader checks the whole record against attemptSchema.
 * A full check on every save cost about a twentieth of an attempt post.
 */
export function checkAttemptKeys(attempt: Attempt): Attempt {
  const wrong =
    (!ID.test(attempt.id) && 'id') ||
    (!ID.test(attempt.userId) && 'userId') ||
    (attempt.examId !== undefined && !ID.test(attempt.examId) && 'examId') ||
    ((attempt.scenarioId.length < 1 || attempt.scenarioId.length > 100) && 'scenarioId') ||
    (!ISO_TIME.test(attempt.submittedAt) && 'submittedAt');
  if (wrong) throw new TypeError(`an attempt with a malformed ${wrong} cannot be stored`);
  return attempt;
}

/** One mistake of an attempt: its kind and the code it is about (the submitted one, else the expected one). */
export interface Mistake {
  kind: string;
  code?: string;
}

/** What lists of attempts show. */
export interface AttemptSummary {
  id: string;
  scenarioId: string;
  submittedAt: string;
  score: { earned: number; possible: number; percent: number };
  claimReady: boolean;
  mistakes: Mistake[];
  examId?: string;
}

/** A trainee's running totals on one scenario (practice attempts only). */
export interface ScenarioStats {
  scenarioId: string;
  attempts: number;
  sumPercent: number;
  best: number;
  claimReady: number;
  lastAt: string;
  /** Mistakes by `kind|code`, counted over the attempts. */
  mistakes: Record<string, number>;
}

export const scenarioVersionSchema = z.object({
  scenarioId: z.string().min(1).max(100),
  version: z.string().regex(/^[0-9a-f]{16,64}$/),
  /** The scenario as it was graded (the ScenarioModel, without its file path). */
  snapshot: z.record(z.string(), z.unknown()),
});
export type ScenarioVersionRecord = z.infer<typeof scenarioVersionSchema>;

export function summarise(attempt: Attempt): AttemptSummary {
  const { id: attemptId, scenarioId, submittedAt, result, examId } = attempt;
  const mistakes = result.findings
    .filter((f) => f.severity === 'error')
    .map((f) => ({ kind: f.kind, code: f.submitted ?? f.expected }));
  const summary: AttemptSummary = {
    id: attemptId,
    scenarioId,
    submittedAt,
    score: result.score,
    claimReady: result.claimReady,
    mistakes,
  };
  if (examId) summary.examId = examId;
  return summary;
}

export const mistakeKey = (m: Mistake) => `${m.kind}|${m.code ?? ''}`;

/** Fold one more practice attempt into a trainee's totals on its scenario. */
export function addToStats(stats: ScenarioStats | undefined, summary: AttemptSummary): ScenarioStats {
  const next: ScenarioStats = stats
    ? { ...stats, mistakes: { ...stats.mistakes } }
    : {
        scenarioId: summary.scenarioId,
        attempts: 0,
        sumPercent: 0,
        best: 0,
        claimReady: 0,
        lastAt: summary.submittedAt,
        mistakes: {},
      };
  next.attempts += 1;
  next.sumPercent += summary.score.percent;
  next.best = Math.max(next.best, summary.score.percent);
  if (summary.claimReady) next.claimReady += 1;
  if (summary.submittedAt > next.lastAt) next.lastAt = summary.submittedAt;
  for (const m of summary.mistakes) next.mistakes[mistakeKey(m)] = (next.mistakes[mistakeKey(m)] ?? 0) + 1;
  return next;
}

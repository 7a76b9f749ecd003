/** Assignments, the scenarios drawn for each trainee, exams and their saved answers. */
import { z } from 'zod';
import { submissionRecordSchema } from './records';

const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'an ISO time in UTC');
const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an id');
const scenarioId = z.string().min(1).max(100);

export const MODES = ['practice', 'exam'] as const;

/** An exam's time limit: a minute to a day. */
export const timeLimitMinutesSchema = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);
export const passPercentSchema = z.number().int().min(0).max(100);

/** How many scenarios of a kind a blueprint draws for each trainee. */
export const blueprintRowSchema = z.strictObject({
  count: z.number().int().min(1).max(50),
  setting: z.enum(['outpatient', 'inpatient']).optional(),
  system: z.enum(['ICD-10-CM', 'ICD-10-PCS', 'CPT', 'HCPCS']).optional(),
  minDifficulty: z.number().int().min(1).max(5).optional(),
  maxDifficulty: z.number().int().min(1).max(5).optional(),
});
export type BlueprintRow = z.infer<typeof blueprintRowSchema>;

export const assignmentSchema = z.object({
  id,
  cohortId: id,
  title: z.string().min(1).max(200),
  mode: z.enum(MODES),
  /** The scenarios everyone gets, or null when a blueprint draws them per trainee. */
  scenarioIds: z.array(scenarioId).nullable(),
  blueprint: z.array(blueprintRowSchema).nullable(),
  opensAt: isoTime,
  dueAt: isoTime,
  /** Exams only: minutes from starting to the end (capped by the due time). */
  timeLimitMinutes: timeLimitMinutesSchema.nullable(),
  passPercent: passPercentSchema,
  /** Extra sittings a trainer allowed, by trainee id (exams allow one sitting otherwise). */
  retakes: z.record(z.string(), z.number().int().min(0)),
  createdBy: id,
  createdAt: isoTime,
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const drawSchema = z.object({
  assignmentId: id,
  userId: id,
  scenarioIds: z.array(scenarioId),
  drawnAt: isoTime,
});
export type Draw = z.infer<typeof drawSchema>;

export const examSchema = z.object({
  id,
  assignmentId: id,
  userId: id,
  /** 1 for the first sitting, 2 for a retake… */
  sitting: z.number().int().min(1),
  scenarioIds: z.array(scenarioId),
  startedAt: isoTime,
  endsAt: isoTime,
  submittedAt: isoTime.nullable(),
  submittedBy: z.enum(['trainee', 'time']).nullable(),
  /** The graded attempt of each scenario, once submitted. */
  attemptIds: z.record(z.string(), id),
});
export type Exam = z.infer<typeof examSchema>;

export const examAnswerSchema = z.object({
  examId: id,
  scenarioId,
  diagnoses: submissionRecordSchema.shape.diagnoses,
  procedures: submissionRecordSchema.shape.procedures,
  flagged: z.boolean(),
  savedAt: isoTime,
  /** Time spent on this scenario so far, as the page reported it. */
  timeSpentMs: z.number().int().min(0),
});
export type ExamAnswer = z.infer<typeof examAnswerSchema>;

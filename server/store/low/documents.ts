/** The small lowdb documents under DATA_DIR, and their schemas. */
import { z } from 'zod';
import { assignmentSchema, drawSchema, examSchema } from '../exam-records';
import {
  apiTokenSchema,
  cohortSchema,
  membershipSchema,
  resetTokenSchema,
  sessionSchema,
  userSchema,
} from '../records';

export const accountsSchema = z.object({
  users: z.array(userSchema),
  tokens: z.array(apiTokenSchema),
  resets: z.array(resetTokenSchema),
});
export type AccountsDocument = z.infer<typeof accountsSchema>;

export const sessionsSchema = z.object({ sessions: z.array(sessionSchema) });
export type SessionsDocument = z.infer<typeof sessionsSchema>;

export const classesSchema = z.object({
  cohorts: z.array(cohortSchema),
  memberships: z.array(membershipSchema),
  assignments: z.array(assignmentSchema),
  draws: z.array(drawSchema),
});
export type ClassesDocument = z.infer<typeof classesSchema>;

export const examsSchema = z.object({ exams: z.array(examSchema) });
export type ExamsDocument = z.infer<typeof examsSchema>;

export const DOCUMENTS = {
  accounts: {
    file: 'accounts.json',
    schema: accountsSchema,
    empty: (): AccountsDocument => ({ users: [], tokens: [], resets: [] }),
  },
  sessions: {
    file: 'sessions.json',
    schema: sessionsSchema,
    empty: (): SessionsDocument => ({ sessions: [] }),
  },
  classes: {
    file: 'classes.json',
    schema: classesSchema,
    empty: (): ClassesDocument => ({ cohorts: [], memberships: [], assignments: [], draws: [] }),
  },
  exams: { file: 'exams.json', schema: examsSchema, empty: (): ExamsDocument => ({ exams: [] }) },
} as const;

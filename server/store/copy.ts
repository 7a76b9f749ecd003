/**
 * Moving an embedded (lowdb) installation into PostgreSQL. Every record keeps its id; what
 * the database already holds is skipped, so the copy can be run again (after an
 * interruption, or to pick up what the old server saved meanwhile) and adds nothing twice.
 * Attempts go in batches, with their running totals, in one statement per batch.
 */
import { ConflictError } from './errors';
import type { LowStore } from './low/low-store';
import type { PgStore } from './pg/pg-store';

export interface CopyReport {
  users: { copied: number; skipped: number; conflicts: string[] };
  attempts: { source: number; copied: number; alreadyThere: number };
  other: number;
}

const BATCH = 1000;

async function skipTaken(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

export async function copyStore(
  source: LowStore,
  target: PgStore,
  progress: (done: number, total: number) => void = () => {},
): Promise<CopyReport> {
  const records = await source.exportRecords();
  const report: CopyReport = {
    users: { copied: 0, skipped: 0, conflicts: [] },
    attempts: { source: 0, copied: 0, alreadyThere: 0 },
    other: 0,
  };
  for (const user of records.accounts.users) {
    const existing = await target.getUser(user.id);
    if (existing) {
      report.users.skipped++;
      continue;
    }
    if (await skipTaken(() => target.createUser(user))) {
      report.users.copied++;
      if (user.passwordChangedAt)
        await target.updateUser(user.id, { passwordChangedAt: user.passwordChangedAt });
    } else report.users.conflicts.push(user.username);
  }
  const count = async (work: () => Promise<unknown>) => {
    if (await skipTaken(work)) report.other++;
  };
  for (const token of records.accounts.tokens) await count(() => target.createToken(token));
  for (const reset of records.accounts.resets)
    if (!reset.usedAt) await count(() => target.createReset(reset));
  for (const session of records.sessions.sessions) await count(() => target.createSession(session));
  for (const cohort of records.classes.cohorts) await count(() => target.createCohort(cohort));
  for (const membership of records.classes.memberships) await target.addMember(membership);
  for (const assignment of records.classes.assignments)
    await count(() => target.createAssignment(assignment));
  for (const draw of records.classes.draws) await target.saveDraw(draw);
  for (const exam of records.exams.exams) await target.startExam(exam);
  await target.importExamAnswers(records.answers);
  for (const version of records.versions) await target.saveScenarioVersion(version);

  const total = await source.countAttempts();
  report.attempts.source = total;
  let done = 0;
  progress(0, total);
  // One user's file at a time, so memory holds one user's attempts, not the installation's.
  for (const userId of await source.attemptOwners()) {
    const attempts = await source.allAttemptsOf(userId);
    for (let i = 0; i < attempts.length; i += BATCH) {
      const batch = attempts.slice(i, i + BATCH);
      const inserted = await target.insertAttempts(batch);
      report.attempts.copied += inserted;
      report.attempts.alreadyThere += batch.length - inserted;
      done += batch.length;
      progress(done, total);
    }
  }
  return report;
}

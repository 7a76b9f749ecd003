/**
 * The embedded store: lowdb JSON documents and append-only JSON-lines files under
 * DATA_DIR, nothing to install. One Handoff process owns the folder.
 *
 * | file | holds |
 * |---|---|
 * | accounts.json | users, API tokens, password-reset links (hashes only) |
 * | sessions.json | sessions (hashes of the cookie tokens) |
 * | classes.json | cohorts, memberships, assignments, the scenarios drawn for each trainee |
 * | exams.json | exams started and submitted |
 * | attempts/<user id>.jsonl | each user's attempts, one per line |
 * | scenario-versions.jsonl | every scenario version an attempt was graded against |
 * | exam-answers.jsonl | answers saved during exams (the last line per exam and scenario counts) |
 *
 * Every write is durable before its promise resolves (see durable-file, append-log). A
 * document that cannot be read is reported by `health()` and named by every operation that
 * needs it; the rest of the store goes on working.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppendLog } from '../append-log';
import { ensureFolder } from '../../durable-file';
import { ConflictError, DamagedDataError } from '../errors';
import { examAnswerSchema, type Assignment, type Draw, type Exam, type ExamAnswer } from '../exam-records';
import {
  scenarioVersionSchema,
  type ApiToken,
  type Attempt,
  type Cohort,
  type Membership,
  type ResetToken,
  type ScenarioStats,
  type ScenarioVersionRecord,
  type Session,
  type User,
} from '../records';
import {
  usernameKey,
  type AttemptPage,
  type ExamFilter,
  type NewUser,
  type SignedInRecord,
  type Store,
  type StoreHealth,
} from '../store';
import { AttemptFiles } from './attempt-files';
import {
  DOCUMENTS,
  type AccountsDocument,
  type ClassesDocument,
  type ExamsDocument,
  type SessionsDocument,
} from './documents';
import { JsonDocument } from './json-document';
import { readJsonLines } from './json-lines';
import { migrateNameOnlyTrainees } from './legacy';

export interface LowStoreOptions {
  logger?: { warn(message: string): void };
  now?: () => Date;
  /** Users whose attempts stay in memory at once (default 5000). */
  maxResidentUsers?: number;
  /** A session's last activity is written at most this often (default one minute). */
  touchEveryMs?: number;
  /**
   * Another process's change to users, sessions or classes (the users CLI run beside the
   * server) is seen within this long (default one second): each document is looked at
   * on disk at most this often.
   */
  externalChangesMs?: number;
}

export const EXTERNAL_CHANGES_MS = 1000;

type Slot<T> = { document: JsonDocument<T> } | { error: DamagedDataError };

const newId = () => randomBytes(10).toString('hex');

export class LowStore implements Store {
  readonly kind = 'lowdb' as const;
  private readonly problems = new Map<string, string>();
  private readonly touched = new Map<string, string>();
  private readonly examQueues = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly slots: {
      accounts: Slot<AccountsDocument>;
      sessions: Slot<SessionsDocument>;
      classes: Slot<ClassesDocument>;
      exams: Slot<ExamsDocument>;
    },
    private readonly attemptFiles: AttemptFiles,
    private readonly versions: Map<string, ScenarioVersionRecord>,
    private readonly versionLog: AppendLog,
    private readonly answers: Map<string, Map<string, ExamAnswer>>,
    private readonly answerLog: AppendLog,
    private readonly options: LowStoreOptions,
  ) {
    for (const [name, slot] of Object.entries(slots))
      if ('error' in slot)
        this.problems.set(DOCUMENTS[name as keyof typeof DOCUMENTS].file, slot.error.message);
  }

  static async open(dataDir: string, options: LowStoreOptions = {}): Promise<LowStore> {
    await ensureFolder(dataDir);
    await ensureFolder(path.join(dataDir, 'attempts'));
    const problems: string[] = [];
    const openSlot = async <T>(spec: {
      file: string;
      schema: import('zod').ZodType<T>;
      empty: () => T;
    }): Promise<Slot<T>> => {
      try {
        return {
          document: await JsonDocument.open(
            path.join(dataDir, spec.file),
            spec.schema,
            spec.empty(),
            spec.file,
            {
              recheckMs: options.externalChangesMs ?? EXTERNAL_CHANGES_MS,
              now: () => (options.now?.() ?? new Date()).getTime(),
            },
          ),
        };
      } catch (error) {
        if (error instanceof DamagedDataError) {
          problems.push(error.message);
          return { error };
        }
        throw error;
      }
    };
    const slots = {
      accounts: await openSlot(DOCUMENTS.accounts),
      sessions: await openSlot(DOCUMENTS.sessions),
      classes: await openSlot(DOCUMENTS.classes),
      exams: await openSlot(DOCUMENTS.exams),
    };
    const warn = (message: string) => options.logger?.warn(message);
    const readLog = <T>(file: string, schema: import('zod').ZodType<T>) =>
      readJsonLines(path.join(dataDir, file), schema, {
        displayName: file,
        onCutOff: warn,
        now: options.now,
      });
    const versions = new Map<string, ScenarioVersionRecord>();
    for (const { value } of await readLog('scenario-versions.jsonl', scenarioVersionSchema))
      versions.set(`${value.scenarioId}|${value.version}`, value);
    const answers = new Map<string, Map<string, ExamAnswer>>();
    for (const { value } of await readLog('exam-answers.jsonl', examAnswerSchema)) {
      const ofExam = answers.get(value.examId) ?? new Map<string, ExamAnswer>();
      ofExam.set(value.scenarioId, value);
      answers.set(value.examId, ofExam);
    }
    const attemptFiles = new AttemptFiles(path.join(dataDir, 'attempts'), {
      maxResident: options.maxResidentUsers,
      onCutOff: warn,
      now: options.now,
    });
    const store = new LowStore(
      slots,
      attemptFiles,
      versions,
      new AppendLog(path.join(dataDir, 'scenario-versions.jsonl')),
      answers,
      new AppendLog(path.join(dataDir, 'exam-answers.jsonl')),
      options,
    );
    if ('document' in slots.accounts)
      await migrateNameOnlyTrainees(dataDir, slots.accounts.document, attemptFiles, warn);
    return store;
  }

  private document<T>(slot: Slot<T>): JsonDocument<T> {
    if ('error' in slot) throw slot.error;
    return slot.document;
  }

  private get accounts() {
    return this.document(this.slots.accounts);
  }
  private get sessions() {
    return this.document(this.slots.sessions);
  }
  private get classes() {
    return this.document(this.slots.classes);
  }
  private get exams() {
    return this.document(this.slots.exams);
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** Remember a damaged attempts file for health(), and let the error go on to the caller. */
  private noting<T>(work: Promise<T>): Promise<T> {
    return work.catch((error: unknown) => {
      if (error instanceof DamagedDataError) this.problems.set(error.where, error.message);
      throw error;
    });
  }

  async health(): Promise<StoreHealth> {
    const problems = [...this.problems].map(([where, message]) => ({ where, message }));
    return { status: problems.length > 0 ? 'damaged' : 'ok', problems };
  }

  async close(): Promise<void> {
    await this.flushTouches();
    await this.attemptFiles.close();
    await this.versionLog.close();
    await this.answerLog.close();
  }

  // Users ------------------------------------------------------------------------------

  createUser(user: NewUser & { id?: string; createdAt?: string }): Promise<User> {
    return this.accounts.update((data) => {
      const key = usernameKey(user.username);
      if (data.users.some((u) => usernameKey(u.username) === key))
        throw new ConflictError(`the username "${user.username}"`);
      const id = user.id ?? newId();
      if (data.users.some((u) => u.id === id)) throw new ConflictError(`the user id ${id}`);
      const created: User = {
        id,
        username: user.username.normalize('NFKC').trim(),
        role: user.role,
        passwordHash: user.passwordHash,
        createdAt: user.createdAt ?? this.now(),
      };
      data.users.push(created);
      return { ...created };
    });
  }

  async getUser(id: string): Promise<User | undefined> {
    const user = (await this.accounts.current()).users.find((u) => u.id === id);
    return user && { ...user };
  }

  async findUserByUsername(username: string): Promise<User | undefined> {
    const key = usernameKey(username);
    const user = (await this.accounts.current()).users.find((u) => usernameKey(u.username) === key);
    return user && { ...user };
  }

  async listUsers(): Promise<User[]> {
    return (await this.accounts.current()).users.map((u) => ({ ...u }));
  }

  async countUsers(): Promise<number> {
    return (await this.accounts.current()).users.length;
  }

  updateUser(
    id: string,
    patch: Partial<Pick<User, 'passwordHash' | 'passwordChangedAt' | 'role'>>,
  ): Promise<User | undefined> {
    return this.accounts.update((data) => {
      const user = data.users.find((u) => u.id === id);
      if (!user) return undefined;
      Object.assign(user, patch);
      return { ...user };
    });
  }

  async deleteUser(id: string): Promise<boolean> {
    const removed = await this.accounts.update((data) => {
      const before = data.users.length;
      data.users = data.users.filter((u) => u.id !== id);
      data.tokens = data.tokens.filter((t) => t.userId !== id);
      data.resets = data.resets.filter((r) => r.userId !== id);
      return data.users.length < before;
    });
    if (!removed) return false;
    await this.deleteSessionsOf(id);
    await this.classes.update((data) => {
      data.memberships = data.memberships.filter((m) => m.userId !== id);
      data.draws = data.draws.filter((d) => d.userId !== id);
      for (const cohort of data.cohorts) cohort.trainerIds = cohort.trainerIds.filter((t) => t !== id);
    });
    const examIds = await this.exams.update((data) => {
      const mine = data.exams.filter((e) => e.userId === id).map((e) => e.id);
      data.exams = data.exams.filter((e) => e.userId !== id);
      return mine;
    });
    for (const examId of examIds) this.answers.delete(examId);
    await this.attemptFiles.remove(id);
    return true;
  }

  // Sessions ---------------------------------------------------------------------------

  async createSession(session: Session): Promise<void> {
    await this.sessions.update((data) => {
      if (data.sessions.some((s) => s.id === session.id)) throw new ConflictError('the session id');
      data.sessions.push({ ...session });
    });
  }

  async getSignedIn(id: string): Promise<SignedInRecord | undefined> {
    const session = await this.getSession(id);
    const user = session && (await this.getUser(session.userId));
    if (!session || !user) return undefined;
    return { session, user, openExams: await this.listExams({ userId: user.id, open: true }) };
  }

  async getSession(id: string): Promise<Session | undefined> {
    const session = (await this.sessions.current()).sessions.find((s) => s.id === id);
    if (!session) return undefined;
    const touched = this.touched.get(id);
    return { ...session, lastSeenAt: touched && touched > session.lastSeenAt ? touched : session.lastSeenAt };
  }

  /**
   * Activity only extends a session, so it is kept in memory and written at most once per
   * `touchEveryMs`: a crash loses at most that much of a session's idle time, never a session.
   */
  async touchSession(id: string, at: string): Promise<void> {
    const session = (await this.sessions.current()).sessions.find((s) => s.id === id);
    if (!session) return;
    this.touched.set(id, at);
    if (Date.parse(at) - Date.parse(session.lastSeenAt) >= (this.options.touchEveryMs ?? 60_000))
      await this.flushTouches();
  }

  private async flushTouches(): Promise<void> {
    if (this.touched.size === 0 || 'error' in this.slots.sessions) return;
    const touched = new Map(this.touched);
    this.touched.clear();
    await this.sessions.update((data) => {
      for (const session of data.sessions) {
        const at = touched.get(session.id);
        if (at && at > session.lastSeenAt) session.lastSeenAt = at;
      }
    });
  }

  async deleteSession(id: string): Promise<void> {
    this.touched.delete(id);
    await this.sessions.update((data) => {
      data.sessions = data.sessions.filter((s) => s.id !== id);
    });
  }

  deleteSessionsOf(userId: string, keep?: string): Promise<number> {
    return this.sessions.update((data) => {
      const before = data.sessions.length;
      data.sessions = data.sessions.filter((s) => s.userId !== userId || s.id === keep);
      return before - data.sessions.length;
    });
  }

  async deleteSessionsIdleSince(before: string): Promise<number> {
    await this.flushTouches();
    return this.sessions.update((data) => {
      const count = data.sessions.length;
      data.sessions = data.sessions.filter((s) => s.lastSeenAt >= before);
      return count - data.sessions.length;
    });
  }

  // Tokens -----------------------------------------------------------------------------

  async createToken(token: ApiToken): Promise<void> {
    await this.accounts.update((data) => {
      if (data.tokens.some((t) => t.hash === token.hash || t.id === token.id))
        throw new ConflictError('the token');
      data.tokens.push({ ...token });
    });
  }

  async findTokenByHash(hash: string): Promise<ApiToken | undefined> {
    const token = (await this.accounts.current()).tokens.find((t) => t.hash === hash);
    return token && { ...token };
  }

  async listTokens(userId: string): Promise<ApiToken[]> {
    return (await this.accounts.current()).tokens.filter((t) => t.userId === userId).map((t) => ({ ...t }));
  }

  deleteToken(userId: string, id: string): Promise<boolean> {
    return this.accounts.update((data) => {
      const before = data.tokens.length;
      data.tokens = data.tokens.filter((t) => !(t.userId === userId && t.id === id));
      return data.tokens.length < before;
    });
  }

  async createReset(reset: ResetToken): Promise<void> {
    await this.accounts.update((data) => {
      data.resets.push({ ...reset });
    });
  }

  async findReset(hash: string, now: string): Promise<ResetToken | undefined> {
    const reset = (await this.accounts.current()).resets.find((r) => r.hash === hash);
    return reset && !reset.usedAt && reset.expiresAt > now ? { ...reset } : undefined;
  }

  takeReset(hash: string, now: string): Promise<ResetToken | undefined> {
    return this.accounts.update((data) => {
      const reset = data.resets.find((r) => r.hash === hash);
      if (!reset || reset.usedAt || reset.expiresAt <= now) return undefined;
      reset.usedAt = now;
      return { ...reset };
    });
  }

  // Cohorts ----------------------------------------------------------------------------

  async createCohort(cohort: Cohort): Promise<void> {
    await this.classes.update((data) => {
      if (data.cohorts.some((c) => c.joinCode === cohort.joinCode))
        throw new ConflictError(`the join code ${cohort.joinCode}`);
      if (data.cohorts.some((c) => c.id === cohort.id)) throw new ConflictError(`the cohort id ${cohort.id}`);
      data.cohorts.push({ ...cohort, trainerIds: [...cohort.trainerIds] });
    });
  }

  async getCohort(id: string): Promise<Cohort | undefined> {
    const cohort = (await this.classes.current()).cohorts.find((c) => c.id === id);
    return cohort && { ...cohort, trainerIds: [...cohort.trainerIds] };
  }

  async findCohortByJoinCode(joinCode: string): Promise<Cohort | undefined> {
    const cohort = (await this.classes.current()).cohorts.find((c) => c.joinCode === joinCode);
    return cohort && { ...cohort, trainerIds: [...cohort.trainerIds] };
  }

  async listCohorts(): Promise<Cohort[]> {
    return (await this.classes.current()).cohorts.map((c) => ({ ...c, trainerIds: [...c.trainerIds] }));
  }

  updateCohort(
    id: string,
    patch: Partial<Pick<Cohort, 'name' | 'registrationOpen' | 'trainerIds'>>,
  ): Promise<Cohort | undefined> {
    return this.classes.update((data) => {
      const cohort = data.cohorts.find((c) => c.id === id);
      if (!cohort) return undefined;
      Object.assign(cohort, patch);
      return { ...cohort, trainerIds: [...cohort.trainerIds] };
    });
  }

  async addMember(membership: Membership): Promise<void> {
    await this.classes.update((data) => {
      if (!data.memberships.some((m) => m.cohortId === membership.cohortId && m.userId === membership.userId))
        data.memberships.push({ ...membership });
    });
  }

  async removeMember(cohortId: string, userId: string): Promise<void> {
    await this.classes.update((data) => {
      data.memberships = data.memberships.filter((m) => !(m.cohortId === cohortId && m.userId === userId));
    });
  }

  async membersOf(cohortId: string): Promise<Membership[]> {
    return (await this.classes.current()).memberships
      .filter((m) => m.cohortId === cohortId)
      .map((m) => ({ ...m }));
  }

  async cohortsOfMember(userId: string): Promise<Membership[]> {
    return (await this.classes.current()).memberships
      .filter((m) => m.userId === userId)
      .map((m) => ({ ...m }));
  }

  // Attempts ---------------------------------------------------------------------------

  async saveScenarioVersion(version: ScenarioVersionRecord): Promise<void> {
    const key = `${version.scenarioId}|${version.version}`;
    if (this.versions.has(key)) return;
    const record = scenarioVersionSchema.parse(version);
    // Remembered before the write so that attempts arriving together append it once; taken back if the write fails.
    this.versions.set(key, record);
    try {
      await this.versionLog.append(JSON.stringify(record));
    } catch (error) {
      this.versions.delete(key);
      throw error;
    }
  }

  async getScenarioVersion(scenarioId: string, version: string): Promise<ScenarioVersionRecord | undefined> {
    return this.versions.get(`${scenarioId}|${version}`);
  }

  addAttempt(attempt: Attempt): Promise<void> {
    return this.noting(this.attemptFiles.add(attempt));
  }

  getAttempt(userId: string, attemptId: string): Promise<Attempt | undefined> {
    return this.noting(this.attemptFiles.get(userId, attemptId));
  }

  listAttempts(
    userId: string,
    options: { limit: number; before?: string; examId?: string | null },
  ): Promise<AttemptPage> {
    return this.noting(this.attemptFiles.list(userId, options));
  }

  statsOf(userId: string): Promise<ScenarioStats[]> {
    return this.noting(this.attemptFiles.stats(userId));
  }

  async statsOfUsers(userIds: readonly string[]): Promise<Map<string, ScenarioStats[]>> {
    const out = new Map<string, ScenarioStats[]>();
    for (const userId of userIds) out.set(userId, await this.statsOf(userId));
    return out;
  }

  async countAttempts(): Promise<number> {
    let total = 0;
    for (const userId of await this.attemptFiles.userIds())
      total += await this.noting(this.attemptFiles.count(userId));
    return total;
  }

  // Assignments and exams --------------------------------------------------------------

  async createAssignment(assignment: Assignment): Promise<void> {
    await this.classes.update((data) => {
      if (data.assignments.some((a) => a.id === assignment.id))
        throw new ConflictError(`the assignment id ${assignment.id}`);
      data.assignments.push(structuredClone(assignment));
    });
  }

  async getAssignment(id: string): Promise<Assignment | undefined> {
    const assignment = (await this.classes.current()).assignments.find((a) => a.id === id);
    return assignment && structuredClone(assignment);
  }

  async listAssignments(cohortIds: readonly string[]): Promise<Assignment[]> {
    return (await this.classes.current()).assignments
      .filter((a) => cohortIds.includes(a.cohortId))
      .map((a) => structuredClone(a));
  }

  updateAssignment(
    id: string,
    patch: Partial<Pick<Assignment, 'retakes' | 'title' | 'dueAt'>>,
  ): Promise<Assignment | undefined> {
    return this.classes.update((data) => {
      const assignment = data.assignments.find((a) => a.id === id);
      if (!assignment) return undefined;
      Object.assign(assignment, structuredClone(patch));
      return structuredClone(assignment);
    });
  }

  saveDraw(draw: Draw): Promise<Draw> {
    return this.classes.update((data) => {
      const kept = data.draws.find((d) => d.assignmentId === draw.assignmentId && d.userId === draw.userId);
      if (kept) return structuredClone(kept);
      data.draws.push(structuredClone(draw));
      return structuredClone(draw);
    });
  }

  async getDraw(assignmentId: string, userId: string): Promise<Draw | undefined> {
    const draw = (await this.classes.current()).draws.find(
      (d) => d.assignmentId === assignmentId && d.userId === userId,
    );
    return draw && structuredClone(draw);
  }

  startExam(exam: Exam): Promise<Exam> {
    return this.exams.update((data) => {
      const kept = data.exams.find(
        (e) => e.assignmentId === exam.assignmentId && e.userId === exam.userId && e.sitting === exam.sitting,
      );
      if (kept) return structuredClone(kept);
      data.exams.push(structuredClone(exam));
      return structuredClone(exam);
    });
  }

  async getExam(id: string): Promise<Exam | undefined> {
    const exam = (await this.exams.current()).exams.find((e) => e.id === id);
    return exam && structuredClone(exam);
  }

  async listExams(filter: ExamFilter): Promise<Exam[]> {
    return (await this.exams.current()).exams
      .filter(
        (e) =>
          (filter.assignmentId === undefined || e.assignmentId === filter.assignmentId) &&
          (filter.userId === undefined || e.userId === filter.userId) &&
          (filter.open !== true || e.submittedAt === null),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((e) => structuredClone(e));
  }

  /** One exam's saves and its submission run one after another, so none slips in after the submission. */
  private inExamOrder<T>(examId: string, work: () => Promise<T>): Promise<T> {
    const result = (this.examQueues.get(examId) ?? Promise.resolve()).then(work, work);
    const tail = result.catch(() => undefined);
    this.examQueues.set(examId, tail);
    void tail.then(() => {
      if (this.examQueues.get(examId) === tail) this.examQueues.delete(examId);
    });
    return result;
  }

  saveExamAnswer(answer: ExamAnswer): Promise<boolean> {
    return this.inExamOrder(answer.examId, async () => {
      const exam = (await this.exams.current()).exams.find((e) => e.id === answer.examId);
      if (!exam || exam.submittedAt !== null) return false;
      const record = examAnswerSchema.parse(answer);
      await this.answerLog.append(JSON.stringify(record));
      const ofExam = this.answers.get(record.examId) ?? new Map<string, ExamAnswer>();
      ofExam.set(record.scenarioId, record);
      this.answers.set(record.examId, ofExam);
      return true;
    });
  }

  async examAnswers(examId: string): Promise<ExamAnswer[]> {
    return [...(this.answers.get(examId)?.values() ?? [])].map((a) => structuredClone(a));
  }

  submitExam(examId: string, submittedAt: string, by: Exam['submittedBy']): Promise<boolean> {
    return this.inExamOrder(examId, () =>
      this.exams.update((data) => {
        const exam = data.exams.find((e) => e.id === examId);
        if (!exam || exam.submittedAt !== null) return false;
        exam.submittedAt = submittedAt;
        exam.submittedBy = by;
        return true;
      }),
    );
  }

  async setExamAttempts(examId: string, attemptIds: Record<string, string>): Promise<void> {
    await this.exams.update((data) => {
      const exam = data.exams.find((e) => e.id === examId);
      if (exam) exam.attemptIds = { ...exam.attemptIds, ...attemptIds };
    });
  }

  /** Everything but the attempts, as it is on disk: what `db copy` moves to PostgreSQL. */
  async exportRecords(): Promise<{
    accounts: AccountsDocument;
    sessions: SessionsDocument;
    classes: ClassesDocument;
    exams: ExamsDocument;
    versions: ScenarioVersionRecord[];
    answers: ExamAnswer[];
  }> {
    return {
      accounts: structuredClone(await this.accounts.current()),
      sessions: structuredClone(await this.sessions.current()),
      classes: structuredClone(await this.classes.current()),
      exams: structuredClone(await this.exams.current()),
      versions: [...this.versions.values()],
      answers: [...this.answers.values()].flatMap((ofExam) => [...ofExam.values()]),
    };
  }

  /** The users with an attempts file, and each one's attempts whole (for `db copy`). */
  attemptOwners(): Promise<string[]> {
    return this.attemptFiles.userIds();
  }

  allAttemptsOf(userId: string): Promise<Attempt[]> {
    return this.noting(this.attemptFiles.all(userId));
  }
}

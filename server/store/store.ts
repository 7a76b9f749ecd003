/**
 * The one storage interface. Everything above it (routes, the CLI, reports) depends on
 * this module only; the backends behind it are lowdb files under DATA_DIR (the embedded
 * default) and PostgreSQL (DATABASE_URL). Both pass the same contract tests
 * (test/store/contract.ts).
 *
 * Promises it makes, whatever the backend: a resolved write is durable (it survives the
 * process being killed and a power cut); a unique key taken twice is refused with
 * ConflictError; a record of the wrong shape is refused with DamagedDataError naming where
 * it is; an unreachable database is StoreUnavailableError (the web answers 503).
 */
import type { Assignment, Draw, Exam, ExamAnswer } from './exam-records';
import type {
  ApiToken,
  Attempt,
  AttemptSummary,
  Cohort,
  Membership,
  ResetToken,
  Role,
  ScenarioStats,
  ScenarioVersionRecord,
  Session,
  User,
} from './records';

export interface SignedInRecord {
  session: Session;
  user: User;
  /** The user's exams not yet submitted, as listExams({ userId, open: true }) gives them. */
  openExams: Exam[];
}

export interface NewUser {
  username: string;
  role: Role;
  passwordHash: string | null;
}

export interface AttemptPage {
  attempts: AttemptSummary[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next?: string;
}

export interface StoreHealth {
  status: 'ok' | 'damaged' | 'unavailable';
  problems: Array<{ where: string; message: string }>;
}

export interface UserStore {
  /** ConflictError when the username (compared as `usernameKey`) is taken. */
  createUser(user: NewUser & { id?: string; createdAt?: string }): Promise<User>;
  getUser(id: string): Promise<User | undefined>;
  findUserByUsername(username: string): Promise<User | undefined>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  updateUser(
    id: string,
    patch: Partial<Pick<User, 'passwordHash' | 'passwordChangedAt' | 'role'>>,
  ): Promise<User | undefined>;
  /** Removes the user and everything of theirs: sessions, tokens, memberships, attempts, exams. */
  deleteUser(id: string): Promise<boolean>;
}

export interface SessionStore {
  createSession(session: Session): Promise<void>;
  getSession(id: string): Promise<Session | undefined>;
  /**
   * The session with its user and the user's exams under way, read together: every
   * signed-in request needs the first two, and every practice page the third (an exam
   * under way locks its scenarios). One query on PostgreSQL.
   */
  getSignedIn(id: string): Promise<SignedInRecord | undefined>;
  /** Records activity; backends may keep it in memory and write it later (it only extends an expiry). */
  touchSession(id: string, at: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Every session of the user except `keep` (sign out everywhere, a password change). */
  deleteSessionsOf(userId: string, keep?: string): Promise<number>;
  /** Sessions last seen before the time are removed. */
  deleteSessionsIdleSince(before: string): Promise<number>;
}

export interface TokenStore {
  createToken(token: ApiToken): Promise<void>;
  findTokenByHash(hash: string): Promise<ApiToken | undefined>;
  listTokens(userId: string): Promise<ApiToken[]>;
  deleteToken(userId: string, id: string): Promise<boolean>;
  createReset(reset: ResetToken): Promise<void>;
  /** The reset link while it can still be used (not used, not expired). */
  findReset(hash: string, now: string): Promise<ResetToken | undefined>;
  /** Marks the reset used and returns it, once: a second take, or an expired one, gives undefined. */
  takeReset(hash: string, now: string): Promise<ResetToken | undefined>;
}

export interface CohortStore {
  /** ConflictError when the join code is taken. */
  createCohort(cohort: Cohort): Promise<void>;
  getCohort(id: string): Promise<Cohort | undefined>;
  findCohortByJoinCode(joinCode: string): Promise<Cohort | undefined>;
  listCohorts(): Promise<Cohort[]>;
  updateCohort(
    id: string,
    patch: Partial<Pick<Cohort, 'name' | 'registrationOpen' | 'trainerIds'>>,
  ): Promise<Cohort | undefined>;
  addMember(membership: Membership): Promise<void>;
  removeMember(cohortId: string, userId: string): Promise<void>;
  membersOf(cohortId: string): Promise<Membership[]>;
  cohortsOfMember(userId: string): Promise<Membership[]>;
}

export interface AttemptStore {
  /** Keeps a scenario version; saving the same one again does nothing. */
  saveScenarioVersion(version: ScenarioVersionRecord): Promise<void>;
  getScenarioVersion(scenarioId: string, version: string): Promise<ScenarioVersionRecord | undefined>;
  /** Durable once resolved. */
  addAttempt(attempt: Attempt): Promise<void>;
  /** The attempt if it is this user's. */
  getAttempt(userId: string, attemptId: string): Promise<Attempt | undefined>;
  /** Newest first, at most `limit`, older than the attempt `before` when given. */
  listAttempts(
    userId: string,
    options: { limit: number; before?: string; examId?: string | null },
  ): Promise<AttemptPage>;
  /** The user's running totals per scenario (practice attempts only), in no particular order. */
  statsOf(userId: string): Promise<ScenarioStats[]>;
  /** The same for several users at once (a cohort report). */
  statsOfUsers(userIds: readonly string[]): Promise<Map<string, ScenarioStats[]>>;
  /** How many attempts the store holds (for copies and figures). */
  countAttempts(): Promise<number>;
}

export interface ExamFilter {
  assignmentId?: string;
  userId?: string;
  open?: boolean;
}

export interface ExamStore {
  createAssignment(assignment: Assignment): Promise<void>;
  getAssignment(id: string): Promise<Assignment | undefined>;
  listAssignments(cohortIds: readonly string[]): Promise<Assignment[]>;
  updateAssignment(
    id: string,
    patch: Partial<Pick<Assignment, 'retakes' | 'title' | 'dueAt'>>,
  ): Promise<Assignment | undefined>;
  /** Keeps the first draw for the assignment and user; returns the one kept. */
  saveDraw(draw: Draw): Promise<Draw>;
  getDraw(assignmentId: string, userId: string): Promise<Draw | undefined>;
  /** Keeps the first exam for (assignment, user, sitting); returns the one kept. */
  startExam(exam: Exam): Promise<Exam>;
  getExam(id: string): Promise<Exam | undefined>;
  /** Exams matching every field given, in id order; `open: true` keeps those not yet submitted. */
  listExams(filter: ExamFilter): Promise<Exam[]>;
  /** Durable once resolved; refused (false) once the exam is submitted. */
  saveExamAnswer(answer: ExamAnswer): Promise<boolean>;
  examAnswers(examId: string): Promise<ExamAnswer[]>;
  /**
   * Marks the exam submitted, once: false when it already was. Answers saved before are
   * kept; none is accepted after. (The graded attempts are recorded with setExamAttempts.)
   */
  submitExam(examId: string, submittedAt: string, by: Exam['submittedBy']): Promise<boolean>;
  /** The graded attempt of each scenario of a submitted exam. */
  setExamAttempts(examId: string, attemptIds: Record<string, string>): Promise<void>;
}

export interface Store extends UserStore, SessionStore, TokenStore, CohortStore, AttemptStore, ExamStore {
  readonly kind: 'lowdb' | 'postgresql';
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** Usernames are compared as people read them: Unicode-normalised (NFKC), case and spacing aside. */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

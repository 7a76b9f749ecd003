/**
 * The PostgreSQL store, for a school that outgrows one server: any number of Handoff
 * servers on one database serve the same users. node-postgres with a connection pool; the
 * schema comes from versioned migrations (migrations.ts), applied at start-up.
 *
 * Every write is one statement or one transaction, so a lost connection leaves nothing
 * half-saved; a statement acknowledged by the database is durable (PostgreSQL's own WAL
 * and fsync). A database that cannot be reached surfaces as StoreUnavailableError (503),
 * and the pool connects again by itself when it is back.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { z } from 'zod';
import { ConflictError, DamagedDataError, describeShapeError, StoreUnavailableError } from '../errors';
import {
  assignmentSchema,
  drawSchema,
  examAnswerSchema,
  examSchema,
  type Assignment,
  type Draw,
  type Exam,
  type ExamAnswer,
} from '../exam-records';
import {
  apiTokenSchema,
  attemptSchema,
  checkAttemptKeys,
  cohortSchema,
  resetTokenSchema,
  scenarioVersionSchema,
  sessionSchema,
  mistakeKey,
  summarise,
  userSchema,
  type ApiToken,
  type Attempt,
  type AttemptSummary,
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
import { countBy } from '../../count-by';
import { migrate } from './migrate';

type Row = Record<string, unknown>;

const iso = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : new Date(value as string | Date).toISOString();

/** Errors that mean the database is not there (refused, restarted, gone mid-query). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  '53300',
]);

function mapError(error: unknown, what: string): Error {
  const e = error as { code?: string; message?: string; constraint?: string };
  if (e.code === '23505') return new ConflictError(what);
  if (
    (e.code && UNAVAILABLE_CODES.has(e.code)) ||
    /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(
      e.message ?? '',
    )
  ) {
    return new StoreUnavailableError(e.message ?? e.code ?? 'no connection');
  }
  return error instanceof Error ? error : new Error(String(error));
}

function check<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new DamagedDataError(
      where,
      `it does not hold the record Handoff expects (${describeShapeError(parsed.error.issues)})`,
    );
  return parsed.data;
}

/** A column holding a record's JSON text, read back; text that is not JSON is named, like a wrong shape. */
function parseJsonColumn(text: unknown, where: string): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    throw new DamagedDataError(where, 'it does not hold JSON');
  }
}

function userFrom(row: Row): User {
  const user: Record<string, unknown> = {
    id: row.id,
    username: row.username,
    role: row.role,
    passwordHash: row.password_hash ?? null,
    createdAt: iso(row.created_at),
  };
  if (row.password_changed_at) user.passwordChangedAt = iso(row.password_changed_at);
  return check(userSchema, user, `users row ${String(row.id)}`);
}

function sessionFrom(row: Row): Session {
  return check(
    sessionSchema,
    { id: row.id, userId: row.user_id, createdAt: iso(row.created_at), lastSeenAt: iso(row.last_seen_at) },
    'sessions row',
  );
}

function tokenFrom(row: Row): ApiToken {
  const token: Record<string, unknown> = {
    id: row.id,
    userId: row.user_id,
    label: row.label,
    hash: row.hash,
    createdAt: iso(row.created_at),
  };
  if (row.last_used_at) token.lastUsedAt = iso(row.last_used_at);
  return check(apiTokenSchema, token, `api_tokens row ${String(row.id)}`);
}

function cohortFrom(row: Row): Cohort {
  return check(
    cohortSchema,
    {
      id: row.id,
      name: row.name,
      joinCode: row.join_code,
      registrationOpen: row.registration_open,
      trainerIds: row.trainer_ids,
      createdAt: iso(row.created_at),
    },
    `cohorts row ${String(row.id)}`,
  );
}

function membershipFrom(row: Row): Membership {
  return {
    cohortId: String(row.cohort_id),
    userId: String(row.user_id),
    joinedAt: iso(row.joined_at) as string,
  };
}

/** New attempts' totals folded into a user's running totals on a scenario (both inserts below). */
const FOLD_INTO_STATS = `ON CONFLICT (user_id, scenario_id) DO UPDATE SET
      attempts = s.attempts + excluded.attempts,
      sum_percent = s.sum_percent + excluded.sum_percent,
      best = greatest(s.best, excluded.best),
      claim_ready = s.claim_ready + excluded.claim_ready,
      last_at = greatest(s.last_at, excluded.last_at)`;

/**
 * Inserts a batch of attempts (a copy, or those that arrived together) and folds the
 * new ones into the running totals, in one statement: an attempt already there (same id) is
 * skipped and not counted twice, which makes a copy safe to run again. They are numbered
 * (seq) in the order given, so lists keep the order they were saved in. Rows of running
 * totals are updated in key order, so two servers' statements that share some never wait on
 * each other in a cycle (a deadlock). Each record arrives as its JSON text inside the batch,
 * so the database stores it without parsing it into a tree.
 */
const INSERT_ATTEMPTS = `
  WITH input AS (
    SELECT x.id, x.user_id, x.scenario_id, x.exam_id, x.record, x.summary, x.place
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id text, user_id text, scenario_id text, exam_id text, record text, summary jsonb))
      WITH ORDINALITY AS x(id, user_id, scenario_id, exam_id, record, summary, place)
  ),
  inserted AS (
    INSERT INTO attempts (id, user_id, scenario_id, exam_id, record, summary)
    SELECT id, user_id, scenario_id, exam_id, record, summary FROM input ORDER BY place
    ON CONFLICT (id) DO NOTHING
    RETURNING id, user_id, scenario_id, exam_id, summary
  ),
  practice AS (SELECT * FROM inserted WHERE exam_id IS NULL),
  stats AS (
    INSERT INTO user_scenario_stats AS s (user_id, scenario_id, attempts, sum_percent, best, claim_ready, last_at)
    SELECT user_id, scenario_id, count(*), sum((summary #>> '{score,percent}')::float8), max((summary #>> '{score,percent}')::float8),
           count(*) FILTER (WHERE (summary ->> 'claimReady')::boolean), max((summary ->> 'submittedAt')::timestamptz)
    FROM practice GROUP BY user_id, scenario_id ORDER BY user_id, scenario_id
    ${FOLD_INTO_STATS}
  ),
  mistakes AS (
    INSERT INTO user_scenario_mistakes AS m (user_id, scenario_id, mistake, count)
    SELECT p.user_id, p.scenario_id, (e ->> 'kind') || '|' || coalesce(e ->> 'code', ''), count(*)
    FROM practice p CROSS JOIN LATERAL jsonb_array_elements(p.summary -> 'mistakes') AS e
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (user_id, scenario_id, mistake) DO UPDATE SET count = m.count + excluded.count
  )
  SELECT count(*)::int AS inserted FROM inserted`;

/**
 * One attempt (every practice save): the same as INSERT_ATTEMPTS for a batch of one, with
 * the record's text, its score and its mistakes as plain parameters, so the database
 * parses no JSON but the small summary.
 */
const INSERT_ATTEMPT = `
  WITH inserted AS (
    INSERT INTO attempts (id, user_id, scenario_id, exam_id, record, summary)
    VALUES ($1, $2, $3, $4, $5, $6::jsonb)
    ON CONFLICT (id) DO NOTHING
    RETURNING user_id, scenario_id
  ),
  practice AS (SELECT * FROM inserted WHERE $4::text IS NULL),
  stats AS (
    INSERT INTO user_scenario_stats AS s (user_id, scenario_id, attempts, sum_percent, best, claim_ready, last_at)
    SELECT user_id, scenario_id, 1, $7::float8, $7::float8, $8::int, $9::timestamptz FROM practice
    ${FOLD_INTO_STATS}
  ),
  mistakes AS (
    INSERT INTO user_scenario_mistakes AS m (user_id, scenario_id, mistake, count)
    SELECT p.user_id, p.scenario_id, k.mistake, k.count
    FROM practice p CROSS JOIN unnest($10::text[], $11::int[]) AS k(mistake, count) ORDER BY k.mistake
    ON CONFLICT (user_id, scenario_id, mistake) DO UPDATE SET count = m.count + excluded.count
  )
  SELECT count(*)::int AS inserted FROM inserted`;

interface WaitingAttempt {
  attempt: Attempt;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface PgStoreOptions {
  /** Apply pending migrations when connecting (the default). */
  migrate?: boolean;
  poolSize?: number;
  logger?: { warn(message: string): void };
}

const MAX_NAMED_STATEMENTS = 200;
/** Attempts in one insert at most, so that a backlog of thousands does not become one huge statement. */
const MAX_BATCH = 500;

export class PgStore implements Store {
  private readonly statements = new Map<string, string>();
  /** While an insert is under way, the attempts that arrived since (see `addAttempt`). */
  private waiting: WaitingAttempt[] | undefined;
  readonly kind = 'postgresql' as const;

  private constructor(private readonly pool: pg.Pool) {}

  static async connect(connectionString: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client whose server went away reports here; without a listener the process would end.
    pool.on('error', (error) => options.logger?.warn(`database connection lost: ${error.message}`));
    const store = new PgStore(pool);
    if (options.migrate !== false) {
      try {
        await migrate(pool);
      } catch (error) {
        await pool.end();
        throw mapError(error, 'migration');
      }
    }
    return store;
  }

  private async query(text: string, values: unknown[] = [], what = 'a record'): Promise<Row[]> {
    try {
      return (await this.pool.query({ name: this.statementName(text), text, values })).rows as Row[];
    } catch (error) {
      throw mapError(error, what);
    }
  }

  /**
   * Each query text is a named statement, so each connection parses and plans it once
   * instead of on every request (node-postgres prepares a named statement on first use).
   * The texts are the store's own, a few dozen; past the cap a text is sent unnamed.
   */
  private statementName(text: string): string | undefined {
    let name = this.statements.get(text);
    if (name === undefined && this.statements.size < MAX_NAMED_STATEMENTS) {
      name = `handoff_${this.statements.size + 1}`;
      this.statements.set(text, name);
    }
    return name;
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, what = 'a record'): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw mapError(error, what);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw mapError(error, what);
    } finally {
      client.release();
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.query('SELECT 1');
      return { status: 'ok', problems: [] };
    } catch (error) {
      return { status: 'unavailable', problems: [{ where: 'database', message: (error as Error).message }] };
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  // Users ------------------------------------------------------------------------------

  async createUser(user: NewUser & { id?: string; createdAt?: string }): Promise<User> {
    const id = user.id ?? randomBytes(10).toString('hex');
    const username = user.username.normalize('NFKC').trim();
    const rows = await this.query(
      'INSERT INTO users (id, username, username_key, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [
        id,
        username,
        usernameKey(username),
        user.role,
        user.passwordHash,
        user.createdAt ?? new Date().toISOString(),
      ],
      `the username "${user.username}"`,
    );
    return userFrom(rows[0]);
  }

  async getUser(id: string): Promise<User | undefined> {
    const [row] = await this.query('SELECT * FROM users WHERE id = $1', [id]);
    return row && userFrom(row);
  }

  async findUserByUsername(username: string): Promise<User | undefined> {
    const [row] = await this.query('SELECT * FROM users WHERE username_key = $1', [usernameKey(username)]);
    return row && userFrom(row);
  }

  async listUsers(): Promise<User[]> {
    return (await this.query('SELECT * FROM users ORDER BY created_at, id')).map(userFrom);
  }

  async countUsers(): Promise<number> {
    return Number((await this.query('SELECT count(*) AS n FROM users'))[0].n);
  }

  async updateUser(
    id: string,
    patch: Partial<Pick<User, 'passwordHash' | 'passwordChangedAt' | 'role'>>,
  ): Promise<User | undefined> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if ('passwordHash' in patch) set('password_hash', patch.passwordHash);
    if ('passwordChangedAt' in patch) set('password_changed_at', patch.passwordChangedAt);
    if ('role' in patch) set('role', patch.role);
    if (sets.length === 0) return this.getUser(id);
    const [row] = await this.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, values);
    return row && userFrom(row);
  }

  async deleteUser(id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const removed = (await client.query('DELETE FROM users WHERE id = $1', [id])).rowCount ?? 0;
      if (removed === 0) return false;
      for (const table of [
        'sessions',
        'api_tokens',
        'reset_tokens',
        'memberships',
        'draws',
        'user_scenario_stats',
        'user_scenario_mistakes',
        'attempts',
      ]) {
        await client.query(`DELETE FROM ${table} WHERE user_id = $1`, [id]);
      }
      await client.query(
        'DELETE FROM exam_answers WHERE exam_id IN (SELECT id FROM exams WHERE user_id = $1)',
        [id],
      );
      await client.query('DELETE FROM exams WHERE user_id = $1', [id]);
      await client.query(
        'UPDATE cohorts SET trainer_ids = array_remove(trainer_ids, $1) WHERE $1 = ANY (trainer_ids)',
        [id],
      );
      return true;
    });
  }

  // Sessions ---------------------------------------------------------------------------

  async createSession(session: Session): Promise<void> {
    await this.query(
      'INSERT INTO sessions (id, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)',
      [session.id, session.userId, session.createdAt, session.lastSeenAt],
      'the session id',
    );
  }

  async getSession(id: string): Promise<Session | undefined> {
    const [row] = await this.query('SELECT * FROM sessions WHERE id = $1', [id]);
    return row && sessionFrom(row);
  }

  async getSignedIn(id: string): Promise<SignedInRecord | undefined> {
    const [row] = await this.query(
      `SELECT s.id AS session_id, s.created_at AS session_created_at, s.last_seen_at AS session_last_seen_at, u.*,
         coalesce((SELECT jsonb_agg(e.record ORDER BY e.id) FROM exams e
                   WHERE e.user_id = u.id AND e.record ->> 'submittedAt' IS NULL), '[]') AS open_exams
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`,
      [id],
    );
    if (!row) return undefined;
    const session = sessionFrom({
      id: row.session_id,
      user_id: row.id,
      created_at: row.session_created_at,
      last_seen_at: row.session_last_seen_at,
    });
    const openExams = (row.open_exams as unknown[]).map((e) => check(examSchema, e, 'exams row'));
    return { session, user: userFrom(row), openExams };
  }

  async touchSession(id: string, at: string): Promise<void> {
    await this.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2', [id, at]);
  }

  async deleteSession(id: string): Promise<void> {
    await this.query('DELETE FROM sessions WHERE id = $1', [id]);
  }

  async deleteSessionsOf(userId: string, keep?: string): Promise<number> {
    const rows = await this.query(
      'DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2 RETURNING id',
      [userId, keep ?? null],
    );
    return rows.length;
  }

  async deleteSessionsIdleSince(before: string): Promise<number> {
    return (await this.query('DELETE FROM sessions WHERE last_seen_at < $1 RETURNING id', [before])).length;
  }

  // Tokens -----------------------------------------------------------------------------

  async createToken(token: ApiToken): Promise<void> {
    await this.query(
      'INSERT INTO api_tokens (id, user_id, label, hash, created_at) VALUES ($1, $2, $3, $4, $5)',
      [token.id, token.userId, token.label, token.hash, token.createdAt],
      'the token',
    );
  }

  async findTokenByHash(hash: string): Promise<ApiToken | undefined> {
    const [row] = await this.query('SELECT * FROM api_tokens WHERE hash = $1', [hash]);
    return row && tokenFrom(row);
  }

  async listTokens(userId: string): Promise<ApiToken[]> {
    return (
      await this.query('SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id', [userId])
    ).map(tokenFrom);
  }

  async deleteToken(userId: string, id: string): Promise<boolean> {
    return (
      (await this.query('DELETE FROM api_tokens WHERE user_id = $1 AND id = $2 RETURNING id', [userId, id]))
        .length > 0
    );
  }

  async createReset(reset: ResetToken): Promise<void> {
    await this.query(
      'INSERT INTO reset_tokens (hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [reset.hash, reset.userId, reset.createdAt, reset.expiresAt],
      'the reset link',
    );
  }

  async findReset(hash: string, now: string): Promise<ResetToken | undefined> {
    const [row] = await this.query(
      'SELECT * FROM reset_tokens WHERE hash = $1 AND used_at IS NULL AND expires_at > $2',
      [hash, now],
    );
    return (
      row &&
      check(
        resetTokenSchema,
        {
          hash: row.hash,
          userId: row.user_id,
          createdAt: iso(row.created_at),
          expiresAt: iso(row.expires_at),
        },
        'reset_tokens row',
      )
    );
  }

  async takeReset(hash: string, now: string): Promise<ResetToken | undefined> {
    const [row] = await this.query(
      'UPDATE reset_tokens SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING *',
      [hash, now],
    );
    if (!row) return undefined;
    return check(
      resetTokenSchema,
      {
        hash: row.hash,
        userId: row.user_id,
        createdAt: iso(row.created_at),
        expiresAt: iso(row.expires_at),
        usedAt: iso(row.used_at),
      },
      'reset_tokens row',
    );
  }

  // Cohorts ----------------------------------------------------------------------------

  async createCohort(cohort: Cohort): Promise<void> {
    await this.query(
      'INSERT INTO cohorts (id, name, join_code, registration_open, trainer_ids, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [cohort.id, cohort.name, cohort.joinCode, cohort.registrationOpen, cohort.trainerIds, cohort.createdAt],
      `the join code ${cohort.joinCode}`,
    );
  }

  async getCohort(id: string): Promise<Cohort | undefined> {
    const [row] = await this.query('SELECT * FROM cohorts WHERE id = $1', [id]);
    return row && cohortFrom(row);
  }

  async findCohortByJoinCode(joinCode: string): Promise<Cohort | undefined> {
    const [row] = await this.query('SELECT * FROM cohorts WHERE join_code = $1', [joinCode]);
    return row && cohortFrom(row);
  }

  async listCohorts(): Promise<Cohort[]> {
    return (await this.query('SELECT * FROM cohorts ORDER BY created_at, id')).map(cohortFrom);
  }

  async updateCohort(
    id: string,
    patch: Partial<Pick<Cohort, 'name' | 'registrationOpen' | 'trainerIds'>>,
  ): Promise<Cohort | undefined> {
    const [row] = await this.query(
      `UPDATE cohorts SET name = coalesce($2, name), registration_open = coalesce($3, registration_open), trainer_ids = coalesce($4, trainer_ids) WHERE id = $1 RETURNING *`,
      [id, patch.name ?? null, patch.registrationOpen ?? null, patch.trainerIds ?? null],
    );
    return row && cohortFrom(row);
  }

  async addMember(membership: Membership): Promise<void> {
    await this.query(
      'INSERT INTO memberships (cohort_id, user_id, joined_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [membership.cohortId, membership.userId, membership.joinedAt],
    );
  }

  async removeMember(cohortId: string, userId: string): Promise<void> {
    await this.query('DELETE FROM memberships WHERE cohort_id = $1 AND user_id = $2', [cohortId, userId]);
  }

  async membersOf(cohortId: string): Promise<Membership[]> {
    return (
      await this.query('SELECT * FROM memberships WHERE cohort_id = $1 ORDER BY joined_at, user_id', [
        cohortId,
      ])
    ).map(membershipFrom);
  }

  async cohortsOfMember(userId: string): Promise<Membership[]> {
    return (
      await this.query('SELECT * FROM memberships WHERE user_id = $1 ORDER BY joined_at, cohort_id', [userId])
    ).map(membershipFrom);
  }

  // Attempts ---------------------------------------------------------------------------

  async saveScenarioVersion(version: ScenarioVersionRecord): Promise<void> {
    const record = scenarioVersionSchema.parse(version);
    await this.query(
      'INSERT INTO scenario_versions (scenario_id, version, snapshot) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [record.scenarioId, record.version, JSON.stringify(record.snapshot)],
    );
  }

  async getScenarioVersion(scenarioId: string, version: string): Promise<ScenarioVersionRecord | undefined> {
    const [row] = await this.query(
      'SELECT * FROM scenario_versions WHERE scenario_id = $1 AND version = $2',
      [scenarioId, version],
    );
    return (
      row &&
      check(
        scenarioVersionSchema,
        { scenarioId: row.scenario_id, version: row.version, snapshot: row.snapshot },
        `scenario_versions row ${scenarioId}`,
      )
    );
  }

  /**
   * Saves an attempt. One insert at a time per server: the attempts that arrive while one is
   * under way wait, then go in together in one statement, in the order they arrived, so each
   * user's attempts keep their order (group commit, as the lowdb backend's files do). Each
   * statement costs the database and this server about as much for one attempt as for
   * twenty, so under load fewer, larger statements are what keep up: for 50 trainees posting
   * at once this saved 36–75 % more attempts a second than an insert per user at a time, in
   * four paired runs (docs/performance.md).
   */
  async addAttempt(attempt: Attempt): Promise<void> {
    const a = checkAttemptKeys(attempt);
    const waiting = this.waiting;
    if (waiting) return new Promise((resolve, reject) => waiting.push({ attempt: a, resolve, reject }));
    this.waiting = [];
    try {
      await this.insertAttempt(a);
    } finally {
      void this.insertWaiting();
    }
  }

  private async insertWaiting(): Promise<void> {
    while (this.waiting && this.waiting.length > 0) await this.insertBatch(this.waiting.splice(0, MAX_BATCH));
    this.waiting = undefined;
  }

  /**
   * A batch is one statement, stored whole or not at all. If the database refuses it for what
   * is in it, rather than for being unreachable, its attempts are tried one at a time, so an
   * attempt the database will not take refuses only itself and not the others that came with it.
   */
  private async insertBatch(batch: readonly WaitingAttempt[]): Promise<void> {
    try {
      if (batch.length === 1) await this.insertAttempt(batch[0].attempt);
      else await this.insertAttempts(batch.map((w) => w.attempt));
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1 || error instanceof StoreUnavailableError)
        for (const w of batch) w.reject(error);
      else for (const w of batch) await this.insertBatch([w]);
    }
  }

  private async insertAttempt(a: Attempt): Promise<void> {
    const summary = summarise(a);
    const mistakes = countBy(summary.mistakes, (m) => [mistakeKey(m)]);
    await this.query(
      INSERT_ATTEMPT,
      [
        a.id,
        a.userId,
        a.scenarioId,
        a.examId ?? null,
        JSON.stringify(a),
        JSON.stringify(summary),
        a.result.score.percent,
        a.result.claimReady ? 1 : 0,
        a.submittedAt,
        [...mistakes.keys()],
        [...mistakes.values()],
      ],
      'the attempt id',
    );
  }

  /** Inserts a batch; attempts already stored are skipped. Resolves with how many were new. */
  async insertAttempts(attempts: readonly Attempt[]): Promise<number> {
    const input = attempts.map((a) => ({
      id: a.id,
      user_id: a.userId,
      scenario_id: a.scenarioId,
      exam_id: a.examId ?? null,
      record: JSON.stringify(a),
      summary: summarise(a),
    }));
    const rows = await this.query(INSERT_ATTEMPTS, [JSON.stringify(input)], 'the attempt id');
    return Number(rows[0].inserted);
  }

  async getAttempt(userId: string, attemptId: string): Promise<Attempt | undefined> {
    const [row] = await this.query('SELECT record FROM attempts WHERE id = $1 AND user_id = $2', [
      attemptId,
      userId,
    ]);
    const where = `attempts row ${attemptId}`;
    return row && check(attemptSchema, parseJsonColumn(row.record, where), where);
  }

  async listAttempts(
    userId: string,
    options: { limit: number; before?: string; examId?: string | null },
  ): Promise<AttemptPage> {
    const values: unknown[] = [userId, options.limit + 1];
    let where = 'user_id = $1';
    if (options.before !== undefined) {
      values.push(options.before);
      where += ` AND seq < coalesce((SELECT seq FROM attempts WHERE id = $${values.length} AND user_id = $1), 0)`;
    }
    if (options.examId === null) where += ' AND exam_id IS NULL';
    else if (options.examId !== undefined) {
      values.push(options.examId);
      where += ` AND exam_id = $${values.length}`;
    }
    const rows = await this.query(
      `SELECT summary FROM attempts WHERE ${where} ORDER BY seq DESC LIMIT $2`,
      values,
    );
    const summaries = rows.map((r) => r.summary as AttemptSummary);
    if (summaries.length <= options.limit) return { attempts: summaries };
    const page = summaries.slice(0, options.limit);
    return { attempts: page, next: page[page.length - 1].id };
  }

  async statsOf(userId: string): Promise<ScenarioStats[]> {
    return (await this.statsOfUsers([userId])).get(userId) ?? [];
  }

  async statsOfUsers(userIds: readonly string[]): Promise<Map<string, ScenarioStats[]>> {
    const out = new Map<string, ScenarioStats[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return out;
    const stats = await this.query('SELECT * FROM user_scenario_stats WHERE user_id = ANY ($1)', [userIds]);
    const mistakes = await this.query('SELECT * FROM user_scenario_mistakes WHERE user_id = ANY ($1)', [
      userIds,
    ]);
    const byKey = new Map<string, ScenarioStats>();
    for (const row of stats) {
      const entry: ScenarioStats = {
        scenarioId: String(row.scenario_id),
        attempts: Number(row.attempts),
        sumPercent: Number(row.sum_percent),
        best: Number(row.best),
        claimReady: Number(row.claim_ready),
        lastAt: iso(row.last_at) as string,
        mistakes: {},
      };
      byKey.set(`${String(row.user_id)}|${entry.scenarioId}`, entry);
      out.get(String(row.user_id))?.push(entry);
    }
    for (const row of mistakes) {
      const entry = byKey.get(`${String(row.user_id)}|${String(row.scenario_id)}`);
      if (entry) entry.mistakes[String(row.mistake)] = Number(row.count);
    }
    return out;
  }

  async countAttempts(): Promise<number> {
    return Number((await this.query('SELECT count(*) AS n FROM attempts'))[0].n);
  }

  // Assignments and exams --------------------------------------------------------------

  async createAssignment(assignment: Assignment): Promise<void> {
    const record = assignmentSchema.parse(assignment);
    await this.query(
      'INSERT INTO assignments (id, cohort_id, record) VALUES ($1, $2, $3)',
      [record.id, record.cohortId, JSON.stringify(record)],
      `the assignment id ${record.id}`,
    );
  }

  async getAssignment(id: string): Promise<Assignment | undefined> {
    const [row] = await this.query('SELECT record FROM assignments WHERE id = $1', [id]);
    return row && check(assignmentSchema, row.record, `assignments row ${id}`);
  }

  async listAssignments(cohortIds: readonly string[]): Promise<Assignment[]> {
    const rows = await this.query(
      "SELECT record FROM assignments WHERE cohort_id = ANY ($1) ORDER BY record ->> 'createdAt', id",
      [cohortIds],
    );
    return rows.map((r) => check(assignmentSchema, r.record, 'assignments row'));
  }

  async updateAssignment(
    id: string,
    patch: Partial<Pick<Assignment, 'retakes' | 'title' | 'dueAt'>>,
  ): Promise<Assignment | undefined> {
    const [row] = await this.query(
      'UPDATE assignments SET record = record || $2::jsonb WHERE id = $1 RETURNING record',
      [id, JSON.stringify(patch)],
    );
    return row && check(assignmentSchema, row.record, `assignments row ${id}`);
  }

  async saveDraw(draw: Draw): Promise<Draw> {
    const record = drawSchema.parse(draw);
    await this.query(
      'INSERT INTO draws (assignment_id, user_id, record) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [record.assignmentId, record.userId, JSON.stringify(record)],
    );
    return (await this.getDraw(record.assignmentId, record.userId)) as Draw;
  }

  async getDraw(assignmentId: string, userId: string): Promise<Draw | undefined> {
    const [row] = await this.query('SELECT record FROM draws WHERE assignment_id = $1 AND user_id = $2', [
      assignmentId,
      userId,
    ]);
    return row && check(drawSchema, row.record, `draws row ${assignmentId}`);
  }

  async startExam(exam: Exam): Promise<Exam> {
    const record = examSchema.parse(exam);
    await this.query(
      'INSERT INTO exams (id, assignment_id, user_id, sitting, record) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (assignment_id, user_id, sitting) DO NOTHING',
      [record.id, record.assignmentId, record.userId, record.sitting, JSON.stringify(record)],
    );
    const [row] = await this.query(
      'SELECT record FROM exams WHERE assignment_id = $1 AND user_id = $2 AND sitting = $3',
      [record.assignmentId, record.userId, record.sitting],
    );
    return check(examSchema, row.record, `exams row ${record.assignmentId}`);
  }

  async getExam(id: string): Promise<Exam | undefined> {
    const [row] = await this.query('SELECT record FROM exams WHERE id = $1', [id]);
    return row && check(examSchema, row.record, `exams row ${id}`);
  }

  async listExams(filter: ExamFilter): Promise<Exam[]> {
    const rows = await this.query(
      `SELECT record FROM exams WHERE ($1::text IS NULL OR assignment_id = $1) AND ($2::text IS NULL OR user_id = $2)
       ${filter.open === true ? "AND record ->> 'submittedAt' IS NULL" : ''} ORDER BY id`,
      [filter.assignmentId ?? null, filter.userId ?? null],
    );
    return rows.map((r) => check(examSchema, r.record, 'exams row'));
  }

  async saveExamAnswer(answer: ExamAnswer): Promise<boolean> {
    const record = examAnswerSchema.parse(answer);
    // The exam row is locked for the save, so a submission cannot slip in between the check and the write.
    return this.transaction(async (client) => {
      const exam = await client.query(
        "SELECT record ->> 'submittedAt' AS submitted FROM exams WHERE id = $1 FOR UPDATE",
        [record.examId],
      );
      if (exam.rows.length === 0 || exam.rows[0].submitted !== null) return false;
      await client.query(
        'INSERT INTO exam_answers (exam_id, scenario_id, record) VALUES ($1, $2, $3) ON CONFLICT (exam_id, scenario_id) DO UPDATE SET record = excluded.record',
        [record.examId, record.scenarioId, JSON.stringify(record)],
      );
      return true;
    });
  }

  /** Answers as they were saved, whatever the exam's state (copying an installation); the last per exam and scenario wins. */
  async importExamAnswers(answers: readonly ExamAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    const rows = answers.map((a) => examAnswerSchema.parse(a));
    await this.query(
      `INSERT INTO exam_answers (exam_id, scenario_id, record)
       SELECT x.exam_id, x.scenario_id, x.record FROM jsonb_to_recordset($1::jsonb) AS x(exam_id text, scenario_id text, record jsonb)
       ON CONFLICT (exam_id, scenario_id) DO UPDATE SET record = excluded.record`,
      [JSON.stringify(rows.map((r) => ({ exam_id: r.examId, scenario_id: r.scenarioId, record: r })))],
    );
  }

  async examAnswers(examId: string): Promise<ExamAnswer[]> {
    const rows = await this.query('SELECT record FROM exam_answers WHERE exam_id = $1 ORDER BY scenario_id', [
      examId,
    ]);
    return rows.map((r) => check(examAnswerSchema, r.record, `exam_answers row ${examId}`));
  }

  async submitExam(examId: string, submittedAt: string, by: Exam['submittedBy']): Promise<boolean> {
    // Takes the exam row's lock, so a save in flight (saveExamAnswer locks it too) is either
    // before the submission or refused after it.
    const rows = await this.query(
      `UPDATE exams SET record = record || jsonb_build_object('submittedAt', $2::text, 'submittedBy', $3::text)
       WHERE id = $1 AND record ->> 'submittedAt' IS NULL RETURNING id`,
      [examId, submittedAt, by],
    );
    return rows.length > 0;
  }

  async setExamAttempts(examId: string, attemptIds: Record<string, string>): Promise<void> {
    await this.query(
      `UPDATE exams SET record = jsonb_set(record, '{attemptIds}', (record -> 'attemptIds') || $2::jsonb) WHERE id = $1`,
      [examId, JSON.stringify(attemptIds)],
    );
  }
}

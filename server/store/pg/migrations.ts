/**
 * The PostgreSQL schema, as versioned migrations applied in order. A migration is never
 * changed once released: a change to the schema is a new entry at the end.
 *
 * Records that are read whole (assignments, exams, the attempt itself) are kept as JSONB
 * and checked against their zod schemas on reading; what queries filter, join or sum on
 * has its own column. Running totals per user and scenario are kept beside the attempts,
 * updated in the statement that inserts them, so reports never read a user's whole history.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description:
      'accounts, sessions, cohorts, attempts with running totals, scenario versions, assignments and exams',
    sql: `
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL,
        username_key text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('trainer', 'trainee')),
        password_hash text,
        created_at timestamptz NOT NULL,
        password_changed_at timestamptz
      );
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE INDEX sessions_last_seen ON sessions (last_seen_at);
      CREATE TABLE api_tokens (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        label text NOT NULL,
        hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz
      );
      CREATE INDEX api_tokens_user ON api_tokens (user_id);
      CREATE TABLE reset_tokens (
        hash text PRIMARY KEY,
        user_id text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE TABLE cohorts (
        id text PRIMARY KEY,
        name text NOT NULL,
        join_code text NOT NULL UNIQUE,
        registration_open boolean NOT NULL,
        trainer_ids text[] NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE memberships (
        cohort_id text NOT NULL,
        user_id text NOT NULL,
        joined_at timestamptz NOT NULL,
        PRIMARY KEY (cohort_id, user_id)
      );
      CREATE INDEX memberships_user ON memberships (user_id);
      CREATE TABLE scenario_versions (
        scenario_id text NOT NULL,
        version text NOT NULL,
        snapshot jsonb NOT NULL,
        PRIMARY KEY (scenario_id, version)
      );
      CREATE TABLE attempts (
        seq bigserial UNIQUE,
        id text PRIMARY KEY,
        user_id text NOT NULL,
        scenario_id text NOT NULL,
        exam_id text,
        record jsonb NOT NULL,
        summary jsonb NOT NULL
      );
      CREATE INDEX attempts_user_seq ON attempts (user_id, seq DESC);
      CREATE TABLE user_scenario_stats (
        user_id text NOT NULL,
        scenario_id text NOT NULL,
        attempts integer NOT NULL,
        sum_percent double precision NOT NULL,
        best double precision NOT NULL,
        claim_ready integer NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, scenario_id)
      );
      CREATE TABLE user_scenario_mistakes (
        user_id text NOT NULL,
        scenario_id text NOT NULL,
        mistake text NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (user_id, scenario_id, mistake)
      );
      CREATE TABLE assignments (
        id text PRIMARY KEY,
        cohort_id text NOT NULL,
        record jsonb NOT NULL
      );
      CREATE INDEX assignments_cohort ON assignments (cohort_id);
      CREATE TABLE draws (
        assignment_id text NOT NULL,
        user_id text NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (assignment_id, user_id)
      );
      CREATE TABLE exams (
        id text PRIMARY KEY,
        assignment_id text NOT NULL,
        user_id text NOT NULL,
        sitting integer NOT NULL,
        record jsonb NOT NULL,
        UNIQUE (assignment_id, user_id, sitting)
      );
      CREATE INDEX exams_user ON exams (user_id);
      -- The sweeper looks for exams whose time is up: only the few under way are indexed.
      CREATE INDEX exams_open ON exams (id) WHERE record ->> 'submittedAt' IS NULL;
      CREATE TABLE exam_answers (
        exam_id text NOT NULL,
        scenario_id text NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (exam_id, scenario_id)
      );
    `,
  },
  {
    version: 2,
    description:
      'attempt records kept as their JSON text: read whole and never searched inside, and building jsonb from each was about a third of the database work of saving an attempt',
    sql: `ALTER TABLE attempts ALTER COLUMN record TYPE text USING record::text;`,
  },
];

/**
 * Applies the migrations not yet applied, in one transaction under an advisory lock: two
 * servers starting at once against a new database take turns, and the second finds the
 * work done.
 */
import type { Pool } from 'pg';
import { MIGRATIONS, type Migration } from './migrations';

/** An arbitrary constant shared by every Handoff server: the lock that serialises migrations. */
const MIGRATION_LOCK = 0x48616e64;

export interface MigrationResult {
  applied: Migration[];
  current: number;
}

export async function migrate(
  pool: Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: Migration[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [
        migration.version,
        migration.description,
      ]);
      applied.push(migration);
    }
    await client.query('COMMIT');
    const current = Math.max(0, ...done, ...applied.map((m) => m.version));
    return { applied, current };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

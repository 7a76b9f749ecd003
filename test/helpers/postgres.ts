/** The PostgreSQL cluster the test run shares (see global-setup), from inside a test file. */
import pg from 'pg';

/** The cluster a test run shares (started by the global set-up), seen from a test file. */
export function sharedClusterUrl(): string | undefined {
  return process.env.HANDOFF_TEST_PG_URL || undefined;
}

/** A new database on the shared cluster, and a way to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = sharedClusterUrl();
  if (!adminUrl) throw new Error('no PostgreSQL cluster for this test run');
  const name = `handoff_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** `describe` when a PostgreSQL cluster runs for this test run, `describe.skip` (announced by the set-up) when not. */
export const describeWithPostgres = sharedClusterUrl() ? describe : describe.skip;

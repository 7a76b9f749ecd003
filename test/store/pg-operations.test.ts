/**
 * What only the PostgreSQL backend has: migrations (also from two servers at once), a
 * database that goes away and comes back, a damaged row, a batch of attempts it refuses, two
 * stores on one database, and `npm run db` (migrate; copy from lowdb files, twice).
 */
import pg from 'pg';
import request from 'supertest';
import { Accounts } from '../../server/accounts/accounts';
import { passwordHasher } from '../../server/accounts/passwords';
import { dbCommand } from '../../server/cli/db-command';
import { readConfig } from '../../server/config';
import { DamagedDataError, StoreUnavailableError } from '../../server/store/errors';
import { openStore } from '../../server/store/open-store';
import { summarise } from '../../server/store/records';
import { LowStore } from '../../server/store/low/low-store';
import { migrate } from '../../server/store/pg/migrate';
import { MIGRATIONS } from '../../server/store/pg/migrations';
import { PgStore } from '../../server/store/pg/pg-store';
import { makeTestApp, PASSWORD } from '../helpers/app';
import { captureIO } from '../helpers/capture-io';
import { findPgBin, startCluster, throughSocket, type Cluster } from '../helpers/pg-cluster';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { makeTempDir } from '../helpers/temp-dir';
import { attempt } from './contract';

/** Runs statements on a connection of their own, in order; the rows of the last. */
async function sql(url: string, ...statements: string[]): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let rows: pg.QueryResultRow[] = [];
    for (const statement of statements) rows = (await client.query(statement)).rows;
    return rows;
  } finally {
    await client.end();
  }
}

async function versions(url: string): Promise<number[]> {
  return (await sql(url, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) =>
    Number(r.version),
  );
}

describeWithPostgres('PostgreSQL operations', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.drop());

  it('migrates once when two servers start at the same moment', async () => {
    const [a, b] = await Promise.all([PgStore.connect(database.url), PgStore.connect(database.url)]);
    expect(await versions(database.url)).toEqual(MIGRATIONS.map((m) => m.version));
    await a.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
    expect(await b.findUserByUsername('ana')).toMatchObject({ username: 'Ana' });
    await a.close();
    await b.close();
  });

  it('refuses only the attempt the database refuses when it came in a batch with others, and goes on', async () => {
    const store = await PgStore.connect(database.url);
    // A refusal only the database makes: attempt0003 cannot be stored. A sequence counts the
    // refusals (a sequence is not rolled back with the statement that refused).
    await sql(
      database.url,
      'CREATE SEQUENCE refusals',
      `CREATE FUNCTION refuse_attempt0003() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.id = 'attempt0003' THEN
            PERFORM nextval('refusals');
            RAISE EXCEPTION 'refused for the test';
          END IF;
          RETURN NEW;
        END $$`,
      'CREATE TRIGGER refuse BEFORE INSERT ON attempts FOR EACH ROW EXECUTE FUNCTION refuse_attempt0003()',
    );
    const [ana, ben] = ['trainee0001', 'trainee0002'];
    // The first goes in alone; the three that arrive while it does (two users') go in together.
    const outcomes = await Promise.allSettled([
      store.addAttempt(attempt('attempt0001', ana, 's1', 1, 50)),
      store.addAttempt(attempt('attempt0002', ben, 's1', 2, 50)),
      store.addAttempt(attempt('attempt0003', ana, 's1', 3, 50)),
      store.addAttempt(attempt('attempt0004', ana, 's1', 4, 50)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[2]).toMatchObject({ reason: { message: expect.stringMatching(/refused for the test/) } });
    // Refused twice: once with the batch, once alone.
    expect((await sql(database.url, 'SELECT last_value FROM refusals'))[0].last_value).toBe('2');
    await store.addAttempt(attempt('attempt0005', ana, 's1', 5, 50));
    expect((await store.listAttempts(ana, { limit: 10 })).attempts.map((a) => a.id)).toEqual([
      'attempt0005',
      'attempt0004',
      'attempt0001',
    ]);
    expect((await store.listAttempts(ben, { limit: 10 })).attempts.map((a) => a.id)).toEqual(['attempt0002']);
    expect((await store.statsOf(ana))[0]).toMatchObject({ attempts: 3, sumPercent: 150 });
    expect((await store.statsOf(ben))[0]).toMatchObject({ attempts: 1, sumPercent: 50 });
    await store.close();
  });

  it('inserts a backlog of attempts in statements of at most 500, in the order they arrived', async () => {
    const store = await PgStore.connect(database.url);
    await sql(
      database.url,
      'CREATE SEQUENCE statements',
      `CREATE FUNCTION count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM nextval('statements'); RETURN NULL; END $$`,
      'CREATE TRIGGER count AFTER INSERT ON attempts FOR EACH STATEMENT EXECUTE FUNCTION count_statement()',
    );
    const users = ['trainee0001', 'trainee0002', 'trainee0003'];
    const ids = Array.from({ length: 1200 }, (_, i) => `attempt${String(i).padStart(4, '0')}`);
    await Promise.all(ids.map((id, i) => store.addAttempt(attempt(id, users[i % 3], 's1', i, 50))));
    // The first alone, then the 1,199 that arrived meanwhile: 500, 500 and 199.
    expect((await sql(database.url, 'SELECT last_value FROM statements'))[0].last_value).toBe('4');
    for (const [u, user] of users.entries()) {
      const listed = (await store.listAttempts(user, { limit: 500 })).attempts.map((a) => a.id);
      expect(listed).toEqual(ids.filter((_, i) => i % 3 === u).reverse());
    }
    await store.close();
  });

  it("serves through the server's Unix socket, named in DATABASE_URL as the host", async () => {
    const url = throughSocket(database.url, process.env.HANDOFF_TEST_PG_SOCKET_DIR ?? '');
    expect(url).toMatch(/^postgres:\/\/handoff@%2F[^/]+:\d+\/handoff_t_/);
    const config = readConfig({ DATABASE_URL: url });
    // No data folder is used when DATABASE_URL is set.
    const store = await openStore({ dataDir: '/nonexistent', databaseUrl: config.databaseUrl });
    expect(store.kind).toBe('postgresql');
    const ana = await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
    await store.addAttempt(attempt('attempt0001', ana.id, 's1', 1, 80));
    await store.close();
    const tcp = await PgStore.connect(database.url);
    expect((await tcp.listAttempts(ana.id, { limit: 5 })).attempts.map((a) => a.id)).toEqual(['attempt0001']);
    await tcp.close();
  });

  it.each([
    [{}, 10],
    [{ DATABASE_POOL_SIZE: '3' }, 3],
  ])('keeps at most as many connections open as %j says (%d)', async (env, expected) => {
    const config = readConfig({ DATABASE_URL: database.url, ...env });
    const store = await openStore({
      dataDir: '/nonexistent',
      databaseUrl: config.databaseUrl,
      poolSize: config.databasePoolSize,
    });
    // More reads at once than any pool here holds: the pool opens connections up to its limit.
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.getUser(`user${i}`)));
    const rows = await sql(
      database.url,
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await store.close();
    expect(rows[0].n).toBe(expected);
  });

  it('serves the same users and sessions from two stores on one database at once', async () => {
    const [a, b] = await Promise.all([PgStore.connect(database.url), PgStore.connect(database.url)]);
    const accountsA = new Accounts(a, passwordHasher);
    const accountsB = new Accounts(b, passwordHasher);
    await accountsA.createUser('Ana Ruiz', PASSWORD, 'trainee');
    const signedIn = await accountsB.signIn('Ana Ruiz', PASSWORD);
    expect((await accountsA.resolveSession(signedIn.token))?.user.username).toBe('Ana Ruiz');
    await b.addAttempt(attempt('attempt0001', signedIn.user.id, 's1', 1, 80));
    expect((await a.listAttempts(signedIn.user.id, { limit: 5 })).attempts.map((x) => x.id)).toEqual([
      'attempt0001',
    ]);
    await accountsB.endSession(signedIn.session.id);
    expect(await accountsA.resolveSession(signedIn.token)).toBeUndefined();
    await a.close();
    await b.close();
  });

  it.each([
    [
      'a record of the wrong shape',
      `replace(record, '"submittedAt":"', '"submittedAt":"yesterday')`,
      /submittedAt/,
    ],
    ['a record that is not JSON', `left(record, 40)`, /it does not hold JSON/],
  ])('names a damaged row instead of using it: %s', async (_label, damage, message) => {
    const store = await PgStore.connect(database.url);
    await store.addAttempt(attempt('attempt0001', 'trainee0001', 's1', 1, 80));
    await sql(database.url, `UPDATE attempts SET record = ${damage} WHERE id = 'attempt0001'`);
    const read = store.getAttempt('trainee0001', 'attempt0001');
    await expect(read).rejects.toBeInstanceOf(DamagedDataError);
    await expect(store.getAttempt('trainee0001', 'attempt0001')).rejects.toThrow(
      /attempts row attempt0001 cannot be used: /,
    );
    await expect(store.getAttempt('trainee0001', 'attempt0001')).rejects.toThrow(message);
    await store.close();
  });

  it('keeps the attempts of a database made before records were kept as text (migration 2)', async () => {
    const pool = new pg.Pool({ connectionString: database.url });
    await migrate(pool, MIGRATIONS.slice(0, 1));
    const old = attempt('attempt0001', 'trainee0001', 's1', 1, 80, {
      mistakes: [['laterality', 'S82.61XA']],
    });
    await pool.query(
      `INSERT INTO attempts (id, user_id, scenario_id, record, summary) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
      [old.id, old.userId, old.scenarioId, JSON.stringify(old), JSON.stringify(summarise(old))],
    );
    await pool.end();
    const store = await PgStore.connect(database.url);
    expect(await versions(database.url)).toEqual([1, 2]);
    expect(await store.getAttempt('trainee0001', 'attempt0001')).toEqual(old);
    expect((await store.listAttempts('trainee0001', { limit: 5 })).attempts).toEqual([summarise(old)]);
    await store.addAttempt(attempt('attempt0002', 'trainee0001', 's1', 2, 60));
    expect((await store.listAttempts('trainee0001', { limit: 5 })).attempts.map((a) => a.id)).toEqual([
      'attempt0002',
      'attempt0001',
    ]);
    await store.close();
  });

  describe('npm run db', () => {
    const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const io = captureIO(process.cwd(), env);
      const code = await dbCommand(args, io);
      return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
    };

    it('migrates a new database, then finds it up to date', async () => {
      expect(await run(['migrate', '--url', database.url])).toMatchObject({
        code: 0,
        out: expect.stringMatching(
          /^applied migration 1: .*\napplied migration 2: attempt records kept as their JSON text.*\nthe schema is at version 2$/,
        ),
      });
      expect(await run(['migrate'], { DATABASE_URL: database.url })).toMatchObject({
        code: 0,
        out: 'the schema is up to date (version 2)',
      });
    });

    it.each([
      [['migrate'], /give the database as --url/],
      [['migrate', '--url', 'mysql://x'], /--url must be a postgres:\/\/ URL/],
      [['copy', '--from', '/tmp/x'], /give the database as --to/],
      [['vacuum'], /unknown command vacuum/],
    ])('refuses %j with exit code 1', async (args, message) => {
      const result = await run(args);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(message);
    });

    it('copies a lowdb installation, counts match, and a second copy adds nothing', async () => {
      const temp = await makeTempDir('handoff-copy-');
      const low = await LowStore.open(temp.dir);
      const accounts = new Accounts(low, passwordHasher);
      const trainer = await accounts.createUser('Dana Whitfield', PASSWORD, 'trainer');
      const ana = await accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      const cora = await accounts.createUser('Cora', null, 'trainee');
      await low.createCohort({
        id: 'cohort00001',
        name: 'Spring CPC',
        joinCode: 'K7PQ2M9X',
        registrationOpen: true,
        trainerIds: [trainer.id],
        createdAt: '2026-03-01T00:00:00.000Z',
      });
      await low.addMember({ cohortId: 'cohort00001', userId: ana.id, joinedAt: '2026-03-01T00:00:00.000Z' });
      for (let i = 0; i < 30; i++)
        await low.addAttempt(
          attempt(`attempt${String(i).padStart(4, '0')}`, i % 3 ? ana.id : cora.id, `s${i % 4}`, i, i * 3, {
            mistakes: [['laterality', 'S82.62XA']],
          }),
        );
      await low.saveScenarioVersion({
        scenarioId: 's1',
        version: 'abcdef0123456789',
        snapshot: { title: 'One' },
      });
      const { token } = await accounts.createApiToken(ana.id, 'lms');
      const lowStats = await low.statsOf(ana.id);
      await low.close();

      const first = await run(['copy', '--from', temp.dir, '--to', database.url]);
      expect(first.code).toBe(0);
      expect(first.out).toContain('users: 3 copied, 0 already there');
      expect(first.out).toContain('attempts: 30 in');
      expect(first.out).toContain('30 copied, 0 already there; 30 of 30 now in the database');
      const second = await run(['copy', '--from', temp.dir, '--to', database.url]);
      expect(second.out).toContain('users: 0 copied, 3 already there');
      expect(second.out).toContain('0 copied, 30 already there; 30 of 30 now in the database');

      const target = await PgStore.connect(database.url);
      expect(await target.countAttempts()).toBe(30);
      expect(await target.countUsers()).toBe(3);
      expect((await target.statsOf(ana.id)).sort((a, b) => a.scenarioId.localeCompare(b.scenarioId))).toEqual(
        lowStats.sort((a, b) => a.scenarioId.localeCompare(b.scenarioId)),
      );
      expect((await target.membersOf('cohort00001')).map((m) => m.userId)).toEqual([ana.id]);
      expect(await target.getScenarioVersion('s1', 'abcdef0123456789')).toBeDefined();
      expect((await new Accounts(target, passwordHasher).signIn('Ana Ruiz', PASSWORD)).user.id).toBe(ana.id);
      expect((await new Accounts(target, passwordHasher).resolveApiToken(token))?.id).toBe(ana.id);
      await target.close();
      await temp.cleanup();
    });
  });
});

// A database of its own, stopped and started, to see what an outage does.
(findPgBin() && process.env.HANDOFF_TEST_PG_URL ? describe : describe.skip)(
  'a database that goes away and comes back',
  () => {
    let cluster: Cluster;
    beforeAll(async () => {
      cluster = await startCluster();
    }, 60_000);
    afterAll(() => cluster?.stop());

    it('answers 503 while the database is down, and recovers by itself when it is back', async () => {
      const url = await cluster.createDatabase();
      const store = await PgStore.connect(url, { logger: { warn: () => {} } });
      const t = await makeTestApp({ store, limits: { submissionsPerMinute: 1000 } });
      await t.accounts.createUser('Ana Ruiz', PASSWORD, 'trainee');
      const agent = request.agent(t.app);
      const csrf = (await agent.post('/api/auth/login').send({ username: 'Ana Ruiz', password: PASSWORD }))
        .body.csrfToken as string;
      const before = await agent
        .post('/api/scenarios/ed-ankle-fracture-ladder/attempts')
        .set('X-CSRF-Token', csrf)
        .send({ diagnoses: ['S82.61XA'] });
      expect(before.status).toBe(201);

      await cluster.pause();
      const down = await agent
        .post('/api/scenarios/ed-ankle-fracture-ladder/attempts')
        .set('X-CSRF-Token', csrf)
        .send({ diagnoses: ['S82.62XA'] });
      expect(down.status).toBe(503);
      expect(down.body.error.message).toMatch(/database is unavailable/);
      expect(down.headers['retry-after']).toBe('5');
      const page = await agent.get('/progress').set('Accept', 'text/html');
      expect(page.status).toBe(503);
      expect(page.text).toContain('Temporarily unavailable');
      expect((await request(t.app).get('/healthz')).body).toMatchObject({ storage: 'unavailable' });
      await expect(store.countUsers()).rejects.toBeInstanceOf(StoreUnavailableError);

      await cluster.resume();
      const after = await agent
        .post('/api/scenarios/ed-ankle-fracture-ladder/attempts')
        .set('X-CSRF-Token', csrf)
        .send({ diagnoses: ['S82.61XA', 'W11.XXXA'] });
      expect(after.status).toBe(201);
      const listed = (await agent.get('/api/attempts')).body.attempts.map((a: { id: string }) => a.id);
      // The attempt refused during the outage was not half-saved: only the two acknowledged ones are there.
      expect(listed.sort()).toEqual([before.body.attemptId, after.body.attemptId].sort());
      await t.cleanup();
    }, 60_000);

    it('refuses every attempt waiting in a batch as unavailable while the database is down, and saves the next ones', async () => {
      const url = await cluster.createDatabase();
      const store = await PgStore.connect(url, { logger: { warn: () => {} } });
      await cluster.pause();
      const down = await Promise.allSettled(
        [1, 2, 3, 4].map((i) => store.addAttempt(attempt(`attempt000${i}`, `trainee000${i}`, 's1', i, 50))),
      );
      expect(down.map((o) => o.status === 'rejected' && o.reason instanceof StoreUnavailableError)).toEqual([
        true,
        true,
        true,
        true,
      ]);
      await cluster.resume();
      await Promise.all(
        [5, 6].map((i) => store.addAttempt(attempt(`attempt000${i}`, 'trainee0005', 's1', i, 50))),
      );
      expect((await store.listAttempts('trainee0005', { limit: 5 })).attempts.map((a) => a.id)).toEqual([
        'attempt0006',
        'attempt0005',
      ]);
      for (const i of [1, 2, 3, 4])
        expect((await store.listAttempts(`trainee000${i}`, { limit: 5 })).attempts).toEqual([]);
      await store.close();
    }, 60_000);
  },
);

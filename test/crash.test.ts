/**
 * Crashes on real processes: a server is killed with SIGKILL in the middle of a load of
 * submissions, and every attempt it acknowledged (answered 201) must be in the store when
 * it is read again. For the lowdb files, and for PostgreSQL — there also with two servers
 * on one database, one of them killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { LowStore } from '../server/store/low/low-store';
import { PgStore } from '../server/store/pg/pg-store';
import type { Store } from '../server/store/store';
import { createTestDatabase, describeWithPostgres } from './helpers/postgres';
import { makeTempDir } from './helpers/temp-dir';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..');
const SECRET = 'crash-test-secret-crash-test-secret';

interface Server {
  url: string;
  child: ChildProcess;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SCENARIOS_DIR: path.join(ROOT, 'scenarios'),
      SESSION_SECRET: SECRET,
      SUBMISSIONS_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)));
  });
}

function killHard(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** A trainer through /setup, a class, and one trainee who registers with its code. */
async function signUp(url: string): Promise<{ cookie: string; csrf: string }> {
  const setup = await fetch(`${url}/setup`);
  const visitor = cookieOf(setup);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await setup.text())?.[1] ?? '';
  const made = await fetch(`${url}/setup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: `_csrf=${encodeURIComponent(csrf)}&username=Trainer&password=crash+test+passphrase`,
  });
  const trainer = cookieOf(made);
  const token = (
    (await (await fetch(`${url}/api/session`, { headers: { cookie: trainer } })).json()) as {
      csrfToken: string;
    }
  ).csrfToken;
  const cohort = (await (
    await fetch(`${url}/api/cohorts`, {
      method: 'POST',
      headers: { cookie: trainer, 'x-csrf-token': token, 'content-type': 'application/json' },
      body: '{"name":"Crash class"}',
    })
  ).json()) as { joinCode: string };
  const joined = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'Trainee',
      password: 'crash test passphrase',
      joinCode: cohort.joinCode,
    }),
  });
  return { cookie: cookieOf(joined), csrf: ((await joined.json()) as { csrfToken: string }).csrfToken };
}

/**
 * Submissions from `workers` concurrent clients until `acknowledged` of them have been
 * answered 201 across the servers, then the victim is killed while the rest are in flight.
 * Resolves with the ids of every acknowledged attempt.
 */
async function loadAndKill(
  servers: Server[],
  session: { cookie: string; csrf: string },
  victim: Server,
  acknowledged: number,
): Promise<string[]> {
  const ids: string[] = [];
  let killed = false;
  let next = 0;
  const worker = async () => {
    while (!killed || ids.length < acknowledged + 50) {
      const server = servers[next++ % servers.length];
      if (server === victim && killed) continue;
      try {
        const res = await fetch(`${server.url}/api/scenarios/ed-ankle-fracture-ladder/attempts`, {
          method: 'POST',
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            diagnoses: [next % 2 ? 'S82.61XA' : 'S82.62XA', 'W11.XXXA'],
            procedures: ['99284-25'],
          }),
        });
        if (res.status === 201) ids.push(((await res.json()) as { attemptId: string }).attemptId);
      } catch {
        // The killed server drops its connections: those requests were never acknowledged.
      }
      if (!killed && ids.length >= acknowledged) {
        killed = true;
        await killHard(victim);
      }
      if (servers.length === 1 && killed) return;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return ids;
}

async function storedIds(store: Store): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const user of await store.listUsers()) {
    let before: string | undefined;
    do {
      const page = await store.listAttempts(user.id, { limit: 100, before });
      for (const a of page.attempts) ids.add(a.id);
      before = page.next;
    } while (before);
  }
  return ids;
}

describe('a server killed mid-load (lowdb files)', () => {
  it('keeps every acknowledged attempt, and a restarted server serves them', async () => {
    const temp = await makeTempDir('handoff-crash-');
    const server = await startServer({ DATA_DIR: temp.dir });
    const session = await signUp(server.url);
    const acknowledged = await loadAndKill([server], session, server, 400);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    const restarted = await startServer({ DATA_DIR: temp.dir });
    const listed = (await (
      await fetch(`${restarted.url}/api/attempts?limit=1`, { headers: { cookie: session.cookie } })
    ).json()) as { attempts: unknown[] };
    expect(listed.attempts).toHaveLength(1);
    await killHard(restarted);
    const store = await LowStore.open(temp.dir);
    const stored = await storedIds(store);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(await store.health()).toEqual({ status: 'ok', problems: [] });
    await store.close();
    await temp.cleanup();
  });
});

describeWithPostgres('servers killed mid-load (PostgreSQL)', () => {
  it('keeps every acknowledged attempt when the only server is killed', async () => {
    const database = await createTestDatabase();
    const temp = await makeTempDir('handoff-crash-pg-');
    const server = await startServer({ DATA_DIR: temp.dir, DATABASE_URL: database.url });
    const session = await signUp(server.url);
    const acknowledged = await loadAndKill([server], session, server, 400);
    const store = await PgStore.connect(database.url);
    const stored = await storedIds(store);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    await store.close();
    await database.drop();
    await temp.cleanup();
  });

  it('keeps every acknowledged attempt when one of two servers on one database is killed, and the other goes on', async () => {
    const database = await createTestDatabase();
    const temp = await makeTempDir('handoff-crash-pg2-');
    const first = await startServer({ DATA_DIR: temp.dir, DATABASE_URL: database.url });
    const second = await startServer({ DATA_DIR: temp.dir, DATABASE_URL: database.url });
    // Signed up on the first, the session works on the second (same SESSION_SECRET, same database).
    const session = await signUp(first.url);
    const acknowledged = await loadAndKill([first, second], session, first, 300);
    const after = await fetch(`${second.url}/api/attempts?limit=5`, { headers: { cookie: session.cookie } });
    expect(after.status).toBe(200);
    await killHard(second);
    const store = await PgStore.connect(database.url);
    const stored = await storedIds(store);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    await store.close();
    await database.drop();
    await temp.cleanup();
  });
});

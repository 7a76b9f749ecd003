/**
 * Saving an attempt must cost the same whether the store holds nothing or a school's
 * year of practice. For each backend (lowdb files; PostgreSQL on a throwaway cluster) and
 * each size (0, 10,000 and 100,000 attempts of 1,000 trainees, graded from bundled
 * scenarios): the time to save one more attempt, 500 saves one after another (median and
 * p99), and the rate of 2,000 saves sent at once, three times (group commit: lowdb batches
 * the lines that wait for one user's file, PostgreSQL the commits that wait for its WAL).
 * Target: the median at 100,000 at most 1.5 × the median at 0. The three sizes are open
 * together and measured in turn, a round at a time, so the machine's slow minutes fall on
 * all of them. Then `db copy` of a lowdb store of 100,000 into an empty database, as the
 * CLI runs it: target under 30 s.
 *
 * Saves go through the store directly (no HTTP), each awaited until durable, on the same
 * 2 cores as PostgreSQL when it is the backend.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findPgBin, startCluster, type Cluster } from '../test/helpers/pg-cluster';
import { fromBuild } from './production-build';
import { gradedSubmissions, traineeId, type Graded } from './graded-attempts';
import { figure, finish, percentile, runBench } from './report';

type Attempt = import('../server/store/records').Attempt;
type Store = import('../server/store/store').Store;
type ScenarioModel = import('../server/scenarios/model').ScenarioModel;

const { openStore } = fromBuild<typeof import('../server/store/open-store')>('store/open-store');
const { LowStore } = fromBuild<typeof import('../server/store/low/low-store')>('store/low/low-store');
const { PgStore } = fromBuild<typeof import('../server/store/pg/pg-store')>('store/pg/pg-store');
const { copyStore } = fromBuild<typeof import('../server/store/copy')>('store/copy');
const { ScenarioLibrary } = fromBuild<typeof import('../server/scenarios/library')>('scenarios/library');
const { titlesFromScenarios } =
  fromBuild<typeof import('../server/grader/library-titles')>('grader/library-titles');

const SIZES = [0, 10_000, 100_000];
const TRAINEES = 1_000;
/** The trainees the measured saves go to: the warm-up gives each one attempt, so their files exist at every size. */
const ACTIVE = 200;
const SEQUENTIAL = 500;
/** The sequential saves are made in this many rounds, the sizes in turn (see measureBackend). */
const ROUNDS = 5;
const CONCURRENT = 2_000;
const BURSTS = 3;
const PREFILL_BATCH = 10_000;
const PG_INSERT_BATCH = 1_000;
const T0 = Date.parse('2026-01-05T08:00:00.000Z');

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Four graded submissions per bundled scenario, the attempts' contents taken in turn. */
function gradedForAll(scenarios: ScenarioModel[]): Graded[] {
  const titles = titlesFromScenarios(scenarios);
  return scenarios.flatMap((s) => gradedSubmissions(s, titles));
}

class Attempts {
  private next = 0;
  constructor(
    private readonly graded: Graded[],
    private readonly prefix: string,
  ) {}

  make(trainee: number): Attempt {
    const n = this.next++;
    return {
      id: `${this.prefix}${n.toString(16).padStart(10, '0')}`,
      userId: traineeId(trainee),
      submittedAt: new Date(T0 + n * 1000).toISOString(),
      ...this.graded[(n * 7 + trainee) % this.graded.length],
    };
  }
}

async function addTrainees(store: Store): Promise<void> {
  await Promise.all(
    Array.from({ length: TRAINEES }, (_, i) =>
      store.createUser({
        id: traineeId(i),
        username: `Bench Trainee ${i}`,
        role: 'trainee',
        passwordHash: 'not-a-password-hash',
      }),
    ),
  );
}

/** `count` attempts spread evenly over the trainees, in batches of concurrent saves (PostgreSQL: batch inserts). */
async function prefill(store: Store, attempts: Attempts, count: number): Promise<void> {
  for (let done = 0; done < count; done += PREFILL_BATCH) {
    const batch = Array.from({ length: Math.min(PREFILL_BATCH, count - done) }, (_, i) =>
      attempts.make((done + i) % TRAINEES),
    );
    if (store instanceof PgStore) {
      const chunks: Attempt[][] = [];
      for (let i = 0; i < batch.length; i += PG_INSERT_BATCH)
        chunks.push(batch.slice(i, i + PG_INSERT_BATCH));
      for (let i = 0; i < chunks.length; i += 2)
        await Promise.all(chunks.slice(i, i + 2).map((chunk) => store.insertAttempts(chunk)));
    } else await Promise.all(batch.map((a) => store.addAttempt(a)));
  }
}

async function timedSaves(store: Store, attempts: Attempts, trainees: number[]): Promise<number[]> {
  const times: number[] = [];
  for (const trainee of trainees) {
    const attempt = attempts.make(trainee);
    const start = performance.now();
    await store.addAttempt(attempt);
    times.push(performance.now() - start);
  }
  return times;
}

/** Jiffies the whole machine spent busy and in all, from /proc/stat (Linux); undefined elsewhere. */
function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3] - fields[4], total };
  } catch {
    return undefined;
  }
}

interface Sized {
  size: number;
  store: Store;
  attempts: Attempts;
  fillSeconds: number;
  times: number[];
  rates: number[];
  busy: number[];
}

/** The stores in turn, starting with a different one each round, so no size always goes first. */
const inTurn = (stores: Sized[], round: number) => stores.map((_, i) => stores[(i + round) % stores.length]);

/**
 * Every size open at once and measured in turn, a round of each at a time: this machine's
 * speed drifts from one minute to the next, and a size measured alone in a slow minute
 * would show a growth that is not the store's. Before measuring, each size's active
 * trainees save one attempt each (their files created; V8 and the connections warmed).
 */
async function measureBackend(
  kind: string,
  open: (size: number) => Promise<Store>,
  prefix: string,
  graded: Graded[],
): Promise<Sized[]> {
  const stores: Sized[] = [];
  for (const size of SIZES) {
    const store = await open(size);
    const attempts = new Attempts(graded, `${prefix}${size}x`);
    stores.push({ size, store, attempts, fillSeconds: 0, times: [], rates: [], busy: [] });
    await addTrainees(store);
    const start = performance.now();
    await prefill(store, attempts, size);
    stores[stores.length - 1].fillSeconds = (performance.now() - start) / 1000;
    await timedSaves(
      store,
      attempts,
      Array.from({ length: ACTIVE }, (_, i) => i),
    );
  }
  for (let round = 0; round < ROUNDS; round++)
    for (const s of inTurn(stores, round))
      s.times.push(
        ...(await timedSaves(
          s.store,
          s.attempts,
          Array.from({ length: SEQUENTIAL / ROUNDS }, (_, i) => (round * (SEQUENTIAL / ROUNDS) + i) % ACTIVE),
        )),
      );
  for (let burst = 0; burst < BURSTS; burst++)
    for (const s of inTurn(stores, burst)) {
      const batch = Array.from({ length: CONCURRENT }, (_, i) => s.attempts.make(i % ACTIVE));
      const cpuBefore = machineCpu();
      const start = performance.now();
      await Promise.all(batch.map((a) => s.store.addAttempt(a)));
      s.rates.push(CONCURRENT / ((performance.now() - start) / 1000));
      const cpuAfter = machineCpu();
      if (cpuBefore && cpuAfter)
        s.busy.push((100 * (cpuAfter.busy - cpuBefore.busy)) / (cpuAfter.total - cpuBefore.total));
    }
  for (const s of stores) {
    const stored = await s.store.countAttempts();
    const expected = s.size + ACTIVE + SEQUENTIAL + BURSTS * CONCURRENT;
    if (stored !== expected) throw new Error(`${kind}: ${stored} attempts stored, ${expected} expected`);
    s.times.sort((a, b) => a - b);
    const label = `${kind}, ${s.size.toLocaleString('en')} attempts`;
    console.log(
      `${label}: pre-filled in ${s.fillSeconds.toFixed(1)} s; ${SEQUENTIAL} saves one after another: p50 ${percentile(s.times, 50).toFixed(2)} ms, p90 ${percentile(s.times, 90).toFixed(2)} ms, max ${s.times[s.times.length - 1].toFixed(1)} ms; ${CONCURRENT} at once, ${BURSTS} times: ${s.rates.map((r) => r.toFixed(0)).join(', ')} /s${s.busy.length ? `, the machine's CPU ${s.busy.map((b) => b.toFixed(0)).join(', ')} % busy meanwhile` : ''}`,
    );
    figure(`${label}: save one more, median`, median(s.times), 'ms');
    figure(`${label}: save one more, p99`, percentile(s.times, 99), 'ms');
    figure(
      `${label}: ${CONCURRENT.toLocaleString('en')} saves at once, rate (median)`,
      median(s.rates),
      '/s',
    );
  }
  const empty = stores[0];
  const full = stores[stores.length - 1];
  figure(`${kind}: median save at 100,000 / at 0`, median(full.times) / median(empty.times), 'x', {
    max: 1.5,
  });
  figure(
    `${kind}: p99 save at 100,000 / at 0`,
    percentile(full.times, 99) / percentile(empty.times, 99),
    'x',
  );
  figure(`${kind}: rate at once at 100,000 / at 0`, median(full.rates) / median(empty.rates), 'x');
  return stores;
}

async function lowdb(graded: Graded[]): Promise<void> {
  console.log('\n-- lowdb (files under a temp folder on this ext4; every save fdatasync-ed) --');
  const dirs = new Map<number, string>();
  const opened: Store[] = [];
  try {
    const stores = await measureBackend(
      'lowdb',
      async (size) => {
        const dir = await mkdtemp(path.join(os.tmpdir(), `handoff-store-bench-${size}-`));
        dirs.set(size, dir);
        const store = await openStore({ dataDir: dir });
        opened.push(store);
        return store;
      },
      'low',
      graded,
    );
    // After a restart a trainee's file is read on their first save: what that first save costs.
    const largest = stores[stores.length - 1];
    await largest.store.close();
    opened.splice(opened.indexOf(largest.store), 1);
    const reopened = await openStore({ dataDir: dirs.get(largest.size) ?? '' });
    opened.push(reopened);
    const first = await timedSaves(
      reopened,
      largest.attempts,
      Array.from({ length: 50 }, (_, i) => ACTIVE + i),
    );
    figure(
      `lowdb, ${largest.size.toLocaleString('en')}: first save after a restart (reads ${largest.size / TRAINEES}), median`,
      median(first),
      'ms',
    );
  } finally {
    for (const store of opened) await store.close();
    for (const dir of dirs.values()) await rm(dir, { recursive: true, force: true });
  }
}

async function postgresql(graded: Graded[], cluster: Cluster): Promise<void> {
  console.log('\n-- postgresql (a throwaway cluster on the same 2 cores; fsync on, default settings) --');
  const urls: string[] = [];
  const opened: Store[] = [];
  try {
    await measureBackend(
      'postgresql',
      async () => {
        const url = await cluster.createDatabase();
        urls.push(url);
        const store = await openStore({ dataDir: os.tmpdir(), databaseUrl: url });
        opened.push(store);
        return store;
      },
      'pg',
      graded,
    );
  } finally {
    for (const store of opened) await store.close();
    for (const url of urls) await cluster.dropDatabase(url);
  }
}

const COPIED = 100_000;

/**
 * `npm run db -- copy --from <folder> --to <url>` as db-command.ts runs it (open both, copy,
 * close), from a lowdb folder of exactly 100,000 attempts of 1,000 trainees.
 */
async function dbCopy(graded: Graded[], cluster: Cluster, folders: string[]): Promise<void> {
  console.log('\n-- db copy: a lowdb store of 100,000 attempts into an empty PostgreSQL database --');
  const from = await mkdtemp(path.join(os.tmpdir(), 'handoff-store-bench-copy-'));
  folders.push(from);
  const filled = await openStore({ dataDir: from });
  try {
    await addTrainees(filled);
    await prefill(filled, new Attempts(graded, 'copyx'), COPIED);
  } finally {
    await filled.close();
  }
  const url = await cluster.createDatabase();
  try {
    const start = performance.now();
    let attemptsFrom = 0;
    const source = await LowStore.open(from);
    const target = await PgStore.connect(url);
    let report: Awaited<ReturnType<typeof copyStore>>;
    try {
      report = await copyStore(source, target, (done) => {
        if (done === 0) attemptsFrom = performance.now();
      });
    } finally {
      await source.close();
      await target.close();
    }
    const end = performance.now();
    const seconds = (end - start) / 1000;
    const { attempts, users } = report;
    console.log(
      `copied ${users.copied} users and ${attempts.copied} of ${attempts.source} attempts (${attempts.alreadyThere} already there): opening, users and other records ${((attemptsFrom - start) / 1000).toFixed(1)} s, attempts ${((end - attemptsFrom) / 1000).toFixed(1)} s (${(attempts.copied / ((end - attemptsFrom) / 1000)).toFixed(0)}/s, one batch per trainee's file)`,
    );
    if (attempts.copied !== COPIED) throw new Error('the copy left attempts behind');
    figure(`db copy of ${COPIED.toLocaleString('en')} attempts, lowdb to PostgreSQL`, seconds, 's', {
      max: 30,
    });
  } finally {
    await cluster.dropDatabase(url);
  }
}

async function main(): Promise<void> {
  const library = new ScenarioLibrary(path.resolve(__dirname, '../scenarios'));
  await library.loadAll();
  const graded = gradedForAll(library.list());
  const sizes = graded.map((g) => JSON.stringify(g).length).sort((a, b) => a - b);
  console.log(
    `${graded.length} graded submissions from ${library.list().length} bundled scenarios, ${percentile(sizes, 50)} bytes of JSON at the median`,
  );
  const folders: string[] = [];
  let cluster: Cluster | undefined;
  try {
    await lowdb(graded);
    if (findPgBin()) {
      cluster = await startCluster();
      await postgresql(graded, cluster);
      await dbCopy(graded, cluster, folders);
    } else
      console.log(
        '\nPostgreSQL binaries not found: the PostgreSQL and db copy figures are not measured (apt-get install postgresql)',
      );
  } finally {
    await cluster?.stop();
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  }
  finish();
}

runBench(main);

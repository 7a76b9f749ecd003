/**
 * The cohort report a trainer's dashboard shows, for a large class on lowdb: 200 trainees
 * who each made 20 attempts at each of 50 scenarios (200,000 attempts, graded from the
 * bundled scenarios). Timed is what a dashboard request computes (cohort-routes' `reportOf`):
 * the cohort's members, `statsOfUsers` for them, `cohortReport` over the running totals.
 *
 * Warm (the trainees' files already read, as on a server in use): median of 9 runs after a
 * warm-up; target under 200 ms. Cold (a server just started, no file read yet, the files in
 * the OS cache since they were just written): each of three runs in a fresh process, every
 * run printed. Then the same through HTTP, `GET /api/cohorts/:id/report` and the dashboard
 * page `GET /cohorts/:id`, on the app as createApp builds it; the client runs in the same
 * process as the server, on the machine's 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fromBuild } from './production-build';
import { gradedSubmissions, traineeId } from './graded-attempts';
import { figure, finish, percentile, runBench } from './report';

type Attempt = import('../server/store/records').Attempt;
type Store = import('../server/store/store').Store;
type ScenarioModel = import('../server/scenarios/model').ScenarioModel;

const { Accounts } = fromBuild<typeof import('../server/accounts/accounts')>('accounts/accounts');
const { passwordHasher } = fromBuild<typeof import('../server/accounts/passwords')>('accounts/passwords');
const { createApp } = fromBuild<typeof import('../server/app')>('app');
const { cohortReport } = fromBuild<typeof import('../server/classroom/report')>('classroom/report');
const { titlesFromScenarios } =
  fromBuild<typeof import('../server/grader/library-titles')>('grader/library-titles');
const { createHttpServer } = fromBuild<typeof import('../server/http-server')>('http-server');
const { ScenarioLibrary } = fromBuild<typeof import('../server/scenarios/library')>('scenarios/library');
const { openStore } = fromBuild<typeof import('../server/store/open-store')>('store/open-store');

const TRAINEES = 200;
const SCENARIOS = 50;
const PER_SCENARIO = 20;
const ATTEMPTS = TRAINEES * SCENARIOS * PER_SCENARIO;
const COHORT_ID = 'benchcohort';
const TRAINER = 'Bench Trainer';
const TRAINER_PASSWORD = 'bench trainer passphrase';
const COLD_RUNS = 3;
const WARM_RUNS = 9;
const T0 = Date.parse('2026-01-05T08:00:00.000Z');

async function loadLibrary() {
  const library = new ScenarioLibrary(path.resolve(__dirname, '../scenarios'));
  await library.loadAll();
  return library;
}

/** A class of 200 trainees (and its trainer) with 20 attempts each at 50 scenarios, in a new lowdb folder. */
async function buildClass(dir: string, scenarios: ScenarioModel[]): Promise<void> {
  const titles = titlesFromScenarios(scenarios);
  const chosen = [...scenarios].sort((a, b) => a.id.localeCompare(b.id)).slice(0, SCENARIOS);
  const graded = chosen.map((s) => gradedSubmissions(s, titles));
  const store = await openStore({ dataDir: dir });
  try {
    const trainer = await new Accounts(store, passwordHasher).createUser(
      TRAINER,
      TRAINER_PASSWORD,
      'trainer',
    );
    await store.createCohort({
      id: COHORT_ID,
      name: 'Bench class',
      joinCode: 'BENCH2026',
      registrationOpen: false,
      trainerIds: [trainer.id],
      createdAt: new Date(T0).toISOString(),
    });
    await Promise.all(
      Array.from({ length: TRAINEES }, async (_, t) => {
        await store.createUser({
          id: traineeId(t),
          username: `Bench Trainee ${t}`,
          role: 'trainee',
          passwordHash: 'not-a-password-hash',
        });
        await store.addMember({
          cohortId: COHORT_ID,
          userId: traineeId(t),
          joinedAt: new Date(T0).toISOString(),
        });
      }),
    );
    // Twenty trainees at a time, each one's 1,000 attempts sent together (one file, group commit).
    for (let first = 0; first < TRAINEES; first += 20) {
      const batch: Array<Promise<void>> = [];
      for (let t = first; t < first + 20; t++)
        for (let j = 0; j < SCENARIOS * PER_SCENARIO; j++) {
          const round = Math.floor(j / SCENARIOS);
          const attempt: Attempt = {
            id: `t${t.toString(16).padStart(4, '0')}a${j.toString(16).padStart(6, '0')}`,
            userId: traineeId(t),
            submittedAt: new Date(T0 + (t * 1000 + j) * 60_000).toISOString(),
            ...graded[j % SCENARIOS][(t + round) % 4],
          };
          batch.push(store.addAttempt(attempt));
        }
      await Promise.all(batch);
    }
  } finally {
    await store.close();
  }
}

/** What a dashboard request computes (cohort-routes' reportOf): members, their running totals, the report. */
async function dashboardReport(store: Store, titleOf: (id: string) => string) {
  const ids = new Set((await store.membersOf(COHORT_ID)).map((m) => m.userId));
  const members = (await store.listUsers()).filter((u) => ids.has(u.id));
  return cohortReport(members, await store.statsOfUsers(members.map((m) => m.id)), titleOf);
}

function checkReport(report: Awaited<ReturnType<typeof dashboardReport>>): void {
  const attempts = report.trainees.reduce((n, t) => n + t.attempts, 0);
  if (report.trainees.length !== TRAINEES || report.scenarios.length !== SCENARIOS || attempts !== ATTEMPTS)
    throw new Error(
      `the report shows ${report.trainees.length} trainees, ${report.scenarios.length} scenarios and ${attempts} attempts`,
    );
}

/** In a child process: open the store and compute the report once, as the first dashboard after a start. */
async function coldReport(dir: string): Promise<void> {
  const library = await loadLibrary();
  const titleOf = (id: string) => library.get(id)?.title ?? id;
  const opening = performance.now();
  const store = await openStore({ dataDir: dir });
  const start = performance.now();
  const report = await dashboardReport(store, titleOf);
  const ms = performance.now() - start;
  checkReport(report);
  await store.close();
  console.log(JSON.stringify({ openMs: start - opening, ms, rss: process.memoryUsage().rss }));
}

function coldReportInFreshProcess(dir: string): { openMs: number; ms: number; rss: number } {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, BENCH_COHORT_COLD_DIR: dir },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`cold report failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim()) as { openMs: number; ms: number; rss: number };
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

const list = (times: number[]) => times.map((t) => t.toFixed(0)).join(', ');

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handoff-cohort-bench-'));
  try {
    const library = await loadLibrary();
    const titleOf = (id: string) => library.get(id)?.title ?? id;
    const building = performance.now();
    await buildClass(dir, library.list());
    console.log(
      `${TRAINEES} trainees × ${SCENARIOS} scenarios × ${PER_SCENARIO} attempts = ${ATTEMPTS.toLocaleString('en')} attempts saved in ${((performance.now() - building) / 1000).toFixed(1)} s`,
    );

    const cold: number[] = [];
    for (let i = 1; i <= COLD_RUNS; i++) {
      const run = coldReportInFreshProcess(dir);
      cold.push(run.ms);
      console.log(
        `cold report, fresh process, run ${i} of ${COLD_RUNS}: ${run.ms.toFixed(0)} ms (opening the store before it: ${run.openMs.toFixed(0)} ms; resident memory after: ${(run.rss / 2 ** 20).toFixed(0)} MB)`,
      );
    }
    figure('cohort report, cold: first after a start, reads 200 files (median run)', median(cold), 'ms');

    const store = await openStore({ dataDir: dir });
    const server = createHttpServer(
      createApp({
        scenarios: library,
        store,
        accounts: new Accounts(store, passwordHasher),
        secret: 'bench-session-secret-bench-session-secret',
        secureCookies: false,
        logger: { error: (m: unknown) => console.error(m) },
      }),
    );
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const signIn = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: TRAINER, password: TRAINER_PASSWORD }),
      });
      if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const get = (where: string) => async () => {
        const res = await fetch(`${url}${where}`, { headers: { cookie, accept: 'application/json' } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`GET ${where}: ${res.status} ${body.slice(0, 200)}`);
        return body;
      };
      const api = get(`/api/cohorts/${COHORT_ID}/report`);
      const page = get(`/cohorts/${COHORT_ID}`);

      const [first] = await timed(1, api);
      figure('GET /api/cohorts/:id/report, first after the store opened', first, 'ms');
      await timed(3, api);
      const apiTimes = await timed(WARM_RUNS, api);
      console.log(`GET /api/cohorts/:id/report, warm, ${WARM_RUNS} runs: ${list(apiTimes)} ms`);
      figure('GET /api/cohorts/:id/report, warm (median)', median(apiTimes), 'ms');
      await timed(3, page);
      const pageTimes = await timed(WARM_RUNS, page);
      console.log(`GET /cohorts/:id (dashboard page), warm, ${WARM_RUNS} runs: ${list(pageTimes)} ms`);
      figure('GET /cohorts/:id, the dashboard page, warm (median)', median(pageTimes), 'ms');

      await timed(3, () => dashboardReport(store, titleOf));
      const warm = await timed(WARM_RUNS, async () => checkReport(await dashboardReport(store, titleOf)));
      console.log(`cohort report, warm, ${WARM_RUNS} runs: ${list(warm)} ms`);
      figure('cohort report, warm: statsOfUsers + cohortReport (median)', median(warm), 'ms', { max: 200 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  finish();
}

if (process.env.BENCH_COHORT_COLD_DIR) void coldReport(process.env.BENCH_COHORT_COLD_DIR);
else runBench(main);

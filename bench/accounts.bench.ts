/**
 * Signing in with argon2id (19 MiB, 2 passes, 1 lane). First the CPU one hash and one verify
 * cost (target: at most 100 ms each). argon2 works on libuv's thread pool, not on the calling
 * thread, so what is read is the process's CPU time over 30 verifies (10 hashes), divided,
 * not the wall clock.
 *
 * Then whether the server stays responsive while a class signs in: the app (createApp on a
 * lowdb store, the bundled library, rate limits on failed sign-ins lifted) in a child
 * process; from this one, 20 clients sign in over and over for 10 s while another requests
 * `GET /healthz` at a fixed 50 per second (each request sent on time, whether or not the
 * one before has been answered). The p99 of /healthz during the storm, against the same
 * probe on the idle server: target under 50 ms, which holds only if the KDF stays off the
 * event loop. The load generator and the server share the machine's 2 cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { send } from './http-harness';
import { fromBuild } from './production-build';
import { figure, finish, percentile, runBench } from './report';

const { passwordHasher } = fromBuild<typeof import('../server/accounts/passwords')>('accounts/passwords');

const TRAINEES = 20;
const PASSWORD = 'bench trainee passphrase';
const PROBE_RATE = 50;
const IDLE_SECONDS = 5;
const STORM_SECONDS = 10;
const LOOP_SAMPLE_MS = 5;
const username = (i: number) => `Bench Trainee ${i + 1}`;

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function kdfCost(): Promise<void> {
  const hash = await passwordHasher.hash(PASSWORD);
  // The first few take longer (the 19 MiB of memory being mapped in): warmed up first.
  for (let i = 0; i < 5; i++) {
    await passwordHasher.hash(PASSWORD);
    await passwordHasher.verify(hash, PASSWORD);
  }
  const measure = async (label: string, rounds: number, work: () => Promise<unknown>) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < rounds; i++) await work();
    const wall = (performance.now() - start) / rounds;
    figure(
      `argon2id ${label}: process CPU per ${label} (${rounds}, one at a time)`,
      cpuMs(cpu) / rounds,
      'ms',
      {
        max: 100,
      },
    );
    figure(`argon2id ${label}: wall clock per ${label}, for information`, wall, 'ms');
  };
  await measure('hash', 10, () => passwordHasher.hash(PASSWORD));
  await measure('verify', 30, async () => {
    if (!(await passwordHasher.verify(hash, PASSWORD))) throw new Error('verify refused the password');
  });
}

/** In the child process: the app on a fresh lowdb store with 20 trainees, listening on a free port. */
async function serve(dataDir: string): Promise<void> {
  const { Accounts } = fromBuild<typeof import('../server/accounts/accounts')>('accounts/accounts');
  const { createApp } = fromBuild<typeof import('../server/app')>('app');
  const { createHttpServer } = fromBuild<typeof import('../server/http-server')>('http-server');
  const { ScenarioLibrary } = fromBuild<typeof import('../server/scenarios/library')>('scenarios/library');
  const { openStore } = fromBuild<typeof import('../server/store/open-store')>('store/open-store');

  const library = new ScenarioLibrary(path.resolve(__dirname, '../scenarios'));
  await library.loadAll();
  const store = await openStore({ dataDir });
  const accounts = new Accounts(store, passwordHasher);
  await accounts.createUser('Bench Trainer', 'bench trainer passphrase', 'trainer');
  for (let i = 0; i < TRAINEES; i++) await accounts.createUser(username(i), PASSWORD, 'trainee');
  const app = createApp({
    scenarios: library,
    store,
    accounts,
    secret: 'bench-session-secret-bench-session-secret',
    secureCookies: false,
    limits: { signInFailures: 1_000_000 },
    logger: { error: (m: unknown) => console.error(m) },
  });
  const server = createHttpServer(app);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as import('node:net').AddressInfo;
    console.log(`listening on http://127.0.0.1:${port}`);
  });
  // The event loop's delay (how late a timer fires), reported to the parent for each phase.
  // The histogram holds the intervals between the timer's turns: the sampling period is taken off.
  const late = (ns: number) => Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS);
  const delay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  delay.enable();
  process.on('message', (message) => {
    if (message === 'reset') delay.reset();
    if (message === 'report')
      process.send?.({
        p50: late(delay.percentile(50)),
        p99: late(delay.percentile(99)),
        max: late(delay.max),
      });
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => void store.close().then(() => process.exit(0)));
  });
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, BENCH_ACCOUNTS_SERVER_DIR: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
}

interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Runs the load while the server records its event-loop delay; resolves with both. */
async function withLoopDelay<T>(child: ChildProcess, load: () => Promise<T>): Promise<[T, LoopDelay]> {
  child.send('reset');
  const result = await load();
  const delay = new Promise<LoopDelay>((resolve) => child.once('message', (m) => resolve(m as LoopDelay)));
  child.send('report');
  return [result, await delay];
}

const delayLine = (label: string, d: LoopDelay) =>
  console.log(
    `${label}: the server's event-loop delay p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms, max ${d.max.toFixed(1)} ms (how late a timer every ${LOOP_SAMPLE_MS} ms fired)`,
  );

async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** GET /healthz at a fixed rate for `seconds`: a request goes out on time even if earlier ones are unanswered. */
async function probe(url: string, seconds: number): Promise<{ latencies: number[]; refused: number }> {
  const agent = new http.Agent({ keepAlive: true });
  const latencies: number[] = [];
  let refused = 0;
  const answers: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < seconds * PROBE_RATE; i++) {
    await sleep(Math.max(0, start + (i * 1000) / PROBE_RATE - performance.now()));
    answers.push(
      send(agent, `${url}/healthz`).then(({ status, ms }) => {
        latencies.push(ms);
        if (status !== 200) refused++;
      }),
    );
  }
  await Promise.all(answers);
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), refused };
}

/** 20 clients, one trainee each, signing in again as soon as each sign-in is answered, until `until`. */
async function storm(url: string, until: number): Promise<{ latencies: number[]; refused: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: TRAINEES });
  const latencies: number[] = [];
  let refused = 0;
  await Promise.all(
    Array.from({ length: TRAINEES }, async (_, i) => {
      const body = JSON.stringify({ username: username(i), password: PASSWORD });
      while (performance.now() < until) {
        const { status, ms } = await send(agent, `${url}/api/auth/login`, { method: 'POST', body });
        latencies.push(ms);
        if (status !== 200) refused++;
      }
    }),
  );
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), refused };
}

const describe = (label: string, latencies: number[]) =>
  console.log(
    `${label}: ${latencies.length} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
  );

async function responsiveness(): Promise<void> {
  console.log(
    `\n-- ${TRAINEES} concurrent sign-ins against GET /healthz at ${PROBE_RATE}/s (server in a child process; the load generator shares the machine's 2 cores) --`,
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-accounts-bench-'));
  let child: ChildProcess | undefined;
  try {
    const started = await startServer(dataDir);
    child = started.child;
    const { url } = started;
    // Warm-up: V8 compiles the sign-in and health paths, the connections are opened.
    await Promise.all([storm(url, performance.now() + 1500), probe(url, 1)]);

    const [idle, idleDelay] = await withLoopDelay(child, () => probe(url, IDLE_SECONDS));
    describe('GET /healthz, idle server', idle.latencies);
    delayLine('idle', idleDelay);
    const [[during, signIns], stormDelay] = await withLoopDelay(child, () =>
      Promise.all([probe(url, STORM_SECONDS), storm(url, performance.now() + STORM_SECONDS * 1000)]),
    );
    describe(`GET /healthz during ${TRAINEES} concurrent sign-ins`, during.latencies);
    delayLine('during the sign-ins', stormDelay);
    describe(`POST /api/auth/login, ${TRAINEES} at a time`, signIns.latencies);

    figure('GET /healthz, idle: p50', percentile(idle.latencies, 50), 'ms');
    figure('GET /healthz, idle: p99', percentile(idle.latencies, 99), 'ms');
    figure(
      `GET /healthz during ${TRAINEES} concurrent sign-ins: p50`,
      percentile(during.latencies, 50),
      'ms',
    );
    figure(
      `GET /healthz during ${TRAINEES} concurrent sign-ins: p99`,
      percentile(during.latencies, 99),
      'ms',
      {
        max: 50,
      },
    );
    figure('sign-ins answered per second during the storm', signIns.latencies.length / STORM_SECONDS, '/s');
    figure('sign-in latency during the storm: p50', percentile(signIns.latencies, 50), 'ms');
    figure('sign-in latency during the storm: p99', percentile(signIns.latencies, 99), 'ms');
    figure('sign-ins or health checks refused', signIns.refused + during.refused + idle.refused, '', {
      max: 0,
    });
  } finally {
    await stopServer(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`libuv thread pool: ${process.env.UV_THREADPOOL_SIZE ?? 4} threads; ${os.cpus().length} cores`);
  await kdfCost();
  await responsiveness();
  finish();
}

if (process.env.BENCH_ACCOUNTS_SERVER_DIR) void serve(process.env.BENCH_ACCOUNTS_SERVER_DIR);
else runBench(main);

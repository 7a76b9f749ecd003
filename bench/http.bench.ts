/**
 * HTTP figures against the production build (node dist/main.js, as npm start runs it),
 * with the bundled library, 50 concurrent connections (targets: ≥ 1,000 requests/s and
 * p99 < 50 ms for the workspace page and for posting an attempt; no attempt lost).
 * The attempt-post target applies to the load as the issue states it and autocannon runs
 * it: 50 connections with one signed-in session, so that every save goes to the same
 * trainee's files (the case where saves to one file must be serialised). A second load,
 * 50 connections as 50 trainees (a class), is measured and printed for information.
 * Each measurement follows a warm-up of the same requests, not measured (figures of a
 * server that has been running, not of V8 compiling the code; the warm-up's attempts are
 * counted as sent), and is made three times: the median run (by p99) is the figure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { figure, finish } from './report';
import { DIST, fromBuild } from './production-build';

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_SECONDS ?? 6);
const WARM_UP_SECONDS = 3;
const RUNS = 3;
const WARM_UP_ATTEMPTS = 3000;

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), path.join(DIST, 'main.js')], {
    env: { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '4', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCENARIOS_DIR: path.resolve(__dirname, '../scenarios'), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return { url, child };
}

async function signIn(url: string, name: string): Promise<{ cookie: string; csrf: string }> {
  const start = await fetch(`${url}/start`);
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await start.text())?.[1] ?? '';
  const signedIn = await fetch(`${url}/start`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(csrf)}&name=${encodeURIComponent(name)}` });
  const session = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
  const home = await (await fetch(`${url}/`, { headers: { cookie: session } })).text();
  return { cookie: session, csrf: /name="csrf-token" content="([^"]+)"/.exec(home)?.[1] ?? '' };
}

/**
 * The run whose p99 is the median of the runs: this 2-core virtual machine also runs the
 * load generator and shares its host, and one run in several can be slowed by either.
 * Every run is printed.
 */
function median<R extends autocannon.Result & { seconds: number }>(runs: R[], label: string): R {
  runs.forEach((r, i) => console.log(`${label}, run ${i + 1} of ${runs.length}: ${r.requests.total} requests, ${perSecond(r).toFixed(0)}/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors`));
  return [...runs].sort((a, b) => a.latency.p99 - b.latency.p99)[Math.floor(runs.length / 2)];
}

function sum(runs: autocannon.Result[], of: (run: autocannon.Result) => number): number {
  return runs.reduce((total, run) => total + of(run), 0);
}

/** Requests answered per second from the first request sent to the last answer. */
function perSecond(result: autocannon.Result & { seconds: number }): number {
  return result.requests.total / result.seconds;
}

/** autocannon's run, with the time from its start to its last response (it ends a run on a one-second tick). */
function run(options: autocannon.Options): Promise<autocannon.Result & { seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let last = started;
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ ...result, seconds: (last - started) / 1000 })));
    instance.on('response', () => {
      last = performance.now();
    });
  });
}

/** Every attempt on disk, read as a restarted server reads them, and how many distinct ones. */
async function countStored(dataDir: string): Promise<{ stored: number; distinct: number }> {
  const { AttemptStore } = fromBuild<typeof import('../server/storage/attempts')>('storage/attempts');
  const store = new AttemptStore(dataDir);
  const ids: string[] = [];
  for (const trainee of await readdir(path.join(dataDir, 'attempts'))) ids.push(...(await store.list(trainee)).map((a) => a.id));
  return { stored: ids.length, distinct: new Set(ids).size };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(process.env.BENCH_DATA_PARENT ?? os.tmpdir(), 'handoff-http-bench-'));
  const { url, child } = await startServer(dataDir);
  try {
    const trainees = await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => signIn(url, `Bench trainee ${i + 1}`)));
    const { cookie } = trainees[0];
    const scenario = 'ed-fall-scalp-laceration-anticoagulated';
    const pageRequest = { url: `${url}/scenarios/${scenario}`, connections: CONNECTIONS, headers: { cookie } };
    await run({ ...pageRequest, duration: WARM_UP_SECONDS });
    const pages: Array<Awaited<ReturnType<typeof run>>> = [];
    for (let i = 0; i < RUNS; i++) pages.push(await run({ ...pageRequest, duration: DURATION }));
    const page = median(pages, `GET /scenarios/${scenario}`);
    figure('workspace page: requests per second', perSecond(page), '/s', { min: 1000 });
    figure('workspace page: p99 latency', page.latency.p99, 'ms', { max: 50 });
    figure('workspace page: refused (non-2xx or errors)', sum(pages, (r) => r.non2xx + r.errors), '', { max: 0 });

    const body = JSON.stringify({ diagnoses: ['S01.01XA', 'I48.21', 'Z79.01', 'W01.190A'], procedures: ['99284-25', '12032'] });
    // A fixed number of requests, so that every one sent is answered and can be counted.
    const amount = 1400 * DURATION;
    const post = (label: string, sessions: ReadonlyArray<{ cookie: string; csrf: string }>, amount: number) => {
      let next = 0;
      return run({
        url: `${url}/api/scenarios/${scenario}/attempts`,
        method: 'POST',
        connections: CONNECTIONS,
        amount,
        headers: { 'content-type': 'application/json' },
        body,
        setupClient: (client) => {
          const session = sessions[next++ % sessions.length];
          client.setHeaders({ cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' });
        },
      }).then((result) => ({ label, result }));
    };
    let expected = 0;
    for (const [label, sessions, targets] of [
      ['50 connections, one trainee', [trainees[0]], true],
      ['50 connections, 50 trainees', trainees, false],
    ] as const) {
      const runs = [(await post(label, sessions, WARM_UP_ATTEMPTS)).result];
      for (let i = 0; i < RUNS; i++) runs.push((await post(label, sessions, amount)).result);
      expected += WARM_UP_ATTEMPTS + RUNS * amount;
      const result = median(runs.slice(1), `POST /api/scenarios/${scenario}/attempts, ${label} (after ${WARM_UP_ATTEMPTS} to warm up)`);
      figure(`attempt post (${label}): requests per second`, perSecond(result), '/s', targets ? { min: 1000 } : undefined);
      figure(`attempt post (${label}): p99 latency`, result.latency.p99, 'ms', targets ? { max: 50 } : undefined);
      figure(`attempt post (${label}): refused (non-2xx or errors)`, sum(runs, (r) => r.non2xx + r.errors), '', { max: 0 });
    }
    // Counted after the server has stopped, by reading the files as a restarted server would.
    await stop(child);
    const { stored, distinct } = await countStored(dataDir);
    figure('attempts sent minus attempts stored (lost)', expected - distinct, '', { max: 0 });
    figure('attempts stored twice (duplicated)', stored - distinct, '', { max: 0 });
  } finally {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  }
  finish();
}

void main();

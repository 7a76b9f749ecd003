/**
 * Running the production build for HTTP benchmarks: a server process (node dist/main.js,
 * as npm start runs it) on either backend, a class signed up through the real pages and
 * API; autocannon at saturation (throughput) and an open-loop client at a fixed offered rate
 * (latency). On these 2 cores the load generator shares the CPU with the server(s): every
 * figure printed beside the other says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { percentile } from './report';
import { DIST } from './production-build';

export interface Running {
  url: string;
  child: ChildProcess;
}

/** Times requests inside the server (see server-latency.js); read with `serverTimings`. */
const TIMED_INSIDE = path.join(__dirname, 'server-latency.js');

export async function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--require', TIMED_INSIDE, path.join(DIST, 'main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SCENARIOS_DIR: path.resolve(__dirname, '../scenarios'),
      NODE_ENV: 'production',
      SUBMISSIONS_PER_MINUTE: '1000000',
      ...env,
    },
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

export async function stopServer(
  running: Running | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  const child = running?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export interface ServerTimings {
  /**
   * The latencies (ms) the server timed inside itself, in the order its requests finished: the
   * part of a request's latency that is the server's, without the client's or the kernel's share.
   */
  latencies: number[];
  /** The longest the server's event loop was held (ms): requests arriving then waited untimed. */
  loopDelayMax: number;
  /** The longest garbage-collection pause (ms). */
  gcPauseMax: number;
}

/** What the server measured inside itself since the last call (see server-latency.js). */
export function serverTimings(running: Running): Promise<ServerTimings> {
  const stdout = running.child.stdout;
  if (!stdout) return Promise.reject(new Error('the server has no output to read'));
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /server timings: (\{[^\n]*\})\n/.exec(out);
      if (!match) return;
      stdout.off('data', read);
      resolve(JSON.parse(match[1]) as ServerTimings);
    };
    stdout.on('data', read);
    if (!running.child.kill('SIGUSR2')) {
      stdout.off('data', read);
      reject(new Error('the server could not be asked for its timings'));
    }
  });
}

export interface Session {
  cookie: string;
  csrf: string;
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The first trainer through /setup (a new installation), then a class and its trainees through the API. */
export async function signUpClass(
  url: string,
  trainees: number,
): Promise<{ trainer: Session; trainees: Session[]; joinCode: string }> {
  const setup = await fetch(`${url}/setup`);
  const visitor = cookieOf(setup);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await setup.text())?.[1] ?? '';
  const made = await fetch(`${url}/setup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: `_csrf=${encodeURIComponent(csrf)}&username=Bench+Trainer&password=${encodeURIComponent('bench trainer passphrase')}`,
  });
  const trainerCookie = cookieOf(made);
  const session = (await (
    await fetch(`${url}/api/session`, { headers: { cookie: trainerCookie } })
  ).json()) as { csrfToken: string };
  const trainer = { cookie: trainerCookie, csrf: session.csrfToken };
  const cohort = (await (
    await fetch(`${url}/api/cohorts`, {
      method: 'POST',
      headers: { cookie: trainer.cookie, 'x-csrf-token': trainer.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench class' }),
    })
  ).json()) as { joinCode: string };
  const sessions: Session[] = [];
  for (let i = 0; i < trainees; i++) {
    const res = await fetch(`${url}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `Bench trainee ${i + 1}`,
        password: 'bench trainee passphrase',
        joinCode: cohort.joinCode,
      }),
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
    sessions.push({ cookie: cookieOf(res), csrf: ((await res.json()) as { csrfToken: string }).csrfToken });
  }
  return { trainer, trainees: sessions, joinCode: cohort.joinCode };
}

export interface Load {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  /** The sessions the connections use, round robin. */
  sessions: Session[];
}

export interface Measured {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  refused: number;
  /** What the refused requests got: a status code or an error code, with how many. */
  refusedAs?: Record<string, number>;
  /**
   * The longest the load generator's own event loop was held while measuring (ms; fixed rate
   * only): requests due then went out late, and answers read then were timed late, so a p99
   * near this figure is the client's, not the server's.
   */
  clientLoopDelayMax?: number;
  /** The CPU the load generator used per request (ms; fixed rate only), taken from the cores the server shares. */
  clientCpuPerRequest?: number;
}

function options(load: Load, connections: number): autocannon.Options {
  let next = 0;
  return {
    url: load.url,
    method: load.method ?? 'GET',
    body: load.body,
    connections,
    setupClient: (client) => {
      const session = load.sessions[next++ % load.sessions.length];
      client.setHeaders({
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': 'application/json',
      });
    },
  };
}

/**
 * Throughput at saturation: one autocannon run, a warm-up (connections opened, V8
 * compiled), then `amount` requests measured, each connection sending its next request as
 * soon as the last is answered. Each answer's latency is recorded.
 */
export function run(
  load: Load,
  settings: { connections: number; amount: number; warmUp: number },
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const answeredAt: number[] = [];
    const total = settings.warmUp + settings.amount;
    const instance = autocannon(
      {
        ...options(load, settings.connections),
        amount: total,
      },
      (error, result) => {
        if (error) return reject(error);
        const measured = latencies.slice(settings.warmUp).sort((a, b) => a - b);
        const at = answeredAt.slice(settings.warmUp);
        resolve({
          requests: measured.length,
          perSecond: (at.length - 1) / ((at[at.length - 1] - at[0]) / 1000),
          p50: percentile(measured, 50),
          p99: percentile(measured, 99),
          max: measured[measured.length - 1],
          refused: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      answeredAt.push(performance.now());
    });
  });
}

export function describe(label: string, m: Measured): void {
  const as = Object.entries(m.refusedAs ?? {})
    .map(([reason, n]) => `${reason} ×${n}`)
    .join(', ');
  console.log(
    `${label}: ${m.requests} requests, ${m.perSecond.toFixed(0)}/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, max ${m.max.toFixed(0)} ms, refused ${m.refused}${as ? ` (${as})` : ''}${m.clientLoopDelayMax === undefined ? '' : `; the client's event loop held at most ${m.clientLoopDelayMax.toFixed(0)} ms, its CPU ${m.clientCpuPerRequest?.toFixed(2)} ms a request`}`,
  );
}

/** One request; resolves with its status and its latency (from sending to the whole answer read). */
export function send(
  agent: http.Agent,
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

/** The open-loop client, run as a process of its own (see fixed-rate-client.js for why). */
const FIXED_RATE_CLIENT = path.join(__dirname, 'fixed-rate-client.js');

interface ClientReport {
  latencies: number[];
  refused: number;
  refusedAs: Record<string, number>;
  firstMeasured: number;
  lastAnswer: number;
  loopDelayMax: number;
  cpuPerRequest: number;
}

/**
 * Latency at a fixed offered rate, open loop: request i is due at start + i/rate and goes
 * out then whether or not earlier ones were answered (up to `connections` at once, the rest
 * queued in the client as a browser would), and its latency counts from when it was due, so
 * a stalled server is not hidden by requests that were never sent. autocannon's fixed rate
 * is not used: it releases each connection's share at the same instants, in bursts of 50.
 */
export function atFixedRate(
  load: Load,
  settings: {
    connections: number;
    rate: number;
    amount: number;
    warmUp: number;
    /** Called as the first measured request is sent (after the warm-up). */
    onMeasuring?: () => void;
  },
): Promise<Measured> {
  const { onMeasuring, ...rest } = settings;
  const child = spawn(process.execPath, [FIXED_RATE_CLIENT, JSON.stringify({ ...load, ...rest })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('measuring\n')) {
        out = out.slice('measuring\n'.length);
        onMeasuring?.();
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the fixed-rate client exited with ${code}`));
      const report = JSON.parse(out) as ClientReport;
      const sorted = report.latencies.sort((a, b) => a - b);
      resolve({
        requests: sorted.length,
        perSecond: sorted.length / ((report.lastAnswer - report.firstMeasured) / 1000),
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1],
        refused: report.refused,
        refusedAs: report.refusedAs,
        clientLoopDelayMax: report.loopDelayMax,
        clientCpuPerRequest: report.cpuPerRequest,
      });
    });
  });
}

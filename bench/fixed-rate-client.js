/**
 * The open-loop client behind `atFixedRate` (bench/http-harness.ts), run as a process of its
 * own: `node bench/fixed-rate-client.js '<json settings>'`. Request i is due at start + i/rate
 * and goes out then on an idle keep-alive connection (at most `connections`, the rest queued
 * in order, as a browser would), whether or not earlier ones were answered; its latency counts
 * from when it was due, so a stalled server is not hidden by requests never sent.
 *
 * Why its own process and plain sockets: on a 2-core machine the client shares the CPU with
 * the server it measures, so every millisecond it spends is one the server may wait for, and a
 * pause of its own shows as latency. Node's http client cost about 0.35 ms of CPU a request,
 * and running inside the bench process it shared that process's heap and collections (its
 * event loop was seen held 50 ms). Here each connection sends prepared bytes and reads only
 * the status line and Content-Length of the answer: the Handoff server's answers to what the
 * bench sends all carry one. An answer without it ends the run with an error, not a guess.
 *
 * It prints `measuring` as the first measured request is due, then one JSON line: the
 * latencies (ms) of the measured requests, what the refused ones got, when the first measured
 * request was due and the last answered (ms since start), the longest its own event loop was
 * held while measuring, and the CPU it used per request (ms, start-up included).
 */
const net = require('node:net');
const { URL } = require('node:url');
const { Buffer } = require('node:buffer');
const { setTimeout: sleep } = require('node:timers/promises');
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');

const settings = JSON.parse(process.argv[2]);
const target = new URL(settings.url);
const HEADER_END = Buffer.from('\r\n\r\n');
/** monitorEventLoopDelay samples with a timer of this period and records each period whole. */
const LOOP_RESOLUTION_MS = 10;

/** One prepared request per session: the same bytes every time that session's turn comes. */
const requests = settings.sessions.map((session) => {
  const body = Buffer.from(settings.body ?? '');
  const head =
    `${settings.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1\r\n` +
    `Host: ${target.host}\r\nConnection: keep-alive\r\n` +
    `Cookie: ${session.cookie}\r\nX-CSRF-Token: ${session.csrf}\r\n` +
    (settings.body ? `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` : '') +
    '\r\n';
  return Buffer.concat([Buffer.from(head), body]);
});

/** The status and, once whole, the length of an answer read so far; undefined until its head is in. */
function parseHead(buffer) {
  const end = buffer.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const head = buffer.subarray(0, end).toString('latin1');
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (!length)
    throw new Error(
      `an answer without Content-Length (status ${status}): the client cannot tell where it ends`,
    );
  const closing = /\r\nconnection: *close/i.test(head);
  return { status, total: end + HEADER_END.length + Number(length[1]), closing };
}

const latencies = [];
const refusedAs = {};
let refused = 0;
const refuse = (reason) => {
  refused++;
  refusedAs[reason] = (refusedAs[reason] ?? 0) + 1;
};

const idle = [];
let open = 0;
const queued = [];
let answered = 0;
let lastAnswer = 0;
let firstMeasured = 0;
const total = settings.warmUp + settings.amount;
let finish;
const finished = new Promise((resolve) => (finish = resolve));

function done(request, outcome) {
  lastAnswer = performance.now();
  if (request.index >= settings.warmUp) {
    if (outcome.error) refuse(outcome.error);
    else {
      latencies.push(lastAnswer - request.due);
      if (outcome.status >= 300) refuse(String(outcome.status));
    }
  }
  if (++answered === total) finish();
}

/** A keep-alive connection carrying one request at a time: `send` gives it the next. */
function connect() {
  open++;
  const connection = { send: (request) => send(request), close: () => socket.destroy() };
  const socket = net.connect({ host: target.hostname, port: Number(target.port) });
  socket.setNoDelay(true);
  // An idle connection is closed here after 4 s, before the server's keep-alive timeout (5 s)
  // closes it: else a request sent as the server closes it fails, the client's race, not a
  // refusal by the server (what Node's http.Agent does with its `timeout`).
  socket.setTimeout(4000, () => {
    if (!current) socket.destroy();
  });
  let current;
  let chunks = [];
  let received = 0;
  let head;
  socket.on('data', (chunk) => {
    chunks.push(chunk);
    received += chunk.length;
    if (!current) return;
    const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    chunks = [buffer];
    head ??= parseHead(buffer);
    if (!head || received < head.total) return;
    const request = current;
    const closing = head.closing;
    current = undefined;
    chunks = [];
    received = 0;
    done(request, { status: head.status });
    head = undefined;
    if (closing) socket.destroy();
    else release();
  });
  socket.on('close', () => {
    open--;
    const at = idle.indexOf(connection);
    if (at >= 0) idle.splice(at, 1);
    if (current) done(current, { error: 'ECONNRESET' });
    current = undefined;
    if (queued.length > 0) dispatch(queued.shift());
  });
  socket.on('error', (error) => {
    if (current) done(current, { error: error.code ?? error.message });
    current = undefined;
  });
  const release = () => {
    if (queued.length > 0) send(queued.shift());
    else idle.push(connection);
  };
  const send = (request) => {
    current = request;
    socket.write(requests[request.index % requests.length]);
  };
  return connection;
}

function dispatch(request) {
  const connection = idle.pop();
  if (connection) connection.send(request);
  else if (open < settings.connections) connect().send(request);
  else queued.push(request);
}

async function main() {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const start = performance.now();
  for (let index = 0; index < total; index++) {
    const due = start + (index * 1000) / settings.rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (index === settings.warmUp) {
      firstMeasured = due - start;
      loop.enable();
      process.stdout.write('measuring\n');
    }
    dispatch({ index, due });
  }
  await finished;
  loop.disable();
  const cpu = process.cpuUsage();
  for (const connection of idle) connection.close();
  process.stdout.write(
    `${JSON.stringify({
      latencies,
      refused,
      refusedAs,
      firstMeasured,
      lastAnswer: lastAnswer - start,
      loopDelayMax: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS),
      cpuPerRequest: (cpu.user + cpu.system) / 1000 / total,
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});

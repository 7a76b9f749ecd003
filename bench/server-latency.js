/**
 * Loaded into the benchmarked server (`node --require bench/server-latency.js dist/main.js`)
 * to time each request inside it: from Node handing the request to the app to the response's
 * last byte handed to the kernel, through Node's public diagnostics channels. It also keeps
 * the longest event-loop delay (perf_hooks' `monitorEventLoopDelay`) and the longest garbage
 * collection pause (`gc` performance entries): a request that arrives while the loop is held
 * waits before it is timed, so these tell a busy server from a slow client. On SIGUSR2 it
 * prints what it measured since the last signal (`server timings: {...}`, milliseconds) and
 * starts again, so the bench can print the server's own figures beside the client's.
 */
const { subscribe } = require('node:diagnostics_channel');
const { monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');

const started = new WeakMap();
let latencies = [];
let gcPauseMax = 0;
/** The histogram samples the loop with a timer of this period, and records each period whole. */
const LOOP_RESOLUTION_MS = 10;
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loop.enable();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauseMax = Math.max(gcPauseMax, entry.duration);
}).observe({ entryTypes: ['gc'] });

subscribe('http.server.request.start', ({ request }) => started.set(request, process.hrtime.bigint()));
subscribe('http.server.response.finish', ({ request }) => {
  const at = started.get(request);
  if (at !== undefined) latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
});

const ms = (value) => Math.round(value * 1000) / 1000;

process.on('SIGUSR2', () => {
  const timings = {
    latencies: latencies.map(ms),
    loopDelayMax: ms(Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS)),
    gcPauseMax: ms(gcPauseMax),
  };
  latencies = [];
  gcPauseMax = 0;
  loop.reset();
  process.stdout.write(`server timings: ${JSON.stringify(timings)}\n`);
});

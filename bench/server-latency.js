/**
 * Loaded into the benchmarked server (`node --require bench/server-latency.js dist/main.js`)
 * to time each request inside it: from Node handing the request to the app to the response's
 * last byte handed to the kernel, through Node's public diagnostics channels. On SIGUSR2 it
 * prints the latencies timed since the last signal, in milliseconds (`server latency: [...]`),
 * and starts again, so the bench can print the server's own p99 beside the client's.
 */
const { subscribe } = require('node:diagnostics_channel');

const started = new WeakMap();
let latencies = [];

subscribe('http.server.request.start', ({ request }) => started.set(request, process.hrtime.bigint()));
subscribe('http.server.response.finish', ({ request }) => {
  const at = started.get(request);
  if (at !== undefined) latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
});

process.on('SIGUSR2', () => {
  const timed = latencies.map((ms) => Math.round(ms * 1000) / 1000);
  latencies = [];
  process.stdout.write(`server latency: ${JSON.stringify(timed)}\n`);
});

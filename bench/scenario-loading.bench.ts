/**
 * Loading and validating 1,000 scenario files (target: under 2 s), and reloading one
 * changed file in a library of 10 and of 1,000 (should cost about the same).
 *
 * The load is a cold start, as when the server starts: each of three runs is a fresh
 * process loading the library once. This machine's speed moves by a third from one minute
 * to the next, so every run is printed and the median is the figure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ScenarioLibrary, listScenarioFiles } from '../server/scenarios/library';
import { figure, finish } from './report';

async function makeLibrary(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `handoff-bench-${count}-`));
  const sources = await Promise.all(
    (await listScenarioFiles(path.resolve(__dirname, '../scenarios'))).map((f) => readFile(f, 'utf8')),
  );
  await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const source = sources[i % sources.length];
      return writeFile(path.join(dir, `generated-${i}.yaml`), source.replace(/^id: (.+)$/m, `id: $1-${i}`));
    }),
  );
  return dir;
}

async function reloadCost(dir: string, library: ScenarioLibrary): Promise<number> {
  const file = path.join(dir, 'generated-0.yaml');
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    await utimes(file, new Date(), new Date(Date.now() + (i + 1) * 1000));
    const start = process.hrtime.bigint();
    await library.refreshFile(file);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const COLD_RUNS = 3;

/** In a child process: load the library once and print how long it took. */
async function coldLoad(dir: string): Promise<void> {
  const start = process.hrtime.bigint();
  const library = new ScenarioLibrary(dir);
  await library.loadAll();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(JSON.stringify({ ms, valid: library.list().length, problems: library.problems().length }));
}

function coldLoadInFreshProcess(dir: string): number {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, BENCH_COLD_LOAD_DIR: dir },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`cold load failed: ${child.stderr}`);
  const run = JSON.parse(child.stdout.trim()) as { ms: number; valid: number; problems: number };
  if (run.valid !== 1000 || run.problems > 0)
    throw new Error(`expected 1000 valid scenarios, got ${run.valid} and ${run.problems} problem(s)`);
  return run.ms;
}

async function main(): Promise<void> {
  const big = await makeLibrary(1000);
  const small = await makeLibrary(10);
  try {
    const runs: number[] = [];
    for (let i = 1; i <= COLD_RUNS; i++) {
      runs.push(coldLoadInFreshProcess(big));
      console.log(
        `load and validate 1,000 scenario files, fresh process, run ${i} of ${COLD_RUNS}: ${runs[i - 1].toFixed(0)} ms`,
      );
    }
    figure(
      'load and validate 1,000 scenario files (median run)',
      runs.sort((a, b) => a - b)[Math.floor(COLD_RUNS / 2)],
      'ms',
      { max: 2000 },
    );

    const library = new ScenarioLibrary(big);
    await library.loadAll();

    const smallLibrary = new ScenarioLibrary(small);
    await smallLibrary.loadAll();
    figure('reload one changed file, library of 10 (median)', await reloadCost(small, smallLibrary), 'ms');
    figure('reload one changed file, library of 1,000 (median)', await reloadCost(big, library), 'ms');
  } finally {
    await rm(big, { recursive: true, force: true });
    await rm(small, { recursive: true, force: true });
  }
  finish();
}

if (process.env.BENCH_COLD_LOAD_DIR) void coldLoad(process.env.BENCH_COLD_LOAD_DIR);
else void main();

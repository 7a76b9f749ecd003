/**
 * Loading and validating 1,000 scenario files (target: under 2 s), and reloading one
 * changed file in a library of 10 and of 1,000 (should cost about the same).
 */
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ScenarioLibrary, listScenarioFiles } from '../server/scenarios/library';
import { figure, finish } from './report';

async function makeLibrary(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `handoff-bench-${count}-`));
  const sources = await Promise.all((await listScenarioFiles(path.resolve(__dirname, '../scenarios'))).map((f) => readFile(f, 'utf8')));
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

async function main(): Promise<void> {
  const big = await makeLibrary(1000);
  const small = await makeLibrary(10);
  try {
    const start = process.hrtime.bigint();
    const library = new ScenarioLibrary(big);
    await library.loadAll();
    const loadMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (library.list().length !== 1000 || library.problems().length > 0) throw new Error(`expected 1000 valid scenarios, got ${library.list().length}`);
    figure('load and validate 1,000 scenario files', loadMs, 'ms', { max: 2000 });

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

void main();

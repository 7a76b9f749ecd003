/**
 * What the server does with the bundled `scenarios/` folder before it listens: load and
 * validate the library (106 scenarios) and load the glossary (2,402 entries, checked and
 * merged, its term matcher built). Target: both together under 2 s, a cold start, so each
 * of three runs is a fresh process (the modules required before the clock starts, as
 * scenario-loading.bench.ts does); every run is printed and the median is the figure. The
 * glossary alone, in fresh processes too (it shares the YAML parser with the library, so
 * after the library it starts with that code compiled). Then, warm, finding the glossary's
 * terms in all 106 reports, what marking them costs a page that is not cached yet.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fromBuild } from './production-build';
import { figure, finish, percentile, runBench } from './report';

const { ScenarioLibrary } = fromBuild<typeof import('../server/scenarios/library')>('scenarios/library');
const { Glossary } = fromBuild<typeof import('../server/glossary/glossary')>('glossary/glossary');

const SCENARIOS_DIR = path.resolve(__dirname, '../scenarios');
const COLD_RUNS = 3;
const FIND_ROUNDS = 20;

type Mode = 'both' | 'glossary';

interface ColdRun {
  libraryMs: number;
  glossaryMs: number;
  scenarios: number;
  problems: number;
  entries: number;
  glossaryProblems: number;
}

/** In a child process: load what start-up loads, once, and print how long each part took. */
async function coldStart(mode: Mode): Promise<void> {
  const start = performance.now();
  const library = new ScenarioLibrary(SCENARIOS_DIR);
  if (mode === 'both') await library.loadAll();
  const libraryDone = performance.now();
  const glossary = Glossary.forScenarios(SCENARIOS_DIR);
  await glossary.refresh();
  const run: ColdRun = {
    libraryMs: libraryDone - start,
    glossaryMs: performance.now() - libraryDone,
    scenarios: library.list().length,
    problems: library.problems().length,
    entries: glossary.entries().length,
    glossaryProblems: glossary.problems().length,
  };
  console.log(JSON.stringify(run));
}

function coldStartInFreshProcess(mode: Mode): ColdRun {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, BENCH_STARTUP_MODE: mode },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`cold start failed: ${child.stderr}`);
  const run = JSON.parse(child.stdout.trim()) as ColdRun;
  if (
    (mode === 'both' && (run.scenarios === 0 || run.problems > 0)) ||
    run.entries === 0 ||
    run.glossaryProblems > 0
  )
    throw new Error(`the bundled folder did not load cleanly: ${JSON.stringify(run)}`);
  return run;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

async function main(): Promise<void> {
  const both: ColdRun[] = [];
  for (let i = 1; i <= COLD_RUNS; i++) {
    const run = coldStartInFreshProcess('both');
    both.push(run);
    console.log(
      `library (${run.scenarios} scenarios) and glossary (${run.entries} entries), fresh process, run ${i} of ${COLD_RUNS}: ${(run.libraryMs + run.glossaryMs).toFixed(0)} ms (library ${run.libraryMs.toFixed(0)} ms, then glossary ${run.glossaryMs.toFixed(0)} ms)`,
    );
  }
  figure(
    'start-up: bundled library and glossary, cold (median run)',
    median(both.map((r) => r.libraryMs + r.glossaryMs)),
    'ms',
    { max: 2000 },
  );
  figure('  of which the library (median run)', median(both.map((r) => r.libraryMs)), 'ms');
  figure(
    '  of which the glossary, after the library (median run)',
    median(both.map((r) => r.glossaryMs)),
    'ms',
  );

  const alone: number[] = [];
  for (let i = 1; i <= COLD_RUNS; i++) {
    alone.push(coldStartInFreshProcess('glossary').glossaryMs);
    console.log(`glossary alone, fresh process, run ${i} of ${COLD_RUNS}: ${alone[i - 1].toFixed(0)} ms`);
  }
  figure('glossary alone, cold (median run)', median(alone), 'ms');

  const library = new ScenarioLibrary(SCENARIOS_DIR);
  await library.loadAll();
  const glossary = Glossary.forScenarios(SCENARIOS_DIR);
  await glossary.refresh();
  const reports = library.list().map((s) => s.report.text);
  const findAll = () => reports.reduce((n, text) => n + glossary.find(text).length, 0);
  const found = findAll();
  for (let i = 0; i < 5; i++) findAll();
  const rounds: number[] = [];
  for (let i = 0; i < FIND_ROUNDS; i++) {
    const start = performance.now();
    findAll();
    rounds.push(performance.now() - start);
  }
  const chars = reports.reduce((n, text) => n + text.length, 0);
  console.log(
    `${reports.length} reports, ${(chars / 1000).toFixed(0)} thousand characters, ${found} glossary terms found in them`,
  );
  figure(
    `find glossary terms in all ${reports.length} reports, warm (median of ${FIND_ROUNDS})`,
    median(rounds),
    'ms',
  );
  figure('  per report', median(rounds) / reports.length, 'ms');
  finish();
}

const mode = process.env.BENCH_STARTUP_MODE;
if (mode === 'both' || mode === 'glossary') void coldStart(mode);
else runBench(main);

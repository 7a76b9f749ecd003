/**
 * Official code sets (when ../shared/codesets or HANDOFF_CODESETS_DIR holds the CMS files):
 * importing the ICD-10-CM order file (target < 5 s); what loading all sets adds to start-up
 * (< 2 s) and to resident memory (< 250 MB), measured in a fresh process; and search
 * latency over 1,000 realistic queries (p99 < 5 ms).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromBuild, DIST } from './production-build';
import { figure, finish, percentile } from './report';

const { importFile } = fromBuild<typeof import('../server/codesets/import')>('codesets/import');
const { CodeSets } = fromBuild<typeof import('../server/codesets/code-sets')>('codesets/code-sets');

const SOURCE = process.env.HANDOFF_CODESETS_DIR ?? path.resolve(__dirname, '../../shared/codesets');

/** A small seeded generator, so the same queries are asked every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

async function main(): Promise<void> {
  const zips = existsSync(SOURCE) ? readdirSync(SOURCE).filter((f) => f.endsWith('.zip')) : [];
  if (zips.length === 0) {
    console.log(`SKIPPED: no CMS files at ${SOURCE} (set HANDOFF_CODESETS_DIR)`);
    return;
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-codesets-bench-'));
  try {
    for (const zip of zips) {
      const start = process.hrtime.bigint();
      const imported = await importFile(path.join(SOURCE, zip), { dataDir });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const kinds = imported.map((i) => `${i.info.kind} ${i.info.version}`).join(', ');
      figure(`import ${kinds}`, ms, 'ms', kinds.startsWith('icd10cm 2') ? { max: 5000 } : undefined);
    }

    // Start-up cost and memory, in a process of its own: before and after loading every set.
    const probe = `
      const { CodeSets } = require(${JSON.stringify(path.join(DIST, 'codesets/code-sets.js'))});
      (async () => {
        global.gc(); const before = process.memoryUsage().rss; const start = process.hrtime.bigint();
        const sets = await CodeSets.load(${JSON.stringify(dataDir)});
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        global.gc(); const after = process.memoryUsage().rss;
        console.log(JSON.stringify({ ms, mb: (after - before) / 1048576, codes: sets.sets.reduce((n, s) => n + s.codes.length, 0) }));
      })();`;
    const child = spawnSync(process.execPath, ['--expose-gc', '-e', probe], { encoding: 'utf8' });
    const loaded = JSON.parse(child.stdout.trim()) as { ms: number; mb: number; codes: number };
    console.log(`${loaded.codes} codes loaded with the tabular list and the search index`);
    figure('loading every imported set at start-up', loaded.ms, 'ms', { max: 2000 });
    figure('resident memory those sets add', loaded.mb, 'MB', { max: 250 });

    const codeSets = await CodeSets.load(dataDir);
    const next = random(2026);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const queries: string[] = [];
    const sets = codeSets.sets;
    for (let i = 0; i < 1000; i++) {
      const set = pick(sets);
      const row = Math.floor(next() * set.codes.length);
      if (i % 2 === 0) {
        // A code prefix, sometimes typed with the ICD-10-CM dot.
        const code = set.codes[row];
        const prefix = code.slice(0, 1 + Math.floor(next() * Math.min(5, code.length)));
        queries.push(
          set.system === 'ICD-10-CM' && prefix.length > 3 && next() < 0.5
            ? `${prefix.slice(0, 3)}.${prefix.slice(3)}`
            : prefix.toLowerCase(),
        );
      } else {
        // One to three words of a title, the last one perhaps cut short as a person types.
        const words = set.titles[row].toLowerCase().match(/[a-z]{3,}/g) ?? ['fracture'];
        const count = 1 + Math.floor(next() * Math.min(3, words.length));
        const chosen = Array.from({ length: count }, () => pick(words));
        const last = chosen[chosen.length - 1];
        chosen[chosen.length - 1] = last.slice(0, Math.max(3, Math.ceil(last.length * (0.5 + next() / 2))));
        queries.push(chosen.join(' '));
      }
    }
    for (const q of queries.slice(0, 50)) codeSets.search(q, { limit: 10 });
    const timed = queries.map((q) => {
      const start = process.hrtime.bigint();
      codeSets.search(q, { limit: 10 });
      return { q, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    });
    const times = timed.map((t) => t.ms).sort((a, b) => a - b);
    const slowest = [...timed].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`slowest queries: ${slowest.map((t) => `"${t.q}" ${t.ms.toFixed(1)} ms`).join(', ')}`);
    figure('search latency over 1,000 queries, median', percentile(times, 50), 'ms');
    figure('search latency over 1,000 queries, p99', percentile(times, 99), 'ms', { max: 5 });
    figure('search latency over 1,000 queries, slowest', times[times.length - 1], 'ms');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  finish();
}

void main();

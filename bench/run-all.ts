/**
 * `npm run bench`: runs every benchmark in its own process (so memory figures are its
 * own) and prints their figures. `npm run bench -- grading` runs only the named ones.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const benches = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name));

let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name} ==`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, `${name}.bench.ts`)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
console.log(failed === 0 ? '\nall benchmarks met their targets' : `\n${failed} benchmark(s) missed a target`);
process.exitCode = failed === 0 ? 0 : 1;

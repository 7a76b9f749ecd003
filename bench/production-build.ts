/**
 * Benchmarks measure the code as it runs in production: compiled by tsc into dist/
 * (npm run bench builds first), not transpiled on the fly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const DIST = path.resolve(__dirname, '../dist');

export function fromBuild<T>(modulePath: string): T {
  const file = path.join(DIST, `${modulePath}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the compiled module is the point
  return require(file) as T;
}

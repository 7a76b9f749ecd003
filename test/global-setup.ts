/**
 * Once for the whole test run:
 * - imports the official CMS files when they are present (../shared/codesets beside the
 *   repository, or HANDOFF_CODESETS_DIR); tests that check against them read
 *   HANDOFF_OFFICIAL_DATA_DIR, and without the files they are skipped, said plainly;
 * - starts a throwaway PostgreSQL cluster when Debian's binaries are installed; test files
 *   create their own databases on it (HANDOFF_TEST_PG_URL). Without the binaries the
 *   PostgreSQL tests are skipped with a notice — unless HANDOFF_REQUIRE_POSTGRES=1 (CI),
 *   which makes that a failure.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../server/codesets/import';
import { findPgBin, startCluster, type Cluster } from './helpers/pg-cluster';

declare global {
  var handoffTestCluster: Cluster | undefined;
}

async function importOfficialSets(): Promise<void> {
  const source = process.env.HANDOFF_CODESETS_DIR ?? path.resolve(__dirname, '../../shared/codesets');
  const zips = existsSync(source) ? readdirSync(source).filter((f) => f.endsWith('.zip')) : [];
  if (zips.length === 0) {
    process.env.HANDOFF_OFFICIAL_DATA_DIR = '';
    process.stdout.write(
      `\nNOTICE: official code sets not found at ${source}; the tests that check against them are SKIPPED.\n`,
    );
    return;
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-official-'));
  for (const zip of zips) await importFile(path.join(source, zip), { dataDir });
  process.env.HANDOFF_OFFICIAL_DATA_DIR = dataDir;
  process.env.HANDOFF_OFFICIAL_SOURCE = source;
}

async function startPostgres(): Promise<void> {
  const bin = findPgBin();
  if (!bin) {
    if (process.env.HANDOFF_REQUIRE_POSTGRES === '1')
      throw new Error(
        'HANDOFF_REQUIRE_POSTGRES=1 but no PostgreSQL binaries were found (apt-get install postgresql)',
      );
    process.env.HANDOFF_TEST_PG_URL = '';
    process.stdout.write(
      '\nNOTICE: PostgreSQL binaries not found; the PostgreSQL store tests are SKIPPED (apt-get install postgresql).\n',
    );
    return;
  }
  globalThis.handoffTestCluster = await startCluster(bin);
  process.env.HANDOFF_TEST_PG_URL = globalThis.handoffTestCluster.adminUrl;
  process.env.HANDOFF_TEST_PG_SOCKET_DIR = globalThis.handoffTestCluster.socketDir;
}

export default async function globalSetup(): Promise<void> {
  await Promise.all([importOfficialSets(), startPostgres()]);
}

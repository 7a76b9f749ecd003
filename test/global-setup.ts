/**
 * Imports the official CMS files once for the whole test run, when they are present
 * (../shared/codesets beside the repository, or HANDOFF_CODESETS_DIR). Tests that check
 * against them read HANDOFF_OFFICIAL_DATA_DIR; without the files they are skipped, and
 * this says so plainly.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../server/codesets/import';

export default async function globalSetup(): Promise<void> {
  const source = process.env.HANDOFF_CODESETS_DIR ?? path.resolve(__dirname, '../../shared/codesets');
  const zips = existsSync(source) ? readdirSync(source).filter((f) => f.endsWith('.zip')) : [];
  if (zips.length === 0) {
    process.env.HANDOFF_OFFICIAL_DATA_DIR = '';
    process.stdout.write(`\nNOTICE: official code sets not found at ${source}; the tests that check against them are SKIPPED.\n`);
    return;
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-official-'));
  for (const zip of zips) await importFile(path.join(source, zip), { dataDir });
  process.env.HANDOFF_OFFICIAL_DATA_DIR = dataDir;
  process.env.HANDOFF_OFFICIAL_SOURCE = source;
}

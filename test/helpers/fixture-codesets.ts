import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CodeSets } from '../../server/codesets/code-sets';
import { importFile } from '../../server/codesets/import';
import { CM_ROWS, hcpcsFile, orderFile, PCS_ROWS, TABULAR_XML } from '../fixtures/codeset-files';
import { makeTempDir } from './temp-dir';
import { makeZip } from './zip-writer';

/** Imports the small fixture releases into dataDir (as CMS ships them: zips and a bare file). */
export async function importFixtureSets(dataDir: string): Promise<CodeSets> {
  const files: Record<string, Buffer> = {
    '2026-code-descriptions-tabular-order.zip': makeZip({
      'icd10cm_order_2026.txt': orderFile(CM_ROWS),
      'icd10cm_codes_2026.txt': 'E1165   Type 2 diabetes mellitus with hyperglycemia\r\n',
    }),
    'icd10pcs_order_2026.txt': Buffer.from(orderFile(PCS_ROWS), 'latin1'),
    'january-2026-alpha-numeric-hcpcs-file.zip': makeZip({
      'HCPC2026_JAN_ANWEB.txt': hcpcsFile(),
      'notes.pdf': '%PDF-1.4',
    }),
    'icd10cm-tabular-2021.zip': makeZip({ 'icd10cm_tabular_2021.xml': Buffer.from(TABULAR_XML, 'utf8') }),
  };
  for (const [name, data] of Object.entries(files)) {
    const file = path.join(dataDir, name);
    await writeFile(file, data);
    await importFile(file, { dataDir });
  }
  return CodeSets.load(dataDir);
}

/** Fixture code sets for a test file: imported once in beforeAll, removed in afterAll. */
export function withFixtureCodeSets(): () => CodeSets {
  let codeSets: CodeSets | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    codeSets = await importFixtureSets(temp.dir);
  });
  afterAll(() => cleanup?.());
  return () => {
    if (!codeSets) throw new Error('fixture code sets are read inside tests, after beforeAll');
    return codeSets;
  };
}

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { codesetsCommand, releaseFiles } from '../../server/cli/codesets-command';
import { CodeSets } from '../../server/codesets/code-sets';
import { CM_ROWS, hcpcsFile, orderFile, PCS_ROWS, TABULAR_XML } from '../fixtures/codeset-files';
import { captureIO } from '../helpers/capture-io';
import { serveFiles } from '../helpers/file-server';
import { describeWithOfficialSets, OFFICIAL_SOURCE } from '../helpers/official';
import { freshTempDirEachTest, makeTempDir } from '../helpers/temp-dir';
import { makeZip } from '../helpers/zip-writer';

describe('npm run codesets', () => {
  const temp = freshTempDirEachTest();
  const io = (env: NodeJS.ProcessEnv = {}) =>
    captureIO(temp.dir, { DATA_DIR: path.join(temp.dir, 'data'), ...env });

  it('imports files, then lists them', async () => {
    await writeFile(path.join(temp.dir, 'cm.zip'), makeZip({ 'icd10cm_order_2026.txt': orderFile(CM_ROWS) }));
    await writeFile(path.join(temp.dir, 'HCPC2026_JAN.txt'), hcpcsFile(), 'latin1');
    const imported = io();
    expect(await codesetsCommand(['import', 'cm.zip', 'HCPC2026_JAN.txt'], imported)).toBe(0);
    expect(imported.stdout).toEqual([
      `imported icd10cm 2026 (${CM_ROWS.length} codes, ${CM_ROWS.filter((r) => r[1]).length} billable; dates of service 2025-10-01 to 2026-09-30) from icd10cm_order_2026.txt`,
      'imported hcpcs 2026-01 (3 codes, 3 billable; dates of service from 2026-01-01) from HCPC2026_JAN.txt',
    ]);
    const listed = io();
    expect(await codesetsCommand(['list'], listed)).toBe(0);
    expect(listed.stdout.join('\n')).toMatch(/hcpcs 2026-01 +from 2026-01-01 +3 +3 +HCPC2026_JAN.txt/);
    expect(listed.stdout.join('\n')).toMatch(/icd10cm 2026 +2025-10-01 to 2026-09-30/);
  });

  it('lists nothing, and says how to import, on a fresh data folder', async () => {
    const listed = io();
    expect(await codesetsCommand(['list'], listed)).toBe(0);
    expect(listed.stdout.join('\n')).toMatch(/no code sets imported[\s\S]*npm run codesets -- import/);
  });

  it('exits 1 for a bad file, keeps importing the others, and says the old sets are unchanged', async () => {
    await writeFile(path.join(temp.dir, 'bad.txt'), 'hello');
    await writeFile(path.join(temp.dir, 'icd10pcs_order_2026.txt'), orderFile(PCS_ROWS), 'latin1');
    const run = io();
    expect(await codesetsCommand(['import', 'bad.txt', 'icd10pcs_order_2026.txt'], run)).toBe(1);
    expect(run.stderr.join('\n')).toMatch(
      /cannot import bad.txt: bad.txt is not a code-set file[\s\S]*unchanged/,
    );
    expect(run.stdout).toEqual([expect.stringMatching(/^imported icd10pcs 2026/)]);
  });

  it.each([
    [[], /no command given/],
    [['frobnicate'], /unknown command frobnicate/],
    [['import'], /import needs at least one file/],
    [['download'], /download needs --year/],
    [['import', 'x', '--year', 'soon'], /--year must be a year/],
    [['list', '--verbose'], /unknown option --verbose/],
  ])('rejects %j with usage', async (args, message) => {
    const run = io();
    expect(await codesetsCommand(args, run)).toBe(1);
    expect(run.stderr.join('\n')).toMatch(message);
    expect(run.stderr.join('\n')).toMatch(/usage:/);
  });

  it('downloads a year from a configurable address and imports it, reporting what it could not fetch', async () => {
    const files = {
      '2026-code-descriptions-tabular-order.zip': makeZip({ 'icd10cm_order_2026.txt': orderFile(CM_ROWS) }),
      '2026-code-tables-tabular-and-index.zip': makeZip({
        'icd10cm_tabular_2026.xml': TABULAR_XML,
        'icd10cm_index_2026.xml': '<ICD10CM.index/>',
      }),
    };
    const paths: Record<string, string> = {};
    for (const [name, data] of Object.entries(files)) {
      paths[name] = path.join(temp.dir, name);
      await writeFile(paths[name], data);
    }
    const server = await serveFiles(paths);
    try {
      const run = io();
      expect(await codesetsCommand(['download', '--year', '2026', '--from', server.url], run)).toBe(1);
      expect(server.requests.sort()).toEqual(releaseFiles(2026).sort());
      expect(run.stderr.join('\n')).toMatch(/cannot download .*icd-10-pcs-order-file.*HTTP 404/);
      const codeSets = await CodeSets.load(path.join(temp.dir, 'data'));
      expect(
        codeSets
          .infos()
          .map((i) => i.kind)
          .sort(),
      ).toEqual(['icd10cm', 'icd10cm-tabular']);
    } finally {
      await server.close();
    }
  });
});

describeWithOfficialSets('npm run codesets -- download, from the official files served on 127.0.0.1', () => {
  it('fetches and imports every release CMS publishes under its own name', async () => {
    const { dir, cleanup } = await makeTempDir();
    const names = releaseFiles(2026);
    const server = await serveFiles(Object.fromEntries(names.map((n) => [n, path.join(OFFICIAL_SOURCE, n)])));
    try {
      const run = captureIO(dir, { DATA_DIR: path.join(dir, 'data'), CODESETS_BASE_URL: server.url });
      await codesetsCommand(['download', '--year', '2026'], run);
      const kinds = (await CodeSets.load(path.join(dir, 'data')))
        .infos()
        .map((i) => `${i.kind} ${i.version}`)
        .sort();
      expect(kinds).toEqual(['hcpcs 2026-01', 'icd10cm 2026', 'icd10pcs 2026']);
      // The FY2026 tabular XML is not among the shared files; the command says so.
      expect(run.stderr.join('\n')).toMatch(/2026-code-tables-tabular-and-index.zip: HTTP 404/);
    } finally {
      await server.close();
      await cleanup();
    }
  });
});

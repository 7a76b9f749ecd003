import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CodeSets } from '../../server/codesets/code-sets';
import { codesetsDir, listIndexFiles } from '../../server/codesets/index-file';
import { importFile } from '../../server/codesets/import';
import { CM_ROWS, orderFile, TABULAR_XML } from '../fixtures/codeset-files';
import { importFixtureSets } from '../helpers/fixture-codesets';
import { freshTempDirEachTest } from '../helpers/temp-dir';
import { makeZip } from '../helpers/zip-writer';

describe('importing release files', () => {
  const temp = freshTempDirEachTest();

  it('recognises each file by its content, zipped or not, and writes one index per set', async () => {
    const codeSets = await importFixtureSets(temp.dir);
    expect(
      codeSets
        .infos()
        .map((i) => `${i.kind} ${i.version}`)
        .sort(),
    ).toEqual(['hcpcs 2026-01', 'icd10cm 2026', 'icd10cm-tabular 2021', 'icd10pcs 2026']);
    expect((await listIndexFiles(temp.dir)).map((f) => path.basename(f))).toEqual([
      'hcpcs-2026-01.tsv',
      'icd10cm-2026.tsv',
      'icd10cm-tabular-2021.json',
      'icd10pcs-2026.tsv',
    ]);
    const cm = codeSets.infos().find((i) => i.kind === 'icd10cm');
    expect(cm).toMatchObject({
      count: CM_ROWS.length,
      billableCount: CM_ROWS.filter((r) => r[1]).length,
      source: { file: '2026-code-descriptions-tabular-order.zip', member: 'icd10cm_order_2026.txt' },
    });
    expect(cm?.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['an empty file', '', /is not a code-set file Handoff can import: it is empty/],
    [
      'the ICD-10-CM codes file instead of the order file',
      'A000    Cholera due to Vibrio cholerae 01, biovar cholerae\r\n',
      /looks like the ICD-10-CM codes file/,
    ],
    ['a PDF', '%PDF-1.4 ...', /PDF document/],
    ['a foreign XML file', '<?xml version="1.0"?><html></html>', /XML, but not the ICD-10-CM tabular list/],
    ['a truncated order file', orderFile(CM_ROWS).slice(0, 300), /truncated/],
  ])('refuses %s with a clear message', async (_name, content, message) => {
    const file = path.join(temp.dir, 'upload_2026.txt');
    await writeFile(file, content, 'latin1');
    await expect(importFile(file, { dataDir: temp.dir })).rejects.toThrow(message);
    expect(await listIndexFiles(temp.dir)).toEqual([]);
  });

  it.each([
    [
      'a zip without the expected member',
      makeZip({ 'readme.txt': 'nothing here', 'table.pdf': '%PDF' }),
      /holds no code-set file Handoff can import \(members: readme.txt, table.pdf\)/,
    ],
    [
      'a truncated zip',
      makeZip({ 'icd10cm_order_2026.txt': orderFile(CM_ROWS) }).subarray(0, 200),
      /truncated/,
    ],
  ])('refuses %s', async (_name, data, message) => {
    const file = path.join(temp.dir, 'release.zip');
    await writeFile(file, data);
    await expect(importFile(file, { dataDir: temp.dir })).rejects.toThrow(message);
  });

  it('leaves the previously imported set untouched when a new import fails', async () => {
    const good = path.join(temp.dir, 'icd10cm_order_2026.txt');
    await writeFile(good, orderFile(CM_ROWS), 'latin1');
    await importFile(good, { dataDir: temp.dir });
    const index = path.join(codesetsDir(temp.dir), 'icd10cm-2026.tsv');
    const before = await readFile(index, 'utf8');
    await writeFile(good, orderFile(CM_ROWS).slice(0, -20), 'latin1');
    await expect(importFile(good, { dataDir: temp.dir })).rejects.toThrow(/truncated/);
    expect(await readFile(index, 'utf8')).toBe(before);
    expect((await CodeSets.load(temp.dir)).lookup('ICD-10-CM', 'E11.65')?.title).toBe(
      'Type 2 diabetes mellitus with hyperglycemia',
    );
  });

  it('needs --year when the name does not say it', async () => {
    const file = path.join(temp.dir, 'order.txt');
    await writeFile(file, orderFile(CM_ROWS), 'latin1');
    await expect(importFile(file, { dataDir: temp.dir })).rejects.toThrow(/pass --year/);
    const [imported] = await importFile(file, { dataDir: temp.dir, year: 2027 });
    expect(imported.info).toMatchObject({
      version: '2027',
      effectiveFrom: '2026-10-01',
      effectiveTo: '2027-09-30',
    });
  });

  it('imports the tabular XML and reports progress', async () => {
    const file = path.join(temp.dir, 'icd10cm_tabular_2021.xml');
    await writeFile(file, TABULAR_XML);
    const seen: number[] = [];
    await importFile(file, { dataDir: temp.dir, progress: (f) => seen.push(f) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    const codeSets = await CodeSets.load(temp.dir);
    expect(codeSets.tabular?.seventhMeaning('S82.61XA', 'A')).toBe('initial encounter for closed fracture');
  });

  it('reports a damaged index and loads the rest', async () => {
    await importFixtureSets(temp.dir);
    const index = path.join(codesetsDir(temp.dir), 'icd10pcs-2026.tsv');
    await writeFile(index, (await readFile(index, 'utf8')).split('\n').slice(0, 4).join('\n'));
    const codeSets = await CodeSets.load(temp.dir);
    expect(codeSets.problems).toEqual([
      expect.objectContaining({ file: index, message: expect.stringMatching(/damaged/) }),
    ]);
    expect(codeSets.setsOf('ICD-10-PCS')).toEqual([]);
    expect(codeSets.setsOf('ICD-10-CM')).toHaveLength(1);
  });

  it.each([
    [
      'written by an earlier Handoff (no format 2)',
      (data: { tabular: Record<string, unknown> }) => delete data.tabular.format,
      /earlier Handoff.*import the tabular file again/,
    ],
    [
      'whose hierarchy is broken',
      (data: { tabular: { nodes: Record<string, { parent?: string }> } }) =>
        (data.tabular.nodes.S82.parent = 'S82'),
      /does not list S82|within 8 levels/,
    ],
  ])('refuses a stored tabular index %s, and loads the rest', async (_name, damage, message) => {
    await importFixtureSets(temp.dir);
    const index = path.join(codesetsDir(temp.dir), 'icd10cm-tabular-2021.json');
    const data = JSON.parse(await readFile(index, 'utf8'));
    damage(data);
    await writeFile(index, JSON.stringify(data));
    const codeSets = await CodeSets.load(temp.dir);
    expect(codeSets.problems).toEqual([
      expect.objectContaining({ file: index, message: expect.stringMatching(message) }),
    ]);
    expect(codeSets.tabular).toBeUndefined();
    expect(codeSets.parentsOf('ICD-10-CM', 'S82.61XA').map((p) => p.code)).toEqual([
      'S82.61',
      'S82.6',
      'S82',
      'chapter 19',
    ]);
  });
});

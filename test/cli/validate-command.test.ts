import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { validateCommand } from '../../server/cli/validate-command';
import { VALID_JSON, VALID_YAML, withLines } from '../fixtures/scenario-texts';
import { captureIO } from '../helpers/capture-io';
import { makeTempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

describe('validate command', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await makeTempDir());
    await mkdir(path.join(dir, 'good'));
    await mkdir(path.join(dir, 'mixed'));
    await writeFile(path.join(dir, 'good', 'a.yaml'), VALID_YAML);
    await writeFile(path.join(dir, 'good', 'b.json'), VALID_JSON);
    await writeFile(path.join(dir, 'mixed', 'ok.yaml'), VALID_YAML.replace('id: test-ankle', 'id: ok'));
    await writeFile(
      path.join(dir, 'mixed', 'bad.yaml'),
      withLines({ 1: 'id: bad', 3: 'setting: clinic', 27: '      evidnce: ["x"]' }),
    );
  });
  afterAll(() => cleanup());

  it.each([
    [
      'a valid folder',
      ['good'],
      0,
      [],
      /2 file\(s\) checked: 2 valid scenario\(s\), 0 file\(s\) with problems/,
    ],
    ['a valid single file', ['good/a.yaml'], 0, [], /1 file\(s\) checked: 1 valid/],
    [
      'a folder with a bad file',
      ['mixed'],
      1,
      [
        'mixed/bad.yaml:3:10 setting: setting must be outpatient or inpatient',
        'mixed/bad.yaml:24:7 answerKey.diagnoses[1].evidence: required field "evidence" is missing',
        'mixed/bad.yaml:27:7 answerKey.diagnoses[1].evidnce: unknown field "evidnce" (did you mean "evidence"?)',
      ],
      /2 file\(s\) checked: 1 valid scenario\(s\), 1 file\(s\) with problems, 3 problem\(s\)/,
    ],
    ['two folders sharing an id', ['good', 'good/a.yaml'], 0, [], /2 file\(s\) checked/],
    [
      'a path that does not exist',
      ['nowhere'],
      1,
      ['nowhere:1:1 (file): cannot read: ENOENT'],
      /no scenario files found/,
    ],
  ])('%s', async (_name, args, code, problemLines, summaryLine) => {
    const io = captureIO(dir);
    expect(await validateCommand(args, io)).toBe(code);
    expect(io.stdout.filter((l) => /:\d+:\d+ /.test(l))).toEqual(problemLines);
    expect(io.stdout.join('\n')).toMatch(summaryLine);
  });

  describe('with a glossary', () => {
    const glossaryEntry = (term: string) =>
      `  - term: ${term}\n    kind: abbreviation\n    expansion: an expansion\n    definition: A definition that is long enough.\n    bodySystem: general\n`;
    beforeAll(async () => {
      await mkdir(path.join(dir, 'lib', 'glossary'), { recursive: true });
      await writeFile(
        path.join(dir, 'lib', 'a.yaml'),
        VALID_YAML.replace(
          'The patient fell from a ladder at home.',
          'The patient fell from a ladder at home; XYZQ and MRI today.',
        ),
      );
      await writeFile(path.join(dir, 'lib', 'glossary', 'terms.yaml'), `entries:\n${glossaryEntry('MRI')}`);
      await mkdir(path.join(dir, 'badlib', 'glossary'), { recursive: true });
      await writeFile(path.join(dir, 'badlib', 'a.yaml'), VALID_YAML);
      await writeFile(
        path.join(dir, 'badlib', 'glossary', 'terms.yaml'),
        `entries:\n${glossaryEntry('MRI').replace('general', 'bones')}`,
      );
    });

    it('warns, by line and column in the file, about an abbreviation the glossary lacks, and still passes', async () => {
      const io = captureIO(dir);
      expect(await validateCommand(['lib'], io)).toBe(0);
      expect(io.stdout.filter((l) => /:\d+:\d+ /.test(l))).toEqual([
        'lib/a.yaml:17:45 report.text: warning: the report uses "XYZQ" (report line 4), which the glossary lacks; add it to a file under scenarios/glossary/',
      ]);
      expect(io.stdout).toContain(
        'glossary: 1 entries; 1 abbreviation(s) in reports that it lacks (warnings)',
      );
    });

    it('fails on a glossary problem, named by file, line and column', async () => {
      const io = captureIO(dir);
      expect(await validateCommand(['badlib'], io)).toBe(1);
      expect(io.stdout.filter((l) => /:\d+:\d+ /.test(l))).toEqual([
        expect.stringMatching(
          /^badlib\/glossary\/terms\.yaml:6:17 entries\[0\]\.bodySystem: bodySystem is one of: general, /,
        ),
      ]);
    });
  });

  it('summarises by setting and code system', async () => {
    const io = captureIO(dir);
    await validateCommand(['good'], io);
    expect(io.stdout).toContain('by setting: outpatient 1, inpatient 1');
    expect(io.stdout).toContain('by code system: ICD-10-CM 2, CPT 1, ICD-10-PCS 1');
  });

  it('defaults to SCENARIOS_DIR', async () => {
    const io = captureIO(dir, { SCENARIOS_DIR: 'good' });
    expect(await validateCommand([], io)).toBe(0);
  });

  it('rejects an unknown option with usage', async () => {
    const io = captureIO(dir);
    expect(await validateCommand(['--frobnicate'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/unknown option --frobnicate[\s\S]*usage/);
  });

  it('runs as npm run validate with real exit codes', async () => {
    const ok = await run('npm', ['run', '-s', 'validate', '--', path.join(dir, 'good')], { cwd: ROOT });
    expect(ok.stdout).toMatch(/2 valid scenario/);
    await expect(
      run('npm', ['run', '-s', 'validate', '--', path.join(dir, 'mixed')], { cwd: ROOT }),
    ).rejects.toMatchObject({ code: 1 });
  });

  it('finds the bundled scenarios valid', async () => {
    const io = captureIO(ROOT);
    expect(await validateCommand(['scenarios'], io)).toBe(0);
  });
});

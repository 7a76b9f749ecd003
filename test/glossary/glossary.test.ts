/** The glossary on real files in a temporary folder: merged, duplicates refused, kept current. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Glossary } from '../../server/glossary/glossary';
import { missingAbbreviations } from '../../server/glossary/missing-abbreviations';
import { formatProblem } from '../../server/scenarios/problems';
import { bundledGlossary, bundledLibrary } from '../helpers/library';
import { freshTempDirEachTest } from '../helpers/temp-dir';

const entry = (term: string, kind = 'abbreviation', extra = '') =>
  `  - term: ${term}\n    kind: ${kind}\n${kind === 'abbreviation' ? '    expansion: something long enough\n' : ''}    definition: A definition that is long enough.\n    bodySystem: general\n${extra}`;

describe('Glossary', () => {
  const temp = freshTempDirEachTest('handoff-glossary-');
  let folder: string;
  beforeEach(async () => {
    folder = path.join(temp.dir, 'glossary');
    await mkdir(folder);
  });

  it('merges its files and refuses a term defined twice, naming both places', async () => {
    await writeFile(path.join(folder, 'a.yaml'), `entries:\n${entry('CT')}${entry('fracture', 'term')}`);
    await writeFile(
      path.join(folder, 'b.yaml'),
      `entries:\n${entry('Fracture', 'term')}${entry('MRI', 'abbreviation', '    aliases: [CT]\n')}${entry('ct', 'abbreviation')}`,
    );
    const glossary = new Glossary(folder);
    await glossary.refresh();
    expect(glossary.entries().map((e) => e.term)).toEqual(['ct', 'CT', 'fracture']);
    expect(glossary.problems().map(formatProblem)).toEqual([
      'glossary/b.yaml:2:5 entries[0]: "Fracture" is already in the glossary at glossary/a.yaml:7',
      'glossary/b.yaml:6:5 entries[1]: "CT" is already in the glossary at glossary/a.yaml:2',
    ]);
    // Abbreviations differ by case (CT, ct): each gets its own anchor, in file order.
    expect(glossary.entries().map((e) => e.id)).toEqual(['gl-ct-2', 'gl-ct', 'gl-fracture']);
  });

  it('picks up a changed, an added and a removed file on refresh, and says so', async () => {
    const glossary = new Glossary(folder);
    let changes = 0;
    glossary.onChange(() => changes++);
    await glossary.refresh();
    expect(glossary.entries()).toEqual([]);
    await writeFile(path.join(folder, 'a.yaml'), `entries:\n${entry('CT')}`);
    await glossary.refresh();
    expect(glossary.find('a CT today').length).toBe(1);
    await writeFile(path.join(folder, 'a.yaml'), `entries:\n${entry('MRI')}\n# longer now`);
    await glossary.refresh();
    expect(glossary.find('a CT today')).toEqual([]);
    await rm(path.join(folder, 'a.yaml'));
    await glossary.refresh();
    expect(glossary.entries()).toEqual([]);
    expect(changes).toBe(4);
  });
});

describe('missingAbbreviations', () => {
  it.each([
    ['an abbreviation the glossary lacks', 'Started on XYZQ today.', ['XYZQ']],
    ['a heading line in capitals', 'PHYSICAL EXAMINATION\nNormal.', []],
    ['a label that opens a line', 'PAST HISTORY (carried forward): none.', []],
    ['a code', 'Coded S82 and E11.', []],
    ['a Roman numeral', 'Mallampati class III airway.', []],
    ['the dictation stamp', 'D: 03/14/2026 T: 03/14/2026 JKL', []],
    ['mixed case with two capitals, once', 'SpO2 was low; SpO2 improved.', ['SpO2']],
    ['a plain word', 'Patient is comfortable.', []],
  ])('finds %s', (_what, text, expected) => {
    expect(missingAbbreviations(text, []).map((m) => m.term)).toEqual(expected);
  });

  it('leaves out what the glossary marks, and the bundled reports use none it lacks', async () => {
    const glossary = await bundledGlossary();
    expect(missingAbbreviations('Started on CT today.', glossary.find('Started on CT today.'))).toEqual([]);
    const missing = (await bundledLibrary())
      .list()
      .flatMap((s) =>
        missingAbbreviations(s.report.text, glossary.find(s.report.text)).map((m) => `${s.id}: ${m.term}`),
      );
    expect(missing).toEqual([]);
    expect(glossary.entries().length).toBeGreaterThanOrEqual(400);
    expect(glossary.problems()).toEqual([]);
  });
});

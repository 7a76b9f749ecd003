/** Edits applied through the Document API keep every untouched byte of the file. */
import { readFile } from 'node:fs/promises';
import { mergeIntoText, newScenarioText } from '../../server/authoring/merge';
import { listScenarioFiles } from '../../server/scenarios/library';
import { loadScenarioText } from '../../server/scenarios/load-file';
import { parseSource } from '../../server/scenarios/parse-source';
import { BUNDLED_SCENARIOS } from '../helpers/library';

// Scenario data as parsed: the tests reach into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

const ANKLE = `${BUNDLED_SCENARIOS}/emergency/ed-ankle-fracture-ladder.yaml`;
const dataOf = (text: string) => {
  const parsed = parseSource(text, 'YAML');
  if (!parsed.ok) throw new Error('unparsable');
  return structuredClone(parsed.data) as Data;
};
const changedLines = (before: string, after: string) => {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.filter((line, i) => a[i] !== line);
};

describe('mergeIntoText', () => {
  it('gives back every bundled file byte for byte when nothing changed', async () => {
    const files = (await listScenarioFiles(BUNDLED_SCENARIOS)).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(100);
    const differ: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (mergeIntoText(text, dataOf(text)) !== text) differ.push(file);
    }
    expect(differ).toEqual([]);
  });

  it.each([
    ['a title', (d: Data) => (d.title = 'A new title'), ['title: A new title']],
    [
      'one line of the report, keeping the block',
      (d: Data) => (d.report.text = d.report.text.replace('52-year-old male', '53-year-old male')),
      ['    PATIENT: 53-year-old male'],
    ],
    [
      'an evidence quote added to a line',
      (d: Data) => d.answerKey.diagnoses[0].evidence.push('Immediate pain and swelling'),
      ['        - Immediate pain and swelling'],
    ],
  ])('changes only %s, keeping comments and the rest', async (_what, edit, expected) => {
    const text = await readFile(ANKLE, 'utf8');
    const data = dataOf(text);
    edit(data);
    const merged = mergeIntoText(text, data);
    expect(merged.startsWith('# yaml-language-server: $schema=../../docs/scenario.schema.json\n')).toBe(true);
    if (expected[0].startsWith('        - ')) {
      expect(merged).toContain(expected[0].trim());
      expect(merged.split('\n').length).toBe(text.split('\n').length + 1);
    } else expect(changedLines(text, merged)).toEqual(expected);
    expect(loadScenarioText(merged, 'x.yaml', 'YAML').problems).toEqual([]);
  });

  it('writes exactly the edited values into every bundled file (read back, they are the edit)', async () => {
    const files = (await listScenarioFiles(BUNDLED_SCENARIOS)).filter((f) => f.endsWith('.yaml'));
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const data = dataOf(text);
      data.title = `${data.title} (edited)`;
      data.answerKey.diagnoses[0].rationale = `${data.answerKey.diagnoses[0].rationale} One more sentence: it's "quoted".`;
      data.answerKey.diagnoses[0].evidence.push('a new quote');
      if (data.answerKey.diagnoses.length > 1) data.answerKey.diagnoses.pop();
      data.answerKey.distractors = [
        ...(data.answerKey.distractors ?? []),
        { code: 'R69', feedback: 'Too vague: code what the report documents.' },
      ];
      data.report.text = `${data.report.text}\nAddendum: reviewed.\n`;
      if (data.answerKey.procedures?.length) data.answerKey.procedures[0].optional = true;
      delete data.summary;
      const merged = mergeIntoText(text, data);
      expect({ file, data: dataOf(merged) }).toEqual({ file, data });
      // The comments at the top are kept.
      expect(merged.split('\n')[0]).toBe(text.split('\n')[0]);
    }
  });

  it('deletes a key the trainer cleared, and adds a new one', async () => {
    const text = await readFile(ANKLE, 'utf8');
    const data = dataOf(text);
    delete data.summary;
    data.visibility = 'exam';
    const merged = mergeIntoText(text, data);
    expect(merged).not.toContain('summary:');
    expect(merged).toContain('visibility: exam');
    expect(loadScenarioText(merged, 'x.yaml', 'YAML').scenario?.visibility).toBe('exam');
  });
});

describe('newScenarioText', () => {
  it("writes a new scenario's keys in the format's order, the report as a block", async () => {
    const data = dataOf(await readFile(ANKLE, 'utf8'));
    const shuffled = {
      answerKey: data.answerKey,
      report: data.report,
      title: data.title,
      id: 'new-one',
      setting: data.setting,
      encounter: data.encounter,
      specialty: data.specialty,
      difficulty: data.difficulty,
    };
    const text = newScenarioText(shuffled);
    expect(text.split('\n').slice(0, 2)).toEqual(['id: new-one', `title: ${data.title}`]);
    expect(text).toContain('  text: |');
    expect(loadScenarioText(text, 'x.yaml', 'YAML').problems).toEqual([]);
  });
});

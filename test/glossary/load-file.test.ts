import { loadGlossaryText } from '../../server/glossary/load-file';
import { formatProblem } from '../../server/scenarios/problems';

const entry = `  - term: ORIF
    kind: abbreviation
    expansion: open reduction with internal fixation
    definition: Setting a broken bone through an incision and holding it with hardware.
    bodySystem: musculoskeletal
`;

const problemsOf = (text: string) => loadGlossaryText(text, 'glossary/t.yaml').problems.map(formatProblem);

describe('loadGlossaryText', () => {
  it('keeps each entry with where it stands', () => {
    const result = loadGlossaryText(`entries:\n${entry}`, 'glossary/t.yaml');
    expect(result.problems).toEqual([]);
    expect(result.entries).toEqual([
      expect.objectContaining({
        term: 'ORIF',
        kind: 'abbreviation',
        file: 'glossary/t.yaml',
        line: 2,
        col: 5,
        index: 0,
      }),
    ]);
  });

  it.each([
    [
      'a syntax error',
      'entries:\n  - term: [unclosed\n',
      /^glossary\/t\.yaml:\d+:\d+ \(file\): YAML syntax error: /,
    ],
    ['no entries list', 'terms: []\n', /^glossary\/t\.yaml:1:1 terms: unknown field "terms"$/],
    [
      'an empty list',
      'entries: []\n',
      /^glossary\/t\.yaml:1:10 entries: a glossary file lists at least one entry$/,
    ],
    [
      'an abbreviation without its expansion',
      `entries:\n${entry.replace(/ {4}expansion:.*\n/, '')}`,
      /^glossary\/t\.yaml:2:5 entries\[0\]\.expansion: an abbreviation needs its expansion$/,
    ],
    [
      'an unknown body system',
      `entries:\n${entry.replace('musculoskeletal', 'bones')}`,
      /^glossary\/t\.yaml:6:17 entries\[0\]\.bodySystem: bodySystem is one of: general, /,
    ],
    [
      'a misspelt field',
      `entries:\n${entry.replace('definition:', 'defintion:')}`,
      /^glossary\/t\.yaml:5:5 entries\[0\]\.defintion: unknown field "defintion"$/,
    ],
    [
      'a definition too short to teach',
      `entries:\n${entry.replace(/definition: .*/, 'definition: Bone.')}`,
      /^glossary\/t\.yaml:5:17 entries\[0\]\.definition: a definition of at least 10 characters is needed$/,
    ],
  ])('names %s by line and column', (_what, text, expected) => {
    const problems = problemsOf(text);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  it('keeps the good entries of a file with a bad one', () => {
    const bad = entry.replace('ORIF', 'TKA').replace('musculoskeletal', 'bones');
    const result = loadGlossaryText(`entries:\n${entry}${bad}`, 'glossary/t.yaml');
    expect(result.entries.map((e) => e.term)).toEqual(['ORIF']);
    expect(result.problems).toHaveLength(1);
  });
});

import { CodeSets } from '../../server/codesets/code-sets';
import { loadScenarioText } from '../../server/scenarios/load-file';
import { withLines } from '../fixtures/scenario-texts';
import { withFixtureCodeSets } from '../helpers/fixture-codesets';

describe('checking a scenario against the official code sets', () => {
  const fixtureSets = withFixtureCodeSets();
  let codeSets: CodeSets;
  beforeAll(() => {
    codeSets = fixtureSets();
  });

  const check = (changes: Record<number, string>) =>
    loadScenarioText(withLines(changes), 'x.yaml', 'YAML', { codeSets }).problems.map(({ problem, path, line, col, message }) => ({ problem, path, line, col, message }));

  // The fixture sets know S82.61XA but not W11.XXXA or M25.571: the base fixture uses both.
  const known = { 24: '    - code: S82.61XD', 25: '      description: Displaced fracture of lateral malleolus of right fibula, subsequent encounter for closed fracture with routine healing', 36: '    - code: S82.62XA' };

  it('passes codes that exist, are billable and carry their official titles', () => {
    expect(check(known)).toEqual([]);
  });

  it.each([
    ['an unknown expected code', { 24: '    - code: S82.61XZ' }, { problem: 'unknown-code', path: 'answerKey.diagnoses[1].code', line: 24, col: 13 }],
    ['a header as an expected code', { 24: '    - code: S82.61', 25: '      description: Displaced fracture of lateral malleolus of right fibula' }, { problem: 'not-billable', path: 'answerKey.diagnoses[1].code', line: 24, col: 13 }],
    ['a description that is not the official title', { 25: '      description: Displaced fx lateral malleolus, right, subsequent' }, { problem: 'title-mismatch', path: 'answerKey.diagnoses[1].description', line: 25, col: 20 }],
    ['an unknown distractor', { 36: '    - code: M25.571' }, { problem: 'unknown-code', path: 'answerKey.distractors[0].code', line: 36, col: 13 }],
    ['a date of service outside every imported fiscal year', { 12: '  dateOfService: 2026-10-14' }, { problem: 'date-outside-codeset', path: 'report.dateOfService', line: 12, col: 18 }],
  ])('reports %s', (_name, changes, expected) => {
    const problems = check({ ...known, ...changes });
    expect(problems).toEqual([expect.objectContaining(expected)]);
  });

  it('names the official title in a title mismatch', () => {
    const [problem] = check({ ...known, 25: '      description: Wrong words' });
    expect(problem.message).toContain('"Displaced fracture of lateral malleolus of right fibula, subsequent encounter for closed fracture with routine healing"');
  });

  it('does not compare CPT descriptions, which are the scenario’s own words', () => {
    expect(check({ ...known, 32: '      description: My own words for a splint' })).toEqual([]);
  });
});

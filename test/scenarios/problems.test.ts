import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatPath, formatProblem, SCENARIO_PROBLEMS } from '../../server/scenarios/problems';

const guide = readFileSync(path.resolve(__dirname, '../../docs/authoring-scenarios.md'), 'utf8');

describe('the scenario problem catalogue', () => {
  it.each(Object.keys(SCENARIO_PROBLEMS))('%s is documented in the authoring guide', (id) => {
    expect(guide).toContain(`| \`${id}\` |`);
  });

  it.each([
    [['answerKey', 'diagnoses', 1, 'evidence', 0], 'answerKey.diagnoses[1].evidence[0]'],
    [['id'], 'id'],
    [[], ''],
  ])('formats path %j as %s', (parts, shown) => {
    expect(formatPath(parts)).toBe(shown);
  });

  it('shows a file-level problem with (file) in place of a path', () => {
    expect(formatProblem({ problem: 'syntax-error', file: 'a.yaml', line: 2, col: 3, path: '', message: 'm' })).toBe('a.yaml:2:3 (file): m');
  });
});

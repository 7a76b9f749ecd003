import { cohortReport } from '../../server/classroom/report';
import type { ScenarioStats, User } from '../../server/store/records';

const user = (id: string, username: string, claimed = true): User => ({
  id,
  username,
  role: 'trainee',
  passwordHash: claimed ? 'h' : null,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const stats = (
  scenarioId: string,
  attempts: number,
  sumPercent: number,
  best: number,
  claimReady: number,
  lastAt: string,
  mistakes: Record<string, number> = {},
): ScenarioStats => ({
  scenarioId,
  attempts,
  sumPercent,
  best,
  claimReady,
  lastAt,
  mistakes,
});

describe('the cohort report', () => {
  const members = [user('u1', 'Ana'), user('u2', 'Ben'), user('u3', 'Cora', false)];
  const report = cohortReport(
    members,
    new Map([
      [
        'u1',
        [
          stats('s1', 2, 140, 100, 1, '2026-03-02T10:00:00.000Z', { 'laterality|S82.62XA': 1 }),
          stats('s2', 1, 20, 20, 0, '2026-03-03T10:00:00.000Z', {
            'missing|E11.65': 1,
            'specificity|E11.9': 1,
          }),
        ],
      ],
      [
        'u2',
        [
          stats('s1', 1, 40, 40, 0, '2026-03-01T10:00:00.000Z', {
            'laterality|S82.62XA': 1,
            'unsupported|I10': 1,
          }),
        ],
      ],
    ]),
    (id) => `Title of ${id}`,
  );

  it.each([
    [
      'Ana',
      {
        attempts: 3,
        scenariosAttempted: 2,
        meanScore: 53.3,
        bestScore: 100,
        claimReady: 1,
        lastActive: '2026-03-03T10:00:00.000Z',
        claimed: true,
      },
    ],
    [
      'Ben',
      {
        attempts: 1,
        scenariosAttempted: 1,
        meanScore: 40,
        bestScore: 40,
        claimReady: 0,
        lastActive: '2026-03-01T10:00:00.000Z',
      },
    ],
    [
      'Cora',
      {
        attempts: 0,
        scenariosAttempted: 0,
        meanScore: undefined,
        bestScore: undefined,
        lastActive: undefined,
        claimed: false,
      },
    ],
  ])('sums %s', (username, expected) => {
    expect(report.trainees.find((t) => t.username === username)).toMatchObject(expected);
  });

  it('analyses each scenario: mean, claim-ready rate, wrong submitted codes (not missing ones) and kinds, hardest first', () => {
    expect(report.scenarios.map((s) => s.scenarioId)).toEqual(['s2', 's1']);
    expect(report.scenarios[1]).toEqual({
      scenarioId: 's1',
      title: 'Title of s1',
      attempts: 3,
      trainees: 2,
      meanScore: 60,
      claimReadyRate: 33.3,
      wrongCodes: [
        { kind: 'laterality', code: 'S82.62XA', count: 2 },
        { kind: 'unsupported', code: 'I10', count: 1 },
      ],
      kinds: [
        { kind: 'laterality', count: 2 },
        { kind: 'unsupported', count: 1 },
      ],
    });
    expect(report.scenarios[0].wrongCodes).toEqual([{ kind: 'specificity', code: 'E11.9', count: 1 }]);
  });

  it('keeps each trainee’s best score per scenario for the heat map', () => {
    expect(report.best).toEqual({ u1: { s1: 100, s2: 20 }, u2: { s1: 40 }, u3: {} });
  });
});

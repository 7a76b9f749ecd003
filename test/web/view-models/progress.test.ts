import {
  csvCell,
  historyRow,
  mastery,
  mistakesByKind,
  scoreLine,
} from '../../../server/web/view-models/progress';
import { addToStats, type AttemptSummary, type ScenarioStats } from '../../../server/store/records';
import { outpatientFixture, inpatientFixture } from '../../fixtures/grading-scenarios';

function attempt(
  id: string,
  scenarioId: string,
  percent: number,
  claimReady: boolean,
  mistakes: string[] = [],
): AttemptSummary {
  return {
    id,
    scenarioId,
    submittedAt: `2026-04-0${id}T10:00:00.000Z`,
    score: { earned: percent / 10, possible: 10, percent },
    claimReady,
    mistakes: mistakes.map((kind) => ({ kind, code: 'X00' })),
  };
}

function statsOf(attempts: AttemptSummary[]): ScenarioStats[] {
  const byScenario = new Map<string, ScenarioStats>();
  for (const a of attempts) byScenario.set(a.scenarioId, addToStats(byScenario.get(a.scenarioId), a));
  return [...byScenario.values()];
}

describe('progress view models', () => {
  const attempts = [
    attempt('1', outpatientFixture.id, 40, false, ['laterality', 'missing']),
    attempt('2', outpatientFixture.id, 100, true),
    attempt('3', inpatientFixture.id, 50, false, ['missing']),
  ];

  it('draws scores from 0 at the bottom to 100 at the top, left to right in order', () => {
    const line = scoreLine(attempts, 640, 240);
    expect(line.points.map((p) => p.x)).toEqual([40, 334, 628]);
    expect(line.points[1].y).toBe(12);
    expect(line.yTicks[0]).toEqual({ y: 212, label: '0%' });
    expect(line.path).toBe(`M40 ${line.points[0].y} L334 12 L628 ${line.points[2].y}`);
  });

  it('counts mistakes by kind from the running totals, most frequent first, with their labels', () => {
    expect(
      mistakesByKind(statsOf(attempts), (k) => k.toUpperCase()).bars.map((b) => [b.label, b.count]),
    ).toEqual([
      ['MISSING', 2],
      ['LATERALITY', 1],
    ]);
  });

  it('reports mastery by setting and code system from each scenario’s best score', () => {
    const rows = mastery([outpatientFixture, inpatientFixture], statsOf(attempts));
    expect(rows.find((r) => r.group === 'Outpatient')).toEqual({
      group: 'Outpatient',
      scenarios: 1,
      attempted: 1,
      claimReady: 1,
      averageBest: 100,
    });
    expect(rows.find((r) => r.group === 'ICD-10-CM')).toEqual({
      group: 'ICD-10-CM',
      scenarios: 2,
      attempted: 2,
      claimReady: 1,
      averageBest: 75,
    });
    expect(rows.find((r) => r.group === 'ICD-10-PCS')).toMatchObject({ attempted: 1, averageBest: 50 });
  });

  it('writes CSV rows that a spreadsheet will not run as a formula, and leaves ids as they are', () => {
    const row = historyRow(
      { ...attempt('1', outpatientFixture.id, 40, false, ['missing']), id: '-legacy-id1' },
      () => '=HYPERLINK("http://x","click"), "quoted"',
    );
    expect(row).toBe(
      `-legacy-id1,2026-04-01T10:00:00.000Z,grading-outpatient,"'=HYPERLINK(""http://x"",""click""), ""quoted""",4,10,40,false,missing:1`,
    );
  });

  it.each([
    ['=1+2', true, "'=1+2"],
    ['@SUM(A1)', true, "'@SUM(A1)"],
    ['-abc', false, '-abc'],
    ['a,b', false, '"a,b"'],
  ])('writes the cell %j (free text: %s) as %j', (value, freeText, cell) => {
    expect(csvCell(value, freeText)).toBe(cell);
  });
});

import { historyCsv, mastery, mistakesByKind, scoreLine } from '../../../server/web/view-models/progress';
import type { AttemptSummary } from '../../../server/storage/attempts';
import type { FindingKind } from '../../../server/grader/types';
import { outpatientFixture, inpatientFixture } from '../../fixtures/grading-scenarios';

function attempt(id: string, scenarioId: string, percent: number, claimReady: boolean, mistakes: FindingKind[] = []): AttemptSummary {
  return { id, scenarioId, submittedAt: `2026-04-0${id}T10:00:00.000Z`, score: { earned: percent / 10, possible: 10, percent }, claimReady, mistakes };
}

describe('progress view models', () => {
  const attempts = [attempt('1', outpatientFixture.id, 40, false, ['laterality', 'missing']), attempt('2', outpatientFixture.id, 100, true), attempt('3', inpatientFixture.id, 50, false, ['missing'])];

  it('draws scores from 0 at the bottom to 100 at the top, left to right in order', () => {
    const line = scoreLine(attempts, 640, 240);
    expect(line.points.map((p) => p.x)).toEqual([40, 334, 628]);
    expect(line.points[1].y).toBe(12);
    expect(line.yTicks[0]).toEqual({ y: 212, label: '0%' });
    expect(line.path).toBe(`M40 ${line.points[0].y} L334 12 L628 ${line.points[2].y}`);
  });

  it('counts mistakes by kind, most frequent first', () => {
    expect(mistakesByKind(attempts).bars.map((b) => [b.label, b.count])).toEqual([
      ['missing', 2],
      ['laterality', 1],
    ]);
  });

  it('reports mastery by setting and code system from each scenario’s best attempt', () => {
    const rows = mastery([outpatientFixture, inpatientFixture], attempts);
    expect(rows.find((r) => r.group === 'Outpatient')).toEqual({ group: 'Outpatient', scenarios: 1, attempted: 1, claimReady: 1, averageBest: 100 });
    expect(rows.find((r) => r.group === 'ICD-10-CM')).toEqual({ group: 'ICD-10-CM', scenarios: 2, attempted: 2, claimReady: 1, averageBest: 75 });
    expect(rows.find((r) => r.group === 'ICD-10-PCS')).toMatchObject({ attempted: 1, averageBest: 50 });
  });

  it('writes CSV that a spreadsheet will not run as a formula', () => {
    const csv = historyCsv([attempt('1', outpatientFixture.id, 40, false, ['missing'])], () => '=HYPERLINK("http://x","click"), "quoted"');
    const [, row] = csv.trim().split('\r\n');
    expect(row).toBe(`1,2026-04-01T10:00:00.000Z,grading-outpatient,"'=HYPERLINK(""http://x"",""click""), ""quoted""",4,10,40,false,missing:1`);
  });
});

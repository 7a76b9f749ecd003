import {
  applyFilters,
  catalogRows,
  filterOptions,
  readFilters,
} from '../../../server/web/view-models/catalog';
import { inpatientFixture, outpatientFixture } from '../../fixtures/grading-scenarios';
import { addToStats, type ScenarioStats } from '../../../server/store/records';

/** Running totals as the store keeps them, folded from attempts of the given scores. */
const totals = (scenarioId: string, tries: Array<[number, boolean]>): ScenarioStats =>
  tries.reduce<ScenarioStats | undefined>(
    (stats, [percent, claimReady], i) =>
      addToStats(stats, {
        id: `a${i}`,
        scenarioId,
        submittedAt: '2026-04-01T10:00:00.000Z',
        score: { earned: percent, possible: 100, percent },
        claimReady,
        mistakes: [],
      }),
    undefined,
  ) as ScenarioStats;

describe('catalogue view model', () => {
  const rows = catalogRows(
    [outpatientFixture, inpatientFixture],
    [
      totals(outpatientFixture.id, [
        [60, false],
        [100, true],
      ]),
      totals(inpatientFixture.id, [[30, false]]),
    ],
  );

  it('gives each scenario its best score and status', () => {
    expect(rows.map((r) => [r.scenario.id, r.best, r.attempts, r.status])).toEqual([
      ['grading-outpatient', 100, 2, 'claim-ready'],
      ['grading-inpatient', 30, 1, 'attempted'],
    ]);
    expect(catalogRows([outpatientFixture], [])[0]).toMatchObject({ best: undefined, status: 'new' });
  });

  it('never lists an exam-only scenario', () => {
    expect(
      catalogRows([{ ...outpatientFixture, visibility: 'exam' }, inpatientFixture], []).map(
        (r) => r.scenario.id,
      ),
    ).toEqual(['grading-inpatient']);
  });

  it.each([
    [{ setting: 'inpatient' }, ['grading-inpatient']],
    [{ system: 'HCPCS' }, ['grading-outpatient']],
    [{ status: 'attempted' }, ['grading-inpatient']],
    [{ q: 'emergency outpatient' }, ['grading-outpatient']],
    [{ q: 'GRADING fixture' }, ['grading-outpatient', 'grading-inpatient']],
    [{ difficulty: '5' }, []],
  ])('filters by %j', (query, ids) => {
    expect(applyFilters(rows, readFilters(query)).map((r) => r.scenario.id)).toEqual(ids);
  });

  it('ignores filter values that are not text and cuts long ones', () => {
    expect(readFilters({ q: ['a', 'b'], tag: 'x'.repeat(500) })).toMatchObject({
      q: '',
      tag: 'x'.repeat(100),
    });
  });

  it('offers the values the library has', () => {
    expect(filterOptions(rows)).toMatchObject({
      specialties: ['Emergency medicine', 'General surgery'],
      systems: ['CPT', 'HCPCS', 'ICD-10-CM', 'ICD-10-PCS'],
    });
  });
});

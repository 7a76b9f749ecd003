import { applyFilters, catalogRows, filterOptions, readFilters } from '../../../server/web/view-models/catalog';
import { inpatientFixture, outpatientFixture } from '../../fixtures/grading-scenarios';
import type { AttemptSummary } from '../../../server/storage/attempts';

let next = 0;
const tried = (scenarioId: string, percent: number, claimReady: boolean): AttemptSummary => ({
  id: `attempt-${++next}`,
  scenarioId,
  submittedAt: '2026-04-01T10:00:00.000Z',
  score: { earned: percent, possible: 100, percent },
  claimReady,
  mistakes: [],
});

describe('catalogue view model', () => {
  const rows = catalogRows([outpatientFixture, inpatientFixture], [tried(outpatientFixture.id, 60, false), tried(outpatientFixture.id, 100, true), tried(inpatientFixture.id, 30, false)]);

  it('gives each scenario its best score and status', () => {
    expect(rows.map((r) => [r.scenario.id, r.best, r.attempts, r.status])).toEqual([
      ['grading-outpatient', 100, 2, 'claim-ready'],
      ['grading-inpatient', 30, 1, 'attempted'],
    ]);
    expect(catalogRows([outpatientFixture], [])[0]).toMatchObject({ best: undefined, status: 'new' });
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
    expect(readFilters({ q: ['a', 'b'], tag: 'x'.repeat(500) })).toMatchObject({ q: '', tag: 'x'.repeat(100) });
  });

  it('offers the values the library has', () => {
    expect(filterOptions(rows)).toMatchObject({ specialties: ['Emergency medicine', 'General surgery'], systems: ['CPT', 'HCPCS', 'ICD-10-CM', 'ICD-10-PCS'] });
  });
});

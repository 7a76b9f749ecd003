import { withFixtureGrading } from '../../helpers/fixture-grading';
import { notBillable } from '../../../server/grader/rules/not-billable';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${notBillable.id}`, () => {
  it.each([
    ['a subcategory heading of a 7-character code', { 0: 'S82.6' }, 'S82.61XA', 'S82.6', 3],
    ['a category heading', { 3: 'E11' }, 'E11.65', 'E11', 2],
    ['a subcategory heading', { 3: 'E11.6' }, 'E11.65', 'E11.6', 1],
    ['a heading typed without the dot', { 2: 'h669' }, 'H66.91', 'H66.9', 1],
  ])('%s', (_name, diagnoses, expected, submitted, missingCount) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { diagnoses }));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'not-billable', messageId: 'heading', expected, submitted },
    ]);
    expect(result.findings.find((f) => f.kind === 'not-billable')?.data.missingCount).toBe(missingCount);
  });

  it('does not fire for a code that is not a prefix', () => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { diagnoses: { 3: 'E10' } }));
    expect(result.findings.some((f) => f.kind === 'not-billable')).toBe(false);
  });
});

describe('rule: not-billable with the official flag', () => {
  const { gradeWithSets } = withFixtureGrading();

  it('reports a header that pairs with nothing as not billable, not as unsupported', () => {
    const result = gradeWithSets(outpatientFixture, variant(PERFECT_OUTPATIENT, { addDiagnoses: ['S82'] }));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'not-billable', messageId: 'official-heading', expected: undefined, submitted: 'S82' },
    ]);
    expect(result.findings.find((f) => f.kind === 'not-billable')?.data).toMatchObject({
      system: 'ICD-10-CM',
      version: '2026',
    });
  });
});

import { dosePerUnit, units } from '../../../server/grader/rules/units';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${units.id}`, () => {
  it.each([
    [
      'a drug billed by milligrams instead of units',
      { 2: 'J3301 x40' },
      'drug',
      'J3301 x4',
      'J3301 x40',
      { dose: '10 mg', expectedUnits: 4, submittedUnits: 40 },
    ],
    ['a drug with units left at 1', { 2: 'J3301' }, 'drug', 'J3301 x4', 'J3301', { submittedUnits: 1 }],
    [
      'a service with too many units',
      { 1: '29515-RT x2' },
      'service',
      '29515-RT',
      '29515-RT x2',
      { expectedUnits: 1, submittedUnits: 2 },
    ],
  ])('%s', (_name, procedures, messageId, expected, submitted, data) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { procedures }));
    expect(problemsOf(result.findings)).toEqual([{ kind: 'units', messageId, expected, submitted }]);
    const finding = result.findings.find((f) => f.kind === 'units');
    expect(finding?.data).toMatchObject(data);
  });

  it('tells a drug unit from its descriptor dose', () => {
    const finding = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { procedures: { 2: 'J3301 x40' } }),
    ).findings.find((f) => f.kind === 'units');
    expect(finding?.hint).toContain('10 mg per unit');
  });

  it('earns more than a wrong 7th character', () => {
    const wrongUnits = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { procedures: { 2: 'J3301 x40' } }),
    ).score.earned;
    const wrongSeventh = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 1: 'W11.XXXD' } }),
    ).score.earned;
    expect(wrongUnits).toBeGreaterThan(wrongSeventh);
  });

  it.each([
    ['Injection, triamcinolone acetonide, not otherwise specified, 10 mg', '10 mg'],
    ['Injection, ceftriaxone sodium, per 250 mg', '250 mg'],
    ['Injection, vitamin b-12 cyanocobalamin, up to 1,000 mcg', '1,000 mcg'],
    ['Short leg splint', undefined],
  ])('reads the dose of "%s"', (title, dose) => {
    expect(dosePerUnit(title)).toBe(dose);
  });
});

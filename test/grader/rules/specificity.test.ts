import { specificity } from '../../../server/grader/rules/specificity';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf, titlesFrom } from '../../helpers/grading';

describe(`rule: ${specificity.id}`, () => {
  it.each([
    ['another code in the category', { diagnoses: { 3: 'E11.9' } }, 'category', 'E11.65', 'E11.9'],
    [
      'nondisplaced instead of displaced',
      { diagnoses: { 0: 'S82.64XA' } },
      'category',
      'S82.61XA',
      'S82.64XA',
    ],
    ['a different E/M level', { procedures: { 0: '99285-25' } }, 'em-level', '99284-25', '99285-25'],
    ['a neighbouring procedure code', { procedures: { 3: '20611-LT' } }, 'family', '20610-LT', '20611-LT'],
  ])('%s', (_name, change, messageId, expected, submitted) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, change));
    expect(problemsOf(result.findings)).toEqual([{ kind: 'specificity', messageId, expected, submitted }]);
  });

  it.each([
    [
      'a different detail, from the official titles',
      'E11.9',
      'Type 2 diabetes mellitus without complications',
      'different-detail',
    ],
    [
      'unspecified, from the official titles',
      'E11.8',
      'Type 2 diabetes mellitus with unspecified complications',
      'less-specific',
    ],
  ])('%s', (_name, code, title, messageId) => {
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 3: code } }),
      titlesFrom({ [code]: title }),
    );
    const finding = result.findings.find((f) => f.kind === 'specificity');
    expect(finding).toMatchObject({
      messageId,
      submittedTitle: title,
      expectedTitle: 'Type 2 diabetes mellitus with hyperglycemia',
    });
    expect(finding?.titleDiff?.length).toBeGreaterThan(1);
  });

  it('adds the scenario feedback when the code is also a listed distractor', () => {
    const finding = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.64XA' } }),
    ).findings.find((f) => f.kind === 'specificity');
    expect(finding?.message).toMatch(/right category \(S82\).*The x-ray says displaced\./);
  });

  it('does not fire across categories', () => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { diagnoses: { 3: 'E10.65' } }));
    expect(result.findings.some((f) => f.kind === 'specificity')).toBe(false);
  });
});

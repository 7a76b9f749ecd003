import { laterality } from '../../../server/grader/rules/laterality';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf, titlesFrom } from '../../helpers/grading';

describe(`rule: ${laterality.id}`, () => {
  it.each([
    [
      'left instead of right (fracture)',
      { 0: 'S82.62XA' },
      'S82.61XA',
      'S82.62XA',
      { expectedSide: 'right', submittedSide: 'left' },
    ],
    [
      'left ear instead of right',
      { 2: 'H66.92' },
      'H66.91',
      'H66.92',
      { expectedSide: 'right', submittedSide: 'left' },
    ],
    ['bilateral instead of right', { 2: 'H66.93' }, 'H66.91', 'H66.93', { submittedSide: 'bilateral' }],
    [
      'unspecified ear instead of right',
      { 2: 'H66.90' },
      'H66.91',
      'H66.90',
      { submittedSide: 'unspecified' },
    ],
  ])('%s', (_name, diagnoses, expected, submitted, data) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { diagnoses }));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'laterality', messageId: 'side', expected, submitted },
    ]);
    expect(result.findings.find((f) => f.kind === 'laterality')?.data).toMatchObject(data);
  });

  it('judges from the official titles when both are known', () => {
    const titles = titlesFrom({
      'S82.62XA':
        'Displaced fracture of lateral malleolus of left fibula, initial encounter for closed fracture',
    });
    const finding = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.62XA' } }),
      titles,
    ).findings.find((f) => f.kind === 'laterality');
    expect(finding?.titleDiff).toEqual([
      { text: 'Displaced fracture of lateral malleolus of ', side: 'both' },
      { text: 'right', side: 'expected' },
      { text: 'left', side: 'submitted' },
      { text: ' fibula, initial encounter for closed fracture', side: 'both' },
    ]);
  });

  it('does not call a different condition a side error even when one digit differs', () => {
    // S82.64XA differs in one digit (1 → 4) but is "nondisplaced", not a side.
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.64XA' } }),
    );
    expect(result.findings.some((f) => f.kind === 'laterality')).toBe(false);
  });

  it('does not fire when the titles differ in more than side words', () => {
    const titles = titlesFrom({
      'H66.92': 'Otitis media, unspecified, left ear',
      'E11.69': 'Type 2 diabetes mellitus with other specified complication',
    });
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 3: 'E11.61' } }),
      titles,
    );
    expect(result.findings.some((f) => f.kind === 'laterality')).toBe(false);
  });
});

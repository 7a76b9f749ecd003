import { withFixtureGrading } from '../../helpers/fixture-grading';
import { changedWords } from '../../../server/grader/diff';
import { encounter } from '../../../server/grader/rules/encounter';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf, titlesFrom } from '../../helpers/grading';

describe(`rule: ${encounter.id}`, () => {
  it.each([
    [
      'subsequent instead of initial',
      { 1: 'W11.XXXD' },
      'W11.XXXA',
      'W11.XXXD',
      {
        expectedSeventh: 'A',
        submittedSeventh: 'D',
        expectedMeaning: 'initial encounter',
        submittedMeaning: 'subsequent encounter',
      },
    ],
    [
      'sequela instead of initial',
      { 1: 'W11.XXXS' },
      'W11.XXXA',
      'W11.XXXS',
      { submittedMeaning: 'sequela' },
    ],
    [
      'an open-fracture 7th character',
      { 0: 'S82.61XB' },
      'S82.61XA',
      'S82.61XB',
      {
        expectedMeaning: 'initial encounter for closed fracture',
        submittedMeaning: 'initial encounter for open fracture type I or II',
      },
    ],
  ])('%s', (_name, diagnoses, expected, submitted, data) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { diagnoses }));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'encounter', messageId: 'seventh', expected, submitted },
    ]);
    expect(result.findings.find((f) => f.kind === 'encounter')?.data).toMatchObject(data);
  });

  it('names the submitted meaning from its official title when known', () => {
    const titles = titlesFrom({
      'S82.61XD':
        'Displaced fracture of lateral malleolus of right fibula, subsequent encounter for closed fracture with routine healing',
    });
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.61XD' } }),
      titles,
    );
    const finding = result.findings.find((f) => f.kind === 'encounter');
    expect(finding?.data.submittedMeaning).toBe(
      'subsequent encounter for closed fracture with routine healing',
    );
    expect(changedWords(finding?.titleDiff ?? [])).toEqual({
      expected: ['initial'],
      submitted: ['subsequent', 'with', 'routine', 'healing'],
    });
  });

  it('does not fire when more than the 7th character differs', () => {
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.62XD' } }),
    );
    expect(result.findings.some((f) => f.kind === 'encounter')).toBe(false);
  });
});

describe('rule: encounter with the official 7th-character definitions', () => {
  const { gradeWithSets } = withFixtureGrading();

  it('names both meanings from the tabular list, and says when a value is not defined', () => {
    const defined = gradeWithSets(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.61XD' } }),
    ).findings.find((f) => f.kind === 'encounter');
    expect(defined?.data).toMatchObject({
      expectedMeaning: 'initial encounter for closed fracture',
      submittedMeaning: 'subsequent encounter for closed fracture with routine healing',
    });
    // The fixture tabular defines only A and D for S82.
    const undefinedValue = gradeWithSets(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.61XZ' } }),
    ).findings.find((f) => f.kind === 'encounter');
    expect(undefinedValue?.data.submittedMeaning).toBe('not a 7th character this category defines');
  });
});

import { placeholder } from '../../../server/grader/rules/placeholder';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${placeholder.id}`, () => {
  it.each([
    ['the X placeholder dropped', { 0: 'S82.61A' }, 'missing-x', 'S82.61XA', 'S82.61A'],
    ['all three X placeholders dropped', { 1: 'W11A' }, 'missing-x', 'W11.XXXA', 'W11.A'],
    ['the wrong number of X', { 1: 'W11.XA' }, 'wrong-x', 'W11.XXXA', 'W11.XA'],
    ['the 7th character missing', { 0: 'S82.61X' }, 'missing-7th', 'S82.61XA', 'S82.61X'],
    ['the 7th character missing after placeholders', { 1: 'W11.XXX' }, 'missing-7th', 'W11.XXXA', 'W11.XXX'],
    ['both the X and the 7th character missing', { 0: 'S82.61' }, 'missing-both', 'S82.61XA', 'S82.61'],
  ])('%s', (_name, diagnoses, messageId, expected, submitted) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { diagnoses }));
    expect(problemsOf(result.findings)).toEqual([{ kind: 'placeholder', messageId, expected, submitted }]);
  });

  it('names the 7th character and its meaning from the official title', () => {
    const finding = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.61X' } }),
    ).findings.find((f) => f.kind === 'placeholder');
    expect(finding?.data).toMatchObject({
      seventh: 'A',
      seventhMeaning: 'initial encounter for closed fracture',
    });
    expect(finding?.guideline).toBe('I.A.5');
  });

  it('does not fire for codes that need no 7th character', () => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { diagnoses: { 3: 'E11.6' } }));
    expect(result.findings.some((f) => f.kind === 'placeholder')).toBe(false);
  });
});

import { loadScenarioText } from '../../../server/scenarios/load-file';
import { withLines } from '../../fixtures/scenario-texts';
import { correct } from '../../../server/grader/rules/correct';
import {
  inpatientFixture,
  outpatientFixture,
  PERFECT_INPATIENT,
  PERFECT_OUTPATIENT,
  variant,
} from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${correct.id}`, () => {
  it.each([
    ['the answer key as written', PERFECT_OUTPATIENT],
    [
      'lower case, no dots, spaces around',
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: ' s8261xa ', 1: 'w11xxxa' } }),
    ],
    [
      'modifiers in another order and case',
      variant(PERFECT_OUTPATIENT, { procedures: { 3: '20610-59-lt' } }),
    ],
    ['an accepted alternative diagnosis', variant(PERFECT_OUTPATIENT, { diagnoses: { 3: 'E11.69' } })],
    [
      'a procedure as an object',
      {
        ...PERFECT_OUTPATIENT,
        procedures: [
          '99284-25',
          { code: '29515', modifiers: ['RT'] },
          { code: 'j3301', units: 4 },
          '20610-LT',
        ],
      },
    ],
  ])('accepts %s', (_name, submission) => {
    const result = gradeInput(outpatientFixture, submission);
    expect(problemsOf(result.findings)).toEqual([]);
    expect(result.claimReady).toBe(true);
    expect(result.score.percent).toBe(100);
  });

  it.each([
    ['exact', PERFECT_OUTPATIENT, 'S82.61XA', 'exact'],
    ['alternative', variant(PERFECT_OUTPATIENT, { diagnoses: { 3: 'E11.69' } }), 'E11.69', 'alternative'],
    ['optional', variant(PERFECT_OUTPATIENT, { addDiagnoses: ['Y92.017'] }), 'Y92.017', 'optional'],
  ])('uses message %s', (_name, submission, code, messageId) => {
    const finding = gradeInput(outpatientFixture, submission).findings.find((f) => f.submitted === code);
    expect(finding).toMatchObject({ kind: 'correct', messageId, severity: 'ok' });
  });

  it('credits an optional code without raising the possible score', () => {
    const without = gradeInput(outpatientFixture, PERFECT_OUTPATIENT).score;
    const withOptional = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { addDiagnoses: ['Y92.017'] }),
    ).score;
    expect(withOptional).toEqual(without);
  });

  it('grades the inpatient answer key as claim-ready', () => {
    const result = gradeInput(inpatientFixture, PERFECT_INPATIENT);
    expect(result).toMatchObject({ claimReady: true, score: { earned: 4, possible: 4, percent: 100 } });
  });
});

describe('rule: correct, with a group of lines accepted in place of one', () => {
  const bilateral = loadScenarioText(
    withLines({ 31: '      modifiers: ["50"]\n      alternatives: [["29515-RT", "29515-LT"]]' }),
    'bilateral.yaml',
    'YAML',
  ).scenario!;
  const diagnoses = ['S82.61XA', 'W11.XXXA'];

  it.each([
    ['the -50 line', ['29515-50'], 'exact', '29515-50'],
    ['the RT and LT lines together, in any order', ['29515-LT', '29515-RT'], 'group', '29515-LT + 29515-RT'],
  ])('accepts %s', (_name, procedures, messageId, submitted) => {
    const result = gradeInput(bilateral, { diagnoses, procedures });
    expect(result.findings.find((f) => f.section === 'procedures')).toMatchObject({
      kind: 'correct',
      messageId,
      submitted,
      expected: '29515-50',
    });
    expect(problemsOf(result.findings)).toEqual([]);
    expect(result).toMatchObject({ claimReady: true, score: { percent: 100 } });
  });

  it('does not accept half of a group', () => {
    const result = gradeInput(bilateral, { diagnoses, procedures: ['29515-RT'] });
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'modifier', messageId: 'different', expected: '29515-50', submitted: '29515-RT' },
    ]);
  });
});

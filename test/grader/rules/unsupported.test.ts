import { unsupported } from '../../../server/grader/rules/unsupported';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${unsupported.id}`, () => {
  it.each([
    ['an extra diagnosis', { addDiagnoses: ['I10'] }, 'diagnosis', 'I10'],
    ['an extra procedure', { addProcedures: ['99213'] }, 'procedure', '99213'],
  ])('%s', (_name, change, messageId, submitted) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, change));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'unsupported', messageId, expected: undefined, submitted },
    ]);
    expect(result.claimReady).toBe(false);
    expect(result.score.earned).toBe(9 - 0.5);
  });

  it('never takes the score below zero', () => {
    const result = gradeInput(outpatientFixture, { diagnoses: ['I10', 'I11.9', 'J45.909', 'K21.9'] });
    expect(result.score.earned).toBe(0);
  });
});

import { distractor } from '../../../server/grader/rules/distractor';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${distractor.id}`, () => {
  it.each([
    [
      'a diagnosis distractor',
      { addDiagnoses: ['M25.571'] },
      'M25.571',
      'Pain is integral to the fracture (I.B.5).',
      'I.B.5',
    ],
    [
      'a procedure distractor with its modifier',
      { addProcedures: ['27786-RT'] },
      '27786-RT',
      'Fracture care belongs to orthopedics.',
      undefined,
    ],
  ])('%s', (_name, change, submitted, feedback, guideline) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, change));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'distractor', messageId: 'listed', expected: undefined, submitted },
    ]);
    const finding = result.findings.find((f) => f.kind === 'distractor');
    expect(finding?.feedback).toBe(feedback);
    expect(finding?.message).toContain(feedback);
    expect(finding?.guideline).toBe(guideline);
    expect(result.claimReady).toBe(false);
  });

  it('does not match a procedure distractor given with other modifiers', () => {
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { addProcedures: ['27786-LT'] }),
    );
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'unsupported', messageId: 'procedure', expected: undefined, submitted: '27786-LT' },
    ]);
  });
});

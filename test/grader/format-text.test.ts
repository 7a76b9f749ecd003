import { formatResultText } from '../../server/grader/format-text';
import {
  inpatientFixture,
  outpatientFixture,
  PERFECT_OUTPATIENT,
  variant,
} from '../fixtures/grading-scenarios';
import { gradeInput } from '../helpers/grading';

describe('the text rendering of a result', () => {
  it('pins the explanation of several near misses', () => {
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, {
        diagnoses: { 0: 'S82.62XA', 1: 'W11A' },
        procedures: { 0: '99284', 2: 'J3301 x40' },
      }),
    );
    expect(formatResultText(result)).toMatchSnapshot();
  });

  it('pins the explanation of an inpatient PCS and sequencing error', () => {
    const result = gradeInput(inpatientFixture, {
      diagnoses: ['E87.1', 'K35.30', 'R10.31'],
      procedures: ['0DTJ0ZZ'],
    });
    expect(formatResultText(result)).toMatchSnapshot();
  });

  it('marks the differing characters of the two codes', () => {
    const text = formatResultText(
      gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.62XA' } })),
    );
    expect(text).toContain('Expected:  S82.6[1]XA');
    expect(text).toContain('Submitted: S82.6[2]XA');
  });
});

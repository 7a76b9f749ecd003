import { invalidFormat } from '../../../server/grader/rules/invalid-format';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${invalidFormat.id}`, () => {
  it.each([
    ['HTML in a diagnosis', { addDiagnoses: ['<script>alert(1)</script>'] }, '<script>alert(1)</script>', /characters no code uses/],
    ['a code too long', { addDiagnoses: ['S82.61XAA'] }, 'S82.61XAA', /shape of an ICD-10-CM/],
    ['a procedure line with two dashes', { addProcedures: ['27786--RT'] }, '27786--RT', /empty modifier/],
    ['a three-letter modifier', { addProcedures: ['27786-RTT'] }, '27786-RTT', /not two letters or digits/],
    ['garbage in procedures', { addProcedures: ['hello'] }, 'hello', /shape of a CPT or HCPCS/],
  ])('%s', (_name, change, submitted, reason) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, change));
    expect(problemsOf(result.findings)).toEqual([{ kind: 'invalid-format', messageId: 'shape', expected: undefined, submitted }]);
    expect(String(result.findings.find((f) => f.kind === 'invalid-format')?.data.reason)).toMatch(reason);
  });

  it('ignores blank rows', () => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { addDiagnoses: ['   ', ''] }));
    expect(problemsOf(result.findings)).toEqual([]);
  });
});

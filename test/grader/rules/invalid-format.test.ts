import { invalidFormat } from '../../../server/grader/rules/invalid-format';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${invalidFormat.id}`, () => {
  it.each([
    [
      'HTML in a diagnosis',
      { addDiagnoses: ['<script>alert(1)</script>'] },
      '<script>alert(1)</script>',
      'bad-characters',
      { wanted: 'an ICD-10-CM diagnosis code' },
    ],
    [
      'a code too long',
      { addDiagnoses: ['S82.61XAA'] },
      'S82.61XAA',
      'bad-shape',
      { wanted: 'an ICD-10-CM diagnosis code' },
    ],
    ['a procedure line with two dashes', { addProcedures: ['27786--RT'] }, '27786--RT', 'empty-modifier', {}],
    [
      'a three-letter modifier',
      { addProcedures: ['27786-RTT'] },
      '27786-RTT',
      'bad-modifier',
      { modifier: 'RTT' },
    ],
    [
      'units that are not a number',
      { addProcedures: ['J3301 xfour'] },
      'J3301 xfour',
      'bad-units',
      { units: 'four' },
    ],
    ['a line of two words', { addProcedures: ['27786 RT'] }, '27786 RT', 'line-form', {}],
    [
      'garbage in procedures',
      { addProcedures: ['hello'] },
      'hello',
      'bad-shape',
      { wanted: 'a CPT or HCPCS code' },
    ],
  ])('%s', (_name, change, submitted, messageId, data) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, change));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'invalid-format', messageId, expected: undefined, submitted },
    ]);
    const finding = result.findings.find((f) => f.kind === 'invalid-format');
    expect(finding?.data).toMatchObject(data);
    expect(finding?.message).toContain(`"${submitted}"`);
    expect(finding?.message).not.toMatch(/\{\{/);
  });

  it('ignores blank rows', () => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { addDiagnoses: ['   ', ''] }));
    expect(problemsOf(result.findings)).toEqual([]);
  });
});

import { duplicate } from '../../../server/grader/rules/duplicate';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${duplicate.id}`, () => {
  it.each([
    [
      'the same diagnosis twice',
      { addDiagnoses: ['s8261xa'] },
      'diagnosis',
      'S82.61XA',
      { firstPosition: 'first', position: 'fifth' },
    ],
    [
      'the same procedure line twice',
      { addProcedures: ['29515-RT'] },
      'procedure',
      '29515-RT',
      { firstPosition: 'second', position: 'fifth' },
    ],
    [
      'the same procedure with other units',
      { addProcedures: ['J3301 x2'] },
      'procedure',
      'J3301 x2',
      { firstPosition: 'third' },
    ],
  ])('%s', (_name, change, messageId, submitted, data) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, change));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'duplicate', messageId, expected: undefined, submitted },
    ]);
    expect(result.findings.find((f) => f.kind === 'duplicate')?.data).toMatchObject(data);
    expect(result.score.earned).toBe(9 - 0.25);
  });

  it('does not call one code on two sides a duplicate', () => {
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { addProcedures: ['20610-RT'] }),
    );
    expect(result.findings.some((f) => f.kind === 'duplicate')).toBe(false);
  });
});

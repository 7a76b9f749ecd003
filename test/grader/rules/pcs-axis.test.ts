import { pcsAxis } from '../../../server/grader/rules/pcs-axis';
import { inpatientFixture, PERFECT_INPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${pcsAxis.id}`, () => {
  it.each([
    [
      'open instead of laparoscopic (approach only)',
      '0DTJ0ZZ',
      'axes',
      {
        axes: 'approach',
        axisCount: 1,
        details: 'approach 0 (Open) given, 4 (Percutaneous Endoscopic) expected',
      },
      0.5,
    ],
    [
      'excision instead of resection (root operation only)',
      '0DBJ4ZZ',
      'root-operation',
      { axes: 'root operation', details: 'root operation B (Excision) given, T (Resection) expected' },
      0.5,
    ],
    ['wrong body part', '0DTK4ZZ', 'axes', { axes: 'body part', axisCount: 1 }, 0.5],
    ['approach and qualifier', '0DTJ0ZX', 'axes', { axes: 'approach and qualifier', axisCount: 2 }, 0.25],
  ])('%s', (_name, code, messageId, data, credit) => {
    const result = gradeInput(inpatientFixture, variant(PERFECT_INPATIENT, { procedures: { 0: code } }));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'pcs-axis', messageId, expected: '0DTJ4ZZ', submitted: code },
    ]);
    const finding = result.findings.find((f) => f.kind === 'pcs-axis');
    expect(finding?.data).toMatchObject(data);
    expect(finding?.credit).toBe(credit);
  });

  it('carries the distractor feedback when the near miss is a listed wrong answer', () => {
    const finding = gradeInput(
      inpatientFixture,
      variant(PERFECT_INPATIENT, { procedures: { 0: '0DTJ0ZZ' } }),
    ).findings.find((f) => f.kind === 'pcs-axis');
    expect(finding?.feedback).toBe('Laparoscopic is percutaneous endoscopic, not open.');
    expect(finding?.message).toContain('Laparoscopic is percutaneous endoscopic, not open.');
  });

  it('does not fire across tables unless only the root operation differs', () => {
    const result = gradeInput(inpatientFixture, variant(PERFECT_INPATIENT, { procedures: { 0: '0DBK4ZZ' } }));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'unsupported', messageId: 'procedure', expected: undefined, submitted: '0DBK4ZZ' },
      { kind: 'missing', messageId: 'procedure', expected: '0DTJ4ZZ', submitted: undefined },
    ]);
  });
});

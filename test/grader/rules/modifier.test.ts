import { modifier } from '../../../server/grader/rules/modifier';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${modifier.id}`, () => {
  it.each([
    [
      'modifier 25 missing on the E/M',
      { 0: '99284' },
      'missing',
      '99284-25',
      '99284',
      { missingModifiers: '25' },
    ],
    ['an extra modifier', { 1: '29515-RT-59' }, 'extra', '29515-RT', '29515-RT-59', { extraModifiers: '59' }],
    [
      'the wrong side',
      { 1: '29515-LT' },
      'different',
      '29515-RT',
      '29515-LT',
      { submittedModifiers: 'LT', expectedModifiers: 'RT' },
    ],
    [
      'no modifier where a side is needed',
      { 3: '20610' },
      'missing',
      '20610-LT',
      '20610',
      { missingModifiers: 'LT' },
    ],
    [
      'wrong modifier and wrong units',
      { 1: '29515-LT x2' },
      'different',
      '29515-RT',
      '29515-LT x2',
      { unitsNote: ' The units differ too: 2 given, 1 expected.' },
    ],
  ])('%s', (_name, procedures, messageId, expected, submitted, data) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { procedures }));
    expect(problemsOf(result.findings)).toEqual([{ kind: 'modifier', messageId, expected, submitted }]);
    expect(result.findings.find((f) => f.kind === 'modifier')?.data).toMatchObject(data);
    expect(result.claimReady).toBe(false);
  });

  it('explains what the missing modifier means', () => {
    const finding = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { procedures: { 0: '99284' } }),
    ).findings.find((f) => f.kind === 'modifier');
    expect(finding?.hint).toContain('separately identifiable');
    expect(finding?.codeDiff).toEqual([
      { text: '99284', side: 'both' },
      { text: '-25', side: 'expected' },
    ]);
  });

  it.each([
    ['a different code', { 1: '29505-RT' }],
    ['the right modifiers in another order', { 3: '20610-59-LT' }],
  ])('does not fire for %s', (_name, procedures) => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { procedures }));
    expect(result.findings.some((f) => f.kind === 'modifier')).toBe(false);
  });
});

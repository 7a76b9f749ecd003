import { unknownCode } from '../../../server/grader/rules/unknown-code';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { withFixtureGrading } from '../../helpers/fixture-grading';
import { gradeInput, problemsOf } from '../../helpers/grading';
import { describeWithOfficialSets, officialCodeSets } from '../../helpers/official';
import { grade } from '../../../server/grader/grade';
import { submissionSchema } from '../../../server/grader/submission';

describe(`rule: ${unknownCode.id}`, () => {
  const { gradeWithSets } = withFixtureGrading();

  it.each([
    [
      'a code that does not exist',
      { addDiagnoses: ['E11.655'] },
      'absent',
      'E11.655',
      { system: 'ICD-10-CM', version: '2026' },
    ],
    [
      'a terminated HCPCS code',
      { addProcedures: ['J1030'] },
      'terminated',
      'J1030',
      { terminated: '2024-03-31', date: '2026-03-14' },
    ],
  ])('%s', (_name, change, messageId, submitted, data) => {
    const result = gradeWithSets(outpatientFixture, variant(PERFECT_OUTPATIENT, change));
    const found = problemsOf(result.findings).filter((f) => f.submitted === submitted);
    expect(found).toEqual([{ kind: 'unknown-code', messageId, expected: undefined, submitted }]);
    expect(result.findings.find((f) => f.kind === 'unknown-code')?.data).toMatchObject(data);
  });

  it('explains an unknown code in the right category as unknown, not as a neighbour', () => {
    const result = gradeWithSets(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 3: 'E11.655' } }),
    );
    expect(problemsOf(result.findings).filter((f) => f.kind !== 'missing')).toEqual([
      { kind: 'unknown-code', messageId: 'absent', expected: undefined, submitted: 'E11.655' },
    ]);
  });

  it('is never reported without code sets', () => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { addDiagnoses: ['E11.655'] }));
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'unsupported', messageId: 'diagnosis', expected: undefined, submitted: 'E11.655' },
    ]);
  });

  it('still explains a dropped placeholder as a placeholder, although that code does not exist', () => {
    const result = gradeWithSets(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.61A' } }),
    );
    expect(problemsOf(result.findings)).toContainEqual({
      kind: 'placeholder',
      messageId: 'missing-x',
      expected: 'S82.61XA',
      submitted: 'S82.61A',
    });
  });
});

describeWithOfficialSets('rule: unknown-code with the official code sets', () => {
  it('says that E11.655 does not exist in ICD-10-CM 2026', async () => {
    const result = grade(
      outpatientFixture,
      submissionSchema.parse(variant(PERFECT_OUTPATIENT, { addDiagnoses: ['E11.655'] })),
      { codeSets: await officialCodeSets() },
    );
    expect(result.findings.find((f) => f.submitted === 'E11.655')?.message).toBe(
      'E11.655 is not a code in ICD-10-CM 2026, the code set for this date of service.',
    );
  });
});

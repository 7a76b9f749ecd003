import { excludes1 } from '../../../server/grader/rules/excludes1';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../../fixtures/grading-scenarios';
import { withFixtureGrading } from '../../helpers/fixture-grading';
import { gradeInput } from '../../helpers/grading';

describe(`rule: ${excludes1.id}`, () => {
  const { gradeWithSets } = withFixtureGrading();

  it('reports two codes an Excludes1 note on the category forbids together', () => {
    const result = gradeWithSets(outpatientFixture, variant(PERFECT_OUTPATIENT, { addDiagnoses: ['E10.9'] }));
    const finding = result.findings.find((f) => f.kind === 'excludes1');
    expect(finding).toMatchObject({
      messageId: 'pair',
      submitted: 'E10.9',
      data: { code: 'E11.65', otherCode: 'E10.9', noteFrom: 'E11', note: 'type 1 diabetes mellitus (E10.-)' },
      guideline: 'I.A.12.a',
    });
    // The extra code is also unsupported; the Excludes1 finding explains it and costs nothing more.
    expect(
      result.findings
        .filter((f) => f.submitted === 'E10.9')
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['excludes1', 'unsupported']);
    expect(finding?.credit).toBe(0);
    expect(result.claimReady).toBe(false);
  });

  it('reports each pair once', () => {
    const result = gradeWithSets(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { addDiagnoses: ['E10.9', 'E11.9'] }),
    );
    expect(result.findings.filter((f) => f.kind === 'excludes1')).toHaveLength(2);
  });

  it('is silent without the tabular list', () => {
    const result = gradeInput(outpatientFixture, variant(PERFECT_OUTPATIENT, { addDiagnoses: ['E10.9'] }));
    expect(result.findings.some((f) => f.kind === 'excludes1')).toBe(false);
  });

  it('is silent for codes no note excludes', () => {
    const result = gradeWithSets(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { addDiagnoses: ['Z68.30'] }),
    );
    expect(result.findings.some((f) => f.kind === 'excludes1')).toBe(false);
  });
});

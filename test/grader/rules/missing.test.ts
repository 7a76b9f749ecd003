import { withFixtureGrading } from '../../helpers/fixture-grading';
import { bundledLibrary } from '../../helpers/library';
import { missing } from '../../../server/grader/rules/missing';
import {
  inpatientFixture,
  outpatientFixture,
  PERFECT_INPATIENT,
  PERFECT_OUTPATIENT,
  variant,
} from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${missing.id}`, () => {
  it.each([
    [
      'a secondary diagnosis',
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 2: null } }),
      'diagnosis',
      'H66.91',
    ],
    [
      'a procedure',
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { procedures: { 2: null } }),
      'procedure',
      'J3301 x4',
    ],
    [
      'the principal diagnosis (inpatient)',
      inpatientFixture,
      variant(PERFECT_INPATIENT, { diagnoses: { 0: null } }),
      'principal',
      'K35.30',
    ],
  ])('%s', (_name, scenario, submission, messageId, expected) => {
    const result = gradeInput(scenario, submission);
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'missing', messageId, expected, submitted: undefined },
    ]);
    const finding = result.findings.find((f) => f.kind === 'missing');
    expect(finding?.evidence?.length).toBeGreaterThan(0);
    expect(finding?.rationale).toBeTruthy();
  });

  it('says principal for inpatient and first-listed for outpatient', () => {
    const inpatient = gradeInput(inpatientFixture, {
      diagnoses: ['E87.1'],
      procedures: ['0DTJ4ZZ'],
    }).findings.find((f) => f.kind === 'missing');
    const outpatient = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: null } }),
    ).findings.find((f) => f.kind === 'missing');
    expect(inpatient?.message).toContain('principal diagnosis K35.30');
    expect(outpatient?.message).toContain('first-listed diagnosis S82.61XA');
  });

  it('does not report an optional code left out', () => {
    expect(problemsOf(gradeInput(outpatientFixture, PERFECT_OUTPATIENT).findings)).toEqual([]);
  });

  it('reports everything missing for an empty submission, scoring zero', () => {
    const result = gradeInput(outpatientFixture, {});
    expect(result.findings.map((f) => f.kind)).toEqual(Array(8).fill('missing'));
    expect(result.score).toEqual({ earned: 0, possible: 9, percent: 0 });
  });
});

describe('rule: missing, pointed at by a tabular note', () => {
  const { gradeWithSets } = withFixtureGrading();

  it('says which code’s "use additional code" note asks for the missing code', async () => {
    const office = (await bundledLibrary()).get('office-diabetes-hyperglycemia-followup');
    if (!office) throw new Error('bundled scenario missing');
    const result = gradeWithSets(office, { diagnoses: ['E11.65', 'I10', 'E78.5'], procedures: ['99214'] });
    const finding = result.findings.find((f) => f.kind === 'missing');
    expect(finding).toMatchObject({
      messageId: 'noted',
      expected: 'Z79.84',
      data: { noteCode: 'E11.65', noteLabel: 'use additional code' },
      guideline: 'I.B.7',
    });
    expect(finding?.message).toContain('code to identify control using: oral hypoglycemic drugs (Z79.84)');
  });
});

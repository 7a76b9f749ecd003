import { wrongSection } from '../../../server/grader/rules/wrong-section';
import {
  inpatientFixture,
  outpatientFixture,
  PERFECT_INPATIENT,
  PERFECT_OUTPATIENT,
  variant,
} from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${wrongSection.id}`, () => {
  it.each([
    [
      'an expected CPT code typed into diagnoses',
      outpatientFixture,
      {
        ...variant(PERFECT_OUTPATIENT, { procedures: { 1: null } }),
        diagnoses: [...PERFECT_OUTPATIENT.diagnoses, '29515'],
      },
      'right-code',
      '29515-RT',
      '29515',
      0.5,
    ],
    [
      'an expected HCPCS code typed into diagnoses (also an ICD-10-CM shape)',
      outpatientFixture,
      {
        ...variant(PERFECT_OUTPATIENT, { procedures: { 2: null } }),
        diagnoses: [...PERFECT_OUTPATIENT.diagnoses, 'J3301'],
      },
      'right-code',
      'J3301 x4',
      'J3301',
      0.5,
    ],
    [
      'an expected diagnosis typed into procedures',
      outpatientFixture,
      {
        ...variant(PERFECT_OUTPATIENT, { diagnoses: { 3: null } }),
        procedures: [...PERFECT_OUTPATIENT.procedures, 'E11.65'],
      },
      'right-code',
      'E11.65',
      'E11.65',
      0.5,
    ],
    [
      'the PCS code typed into diagnoses (inpatient)',
      inpatientFixture,
      { diagnoses: ['K35.30', 'E87.1', '0DTJ4ZZ'], procedures: [] },
      'right-code',
      '0DTJ4ZZ',
      '0DTJ4ZZ',
      0.5,
    ],
    [
      'CPT in an inpatient facility case',
      inpatientFixture,
      variant(PERFECT_INPATIENT, { addProcedures: ['44970'] }),
      'not-pcs-inpatient',
      undefined,
      '44970',
      -0.5,
    ],
    [
      'PCS in an outpatient case',
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { addProcedures: ['0DTJ4ZZ'] }),
      'pcs-outpatient',
      undefined,
      '0DTJ4ZZ',
      -0.5,
    ],
    [
      'a CPT code typed into diagnoses that is no expected code',
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { addDiagnoses: ['99213'] }),
      'procedure-in-diagnoses',
      undefined,
      '99213',
      -0.5,
    ],
    [
      'a diagnosis typed into procedures that is no expected code',
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { addProcedures: ['I10.'] }),
      'diagnosis-in-procedures',
      undefined,
      'I10',
      -0.5,
    ],
  ])('%s', (_name, scenario, submission, messageId, expected, submitted, credit) => {
    const result = gradeInput(scenario, submission);
    expect(problemsOf(result.findings)).toEqual([{ kind: 'wrong-section', messageId, expected, submitted }]);
    expect(result.findings.find((f) => f.kind === 'wrong-section')?.credit).toBe(credit);
    expect(result.claimReady).toBe(false);
  });
});

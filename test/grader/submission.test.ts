import { readSubmission, submissionSchema } from '../../server/grader/submission';
import { inpatientFixture, outpatientFixture } from '../fixtures/grading-scenarios';

const read = (input: Parameters<typeof submissionSchema.parse>[0], scenario = outpatientFixture) =>
  readSubmission(submissionSchema.parse(input), scenario);

describe('reading a submission', () => {
  it.each([
    ['e1165', { code: 'E11.65', system: 'ICD-10-CM' }],
    [' S82.61xa ', { code: 'S82.61XA', system: 'ICD-10-CM' }],
    ['J1100', { code: 'J11.00', system: 'ICD-10-CM' }],
    [
      'J3301',
      {
        code: 'J3301',
        system: 'HCPCS',
        problem: expect.objectContaining({ kind: 'wrong-section', belongsIn: 'procedures' }),
      },
    ],
    ['99284', { code: '99284', system: 'CPT', problem: expect.objectContaining({ kind: 'wrong-section' }) }],
    ['<img src=x>', { system: null, problem: expect.objectContaining({ kind: 'invalid-format' }) }],
  ])('diagnosis %j', (raw, expected) => {
    expect(read({ diagnoses: [raw] })[0]).toMatchObject(expected);
  });

  it.each([
    [
      '27786-rt x2',
      outpatientFixture,
      { code: '27786', system: 'CPT', line: { code: '27786', modifiers: ['RT'], units: 2 } },
    ],
    ['J3301 x4', outpatientFixture, { code: 'J3301', system: 'HCPCS' }],
    [
      'E11.65',
      outpatientFixture,
      { code: 'E11.65', problem: expect.objectContaining({ kind: 'wrong-section', belongsIn: 'diagnoses' }) },
    ],
    [
      '0DTJ4ZZ',
      outpatientFixture,
      { problem: { kind: 'wrong-section', messageId: 'pcs-outpatient', data: { system: 'ICD-10-PCS' } } },
    ],
    ['0dtj4zz', inpatientFixture, { code: '0DTJ4ZZ', system: 'ICD-10-PCS' }],
    [
      '44970',
      inpatientFixture,
      { problem: { kind: 'wrong-section', messageId: 'not-pcs-inpatient', data: { system: 'CPT' } } },
    ],
    ['27786-RIGHT', outpatientFixture, { problem: expect.objectContaining({ kind: 'invalid-format' }) }],
  ])('procedure %j', (raw, scenario, expected) => {
    expect(read({ procedures: [raw] }, scenario)[0]).toMatchObject(expected);
  });

  it('numbers entries per section and skips blank rows', () => {
    const entries = read({
      diagnoses: ['', 'I10', ' ', 'E11.65'],
      procedures: ['', { code: '29515', modifiers: ['rt'] }],
    });
    expect(entries.map((e) => [e.section, e.index, e.code])).toEqual([
      ['diagnoses', 0, 'I10'],
      ['diagnoses', 1, 'E11.65'],
      ['procedures', 0, '29515'],
    ]);
    expect(entries[2].line?.modifiers).toEqual(['RT']);
  });

  it.each([
    [{ diagnoses: 'I10' }],
    [{ diagnoses: [1] }],
    [{ procedures: [{ code: '20610', units: 1.5 }] }],
    [{ diagnoses: Array(51).fill('I10') }],
    [{ diagnoses: ['x'.repeat(61)] }],
    [{ extra: true }],
  ])('rejects the shape %j', (input) => {
    expect(submissionSchema.safeParse(input).success).toBe(false);
  });
});

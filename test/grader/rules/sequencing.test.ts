import { sequencing } from '../../../server/grader/rules/sequencing';
import type { ScenarioModel } from '../../../server/scenarios/model';
import { inpatientFixture, outpatientFixture, PERFECT_OUTPATIENT } from '../../fixtures/grading-scenarios';
import { gradeInput, problemsOf } from '../../helpers/grading';

describe(`rule: ${sequencing.id}`, () => {
  it.each([
    [
      'principal given second (inpatient)',
      inpatientFixture,
      ['E87.1', 'K35.30'],
      'not-first',
      'K35.30',
      { position: 'second', firstCode: 'E87.1', principalLabel: 'principal' },
      'II',
    ],
    [
      'external cause listed first',
      outpatientFixture,
      ['W11.XXXA', 'S82.61XA', 'H66.91', 'E11.65'],
      'external-cause-first',
      'S82.61XA',
      { firstCode: 'W11.XXXA', principalLabel: 'first-listed' },
      'I.C.20',
    ],
    [
      'a secondary diagnosis first (outpatient)',
      outpatientFixture,
      ['H66.91', 'S82.61XA', 'W11.XXXA', 'E11.65'],
      'not-first',
      'S82.61XA',
      { firstCode: 'H66.91' },
      'IV.G',
    ],
  ])('%s', (_name, scenario, diagnoses, messageId, expected, data, guideline) => {
    const procedures = scenario === inpatientFixture ? ['0DTJ4ZZ'] : PERFECT_OUTPATIENT.procedures;
    const result = gradeInput(scenario, { diagnoses, procedures });
    expect(problemsOf(result.findings)).toEqual([
      { kind: 'sequencing', messageId, expected, submitted: expected },
    ]);
    const finding = result.findings.find((f) => f.kind === 'sequencing');
    expect(finding?.data).toMatchObject(data);
    expect(finding?.guideline).toBe(guideline);
    expect(result.score.earned).toBe(result.score.possible - 1);
    expect(result.claimReady).toBe(false);
  });

  it('lists the sequencing finding first', () => {
    const result = gradeInput(inpatientFixture, { diagnoses: ['E87.1', 'K35.30'], procedures: ['0DTJ4ZZ'] });
    expect(result.findings[0].kind).toBe('sequencing');
  });

  it('keeps the position point when the principal is first but a near miss', () => {
    const result = gradeInput(inpatientFixture, { diagnoses: ['K35.31', 'E87.1'], procedures: ['0DTJ4ZZ'] });
    expect(result.findings.some((f) => f.kind === 'sequencing')).toBe(false);
    expect(result.score.earned).toBe(4 - 1 + 0.25);
  });
});

describe('rule: sequencing, when the principal is given later as a listed wrong answer', () => {
  it('keeps the scenario feedback on the near-miss finding, not on the sequencing one', () => {
    // S82.64XA (nondisplaced) is a distractor and a specificity near miss of the principal S82.61XA.
    const result = gradeInput(outpatientFixture, {
      diagnoses: ['W11.XXXA', 'S82.64XA'],
      procedures: PERFECT_OUTPATIENT.procedures,
    });
    const sequencingFinding = result.findings.find((f) => f.kind === 'sequencing');
    expect(sequencingFinding?.feedback).toBeUndefined();
    expect(sequencingFinding?.message).not.toContain('The x-ray says displaced.');
    expect(result.findings.find((f) => f.kind === 'specificity')?.feedback).toBe('The x-ray says displaced.');
  });
});

describe('rule: sequencing, when the key says a second diagnosis may equally be first', () => {
  const either: ScenarioModel = {
    ...inpatientFixture,
    answerKey: {
      ...inpatientFixture.answerKey,
      diagnoses: [
        inpatientFixture.answerKey.diagnoses[0],
        { ...inpatientFixture.answerKey.diagnoses[1], mayBeFirst: true },
      ],
    },
  };

  it.each([
    ['the principal first', ['K35.30', 'E87.1'], false],
    ['the other diagnosis first', ['E87.1', 'K35.30'], false],
  ])('accepts %s with the position point', (_name, diagnoses, reported) => {
    const result = gradeInput(either, { diagnoses, procedures: ['0DTJ4ZZ'] });
    expect(result.findings.some((f) => f.kind === 'sequencing')).toBe(reported);
    expect(result.score).toMatchObject({ earned: 4, possible: 4 });
    expect(result.claimReady).toBe(true);
  });

  it('still reports a diagnosis the key does not accept as first', () => {
    const result = gradeInput(inpatientFixture, { diagnoses: ['E87.1', 'K35.30'], procedures: ['0DTJ4ZZ'] });
    expect(result.findings.some((f) => f.kind === 'sequencing')).toBe(true);
  });
});

import { formatProcedureLine } from '../../server/codes/procedure-line';
import { compactResult, expandResult } from '../../server/practice/compact-result';
import { outpatientFixture, PERFECT_OUTPATIENT, variant } from '../fixtures/grading-scenarios';
import { gradeInput, titlesFrom } from '../helpers/grading';
import { bundledLibrary } from '../helpers/library';

describe('stored results', () => {
  it('expand to exactly what the grader returned, for near misses of every kind', async () => {
    const titles = titlesFrom({
      'S82.62XA':
        'Displaced fracture of lateral malleolus of left fibula, initial encounter for closed fracture',
    });
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, {
        diagnoses: { 0: 'S82.62XA', 1: 'W11A' },
        procedures: { 0: '99284', 2: 'J3301 x40' },
        addDiagnoses: ['M25.571', 'I10', '<b>'],
      }),
      titles,
    );
    const stored = compactResult(result, outpatientFixture);
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(result).length * 0.7);
    expect(expandResult(JSON.parse(JSON.stringify(stored)), outpatientFixture)).toEqual(result);
  });

  it('expand to the original for the answer key and a partial answer of every bundled scenario', async () => {
    for (const scenario of (await bundledLibrary()).list()) {
      const diagnoses = scenario.answerKey.diagnoses.map((d) => d.code);
      const procedures = scenario.answerKey.procedures.map((p) => formatProcedureLine(p));
      for (const submission of [
        { diagnoses, procedures },
        { diagnoses: diagnoses.slice(1), procedures: procedures.slice(1) },
      ]) {
        const result = gradeInput(scenario, submission);
        expect(expandResult(compactResult(result, scenario), scenario)).toEqual(result);
      }
    }
  });

  it('still shows what it can when the scenario is gone', () => {
    const result = gradeInput(
      outpatientFixture,
      variant(PERFECT_OUTPATIENT, { diagnoses: { 0: 'S82.62XA' } }),
    );
    const expanded = expandResult(compactResult(result, outpatientFixture), undefined);
    expect(expanded.score).toEqual(result.score);
    expect(expanded.findings.map((f) => f.message)).toEqual(result.findings.map((f) => f.message));
    expect(expanded.findings[0].codeDiff).toEqual(result.findings[0].codeDiff);
  });
});

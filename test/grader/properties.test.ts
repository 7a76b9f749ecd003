/**
 * Properties that must hold for every bundled scenario, whatever it teaches.
 */
import { formatProcedureLine } from '../../server/codes/procedure-line';
import type { ScenarioModel } from '../../server/scenarios/model';
import { gradeInput } from '../helpers/grading';
import { bundledLibrary } from '../helpers/library';

function answerKeyOf(scenario: ScenarioModel) {
  return {
    diagnoses: scenario.answerKey.diagnoses.map((d) => d.code),
    procedures: scenario.answerKey.procedures.map((p) => formatProcedureLine(p)),
  };
}

function requiredOnly(scenario: ScenarioModel) {
  return {
    diagnoses: scenario.answerKey.diagnoses.filter((d) => !d.optional).map((d) => d.code),
    procedures: scenario.answerKey.procedures.filter((p) => !p.optional).map((p) => formatProcedureLine(p)),
  };
}

const summary = (r: ReturnType<typeof gradeInput>) => ({
  score: r.score,
  claimReady: r.claimReady,
  findings: r.findings.map((f) => `${f.kind} ${f.expected ?? '-'} ${f.submitted ?? '-'}`).sort(),
});

/** Codes no bundled key uses, in every section's shape. */
const EXTRA_DIAGNOSES = ['Z99.89', 'L70.0', 'H52.4'];
const EXTRA_PROCEDURES = { outpatient: ['36415', 'A4550'], inpatient: ['0W9G3ZZ'] };

describe('grading properties over every bundled scenario', () => {
  let scenarios: ScenarioModel[];
  beforeAll(async () => {
    scenarios = (await bundledLibrary()).list();
  });

  it('has scenarios to check', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
  });

  it('scores the answer key 100% and claim-ready, with or without the optional codes', () => {
    for (const scenario of scenarios) {
      for (const submission of [answerKeyOf(scenario), requiredOnly(scenario)]) {
        const result = gradeInput(scenario, submission);
        expect({
          id: scenario.id,
          percent: result.score.percent,
          claimReady: result.claimReady,
          wrong: result.findings.filter((f) => f.kind !== 'correct').map((f) => f.message),
        }).toEqual({
          id: scenario.id,
          percent: 100,
          claimReady: true,
          wrong: [],
        });
      }
    }
  });

  it('does not care about the order of secondary diagnoses or of procedures', () => {
    for (const scenario of scenarios) {
      const key = answerKeyOf(scenario);
      const reordered = {
        diagnoses: [key.diagnoses[0], ...key.diagnoses.slice(1).reverse()],
        procedures: [...key.procedures].reverse(),
      };
      expect(summary(gradeInput(scenario, reordered))).toEqual(summary(gradeInput(scenario, key)));
      // The same holds for an imperfect submission (last secondary code dropped).
      const partial = { diagnoses: key.diagnoses.slice(0, -1), procedures: key.procedures };
      if (partial.diagnoses.length > 2) {
        const shuffled = {
          ...partial,
          diagnoses: [partial.diagnoses[0], ...partial.diagnoses.slice(1).reverse()],
        };
        expect(summary(gradeInput(scenario, shuffled))).toEqual(summary(gradeInput(scenario, partial)));
      }
    }
  });

  it('never raises the score when an unsupported code is added', () => {
    for (const scenario of scenarios) {
      const key = answerKeyOf(scenario);
      const bases = [
        key,
        requiredOnly(scenario),
        { diagnoses: key.diagnoses.slice(1), procedures: key.procedures.slice(1) },
        { diagnoses: [], procedures: [] },
      ];
      const keyCodes = new Set([...key.diagnoses, ...key.procedures.map((p) => p.split(/[- ]/)[0])]);
      for (const base of bases) {
        const before = gradeInput(scenario, base).score.earned;
        for (const extra of EXTRA_DIAGNOSES.filter((c) => !keyCodes.has(c))) {
          expect(
            gradeInput(scenario, { ...base, diagnoses: [...base.diagnoses, extra] }).score.earned,
          ).toBeLessThanOrEqual(before);
        }
        // An extra in the same PCS table or code family as an expected code is a near miss, not unsupported.
        const nearMiss = (c: string) => [...keyCodes].some((k) => k.slice(0, 3) === c.slice(0, 3));
        for (const extra of EXTRA_PROCEDURES[scenario.setting].filter(
          (c) => !keyCodes.has(c) && !nearMiss(c),
        )) {
          expect(
            gradeInput(scenario, { ...base, procedures: [...base.procedures, extra] }).score.earned,
          ).toBeLessThanOrEqual(before);
        }
      }
    }
  });

  it('gives every distractor its feedback', () => {
    for (const scenario of scenarios) {
      for (const d of scenario.answerKey.distractors) {
        const key = answerKeyOf(scenario);
        const submission =
          d.section === 'diagnoses'
            ? { ...key, diagnoses: [...key.diagnoses, d.code] }
            : { ...key, procedures: [...key.procedures, d.line ? formatProcedureLine(d.line) : d.code] };
        const result = gradeInput(scenario, submission);
        const finding = result.findings.find((f) => f.feedback === d.feedback);
        expect({
          id: scenario.id,
          code: d.code,
          found: finding?.message.includes(d.feedback) ?? false,
        }).toEqual({ id: scenario.id, code: d.code, found: true });
        expect(result.claimReady).toBe(false);
      }
    }
  });

  it('fills every placeholder of every message it renders', () => {
    for (const scenario of scenarios) {
      const key = answerKeyOf(scenario);
      const messy = {
        diagnoses: [
          ...key.diagnoses.slice(1),
          key.diagnoses[0].slice(0, 3),
          'Z99.89',
          key.diagnoses[1] ?? 'X',
          '<b>',
        ],
        procedures: key.procedures.map((p) => `${p.split(/[- ]/)[0]} x3`),
      };
      for (const f of gradeInput(scenario, messy).findings) {
        expect(`${f.message} ${f.hint ?? ''}`).not.toMatch(/\{\{|undefined/);
      }
    }
  });
});

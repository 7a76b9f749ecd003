/** The answer key as the matcher sees it, built once per scenario. */
import { formatProcedureLine } from '../codes/procedure-line';
import { comparisonKey } from '../codes/systems';
import type { ScenarioSnapshot } from '../scenarios/model';
import type { ExpectedEntry } from './types';

const cache = new WeakMap<ScenarioSnapshot, ExpectedEntry[]>();

export function expectedEntries(scenario: ScenarioSnapshot): ExpectedEntry[] {
  let entries = cache.get(scenario);
  if (entries) return entries;
  const diagnoses = scenario.answerKey.diagnoses.map((d, index): ExpectedEntry => ({
    section: 'diagnoses',
    index,
    code: d.code,
    display: d.code,
    system: 'ICD-10-CM',
    title: d.description,
    rationale: d.rationale,
    evidence: d.evidence,
    guideline: d.guideline,
    optional: d.optional,
    mayBeFirst: index === 0 || d.mayBeFirst,
    forms: [d.code, ...d.alternatives].map((code, i) => ({
      code,
      key: comparisonKey('ICD-10-CM', code),
      isAlternative: i > 0,
    })),
    groups: [],
  }));
  const procedures = scenario.answerKey.procedures.map((p, index): ExpectedEntry => {
    const line = { code: p.code, modifiers: p.modifiers, units: p.units };
    return {
      section: 'procedures',
      index,
      code: p.code,
      display: formatProcedureLine(line),
      system: p.system,
      line,
      title: p.description,
      rationale: p.rationale,
      evidence: p.evidence,
      guideline: p.guideline,
      optional: p.optional,
      mayBeFirst: false,
      forms: [line, ...p.alternatives].map((form, i) => ({
        code: form.code,
        key: form.code,
        line: form,
        isAlternative: i > 0,
      })),
      groups: p.alternativeGroups.map((group) =>
        group.map((form) => ({ code: form.code, key: form.code, line: form, isAlternative: true })),
      ),
    };
  });
  entries = [...diagnoses, ...procedures];
  cache.set(scenario, entries);
  return entries;
}

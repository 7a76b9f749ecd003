/**
 * Titles the scenario library already knows: every expected ICD-10-CM, ICD-10-PCS and
 * HCPCS code carries its official long title, so a code expected in one scenario is
 * explained by title in all of them.
 */
import { comparisonKey, type CodeSystem } from '../codes/systems';
import type { ScenarioModel } from '../scenarios/model';
import type { TitleLookup } from './types';

export function titlesFromScenarios(scenarios: readonly ScenarioModel[]): TitleLookup {
  const titles = new Map<string, string>();
  const add = (system: CodeSystem, code: string, title: string) => {
    const key = `${system}|${comparisonKey(system, code)}`;
    if (!titles.has(key)) titles.set(key, title);
  };
  for (const s of scenarios) {
    for (const d of s.answerKey.diagnoses) add('ICD-10-CM', d.code, d.description);
    // CPT descriptions are each scenario's own words, not official titles.
    for (const p of s.answerKey.procedures) if (p.system !== 'CPT') add(p.system, p.code, p.description);
  }
  return { title: (system, code) => titles.get(`${system}|${comparisonKey(system, code)}`) };
}

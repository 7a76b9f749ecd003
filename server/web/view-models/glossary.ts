/**
 * The glossary page: entries found by a search (term, expansion, aliases, definition and
 * coding note, best matches first) or by first letter, each with the scenarios whose
 * reports use it. Exam-only scenarios are named to trainers only.
 */
import type { GlossaryEntry } from '../../glossary/glossary';
import type { ScenarioModel } from '../../scenarios/model';

export const MAX_RESULTS = 200;

export function firstLetter(term: string): string {
  const c = term.normalize('NFKD').charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '#';
}

/** Scenarios by the entries their reports use. */
export function usageIndex(
  scenarios: readonly ScenarioModel[],
  find: (scenario: ScenarioModel) => ReadonlyArray<{ entryId: string }>,
): Map<string, ScenarioModel[]> {
  const usage = new Map<string, ScenarioModel[]>();
  for (const scenario of scenarios)
    for (const id of new Set(find(scenario).map((m) => m.entryId))) {
      const list = usage.get(id) ?? [];
      list.push(scenario);
      usage.set(id, list);
    }
  return usage;
}

/** Entries matching a search, the closest first: the term itself, then its start, then anywhere. */
export function searchEntries(entries: readonly GlossaryEntry[], query: string): GlossaryEntry[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const rank = (e: GlossaryEntry): number => {
    const names = [e.term, ...(e.aliases ?? [])].map((t) => t.toLowerCase());
    if (names.includes(q)) return 0;
    if (names.some((t) => t.startsWith(q))) return 1;
    if (e.expansion?.toLowerCase().includes(q) || names.some((t) => t.includes(q))) return 2;
    if (e.definition.toLowerCase().includes(q) || e.coding?.toLowerCase().includes(q)) return 3;
    return 4;
  };
  return entries
    .map((e) => ({ e, r: rank(e) }))
    .filter((x) => x.r < 4)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.e);
}

/** A code in its place in the official sets: what the code page and the look-up API show. */
import type { CodeSets } from '../../codesets/code-sets';
import { SYSTEM_IDS, type CodeSystem } from '../../codes/systems';

export function codeDetail(codeSets: CodeSets, system: CodeSystem, code: string, date?: string) {
  const entry = codeSets.lookup(system, code, date);
  if (!entry) return undefined;
  const children = codeSets.childrenOf(system, entry.code);
  const tabular = system === 'ICD-10-CM' ? codeSets.tabular : undefined;
  const sevenths = system === 'ICD-10-CM' ? codeSets.seventhCharacters(entry.code, date) : undefined;
  return {
    ...entry,
    system: SYSTEM_IDS[system],
    systemName: system,
    parents: codeSets.parentsOf(system, entry.code, date),
    children: {
      total: children.total,
      items: children.children.map((c) => ({ code: c.code, title: c.title, billable: c.billable })),
    },
    notes: tabular?.notesFor(entry.code) ?? [],
    sevenCharacters: (sevenths?.values ?? []).map(({ char, text, notes }) => ({
      char,
      meaning: text,
      notes,
    })),
    /** Where the notes and 7th characters come from, when that is not the code's own year. */
    notesFrom:
      tabular && tabular.info.version !== entry.version
        ? { version: tabular.info.version, older: tabular.info.version < entry.version }
        : undefined,
    seventhFromTitles: sevenths?.source === 'titles',
  };
}

/** The official code sets as Handoff keeps them: what was imported, and each code's row. */
import type { CodeSystem } from '../codes/systems';

export type SetKind = 'icd10cm' | 'icd10pcs' | 'hcpcs' | 'cpt' | 'icd10cm-tabular';

export const SYSTEM_OF_KIND: Record<Exclude<SetKind, 'icd10cm-tabular'>, CodeSystem> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  hcpcs: 'HCPCS',
  cpt: 'CPT',
};

export interface SetInfo {
  kind: SetKind;
  /** e.g. "2026" (fiscal year) or "2026-01" (HCPCS quarterly release). */
  version: string;
  /** The first and last dates of service the set applies to (YYYY-MM-DD). */
  effectiveFrom: string;
  effectiveTo: string;
  source: { file: string; member?: string; sha256: string };
  importedAt: string;
  count: number;
  billableCount: number;
}

export interface CodeRow {
  /** ICD-10-CM without its dot, as the CMS files write it. */
  code: string;
  billable: boolean;
  title: string;
  /** HCPCS only: YYYY-MM-DD the code was added and terminated (empty when active). */
  added?: string;
  terminated?: string;
}

export interface ParsedCodeSet {
  kind: Exclude<SetKind, 'icd10cm-tabular'>;
  version: string;
  effectiveFrom: string;
  effectiveTo: string;
  rows: CodeRow[];
  /** HCPCS only: the modifiers and their descriptions. */
  modifiers?: Array<{ code: string; title: string }>;
}

export const NOTE_KINDS = [
  'inclusionTerm',
  'includes',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
  'sevenChrNote',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** One value of a category's 7th character, with every note line the tabular list gives under it. */
export interface SeventhCharacter {
  char: string;
  text: string;
  notes: string[];
}

export type TabularKind = 'chapter' | 'section' | 'category' | 'subcategory';

export interface TabularNode {
  /** Unique by kind and id: "chapter 19", "section T07", or a code with its dot ("T07", "E11.65"). */
  key: string;
  /** As shown: "chapter 19", the section's id ("S80-S89", "T07"), or the code. */
  code: string;
  kind: TabularKind;
  title: string;
  /** The key of the node above (absent for a chapter). */
  parent?: string;
  children: string[];
  notes: Partial<Record<NoteKind, string[]>>;
  /** 7th-character values defined here (they apply to every code below). */
  sevenChr?: SeventhCharacter[];
}

/** Version of the stored tabular index; an older one (keyed by id alone) is refused and must be imported again. */
export const TABULAR_FORMAT = 2;

export interface ParsedTabular {
  kind: 'icd10cm-tabular';
  format: typeof TABULAR_FORMAT;
  version: string;
  effectiveFrom: string;
  effectiveTo: string;
  /** Keys of the chapters, in order. */
  chapters: string[];
  nodes: Record<string, TabularNode>;
}

/** The key of a tabular node: sections and chapters apart from the codes they share ids with. */
export function tabularKey(kind: 'chapter' | 'section' | 'code', id: string): string {
  return kind === 'code' ? id : `${kind} ${id}`;
}

/** No chain in the tabular list is longer: chapter, section, category, and up to four levels of codes. */
export const MAX_TABULAR_DEPTH = 8;

/**
 * Refuse a hierarchy a walk up could not finish: a parent that is missing or does not
 * list the child, a chain longer than any the list has, or a chain that never reaches a
 * chapter (a cycle).
 */
export function checkHierarchy(tabular: Pick<ParsedTabular, 'nodes' | 'chapters'>, fileName: string): void {
  for (const chapter of tabular.chapters) {
    if (tabular.nodes[chapter]?.kind !== 'chapter')
      throw new ImportError(`${fileName}: chapter ${chapter} is listed but not defined`);
  }
  for (const node of Object.values(tabular.nodes)) {
    let at = node;
    for (let depth = 0; at.kind !== 'chapter'; depth++) {
      if (depth >= MAX_TABULAR_DEPTH)
        throw new ImportError(
          `${fileName}: the chain above ${node.code} does not reach a chapter within ${MAX_TABULAR_DEPTH} levels (a cycle?)`,
        );
      const parent = at.parent === undefined ? undefined : tabular.nodes[at.parent];
      if (!parent)
        throw new ImportError(
          `${fileName}: ${at.kind} ${at.code} has no parent ${at.parent === undefined ? '' : `(${at.parent} is missing)`}`.trimEnd(),
        );
      if (!parent.children.includes(at.key))
        throw new ImportError(`${fileName}: ${parent.code} does not list ${at.code} among its children`);
      at = parent;
    }
  }
}

export class ImportError extends Error {}

/** "2025-10-01 to 2026-09-30", or "from 2026-01-01" for a release with no set end. */
export function describeDates(info: Pick<SetInfo, 'effectiveFrom' | 'effectiveTo'>): string {
  return info.effectiveTo === '9999-12-31'
    ? `from ${info.effectiveFrom}`
    : `${info.effectiveFrom} to ${info.effectiveTo}`;
}

/** ICD-10-CM and ICD-10-PCS fiscal year N runs from October 1 of N-1 to September 30 of N. */
export function fiscalYearRange(year: number): { effectiveFrom: string; effectiveTo: string } {
  return { effectiveFrom: `${year - 1}-10-01`, effectiveTo: `${year}-09-30` };
}

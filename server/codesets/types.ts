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

export const NOTE_KINDS = ['inclusionTerm', 'includes', 'excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso', 'notes', 'sevenChrNote'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface TabularNode {
  /** Code with its dot (E11.65), a section range (E08-E13), or "chapter 4". */
  id: string;
  kind: 'chapter' | 'section' | 'category' | 'subcategory';
  title: string;
  parent?: string;
  children: string[];
  notes: Partial<Record<NoteKind, string[]>>;
  /** 7th-character values defined here (they apply to every code below). */
  sevenChr?: Record<string, string>;
}

export interface ParsedTabular {
  kind: 'icd10cm-tabular';
  version: string;
  effectiveFrom: string;
  effectiveTo: string;
  chapters: string[];
  nodes: Record<string, TabularNode>;
}

export class ImportError extends Error {}

/** "2025-10-01 to 2026-09-30", or "from 2026-01-01" for a release with no set end. */
export function describeDates(info: Pick<SetInfo, 'effectiveFrom' | 'effectiveTo'>): string {
  return info.effectiveTo === '9999-12-31' ? `from ${info.effectiveFrom}` : `${info.effectiveFrom} to ${info.effectiveTo}`;
}

/** ICD-10-CM and ICD-10-PCS fiscal year N runs from October 1 of N-1 to September 30 of N. */
export function fiscalYearRange(year: number): { effectiveFrom: string; effectiveTo: string } {
  return { effectiveFrom: `${year - 1}-10-01`, effectiveTo: `${year}-09-30` };
}

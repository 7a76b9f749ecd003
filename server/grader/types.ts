/**
 * The grading contract: what a trainee submits and the result every view renders.
 * A finding is data (kind, codes, template data, diffs); wording comes from the
 * rule's message templates, rendered once when the finding is made.
 */
import type { ProcedureLine } from '../codes/procedure-line';
import type { CodeSystem } from '../codes/systems';
import type { Section } from '../scenarios/model';

export const FINDING_KINDS = [
  'correct',
  'missing',
  'unsupported',
  'distractor',
  'duplicate',
  'sequencing',
  'specificity',
  'laterality',
  'encounter',
  'placeholder',
  'not-billable',
  'unknown-code',
  'invalid-format',
  'wrong-section',
  'modifier',
  'units',
  'pcs-axis',
  'excludes1',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type Severity = 'ok' | 'error';

/** One piece of a diff: text both share, or text only the expected or the submitted side has. */
export interface DiffPart {
  text: string;
  side: 'both' | 'expected' | 'submitted';
}

export interface Finding {
  kind: FindingKind;
  messageId: string;
  severity: Severity;
  section: Section;
  /** The expected code (procedures: the line, e.g. `27786-RT`), in standard form. */
  expected?: string;
  /** The submitted code in standard form, or as typed when it could not be read. */
  submitted?: string;
  /** Position in the answer key's list for the section (0-based). */
  expectedIndex?: number;
  /** Position in the trainee's list for the section (0-based). */
  submittedIndex?: number;
  /** One line: what is right or wrong. */
  message: string;
  /** What to do about it, when something is wrong. */
  hint?: string;
  /** The values the templates were filled with, for tests and other renderers. */
  data: Record<string, string | number>;
  /** Points this finding adds (or, when negative, takes away). */
  credit: number;
  codeDiff?: DiffPart[];
  expectedTitle?: string;
  submittedTitle?: string;
  titleDiff?: DiffPart[];
  rationale?: string;
  evidence?: string[];
  guideline?: string;
  /** The scenario's feedback when the submitted code is a listed wrong answer. */
  feedback?: string;
}

export interface Score {
  earned: number;
  possible: number;
  percent: number;
}

export interface GradeResult {
  scenarioId: string;
  score: Score;
  claimReady: boolean;
  findings: Finding[];
}

/** A submitted diagnosis or procedure after reading: where it was entered and what it is. */
export interface SubmittedEntry {
  section: Section;
  index: number;
  /** As typed (trimmed), for showing back when the code cannot be read. */
  raw: string;
  /** Standard form of the code (ICD-10-CM with its dot), or the cleaned text. */
  code: string;
  /** What comparisons use: ICD-10-CM without its dot, other codes as they are. */
  key: string;
  /** The code system it belongs to, when its shape tells. */
  system: CodeSystem | null;
  /** For procedures: modifiers and units. */
  line?: ProcedureLine;
  /** Why it cannot be graded where it was entered. */
  problem?: { kind: 'invalid-format' | 'wrong-section'; reason: string; belongsIn?: Section };
}

/** One way of being right for an expected code: its own code or an accepted alternative. */
export interface AcceptedForm {
  code: string;
  /** What comparisons use: ICD-10-CM without its dot, other codes as they are. */
  key: string;
  line?: ProcedureLine;
  isAlternative: boolean;
}

/** An expected code of the answer key, as the matcher sees it. */
export interface ExpectedEntry {
  section: Section;
  index: number;
  code: string;
  /** The expected line in claim form (procedures) or the code (diagnoses). */
  display: string;
  system: CodeSystem;
  line?: ProcedureLine;
  title: string;
  rationale: string;
  evidence: string[];
  guideline?: string;
  optional: boolean;
  forms: AcceptedForm[];
  /** Groups of lines that together replace this line (procedures). */
  groups: AcceptedForm[][];
}

/** Official titles, when a code set or the library knows them. */
export interface TitleLookup {
  title(system: CodeSystem, code: string): string | undefined;
}

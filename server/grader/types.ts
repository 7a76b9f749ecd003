/**
 * The grading contract: what a trainee submits and the result every view renders.
 * A finding is data (kind, codes, template data, diffs); wording comes from the
 * rule's message templates, rendered once when the finding is made.
 */
import type { ProcedureLine } from '../codes/procedure-line';
import type { CodeSystem } from '../codes/systems';
import type { KeyDistractor, Section } from '../scenarios/model';
import type { CodeEntry } from '../codesets/code-sets';

/**
 * A finding kind is the id of the rule that made it; the list of kinds is the registry's
 * (see registry.ts), so a new kind is a new rule and nothing here changes.
 */
export type FindingKind = string;

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
  /** Why it cannot be graded where it was entered: which rule explains it, with which message. */
  problem?: EntryProblem;
}

export interface EntryProblem {
  kind: 'invalid-format' | 'wrong-section';
  messageId: string;
  data: Record<string, string | number>;
  /** The list a misplaced code belongs in. */
  belongsIn?: Section;
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
  /** Also accepted in the principal / first-listed position (the key's first diagnosis always is). */
  mayBeFirst: boolean;
  forms: AcceptedForm[];
  /** Groups of lines that together replace this line (procedures). */
  groups: AcceptedForm[][];
}

/** Official titles, when a code set or the library knows them. */
export interface TitleLookup {
  title(system: CodeSystem, code: string): string | undefined;
}

/** A submitted code paired with the expected code it most nearly is, by the narrowest rule that relates them. */
export interface Pair {
  expected: ExpectedEntry;
  form: AcceptedForm;
  submitted: SubmittedEntry;
  /** The id of the pair rule that related them, and what it found. */
  kind: FindingKind;
  verdict: { messageId: string; data: Record<string, string | number>; guideline?: string };
  /** Paired by the exact-match rule: the submitted code is right. */
  exact: boolean;
}

/** How the submitted codes relate to the answer key, decided once before any rule explains anything. */
export interface MatchResult {
  pairs: Pair[];
  /** Expected codes nothing was paired with (required and optional). */
  unpairedExpected: ExpectedEntry[];
  /** Well-formed submitted codes in the right section that matched nothing. */
  unpairedSubmitted: SubmittedEntry[];
  /** Later copies of a code already submitted, with the first copy. */
  duplicates: Array<{ entry: SubmittedEntry; first: SubmittedEntry }>;
  /** Entries that cannot be graded where they were entered. */
  misplaced: SubmittedEntry[];
  /** Misplaced entries that are exactly an expected code of the other section. */
  misplacedPairs: Array<{ submitted: SubmittedEntry; expected: ExpectedEntry }>;
  /** Distractor feedback by submitted entry. */
  distractors: Map<SubmittedEntry, KeyDistractor>;
  /** A submitted line that, with others, matched a group alternative: the first line and all of them. */
  grouped: Map<SubmittedEntry, SubmittedEntry[]>;
  /** Which rule explains each unpaired submitted code, decided once so each is reported once. */
  unpairedReason: Map<SubmittedEntry, FindingKind>;
  /** The official entry of each well-formed submitted code (null: not in the set; absent: no set to tell). */
  official: Map<SubmittedEntry, CodeEntry | null>;
}

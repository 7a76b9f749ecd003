/**
 * The shape of a grading rule. Like an ESLint rule, a rule owns everything about its
 * kind: a permanent id (the finding kind), its label, its credit, its message templates
 * keyed by message id, where it stands among the rules that explain an unmatched code,
 * and its check. Pair rules say how one submitted code relates to one expected code (the
 * matcher uses them to pair codes); result rules report on what the matching left.
 */
import type { CodeSets } from '../codesets/code-sets';
import type { ScenarioModel, Section } from '../scenarios/model';
import type { CodeEntry } from '../codesets/code-sets';
import type {
  AcceptedForm,
  ExpectedEntry,
  FindingKind,
  MatchResult,
  SubmittedEntry,
  TitleLookup,
} from './types';

export interface MessageTemplate {
  /** What is right or wrong, in one line. */
  text: string;
  /** What to do about it. */
  hint?: string;
}

export type TemplateData = Record<string, string | number>;

export interface GradeContext {
  scenario: ScenarioModel;
  /** Official titles first, then titles the library knows. */
  titles?: TitleLookup;
  /** The imported official code sets, when there are any. */
  codeSets?: CodeSets;
}

export interface Verdict {
  messageId: string;
  data: TemplateData;
  /** A guideline section that decides this case, when the rule's default does not fit. */
  guideline?: string;
}

/** What a rule's credit may depend on: the message it chose and the data it filled in. */
export interface CreditInput {
  messageId: string;
  data: TemplateData;
}

/** What is known of an unpaired submitted code when deciding which rule explains it. */
export interface UnmatchedFacts {
  isDistractor: boolean;
  /** The official entry (null: not in the set for the date; undefined: no set to tell). */
  official: CodeEntry | null | undefined;
}

interface RuleMeta {
  id: FindingKind;
  /** What the kind is called on a badge. */
  label: string;
  description: string;
  /** The guideline section that usually applies. */
  guideline?: string;
  messages: Record<string, MessageTemplate>;
  /** Points a finding of this kind adds (or, when negative, takes away); see docs/grading.md. */
  credit: number;
  /** When the credit depends on the case (the table in the docs shows `credit`). */
  creditFor?(input: CreditInput): number;
  /**
   * The scenario's feedback on a listed wrong answer: shown on this rule's findings about
   * that code ('append': added after the message; 'in-message': the template has {{feedback}}).
   */
  feedback?: 'append' | 'in-message';
  /** Findings of this kind are listed before the others of their section. */
  listedFirst?: boolean;
  /**
   * This rule explains a submitted code that paired with nothing, when `applies`; rules
   * are asked in `order` (lowest first) and the first that applies explains the code.
   */
  explainsUnmatched?: { order: number; applies(facts: UnmatchedFacts): boolean };
}

export interface PairRule extends RuleMeta {
  type: 'pair';
  /** Lower explains more narrowly; the matcher pairs the narrowest relations first (0: an exact match). */
  rank: number;
  sections: readonly Section[];
  compare(
    expected: ExpectedEntry,
    form: AcceptedForm,
    submitted: SubmittedEntry,
    context: GradeContext,
  ): Verdict | null;
  /** Some kinds also explain submitted codes that paired with nothing (a header, say). */
  report?(match: MatchResult, context: GradeContext): Report[];
}

/** What a result rule reports: a verdict about an expected code, a submitted code, or both. */
export interface Report extends Verdict {
  section: Section;
  expected?: ExpectedEntry;
  submitted?: SubmittedEntry;
}

export interface ResultRule extends RuleMeta {
  type: 'result';
  report(match: MatchResult, context: GradeContext): Report[];
}

export type GradingRule = PairRule | ResultRule;

/** The unpaired submitted codes this rule was chosen to explain. */
export function unmatchedFor(rule: RuleMeta, match: MatchResult): SubmittedEntry[] {
  return match.unpairedSubmitted.filter((s) => match.unpairedReason.get(s) === rule.id);
}

export const positionWord = (index: number) =>
  ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'][index] ??
  `number ${index + 1}`;

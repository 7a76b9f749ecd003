/**
 * The shape of a grading rule. Like an ESLint rule: a permanent id (the finding kind),
 * a description, message templates keyed by message id, and a check. Pair rules say how
 * one submitted code relates to one expected code (the matcher uses them to pair codes);
 * result rules report on what the matching left (missing, extra, out of order…).
 */
import type { CodeSets } from '../codesets/code-sets';
import type { ScenarioModel, Section } from '../scenarios/model';
import type { MatchResult } from './match';
import type { AcceptedForm, ExpectedEntry, FindingKind, SubmittedEntry, TitleLookup } from './types';

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

interface RuleMeta {
  id: FindingKind;
  description: string;
  /** The guideline section that usually applies. */
  guideline?: string;
  messages: Record<string, MessageTemplate>;
}

export interface PairRule extends RuleMeta {
  type: 'pair';
  /** Lower explains more narrowly; the matcher pairs the narrowest relations first. */
  rank: number;
  sections: readonly Section[];
  compare(expected: ExpectedEntry, form: AcceptedForm, submitted: SubmittedEntry, context: GradeContext): Verdict | null;
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

export const positionWord = (index: number) => ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'][index] ?? `number ${index + 1}`;

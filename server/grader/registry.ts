/**
 * Every grading rule, by its permanent id. The kind list, the badge labels and the credit
 * table are read from here; a new kind is a rule file and a line below.
 */
import type { GradingRule, PairRule, ResultRule } from './rule';
import type { FindingKind, Severity } from './types';
import { correct } from './rules/correct';
import { distractor } from './rules/distractor';
import { duplicate } from './rules/duplicate';
import { encounter } from './rules/encounter';
import { excludes1 } from './rules/excludes1';
import { invalidFormat } from './rules/invalid-format';
import { laterality } from './rules/laterality';
import { missing } from './rules/missing';
import { modifier } from './rules/modifier';
import { notBillable } from './rules/not-billable';
import { pcsAxis } from './rules/pcs-axis';
import { placeholder } from './rules/placeholder';
import { sequencing } from './rules/sequencing';
import { specificity } from './rules/specificity';
import { units } from './rules/units';
import { unknownCode } from './rules/unknown-code';
import { unsupported } from './rules/unsupported';
import { wrongSection } from './rules/wrong-section';

export const ALL_RULES: readonly GradingRule[] = [
  correct,
  modifier,
  units,
  placeholder,
  notBillable,
  encounter,
  laterality,
  pcsAxis,
  specificity,
  sequencing,
  missing,
  distractor,
  unsupported,
  unknownCode,
  excludes1,
  duplicate,
  invalidFormat,
  wrongSection,
];

/**
 * Severity is configuration, not the rule's business (as in ESLint): a claim is ready only
 * when every finding is `ok`, and only a correct code is.
 */
export const SEVERITY: Readonly<Record<FindingKind, Severity>> = { correct: 'ok' };

/** A set of rules and what is derived from it; the app grades with the default set. */
export class RuleSet {
  readonly pairRules: readonly PairRule[];
  readonly resultRules: readonly ResultRule[];
  private readonly byId: ReadonlyMap<FindingKind, GradingRule>;

  constructor(
    readonly rules: readonly GradingRule[],
    private readonly severities: Readonly<Record<FindingKind, Severity>> = SEVERITY,
  ) {
    this.byId = new Map(rules.map((r) => [r.id, r]));
    if (this.byId.size !== rules.length) throw new Error('two grading rules share an id');
    this.pairRules = rules.filter((r): r is PairRule => r.type === 'pair').sort((a, b) => a.rank - b.rank);
    if (this.pairRules[0]?.rank !== 0) throw new Error('a rule set needs an exact-match pair rule of rank 0');
    this.resultRules = rules.filter((r): r is ResultRule => r.type === 'result');
  }

  get kinds(): FindingKind[] {
    return this.rules.map((r) => r.id);
  }

  rule(kind: FindingKind): GradingRule | undefined {
    return this.byId.get(kind);
  }

  label(kind: FindingKind): string {
    return this.byId.get(kind)?.label ?? kind;
  }

  severity(kind: FindingKind): Severity {
    return this.severities[kind] ?? 'error';
  }

  /** The rules that explain unmatched codes, in the order they are asked. */
  get unmatchedExplainers(): GradingRule[] {
    return this.rules
      .filter((r) => r.explainsUnmatched)
      .sort((a, b) => (a.explainsUnmatched?.order ?? 0) - (b.explainsUnmatched?.order ?? 0));
  }
}

export const DEFAULT_RULES = new RuleSet(ALL_RULES);

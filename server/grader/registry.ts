/** Every grading rule, by its permanent id, and the severity each kind carries. */
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

export const PAIR_RULES: readonly PairRule[] = [correct, modifier, units, placeholder, notBillable, encounter, laterality, pcsAxis, specificity];

export const RESULT_RULES: readonly ResultRule[] = [sequencing, missing, distractor, unsupported, unknownCode, excludes1, duplicate, invalidFormat, wrongSection];

export const ALL_RULES: readonly GradingRule[] = [...PAIR_RULES, ...RESULT_RULES];

/** Severity is configuration, not the rule's business: only a correct code is ok on a claim. */
export function severityOf(kind: FindingKind): Severity {
  return kind === 'correct' ? 'ok' : 'error';
}

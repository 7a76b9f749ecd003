/**
 * Scoring (docs/grading.md explains and defends it). Each required expected code is worth
 * 1 point and the principal / first-listed position 1 more. Each rule owns the credit of
 * its kind: near misses earn part of a point by how close they are to right; added wrong
 * codes cost points.
 */
import type { CreditInput, GradingRule } from './rule';
import type { Finding, Score } from './types';

/** The points a finding of this rule adds; a finding about an optional code counts for nothing either way. */
export function creditOf(rule: GradingRule, input: CreditInput, optional: boolean): number {
  if (optional) return 0;
  return rule.creditFor ? rule.creditFor(input) : rule.credit;
}

export function computeScore(findings: Finding[], possible: number, principalFirst: boolean): Score {
  const raw = findings.reduce((sum, f) => sum + f.credit, 0) + (principalFirst ? 1 : 0);
  const earned = Math.max(0, Math.round(raw * 100) / 100);
  const percent = possible === 0 ? 100 : Math.round((earned / possible) * 100);
  return { earned, possible, percent };
}

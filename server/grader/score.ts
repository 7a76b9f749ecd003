/**
 * The scoring table (docs/grading.md explains and defends it). Each required expected
 * code is worth 1 point and the principal / first-listed position 1 more. Near misses
 * earn part of a point by how close they are to right; added wrong codes cost points.
 */
import type { Finding, FindingKind, Score } from './types';

const CREDIT: Record<FindingKind, number> = {
  correct: 1,
  modifier: 0.75,
  units: 0.75,
  placeholder: 0.5,
  encounter: 0.5,
  laterality: 0.5,
  'pcs-axis': 0.5,
  'wrong-section': 0.5,
  'not-billable': 0.25,
  specificity: 0.25,
  missing: 0,
  sequencing: 0,
  unsupported: -0.5,
  distractor: -0.5,
  'invalid-format': -0.5,
  'unknown-code': -0.5,
  excludes1: 0,
  duplicate: -0.25,
};

/** A PCS code wrong in more than one axis is further from right. */
const PCS_SEVERAL_AXES = 0.25;
/** A code entered in the wrong list that is not an expected code is an added wrong code. */
const MISPLACED_EXTRA = -0.5;

export interface CreditInput {
  kind: FindingKind;
  messageId: string;
  data: Record<string, string | number>;
  /** Paired with an optional expected code: no credit either way. */
  optional: boolean;
}

export function creditFor({ kind, messageId, data, optional }: CreditInput): number {
  if (optional) return 0;
  if (kind === 'pcs-axis' && Number(data.axisCount) > 1) return PCS_SEVERAL_AXES;
  if (kind === 'wrong-section' && messageId !== 'right-code') return MISPLACED_EXTRA;
  return CREDIT[kind];
}

export function creditTable(): Readonly<Record<FindingKind, number>> {
  return CREDIT;
}

export function computeScore(findings: Finding[], possible: number, principalFirst: boolean): Score {
  const raw = findings.reduce((sum, f) => sum + f.credit, 0) + (principalFirst ? 1 : 0);
  const earned = Math.max(0, Math.round(raw * 100) / 100);
  const percent = possible === 0 ? 100 : Math.round((earned / possible) * 100);
  return { earned, possible, percent };
}

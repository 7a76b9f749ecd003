/** What each finding kind is called on a badge. */
import type { FindingKind } from './types';

export const KIND_LABELS: Record<FindingKind, string> = {
  correct: 'Correct',
  missing: 'Missing',
  unsupported: 'Not supported',
  distractor: 'Common wrong answer',
  duplicate: 'Duplicate',
  sequencing: 'Sequencing',
  specificity: 'Specificity',
  laterality: 'Laterality',
  encounter: '7th character',
  placeholder: 'Placeholder X',
  'not-billable': 'Not billable',
  'unknown-code': 'Unknown code',
  'invalid-format': 'Invalid format',
  'wrong-section': 'Wrong section',
  modifier: 'Modifier',
  units: 'Units',
  'pcs-axis': 'PCS axis',
  excludes1: 'Excludes1',
};

import { pcsAxisDifferences } from '../../codes/pcs-axes';
import type { PairRule } from '../rule';

/**
 * ICD-10-PCS builds a code axis by axis. Two codes from the same table (first three
 * characters), or differing only in the root operation, are explained axis by axis.
 */
export const pcsAxis: PairRule = {
  type: 'pair',
  id: 'pcs-axis',
  label: 'PCS axis',
  credit: 0.5,
  feedback: 'append',
  /** A code wrong in more than one axis is further from right. */
  creditFor: ({ data }) => (Number(data.axisCount) > 1 ? 0.25 : 0.5),
  rank: 6,
  sections: ['procedures'],
  guideline: 'ICD-10-PCS Official Guidelines, section B',
  description:
    'ICD-10-PCS: same table (first three characters) but different body part, approach, device or qualifier — or a different root operation when only the 3rd character differs.',
  messages: {
    axes: {
      text: '{{submitted}} is in the right table but differs in {{axes}}: {{details}}.',
      hint: 'Build the code one axis at a time from the report. {{axisAdvice}}',
    },
    'root-operation': {
      text: '{{submitted}} has the wrong root operation: {{details}}.',
      hint: 'The root operation names the objective of the procedure (B3.1a): taking out all of a body part is Resection, part of it Excision.',
    },
  },
  compare(expected, form, submitted) {
    if (expected.system !== 'ICD-10-PCS' || submitted.system !== 'ICD-10-PCS') return null;
    const want = form.code;
    const got = submitted.code;
    if (want === got || want.length !== 7 || got.length !== 7) return null;
    const differences = pcsAxisDifferences(want, got);
    const sameTable = want.slice(0, 3) === got.slice(0, 3);
    const onlyRootOperation = differences.length === 1 && differences[0].position === 2;
    if (!sameTable && !onlyRootOperation) return null;
    const details = differences
      .map(
        (d) =>
          `${d.axis} ${d.submitted}${d.submittedName ? ` (${d.submittedName})` : ''} given, ${d.expected}${d.expectedName ? ` (${d.expectedName})` : ''} expected`,
      )
      .join('; ');
    const axes = [...new Set(differences.map((d) => d.axis))];
    return {
      messageId: onlyRootOperation ? 'root-operation' : 'axes',
      data: {
        axes: axes.join(' and '),
        axisCount: differences.length,
        details,
        axisAdvice: axes.map(adviceFor).join(' '),
      },
      guideline: onlyRootOperation ? 'ICD-10-PCS Official Guidelines B3.1' : undefined,
    };
  },
};

function adviceFor(axis: string): string {
  switch (axis) {
    case 'approach':
      return 'The approach is how the site was reached (B5.2): laparoscopic or arthroscopic through ports is Percutaneous Endoscopic (4), an incision to expose the site is Open (0).';
    case 'body part':
      return 'The body part is the site of the procedure, as specific as the table allows (B4).';
    case 'device':
      return 'Code a device only when it remains after the procedure (B6.1a).';
    case 'qualifier':
      return 'The qualifier adds a detail such as diagnostic (X) or a destination; Z means none.';
    default:
      return `Check the ${axis} against the report.`;
  }
}

import type { ResultRule } from '../rule';

const HINT = 'Diagnoses take ICD-10-CM codes; procedures take {{procedureSystems}}.';

export const wrongSection: ResultRule = {
  type: 'result',
  id: 'wrong-section',
  label: 'Wrong section',
  credit: 0.5,
  /** A code entered in the wrong list that is no expected code is an added wrong code. */
  creditFor: ({ messageId }) => (messageId === 'right-code' ? 0.5 : -0.5),
  description:
    'A code of the wrong system for where it was entered (a procedure code under diagnoses) or for the setting (CPT in an inpatient facility case).',
  messages: {
    'right-code': {
      text: '{{submitted}} is right, but it belongs under {{belongsIn}}, not {{enteredIn}}.',
      hint: HINT,
    },
    'procedure-in-diagnoses': {
      text: '{{submitted}} cannot go under diagnoses: it has the shape of a {{system}} procedure code.',
      hint: HINT,
    },
    'diagnosis-in-procedures': {
      text: '{{submitted}} cannot go under procedures: it is an ICD-10-CM diagnosis code.',
      hint: HINT,
    },
    'not-pcs-inpatient': {
      text: '{{submitted}} cannot go under procedures: it is a {{system}} code, and inpatient facility procedures are coded in ICD-10-PCS.',
      hint: HINT,
    },
    'pcs-outpatient': {
      text: '{{submitted}} cannot go under procedures: it is an ICD-10-PCS code, and outpatient procedures are coded in CPT or HCPCS Level II.',
      hint: HINT,
    },
  },
  report(match, context) {
    const procedureSystems =
      context.scenario.setting === 'inpatient'
        ? 'ICD-10-PCS codes in an inpatient facility case'
        : 'CPT or HCPCS Level II codes in an outpatient case';
    return match.misplaced.flatMap((s) => {
      if (s.problem?.kind !== 'wrong-section') return [];
      const paired = match.misplacedPairs.find((p) => p.submitted === s);
      return [
        {
          section: s.section,
          submitted: s,
          expected: paired?.expected,
          messageId: paired ? 'right-code' : s.problem.messageId,
          data: {
            ...s.problem.data,
            enteredIn: s.section,
            belongsIn: s.problem.belongsIn ?? '',
            procedureSystems,
          },
        },
      ];
    });
  },
};

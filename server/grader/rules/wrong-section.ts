import type { ResultRule } from '../rule';

const SECTION_LABEL = { diagnoses: 'diagnoses', procedures: 'procedures' } as const;

export const wrongSection: ResultRule = {
  type: 'result',
  id: 'wrong-section',
  description: 'A code of the wrong system for where it was entered (a procedure code under diagnoses) or for the setting (CPT in an inpatient facility case).',
  messages: {
    'right-code': {
      text: '{{submitted}} is right, but it belongs under {{belongsIn}}, not {{enteredIn}}.',
      hint: 'Diagnoses take ICD-10-CM codes; procedures take {{procedureSystems}}.',
    },
    misplaced: {
      text: '{{submitted}} cannot go under {{enteredIn}}: {{reason}}.',
      hint: 'Diagnoses take ICD-10-CM codes; procedures take {{procedureSystems}}.',
    },
  },
  report(match, context) {
    const procedureSystems = context.scenario.setting === 'inpatient' ? 'ICD-10-PCS codes in an inpatient facility case' : 'CPT or HCPCS Level II codes in an outpatient case';
    return match.misplaced
      .filter((s) => s.problem?.kind === 'wrong-section')
      .map((s) => {
        const paired = match.misplacedPairs.find((p) => p.submitted === s);
        return {
          section: s.section,
          submitted: s,
          expected: paired?.expected,
          messageId: paired ? 'right-code' : 'misplaced',
          data: {
            enteredIn: SECTION_LABEL[s.section],
            belongsIn: s.problem?.belongsIn ? SECTION_LABEL[s.problem.belongsIn] : '',
            reason: s.problem?.reason ?? '',
            procedureSystems,
          },
        };
      });
  },
};

import type { PairRule } from '../rule';
import { diagnosisKeys, procedureLines, sameLine } from './helpers';

export const correct: PairRule = {
  type: 'pair',
  id: 'correct',
  label: 'Correct',
  credit: 1,
  rank: 0,
  sections: ['diagnoses', 'procedures'],
  description:
    'The submitted code matches an expected code or one of its accepted alternatives (procedures: with the same modifiers and units).',
  messages: {
    exact: { text: '{{submitted}} is correct.' },
    alternative: { text: '{{submitted}} is accepted in place of {{expected}}.' },
    group: { text: '{{submitted}} together are accepted in place of {{expected}}.' },
    optional: {
      text: '{{submitted}} is correct. It is optional here: reporting it is right, leaving it off would cost nothing.',
    },
  },
  compare(expected, form, submitted) {
    if (expected.section === 'diagnoses') {
      const keys = diagnosisKeys(form, submitted);
      if (!keys || keys[0] !== keys[1]) return null;
    } else {
      const lines = procedureLines(expected, form, submitted);
      if (!lines || !sameLine(lines[0], lines[1])) return null;
    }
    return {
      messageId: expected.optional ? 'optional' : form.isAlternative ? 'alternative' : 'exact',
      data: {},
    };
  },
};

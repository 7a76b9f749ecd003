import { positionWord, type ResultRule } from '../rule';

export const duplicate: ResultRule = {
  type: 'result',
  id: 'duplicate',
  label: 'Duplicate',
  credit: -0.25,
  guideline: 'I.B.12',
  description: 'The same code submitted more than once (procedures: the same code with the same modifiers).',
  messages: {
    diagnosis: {
      text: '{{submitted}} is listed twice ({{firstPosition}} and {{position}} rows).',
      hint: 'Report each diagnosis code once per encounter.',
    },
    procedure: {
      text: '{{submitted}} is listed twice ({{firstPosition}} and {{position}} rows).',
      hint: 'Report a repeated service once with the right number of units, or with the modifier that makes each line distinct (RT/LT, 59 or X-modifiers, 76).',
    },
  },
  report(match) {
    return match.duplicates.map(({ entry, first }) => ({
      section: entry.section,
      submitted: entry,
      messageId: entry.section === 'diagnoses' ? 'diagnosis' : 'procedure',
      data: { firstPosition: positionWord(first.index), position: positionWord(entry.index) },
    }));
  },
};

import { formatIcd10cm } from '../../codes/systems';
import { usualSeventhMeaning } from '../../codes/seventh-character';
import type { PairRule } from '../rule';
import { diagnosisKeys } from './helpers';

/**
 * A code that needs a 7th character keeps it in position 7, with X placeholders filling
 * any gap (S82.61XA, W11.XXXA). The trainee wrote the right code but dropped the X's,
 * the 7th character, or both.
 */
export const placeholder: PairRule = {
  type: 'pair',
  id: 'placeholder',
  label: 'Placeholder X',
  credit: 0.5,
  feedback: 'append',
  rank: 2,
  sections: ['diagnoses'],
  guideline: 'I.A.4',
  description: 'The right code with its X placeholder(s) or its 7th character missing.',
  messages: {
    'missing-x': {
      text: '{{submitted}} drops the placeholder X: the 7th character must sit in position 7.',
      hint: 'Fill the empty positions with X before the 7th character: {{expected}}.',
    },
    'wrong-x': {
      text: '{{submitted}} has the wrong number of placeholder X characters.',
      hint: 'Fill positions up to 6 with X, then the 7th character: {{expected}}.',
    },
    'missing-7th': {
      text: '{{submitted}} is missing its 7th character, so it is not a complete code.',
      hint: 'Add the 7th character {{seventh}} ({{seventhMeaning}}): {{expected}}.',
    },
    'missing-both': {
      text: '{{submitted}} is missing its placeholder X and its 7th character.',
      hint: 'This category needs a 7th character in position 7, with X filling the gap: {{expected}} ({{seventhMeaning}}).',
    },
  },
  compare(expected, form, submitted) {
    const keys = diagnosisKeys(form, submitted);
    if (!keys) return null;
    const [want, got] = keys;
    // Every relation below keeps the first three characters; most pairs fail here, cheaply.
    if (
      want.length !== 7 ||
      want === got ||
      got.length < 3 ||
      got.charCodeAt(0) !== want.charCodeAt(0) ||
      !got.startsWith(want.slice(0, 3))
    )
      return null;
    const seventh = want[6];
    const body = want.slice(0, 6);
    const core = body.replace(/X+$/, '');
    const gap = 6 - core.length;
    let messageId: string | null = null;
    if (got === body) messageId = 'missing-7th';
    else if (gap === 0) return null;
    else if (got === core + seventh) messageId = 'missing-x';
    else if (got === core) messageId = 'missing-both';
    else if (
      got.length > core.length + 1 &&
      got.startsWith(core) &&
      got.endsWith(seventh) &&
      /^X+$/.test(got.slice(core.length, -1))
    )
      messageId = 'wrong-x';
    if (!messageId) return null;
    const data = {
      seventh,
      seventhMeaning: usualSeventhMeaning(want, expected.title) ?? `7th character ${seventh}`,
      expectedFull: formatIcd10cm(want),
    };
    return messageId === 'missing-7th' ? { messageId, data, guideline: 'I.A.5' } : { messageId, data };
  },
};

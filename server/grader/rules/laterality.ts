import { changedWords, titleDiff } from '../diff';
import type { PairRule } from '../rule';
import { diagnosisKeys } from './helpers';

/** Words that name a side; two titles that differ only in these differ only in laterality. */
const SIDE_WORDS = new Set([
  'right',
  'left',
  'bilateral',
  'unilateral',
  'unspecified',
  'side',
  'sides',
  'both',
  'eye',
  'eyes',
  'ear',
  'ears',
]);
const SIDE_BY_DIGIT: Record<string, string> = {
  '1': 'right',
  '2': 'left',
  '3': 'bilateral',
  '9': 'unspecified',
  '0': 'unspecified',
};

function sideIn(title: string): string | undefined {
  return /\b(right|left|bilateral|unspecified side)\b/i.exec(title)?.[1].toLowerCase();
}

export const laterality: PairRule = {
  type: 'pair',
  id: 'laterality',
  label: 'Laterality',
  credit: 0.5,
  feedback: 'append',
  rank: 4,
  sections: ['diagnoses'],
  guideline: 'I.B.13',
  description: 'The codes differ only in side (right, left, bilateral, unspecified).',
  messages: {
    side: {
      text: '{{submitted}} codes the {{submittedSide}} side; the report documents the {{expectedSide}} side.',
      hint: 'Take the side from the report; when both sides are affected and the classification has a bilateral code, use it.',
    },
  },
  compare(expected, form, submitted, context) {
    const keys = diagnosisKeys(form, submitted);
    if (!keys) return null;
    const [want, got] = keys;
    if (want === got || want.length !== got.length) return null;
    // A side is one character of the code (the 4th or later); checking that first keeps
    // the title comparison off the hot path.
    let position = -1;
    for (let i = 0; i < want.length; i++) {
      if (want[i] === got[i]) continue;
      if (position >= 0) return null;
      position = i;
    }
    if (position < 3) return null;
    const expectedTitle = form.isAlternative ? context.titles?.title('ICD-10-CM', form.code) : expected.title;
    const submittedTitle = context.titles?.title('ICD-10-CM', submitted.code);
    if (expectedTitle && submittedTitle) {
      const words = changedWords(titleDiff(expectedTitle, submittedTitle));
      const all = [...words.expected, ...words.submitted].map((w) => w.toLowerCase());
      if (all.length === 0 || !all.every((w) => SIDE_WORDS.has(w))) return null;
      return {
        messageId: 'side',
        data: {
          expectedSide: sideIn(expectedTitle) ?? 'other',
          submittedSide: sideIn(submittedTitle) ?? 'unspecified',
        },
      };
    }
    // Without both official titles: both differing characters are side digits, and the
    // expected title names the side the expected digit stands for.
    const [a, b] = [want[position], got[position]];
    const expectedSide = expectedTitle ? sideIn(expectedTitle) : undefined;
    if (!expectedSide || !(a in SIDE_BY_DIGIT) || !(b in SIDE_BY_DIGIT) || SIDE_BY_DIGIT[a] !== expectedSide)
      return null;
    return { messageId: 'side', data: { expectedSide, submittedSide: SIDE_BY_DIGIT[b] } };
  },
};

import { usualSeventhMeaning } from '../../codes/seventh-character';
import type { PairRule } from '../rule';
import { diagnosisKeys } from './helpers';

export const encounter: PairRule = {
  type: 'pair',
  id: 'encounter',
  label: '7th character',
  credit: 0.5,
  feedback: 'append',
  rank: 3,
  sections: ['diagnoses'],
  guideline: 'I.C.19.a',
  description:
    'The same first six characters with a different 7th character (initial, subsequent, sequela; fracture healing).',
  messages: {
    seventh: {
      text: '{{submitted}} has 7th character {{submittedSeventh}} ({{submittedMeaning}}); the encounter calls for {{expectedSeventh}} ({{expectedMeaning}}).',
      hint: 'The 7th character describes the encounter, not the injury: A while the patient receives active treatment, D for routine care during healing, S for a sequela.',
    },
  },
  compare(expected, form, submitted, context) {
    const keys = diagnosisKeys(form, submitted);
    if (!keys) return null;
    const [want, got] = keys;
    if (want.length !== 7 || got.length !== 7 || want.slice(0, 6) !== got.slice(0, 6) || want[6] === got[6])
      return null;
    const submittedTitle = context.titles?.title('ICD-10-CM', submitted.code);
    const tabular = context.codeSets?.tabular;
    return {
      messageId: 'seventh',
      data: {
        expectedSeventh: want[6],
        submittedSeventh: got[6],
        expectedMeaning:
          tabular?.seventhMeaning(want, want[6]) ??
          usualSeventhMeaning(want, form.isAlternative ? undefined : expected.title) ??
          'see the tabular list',
        submittedMeaning:
          tabular?.seventhMeaning(want, got[6]) ??
          usualSeventhMeaning(got, submittedTitle) ??
          'not a 7th character this category defines',
      },
    };
  },
};

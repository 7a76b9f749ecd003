import { unmatchedFor, type PairRule } from '../rule';
import { diagnosisKeys } from './helpers';

/**
 * A category or subcategory heading submitted where a complete code exists below it.
 * Every ICD-10-CM heading is a prefix of the codes under it, so a proper prefix of the
 * expected code is a heading.
 */
export const notBillable: PairRule = {
  type: 'pair',
  id: 'not-billable',
  label: 'Not billable',
  credit: 0.25,
  feedback: 'append',
  explainsUnmatched: {
    order: 3,
    applies: (facts) => facts.official !== null && facts.official !== undefined && !facts.official.billable,
  },
  rank: 5,
  sections: ['diagnoses'],
  guideline: 'I.B.2',
  description:
    'A header code (a category or subcategory with codes below it), e.g. a prefix of the expected code.',
  messages: {
    heading: {
      text: '{{submitted}} is a heading, not a billable code: the complete code has {{missingCount}} more character(s).',
      hint: 'Code to the highest level of detail the report supports; the tabular list continues this heading with {{expected}}.',
    },
    'official-heading': {
      text: '{{submitted}} is a heading in {{system}} {{version}}, not a billable code.',
      hint: 'Only a complete code is billable: follow the heading down the tabular list to the code the report supports.',
    },
  },
  compare(_expected, form, submitted) {
    const keys = diagnosisKeys(form, submitted);
    if (!keys) return null;
    const [want, got] = keys;
    if (got.length < 3 || got.length >= want.length || !want.startsWith(got)) return null;
    return { messageId: 'heading', data: { missingCount: want.length - got.length } };
  },
  report(match) {
    return unmatchedFor(notBillable, match).map((s) => ({
      section: s.section,
      submitted: s,
      messageId: 'official-heading',
      data: { system: s.system ?? '', version: match.official.get(s)?.version ?? '' },
    }));
  },
};

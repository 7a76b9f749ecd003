import { TermMatcher, type TermForm } from '../../server/glossary/matcher';

const forms: TermForm[] = [
  { entryId: 'ca', text: 'CA', caseSensitive: true },
  { entryId: 'calcium', text: 'Ca', caseSensitive: true },
  { entryId: 'fracture', text: 'fracture', caseSensitive: false },
  { entryId: 'open-fracture', text: 'open fracture', caseSensitive: false },
  { entryId: 'qd', text: 'q.d.', caseSensitive: true },
  { entryId: 'sp', text: 's/p', caseSensitive: true },
  { entryId: 'mi', text: 'MI', caseSensitive: true },
  { entryId: 'nstemi', text: 'NSTEMI', caseSensitive: true },
];

const found = (text: string) =>
  new TermMatcher(forms).find(text).map((m) => [m.entryId, text.slice(m.start, m.end)]);

describe('TermMatcher', () => {
  it.each([
    ['an abbreviation with its case', 'History of CA of the colon', [['ca', 'CA']]],
    ['another abbreviation that differs only in case', 'Ca 8.1 today', [['calcium', 'Ca']]],
    ['an abbreviation in another case: no match', 'ca of the colon', []],
    ['a term in any case', 'FRACTURE of the radius', [['fracture', 'FRACTURE']]],
    ['the longer term where two overlap', 'an open fracture here', [['open-fracture', 'open fracture']]],
    ['a term across a line break', 'an open\n  fracture', [['open-fracture', 'open\n  fracture']]],
    ['never inside a word', 'fractures and CAT scan and MIs', []],
    [
      'punctuation inside and after a term',
      'aspirin q.d. and s/p repair',
      [
        ['qd', 'q.d.'],
        ['sp', 's/p'],
      ],
    ],
    ['not when the punctuation differs', 'aspirin q d and s p repair', []],
    [
      'each occurrence, in order',
      'MI, then NSTEMI, then MI',
      [
        ['mi', 'MI'],
        ['nstemi', 'NSTEMI'],
        ['mi', 'MI'],
      ],
    ],
    ['nothing in an empty text', '', []],
  ])('finds %s', (_what, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

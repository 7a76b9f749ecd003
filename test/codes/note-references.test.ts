import { noteReferences, referenceCovers } from '../../server/codes/note-references';

describe('tabular note references', () => {
  it.each([
    ['gestational diabetes (O24.4-)', [{ kind: 'prefix', prefix: 'O244' }]],
    ['type 1 diabetes mellitus (E10.-)', [{ kind: 'prefix', prefix: 'E10' }]],
    ['lobar pneumonia, unspecified organism (J18.1)', [{ kind: 'code', code: 'J181' }]],
    [
      'current child sexual abuse (T74.22, T76.22)',
      [
        { kind: 'code', code: 'T7422' },
        { kind: 'code', code: 'T7622' },
      ],
    ],
    ['malignant neoplasm of lip (C00-C14)', [{ kind: 'range', first: 'C00', last: 'C14' }]],
    [
      'congenital malformations (Q65-Q66, Q68-Q74)',
      [
        { kind: 'range', first: 'Q65', last: 'Q66' },
        { kind: 'range', first: 'Q68', last: 'Q74' },
      ],
    ],
    ['diabetic neuralgia (E08-E13 with .42)', []],
    ['certain localized infections - see body system-related chapters', []],
  ])('reads %j', (text, refs) => {
    expect(noteReferences(text)).toEqual(refs);
  });

  it.each([
    [{ kind: 'prefix', prefix: 'O244' } as const, 'O24.414', true],
    [{ kind: 'prefix', prefix: 'O244' } as const, 'O24.11', false],
    [{ kind: 'code', code: 'I10' } as const, 'I10', true],
    [{ kind: 'code', code: 'J181' } as const, 'J18.9', false],
    [{ kind: 'range', first: 'C00', last: 'C14' } as const, 'c06.2', true],
    [{ kind: 'range', first: 'C00', last: 'C14' } as const, 'C15.3', false],
  ])('%j covers %s: %s', (ref, code, covered) => {
    expect(referenceCovers(ref, code)).toBe(covered);
  });
});

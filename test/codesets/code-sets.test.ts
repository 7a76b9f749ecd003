import { CodeSets } from '../../server/codesets/code-sets';
import { Tabular, TabularHierarchyError } from '../../server/codesets/tabular';
import type { SetInfo, TabularNode } from '../../server/codesets/types';
import { withFixtureCodeSets } from '../helpers/fixture-codesets';
import { describeWithOfficialSets, officialCodeSets } from '../helpers/official';
import { makeTempDir } from '../helpers/temp-dir';

describe('CodeSets with the fixture releases', () => {
  const fixtureSets = withFixtureCodeSets();
  let codeSets: CodeSets;
  beforeAll(() => {
    codeSets = fixtureSets();
  });

  it('starts empty without an import', async () => {
    const { dir, cleanup: done } = await makeTempDir();
    const empty = await CodeSets.load(dir);
    expect(empty.isEmpty).toBe(true);
    expect(empty.lookup('ICD-10-CM', 'E11.65')).toBeUndefined();
    await done();
  });

  it.each([
    ['ICD-10-CM', 'e1165', '2026-03-01', { code: 'E11.65', billable: true, status: 'billable' }],
    ['ICD-10-CM', 'E11', '2026-03-01', { code: 'E11', billable: false, status: 'header' }],
    [
      'ICD-10-PCS',
      '0dtj4zz',
      undefined,
      { code: '0DTJ4ZZ', title: 'Resection of Appendix, Percutaneous Endoscopic Approach' },
    ],
    ['HCPCS', 'J1030', '2026-03-01', { status: 'terminated', terminated: '2024-03-31' }],
    ['HCPCS', 'J1030', '2024-03-01', { status: 'billable' }],
  ] as const)('looks up %s %s on %s', (system, code, date, expected) => {
    expect(codeSets.lookup(system, code, date)).toMatchObject(expected);
  });

  it('finds no ICD-10-CM set for a date outside its fiscal year', () => {
    expect(codeSets.lookup('ICD-10-CM', 'E11.65', '2026-10-01')).toBeUndefined();
    expect(codeSets.setFor('ICD-10-CM', '2025-10-01')?.info.version).toBe('2026');
  });

  it.each([
    ['an exact code first, then codes below it', 'S82.61', ['S82.61', 'S82.61XA', 'S82.61XD']],
    ['a code without its dot', 's8261x', ['S82.61XA', 'S82.61XD']],
    [
      'title words, partial last word, billable first',
      'lateral malleolus rig',
      ['S82.61XA', 'S82.61XD', 'S82.61'],
    ],
    ['words in any order', 'appendix open', ['0DTJ0ZZ']],
    ['nothing', 'zzzz qqq', []],
  ])('searches %s', (_name, query, codes) => {
    expect(codeSets.search(query, { limit: 10 }).map((h) => h.code)).toEqual(codes);
  });

  it('limits the search to one system', () => {
    expect(codeSets.search('injection', { system: 'HCPCS', limit: 5 }).map((h) => h.code)).toEqual([
      'J1030',
      'J3301',
    ]);
    // On a date of service, a terminated code goes last and says so.
    const onDate = codeSets.search('injection', { system: 'HCPCS', limit: 5, date: '2026-03-01' });
    expect(onDate.map((h) => [h.code, h.status])).toEqual([
      ['J3301', 'billable'],
      ['J1030', 'terminated'],
    ]);
    expect(codeSets.search('injection', { system: 'ICD-10-CM', limit: 5 })).toEqual([]);
  });

  it('knows parents up to the chapter and direct children', () => {
    expect(codeSets.parentsOf('ICD-10-CM', 'S82.61XA').map((p) => p.code)).toEqual([
      'S82.61',
      'S82.6',
      'S82',
      'S80-S89',
      'chapter 19',
    ]);
    expect(codeSets.childrenOf('ICD-10-CM', 'S82.6').children.map((c) => c.code)).toEqual([
      'S82.61',
      'S82.62',
    ]);
    expect(codeSets.childrenOf('ICD-10-CM', 'S82.61').children.map((c) => c.code)).toEqual([
      'S82.61XA',
      'S82.61XD',
    ]);
    expect(codeSets.parentsOf('ICD-10-PCS', '0DTJ4ZZ')).toEqual([
      { code: '0DT', title: 'Gastrointestinal System, Resection', kind: 'table' },
    ]);
  });

  it('applies notes inherited from the category, and the category 7th characters', () => {
    const notes = codeSets.tabular?.notesFor('E11.65') ?? [];
    expect(notes).toEqual(
      expect.arrayContaining([
        {
          kind: 'inclusionTerm',
          from: 'E11.65',
          text: 'Type 2 diabetes mellitus with "out of control" & poorly controlled',
        },
        { kind: 'excludes1', from: 'E11', text: 'gestational diabetes (O24.4-)' },
        {
          kind: 'useAdditionalCode',
          from: 'E11',
          text: 'code to identify control using: oral hypoglycemic drugs (Z79.84)',
        },
      ]),
    );
    // An inclusion term belongs to its own code, not to the codes beside it.
    expect(codeSets.tabular?.notesFor('E11.9').some((n) => n.kind === 'inclusionTerm')).toBe(false);
    expect(codeSets.tabular?.seventhMeaning('S82.61XD', 'D')).toBe(
      'subsequent encounter for closed fracture with routine healing',
    );
  });

  it.each([
    [
      'a code under a section that shares its category id',
      'Z68.30',
      ['Z68.3', 'Z68', 'Z68', 'chapter 21'],
      ['subcategory', 'category', 'section', 'chapter'],
    ],
    [
      'a category the (older) tabular list does not have: the set headings, then the chapter by range',
      'W44.8XXA',
      ['W44.8', 'W44', 'chapter 20'],
      ['subcategory', 'category', 'chapter'],
    ],
    [
      'a code whose headings are all known',
      'S82.61XA',
      ['S82.61', 'S82.6', 'S82', 'S80-S89', 'chapter 19'],
      ['subcategory', 'subcategory', 'category', 'section', 'chapter'],
    ],
  ])('places %s', (_name, code, codes, kinds) => {
    const parents = codeSets.parentsOf('ICD-10-CM', code);
    expect(parents.map((p) => p.code)).toEqual(codes);
    expect(parents.map((p) => p.kind)).toEqual(kinds);
  });

  it("keeps a section's own notes apart from its category's", () => {
    expect(codeSets.tabular?.notesFor('Z68.30')).toEqual([
      {
        kind: 'notes',
        from: 'Z68',
        text: 'BMI adult codes are for use for persons 20 years of age or older',
      },
      { kind: 'excludes1', from: 'Z68', text: 'BMI of a pregnant patient (O99.21-)' },
    ]);
  });

  it('reads 7th characters from the tabular list, or from the titles when it lacks the category', () => {
    expect(codeSets.seventhCharacters('S82.61XA')).toMatchObject({
      source: 'tabular',
      values: [
        { char: 'A' },
        { char: 'B', notes: ['initial encounter for open fracture NOS'] },
        { char: 'D' },
      ],
    });
    expect(codeSets.seventhCharacters('W44.8XXA')).toEqual({
      source: 'titles',
      values: [
        { char: 'A', text: 'initial encounter', notes: [] },
        { char: 'D', text: 'subsequent encounter', notes: [] },
        { char: 'S', text: 'sequela', notes: [] },
      ],
    });
    expect(codeSets.seventhCharacters('E11.65')).toBeUndefined();
  });
});

describe('a damaged tabular list in memory', () => {
  it('raises on a walk up that never reaches a chapter instead of looping', () => {
    const node = (key: string, parent: string): TabularNode => ({
      key,
      code: key,
      kind: 'category',
      title: key,
      parent,
      children: [],
      notes: {},
    });
    const info = { kind: 'icd10cm-tabular', version: '2021' } as SetInfo;
    const tabular = new Tabular(info, {
      kind: 'icd10cm-tabular',
      format: 2,
      version: '2021',
      effectiveFrom: '',
      effectiveTo: '',
      chapters: [],
      nodes: { B20: node('B20', 'B20') },
    });
    expect(() => tabular.notesFor('B20')).toThrow(TabularHierarchyError);
  });
});

describeWithOfficialSets('CodeSets with the official CMS files', () => {
  it.each([
    [
      'ICD-10-CM',
      'S82.61XA',
      'Displaced fracture of lateral malleolus of right fibula, initial encounter for closed fracture',
    ],
    ['ICD-10-CM', 'QA00101', 'SCN2A-related neurodevelopmental disorder'],
    ['ICD-10-PCS', '0DTJ4ZZ', 'Resection of Appendix, Percutaneous Endoscopic Approach'],
    ['HCPCS', 'J1100', 'Injection, dexamethasone sodium phosphate, 1 mg'],
  ] as const)('knows %s %s', async (system, code, title) => {
    expect((await officialCodeSets()).lookup(system, code, '2026-03-01')?.title).toBe(title);
  });

  it('has the published counts', async () => {
    const infos = (await officialCodeSets()).infos();
    expect(infos.find((i) => i.kind === 'icd10cm')).toMatchObject({ count: 98186, billableCount: 74719 });
    expect(infos.find((i) => i.kind === 'icd10pcs')).toMatchObject({ count: 80029, billableCount: 79115 });
    expect(infos.find((i) => i.kind === 'hcpcs')).toMatchObject({ count: 8623, version: '2026-01' });
  });

  it('finds a fracture by words', async () => {
    const hits = (await officialCodeSets()).search('displaced lateral malleolus right initial closed', {
      limit: 3,
    });
    expect(hits[0].code).toBe('S82.61XA');
  });
});

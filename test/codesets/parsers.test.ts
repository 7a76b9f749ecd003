import { parseCptCsv, parseCsvLine } from '../../server/codesets/cpt-file';
import { parseHcpcsFile } from '../../server/codesets/hcpcs-file';
import { parseOrderFile } from '../../server/codesets/order-file';
import { parseTabularXml } from '../../server/codesets/tabular-file';
import { checkHierarchy, type TabularNode } from '../../server/codesets/types';
import { CM_ROWS, hcpcsFile, orderFile, PCS_ROWS, TABULAR_XML } from '../fixtures/codeset-files';

describe('order files', () => {
  it('reads an ICD-10-CM order file with headers, billable codes and unusual titles', () => {
    const set = parseOrderFile(orderFile(CM_ROWS), 2026, 'icd10cm_order_2026.txt');
    expect(set).toMatchObject({
      kind: 'icd10cm',
      version: '2026',
      effectiveFrom: '2025-10-01',
      effectiveTo: '2026-09-30',
    });
    expect(set.rows[0]).toEqual({ code: 'E10', billable: false, title: 'Type 1 diabetes mellitus' });
    expect(set.rows.find((r) => r.code === 'Z9989')?.title).toBe(
      'Dependence on other enabling machines & devices: "quoted" (café)',
    );
  });

  it('tells an ICD-10-PCS order file by its first row, letters-first sections included', () => {
    const set = parseOrderFile(orderFile(PCS_ROWS), 2026, 'icd10pcs_order_2026.txt');
    expect(set.kind).toBe('icd10pcs');
    expect(set.rows.map((r) => r.code)).toContain('BW28ZZZ');
  });

  it.each([
    ['a file cut mid-line', orderFile(CM_ROWS).slice(0, -40), /truncated/],
    ['an empty file', '\n', /does not have the order-file layout|empty/],
    [
      'a missing row',
      orderFile(CM_ROWS)
        .split('\r\n')
        .filter((_l, i) => i !== 3)
        .join('\r\n'),
      /order number 00005: rows are missing/,
    ],
    [
      'a PCS code among ICD-10-CM codes',
      orderFile([...CM_ROWS, ['0DTJ4ZZ', true, 'Resection of Appendix, Percutaneous Endoscopic Approach']]),
      /not an ICD-10-CM code/,
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseOrderFile(text, 2026, 'f.txt')).toThrow(message);
  });
});

describe('the HCPCS file', () => {
  it('joins continuation lines, keeps termination dates, reads modifiers and the release date', () => {
    const set = parseHcpcsFile(hcpcsFile(), 'HCPC.txt');
    expect(set).toMatchObject({ kind: 'hcpcs', version: '2026-01', effectiveFrom: '2026-01-01' });
    expect(set.rows.find((r) => r.code === 'G9870')?.title).toBe(
      'Ophthalmologic evaluation, for use only in a medicare-approved cmmi model, more than 20 minutes',
    );
    expect(set.rows.find((r) => r.code === 'J1030')).toMatchObject({
      terminated: '2024-03-31',
      added: '1982-01-01',
    });
    expect(set.modifiers).toEqual([
      {
        code: 'RT',
        title: 'Right side (used to identify procedures performed on the right side of the body)',
      },
    ]);
  });

  it('refuses a truncated file', () => {
    expect(() => parseHcpcsFile(hcpcsFile().slice(0, 500), 'HCPC.txt')).toThrow(/truncated/);
  });

  it('refuses an unknown record type', () => {
    const broken = hcpcsFile().replace(/^(J1030\d{5})3/, '$19');
    expect(() => parseHcpcsFile(broken, 'HCPC.txt')).toThrow(/record type "9"/);
  });
});

describe('the tabular XML', () => {
  const tabular = parseTabularXml(TABULAR_XML, 'tabular.xml');

  it('reads the version and the chapters, past a DOCTYPE and ">" inside an attribute value', () => {
    expect(tabular.version).toBe('2021');
    expect(tabular.chapters).toEqual(['chapter 4', 'chapter 19', 'chapter 21']);
  });

  it.each([
    [
      'a subcategory with its inclusion term',
      'E11.65',
      {
        code: 'E11.65',
        parent: 'E11.6',
        kind: 'subcategory',
        notes: { inclusionTerm: ['Type 2 diabetes mellitus with "out of control" & poorly controlled'] },
      },
    ],
    [
      'a category with its notes',
      'E11',
      {
        kind: 'category',
        parent: 'section E08-E13',
        notes: { excludes1: ['gestational diabetes (O24.4-)', 'type 1 diabetes mellitus (E10.-)'] },
      },
    ],
    [
      'a section',
      'section E08-E13',
      { code: 'E08-E13', kind: 'section', parent: 'chapter 4', children: ['E11'] },
    ],
    [
      'a section sharing its category id, its own note kept',
      'section Z68',
      {
        code: 'Z68',
        kind: 'section',
        parent: 'chapter 21',
        children: ['Z68'],
        notes: { excludes1: ['BMI of a pregnant patient (O99.21-)'] },
      },
    ],
    [
      'the category of that section, not its own parent',
      'Z68',
      { code: 'Z68', kind: 'category', parent: 'section Z68', children: ['Z68.3'] },
    ],
  ])('keeps %s', (_name, key, expected) => {
    expect(tabular.nodes[key]).toMatchObject(expected);
  });

  it('keeps every note line under a 7th-character value', () => {
    expect(tabular.nodes.S82.sevenChr).toEqual([
      { char: 'A', text: 'initial encounter for closed fracture', notes: [] },
      {
        char: 'B',
        text: 'initial encounter for open fracture type I or II',
        notes: ['initial encounter for open fracture NOS'],
      },
      { char: 'D', text: 'subsequent encounter for closed fracture with routine healing', notes: [] },
    ]);
  });

  it.each([
    ['truncated XML', TABULAR_XML.slice(0, 900), /not well-formed XML/],
    [
      'another XML document',
      '<?xml version="1.0"?><ICD10CM.index><version>2021</version></ICD10CM.index>',
      /not the ICD-10-CM tabular list/,
    ],
    ['mismatched tags', TABULAR_XML.replace('</section>', '</chapter>'), /not well-formed XML/],
    [
      'a code given twice',
      TABULAR_XML.replace('<name>E11.6</name>', '<name>E11.65</name>'),
      /E11.65 appears twice/,
    ],
    ['a code without a name', TABULAR_XML.replace('<name>S82.61</name>', ''), /<diag> without a <name>/],
    [
      'a heading without a name above a code',
      TABULAR_XML.replace('<name>S82.6</name>', ''),
      /S82.61 comes before its parent's <name>/,
    ],
    ['no version', TABULAR_XML.replace('<version>2021</version>', ''), /does not state its version/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseTabularXml(text, 'x.xml')).toThrow(message);
  });
});

describe('checking a tabular hierarchy', () => {
  const node = (
    key: string,
    kind: TabularNode['kind'],
    parent: string | undefined,
    children: string[],
  ): TabularNode => ({ key, code: key, kind, title: key, parent, children, notes: {} });

  it.each([
    [
      'a missing parent',
      {
        'chapter 1': node('chapter 1', 'chapter', undefined, ['A00']),
        A00: node('A00', 'category', 'section A00-A09', []),
      },
      /A00 has no parent \(section A00-A09 is missing\)/,
    ],
    [
      'a parent that does not list the child',
      {
        'chapter 1': node('chapter 1', 'chapter', undefined, []),
        A00: node('A00', 'category', 'chapter 1', []),
      },
      /does not list A00/,
    ],
    [
      'a cycle',
      {
        'chapter 1': node('chapter 1', 'chapter', undefined, []),
        A00: node('A00', 'category', 'A01', ['A01']),
        A01: node('A01', 'category', 'A00', ['A00']),
      },
      /does not reach a chapter within 8 levels/,
    ],
  ])('refuses %s', (_name, nodes, message) => {
    expect(() => checkHierarchy({ chapters: ['chapter 1'], nodes }, 'x.json')).toThrow(message);
  });

  it('accepts the parsed fixture', () => {
    expect(() => checkHierarchy(parseTabularXml(TABULAR_XML, 'x.xml'), 'x.xml')).not.toThrow();
  });
});

describe('a CPT CSV', () => {
  it('reads codes and descriptors, with a header and quoted commas', () => {
    const set = parseCptCsv(
      'code,descriptor\n99213,"Office visit, established, low"\n0001F,Heart failure assessed\n',
      2026,
      'cpt.csv',
    );
    expect(set.rows).toEqual([
      { code: '99213', billable: true, title: 'Office visit, established, low' },
      { code: '0001F', billable: true, title: 'Heart failure assessed' },
    ]);
    expect(set.effectiveFrom).toBe('2026-01-01');
  });

  it('refuses a row that is not code,descriptor', () => {
    expect(() => parseCptCsv('99213,ok\nhello,world\n', 2026, 'cpt.csv')).toThrow(/line 2/);
  });

  it('reads doubled quotes', () => {
    expect(parseCsvLine('"a ""b"", c",d')).toEqual(['a "b", c', 'd']);
  });
});

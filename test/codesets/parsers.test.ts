import { parseCptCsv, parseCsvLine } from '../../server/codesets/cpt-file';
import { parseHcpcsFile } from '../../server/codesets/hcpcs-file';
import { parseOrderFile } from '../../server/codesets/order-file';
import { parseTabularXml } from '../../server/codesets/tabular-file';
import { CM_ROWS, hcpcsFile, orderFile, PCS_ROWS, TABULAR_XML } from '../fixtures/codeset-files';

describe('order files', () => {
  it('reads an ICD-10-CM order file with headers, billable codes and unusual titles', () => {
    const set = parseOrderFile(orderFile(CM_ROWS), 2026, 'icd10cm_order_2026.txt');
    expect(set).toMatchObject({ kind: 'icd10cm', version: '2026', effectiveFrom: '2025-10-01', effectiveTo: '2026-09-30' });
    expect(set.rows[0]).toEqual({ code: 'E10', billable: false, title: 'Type 1 diabetes mellitus' });
    expect(set.rows.find((r) => r.code === 'Z9989')?.title).toBe('Dependence on other enabling machines & devices: "quoted" (café)');
  });

  it('tells an ICD-10-PCS order file by its first row, letters-first sections included', () => {
    const set = parseOrderFile(orderFile(PCS_ROWS), 2026, 'icd10pcs_order_2026.txt');
    expect(set.kind).toBe('icd10pcs');
    expect(set.rows.map((r) => r.code)).toContain('BW28ZZZ');
  });

  it.each([
    ['a file cut mid-line', orderFile(CM_ROWS).slice(0, -40), /truncated/],
    ['an empty file', '\n', /does not have the order-file layout|empty/],
    ['a missing row', orderFile(CM_ROWS).split('\r\n').filter((_l, i) => i !== 3).join('\r\n'), /order number 00005: rows are missing/],
    ['a PCS code among ICD-10-CM codes', orderFile([...CM_ROWS, ['0DTJ4ZZ', true, 'Resection of Appendix, Percutaneous Endoscopic Approach']]), /not an ICD-10-CM code/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseOrderFile(text, 2026, 'f.txt')).toThrow(message);
  });
});

describe('the HCPCS file', () => {
  it('joins continuation lines, keeps termination dates, reads modifiers and the release date', () => {
    const set = parseHcpcsFile(hcpcsFile(), 'HCPC.txt');
    expect(set).toMatchObject({ kind: 'hcpcs', version: '2026-01', effectiveFrom: '2026-01-01' });
    expect(set.rows.find((r) => r.code === 'G9870')?.title).toBe('Ophthalmologic evaluation, for use only in a medicare-approved cmmi model, more than 20 minutes');
    expect(set.rows.find((r) => r.code === 'J1030')).toMatchObject({ terminated: '2024-03-31', added: '1982-01-01' });
    expect(set.modifiers).toEqual([{ code: 'RT', title: 'Right side (used to identify procedures performed on the right side of the body)' }]);
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
  it('builds the hierarchy with notes and 7th characters', () => {
    const tabular = parseTabularXml(TABULAR_XML, 'tabular.xml');
    expect(tabular.version).toBe('2021');
    expect(tabular.chapters).toEqual(['chapter 4', 'chapter 19']);
    expect(tabular.nodes['E11.65']).toMatchObject({ parent: 'E11.6', kind: 'subcategory', notes: { inclusionTerm: ['Type 2 diabetes mellitus with "out of control" & poorly controlled'] } });
    expect(tabular.nodes.E11.notes.excludes1).toEqual(['gestational diabetes (O24.4-)', 'type 1 diabetes mellitus (E10.-)']);
    expect(tabular.nodes.S82.sevenChr).toEqual({ A: 'initial encounter for closed fracture', D: 'subsequent encounter for closed fracture with routine healing' });
    expect(tabular.nodes['E08-E13']).toMatchObject({ kind: 'section', parent: 'chapter 4', children: ['E11'] });
  });

  it.each([
    ['truncated XML', TABULAR_XML.slice(0, 800), /not well-formed XML: the file ends inside/],
    ['another XML document', '<?xml version="1.0"?><ICD10CM.index><version>2021</version></ICD10CM.index>', /not the ICD-10-CM tabular list/],
    ['mismatched tags', TABULAR_XML.replace('</section>', '</chapter>'), /does not match/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseTabularXml(text, 'x.xml')).toThrow(message);
  });
});

describe('a CPT CSV', () => {
  it('reads codes and descriptors, with a header and quoted commas', () => {
    const set = parseCptCsv('code,descriptor\n99213,"Office visit, established, low"\n0001F,Heart failure assessed\n', 2026, 'cpt.csv');
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

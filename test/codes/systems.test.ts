import {
  comparisonKey,
  formatIcd10cm,
  matchesFormat,
  standardForm,
  systemsMatching,
} from '../../server/codes/systems';

describe('code formats', () => {
  it.each([
    ['S82.61XA', ['ICD-10-CM']],
    ['s8261xa', ['ICD-10-CM']],
    ['Z3A.39', ['ICD-10-CM']],
    ['I10', ['ICD-10-CM']],
    ['0DTJ4ZZ', ['ICD-10-PCS']],
    ['BW28ZZZ', ['ICD-10-PCS']],
    ['HELLO', []],
    ['QA00101', ['ICD-10-CM']],
    ['27786', ['CPT']],
    ['0001F', ['CPT']],
    ['0042T', ['CPT']],
    ['J3301', ['ICD-10-CM', 'HCPCS']],
    ['0DTI4ZZ', []],
    ['E11.655.1', []],
    ['<b>', []],
    ['', []],
  ])('%s has the shape of %j', (code, systems) => {
    expect(systemsMatching(code)).toEqual(systems);
  });

  it('PCS never uses I or O, and starts with a section', () => {
    expect(matchesFormat('ICD-10-PCS', '0DTO4ZZ')).toBe(false);
    expect(matchesFormat('ICD-10-PCS', 'S8261XA')).toBe(false);
  });

  it.each([
    ['e1165', 'E11.65'],
    [' E11.65 ', 'E11.65'],
    ['i10', 'I10'],
    ['w11xxxa', 'W11.XXXA'],
  ])('formats ICD-10-CM %s as %s', (raw, shown) => {
    expect(formatIcd10cm(raw)).toBe(shown);
    expect(standardForm('ICD-10-CM', raw)).toBe(shown);
  });

  it('compares ICD-10-CM without the dot and other systems as written', () => {
    expect(comparisonKey('ICD-10-CM', 'e11.65')).toBe(comparisonKey('ICD-10-CM', 'E1165'));
    expect(comparisonKey('CPT', ' 27786 ')).toBe('27786');
  });
});

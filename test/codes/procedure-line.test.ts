import {
  describeLineProblem,
  formatProcedureLine,
  parseProcedureLine,
} from '../../server/codes/procedure-line';

describe('procedure lines', () => {
  it.each([
    ['27786-RT', { code: '27786', modifiers: ['RT'], units: 1 }],
    ['64483-rt-59 x1', { code: '64483', modifiers: ['RT', '59'], units: 1 }],
    ['J3301 x4', { code: 'J3301', modifiers: [], units: 4 }],
    ['J3301 X 4', { code: 'J3301', modifiers: [], units: 4 }],
    ['  99283-25  ', { code: '99283', modifiers: ['25'], units: 1 }],
    ['0DTJ4ZZ', { code: '0DTJ4ZZ', modifiers: [], units: 1 }],
  ])('reads %s', (text, line) => {
    expect(parseProcedureLine(text)).toEqual({ ok: true, line });
  });

  it.each([
    ['', /empty/],
    ['27786--RT', /empty modifier/],
    ['27786-RT-', /empty modifier/],
    ['J3301 x0', /at least 1/],
    ['J3301 x2.5', /whole number/],
    ['27786 RT', /not of the form/],
  ])('rejects %j', (text, reason) => {
    const parsed = parseProcedureLine(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(describeLineProblem(parsed.problem)).toMatch(reason);
  });

  it('formats lines in claim form', () => {
    expect(formatProcedureLine({ code: 'J3301', modifiers: [], units: 4 })).toBe('J3301 x4');
    expect(formatProcedureLine({ code: '64483', modifiers: ['RT', '59'], units: 1 })).toBe('64483-RT-59');
  });
});

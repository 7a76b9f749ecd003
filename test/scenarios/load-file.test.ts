import { loadScenarioText } from '../../server/scenarios/load-file';
import { formatProblem, type ProblemId } from '../../server/scenarios/problems';
import { VALID_JSON, VALID_YAML, withLines } from '../fixtures/scenario-texts';

type Expected = { problem: ProblemId; path: string; line: number; col: number; message?: RegExp };

const load = (text: string, format: 'YAML' | 'JSON' = 'YAML') => loadScenarioText(text, 'fixture.yaml', format);

describe('loadScenarioText: valid files', () => {
  it('loads the valid YAML fixture into the model with codes in standard form', () => {
    const result = load(VALID_YAML);
    expect(result.problems).toEqual([]);
    const scenario = result.scenario!;
    expect(scenario.id).toBe('test-ankle');
    expect(scenario.answerKey.diagnoses.map((d) => d.code)).toEqual(['S82.61XA', 'W11.XXXA']);
    expect(scenario.answerKey.diagnoses[0]).toMatchObject({ optional: false, alternatives: [] });
    expect(scenario.answerKey.procedures[0]).toMatchObject({ code: '29515', modifiers: ['RT'], units: 1, alternatives: [] });
    expect(scenario.answerKey.distractors[0]).toMatchObject({ code: 'M25.571', section: 'diagnoses' });
  });

  it('loads JSON', () => {
    const result = load(VALID_JSON, 'JSON');
    expect(result.problems).toEqual([]);
    expect(result.scenario?.answerKey.procedures[0].system).toBe('ICD-10-PCS');
  });

  it.each([
    ['an unquoted CPT code keeps its digits', { 30: '      code: 29515' }, (s: ReturnType<typeof load>) => s.scenario?.answerKey.procedures[0].code, '29515'],
    ['an unquoted leading-zero code keeps its zero', { 30: '      code: 01996', 29: '    - system: CPT' }, (s: ReturnType<typeof load>) => s.scenario?.answerKey.procedures[0].code, '01996'],
    ['unquoted numeric modifiers stay text', { 31: '      modifiers: [25, 59]' }, (s: ReturnType<typeof load>) => s.scenario?.answerKey.procedures[0].modifiers, ['25', '59']],
    ['lower-case codes without a dot are normalised', { 20: '    - code: s8261xa' }, (s: ReturnType<typeof load>) => s.scenario?.answerKey.diagnoses[0].code, 'S82.61XA'],
    ['evidence matches across line breaks and case', { 23: '      evidence: ["DISPLACED FRACTURE of the distal right fibula   at the lateral malleolus"]' }, (s: ReturnType<typeof load>) => s.problems, []],
    [
      'procedure alternatives are parsed into lines',
      { 31: '      modifiers: [RT]\n      alternatives: ["29515-LT x2", {code: "29505", modifiers: [RT]}]' },
      (s: ReturnType<typeof load>) => s.scenario?.answerKey.procedures[0].alternatives,
      [
        { code: '29515', modifiers: ['LT'], units: 2 },
        { code: '29505', modifiers: ['RT'], units: 1 },
      ],
    ],
    [
      'a group of lines is kept as a group',
      { 31: '      modifiers: ["50"]\n      alternatives: [["29515-RT", {code: "29515", modifiers: [LT]}]]' },
      (s: ReturnType<typeof load>) => s.scenario?.answerKey.procedures[0].alternativeGroups,
      [
        [
          { code: '29515', modifiers: ['RT'], units: 1 },
          { code: '29515', modifiers: ['LT'], units: 1 },
        ],
      ],
    ],
  ])('%s', (_name, changes, pick, expected) => {
    expect(pick(load(withLines(changes)))).toEqual(expected);
  });
});

describe('loadScenarioText: every problem with its path, line and column', () => {
  const cases: Array<[string, Record<number, string>, Expected[]]> = [
    ['missing field points at the parent mapping', { 2: '' }, [{ problem: 'missing-field', path: 'title', line: 1, col: 1 }]],
    ['missing nested field', { 11: '' }, [{ problem: 'missing-field', path: 'report.transcribedBy', line: 9, col: 3 }]],
    ['unknown field with a suggestion', { 27: '      evidnce: ["fell from a ladder"]' }, [
      { problem: 'missing-field', path: 'answerKey.diagnoses[1].evidence', line: 24, col: 7 },
      { problem: 'unknown-field', path: 'answerKey.diagnoses[1].evidnce', line: 27, col: 7, message: /did you mean "evidence"/ },
    ]],
    ['wrong setting', { 3: 'setting: outpatent' }, [{ problem: 'invalid-value', path: 'setting', line: 3, col: 10, message: /outpatient or inpatient/ }]],
    ['difficulty out of range', { 6: 'difficulty: 7' }, [{ problem: 'invalid-value', path: 'difficulty', line: 6, col: 13 }]],
    ['difficulty as text', { 6: 'difficulty: hard' }, [{ problem: 'invalid-value', path: 'difficulty', line: 6, col: 13, message: /whole number/ }]],
    ['id not kebab-case', { 1: 'id: Test_Ankle' }, [{ problem: 'invalid-value', path: 'id', line: 1, col: 5, message: /kebab-case/ }]],
    ['not a real date', { 12: '  dateOfService: 2026-02-30' }, [{ problem: 'invalid-date', path: 'report.dateOfService', line: 12, col: 18 }]],
    ['badly written date', { 12: '  dateOfService: 03/14/2026' }, [{ problem: 'invalid-value', path: 'report.dateOfService', line: 12, col: 18 }]],
    ['evidence not in the report', { 27: '      evidence: ["fell from a roof"]' }, [
      { problem: 'evidence-not-found', path: 'answerKey.diagnoses[1].evidence[0]', line: 27, col: 18, message: /differs at "roof"/ },
    ]],
    ['ICD-10-CM code of the wrong shape', { 20: '    - code: S82.61XAB' }, [{ problem: 'code-format', path: 'answerKey.diagnoses[0].code', line: 20, col: 13 }]],
    ['procedure code not of its system', { 30: '      code: "J3301"' }, [{ problem: 'code-format', path: 'answerKey.procedures[0].code', line: 30, col: 13 }]],
    ['PCS in an outpatient scenario', { 29: '    - system: ICD-10-PCS', 30: '      code: 0DTJ4ZZ' }, [{ problem: 'system-for-setting', path: 'answerKey.procedures[0].system', line: 29, col: 15 }]],
    ['unknown procedure system', { 29: '    - system: CPT4' }, [{ problem: 'invalid-value', path: 'answerKey.procedures[0].system', line: 29, col: 15 }]],
    ['modifier of three characters', { 31: '      modifiers: [RT, XSS]' }, [{ problem: 'invalid-value', path: 'answerKey.procedures[0].modifiers[1]', line: 31, col: 23 }]],
    ['units of zero', { 31: '      modifiers: [RT]\n      units: 0' }, [{ problem: 'invalid-value', path: 'answerKey.procedures[0].units', line: 32, col: 14 }]],
    ['fractional units', { 31: '      modifiers: [RT]\n      units: 1.5' }, [{ problem: 'invalid-value', path: 'answerKey.procedures[0].units', line: 32, col: 14 }]],
    ['malformed alternative line', { 31: '      modifiers: [RT]\n      alternatives: ["29515 x0"]' }, [{ problem: 'procedure-line-format', path: 'answerKey.procedures[0].alternatives[0]', line: 32, col: 22 }]],
    ['a group of one line', { 31: '      modifiers: [RT]\n      alternatives: [["29515-LT"]]' }, [{ problem: 'invalid-value', path: 'answerKey.procedures[0].alternatives[0]', line: 32, col: 22 }]],
    ['a malformed line inside a group', { 31: '      modifiers: ["50"]\n      alternatives: [["29515-RT", "29515--LT"]]' }, [{ problem: 'procedure-line-format', path: 'answerKey.procedures[0].alternatives[0][1]', line: 32, col: 35 }]],
    ['malformed diagnosis alternative', { 22: '      rationale: r\n      alternatives: [S8]' }, [{ problem: 'code-format', path: 'answerKey.diagnoses[0].alternatives[0]', line: 23, col: 22 }]],
    ['code both expected and a distractor', { 36: '    - code: S8261XA' }, [{ problem: 'expected-and-distractor', path: 'answerKey.distractors[0].code', line: 36, col: 13 }]],
    ['the same code twice', { 24: '    - code: S82.61XA' }, [{ problem: 'duplicate-code', path: 'answerKey.diagnoses[1].code', line: 24, col: 13 }]],
    ['ambiguous distractor asks for a section', { 36: '    - code: J1100' }, [{ problem: 'invalid-value', path: 'answerKey.distractors[0].code', line: 36, col: 13, message: /section/ }]],
    ['no diagnoses', { 19: '  diagnoses: []', 20: '  x1: 1', 21: '', 22: '', 23: '', 24: '', 25: '', 26: '', 27: '' }, [
      { problem: 'invalid-value', path: 'answerKey.diagnoses', line: 19, col: 14 },
      { problem: 'unknown-field', path: 'answerKey.x1', line: 20, col: 3 },
    ]],
    ['unclosed flow list: the parser notices on the next line', { 5: 'specialty: [Emergency' }, [{ problem: 'syntax-error', path: '', line: 6, col: 1, message: /end with a \]/ }]],
    ['unclosed quote', { 5: 'specialty: "Emergency' }, [{ problem: 'syntax-error', path: '', line: 5, col: 22, message: /closing "quote/ }]],
    ['duplicate key is a syntax error', { 5: 'title: Again' }, [{ problem: 'syntax-error', path: '', line: 5, col: 1 }]],
  ];

  it.each(cases)('%s', (_name, changes, expected) => {
    const result = load(withLines(changes));
    expect(result.scenario).toBeNull();
    expect(result.problems.map(({ problem, path, line, col }) => ({ problem, path, line, col }))).toEqual(
      expected.map(({ problem, path, line, col }) => ({ problem, path, line, col })),
    );
    expected.forEach((e, i) => {
      if (e.message) expect(result.problems[i].message).toMatch(e.message);
    });
  });

  it('reports all problems of a file, not only the first, also those found by comparing fields', () => {
    const result = load(withLines({ 3: 'setting: clinic', 6: 'difficulty: 0', 27: '      evidence: ["not there"]', 20: '    - code: S8261XAA' }));
    expect(result.problems.map((p) => [p.problem, p.path])).toEqual([
      ['invalid-value', 'setting'],
      ['invalid-value', 'difficulty'],
      ['code-format', 'answerKey.diagnoses[0].code'],
      ['evidence-not-found', 'answerKey.diagnoses[1].evidence[0]'],
    ]);
  });

  it('checks the entries whose shape is right while others are broken, keeping their positions', () => {
    const result = load(withLines({ 22: '      rationale: 42', 27: '      evidence: ["not there"]' }));
    expect(result.problems.map((p) => [p.problem, p.path, p.line])).toEqual([
      ['invalid-value', 'answerKey.diagnoses[0].rationale', 22],
      ['evidence-not-found', 'answerKey.diagnoses[1].evidence[0]', 27],
    ]);
  });

  it.each([
    ['an empty file', '', /empty file/],
    ['a list', '- a\n- b\n', /a list/],
    ['a plain value', 'hello\n', /single value/],
  ])('rejects %s as not a scenario', (_name, text, message) => {
    const result = load(text);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ problem: 'not-a-scenario', line: 1, col: 1 });
    expect(result.problems[0].message).toMatch(message);
  });

  it('gives JSON syntax errors a line and column', () => {
    const broken = VALID_JSON.replace('"title": "Test JSON",', '"title": "Test JSON"');
    const result = load(broken, 'JSON');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ problem: 'syntax-error', line: 4, col: 3 });
  });

  it('locates problems inside JSON files', () => {
    const result = load(VALID_JSON.replace('"difficulty": 3', '"difficulty": 9'), 'JSON');
    expect(result.problems[0]).toMatchObject({ problem: 'invalid-value', path: 'difficulty', line: 7, col: 17 });
  });

  it('formats a problem as file:line:col path: message', () => {
    const [problem] = load(withLines({ 3: 'setting: clinic' })).problems;
    expect(formatProblem(problem)).toBe('fixture.yaml:3:10 setting: setting must be outpatient or inpatient');
  });
});

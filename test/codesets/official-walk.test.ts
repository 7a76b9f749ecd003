/**
 * Every code of the official sets, walked through what a request does with it: the code
 * page's detail (parents, children, notes, 7th characters), a search for the code itself,
 * and grading it as a submitted code. In process, so that the whole walk fits in CI.
 */
import type { CodeSets } from '../../server/codesets/code-sets';
import type { CodeSystem } from '../../server/codes/systems';
import { grade } from '../../server/grader/grade';
import type { ScenarioModel } from '../../server/scenarios/model';
import { codeDetail } from '../../server/web/view-models/code-detail';
import { makeTestApp, signedInAgent } from '../helpers/app';
import { bundledLibrary } from '../helpers/library';
import { describeWithOfficialSets, officialCodeSets } from '../helpers/official';

const DATE = '2026-03-01';

function allCodes(codeSets: CodeSets, system: CodeSystem): string[] {
  const set = codeSets.setFor(system, DATE);
  if (!set) throw new Error(`no ${system} set`);
  return set.codes.map((bare) => codeSets.entry(set, set.row(bare) as number).code);
}

describeWithOfficialSets('every official code answers normally', () => {
  let codeSets: CodeSets;
  let outpatient: ScenarioModel;
  let inpatient: ScenarioModel;
  beforeAll(async () => {
    codeSets = await officialCodeSets();
    const library = await bundledLibrary();
    outpatient = library.get('office-diabetes-hyperglycemia-followup') as ScenarioModel;
    inpatient = library.get('inpatient-appendicitis-laparoscopic') as ScenarioModel;
  });

  it.each([
    ['ICD-10-CM', 'chapter'],
    ['ICD-10-PCS', 'table'],
    ['HCPCS', undefined],
  ] as const)('%s: look-up, search for itself, grading', (system, topKind) => {
    const codes = allCodes(codeSets, system);
    const failures: string[] = [];
    for (const code of codes) {
      const detail = codeDetail(codeSets, system, code, DATE);
      if (!detail) failures.push(`${code}: no detail`);
      else if (topKind === 'chapter' && detail.parents.at(-1)?.kind !== 'chapter')
        failures.push(`${code}: parents end at ${JSON.stringify(detail.parents.at(-1))}`);
      else if (topKind === 'table' && code.length === 7 && detail.parents[0]?.kind !== 'table')
        failures.push(`${code}: no table above it`);
      const first = codeSets.search(code, { system, limit: 1 })[0];
      if (first?.code !== code)
        failures.push(`${code}: a search for it ranks ${first?.code ?? 'nothing'} first`);
    }
    // Graded fifty at a time, in the list each belongs to, against a scenario of its setting.
    const scenario = system === 'ICD-10-PCS' ? inpatient : outpatient;
    for (let i = 0; i < codes.length; i += 50) {
      const batch = codes.slice(i, i + 50);
      const submission =
        system === 'ICD-10-CM' ? { diagnoses: batch, procedures: [] } : { diagnoses: [], procedures: batch };
      const result = grade(scenario, submission, { codeSets });
      const graded = new Set(
        result.findings
          .filter(
            (f) =>
              f.section === (system === 'ICD-10-CM' ? 'diagnoses' : 'procedures') &&
              f.submittedIndex !== undefined,
          )
          .map((f) => f.submittedIndex),
      );
      if (graded.size !== batch.length)
        failures.push(`batch from ${batch[0]}: ${batch.length - graded.size} code(s) without a finding`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(codes.length).toBeGreaterThan(system === 'HCPCS' ? 8000 : 70000);
  });

  // Sections that share their only category's id (B20, T07, Z68…): each keeps its own
  // notes, and its category sits below it instead of being its own parent.
  it.each([
    ['Z68.30', ['Z68.3', 'Z68', 'Z68', 'chapter 21'], { kind: 'notes', from: 'Z68' }],
    [
      'B20',
      ['B20', 'chapter 1'],
      { kind: 'includes', from: 'B20', text: 'acquired immune deficiency syndrome [AIDS]' },
    ],
    [
      'T07.XXXA',
      ['T07', 'T07', 'chapter 19'],
      { kind: 'excludes1', from: 'T07', text: 'burns and corrosions (T20-T32)' },
    ],
    ['R99', ['R99', 'chapter 18'], { kind: 'inclusionTerm', from: 'R99', text: 'Death (unexplained) NOS' }],
    ['C50.911', ['C50.91', 'C50.9', 'C50', 'C50', 'chapter 2'], { kind: 'excludes1', from: 'C50' }],
    [
      'O09.511',
      ['O09.51', 'O09.5', 'O09', 'O09', 'chapter 15'],
      { kind: 'useAdditionalCode', from: 'chapter 15' },
    ],
  ])('places %s and keeps the notes of its section', (code, parents, note) => {
    const detail = codeDetail(codeSets, 'ICD-10-CM', code, DATE);
    expect(detail?.parents.map((p) => p.code)).toEqual(parents);
    expect(detail?.notes).toEqual(expect.arrayContaining([expect.objectContaining(note)]));
  });

  it.each([
    ['S72.022A', 'B', ['initial encounter for open fracture NOS']],
    ['H34.8110', '2', ['Old central retinal vein occlusion']],
  ])('keeps the note lines under %s 7th character %s', (code, char, notes) => {
    expect(codeSets.seventhCharacters(code, DATE)?.values.find((v) => v.char === char)?.notes).toEqual(notes);
  });

  it.each([
    ['W44.8XXA', ['W44.8', 'W44', 'chapter 20'], 'titles'],
    ['T45.AX1D', ['T45.AX1', 'T45.AX', 'T45.A', 'T45', 'T36-T50', 'chapter 19'], 'tabular'],
  ])('places %s, newer than the tabular list, under the code set’s own headings', (code, parents, source) => {
    const detail = codeDetail(codeSets, 'ICD-10-CM', code, DATE);
    expect(detail?.parents.map((p) => p.code)).toEqual(parents);
    expect(detail?.notesFrom).toEqual({ version: '2021', older: true });
    expect(codeSets.seventhCharacters(code, DATE)?.source).toBe(source);
  });

  it('grades the request that used to end the server, and serves the next one', async () => {
    const t = await makeTestApp({ codeSets: () => codeSets });
    const { agent, csrf } = await signedInAgent(t);
    const body = { diagnoses: ['E11.65', 'Z68.30'], procedures: ['99214'] };
    const graded = await agent
      .post('/api/scenarios/office-diabetes-hyperglycemia-followup/grade')
      .set('X-CSRF-Token', csrf)
      .send(body);
    expect(graded.status).toBe(200);
    expect(graded.body.findings.find((f: { submitted?: string }) => f.submitted === 'Z68.30')?.kind).toBe(
      'distractor',
    );
    for (const path of ['/api/codes/icd10cm/Z68.41', '/codes/icd10cm/B20', '/api/codes/icd10cm/T07.XXXA'])
      expect((await agent.get(path)).status).toBe(200);
    await t.cleanup();
  });
});

/**
 * Checks a valid scenario against the imported official code sets: every code exists in
 * the set for its date of service (HCPCS: not terminated before it), expected codes are
 * billable, and descriptions equal the official long titles (CPT descriptions are the
 * scenario's own words and are not compared).
 */
import type { CodeSets } from '../codesets/code-sets';
import { parseProcedureLine } from '../codes/procedure-line';
import { fitsFormat, cleanCode, type CodeSystem } from '../codes/systems';
import { problemMessage } from './problems';
import type { PathProblem } from './schema-issues';
import type { Scenario } from './schema';
import { inferDistractorSection } from './model';

type Path = Array<string | number>;

export function codeSetProblems(scenario: Scenario, codeSets: CodeSets): PathProblem[] {
  const problems: PathProblem[] = [];
  const date = scenario.report.dateOfService;
  const uncovered = new Set<CodeSystem>();
  const add = (problem: PathProblem['problem'], path: Path, data: Record<string, string>) => problems.push({ problem, path, message: problemMessage(problem, data) });

  const check = (system: CodeSystem, code: string, path: Path, expectation: { billable: boolean; title?: string; titlePath?: Path }) => {
    if (system === 'CPT' && codeSets.setsOf('CPT').length === 0) return;
    if (codeSets.setsOf(system).length === 0) return;
    const set = codeSets.setFor(system, date);
    if (!set) {
      if (!uncovered.has(system)) add('date-outside-codeset', ['report', 'dateOfService'], { system, date });
      uncovered.add(system);
      return;
    }
    const entry = codeSets.lookup(system, code, date);
    if (!entry) return add('unknown-code', path, { code, system, version: set.info.version });
    if (entry.status === 'terminated') return add('unknown-code', path, { code: `${code} (terminated ${entry.terminated})`, system, version: set.info.version });
    if (entry.status === 'not-yet-valid') return add('unknown-code', path, { code: `${code} (added ${entry.added})`, system, version: set.info.version });
    if (expectation.billable && !entry.billable) return add('not-billable', path, { code, system, version: set.info.version });
    if (expectation.title !== undefined && system !== 'CPT' && expectation.title !== entry.title && expectation.titlePath) {
      add('title-mismatch', expectation.titlePath, { code, official: entry.title });
    }
  };

  scenario.answerKey.diagnoses.forEach((d, i) => {
    const path: Path = ['answerKey', 'diagnoses', i];
    check('ICD-10-CM', d.code, [...path, 'code'], { billable: true, title: d.description, titlePath: [...path, 'description'] });
    d.alternatives.forEach((a, j) => check('ICD-10-CM', a, [...path, 'alternatives', j], { billable: true }));
  });
  scenario.answerKey.procedures.forEach((p, i) => {
    const path: Path = ['answerKey', 'procedures', i];
    check(p.system, p.code, [...path, 'code'], { billable: true, title: p.description, titlePath: [...path, 'description'] });
    const checkAlternative = (a: string | { code: string }, altPath: Path) => {
      const code = typeof a === 'string' ? (parseProcedureLine(a).ok ? cleanCode(a.split(/[-\s]/)[0]) : undefined) : a.code;
      if (code) check(p.system, code, altPath, { billable: true });
    };
    p.alternatives.forEach((a, j) => {
      if (Array.isArray(a)) a.forEach((member, k) => checkAlternative(member, [...path, 'alternatives', j, k]));
      else checkAlternative(a, [...path, 'alternatives', j]);
    });
  });
  scenario.answerKey.distractors.forEach((d, i) => {
    const path: Path = ['answerKey', 'distractors', i, 'code'];
    const section = d.section ?? inferDistractorSection(d.code);
    if (section === 'diagnoses') return check('ICD-10-CM', d.code, path, { billable: false });
    const parsed = parseProcedureLine(d.code);
    if (!parsed.ok) return;
    const code = parsed.line.code;
    const system: CodeSystem | undefined = fitsFormat('CPT', code) ? 'CPT' : scenario.setting === 'inpatient' && fitsFormat('ICD-10-PCS', code) ? 'ICD-10-PCS' : fitsFormat('HCPCS', code) ? 'HCPCS' : fitsFormat('ICD-10-PCS', code) ? 'ICD-10-PCS' : undefined;
    if (system) check(system, code, path, { billable: false });
  });
  return problems;
}

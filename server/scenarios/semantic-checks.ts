/**
 * Checks that need more than one field: code shapes by system, evidence found in the
 * report, a real date, the setting's procedure system, and no code listed twice.
 * Each problem keeps the path of the field at fault.
 */
import { describeLineProblem, parseProcedureLine } from '../codes/procedure-line';
import { comparisonKey, matchesFormat, type CodeSystem } from '../codes/systems';
import { findQuote } from './evidence';
import { formatPath, problemMessage } from './problems';
import type { PathProblem } from './schema-issues';
import { alternativeLine, inferDistractorSection } from './model';
import type { Scenario } from './schema';

const SHAPES: Record<CodeSystem, string> = {
  'ICD-10-CM': 'an ICD-10-CM code (a letter, a digit, a letter or digit, then up to 4 more, e.g. S82.61XA)',
  'ICD-10-PCS': 'an ICD-10-PCS code (7 letters or digits, no I or O, e.g. 0DTJ4ZZ)',
  CPT: 'a CPT code (5 digits, or 4 digits and F, T or U, e.g. 27786)',
  HCPCS: 'a HCPCS Level II code (a letter and 4 digits, e.g. J3301)',
};

const SYSTEMS_FOR_SETTING: Record<Scenario['setting'], CodeSystem[]> = {
  outpatient: ['CPT', 'HCPCS'],
  inpatient: ['ICD-10-PCS'],
};

type Path = Array<string | number>;

/**
 * A scenario whose shape is only partly right: the parts that passed the schema, each list
 * keeping its indices (a list entry that failed is a hole), and no setting, report text
 * or date when those failed.
 */
export interface PartialScenario {
  setting?: Scenario['setting'];
  report: { text?: string; dateOfService?: string };
  answerKey: Pick<Scenario['answerKey'], 'diagnoses' | 'procedures' | 'distractors'>;
}

export function semanticProblems(scenario: Scenario | PartialScenario): PathProblem[] {
  const problems: PathProblem[] = [];
  const add = (problem: PathProblem['problem'], path: Path, data: Record<string, string | number>) =>
    problems.push({ problem, path, message: problemMessage(problem, data) });
  const checkShape = (system: CodeSystem, code: string, path: Path) => {
    if (!matchesFormat(system, code)) add('code-format', path, { code, expectedShape: SHAPES[system] });
  };

  const date = scenario.report.dateOfService;
  if (date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date) && !isRealDate(date)) add('invalid-date', ['report', 'dateOfService'], { value: date });
  const text = scenario.report.text;

  const expectedKeys = new Map<string, string>();
  const remember = (key: string, path: Path) => {
    const other = expectedKeys.get(key);
    if (other) add('duplicate-code', path, { code: key.split('|')[1], otherPath: other });
    else expectedKeys.set(key, formatPath(path));
  };

  scenario.answerKey.diagnoses.forEach((d, i) => {
    const path: Path = ['answerKey', 'diagnoses', i];
    checkShape('ICD-10-CM', d.code, [...path, 'code']);
    remember(`diagnoses|${comparisonKey('ICD-10-CM', d.code)}`, [...path, 'code']);
    d.alternatives.forEach((a, j) => {
      checkShape('ICD-10-CM', a, [...path, 'alternatives', j]);
      remember(`diagnoses|${comparisonKey('ICD-10-CM', a)}`, [...path, 'alternatives', j]);
    });
    if (text !== undefined) checkEvidence(text, d.evidence, path, add);
  });

  scenario.answerKey.procedures.forEach((p, i) => {
    const path: Path = ['answerKey', 'procedures', i];
    const setting = scenario.setting;
    if (setting && !SYSTEMS_FOR_SETTING[setting].includes(p.system)) {
      add('system-for-setting', [...path, 'system'], { system: p.system, setting, allowed: SYSTEMS_FOR_SETTING[setting].join(' or ') });
    }
    checkShape(p.system, p.code, [...path, 'code']);
    remember(`procedures|${lineKey(p.code, p.modifiers)}`, [...path, 'code']);
    // Each alternative line is checked on its own; a group is remembered as a whole.
    const checkLine = (a: string | { code: string; modifiers: string[]; units: number }, altPath: Path) => {
      if (typeof a === 'string') {
        const parsed = parseProcedureLine(a);
        if (!parsed.ok) {
          add('procedure-line-format', altPath, { reason: describeLineProblem(parsed.problem) });
          return null;
        }
        const badModifier = parsed.line.modifiers.find((m) => !/^[0-9A-Z]{2}$/.test(m));
        if (badModifier) {
          add('procedure-line-format', altPath, { reason: `modifier "${badModifier}" in "${a}" is not two letters or digits` });
          return null;
        }
      }
      const line = alternativeLine(a);
      if (!line) return null;
      const codePath = typeof a === 'string' ? altPath : [...altPath, 'code'];
      checkShape(p.system, line.code, codePath);
      return { line, codePath };
    };
    p.alternatives.forEach((a, j) => {
      const altPath: Path = [...path, 'alternatives', j];
      if (!Array.isArray(a)) {
        const checked = checkLine(a, altPath);
        if (checked) remember(`procedures|${lineKey(checked.line.code, checked.line.modifiers)}|${checked.line.units}`, checked.codePath);
        return;
      }
      const lines = a.map((member, k) => checkLine(member, [...altPath, k]));
      if (lines.every(Boolean)) {
        const keys = lines.map((l) => `${lineKey(l!.line.code, l!.line.modifiers)}|${l!.line.units}`).sort();
        remember(`procedures|${keys.join('+')}`, altPath);
      }
    });
    if (text !== undefined) checkEvidence(text, p.evidence, path, add);
  });

  scenario.answerKey.distractors.forEach((d, i) => {
    const path: Path = ['answerKey', 'distractors', i, 'code'];
    const section = d.section ?? inferDistractorSection(d.code);
    if (section === null) {
      return add('invalid-value', path, {
        reason: `"${d.code}" could be a diagnosis or a procedure code: add section: diagnoses or section: procedures`,
      });
    }
    let key: string;
    if (section === 'diagnoses') {
      checkShape('ICD-10-CM', d.code, path);
      key = `diagnoses|${comparisonKey('ICD-10-CM', d.code)}`;
    } else {
      const parsed = parseProcedureLine(d.code);
      if (!parsed.ok) return add('procedure-line-format', path, { reason: describeLineProblem(parsed.problem) });
      const fits = (['CPT', 'HCPCS', 'ICD-10-PCS'] as const).filter((s) => matchesFormat(s, parsed.line.code));
      if (fits.length === 0) return add('code-format', path, { code: d.code, expectedShape: 'a CPT, HCPCS or ICD-10-PCS code' });
      key = `procedures|${lineKey(parsed.line.code, parsed.line.modifiers)}`;
    }
    const expectedAt = [...expectedKeys.entries()].find(([k]) => k === key || k.startsWith(`${key}|`))?.[1];
    if (expectedAt) add('expected-and-distractor', path, { code: d.code, otherPath: expectedAt });
  });

  return problems;
}

function lineKey(code: string, modifiers: string[]): string {
  return [code.trim().toUpperCase(), ...[...modifiers].map((m) => m.toUpperCase()).sort()].join('-');
}

function checkEvidence(text: string, quotes: string[], path: Path, add: (p: 'evidence-not-found', path: Path, d: Record<string, string>) => void): void {
  quotes.forEach((quote, j) => {
    if (findQuote(text, quote)) return;
    add('evidence-not-found', [...path, 'evidence', j], { quote: quote.length > 80 ? `${quote.slice(0, 77)}…` : quote, hint: closestHint(text, quote) });
  });
}

/** Say how much of the quote the report does contain, so the trainer finds the slip. */
function closestHint(text: string, quote: string): string {
  const words = quote.trim().split(/\s+/);
  let longest = 0;
  for (let n = words.length - 1; n >= 1 && longest === 0; n--) {
    if (findQuote(text, words.slice(0, n).join(' '))) longest = n;
  }
  if (longest === 0) return 'not even its first word matches';
  return `the report matches up to "${words.slice(0, longest).join(' ')}" and differs at "${words[longest]}"`;
}

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A scenario as the rest of Handoff uses it: validated, every code in its standard
 * form, procedure alternatives parsed into lines, each distractor assigned a section.
 */
import { parseProcedureLine, type ProcedureLine } from '../codes/procedure-line';
import { cleanCode, formatIcd10cm, matchesFormat, PROCEDURE_SYSTEMS, type CodeSystem } from '../codes/systems';
import type { Distractor, ExpectedDiagnosis, ExpectedProcedure, Scenario } from './schema';

export type Section = 'diagnoses' | 'procedures';

export type KeyDiagnosis = ExpectedDiagnosis;

export interface KeyProcedure extends Omit<ExpectedProcedure, 'alternatives'> {
  alternatives: ProcedureLine[];
  /** Groups of lines that together replace the expected line (RT and LT lines for a -50 line). */
  alternativeGroups: ProcedureLine[][];
}

export interface KeyDistractor extends Omit<Distractor, 'section'> {
  section: Section;
  /** For procedure distractors: the line as written; its modifiers, if any, must match too. */
  line?: ProcedureLine;
}

export interface ScenarioModel extends Omit<Scenario, 'answerKey' | '$schema'> {
  answerKey: { diagnoses: KeyDiagnosis[]; procedures: KeyProcedure[]; distractors: KeyDistractor[] };
  /** The file it came from, relative to the scenarios folder. */
  file: string;
}

/** A scenario as an attempt was graded against it: kept with the attempt's store, so old results render forever. */
export type ScenarioSnapshot = Omit<ScenarioModel, 'file'>;

/** Where a distractor belongs when the trainer did not say, or null when its shape cannot tell. */
export function inferDistractorSection(code: string): Section | null {
  const clean = cleanCode(code);
  if (clean.includes('.')) return 'diagnoses';
  const parsed = parseProcedureLine(clean);
  const asProcedure = parsed.ok && PROCEDURE_SYSTEMS.some((s) => matchesFormat(s, parsed.line.code));
  const hasLineParts = parsed.ok && (parsed.line.modifiers.length > 0 || /[xX×]\s*\d+$/.test(clean));
  const asDiagnosis = matchesFormat('ICD-10-CM', clean);
  if (hasLineParts && asProcedure) return 'procedures';
  if (asDiagnosis && !asProcedure) return 'diagnoses';
  if (asProcedure && !asDiagnosis) return 'procedures';
  return null;
}

export function alternativeLine(alternative: string | { code: string; modifiers: string[]; units: number }): ProcedureLine | null {
  if (typeof alternative !== 'string') return { code: cleanCode(alternative.code), modifiers: alternative.modifiers, units: alternative.units };
  const parsed = parseProcedureLine(alternative);
  return parsed.ok ? parsed.line : null;
}

/** Build the model; call only on a scenario that passed every check. */
export function toModel(scenario: Scenario, file: string): ScenarioModel {
  const { $schema: _ignored, answerKey, ...rest } = scenario;
  return {
    ...rest,
    file,
    answerKey: {
      diagnoses: answerKey.diagnoses.map((d) => ({ ...d, code: formatIcd10cm(d.code), alternatives: d.alternatives.map(formatIcd10cm) })),
      procedures: answerKey.procedures.map((p) => ({
        ...p,
        code: cleanCode(p.code),
        alternatives: p.alternatives.flatMap((a) => (Array.isArray(a) ? [] : [alternativeLine(a)])).filter((a): a is ProcedureLine => a !== null),
        alternativeGroups: p.alternatives.filter((a) => Array.isArray(a)).map((group) => group.map((a) => alternativeLine(a)).filter((a): a is ProcedureLine => a !== null)),
      })),
      distractors: answerKey.distractors.map((d) => {
        const section = d.section ?? inferDistractorSection(d.code) ?? 'diagnoses';
        if (section === 'diagnoses') return { ...d, section, code: formatIcd10cm(d.code) };
        const parsed = parseProcedureLine(d.code);
        const line = parsed.ok ? parsed.line : { code: cleanCode(d.code), modifiers: [], units: 1 };
        return { ...d, section, code: line.code, line };
      }),
    },
  };
}

/** The code systems a scenario's answer key uses, for catalogues and summaries. */
export function systemsOf(scenario: ScenarioModel): CodeSystem[] {
  const systems = new Set<CodeSystem>(['ICD-10-CM']);
  for (const p of scenario.answerKey.procedures) systems.add(p.system);
  return [...systems];
}

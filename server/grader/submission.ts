/**
 * What a trainee submits, read and classified: each entry gets its standard form and
 * code system, or the reason it cannot be graded where it was entered.
 */
import { z } from 'zod';
import {
  formatProcedureLine,
  parseProcedureLine,
  type LineProblem,
  type ProcedureLine,
} from '../codes/procedure-line';
import {
  cleanCode,
  comparisonKey,
  dotted,
  fitsFormat,
  formatIcd10cm,
  MODIFIER_FORMAT,
  PROCEDURE_SYSTEMS,
  type CodeSystem,
} from '../codes/systems';
import type { ScenarioModel } from '../scenarios/model';
import type { EntryProblem, SubmittedEntry } from './types';

export const MAX_CODES_PER_SECTION = 50;
const MAX_CODE_TEXT = 60;

const procedureObject = z.strictObject({
  code: z.string().max(MAX_CODE_TEXT),
  modifiers: z.array(z.string().max(10)).max(10).default([]),
  units: z.number().int().min(1).max(9999).default(1),
});

export const submissionSchema = z.strictObject({
  diagnoses: z.array(z.string().max(MAX_CODE_TEXT)).max(MAX_CODES_PER_SECTION).default([]),
  procedures: z
    .array(z.union([z.string().max(MAX_CODE_TEXT), procedureObject]))
    .max(MAX_CODES_PER_SECTION)
    .default([]),
});

export type Submission = z.output<typeof submissionSchema>;
export type SubmissionInput = z.input<typeof submissionSchema>;

/** The problems of a body that is not a submission, as `path: message` lines. */
export function submissionProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where =
      issue.path.length === 0
        ? 'body'
        : issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '');
    return `${where}: ${issue.code === 'invalid_union' ? 'expected a line such as "27786-RT x1" or {"code", "modifiers", "units"}' : issue.message}`;
  });
}

const SETTING_SYSTEMS: Record<ScenarioModel['setting'], readonly CodeSystem[]> = {
  outpatient: ['CPT', 'HCPCS'],
  inpatient: ['ICD-10-PCS'],
};

/** Codes of the scenario's answer key, used to recognise a code typed into the other list. */
interface KeyCodes {
  diagnoses: Set<string>;
  procedures: Set<string>;
}

const keyCodeCache = new WeakMap<ScenarioModel, KeyCodes>();

function keyCodes(scenario: ScenarioModel): KeyCodes {
  let codes = keyCodeCache.get(scenario);
  if (!codes) {
    codes = {
      diagnoses: new Set(
        scenario.answerKey.diagnoses
          .flatMap((d) => [d.code, ...d.alternatives])
          .map((c) => comparisonKey('ICD-10-CM', c)),
      ),
      procedures: new Set(
        scenario.answerKey.procedures.flatMap((p) => [
          p.code,
          ...p.alternatives.map((a) => a.code),
          ...p.alternativeGroups.flat().map((a) => a.code),
        ]),
      ),
    };
    keyCodeCache.set(scenario, codes);
  }
  return codes;
}

export function readSubmission(submission: Submission, scenario: ScenarioModel): SubmittedEntry[] {
  const entries: SubmittedEntry[] = [];
  const diagnoses = submission.diagnoses.filter((d) => d.trim() !== '');
  diagnoses.forEach((raw, index) => entries.push(readDiagnosis(raw.trim(), index, scenario)));
  const procedures = submission.procedures.filter((p) =>
    typeof p === 'string' ? p.trim() !== '' : p.code.trim() !== '',
  );
  procedures.forEach((raw, index) => entries.push(readProcedure(raw, index, scenario)));
  return entries;
}

/** Every entry has the same fields, so the engine keeps one object shape (and spreads stay off this hot path). */
function makeEntry(
  section: SubmittedEntry['section'],
  index: number,
  raw: string,
  code: string,
  key: string,
  system: CodeSystem | null,
  line?: ProcedureLine,
  problem?: SubmittedEntry['problem'],
): SubmittedEntry {
  return { section, index, raw, code, key, system, line, problem };
}

function readDiagnosis(raw: string, index: number, scenario: ScenarioModel): SubmittedEntry {
  const clean = cleanCode(raw);
  const keys = keyCodes(scenario);
  // Typed without a dot, a HCPCS code has the shape of an ICD-10-CM code (J1100 / J11.00):
  // when it is one of this scenario's procedures and none of its diagnoses, it was misplaced.
  const isKeyProcedure = !clean.includes('.') && keys.procedures.has(clean) && !keys.diagnoses.has(clean);
  if (fitsFormat('ICD-10-CM', clean) && !isKeyProcedure) {
    const key = clean.replace('.', '');
    return makeEntry('diagnoses', index, raw, dotted(key), key, 'ICD-10-CM');
  }
  const procedureSystem = PROCEDURE_SYSTEMS.find((s) => fitsFormat(s, clean));
  if (procedureSystem) {
    return makeEntry('diagnoses', index, raw, clean, clean, procedureSystem, undefined, {
      kind: 'wrong-section',
      messageId: 'procedure-in-diagnoses',
      data: { system: procedureSystem },
      belongsIn: 'procedures',
    });
  }
  return makeEntry(
    'diagnoses',
    index,
    raw,
    clean,
    clean,
    null,
    undefined,
    badShape(clean, 'an ICD-10-CM diagnosis code'),
  );
}

function readProcedure(
  raw: string | { code: string; modifiers: string[]; units: number },
  index: number,
  scenario: ScenarioModel,
): SubmittedEntry {
  const text =
    typeof raw === 'string'
      ? raw.trim()
      : formatProcedureLine({ code: raw.code.trim(), modifiers: raw.modifiers, units: raw.units });
  const parsed =
    typeof raw === 'string'
      ? parseProcedureLine(raw)
      : {
          ok: true as const,
          line: { code: cleanCode(raw.code), modifiers: raw.modifiers.map(cleanCode), units: raw.units },
        };
  if (!parsed.ok)
    return makeEntry('procedures', index, text, text, text, null, undefined, lineProblem(parsed.problem));
  const line = parsed.line;
  const code = line.code;
  const badModifier = line.modifiers.find((m) => !MODIFIER_FORMAT.test(m));
  if (badModifier !== undefined) {
    return makeEntry('procedures', index, text, code, code, null, line, {
      kind: 'invalid-format',
      messageId: 'bad-modifier',
      data: { modifier: badModifier },
    });
  }
  const keys = keyCodes(scenario);
  const looksLikeDiagnosis =
    code.includes('.') ||
    (keys.diagnoses.has(comparisonKey('ICD-10-CM', code)) && !keys.procedures.has(code));
  const fits = PROCEDURE_SYSTEMS.filter((s) => fitsFormat(s, code));
  if (looksLikeDiagnosis || (fits.length === 0 && fitsFormat('ICD-10-CM', code))) {
    const shown = formatIcd10cm(code);
    return makeEntry('procedures', index, text, shown, comparisonKey('ICD-10-CM', code), 'ICD-10-CM', line, {
      kind: 'wrong-section',
      messageId: 'diagnosis-in-procedures',
      data: {},
      belongsIn: 'diagnoses',
    });
  }
  const allowed = SETTING_SYSTEMS[scenario.setting];
  const system = fits.find((s) => allowed.includes(s));
  if (system) return makeEntry('procedures', index, text, code, code, system, line);
  if (fits.length > 0) {
    const messageId = scenario.setting === 'inpatient' ? 'not-pcs-inpatient' : 'pcs-outpatient';
    return makeEntry('procedures', index, text, code, code, fits[0], line, {
      kind: 'wrong-section',
      messageId,
      data: { system: fits[0] },
    });
  }
  return makeEntry(
    'procedures',
    index,
    text,
    code,
    code,
    null,
    line,
    badShape(code, scenario.setting === 'inpatient' ? 'an ICD-10-PCS code' : 'a CPT or HCPCS code'),
  );
}

function badShape(code: string, wanted: string): EntryProblem {
  return {
    kind: 'invalid-format',
    messageId: /[^0-9A-Z.]/.test(code) ? 'bad-characters' : 'bad-shape',
    data: { wanted },
  };
}

function lineProblem(problem: LineProblem): EntryProblem {
  switch (problem.id) {
    case 'empty':
    case 'form':
      return { kind: 'invalid-format', messageId: 'line-form', data: {} };
    case 'empty-modifier':
      return { kind: 'invalid-format', messageId: 'empty-modifier', data: {} };
    case 'units':
      return { kind: 'invalid-format', messageId: 'bad-units', data: { units: problem.units } };
  }
}

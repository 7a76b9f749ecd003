/**
 * The code systems Handoff knows, their shapes, and how a code typed by a person
 * is brought to one standard form before anything compares it.
 */
export const CODE_SYSTEMS = ['ICD-10-CM', 'ICD-10-PCS', 'CPT', 'HCPCS'] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

export const PROCEDURE_SYSTEMS = ['CPT', 'HCPCS', 'ICD-10-PCS'] as const;
export type ProcedureSystem = (typeof PROCEDURE_SYSTEMS)[number];

/** Short ids used in URLs, file names and the JSON API. */
export const SYSTEM_IDS: Record<CodeSystem, string> = {
  'ICD-10-CM': 'icd10cm',
  'ICD-10-PCS': 'icd10pcs',
  CPT: 'cpt',
  HCPCS: 'hcpcs',
};

const FORMATS: Record<CodeSystem, RegExp> = {
  // A letter, a digit (or, since FY2026's QA0, the letter A), a letter or digit, then up
  // to four more; the dot is optional on input. Keeping the 2nd character this narrow lets
  // words typed by mistake ("hello") be told apart from codes.
  'ICD-10-CM': /^[A-Z][0-9A][0-9A-Z](\.?[0-9A-Z]{1,4})?$/,
  // Seven characters; PCS never uses the letters I and O (they read as 1 and 0).
  'ICD-10-PCS': /^[0-9BCDFGHX][0-9A-HJ-NP-Z]{6}$/,
  // Category I (five digits), II (F), III (T) and PLA (U) codes.
  CPT: /^(\d{5}|\d{4}[FTU])$/,
  HCPCS: /^[A-Z]\d{4}$/,
};

export const MODIFIER_FORMAT = /^[0-9A-Z]{2}$/;

/** Upper-case, trimmed, inner spaces removed: the form every comparison starts from. */
export function cleanCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '');
}

export function matchesFormat(system: CodeSystem, code: string): boolean {
  return FORMATS[system].test(cleanCode(code));
}

/** Like matchesFormat, for a code already cleaned by cleanCode (hot paths clean once). */
export function fitsFormat(system: CodeSystem, clean: string): boolean {
  return FORMATS[system].test(clean);
}

/** Every system whose shape the code has, in a fixed order. */
export function systemsMatching(code: string): CodeSystem[] {
  const clean = cleanCode(code);
  return CODE_SYSTEMS.filter((system) => FORMATS[system].test(clean));
}

/** ICD-10-CM in its printed form: the dot after the category (`e1165` → `E11.65`). */
export function formatIcd10cm(code: string): string {
  return dotted(cleanCode(code).replace('.', ''));
}

/** Puts the dot after the category of an ICD-10-CM code given without one. */
export function dotted(bare: string): string {
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

/** The standard printed form of a code in its system. */
export function standardForm(system: CodeSystem, code: string): string {
  return system === 'ICD-10-CM' ? formatIcd10cm(code) : cleanCode(code);
}

/** The key two codes of one system are compared by (ICD-10-CM without its dot). */
export function comparisonKey(system: CodeSystem, code: string): string {
  const clean = cleanCode(code);
  return system === 'ICD-10-CM' ? clean.replace('.', '') : clean;
}

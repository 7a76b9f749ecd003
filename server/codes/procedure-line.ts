/**
 * A procedure line as people write it on a claim: `CODE[-MOD...][ xN]`
 * (`27786-RT`, `64483-RT-59 x1`, `J3301 x4`), or as an object.
 */
export interface ProcedureLine {
  code: string;
  modifiers: string[];
  units: number;
}

const LINE = /^([^\s-]+)((?:-[^\s-]*)*)(?:\s*[xX×]\s*(\S+))?$/;

export type ParsedLine = { ok: true; line: ProcedureLine } | { ok: false; reason: string };

export function parseProcedureLine(text: string): ParsedLine {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'the line is empty' };
  const match = LINE.exec(trimmed);
  if (!match) {
    return { ok: false, reason: `"${trimmed}" is not of the form CODE[-MOD...][ xN], e.g. 27786-RT or J3301 x4` };
  }
  const [, code, modifierPart, unitsText] = match;
  const modifiers = modifierPart === '' ? [] : modifierPart.slice(1).split('-');
  if (modifiers.some((m) => m === '')) return { ok: false, reason: `"${trimmed}" has an empty modifier (two dashes in a row or a trailing dash)` };
  let units = 1;
  if (unitsText !== undefined) {
    if (!/^\d+$/.test(unitsText) || Number(unitsText) < 1) {
      return { ok: false, reason: `units "${unitsText}" must be a whole number of at least 1` };
    }
    units = Number(unitsText);
  }
  return { ok: true, line: { code: code.toUpperCase(), modifiers: modifiers.map((m) => m.toUpperCase()), units } };
}

/** The line in claim form: `27786-RT`, `J3301 x4` (units shown only when more than one). */
export function formatProcedureLine(line: ProcedureLine): string {
  const mods = line.modifiers.map((m) => `-${m}`).join('');
  return `${line.code}${mods}${line.units > 1 ? ` x${line.units}` : ''}`;
}

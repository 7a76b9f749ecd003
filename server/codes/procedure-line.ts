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

/** Why a line cannot be read: an id, and the values its message names. */
export type LineProblem =
  | { id: 'empty' }
  | { id: 'form'; line: string }
  | { id: 'empty-modifier'; line: string }
  | { id: 'units'; units: string };

export type ParsedLine = { ok: true; line: ProcedureLine } | { ok: false; problem: LineProblem };

/** How each line problem reads where a message needs it as one phrase (the scenario validator). */
export function describeLineProblem(problem: LineProblem): string {
  switch (problem.id) {
    case 'empty':
      return 'the line is empty';
    case 'form':
      return `"${problem.line}" is not of the form CODE[-MOD...][ xN], e.g. 27786-RT or J3301 x4`;
    case 'empty-modifier':
      return `"${problem.line}" has an empty modifier (two dashes in a row or a trailing dash)`;
    case 'units':
      return `units "${problem.units}" must be a whole number of at least 1`;
  }
}

export function parseProcedureLine(text: string): ParsedLine {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: { id: 'empty' } };
  const match = LINE.exec(trimmed);
  if (!match) return { ok: false, problem: { id: 'form', line: trimmed } };
  const [, code, modifierPart, unitsText] = match;
  const modifiers = modifierPart === '' ? [] : modifierPart.slice(1).split('-');
  if (modifiers.some((m) => m === '')) return { ok: false, problem: { id: 'empty-modifier', line: trimmed } };
  let units = 1;
  if (unitsText !== undefined) {
    if (!/^\d+$/.test(unitsText) || Number(unitsText) < 1)
      return { ok: false, problem: { id: 'units', units: unitsText } };
    units = Number(unitsText);
  }
  return {
    ok: true,
    line: { code: code.toUpperCase(), modifiers: modifiers.map((m) => m.toUpperCase()), units },
  };
}

/** The line in claim form: `27786-RT`, `J3301 x4` (units shown only when more than one). */
export function formatProcedureLine(line: ProcedureLine): string {
  const mods = line.modifiers.map((m) => `-${m}`).join('');
  return `${line.code}${mods}${line.units > 1 ? ` x${line.units}` : ''}`;
}

/**
 * A school's own licensed CPT file, as CSV: code, descriptor (a header row is allowed).
 * Handoff never ships CPT descriptors; this is for sites that hold an AMA licence.
 */
import { ImportError, type CodeRow, type ParsedCodeSet } from './types';

const CPT = /^(\d{5}|\d{4}[FTU])$/;

export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

export function looksLikeCptCsv(text: string): boolean {
  const lines = text
    .slice(0, 2000)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const data = lines.filter((l) => !/^"?code"?\s*,/i.test(l)).slice(0, 5);
  return data.length > 0 && data.every((l) => CPT.test(parseCsvLine(l)[0] ?? ''));
}

export function parseCptCsv(text: string, year: number, fileName: string): ParsedCodeSet {
  const rows: CodeRow[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '' || (i === 0 && /^"?code"?\s*,/i.test(line))) return;
    const [code, title] = parseCsvLine(line);
    if (!CPT.test(code ?? '') || !title)
      throw new ImportError(
        `${fileName} line ${i + 1}: expected "code,descriptor" with a CPT code, got "${line.slice(0, 60)}"`,
      );
    rows.push({ code, billable: true, title });
  });
  if (rows.length === 0) throw new ImportError(`${fileName} holds no CPT codes`);
  return {
    kind: 'cpt',
    version: String(year),
    effectiveFrom: `${year}-01-01`,
    effectiveTo: `${year}-12-31`,
    rows,
  };
}

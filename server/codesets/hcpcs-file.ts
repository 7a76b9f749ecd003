/**
 * The HCPCS Level II "alpha-numeric" file: fixed-width records of 320 characters.
 * Record 3 starts a code, 4 continues its long description; 7 and 8 do the same for
 * modifiers. Terminated codes stay in the file with their termination date.
 */
import { ImportError, type CodeRow, type ParsedCodeSet } from './types';

const CODE = /^[A-Z]\d{4}$/;

export function looksLikeHcpcsFile(text: string): boolean {
  const first = text.slice(0, 700).split(/\r?\n/)[0];
  return first.length >= 293 && /^([A-Z]\d{4}| {3}[0-9A-Z]{2})\d{5}[3478]/.test(first);
}

const date = (yyyymmdd: string) =>
  /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : '';

export function parseHcpcsFile(
  text: string,
  fileName: string,
  progress?: (fraction: number) => void,
): ParsedCodeSet {
  if (!text.endsWith('\n'))
    throw new ImportError(`${fileName} ends in the middle of a record: the file looks truncated`);
  const rows: CodeRow[] = [];
  const modifiers: Array<{ code: string; title: string }> = [];
  let releaseDate = '';
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (progress && i % 2000 === 0) progress(i / lines.length);
    if (line.trim() === '') continue;
    const recordId = line[10];
    const description = line.slice(11, 91).trim();
    if (recordId === '3') {
      const code = line.slice(0, 5);
      if (!CODE.test(code) || line.length < 293)
        throw new ImportError(`${fileName} line ${i + 1} is not a HCPCS procedure record`);
      const effective = date(line.slice(276, 284));
      if (effective > releaseDate) releaseDate = effective;
      rows.push({
        code,
        billable: true,
        title: description,
        added: date(line.slice(268, 276)),
        terminated: date(line.slice(284, 292)),
      });
    } else if (recordId === '4') {
      const last = rows[rows.length - 1];
      if (!last || line.slice(0, 5) !== last.code)
        throw new ImportError(`${fileName} line ${i + 1} continues a code that was not started`);
      last.title = `${last.title} ${description}`;
    } else if (recordId === '7') {
      modifiers.push({ code: line.slice(3, 5), title: description });
    } else if (recordId === '8') {
      const last = modifiers[modifiers.length - 1];
      if (!last || line.slice(3, 5) !== last.code)
        throw new ImportError(`${fileName} line ${i + 1} continues a modifier that was not started`);
      last.title = `${last.title} ${description}`;
    } else {
      throw new ImportError(
        `${fileName} line ${i + 1} has record type "${recordId ?? ''}"; HCPCS records are 3, 4, 7 or 8`,
      );
    }
  }
  if (rows.length === 0) throw new ImportError(`${fileName} holds no HCPCS codes`);
  // The release is named by its effective date: the latest action date in the file.
  const version = releaseDate.slice(0, 7);
  return { kind: 'hcpcs', version, effectiveFrom: releaseDate, effectiveTo: '9999-12-31', rows, modifiers };
}

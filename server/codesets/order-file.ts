/**
 * The CMS order files (ICD-10-CM "code descriptions in tabular order" and the ICD-10-PCS
 * order file) share one fixed-width layout: order number (1–5), code (7–13), billable
 * flag (15), short title (17–76), long title (78–).
 */
import { fiscalYearRange, ImportError, type CodeRow, type ParsedCodeSet } from './types';

const ROW = /^(\d{5}) ([0-9A-Z]{3,7}) {0,4} ([01]) (.{60}) (.+)$/;
const CM_CODE = /^[A-Z][0-9A-Z]{2,6}$/;
const PCS_CODE = /^[0-9BCDFGHX][0-9A-HJ-NP-Z]{2}([0-9A-HJ-NP-Z]{4})?$/;

export function looksLikeOrderFile(text: string): boolean {
  const first = text.slice(0, 400).split(/\r?\n/)[0];
  return ROW.test(first);
}

export function parseOrderFile(
  text: string,
  year: number,
  fileName: string,
  progress?: (fraction: number) => void,
): ParsedCodeSet {
  if (!text.endsWith('\n'))
    throw new ImportError(`${fileName} ends in the middle of a line: the file looks truncated`);
  const lines = text.split(/\r?\n/);
  lines.pop();
  if (lines.length === 0) throw new ImportError(`${fileName} is empty`);
  // The ICD-10-CM file starts at cholera (A00), the PCS file at table 001.
  const kind = /^\d{5} [0-9]/.test(lines[0]) ? 'icd10pcs' : 'icd10cm';
  const shape = kind === 'icd10cm' ? CM_CODE : PCS_CODE;
  const rows: CodeRow[] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const match = ROW.exec(lines[i]);
    if (!match)
      throw new ImportError(
        `${fileName} line ${i + 1} does not have the order-file layout (order number, code, flag, short and long titles)`,
      );
    if (Number(match[1]) !== i + 1)
      throw new ImportError(
        `${fileName} line ${i + 1} has order number ${match[1]}: rows are missing or out of order`,
      );
    const code = match[2];
    if (!shape.test(code))
      throw new ImportError(
        `${fileName} line ${i + 1}: "${code}" is not an ${kind === 'icd10cm' ? 'ICD-10-CM' : 'ICD-10-PCS'} code, unlike the first row`,
      );
    rows[i] = { code, billable: match[3] === '1', title: match[5].trimEnd() };
    if (progress && i % 5000 === 0) progress(i / lines.length);
  }
  return { kind, version: String(year), ...fiscalYearRange(year), rows };
}

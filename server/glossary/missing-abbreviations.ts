/**
 * Abbreviations a report uses that the glossary does not explain: written with two or
 * more capitals (CT, ORIF, NSTEMI, SpO2), outside headings (a line in capitals is a
 * heading, not an abbreviation, and so is a label in capitals that opens a line), Roman
 * numerals and the dictation stamp, not a code (S82, E11), and not
 * inside a term the glossary already marks. The validator warns about each, once per report.
 */
import type { TermMatch } from './matcher';

export interface MissingAbbreviation {
  term: string;
  /** 1-based line and column in the report's text. */
  line: number;
  col: number;
}

const CANDIDATE = /(?<![\p{L}\p{N}])[A-Za-z][A-Za-z0-9]{1,6}(?![\p{L}\p{N}])/gu;
const CODE_LIKE = /^[A-Z]\d/;
const STAMP = /^\s*(D|T|DD|DT|cc|CC|job)\s*:/;
/** A label in capitals ending in a colon, maybe with a note in brackets ("PLAN:", "PAST HISTORY (carried forward):"). */
const LABEL = /(?<![\p{L}\p{N}])[A-Z]{2,}(?:[ /&-]+[A-Z]{2,})*\s*(?:\([^)]*\))?\s*:/gu;
const ROMAN = /^[IVX]+$/;

export function missingAbbreviations(text: string, matches: readonly TermMatch[]): MissingAbbreviation[] {
  const out: MissingAbbreviation[] = [];
  const seen = new Set<string>();
  let lineStart = 0;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const letters = line.replace(/[^\p{L}]/gu, '');
    const heading = letters.length > 0 && letters === letters.toUpperCase() && /\p{Lu}{4}/u.test(letters);
    const labels = [...line.matchAll(LABEL)].map((l) => [l.index, l.index + l[0].length]);
    if (!heading && !STAMP.test(line))
      for (const m of line.matchAll(CANDIDATE)) {
        const word = m[0];
        if (ROMAN.test(word) || labels.some(([from, to]) => m.index >= from && m.index < to)) continue;
        if ((word.match(/[A-Z]/g) ?? []).length < 2 || CODE_LIKE.test(word) || seen.has(word)) continue;
        const at = lineStart + m.index;
        if (matches.some((t) => t.start <= at && t.end >= at + word.length)) continue;
        seen.add(word);
        out.push({ term: word, line: i + 1, col: m.index + 1 });
      }
    lineStart += line.length + 1;
  });
  return out;
}

/**
 * Finds glossary terms in a report. The text is read as words (runs of letters and
 * digits) and what lies between them; a term matches where its words and the marks
 * between them match (any run of spaces counts as one), never inside a word.
 * Abbreviations match with their case (CA is cancer, Ca calcium); terms in any case.
 * Where matches overlap, the longer one wins (it is the more specific term), then the
 * earlier one. The cost is one pass over the words with a map look-up per word.
 */

export interface TermForm {
  /** The entry the form belongs to. */
  entryId: string;
  text: string;
  caseSensitive: boolean;
}

export interface TermMatch {
  entryId: string;
  start: number;
  end: number;
}

interface Compiled {
  entryId: string;
  caseSensitive: boolean;
  /** Words and the separators between them, as the text must have them (lower-cased unless case counts). */
  words: string[];
  gaps: string[];
  lead: string;
  tail: string;
  length: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const squash = (s: string) => s.replace(/\s+/g, ' ');

function split(text: string): { words: Array<{ text: string; start: number; end: number }> } {
  const words: Array<{ text: string; start: number; end: number }> = [];
  for (const m of text.matchAll(WORD)) words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return { words };
}

export class TermMatcher {
  private readonly byFirstWord = new Map<string, Compiled[]>();

  constructor(forms: readonly TermForm[]) {
    for (const form of forms) {
      const { words } = split(form.text);
      if (words.length === 0) continue;
      const norm = (s: string) => (form.caseSensitive ? s : s.toLowerCase());
      const compiled: Compiled = {
        entryId: form.entryId,
        caseSensitive: form.caseSensitive,
        words: words.map((w) => norm(w.text)),
        gaps: words.slice(1).map((w, i) => squash(form.text.slice(words[i].end, w.start))),
        lead: form.text.slice(0, words[0].start),
        tail: form.text.slice(words[words.length - 1].end),
        length: form.text.length,
      };
      const key = words[0].text.toLowerCase();
      const list = this.byFirstWord.get(key) ?? [];
      list.push(compiled);
      this.byFirstWord.set(key, list);
    }
    for (const list of this.byFirstWord.values())
      list.sort((a, b) => b.words.length - a.words.length || b.length - a.length);
  }

  /** Every term in the text, longest first where they overlap, in order of position. */
  find(text: string): TermMatch[] {
    const { words } = split(text);
    const found: TermMatch[] = [];
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirstWord.get(words[i].text.toLowerCase());
      if (!candidates) continue;
      for (const c of candidates) {
        const span = this.matchAt(text, words, i, c);
        if (span) found.push({ entryId: c.entryId, ...span });
      }
    }
    // Longest first, then earliest: keep each match that overlaps none kept before it.
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: TermMatch[] = [];
    for (const m of found) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
    return kept.sort((a, b) => a.start - b.start);
  }

  private matchAt(
    text: string,
    words: ReadonlyArray<{ text: string; start: number; end: number }>,
    i: number,
    c: Compiled,
  ): { start: number; end: number } | undefined {
    if (i + c.words.length > words.length) return undefined;
    for (let k = 0; k < c.words.length; k++) {
      const w = words[i + k];
      if ((c.caseSensitive ? w.text : w.text.toLowerCase()) !== c.words[k]) return undefined;
      if (k > 0 && squash(text.slice(words[i + k - 1].end, w.start)) !== c.gaps[k - 1]) return undefined;
    }
    const start = words[i].start - c.lead.length;
    const end = words[i + c.words.length - 1].end + c.tail.length;
    if (start < 0 || text.slice(start, words[i].start) !== c.lead) return undefined;
    if (text.slice(words[i + c.words.length - 1].end, end) !== c.tail) return undefined;
    return { start, end };
  }
}

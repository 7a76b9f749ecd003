/**
 * The report as a document: its text cut into plain and highlighted pieces so the
 * evidence a finding points at can be marked and linked, and the glossary's terms marked
 * with their entries listed below the report (escaping stays the view's job).
 */
import type { GlossaryEntry } from '../../glossary/glossary';
import type { TermMatch } from '../../glossary/matcher';
import { findQuote } from '../../scenarios/evidence';

export interface ReportPiece {
  text: string;
  /** Anchor ids of the evidence quotes this piece belongs to. */
  marks: string[];
  /** The anchor a link to a quote jumps to: set on the first piece of each quote. */
  anchorId?: string;
  /** The glossary entry this piece is a term of. */
  termId?: string;
}

export interface Evidence {
  id: string;
  quote: string;
  found: boolean;
}

/** Ids for quotes, stable within one page: ev-1, ev-2… in order of first use. */
export class EvidenceIds {
  private readonly ids = new Map<string, string>();
  id(quote: string): string {
    let id = this.ids.get(quote);
    if (!id) this.ids.set(quote, (id = `ev-${this.ids.size + 1}`));
    return id;
  }
  all(): Array<{ id: string; quote: string }> {
    return [...this.ids].map(([quote, id]) => ({ id, quote }));
  }
}

export function reportPieces(
  text: string,
  quotes: Array<{ id: string; quote: string }>,
  terms: readonly TermMatch[] = [],
): ReportPiece[] {
  const spans = quotes.flatMap(({ id, quote }) => {
    const span = findQuote(text, quote);
    return span ? [{ id, ...span }] : [];
  });
  const edges = spans.flatMap((s) => [s.start, s.end]);
  // A term that an evidence quote begins or ends inside is left unmarked: one piece, one term.
  const whole = terms.filter((t) => !edges.some((e) => e > t.start && e < t.end));
  const termAt = new Map(whole.map((t) => [t.start, t]));
  const cuts = [...new Set([0, text.length, ...edges, ...whole.flatMap((t) => [t.start, t.end])])].sort(
    (a, b) => a - b,
  );
  const pieces: ReportPiece[] = [];
  const anchored = new Set<string>();
  for (let i = 0; i < cuts.length - 1; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    if (start === end) continue;
    const marks = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
    const piece: ReportPiece = { text: text.slice(start, end), marks };
    const term = termAt.get(start);
    if (term && term.end === end) piece.termId = term.entryId;
    const first = marks.find((m) => !anchored.has(m));
    if (first) {
      anchored.add(first);
      piece.anchorId = first;
    }
    pieces.push(piece);
  }
  return pieces;
}

/** Runs of pieces under the same evidence marks: one <mark> each, the terms inside it. */
export interface ReportRun {
  marks: string[];
  anchorId?: string;
  parts: Array<{ text: string; termId?: string }>;
}

export function reportRuns(pieces: readonly ReportPiece[]): ReportRun[] {
  const runs: ReportRun[] = [];
  for (const piece of pieces) {
    const last = runs[runs.length - 1];
    const same = last && last.marks.join(' ') === piece.marks.join(' ') && !piece.anchorId;
    const part = piece.termId ? { text: piece.text, termId: piece.termId } : { text: piece.text };
    if (same) last.parts.push(part);
    else
      runs.push({
        marks: piece.marks,
        ...(piece.anchorId ? { anchorId: piece.anchorId } : {}),
        parts: [part],
      });
  }
  return runs;
}

/** What a report page needs of the glossary. */
export interface GlossaryLookup {
  get(id: string): GlossaryEntry | undefined;
  findFor(owner: object, text: string): TermMatch[];
}

/**
 * The report's pieces with its terms marked, and the entries of those terms in order of
 * first use (the notes below the report, which work without any script).
 */
export function reportWithTerms(
  owner: object,
  text: string,
  quotes: Array<{ id: string; quote: string }>,
  glossary: GlossaryLookup | undefined,
): { pieces: ReportPiece[]; runs: ReportRun[]; notes: GlossaryEntry[] } {
  // Each term is marked where it first appears: a report full of links is hard to read and
  // slow to move through by keyboard; the notes below list every term once anyway.
  const seenTerms = new Set<string>();
  const terms = (glossary ? glossary.findFor(owner, text) : []).filter((t) => {
    if (seenTerms.has(t.entryId)) return false;
    seenTerms.add(t.entryId);
    return true;
  });
  const pieces = reportPieces(text, quotes, terms);
  const notes: GlossaryEntry[] = [];
  const seen = new Set<string>();
  for (const piece of pieces)
    if (piece.termId && !seen.has(piece.termId)) {
      seen.add(piece.termId);
      const entry = glossary?.get(piece.termId);
      if (entry) notes.push(entry);
    }
  return { pieces, runs: reportRuns(pieces), notes };
}

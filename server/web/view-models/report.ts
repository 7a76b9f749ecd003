/**
 * The report as a document: its text cut into plain and highlighted pieces so the
 * evidence a finding points at can be marked and linked (escaping stays the view's job).
 */
import { findQuote } from '../../scenarios/evidence';

export interface ReportPiece {
  text: string;
  /** Anchor ids of the evidence quotes this piece belongs to. */
  marks: string[];
  /** The anchor a link to a quote jumps to: set on the first piece of each quote. */
  anchorId?: string;
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

export function reportPieces(text: string, quotes: Array<{ id: string; quote: string }>): ReportPiece[] {
  const spans = quotes.flatMap(({ id, quote }) => {
    const span = findQuote(text, quote);
    return span ? [{ id, ...span }] : [];
  });
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  const pieces: ReportPiece[] = [];
  const anchored = new Set<string>();
  for (let i = 0; i < cuts.length - 1; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    if (start === end) continue;
    const marks = spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
    const piece: ReportPiece = { text: text.slice(start, end), marks };
    const first = marks.find((m) => !anchored.has(m));
    if (first) {
      anchored.add(first);
      piece.anchorId = first;
    }
    pieces.push(piece);
  }
  return pieces;
}

/**
 * Turns the text of a YAML or JSON scenario file into plain data while keeping a
 * map back to source positions, so every problem can name its line and column.
 */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';

export type SourceFormat = 'YAML' | 'JSON';

export interface Position {
  line: number;
  col: number;
}

export interface SyntaxProblem extends Position {
  reason: string;
}

export type ParsedSource =
  | { ok: true; data: unknown; locate: (path: ReadonlyArray<string | number>, options?: { key?: boolean }) => Position }
  | { ok: false; problems: SyntaxProblem[] };

/** Fields whose unquoted YAML numbers are really codes: keep them as typed (`01996`, `25`). */
const CODE_FIELDS = new Set(['code', 'modifiers', 'alternatives']);

export function formatOf(fileName: string): SourceFormat {
  return fileName.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
}

export function parseSource(text: string, format: SourceFormat): ParsedSource {
  if (format === 'JSON') {
    const jsonProblem = checkJsonSyntax(text);
    if (jsonProblem) return { ok: false, problems: [jsonProblem] };
  }
  const lineCounter = new LineCounter();
  // JSON is a subset of YAML 1.2, so one parser gives positions for both.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors = [...doc.errors];
  if (errors.length > 0) {
    return {
      ok: false,
      problems: errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        return { line: pos.line, col: pos.col, reason: firstLine(e.message) };
      }),
    };
  }
  keepCodesAsWritten(doc);
  const data: unknown = doc.toJS({ maxAliasCount: 50 });
  const offsetToPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  return { ok: true, data, locate: (path, options) => offsetToPosition(locateOffset(doc, path, options?.key ?? false)) };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function checkJsonSyntax(text: string): SyntaxProblem | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    if (lineCol) return { line: Number(lineCol[1]), col: Number(lineCol[2]), reason: message.replace(/\s*\(line \d+ column \d+\)/, '') };
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, col: before[before.length - 1].length + 1, reason: message.replace(/ in JSON at position \d+.*$/, '') };
  }
}

function keepCodesAsWritten(doc: Document): void {
  visit(doc, {
    Scalar(key, node, path) {
      if (typeof node.value !== 'number' || node.source === undefined) return;
      const parent = path[path.length - 1];
      let fieldPair: unknown;
      if (key === 'value' && isPair(parent)) fieldPair = parent;
      else if (typeof key === 'number' && isSeq(parent)) fieldPair = path[path.length - 2];
      if (isPair(fieldPair) && isScalar(fieldPair.key) && CODE_FIELDS.has(String(fieldPair.key.value))) {
        node.value = node.source;
      }
    },
  });
}

/** The offset of the node at `path`, or of the deepest existing node on the way to it. */
function locateOffset(doc: Document, path: ReadonlyArray<string | number>, wantKey: boolean): number {
  let node: Node | null = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    let next: Node | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      if (last && wantKey && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
      next = (pair.value as Node | null) ?? null;
      if (!next && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
    } else if (isSeq(node) && typeof segment === 'number') {
      next = (node.items[segment] as Node | undefined) ?? null;
    }
    node = next;
    if (node?.range) offset = node.range[0];
  }
  return offset;
}

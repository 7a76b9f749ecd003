/**
 * Applying an edited scenario to its file so that what the trainer did not change stays
 * byte for byte as it was: comments, key order, quoting, flow lists, folded and literal
 * blocks. The `yaml` package's Document API parses the file and gives each node its place
 * in the text; only the nodes whose values differ are rewritten there, in the style they
 * had (a `|` block stays a block, a `>-` paragraph stays folded, a quoted string quoted),
 * removed keys and items are cut out with their lines, new ones are added after their
 * siblings at the same indentation. Anything this cannot place (an alias, a key without a
 * value) falls back to the Document's own printing of the whole file.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, stringify, type Node } from 'yaml';
import {
  diagnosisSchema,
  distractorSchema,
  procedureSchema,
  reportSchema,
  scenarioSchema,
} from '../scenarios/schema';

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };
interface Splice {
  from: number;
  to: number;
  text: string;
}

class CannotPlace extends Error {}

const isPlainObject = (v: unknown): v is Record<string, Plain> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const FOLD_WIDTH = 100;

function lineStart(src: string, offset: number): number {
  return src.lastIndexOf('\n', offset - 1) + 1;
}
const columnOf = (src: string, offset: number) => offset - lineStart(src, offset);
/** Where a node's text ends, its own line included (block values already end with their newline). */
function endOfLines(src: string, end: number): number {
  if (end > 0 && src[end - 1] === '\n') return end;
  const next = src.indexOf('\n', end);
  return next === -1 ? src.length : next + 1;
}
const rangeOf = (node: Node) => {
  if (!node.range) throw new CannotPlace('a node without a place');
  return node.range;
};

/** Scalars compare by their text, so a code written 25 equals "25" (codes are kept as written). */
function sameScalar(node: Scalar, value: Plain): boolean {
  if (typeof value === 'boolean' || typeof node.value === 'boolean' || value === null || node.value === null)
    return node.value === value;
  // A plain number keeps its source text too (3E04305 is a PCS code, not 3×10^4305).
  return (
    String(node.value) === String(value) || (typeof node.value === 'number' && node.source === String(value))
  );
}
function sameValue(node: Node | null, value: Plain): boolean {
  if (isScalar(node)) return !isPlainObject(value) && !Array.isArray(value) && sameScalar(node, value);
  if (isSeq(node))
    return (
      Array.isArray(value) &&
      value.length === node.items.length &&
      node.items.every((n, i) => sameValue(n as Node, value[i]))
    );
  if (isMap(node)) {
    if (!isPlainObject(value)) return false;
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    return (
      keys.length === node.items.length &&
      node.items.every(
        (p) =>
          isScalar(p.key) &&
          keys.includes(String(p.key.value)) &&
          sameValue(p.value as Node, value[String(p.key.value)]),
      )
    );
  }
  return false;
}

function foldable(value: string): boolean {
  return !value.includes('\n') && !/\s\s|^\s|\s$/.test(value) && value.length > 0;
}
function fold(value: string, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > FOLD_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l);
}

/** A scalar's text in the style the old one had (or the plainest that fits). Block styles end with a newline. */
function scalarText(value: Plain, style: Scalar['type'] | undefined, indent: number): string {
  if (typeof value !== 'string') return value === null ? 'null' : String(value);
  if (value.includes('\n')) {
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    const chomp = value.endsWith('\n\n') ? '+' : value.endsWith('\n') ? '' : '-';
    const indicator = /^\s/.test(body) ? String(2) : '';
    const lines = body.split('\n').map((l) => (l === '' ? '' : ' '.repeat(indent) + l));
    return `|${indicator}${chomp}\n${lines.join('\n')}\n`;
  }
  if (style === Scalar.BLOCK_FOLDED && foldable(value)) return `>-\n${fold(value, indent).join('\n')}\n`;
  if (style === Scalar.BLOCK_LITERAL && value.length > 0 && !/^\s/.test(value))
    return `|-\n${' '.repeat(indent)}${value}\n`;
  if (style === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (style === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/** A value as block lines at an indentation, ending with a newline. */
function blockText(value: Plain, indent: number): string {
  const text = new Document(value).toString({ lineWidth: 0, flowCollectionPadding: false });
  return (
    text
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => (l === '' ? '' : ' '.repeat(indent) + l))
      .join('\n') + '\n'
  );
}
function flowText(value: Plain): string {
  return stringify(value, { lineWidth: 0, collectionStyle: 'flow', flowCollectionPadding: false }).replace(
    /\n$/,
    '',
  );
}
const simple = (v: Plain) => !isPlainObject(v) && !Array.isArray(v);
const flowable = (v: Plain[]) => v.every((x) => simple(x) && !(typeof x === 'string' && x.includes('\n')));

/** The new text for a node's place [start, end), keeping whether that place ended with a newline. */
function replacement(src: string, start: number, end: number, text: string): Splice {
  const hadNewline = src[end - 1] === '\n';
  const hasNewline = text.endsWith('\n');
  const fixed =
    hadNewline && !hasNewline ? `${text}\n` : !hadNewline && hasNewline ? text.slice(0, -1) : text;
  return { from: start, to: end, text: fixed };
}

/** The splices that turn `node` (indented children at `indent`) into `value`. */
function diff(src: string, node: Node | null, value: Plain, indent: number, out: Splice[]): void {
  if (!node) throw new CannotPlace('a key without a value');
  if (sameValue(node, value)) return;
  const [start, end] = rangeOf(node);
  if (isMap(node) && !node.flow && isPlainObject(value)) return diffMap(src, node, value, out);
  if (isSeq(node) && !node.flow && Array.isArray(value) && value.length > 0)
    return diffSeq(src, node, value, out);
  if (isScalar(node) && simple(value)) {
    out.push(replacement(src, start, end, scalarText(value, node.type, indent)));
    return;
  }
  if (Array.isArray(value) && (value.length === 0 || ((isSeq(node) ? node.flow : true) && flowable(value)))) {
    out.push(replacement(src, start, end, flowText(value)));
    return;
  }
  // A new shape in a place that was written another way: a block on the lines below the key.
  if (start > 0 && src[start - 1] !== '\n' && columnOf(src, start) > 0 && !(isMap(node) || isSeq(node)))
    out.push(replacement(src, start, end, `\n${blockText(value, indent)}`));
  else out.push(replacement(src, start, end, blockText(value, indent).trimStart()));
}

function keyOf(pair: { key: unknown }): string {
  if (!isScalar(pair.key)) throw new CannotPlace('a key that is not text');
  return String(pair.key.value);
}
/** Where a pair's text ends, with its line. */
function pairEnd(src: string, pair: { key: unknown; value: unknown }): number {
  const value = pair.value as Node | null;
  const key = pair.key as Node;
  return endOfLines(src, value?.range ? value.range[1] : rangeOf(key)[1]);
}

function diffMap(
  src: string,
  node: import('yaml').YAMLMap,
  value: Record<string, Plain>,
  out: Splice[],
): void {
  if (node.items.length === 0) throw new CannotPlace('an empty block mapping');
  const keyColumn = columnOf(src, rangeOf(node.items[0].key as Node)[0]);
  const present = new Set<string>();
  for (const pair of node.items) {
    const key = keyOf(pair);
    present.add(key);
    const keyStart = rangeOf(pair.key as Node)[0];
    if (!(key in value) || value[key] === undefined) {
      out.push({ from: lineStart(src, keyStart), to: pairEnd(src, pair), text: '' });
      continue;
    }
    diff(src, pair.value as Node | null, value[key], keyColumn + 2, out);
  }
  const added = Object.keys(value).filter((k) => !present.has(k) && value[k] !== undefined);
  if (added.length === 0) return;
  const at = pairEnd(src, node.items[node.items.length - 1]);
  const pad = ' '.repeat(keyColumn);
  const text = added
    .map((k) => {
      const v = value[k];
      const key = stringify(k).replace(/\n$/, '');
      if (simple(v)) {
        const s = scalarText(v, undefined, keyColumn + 2);
        return `${pad}${key}: ${s}${s.endsWith('\n') ? '' : '\n'}`;
      }
      if (Array.isArray(v) && (v.length === 0 || (flowable(v) && k === 'tags')))
        return `${pad}${key}: ${flowText(v)}\n`;
      return `${pad}${key}:\n${blockText(v, keyColumn + 2)}`;
    })
    .join('');
  out.push({ from: at, to: at, text: at > 0 && src[at - 1] !== '\n' ? `\n${text}` : text });
}

function diffSeq(src: string, node: import('yaml').YAMLSeq, value: Plain[], out: Splice[]): void {
  const items = node.items as Node[];
  if (items.length === 0) throw new CannotPlace('an empty block list');
  const itemColumn = columnOf(src, rangeOf(items[0])[0]);
  const dashColumn = itemColumn - 2;
  if (
    dashColumn < 0 ||
    src.slice(lineStart(src, rangeOf(items[0])[0]) + dashColumn, rangeOf(items[0])[0]) !== '- '
  )
    throw new CannotPlace('a list item not written "- item"');
  const shared = Math.min(items.length, value.length);
  for (let i = 0; i < shared; i++) diff(src, items[i], value[i], itemColumn, out);
  const itemEnd = (n: Node) => endOfLines(src, rangeOf(n)[1]);
  if (items.length > value.length)
    out.push({
      from: lineStart(src, rangeOf(items[value.length])[0]),
      to: itemEnd(items[items.length - 1]),
      text: '',
    });
  if (value.length > items.length) {
    const at = itemEnd(items[items.length - 1]);
    const pad = ' '.repeat(dashColumn);
    const text = value
      .slice(items.length)
      .map((v) => {
        if (simple(v)) {
          const s = scalarText(v, undefined, itemColumn);
          return `${pad}- ${s}${s.endsWith('\n') ? '' : '\n'}`;
        }
        return `${pad}- ${blockText(v, itemColumn).slice(itemColumn)}`;
      })
      .join('');
    out.push({ from: at, to: at, text: at > 0 && src[at - 1] !== '\n' ? `\n${text}` : text });
  }
}

/** The file's text with the scenario's values applied; the untouched parts exactly as they were. */
export function mergeIntoText(original: string, scenario: Record<string, unknown>): string {
  const doc = parseDocument(original);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return newScenarioText(scenario);
  const splices: Splice[] = [];
  try {
    diff(original, doc.contents, scenario as Record<string, Plain>, 0, splices);
  } catch (error) {
    if (!(error instanceof CannotPlace)) throw error;
    return printed(doc, scenario);
  }
  let text = original;
  // From the end backwards, so earlier places stay where they were. Where an insertion and
  // a cut start at the same place, the cut goes first and the insertion lands where it was.
  for (const s of splices.sort((a, b) => b.from - a.from || (a.from === a.to ? 1 : -1)))
    text = text.slice(0, s.from) + s.text + text.slice(s.to);
  return text;
}

/** The fallback: the Document's values replaced and the whole file printed again. */
function printed(doc: Document, scenario: Record<string, unknown>): string {
  doc.contents = doc.createNode(scenario) as typeof doc.contents;
  return doc.toString({ lineWidth: 0 });
}

/** Keys in the order the format lists them (unknown ones after, as given). */
function inOrder(value: unknown, keys: readonly string[]): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value && value[k] !== undefined) out[k] = value[k];
  for (const [k, v] of Object.entries(value)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

function ordered(scenario: Record<string, unknown>): Record<string, unknown> {
  const top = inOrder(
    scenario,
    Object.keys(scenarioSchema.shape).filter((k) => k !== '$schema'),
  ) as Record<string, unknown>;
  if (top.report) top.report = inOrder(top.report, Object.keys(reportSchema.shape));
  const key = top.answerKey;
  if (isPlainObject(key)) {
    const list = (items: unknown, keys: string[]) =>
      Array.isArray(items) ? items.map((i) => inOrder(i, keys)) : items;
    top.answerKey = inOrder(
      {
        ...key,
        diagnoses: list(key.diagnoses, Object.keys(diagnosisSchema.shape)),
        procedures: list(key.procedures, Object.keys(procedureSchema.shape)),
        distractors: list(key.distractors, Object.keys(distractorSchema.shape)),
      },
      ['diagnoses', 'procedures', 'distractors'],
    );
  }
  return top;
}

/** A new file's text: keys in the format's order, the report as a `|` block, tags as a flow list. */
export function newScenarioText(scenario: Record<string, unknown>): string {
  const doc = new Document(ordered(scenario));
  const text = doc.getIn(['report', 'text'], true);
  if (isScalar(text) && typeof text.value === 'string' && text.value.includes('\n'))
    text.type = Scalar.BLOCK_LITERAL;
  const tags = doc.getIn(['tags'], true);
  if (isSeq(tags)) tags.flow = true;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

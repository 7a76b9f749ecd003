/**
 * The ICD-10-CM tabular list in XML: chapters, sections, categories and codes, with
 * their notes (inclusion terms, Excludes1/2, code first, use additional code, code also)
 * and the 7th-character values of each category, every note line kept.
 *
 * Read with saxes, a conformant streaming XML parser (attribute values may hold `>`, a
 * DOCTYPE may come first). Nodes are keyed by kind as well as id: in 38 places a section
 * has the same id as its only category (B20, T07, Z68…), and one map keyed by id alone
 * let the category overwrite its section and become its own parent.
 */
import { SaxesParser } from 'saxes';
import {
  checkHierarchy,
  fiscalYearRange,
  ImportError,
  NOTE_KINDS,
  TABULAR_FORMAT,
  tabularKey,
  type NoteKind,
  type ParsedTabular,
  type SeventhCharacter,
  type TabularNode,
} from './types';

/** The root element is <ICD10CM.tabular>: no other element starts before it (a declaration, DOCTYPE or comment may). */
export function looksLikeTabularXml(text: string): boolean {
  const head = text.slice(0, 4000);
  const root = head.search(/<ICD10CM\.tabular[\s>]/);
  return root >= 0 && !/<[A-Za-z]/.test(head.slice(0, root));
}

const NOTE_KIND_SET = new Set<string>(NOTE_KINDS);
const CONTAINERS = new Set(['chapter', 'section', 'diag']);

/** A container element being read: its node, filled in as its children arrive. */
interface Open {
  element: string;
  node: TabularNode;
  /** Diagnosis depth below the section (0 = category). */
  depth: number;
  registered: boolean;
}

export function parseTabularXml(text: string, fileName: string): ParsedTabular {
  const nodes: Record<string, TabularNode> = {};
  const chapters: string[] = [];
  const open: Open[] = [];
  const names: string[] = [];
  let rootName: string | undefined;
  let version = '';
  let textBuffer = '';
  let noteKind: NoteKind | undefined;
  let sevenChr: SeventhCharacter[] | undefined;
  let extensionChar: string | undefined;

  const fail = (message: string): never => {
    throw new ImportError(`${fileName}: ${message}`);
  };
  const current = () => open[open.length - 1];
  const register = (entry: Open) => {
    const { node } = entry;
    if (nodes[node.key]) fail(`${node.kind} ${node.code} appears twice (line ${parser.line})`);
    nodes[node.key] = node;
    entry.registered = true;
    const parent = open[open.length - 2];
    if (parent) {
      if (!parent.registered)
        fail(`<${entry.element}> ${node.code} comes before its parent's <name> (line ${parser.line})`);
      node.parent = parent.node.key;
      parent.node.children.push(node.key);
    }
  };

  const parser = new SaxesParser({ position: true });
  parser.on('error', (error) => {
    throw new ImportError(`${fileName} is not well-formed XML: ${error.message}`, { cause: error });
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const parentName = names[names.length - 1];
    names.push(name);
    textBuffer = '';
    if (names.length === 1) {
      rootName = name;
      if (name !== 'ICD10CM.tabular')
        fail(`it is XML but not the ICD-10-CM tabular list (root element <${name}>)`);
      return;
    }
    if (CONTAINERS.has(name)) {
      const parent = current();
      const kind =
        name === 'chapter'
          ? 'chapter'
          : name === 'section'
            ? 'section'
            : parent?.element === 'section'
              ? 'category'
              : 'subcategory';
      const depth = name === 'diag' ? (parent?.element === 'diag' ? parent.depth + 1 : 0) : -1;
      const node: TabularNode = { key: '', code: '', kind, title: '', children: [], notes: {} };
      const entry: Open = { element: name, node, depth, registered: false };
      open.push(entry);
      if (name === 'section') {
        const id = String(tag.attributes.id ?? '');
        if (!id) fail(`a <section> without an id attribute (line ${parser.line})`);
        node.code = id;
        node.key = tabularKey('section', id);
        register(entry);
      }
      return;
    }
    const container = current();
    if (!container || parentName !== container.element) {
      if (name === 'extension' && parentName === 'sevenChrDef')
        extensionChar = String(tag.attributes.char ?? '');
      return;
    }
    if (NOTE_KIND_SET.has(name)) noteKind = name as NoteKind;
    else if (name === 'sevenChrDef') sevenChr = [];
  });
  parser.on('text', (chunk) => {
    textBuffer += chunk;
  });
  parser.on('cdata', (chunk) => {
    textBuffer += chunk;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    names.pop();
    const parentName = names[names.length - 1];
    const container = current();
    const value = textBuffer.trim().replace(/\s+/g, ' ');
    textBuffer = '';
    if (name === 'version' && names.length === 1) {
      version = value;
    } else if (CONTAINERS.has(name)) {
      const entry = open.pop();
      if (entry && !entry.registered) fail(`a <${name}> without a <name> (line ${parser.line})`);
      if (entry?.node.kind === 'chapter') chapters.push(entry.node.key);
    } else if (container && parentName === container.element) {
      const node = container.node;
      if (name === 'name' && container.element !== 'section') {
        node.key = container.element === 'chapter' ? tabularKey('chapter', value) : tabularKey('code', value);
        node.code = container.element === 'chapter' ? node.key : value;
        register(container);
      } else if (name === 'desc') node.title = value;
      else if (name === noteKind) noteKind = undefined;
      else if (name === 'sevenChrDef') {
        if (sevenChr && sevenChr.length > 0) node.sevenChr = sevenChr;
        sevenChr = undefined;
      }
    } else if (name === 'note' && container && parentName === noteKind) {
      const notes = (container.node.notes[noteKind] ??= []);
      notes.push(value);
    } else if (name === 'extension' && parentName === 'sevenChrDef' && sevenChr) {
      sevenChr.push({ char: extensionChar ?? '', text: value, notes: [] });
    } else if (name === 'note' && parentName === 'sevenChrDef' && sevenChr) {
      // A note under a 7th-character value belongs to the value before it.
      const last = sevenChr[sevenChr.length - 1];
      if (last) last.notes.push(value);
    }
  });

  parser.write(text).close();
  if (rootName === undefined) fail('it holds no XML element');
  const year = Number(version);
  if (!Number.isInteger(year) || year < 2015) fail('it does not state its version (a year) in <version>');
  if (chapters.length === 0) fail('it has no chapters: it looks truncated or empty');
  const tabular: ParsedTabular = {
    kind: 'icd10cm-tabular',
    format: TABULAR_FORMAT,
    version: String(year),
    ...fiscalYearRange(year),
    chapters,
    nodes,
  };
  checkHierarchy(tabular, fileName);
  return tabular;
}

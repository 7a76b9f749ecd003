/**
 * The ICD-10-CM tabular list in XML: chapters, sections, categories and codes, with
 * their notes (inclusion terms, Excludes1/2, code first, use additional code, code also)
 * and the 7th-character definitions of each category.
 */
import { child, childText, parseXml, XmlError, type XmlElement } from './xml';
import { fiscalYearRange, ImportError, NOTE_KINDS, type NoteKind, type ParsedTabular, type TabularNode } from './types';

export function looksLikeTabularXml(text: string): boolean {
  return /^\s*(<\?xml[^>]*\?>\s*)?<ICD10CM\.tabular>/.test(text.slice(0, 300));
}

function notesOf(element: XmlElement): Partial<Record<NoteKind, string[]>> {
  const notes: Partial<Record<NoteKind, string[]>> = {};
  for (const kind of NOTE_KINDS) {
    const holder = element.children.filter((c) => c.name === kind);
    const texts = holder.flatMap((h) => h.children.filter((n) => n.name === 'note').map((n) => n.text.trim().replace(/\s+/g, ' ')));
    if (texts.length > 0) notes[kind] = texts;
  }
  return notes;
}

function sevenChrOf(element: XmlElement): Record<string, string> | undefined {
  const def = child(element, 'sevenChrDef');
  if (!def) return undefined;
  const values: Record<string, string> = {};
  for (const extension of def.children.filter((c) => c.name === 'extension')) values[extension.attributes.char] = extension.text.trim();
  return values;
}

export function parseTabularXml(text: string, fileName: string): ParsedTabular {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw new ImportError(`${fileName} is not well-formed XML: ${(error as XmlError).message}`, { cause: error });
  }
  if (root.name !== 'ICD10CM.tabular') throw new ImportError(`${fileName} is XML but not the ICD-10-CM tabular list (root element <${root.name}>)`);
  const year = Number(childText(root, 'version'));
  if (!Number.isInteger(year) || year < 2015) throw new ImportError(`${fileName} does not state its version (a year) in <version>`);
  const nodes: Record<string, TabularNode> = {};
  const chapters: string[] = [];

  const addDiag = (diag: XmlElement, parent: string, depth: number) => {
    const id = childText(diag, 'name');
    const node: TabularNode = { id, kind: depth === 0 ? 'category' : 'subcategory', title: childText(diag, 'desc'), parent, children: [], notes: notesOf(diag) };
    const sevenChr = sevenChrOf(diag);
    if (sevenChr) node.sevenChr = sevenChr;
    nodes[id] = node;
    nodes[parent].children.push(id);
    for (const sub of diag.children.filter((c) => c.name === 'diag')) addDiag(sub, id, depth + 1);
  };

  for (const chapter of root.children.filter((c) => c.name === 'chapter')) {
    const id = `chapter ${childText(chapter, 'name')}`;
    chapters.push(id);
    nodes[id] = { id, kind: 'chapter', title: childText(chapter, 'desc'), children: [], notes: notesOf(chapter) };
    for (const section of chapter.children.filter((c) => c.name === 'section')) {
      const sectionId = section.attributes.id;
      nodes[sectionId] = { id: sectionId, kind: 'section', title: childText(section, 'desc'), parent: id, children: [], notes: notesOf(section) };
      nodes[id].children.push(sectionId);
      for (const diag of section.children.filter((c) => c.name === 'diag')) addDiag(diag, sectionId, 0);
    }
  }
  if (chapters.length === 0) throw new ImportError(`${fileName} has no chapters: it looks truncated or empty`);
  return { kind: 'icd10cm-tabular', version: String(year), ...fiscalYearRange(year), chapters, nodes };
}

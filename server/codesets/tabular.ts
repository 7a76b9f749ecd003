/**
 * The ICD-10-CM tabular list in memory: where a code sits (chapter, section, category),
 * the notes that apply to it (its own and those inherited from above), and the 7th
 * characters its category defines.
 */
import { formatIcd10cm } from '../codes/systems';
import {
  MAX_TABULAR_DEPTH,
  tabularKey,
  type NoteKind,
  type ParsedTabular,
  type SetInfo,
  type SeventhCharacter,
  type TabularNode,
} from './types';

export interface AppliedNote {
  kind: NoteKind;
  /** Where the note sits, as shown: the code, category, section or chapter. */
  from: string;
  text: string;
}

/** Notes that apply to every code below the node they sit on (I.A.12). */
const INHERITED: readonly NoteKind[] = [
  'includes',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
];

/** A walk up the tree that did not reach a chapter: the stored list is damaged (import checks prevent it). */
export class TabularHierarchyError extends Error {
  constructor(readonly code: string) {
    super(
      `the tabular list's chain above ${code} does not reach a chapter within ${MAX_TABULAR_DEPTH} levels; import the tabular file again`,
    );
  }
}

export class Tabular {
  constructor(
    readonly info: SetInfo,
    private readonly data: ParsedTabular,
  ) {}

  get chapters(): TabularNode[] {
    return this.data.chapters.map((key) => this.data.nodes[key]);
  }

  /** A category or code by its code (with or without the dot). */
  codeNode(code: string): TabularNode | undefined {
    return this.data.nodes[tabularKey('code', formatIcd10cm(code))];
  }

  /** The nearest node the tabular knows for a code: itself, or the closest heading above it. */
  nearest(code: string): TabularNode | undefined {
    let dotted = formatIcd10cm(code);
    while (dotted.length >= 3) {
      const node = this.data.nodes[tabularKey('code', dotted)];
      if (node) return node;
      dotted = dotted.length === 5 ? dotted.slice(0, 3) : dotted.slice(0, -1);
    }
    return undefined;
  }

  /** From a node up to its chapter; bounded, so a damaged list raises instead of looping. */
  chainFrom(node: TabularNode | undefined, code: string): TabularNode[] {
    const out: TabularNode[] = [];
    for (let at = node; at; at = at.parent === undefined ? undefined : this.data.nodes[at.parent]) {
      if (out.length >= MAX_TABULAR_DEPTH) throw new TabularHierarchyError(code);
      out.push(at);
    }
    return out;
  }

  /** From the nearest known node up to its chapter. */
  ancestry(code: string): TabularNode[] {
    return this.chainFrom(this.nearest(code), code);
  }

  notesFor(code: string): AppliedNote[] {
    const own = formatIcd10cm(code);
    const notes: AppliedNote[] = [];
    for (const node of this.ancestry(code)) {
      const ownNode = node.kind !== 'chapter' && node.kind !== 'section' && node.code === own;
      for (const [kind, texts] of Object.entries(node.notes) as Array<[NoteKind, string[]]>) {
        if (!ownNode && !INHERITED.includes(kind)) continue;
        for (const text of texts) notes.push({ kind, from: node.code, text });
      }
    }
    return notes;
  }

  /** The 7th-character values the code's category (or subcategory) defines. */
  seventhCharacters(code: string): SeventhCharacter[] | undefined {
    return this.ancestry(code).find((n) => n.sevenChr)?.sevenChr;
  }

  /** What a 7th character means for this code, per the tabular list. */
  seventhMeaning(code: string, char: string): string | undefined {
    return this.seventhCharacters(code)?.find((s) => s.char === char)?.text;
  }
}

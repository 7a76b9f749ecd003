/**
 * The ICD-10-CM tabular list in memory: where a code sits (chapter, section, category),
 * the notes that apply to it (its own and those inherited from above), and the 7th
 * characters its category defines.
 */
import { formatIcd10cm } from '../codes/systems';
import type { NoteKind, ParsedTabular, SetInfo, TabularNode } from './types';

export interface AppliedNote {
  kind: NoteKind;
  /** Where the note sits: the code, category, section or chapter. */
  from: string;
  text: string;
}

/** Notes that apply to every code below the node they sit on (I.A.12). */
const INHERITED: readonly NoteKind[] = ['includes', 'excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso', 'notes'];

export class Tabular {
  constructor(
    readonly info: SetInfo,
    private readonly data: ParsedTabular,
  ) {}

  get chapters(): TabularNode[] {
    return this.data.chapters.map((id) => this.data.nodes[id]);
  }

  node(id: string): TabularNode | undefined {
    return this.data.nodes[id];
  }

  /** The nearest node the tabular knows for a code: itself, or the closest heading above it. */
  nearest(code: string): TabularNode | undefined {
    let dotted = formatIcd10cm(code);
    while (dotted.length >= 3) {
      const node = this.data.nodes[dotted];
      if (node) return node;
      dotted = dotted.length === 5 ? dotted.slice(0, 3) : dotted.slice(0, -1);
    }
    return undefined;
  }

  /** From the nearest known node up to its chapter. */
  ancestry(code: string): TabularNode[] {
    const out: TabularNode[] = [];
    for (let node = this.nearest(code); node; node = node.parent ? this.data.nodes[node.parent] : undefined) out.push(node);
    return out;
  }

  notesFor(code: string): AppliedNote[] {
    const chain = this.ancestry(code);
    const own = formatIcd10cm(code);
    const notes: AppliedNote[] = [];
    chain.forEach((node) => {
      const ownNode = node.id === own;
      for (const [kind, texts] of Object.entries(node.notes) as Array<[NoteKind, string[]]>) {
        if (!ownNode && !INHERITED.includes(kind)) continue;
        for (const text of texts) notes.push({ kind, from: node.id, text });
      }
    });
    return notes;
  }

  /** The 7th-character values the code's category (or subcategory) defines. */
  seventhCharacters(code: string): Record<string, string> | undefined {
    return this.ancestry(code).find((n) => n.sevenChr)?.sevenChr;
  }
}

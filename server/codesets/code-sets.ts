/**
 * Every imported official code set, loaded from DATA_DIR/codesets: look-up by code and
 * date of service, search, and the tabular list. Handoff runs without any of them; the
 * pages then say how to import them.
 */
import { chapterOf } from '../codes/icd10cm-chapters';
import { comparisonKey, dotted, type CodeSystem } from '../codes/systems';
import { listIndexFiles, readCodeSetFile, readTabularFile } from './index-file';
import { LoadedSet } from './loaded-set';
import { SearchIndex, type SearchHit } from './search';
import { Tabular } from './tabular';
import type { SetInfo, SeventhCharacter } from './types';

export type CodeStatus = 'billable' | 'header' | 'terminated' | 'not-yet-valid';

export interface CodeEntry {
  system: CodeSystem;
  /** Standard form: ICD-10-CM with its dot. */
  code: string;
  title: string;
  billable: boolean;
  status: CodeStatus;
  version: string;
  added?: string;
  terminated?: string;
}

export interface CodeSetLoadProblem {
  file: string;
  message: string;
}

const showCode = (system: CodeSystem, bare: string) => (system === 'ICD-10-CM' ? dotted(bare) : bare);

export class CodeSets {
  private searchIndex?: SearchIndex;

  constructor(
    readonly sets: readonly LoadedSet[],
    readonly tabular: Tabular | undefined,
    readonly problems: readonly CodeSetLoadProblem[] = [],
  ) {}

  static empty(): CodeSets {
    return new CodeSets([], undefined);
  }

  /** Load every index under DATA_DIR/codesets; a damaged index is reported and skipped. */
  static async load(dataDir: string): Promise<CodeSets> {
    const sets: LoadedSet[] = [];
    const problems: CodeSetLoadProblem[] = [];
    let tabular: Tabular | undefined;
    for (const file of await listIndexFiles(dataDir)) {
      try {
        if (file.endsWith('.json')) {
          const stored = await readTabularFile(file);
          if (!tabular || stored.info.version > tabular.info.version)
            tabular = new Tabular(stored.info, stored.tabular);
        } else {
          const stored = await readCodeSetFile(file);
          sets.push(new LoadedSet(stored.info, stored));
        }
      } catch (error) {
        problems.push({ file, message: (error as Error).message });
      }
    }
    const codeSets = new CodeSets(sets, tabular, problems);
    // Built at start-up, so the first trainee to type a code does not wait for it.
    codeSets.index();
    return codeSets;
  }

  get isEmpty(): boolean {
    return this.sets.length === 0;
  }

  infos(): SetInfo[] {
    return [...this.sets.map((s) => s.info), ...(this.tabular ? [this.tabular.info] : [])];
  }

  setsOf(system: CodeSystem): LoadedSet[] {
    return this.sets.filter((s) => s.system === system);
  }

  /**
   * The set that decides a date of service: the one whose dates cover it (ICD-10 fiscal
   * years, CPT calendar years), or for HCPCS the latest release in effect on that date.
   */
  setFor(system: CodeSystem, date?: string): LoadedSet | undefined {
    const candidates = this.setsOf(system).sort((a, b) =>
      a.info.effectiveFrom < b.info.effectiveFrom ? 1 : -1,
    );
    if (!date) return candidates[0];
    // A HCPCS release keeps every code with its added and terminated dates, so for a date
    // before the oldest release the oldest one still tells what was valid.
    if (system === 'HCPCS')
      return candidates.find((s) => s.info.effectiveFrom <= date) ?? candidates[candidates.length - 1];
    return candidates.find((s) => s.coversDate(date));
  }

  /** A code as the set for the date of service knows it (latest set without a date). */
  lookup(system: CodeSystem, code: string, date?: string): CodeEntry | undefined {
    const set = this.setFor(system, date);
    if (!set) return undefined;
    const bare = comparisonKey(system, code);
    const row = set.row(bare);
    if (row === undefined) return undefined;
    return this.entry(set, row, date);
  }

  entry(set: LoadedSet, row: number, date?: string): CodeEntry {
    const entry: CodeEntry = {
      system: set.system,
      code: showCode(set.system, set.codes[row]),
      title: set.titles[row],
      billable: set.billable[row] === 1,
      status: set.billable[row] === 1 ? 'billable' : 'header',
      version: set.info.version,
    };
    const added = set.added?.[row];
    const terminated = set.terminated?.[row];
    if (added) entry.added = added;
    if (terminated) entry.terminated = terminated;
    if (date && terminated && terminated < date) entry.status = 'terminated';
    if (date && added && added > date) entry.status = 'not-yet-valid';
    return entry;
  }

  private index(): SearchIndex {
    this.searchIndex ??= new SearchIndex(this.sets);
    return this.searchIndex;
  }

  /** Search by code and by title words; with a date of service, codes not valid on it come last. */
  search(
    query: string,
    options: { system?: CodeSystem; limit: number; date?: string },
  ): Array<CodeEntry & { match: SearchHit['match'] }> {
    if (query.trim() === '') return [];
    const systems = options.system ? this.sets.filter((s) => s.system === options.system) : undefined;
    const hits = this.index()
      .search(query, { systems, limit: options.limit })
      .map((hit) => Object.assign(this.entry(hit.set, hit.row, options.date), { match: hit.match }));
    const invalid = (h: CodeEntry) => (h.status === 'terminated' || h.status === 'not-yet-valid' ? 1 : 0);
    return hits.sort((a, b) => invalid(a) - invalid(b));
  }

  /**
   * The headings above an ICD-10-CM or ICD-10-PCS code, nearest first. ICD-10-CM headings
   * come from the code set itself (the year being coded), then the section and chapter
   * from the tabular list when it knows the category: a tabular list older than the set
   * lacks categories and headings added since (W44, T45.A), and those are still placed.
   */
  parentsOf(
    system: CodeSystem,
    code: string,
    date?: string,
  ): Array<{ code: string; title: string; kind: string }> {
    const set = this.setFor(system, date);
    const bare = comparisonKey(system, code);
    const parents: Array<{ code: string; title: string; kind: string }> = [];
    if (system === 'ICD-10-CM') {
      const tabular = this.tabular;
      if (set) {
        for (let length = bare.length - 1; length >= 3; length--) {
          const row = set.row(bare.slice(0, length));
          if (row !== undefined)
            parents.push({
              code: dotted(set.codes[row]),
              title: set.titles[row],
              kind: length === 3 ? 'category' : 'subcategory',
            });
        }
      } else if (tabular) {
        const own = dotted(bare);
        for (const node of tabular.ancestry(bare))
          if ((node.kind === 'category' || node.kind === 'subcategory') && node.code !== own)
            parents.push({ code: node.code, title: node.title, kind: node.kind });
      }
      const category = tabular?.codeNode(bare.slice(0, 3));
      if (tabular && category) {
        for (const node of tabular.chainFrom(category, bare).slice(1))
          parents.push({ code: node.code, title: node.title, kind: node.kind });
        return parents;
      }
      const chapter = chapterOf(bare);
      if (chapter)
        parents.push({
          code: `chapter ${chapter.number}`,
          title: `${chapter.title} (${chapter.first}-${chapter.last})`,
          kind: 'chapter',
        });
      return parents;
    }
    if (system === 'ICD-10-PCS' && set && bare.length === 7) {
      const row = set.row(bare.slice(0, 3));
      if (row !== undefined) parents.push({ code: set.codes[row], title: set.titles[row], kind: 'table' });
    }
    return parents;
  }

  /**
   * The 7th characters of an ICD-10-CM code: the tabular list's, or when it does not know
   * the category, what the code set's titles say (the codes that share the first six
   * characters differ only in the words after the shared start of their titles).
   */
  seventhCharacters(
    code: string,
    date?: string,
  ): { values: SeventhCharacter[]; source: 'tabular' | 'titles' } | undefined {
    const fromTabular = this.tabular?.seventhCharacters(code);
    if (fromTabular) return { values: fromTabular, source: 'tabular' };
    const set = this.setFor('ICD-10-CM', date);
    const bare = comparisonKey('ICD-10-CM', code);
    if (!set || bare.length !== 7) return undefined;
    const rows = set.prefixRows(bare.slice(0, 6)).filter((row) => set.codes[row].length === 7);
    if (rows.length < 2) return undefined;
    const titles = rows.map((row) => set.titles[row]);
    let shared = titles.reduce((a, b) => {
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return a.slice(0, i);
    });
    shared = shared.slice(0, shared.lastIndexOf(', ') + 2);
    if (shared === '') return undefined;
    return {
      values: rows.map((row, i) => ({
        char: set.codes[row][6],
        text: titles[i].slice(shared.length),
        notes: [],
      })),
      source: 'titles',
    };
  }

  /** The codes directly below a heading. */
  childrenOf(system: CodeSystem, code: string, limit = 200): { children: CodeEntry[]; total: number } {
    const set = this.setFor(system);
    if (!set || system === 'HCPCS' || system === 'CPT') return { children: [], total: 0 };
    const bare = comparisonKey(system, code);
    const rows = set.prefixRows(bare).filter((row) => {
      const candidate = set.codes[row];
      if (candidate === bare) return false;
      // A direct child has no heading of the set between it and this code.
      for (let length = candidate.length - 1; length > bare.length; length--)
        if (set.row(candidate.slice(0, length)) !== undefined) return false;
      return true;
    });
    return { children: rows.slice(0, limit).map((row) => this.entry(set, row)), total: rows.length };
  }
}

/**
 * Searching the loaded code sets as an encoder does: by code (exact, then prefix, with
 * or without the ICD-10-CM dot) and by the words of the long titles (every word of the
 * query must begin a word of the title, so type-ahead works on partial words).
 */
import type { LoadedSet } from './loaded-set';

export interface SearchHit {
  set: LoadedSet;
  row: number;
  match: 'code' | 'prefix' | 'words';
}

const WORD = /[a-z0-9]+/g;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export class SearchIndex {
  /** Global entry id → set and row. */
  private readonly entrySet: Uint16Array;
  private readonly entryRow: Int32Array;
  /** Each title as " word word word", for the prefix test of the remaining query words. */
  private readonly normalised: string[];
  private readonly vocabulary: string[];
  private readonly postings: Int32Array[];
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(private readonly sets: readonly LoadedSet[]) {
    const total = sets.reduce((n, s) => n + s.codes.length, 0);
    this.entrySet = new Uint16Array(total);
    this.entryRow = new Int32Array(total);
    this.normalised = new Array(total);
    this.seen = new Int32Array(total);
    const byWord = new Map<string, number[]>();
    let id = 0;
    sets.forEach((set, s) => {
      for (let row = 0; row < set.codes.length; row++, id++) {
        this.entrySet[id] = s;
        this.entryRow[id] = row;
        const tokens = words(set.titles[row]);
        this.normalised[id] = ` ${tokens.join(' ')}`;
        for (const token of new Set(tokens)) {
          let list = byWord.get(token);
          if (!list) byWord.set(token, (list = []));
          list.push(id);
        }
      }
    });
    this.vocabulary = [...byWord.keys()].sort();
    this.postings = this.vocabulary.map((w) => Int32Array.from(byWord.get(w) ?? []));
  }

  search(query: string, options: { systems?: readonly LoadedSet[]; limit: number }): SearchHit[] {
    const allowed = new Set(options.systems ?? this.sets);
    const hits: SearchHit[] = [];
    const taken = new Set<string>();
    const add = (set: LoadedSet, row: number, match: SearchHit['match']) => {
      const key = `${set.info.kind}|${set.codes[row]}`;
      if (hits.length >= options.limit || taken.has(key)) return;
      taken.add(key);
      hits.push({ set, row, match });
    };

    const compact = query.trim().toUpperCase().replace(/\s+/g, '');
    if (/^[A-Z0-9.]{1,8}$/.test(compact)) {
      const bare = compact.replace('.', '');
      for (const set of this.sets) {
        if (!allowed.has(set)) continue;
        const exact = set.row(bare);
        if (exact !== undefined) add(set, exact, 'code');
      }
      const prefixed: Array<{ set: LoadedSet; row: number }> = [];
      for (const set of this.sets) {
        if (allowed.has(set))
          for (const row of set.prefixTop(bare, options.limit + 1)) prefixed.push({ set, row });
      }
      prefixed.sort((a, b) => a.set.codes[a.row].length - b.set.codes[b.row].length);
      for (const p of prefixed) add(p.set, p.row, 'prefix');
    }
    if (hits.length < options.limit) {
      for (const id of this.wordMatches(query, allowed, options.limit - hits.length + taken.size)) {
        add(this.sets[this.entrySet[id]], this.entryRow[id], 'words');
      }
    }
    return hits;
  }

  /** Entries whose titles contain every query word as a word prefix; billable first, in tabular order. */
  private wordMatches(query: string, allowed: Set<LoadedSet>, limit: number): number[] {
    const terms = [...new Set(words(query))];
    if (terms.length === 0 || limit <= 0) return [];
    const ranges = terms.map((term) => ({ term, ...this.vocabularyRange(term) }));
    if (ranges.some((r) => r.size === 0)) return [];
    ranges.sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = ranges;
    const needles = rest.map((r) => ` ${r.term}`);
    const stamp = ++this.stamp;
    const best: Array<{ id: number; rank: number }> = [];
    for (let w = smallest.from; w < smallest.to; w++) {
      const list = this.postings[w];
      for (let i = 0; i < list.length; i++) {
        const id = list[i];
        // A posting list is in id order and an entry's rank is never below its id: once the
        // top is full of ranks below this id, nothing further in this list can enter it.
        // (Words common to tens of thousands of titles stop after their first matches.)
        if (best.length >= limit && id >= best[best.length - 1].rank) break;
        if (this.seen[id] === stamp) continue;
        this.seen[id] = stamp;
        const set = this.sets[this.entrySet[id]];
        if (!allowed.has(set)) continue;
        const text = this.normalised[id];
        if (!needles.every((needle) => text.includes(needle))) continue;
        // Billable codes first, then the order of the tabular list, as a codebook reads.
        const rank = (set.billable[this.entryRow[id]] ? 0 : 1e9) + id;
        insertTop(best, { id, rank }, limit);
      }
    }
    return best.map((b) => b.id);
  }

  private vocabularyRange(prefix: string): { from: number; to: number; size: number } {
    let low = 0;
    let high = this.vocabulary.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.vocabulary[mid] < prefix) low = mid + 1;
      else high = mid;
    }
    let to = low;
    let size = 0;
    while (to < this.vocabulary.length && this.vocabulary[to].startsWith(prefix))
      size += this.postings[to++].length;
    return { from: low, to, size };
  }
}

function insertTop(
  best: Array<{ id: number; rank: number }>,
  item: { id: number; rank: number },
  limit: number,
): void {
  if (best.length >= limit && item.rank >= best[best.length - 1].rank) return;
  let i = best.length;
  while (i > 0 && best[i - 1].rank > item.rank) i--;
  best.splice(i, 0, item);
  if (best.length > limit) best.pop();
}

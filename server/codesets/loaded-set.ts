/** One imported code set in memory: rows by code, and the codes in sorted order for prefix look-ups. */
import type { CodeSystem } from '../codes/systems';
import type { StoredCodeSet } from './index-file';
import { SYSTEM_OF_KIND, type SetInfo } from './types';

export class LoadedSet {
  readonly system: CodeSystem;
  readonly codes: string[];
  readonly titles: string[];
  readonly billable: Uint8Array;
  readonly added?: string[];
  readonly terminated?: string[];
  readonly modifiers: Map<string, string>;
  private readonly rowOf = new Map<string, number>();
  /** Row numbers ordered by code, for prefix ranges. */
  readonly sorted: Int32Array;

  constructor(
    readonly info: SetInfo,
    stored: StoredCodeSet,
  ) {
    this.system = SYSTEM_OF_KIND[info.kind as keyof typeof SYSTEM_OF_KIND];
    const n = stored.rows.length;
    this.codes = new Array(n);
    this.titles = new Array(n);
    this.billable = new Uint8Array(n);
    if (info.kind === 'hcpcs') {
      this.added = new Array(n);
      this.terminated = new Array(n);
    }
    stored.rows.forEach((row, i) => {
      this.codes[i] = row.code;
      this.titles[i] = row.title;
      this.billable[i] = row.billable ? 1 : 0;
      if (this.added && this.terminated) {
        this.added[i] = row.added ?? '';
        this.terminated[i] = row.terminated ?? '';
      }
      this.rowOf.set(row.code, i);
    });
    this.sorted = Int32Array.from(this.codes.keys()).sort((a, b) =>
      this.codes[a] < this.codes[b] ? -1 : this.codes[a] > this.codes[b] ? 1 : 0,
    );
    this.modifiers = new Map((stored.modifiers ?? []).map((m) => [m.code, m.title]));
  }

  row(bareCode: string): number | undefined {
    return this.rowOf.get(bareCode);
  }

  /** Where the codes starting with the prefix begin, in the sorted order. */
  private lowerBound(prefix: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.codes[this.sorted[mid]] < prefix) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Rows whose code starts with the prefix, in code order. */
  prefixRows(prefix: string): number[] {
    const out: number[] = [];
    for (
      let i = this.lowerBound(prefix);
      i < this.sorted.length && this.codes[this.sorted[i]].startsWith(prefix);
      i++
    )
      out.push(this.sorted[i]);
    return out;
  }

  /**
   * The `limit` rows under a prefix that a look-up shows first: the shortest codes (the
   * headings nearest the prefix), then in code order. One pass, nothing sorted, so a
   * one-character prefix over 70,000 codes stays cheap.
   */
  prefixTop(prefix: string, limit: number): number[] {
    const best: number[] = [];
    const worse = (a: number, b: number) =>
      this.codes[a].length - this.codes[b].length || (this.codes[a] < this.codes[b] ? -1 : 1);
    for (let i = this.lowerBound(prefix); i < this.sorted.length; i++) {
      const row = this.sorted[i];
      const code = this.codes[row];
      if (!code.startsWith(prefix)) break;
      if (best.length === limit && code.length >= this.codes[best[limit - 1]].length) continue;
      let at = best.length;
      while (at > 0 && worse(row, best[at - 1]) < 0) at--;
      best.splice(at, 0, row);
      if (best.length > limit) best.pop();
    }
    return best;
  }

  /** Does the set apply to this date of service (HCPCS: is the code active on it)? */
  coversDate(date: string): boolean {
    return date >= this.info.effectiveFrom && date <= this.info.effectiveTo;
  }
}

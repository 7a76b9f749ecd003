/** Differences as data: characters of two codes, words of two titles. Rendering is the views' job. */
import { diffChars, diffWords } from 'diff';
import type { DiffPart } from './types';

function toParts(changes: Array<{ value: string; added?: boolean; removed?: boolean }>): DiffPart[] {
  return changes.map((c) => ({
    text: c.value,
    side: c.added ? 'submitted' : c.removed ? 'expected' : 'both',
  }));
}

export function codeDiff(expected: string, submitted: string): DiffPart[] {
  return toParts(diffChars(expected, submitted));
}

export function titleDiff(expected: string, submitted: string): DiffPart[] {
  return toParts(diffWords(expected, submitted));
}

/** The words only one side has, e.g. {expected: ['right'], submitted: ['left']}. */
export function changedWords(parts: DiffPart[]): { expected: string[]; submitted: string[] } {
  const words = (side: DiffPart['side']) =>
    parts
      .filter((p) => p.side === side)
      .flatMap((p) => p.text.split(/[\s,;:()[\]]+/))
      .filter((w) => w !== '');
  return { expected: words('expected'), submitted: words('submitted') };
}

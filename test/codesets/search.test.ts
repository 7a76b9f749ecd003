/**
 * The word search against a plain reference: every title whose words begin with every
 * query word, billable codes first, then in tabular order, cut at the limit. The index
 * takes short cuts (the rarest word's postings, stopping once nothing later can rank);
 * these tests hold its answers to the reference's on many seeded queries.
 */
import type { CodeSets } from '../../server/codesets/code-sets';
import type { LoadedSet } from '../../server/codesets/loaded-set';
import { SearchIndex } from '../../server/codesets/search';
import { withFixtureCodeSets } from '../helpers/fixture-codesets';
import { describeWithOfficialSets, officialCodeSets } from '../helpers/official';

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

function referenceSearch(
  sets: readonly LoadedSet[],
  titleWords: string[][][],
  query: string,
  limit: number,
): string[] {
  const terms = wordsOf(query);
  const found: Array<{ code: string; billable: boolean }> = [];
  sets.forEach((set, s) =>
    titleWords[s].forEach((words, row) => {
      if (terms.every((t) => words.some((w) => w.startsWith(t))))
        found.push({ code: `${set.info.kind} ${set.codes[row]}`, billable: Boolean(set.billable[row]) });
    }),
  );
  // Array.prototype.sort is stable: tabular order is kept within billable and within the rest.
  return found
    .sort((a, b) => Number(b.billable) - Number(a.billable))
    .slice(0, limit)
    .map((f) => f.code);
}

/** Queries of one to three words taken from real titles (common words included), the last cut short now and then. */
function seededQueries(sets: readonly LoadedSet[], count: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const queries: string[] = [];
  while (queries.length < count) {
    const set = sets[Math.floor(next() * sets.length)];
    const words = wordsOf(set.titles[Math.floor(next() * set.codes.length)]);
    const picked = Array.from(
      { length: 1 + Math.floor(next() * 3) },
      () => words[Math.floor(next() * words.length)],
    );
    const last = picked.length - 1;
    if (next() < 0.5)
      picked[last] = picked[last].slice(0, Math.max(1, Math.ceil(picked[last].length * next())));
    const query = picked.join(' ');
    // Queries that read as a code are answered by code first; these tests are about words.
    if (query.replace(/\s+/g, '').length > 8) queries.push(query);
  }
  return queries;
}

function expectSameAsReference(codeSets: CodeSets, queries: string[], limits: number[]): void {
  const index = new SearchIndex(codeSets.sets);
  const titleWords = codeSets.sets.map((set) => set.titles.map(wordsOf));
  const differences: string[] = [];
  for (const [i, query] of queries.entries()) {
    const limit = limits[i % limits.length];
    const got = index.search(query, { limit }).map((h) => `${h.set.info.kind} ${h.set.codes[h.row]}`);
    const expected = referenceSearch(codeSets.sets, titleWords, query, limit);
    if (got.join() !== expected.join())
      differences.push(`"${query}" (limit ${limit}): got ${got.join(', ')}; expected ${expected.join(', ')}`);
  }
  expect(differences).toEqual([]);
}

describe('SearchIndex word search, fixture releases', () => {
  const fixtureSets = withFixtureCodeSets();
  it('answers as the reference does, limits 1 to 5', () => {
    const codeSets = fixtureSets();
    expectSameAsReference(codeSets, seededQueries(codeSets.sets, 300, 7), [1, 2, 3, 5]);
  });
});

describeWithOfficialSets('SearchIndex word search, official CMS files', () => {
  it('answers as the reference does on 150 seeded queries, limits 1, 10 and 25', async () => {
    const codeSets = await officialCodeSets();
    const queries = [
      ...seededQueries(codeSets.sets, 147, 2026),
      'left approach approa',
      'approach appro',
      'open ope',
    ];
    expectSameAsReference(codeSets, queries, [1, 10, 25]);
  }, 60_000);
});

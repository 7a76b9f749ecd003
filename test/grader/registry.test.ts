import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_RULES, PAIR_RULES } from '../../server/grader/registry';
import { creditTable } from '../../server/grader/score';
import { FINDING_KINDS } from '../../server/grader/types';

const ROOT = path.resolve(__dirname, '../..');
const docs = readFileSync(path.join(ROOT, 'docs/grading.md'), 'utf8');
/** Kinds that need the official code sets; their rules arrive with the code-set import. */
const NEEDS_CODE_SETS = ['unknown-code', 'excludes1'];

describe('the rule registry', () => {
  it('has one rule per finding kind, except those that need the official code sets', () => {
    const ids = ALL_RULES.map((r) => r.id).sort();
    expect(ids).toEqual(FINDING_KINDS.filter((k) => !NEEDS_CODE_SETS.includes(k) || ids.includes(k)).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(ALL_RULES.map((r) => [r.id, r] as const))('%s has its file, its tests and its docs', (id, rule) => {
    expect(existsSync(path.join(ROOT, 'server/grader/rules', `${id}.ts`))).toBe(true);
    expect(existsSync(path.join(ROOT, 'test/grader/rules', `${id}.test.ts`))).toBe(true);
    expect(docs).toContain(`### \`${id}\``);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
  });

  it.each(FINDING_KINDS.map((k) => [k]))('the scoring table in docs/grading.md states the credit of %s', (kind) => {
    const credit = creditTable()[kind];
    const row = docs.split('\n').find((line) => line.startsWith(`| \`${kind}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(credit > 0 ? `+${credit}` : credit === 0 ? '0' : `−${-credit}`);
  });

  it('ranks pair rules so that exact matches come first', () => {
    expect(PAIR_RULES.find((r) => r.rank === 0)?.id).toBe('correct');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_RULES, DEFAULT_RULES, RuleSet } from '../../server/grader/registry';
import type { GradingRule } from '../../server/grader/rule';

const ROOT = path.resolve(__dirname, '../..');
const docs = readFileSync(path.join(ROOT, 'docs/grading.md'), 'utf8');
const signed = (credit: number) => (credit > 0 ? `+${credit}` : credit === 0 ? '0' : `−${-credit}`);

describe('the rule registry', () => {
  it('derives the finding kinds from the rules, one kind per rule', () => {
    expect(DEFAULT_RULES.kinds).toEqual(ALL_RULES.map((r) => r.id));
    expect(new Set(DEFAULT_RULES.kinds).size).toBe(ALL_RULES.length);
  });

  it.each(ALL_RULES.map((r) => [r.id, r] as const))(
    '%s has its file, its tests, its docs, a label and its credit in the scoring table',
    (id, rule) => {
      expect(existsSync(path.join(ROOT, 'server/grader/rules', `${id}.ts`))).toBe(true);
      expect(existsSync(path.join(ROOT, 'test/grader/rules', `${id}.test.ts`))).toBe(true);
      expect(docs).toContain(`### \`${id}\``);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.label.length).toBeGreaterThan(2);
      expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row).toContain(`| ${signed(rule.credit)}`);
    },
  );

  it('pairs exact matches first and asks the explainers of unmatched codes in their order', () => {
    expect(DEFAULT_RULES.pairRules[0].id).toBe('correct');
    expect(DEFAULT_RULES.unmatchedExplainers.map((r) => r.id)).toEqual([
      'distractor',
      'unknown-code',
      'not-billable',
      'unsupported',
    ]);
  });

  it.each([
    ['two rules with one id', [...ALL_RULES, ALL_RULES[1]], /share an id/],
    ['no exact-match rule', ALL_RULES.filter((r) => r.id !== 'correct'), /exact-match pair rule/],
  ])('refuses %s', (_name, rules, message) => {
    expect(() => new RuleSet(rules as GradingRule[])).toThrow(message);
  });
});

/**
 * Pairs expected and submitted codes, once, before any rule explains anything.
 * Exact matches first, then the narrowest near miss (by the pair rules' ranks), so a
 * submitted code is explained against the expected code it most nearly is.
 */
import { comparisonKey } from '../codes/systems';
import type { KeyDistractor, ScenarioModel } from '../scenarios/model';
import type { GradeContext, PairRule, Verdict } from './rule';
import type { AcceptedForm, ExpectedEntry, SubmittedEntry } from './types';

export interface Pair {
  expected: ExpectedEntry;
  form: AcceptedForm;
  submitted: SubmittedEntry;
  rule: PairRule;
  verdict: Verdict;
}

export interface MatchResult {
  pairs: Pair[];
  /** Expected codes nothing was paired with (required and optional). */
  unpairedExpected: ExpectedEntry[];
  /** Well-formed submitted codes in the right section that matched nothing. */
  unpairedSubmitted: SubmittedEntry[];
  /** Later copies of a code already submitted, with the first copy. */
  duplicates: Array<{ entry: SubmittedEntry; first: SubmittedEntry }>;
  /** Entries that cannot be graded where they were entered. */
  misplaced: SubmittedEntry[];
  /** Misplaced entries that are exactly an expected code of the other section. */
  misplacedPairs: Array<{ submitted: SubmittedEntry; expected: ExpectedEntry }>;
  /** Distractor feedback by submitted entry. */
  distractors: Map<SubmittedEntry, KeyDistractor>;
}

export function duplicateKey(entry: SubmittedEntry): string {
  if (entry.section === 'diagnoses' || !entry.line) return `${entry.section}|${entry.code}`;
  return `${entry.section}|${entry.code}|${[...entry.line.modifiers].sort().join('-')}`;
}

export function matchCodes(expected: ExpectedEntry[], submitted: SubmittedEntry[], rules: readonly PairRule[], context: GradeContext): MatchResult {
  const duplicates: MatchResult['duplicates'] = [];
  const firstByKey = new Map<string, SubmittedEntry>();
  const gradable: SubmittedEntry[] = [];
  const misplaced: SubmittedEntry[] = [];
  for (const entry of submitted) {
    if (entry.problem) {
      misplaced.push(entry);
      continue;
    }
    const key = duplicateKey(entry);
    const first = firstByKey.get(key);
    if (first) duplicates.push({ entry, first });
    else {
      firstByKey.set(key, entry);
      gradable.push(entry);
    }
  }

  const ranked = [...rules].sort((a, b) => a.rank - b.rank);
  const candidates: Pair[] = [];
  for (const e of expected) {
    for (const s of gradable) {
      if (s.section !== e.section) continue;
      const pair = bestRelation(e, s, ranked, context);
      if (pair) candidates.push(pair);
    }
  }
  candidates.sort((a, b) => a.rule.rank - b.rule.rank || a.expected.section.localeCompare(b.expected.section) || a.expected.index - b.expected.index || a.submitted.index - b.submitted.index);

  const pairs: Pair[] = [];
  const takenExpected = new Set<ExpectedEntry>();
  const takenSubmitted = new Set<SubmittedEntry>();
  for (const candidate of candidates) {
    if (takenExpected.has(candidate.expected) || takenSubmitted.has(candidate.submitted)) continue;
    pairs.push(candidate);
    takenExpected.add(candidate.expected);
    takenSubmitted.add(candidate.submitted);
  }

  const misplacedPairs: MatchResult['misplacedPairs'] = [];
  for (const entry of misplaced) {
    const target = entry.problem?.belongsIn;
    if (!target) continue;
    const match = expected.find((e) => e.section === target && !takenExpected.has(e) && e.forms.some((f) => f.key === entry.key));
    if (match) {
      misplacedPairs.push({ submitted: entry, expected: match });
      takenExpected.add(match);
    }
  }

  return {
    pairs: pairs.sort((a, b) => a.submitted.index - b.submitted.index),
    unpairedExpected: expected.filter((e) => !takenExpected.has(e)),
    unpairedSubmitted: gradable.filter((s) => !takenSubmitted.has(s)),
    duplicates,
    misplaced,
    misplacedPairs,
    distractors: findDistractors(gradable, context.scenario),
  };
}

function bestRelation(e: ExpectedEntry, s: SubmittedEntry, rules: readonly PairRule[], context: GradeContext): Pair | null {
  for (const rule of rules) {
    if (!rule.sections.includes(e.section)) continue;
    for (const form of e.forms) {
      const verdict = rule.compare(e, form, s, context);
      if (verdict) return { expected: e, form, submitted: s, rule, verdict };
    }
  }
  return null;
}

const distractorKeyCache = new WeakMap<ScenarioModel, string[]>();

function distractorKeys(scenario: ScenarioModel): string[] {
  let keys = distractorKeyCache.get(scenario);
  if (!keys) {
    keys = scenario.answerKey.distractors.map((d) => (d.section === 'diagnoses' ? comparisonKey('ICD-10-CM', d.code) : d.code));
    distractorKeyCache.set(scenario, keys);
  }
  return keys;
}

function findDistractors(entries: SubmittedEntry[], scenario: ScenarioModel): Map<SubmittedEntry, KeyDistractor> {
  const found = new Map<SubmittedEntry, KeyDistractor>();
  if (scenario.answerKey.distractors.length === 0) return found;
  const keys = distractorKeys(scenario);
  for (const entry of entries) {
    const distractor = scenario.answerKey.distractors.find((d, i) => {
      if (d.section !== entry.section || keys[i] !== entry.key) return false;
      if (!d.line || d.line.modifiers.length === 0) return true;
      const mods = entry.line?.modifiers ?? [];
      return d.line.modifiers.length === mods.length && d.line.modifiers.every((m) => mods.includes(m));
    });
    if (distractor) found.set(entry, distractor);
  }
  return found;
}

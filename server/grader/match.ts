/**
 * Pairs expected and submitted codes, once, before any rule explains anything.
 * Exact matches first, then the narrowest near miss (by the pair rules' ranks), so a
 * submitted code is explained against the expected code it most nearly is.
 */
import { comparisonKey } from '../codes/systems';
import type { CodeEntry } from '../codesets/code-sets';
import type { KeyDistractor, ScenarioModel } from '../scenarios/model';
import type { RuleSet } from './registry';
import type { GradeContext, PairRule } from './rule';
import type { AcceptedForm, ExpectedEntry, FindingKind, MatchResult, Pair, SubmittedEntry } from './types';

export function duplicateKey(entry: SubmittedEntry): string {
  if (entry.section === 'diagnoses' || !entry.line) return `${entry.section}|${entry.code}`;
  return `${entry.section}|${entry.code}|${[...entry.line.modifiers].sort().join('-')}`;
}

export function matchCodes(
  expected: ExpectedEntry[],
  submitted: SubmittedEntry[],
  ruleSet: RuleSet,
  context: GradeContext,
): MatchResult {
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

  const pairs: Pair[] = [];
  const takenExpected = new Set<ExpectedEntry>();
  const takenSubmitted = new Set<SubmittedEntry>();
  // Exact matches (rank 0) always win, so they are paired first and the near-miss search
  // below only compares what is left.
  const [exactRule, ...nearMissRules] = ruleSet.pairRules;
  const grouped = new Map<SubmittedEntry, SubmittedEntry[]>();
  // A group alternative (RT and LT lines in place of one -50 line) needs all its lines.
  for (const e of expected) {
    for (const group of e.groups) {
      const members: SubmittedEntry[] = [];
      for (const form of group) {
        const found = gradable.find(
          (s) =>
            !takenSubmitted.has(s) &&
            !members.includes(s) &&
            s.section === e.section &&
            bestRelation(e, s, [exactRule], context, [form]),
        );
        if (found) members.push(found);
      }
      if (members.length !== group.length || takenExpected.has(e)) continue;
      members.sort((a, b) => a.index - b.index);
      pairs.push({
        expected: e,
        form: group[0],
        submitted: members[0],
        kind: exactRule.id,
        exact: true,
        verdict: { messageId: 'group', data: {} },
      });
      takenExpected.add(e);
      for (const m of members) takenSubmitted.add(m);
      grouped.set(members[0], members);
    }
  }
  for (const e of expected) {
    if (takenExpected.has(e)) continue;
    for (const s of gradable) {
      if (takenSubmitted.has(s) || s.section !== e.section || !e.forms.some((f) => f.key === s.key)) continue;
      const pair = bestRelation(e, s, [exactRule], context);
      if (pair) {
        pairs.push(pair);
        takenExpected.add(e);
        takenSubmitted.add(s);
        break;
      }
    }
  }
  const candidates: Pair[] = [];
  for (const e of expected) {
    if (takenExpected.has(e)) continue;
    for (const s of gradable) {
      if (takenSubmitted.has(s) || s.section !== e.section) continue;
      const pair = bestRelation(e, s, nearMissRules, context);
      if (pair) candidates.push(pair);
    }
  }
  const rank = (pair: Pair) => (ruleSet.rule(pair.kind) as PairRule).rank;
  candidates.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.expected.section.localeCompare(b.expected.section) ||
      a.expected.index - b.expected.index ||
      a.submitted.index - b.submitted.index,
  );

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
    const match = expected.find(
      (e) => e.section === target && !takenExpected.has(e) && e.forms.some((f) => f.key === entry.key),
    );
    if (match) {
      misplacedPairs.push({ submitted: entry, expected: match });
      takenExpected.add(match);
    }
  }

  const distractors = findDistractors(gradable, context.scenario);
  const official = officialEntries(gradable, context);
  const unpairedSubmitted = gradable.filter((s) => !takenSubmitted.has(s));
  const unpairedReason = new Map<SubmittedEntry, FindingKind>();
  const explainers = ruleSet.unmatchedExplainers;
  for (const entry of unpairedSubmitted) {
    const facts = { isDistractor: distractors.has(entry), official: official.get(entry) };
    const explainer = explainers.find((rule) => rule.explainsUnmatched?.applies(facts));
    if (explainer) unpairedReason.set(entry, explainer.id);
  }

  return {
    pairs: pairs.sort((a, b) => a.submitted.index - b.submitted.index),
    unpairedExpected: expected.filter((e) => !takenExpected.has(e)),
    unpairedSubmitted,
    duplicates,
    misplaced,
    misplacedPairs,
    distractors,
    grouped,
    unpairedReason,
    official,
  };
}

/** Look each code up once in the set that decides the date of service. */
function officialEntries(
  entries: SubmittedEntry[],
  context: GradeContext,
): Map<SubmittedEntry, CodeEntry | null> {
  const found = new Map<SubmittedEntry, CodeEntry | null>();
  const codeSets = context.codeSets;
  if (!codeSets || codeSets.isEmpty) return found;
  const date = context.scenario.report.dateOfService;
  for (const entry of entries) {
    if (!entry.system || !codeSets.setFor(entry.system, date)) continue;
    found.set(entry, codeSets.lookup(entry.system, entry.code, date) ?? null);
  }
  return found;
}

function bestRelation(
  e: ExpectedEntry,
  s: SubmittedEntry,
  rules: readonly PairRule[],
  context: GradeContext,
  forms: readonly AcceptedForm[] = e.forms,
): Pair | null {
  for (const rule of rules) {
    if (!rule.sections.includes(e.section)) continue;
    for (const form of forms) {
      const verdict = rule.compare(e, form, s, context);
      if (verdict) return { expected: e, form, submitted: s, kind: rule.id, exact: rule.rank === 0, verdict };
    }
  }
  return null;
}

const distractorKeyCache = new WeakMap<ScenarioModel, string[]>();

function distractorKeys(scenario: ScenarioModel): string[] {
  let keys = distractorKeyCache.get(scenario);
  if (!keys) {
    keys = scenario.answerKey.distractors.map((d) =>
      d.section === 'diagnoses' ? comparisonKey('ICD-10-CM', d.code) : d.code,
    );
    distractorKeyCache.set(scenario, keys);
  }
  return keys;
}

function findDistractors(
  entries: SubmittedEntry[],
  scenario: ScenarioModel,
): Map<SubmittedEntry, KeyDistractor> {
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

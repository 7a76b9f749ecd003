/**
 * Grades one submission against one scenario: read the submission, pair codes once,
 * let every rule explain, then score. The result is the record every view renders.
 */
import { formatProcedureLine } from '../codes/procedure-line';
import type { CodeSets } from '../codesets/code-sets';
import type { ScenarioModel } from '../scenarios/model';
import { codeDiff, titleDiff } from './diff';
import { expectedEntries } from './expected';
import { matchCodes } from './match';
import { DEFAULT_RULES, type RuleSet } from './registry';
import type { GradeContext, GradingRule, Report } from './rule';
import { computeScore, creditOf } from './score';
import { readSubmission, type Submission } from './submission';
import { fill } from './template';
import type { ExpectedEntry, Finding, GradeResult, MatchResult, SubmittedEntry, TitleLookup } from './types';

export interface GradeOptions {
  /** Titles the library knows (used after the official ones). */
  titles?: TitleLookup;
  codeSets?: CodeSets;
  /** The rules to grade with (default: every rule of the registry). */
  rules?: RuleSet;
}

/** Official titles for the date of service first, then the fallback. */
function titleChain(
  codeSets: CodeSets | undefined,
  date: string,
  fallback: TitleLookup | undefined,
): TitleLookup | undefined {
  if (!codeSets || codeSets.isEmpty) return fallback;
  return {
    title: (system, code) => codeSets.lookup(system, code, date)?.title ?? fallback?.title(system, code),
  };
}

export function grade(
  scenario: ScenarioModel,
  submission: Submission,
  options: GradeOptions = {},
): GradeResult {
  const rules = options.rules ?? DEFAULT_RULES;
  const context: GradeContext = {
    scenario,
    titles: titleChain(options.codeSets, scenario.report.dateOfService, options.titles),
    codeSets: options.codeSets,
  };
  const expected = expectedEntries(scenario);
  const match = matchCodes(expected, readSubmission(submission, scenario), rules, context);

  const findings: Finding[] = [];
  for (const pair of match.pairs) {
    const { messageId, data, guideline } = pair.verdict;
    const rule = rules.rule(pair.kind) as GradingRule;
    findings.push(
      buildFinding(
        rule,
        rules,
        {
          messageId,
          data,
          guideline,
          section: pair.expected.section,
          expected: pair.expected,
          submitted: pair.submitted,
        },
        context,
        match,
      ),
    );
  }
  for (const rule of rules.rules) {
    for (const report of rule.report?.(match, context) ?? [])
      findings.push(buildFinding(rule, rules, report, context, match));
  }
  const listedFirst = (f: Finding) => rules.rule(f.kind)?.listedFirst === true;
  findings.sort((a, b) => findingOrder(a, b, listedFirst));

  const principal = expected.find((e) => e.section === 'diagnoses' && e.index === 0);
  // The position point: the code given first is the principal, or a diagnosis the key says may equally be first.
  const principalFirst = match.pairs.some(
    (p) =>
      p.expected.section === 'diagnoses' &&
      p.expected.mayBeFirst &&
      p.submitted.section === 'diagnoses' &&
      p.submitted.index === 0,
  );
  const possible = expected.filter((e) => !e.optional).length + (principal && !principal.optional ? 1 : 0);
  return {
    scenarioId: scenario.id,
    score: computeScore(findings, possible, principalFirst && !principal?.optional),
    claimReady: findings.every((f) => f.severity === 'ok'),
    findings,
  };
}

function showSubmitted(entry: SubmittedEntry): string {
  // A code that could not be read is shown as typed.
  if (entry.system === null) return entry.raw;
  return entry.section === 'procedures' && entry.line && entry.system !== 'ICD-10-CM'
    ? formatProcedureLine({ code: entry.code, modifiers: entry.line.modifiers, units: entry.line.units })
    : entry.code;
}

function submittedTitle(
  entry: SubmittedEntry,
  expected: ExpectedEntry | undefined,
  context: GradeContext,
): string | undefined {
  if (!entry.system) return undefined;
  if (expected && entry.code === expected.code) return expected.title;
  return context.titles?.title(entry.system, entry.code);
}

function buildFinding(
  rule: GradingRule,
  rules: RuleSet,
  report: Report,
  context: GradeContext,
  match: MatchResult,
): Finding {
  const { expected, submitted } = report;
  const template = rule.messages[report.messageId];
  if (!template) throw new Error(`rule ${rule.id} has no message "${report.messageId}"`);
  const expectedShown = expected?.display;
  const group = submitted ? match.grouped.get(submitted) : undefined;
  const submittedShown = group
    ? group.map(showSubmitted).join(' + ')
    : submitted
      ? showSubmitted(submitted)
      : undefined;
  const subTitle = submitted ? submittedTitle(submitted, expected, context) : undefined;
  // The scenario's feedback explains the submitted code itself: it belongs on the findings
  // whose rules say they are about that code (a distractor, a near miss), not on one about
  // its position or on a correct pairing.
  const distractor = submitted && rule.feedback ? match.distractors.get(submitted) : undefined;
  const data: Record<string, string | number> = {};
  if (expected) {
    data.expected = expected.display;
    data.expectedTitle = expected.title;
  }
  if (submittedShown !== undefined) data.submitted = submittedShown;
  if (subTitle) data.submittedTitle = subTitle;
  Object.assign(data, report.data);

  let message = fill(template.text, data);
  // A near miss that is also a listed wrong answer keeps its kind and adds the scenario's feedback.
  if (distractor && rule.feedback === 'append') message = `${message} ${distractor.feedback}`;

  const finding: Finding = {
    kind: rule.id,
    messageId: report.messageId,
    severity: rules.severity(rule.id),
    section: report.section,
    message,
    data,
    credit: creditOf(rule, { messageId: report.messageId, data }, expected?.optional ?? false),
  };
  if (expectedShown !== undefined) finding.expected = expectedShown;
  if (submittedShown !== undefined) finding.submitted = submittedShown;
  if (expected) finding.expectedIndex = expected.index;
  if (submitted) finding.submittedIndex = submitted.index;
  if (template.hint) finding.hint = fill(template.hint, data);
  if (expectedShown !== undefined && submittedShown !== undefined && expectedShown !== submittedShown)
    finding.codeDiff = codeDiff(expectedShown, submittedShown);
  if (expected) {
    finding.expectedTitle = expected.title;
    finding.rationale = expected.rationale;
    finding.evidence = expected.evidence;
  }
  if (subTitle) finding.submittedTitle = subTitle;
  if (expected && subTitle && subTitle !== expected.title)
    finding.titleDiff = titleDiff(expected.title, subTitle);
  const guideline = report.guideline ?? distractor?.guideline ?? rule.guideline ?? expected?.guideline;
  if (guideline) finding.guideline = guideline;
  if (distractor) finding.feedback = distractor.feedback;
  return finding;
}

/** Diagnoses then procedures; in each, the kinds listed first (sequencing), then the trainee's order, then what is missing. */
function findingOrder(a: Finding, b: Finding, listedFirst: (f: Finding) => boolean): number {
  if (a.section !== b.section) return a.section === 'diagnoses' ? -1 : 1;
  const rank = (f: Finding) => (listedFirst(f) ? 0 : f.submittedIndex !== undefined ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (a.submittedIndex ?? 0) - (b.submittedIndex ?? 0) ||
    (a.expectedIndex ?? 0) - (b.expectedIndex ?? 0)
  );
}

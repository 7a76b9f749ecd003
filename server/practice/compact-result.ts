/**
 * A grading result as it is stored: without what the scenario and the two codes already
 * say (rationale, evidence, the expected title, the diffs). That makes each saved attempt
 * about a third of its size, and the cost of saving with it. Reading puts those back from
 * the scenario, so a stored attempt expands to the record the grader returned.
 */
import { codeDiff, titleDiff } from '../grader/diff';
import { expectedEntries } from '../grader/expected';
import type { Finding, GradeResult } from '../grader/types';
import type { ScenarioSnapshot } from '../scenarios/model';

export type StoredFinding = Omit<Finding, 'rationale' | 'evidence' | 'codeDiff' | 'titleDiff'>;
export interface StoredResult extends Omit<GradeResult, 'findings'> {
  findings: StoredFinding[];
}

export function compactResult(result: GradeResult, scenario: ScenarioSnapshot): StoredResult {
  const entries = expectedEntries(scenario);
  return {
    ...result,
    // Built by leaving fields out rather than deleting them: objects that lose properties
    // become slower, larger dictionaries in V8, and every stored attempt stays in memory.
    findings: result.findings.map((f) => {
      const { rationale: _r, evidence: _e, codeDiff: _c, titleDiff: _t, expectedTitle, data, ...kept } = f;
      const { expectedTitle: _dx, submittedTitle: _ds, ...storedData } = data;
      const entry =
        f.expectedIndex === undefined
          ? undefined
          : entries.find((e) => e.section === f.section && e.index === f.expectedIndex);
      const titleFromScenario = entry !== undefined && expectedTitle === entry.title;
      return titleFromScenario || expectedTitle === undefined
        ? { ...kept, data: storedData }
        : { ...kept, expectedTitle, data: storedData };
    }),
  };
}

export function expandResult(stored: StoredResult, scenario: ScenarioSnapshot | undefined): GradeResult {
  const entries = scenario ? expectedEntries(scenario) : [];
  return {
    ...stored,
    findings: stored.findings.map((f) => {
      const entry =
        f.expectedIndex === undefined
          ? undefined
          : entries.find((e) => e.section === f.section && e.index === f.expectedIndex);
      const finding: Finding = { ...f, data: { ...f.data } };
      const expectedTitle = f.expectedTitle ?? entry?.title;
      if (expectedTitle !== undefined) {
        finding.expectedTitle = expectedTitle;
        finding.data.expectedTitle = expectedTitle;
      }
      if (f.submittedTitle) finding.data.submittedTitle = f.submittedTitle;
      if (entry) {
        finding.rationale = entry.rationale;
        finding.evidence = entry.evidence;
      }
      if (f.expected !== undefined && f.submitted !== undefined && f.expected !== f.submitted)
        finding.codeDiff = codeDiff(f.expected, f.submitted);
      if (expectedTitle && f.submittedTitle && f.submittedTitle !== expectedTitle)
        finding.titleDiff = titleDiff(expectedTitle, f.submittedTitle);
      return finding;
    }),
  };
}

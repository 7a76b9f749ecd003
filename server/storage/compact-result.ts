/**
 * A grading result as it is stored: without what the scenario and the two codes already
 * say (rationale, evidence, the expected title, the diffs). That makes each saved attempt
 * about a third of its size, and the cost of saving with it. Reading puts those back from
 * the scenario, so a stored attempt expands to the record the grader returned.
 */
import { codeDiff, titleDiff } from '../grader/diff';
import { expectedEntries } from '../grader/expected';
import type { Finding, GradeResult } from '../grader/types';
import type { ScenarioModel } from '../scenarios/model';

export type StoredFinding = Omit<Finding, 'rationale' | 'evidence' | 'codeDiff' | 'titleDiff'>;
export interface StoredResult extends Omit<GradeResult, 'findings'> {
  findings: StoredFinding[];
}

export function compactResult(result: GradeResult, scenario: ScenarioModel): StoredResult {
  const entries = expectedEntries(scenario);
  return {
    ...result,
    findings: result.findings.map((f) => {
      const { rationale: _r, evidence: _e, codeDiff: _c, titleDiff: _t, ...kept } = f;
      const entry = f.expectedIndex === undefined ? undefined : entries.find((e) => e.section === f.section && e.index === f.expectedIndex);
      if (entry && f.expectedTitle === entry.title) delete kept.expectedTitle;
      const data = { ...f.data };
      delete data.expectedTitle;
      delete data.submittedTitle;
      kept.data = data;
      return kept;
    }),
  };
}

export function expandResult(stored: StoredResult, scenario: ScenarioModel | undefined): GradeResult {
  const entries = scenario ? expectedEntries(scenario) : [];
  return {
    ...stored,
    findings: stored.findings.map((f) => {
      const entry = f.expectedIndex === undefined ? undefined : entries.find((e) => e.section === f.section && e.index === f.expectedIndex);
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
      if (f.expected !== undefined && f.submitted !== undefined && f.expected !== f.submitted) finding.codeDiff = codeDiff(f.expected, f.submitted);
      if (expectedTitle && f.submittedTitle && f.submittedTitle !== expectedTitle) finding.titleDiff = titleDiff(expectedTitle, f.submittedTitle);
      return finding;
    }),
  };
}

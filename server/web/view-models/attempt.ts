/** The results page: the stored result, each finding linked to its evidence in the report. */
import type { CodeSets } from '../../codesets/code-sets';
import type { GlossaryEntry } from '../../glossary/glossary';
import { formatProcedureLine } from '../../codes/procedure-line';
import { SYSTEM_IDS, type CodeSystem } from '../../codes/systems';
import { DEFAULT_RULES } from '../../grader/registry';
import type { Finding } from '../../grader/types';
import type { AttemptView as PracticeView, ExpandedAttempt } from '../../practice/practice';
import type { ScenarioSnapshot } from '../../scenarios/model';
import {
  EvidenceIds,
  reportWithTerms,
  type GlossaryLookup,
  type ReportPiece,
  type ReportRun,
} from './report';

export interface FindingView extends Finding {
  label: string;
  evidenceLinks: Array<{ id: string; quote: string }>;
  /** Code-look-up pages of the two codes, when the imported sets have them. */
  expectedHref?: string;
  submittedHref?: string;
}

/** The look-up page of a code as written on a claim line (modifiers and units dropped). */
export function codeHref(
  codeSets: CodeSets | undefined,
  section: string,
  written: string | undefined,
): string | undefined {
  if (!codeSets || codeSets.isEmpty || !written) return undefined;
  const code = written.split(/[\s-]/)[0];
  const systems: CodeSystem[] = section === 'diagnoses' ? ['ICD-10-CM'] : ['ICD-10-PCS', 'HCPCS', 'CPT'];
  const system = systems.find((s) => codeSets.lookup(s, code));
  return system ? `/codes/${SYSTEM_IDS[system]}/${encodeURIComponent(code)}` : undefined;
}

export interface AttemptView {
  attempt: ExpandedAttempt;
  scenario?: ScenarioSnapshot;
  /** The scenario changed since this attempt (its result is shown as graded); the current one, if any. */
  changed: boolean;
  currentId?: string;
  diagnoses: FindingView[];
  procedures: FindingView[];
  pieces: ReportPiece[];
  runs: ReportRun[];
  /** Glossary entries of the terms marked in the report. */
  notes: GlossaryEntry[];
  answerKey: Array<{
    section: string;
    position: string;
    code: string;
    description: string;
    rationale: string;
    optional: boolean;
    guideline?: string;
    evidence: Array<{ id: string; quote: string }>;
  }>;
}

export function attemptView(
  { attempt, scenario, changed, current }: PracticeView,
  codeSets?: CodeSets,
  glossary?: GlossaryLookup,
): AttemptView {
  const ids = new EvidenceIds();
  const view = (f: Finding): FindingView => ({
    ...f,
    label: DEFAULT_RULES.label(f.kind),
    evidenceLinks: (f.evidence ?? []).map((quote) => ({ id: ids.id(quote), quote })),
    expectedHref: codeHref(codeSets, f.section, f.expected),
    submittedHref: codeHref(codeSets, f.section, f.submitted),
  });
  const diagnoses = attempt.result.findings.filter((f) => f.section === 'diagnoses').map(view);
  const procedures = attempt.result.findings.filter((f) => f.section === 'procedures').map(view);
  const answerKey = scenario
    ? [
        ...scenario.answerKey.diagnoses.map((d, i) => ({
          section: 'Diagnosis',
          position: i === 0 ? (scenario.setting === 'inpatient' ? 'principal' : 'first-listed') : `${i + 1}`,
          code: d.code,
          description: d.description,
          rationale: d.rationale,
          optional: d.optional,
          guideline: d.guideline,
          evidence: d.evidence.map((quote) => ({ id: ids.id(quote), quote })),
        })),
        ...scenario.answerKey.procedures.map((p, i) => ({
          section: 'Procedure',
          position: `${i + 1}`,
          code: formatProcedureLine(p),
          description: p.description,
          rationale: p.rationale,
          optional: p.optional,
          guideline: p.guideline,
          evidence: p.evidence.map((quote) => ({ id: ids.id(quote), quote })),
        })),
      ]
    : [];
  return {
    attempt,
    scenario,
    changed,
    currentId: current?.id,
    diagnoses,
    procedures,
    answerKey,
    ...(scenario
      ? reportWithTerms(scenario, scenario.report.text, ids.all(), glossary)
      : { pieces: [], runs: [], notes: [] }),
  };
}

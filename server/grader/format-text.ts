/**
 * The result as readable text for a terminal: each finding with the same anatomy as the
 * web page — what is wrong, Expected / Submitted aligned with the differing characters in
 * [brackets], why, the evidence, what to do.
 */
import type { DiffPart, Finding, GradeResult } from './types';

function marked(parts: DiffPart[] | undefined, side: 'expected' | 'submitted', fallback: string): string {
  if (!parts) return fallback;
  return parts
    .filter((p) => p.side === 'both' || p.side === side)
    .map((p) => (p.side === 'both' ? p.text : `[${p.text}]`))
    .join('');
}

function formatFinding(f: Finding): string[] {
  const lines = [`${f.severity === 'ok' ? '✓' : '✗'} ${f.kind.padEnd(15)} ${f.message}`];
  if (f.severity === 'ok') return lines;
  const expected = f.expected ? marked(f.codeDiff, 'expected', f.expected) : '—';
  const submitted = f.submitted ? marked(f.codeDiff, 'submitted', f.submitted) : '—';
  lines.push(`    Expected:  ${expected}${f.expectedTitle ? `   ${f.expectedTitle}` : ''}`);
  lines.push(`    Submitted: ${submitted}${f.submittedTitle ? `   ${f.submittedTitle}` : ''}`);
  if (f.guideline || f.rationale)
    lines.push(
      `    Why:       ${[f.guideline ? `(${f.guideline})` : '', f.rationale ?? ''].filter(Boolean).join(' ')}`,
    );
  for (const quote of f.evidence ?? []) lines.push(`    Evidence:  "${quote}"`);
  if (f.hint) lines.push(`    To do:     ${f.hint}`);
  return lines;
}

export function formatResultText(result: GradeResult): string {
  const { earned, possible, percent } = result.score;
  const header = `${result.scenarioId}: ${earned} of ${possible} points (${percent}%), ${result.claimReady ? 'claim-ready' : 'not claim-ready'}`;
  const sections = (['diagnoses', 'procedures'] as const).map((section) => {
    const findings = result.findings.filter((f) => f.section === section);
    if (findings.length === 0) return [];
    return ['', section.toUpperCase(), ...findings.flatMap(formatFinding)];
  });
  return [header, ...sections.flat()].join('\n');
}

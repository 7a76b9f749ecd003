/**
 * What the library covers, against the targets a well-rounded practice library should
 * meet: settings and encounters, ICD-10-CM chapters, code systems, modifiers,
 * difficulty levels and teaching points.
 */
import { chapterOf, ICD10CM_CHAPTERS } from '../codes/icd10cm-chapters';
import type { ScenarioModel } from './model';
import { TEACHING_POINTS } from './teaching-points';

export interface CoverageLine {
  group: string;
  label: string;
  count: number;
  target: number;
  /** Ids of the scenarios that count, for "where is this taught". */
  scenarios: string[];
}

const EM_CODE = /^99(2\d\d|28[1-5])$/;
const hasEm = (s: ScenarioModel) => s.answerKey.procedures.some((p) => p.system === 'CPT' && EM_CODE.test(p.code));
/** A separate E/M with modifier 25 that the key requires (an optional one means experts differ). */
const requiresEmWith25 = (s: ScenarioModel) => s.answerKey.procedures.some((p) => p.system === 'CPT' && EM_CODE.test(p.code) && p.modifiers.includes('25') && !p.optional);
const uses = (system: string) => (s: ScenarioModel) => s.answerKey.procedures.some((p) => p.system === system);
const encounterIs = (pattern: RegExp) => (s: ScenarioModel) => pattern.test(s.encounter);
const tagged = (tag: string) => (s: ScenarioModel) => s.tags.includes(tag);

/** The encounters each have their own targets; everything else counts as "other". */
const ENCOUNTERS: Array<{ label: string; pattern: RegExp; target: number }> = [
  { label: 'office and clinic visits', pattern: /office|clinic/i, target: 20 },
  { label: 'emergency department', pattern: /emergency/i, target: 12 },
  { label: 'ambulatory surgery / operative reports', pattern: /surgery|operative/i, target: 14 },
  { label: 'radiology and other diagnostic reports', pattern: /radiology|diagnostic/i, target: 10 },
  { label: 'inpatient stays', pattern: /inpatient/i, target: 20 },
];

/**
 * Coverage of the practice library; exam-only scenarios (visibility: exam) are counted on
 * their own line, since trainees never practise them.
 */
export function coverage(all: readonly ScenarioModel[]): CoverageLine[] {
  const scenarios = all.filter((s) => s.visibility !== 'exam');
  const line = (group: string, label: string, target: number, test: (s: ScenarioModel) => boolean): CoverageLine => {
    const matching = scenarios.filter(test).map((s) => s.id);
    return { group, label, count: matching.length, target, scenarios: matching };
  };
  const examOnly = all.filter((s) => s.visibility === 'exam').map((s) => s.id);
  const lines: CoverageLine[] = [
    line('library', 'practice scenarios', 100, () => true),
    { group: 'library', label: 'exam-only scenarios (visibility: exam)', count: examOnly.length, target: 6, scenarios: examOnly },
    ...ENCOUNTERS.map((e) => line('encounters', e.label, e.target, encounterIs(e.pattern))),
    line('encounters', 'inpatient stays coded with ICD-10-PCS', 18, (s) => s.setting === 'inpatient' && uses('ICD-10-PCS')(s)),
    line('encounters', 'other encounters (pathology, therapy, behavioural health, obstetrics, anaesthesia, home health, hospice)', 12, (s) => !ENCOUNTERS.some((e) => e.pattern.test(s.encounter))),
    line('encounters', 'office and clinic visits with an E/M level', 10, (s) => /office|clinic/i.test(s.encounter) && hasEm(s)),
    line('code systems', 'CPT', 20, uses('CPT')),
    line('code systems', 'HCPCS Level II', 5, uses('HCPCS')),
    line('code systems', 'ICD-10-PCS', 18, uses('ICD-10-PCS')),
    line('code systems', 'modifiers', 8, (s) => s.answerKey.procedures.some((p) => p.modifiers.length > 0)),
  ];
  for (let level = 1; level <= 5; level++) lines.push(line('difficulty', `level ${level}`, 12, (s) => s.difficulty === level));
  const chapters = ICD10CM_CHAPTERS.filter((c) => c.number <= 21).map((chapter) =>
    line('ICD-10-CM chapters', `${chapter.number} ${chapter.first}-${chapter.last}`, 1, (s) => s.answerKey.diagnoses.some((d) => chapterOf(d.code)?.number === chapter.number)),
  );
  const chaptersCovered = chapters.filter((c) => c.count > 0).length;
  lines.push({ group: 'ICD-10-CM chapters', label: 'chapters among expected codes (of 21)', count: chaptersCovered, target: 15, scenarios: [] }, ...chapters);
  for (const [point, { target }] of Object.entries(TEACHING_POINTS)) lines.push(line('teaching points', point, target, tagged(point)));
  // Both sides of the E/M-with-procedure question must be taught.
  lines.push(
    line('teaching points', 'em-with-procedure: a separate E/M with modifier 25', 2, (s) => tagged('em-with-procedure')(s) && requiresEmWith25(s)),
    line('teaching points', 'em-with-procedure: no separate E/M (or both accepted)', 2, (s) => tagged('em-with-procedure')(s) && !requiresEmWith25(s)),
  );
  return lines;
}

export function formatCoverage(lines: CoverageLine[]): string[] {
  const out: string[] = [];
  let group = '';
  for (const l of lines) {
    if (l.group !== group) {
      group = l.group;
      out.push('', group.toUpperCase());
    }
    out.push(`  ${l.count >= l.target ? '✓' : '✗'} ${l.label.padEnd(62)} ${String(l.count).padStart(3)} / ${l.target}`);
  }
  const missing = lines.filter((l) => l.count < l.target);
  out.push('', missing.length === 0 ? 'every coverage target is met' : `${missing.length} coverage target(s) not met: ${missing.map((l) => l.label).join('; ')}`);
  return out;
}

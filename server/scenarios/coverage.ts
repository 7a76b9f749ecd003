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

const hasEm = (s: ScenarioModel) => s.answerKey.procedures.some((p) => p.system === 'CPT' && /^992(0[2-5]|1[2-5])$/.test(p.code));
const uses = (system: string) => (s: ScenarioModel) => s.answerKey.procedures.some((p) => p.system === system);
const encounterIs = (pattern: RegExp) => (s: ScenarioModel) => pattern.test(s.encounter);

export function coverage(scenarios: readonly ScenarioModel[]): CoverageLine[] {
  const line = (group: string, label: string, target: number, test: (s: ScenarioModel) => boolean): CoverageLine => {
    const matching = scenarios.filter(test).map((s) => s.id);
    return { group, label, count: matching.length, target, scenarios: matching };
  };
  const known = [/office/i, /emergency/i, /surgery|operative/i, /radiology|diagnostic/i, /inpatient/i];
  const lines: CoverageLine[] = [
    line('library', 'scenarios', 40, () => true),
    line('encounters', 'office visits with E/M', 10, (s) => /office/i.test(s.encounter) && hasEm(s)),
    line('encounters', 'emergency department', 6, encounterIs(/emergency/i)),
    line('encounters', 'ambulatory surgery / operative reports', 6, encounterIs(/surgery|operative/i)),
    line('encounters', 'radiology and other diagnostic reports', 4, encounterIs(/radiology|diagnostic/i)),
    line('encounters', 'inpatient stays coded with ICD-10-PCS', 8, (s) => s.setting === 'inpatient' && uses('ICD-10-PCS')(s)),
    line('encounters', 'other encounters (pathology, therapy, obstetrics, behavioral health…)', 1, (s) => !known.some((k) => k.test(s.encounter))),
    line('code systems', 'CPT', 20, uses('CPT')),
    line('code systems', 'HCPCS Level II', 5, uses('HCPCS')),
    line('code systems', 'ICD-10-PCS', 8, uses('ICD-10-PCS')),
    line('code systems', 'modifiers', 8, (s) => s.answerKey.procedures.some((p) => p.modifiers.length > 0)),
  ];
  for (let level = 1; level <= 5; level++) lines.push(line('difficulty', `level ${level}`, 1, (s) => s.difficulty === level));
  const chapters = ICD10CM_CHAPTERS.filter((c) => c.number <= 21).map((chapter) =>
    line('ICD-10-CM chapters', `${chapter.number} ${chapter.first}-${chapter.last}`, 1, (s) => s.answerKey.diagnoses.some((d) => chapterOf(d.code)?.number === chapter.number)),
  );
  const chaptersCovered = chapters.filter((c) => c.count > 0).length;
  lines.push({ group: 'ICD-10-CM chapters', label: 'chapters among expected codes (of 21)', count: chaptersCovered, target: 15, scenarios: [] }, ...chapters);
  for (const point of Object.keys(TEACHING_POINTS)) lines.push(line('teaching points', point, 3, (s) => s.tags.includes(point)));
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

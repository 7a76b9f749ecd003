/**
 * What every bundled scenario owes a trainee, beyond being a valid file.
 */
import { chapterOf } from '../../server/codes/icd10cm-chapters';
import { coverage } from '../../server/scenarios/coverage';
import { bundledLibrary } from '../helpers/library';

describe('the bundled library', () => {
  it('gives every scenario of difficulty 2 or more at least one distractor with teaching feedback', async () => {
    const without = (await bundledLibrary())
      .list()
      .filter((s) => s.difficulty >= 2 && (s.answerKey.distractors.length === 0 || s.answerKey.distractors.some((d) => d.feedback.length < 40)))
      .map((s) => s.id);
    expect(without).toEqual([]);
  });

  it('gives every expected code a rationale and evidence', async () => {
    for (const s of (await bundledLibrary()).list()) {
      for (const entry of [...s.answerKey.diagnoses, ...s.answerKey.procedures]) {
        expect({ id: s.id, code: entry.code, rationale: entry.rationale.length >= 30, evidence: entry.evidence.length >= 1 }).toEqual({ id: s.id, code: entry.code, rationale: true, evidence: true });
      }
    }
  });

  it('writes reports with a dictation line naming the transcriptionist, and no real identifiers', async () => {
    for (const s of (await bundledLibrary()).list()) {
      const text = s.report.text;
      expect({ id: s.id, dictation: new RegExp(`D: \\d{2}/\\d{2}/\\d{4}.*T: \\d{2}/\\d{2}/\\d{4}.*${s.report.transcribedBy}`).test(text) }).toEqual({ id: s.id, dictation: true });
      expect({ id: s.id, identifiers: /\b(MRN|SSN|DOB|date of birth|medical record number)\b/i.test(text) }).toEqual({ id: s.id, identifiers: false });
    }
  });

  it('meets every coverage target', async () => {
    const scenarios = (await bundledLibrary()).list();
    expect(coverage(scenarios).filter((line) => line.count < line.target).map((line) => line.label)).toEqual([]);
    expect(new Set(scenarios.flatMap((s) => s.answerKey.diagnoses.map((d) => chapterOf(d.code)?.number))).size).toBeGreaterThanOrEqual(15);
  });
});

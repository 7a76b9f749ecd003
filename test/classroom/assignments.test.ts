/** Assignment rules as tables: a trainee's status, and drawing a blueprint. */
import { assignmentStatus, drawFromBlueprint } from '../../server/classroom/assignments';
import type { ScenarioModel } from '../../server/scenarios/model';
import type { Assignment, Exam } from '../../server/store/exam-records';
import type { ScenarioStats } from '../../server/store/records';
import { bundledLibrary } from '../helpers/library';

const base: Assignment = {
  id: 'assign0001',
  cohortId: 'cohort0001',
  title: 'Week 1',
  mode: 'practice',
  scenarioIds: ['a', 'b'],
  blueprint: null,
  opensAt: '2026-03-02T09:00:00.000Z',
  dueAt: '2026-03-09T09:00:00.000Z',
  timeLimitMinutes: null,
  passPercent: 70,
  retakes: {},
  createdBy: 'trainer001',
  createdAt: '2026-03-01T09:00:00.000Z',
};
const exam = (submittedAt: string | null, endsAt = '2026-03-03T10:00:00.000Z'): Exam => ({
  id: 'exam000001',
  assignmentId: base.id,
  userId: 'trainee001',
  sitting: 1,
  scenarioIds: ['a'],
  startedAt: '2026-03-03T09:00:00.000Z',
  endsAt,
  submittedAt,
  submittedBy: submittedAt ? 'trainee' : null,
  attemptIds: {},
});

describe('assignmentStatus', () => {
  it.each([
    ['before it opens', base, '2026-03-01T12:00:00Z', [], [], 'upcoming'],
    ['practice, nothing tried', base, '2026-03-03T12:00:00Z', [], [], 'due'],
    ['practice, one of two tried', base, '2026-03-03T12:00:00Z', ['a'], [], 'in-progress'],
    ['practice, both tried', base, '2026-03-03T12:00:00Z', ['a', 'b'], [], 'done'],
    ['practice, both tried late', base, '2026-03-10T12:00:00Z', ['a', 'b'], [], 'done'],
    ['practice, unfinished after the due time', base, '2026-03-10T12:00:00Z', ['a'], [], 'overdue'],
    ['exam, not started', { ...base, mode: 'exam' as const }, '2026-03-03T09:30:00Z', [], [], 'due'],
    [
      'exam, under way',
      { ...base, mode: 'exam' as const },
      '2026-03-03T09:30:00Z',
      [],
      [exam(null)],
      'in-progress',
    ],
    [
      'exam, submitted',
      { ...base, mode: 'exam' as const },
      '2026-03-03T09:30:00Z',
      [],
      [exam('2026-03-03T09:20:00.000Z')],
      'done',
    ],
    ['exam, never taken', { ...base, mode: 'exam' as const }, '2026-03-10T12:00:00Z', [], [], 'overdue'],
  ])('%s', (_what, assignment, now, attempted, exams, status) => {
    expect(
      assignmentStatus(assignment, new Date(now), {
        exams,
        attemptedSinceOpening: new Set(attempted),
        scenarioIds: ['a', 'b'],
      }),
    ).toBe(status);
  });
});

describe('drawFromBlueprint', () => {
  let scenarios: ScenarioModel[];
  beforeAll(async () => {
    scenarios = (await bundledLibrary()).list();
  });
  const stats = (ids: string[]): ScenarioStats[] =>
    ids.map((scenarioId) => ({
      scenarioId,
      attempts: 1,
      sumPercent: 50,
      best: 50,
      claimReady: 0,
      lastAt: '2026-03-01T00:00:00.000Z',
      mistakes: {},
    }));

  it('draws each row from the scenarios that match it, never one twice', () => {
    const drawn = drawFromBlueprint(
      [
        { count: 3, setting: 'inpatient', system: 'ICD-10-PCS' },
        { count: 2, setting: 'outpatient', minDifficulty: 3 },
      ],
      'practice',
      scenarios,
      [],
    );
    expect(drawn).toHaveLength(5);
    expect(new Set(drawn).size).toBe(5);
    const byId = new Map(scenarios.map((s) => [s.id, s]));
    expect(drawn.slice(0, 3).every((id) => byId.get(id)?.setting === 'inpatient')).toBe(true);
    expect(
      drawn
        .slice(3)
        .every((id) => (byId.get(id)?.difficulty ?? 0) >= 3 && byId.get(id)?.setting === 'outpatient'),
    ).toBe(true);
  });

  it.each([
    ['practice never draws exam-only scenarios', 'practice' as const, false],
    ['an exam may', 'exam' as const, true],
  ])('%s', (_what, mode, allowed) => {
    const examOnly = scenarios.filter((s) => s.visibility === 'exam').length;
    expect(examOnly).toBeGreaterThan(0);
    const drawn = drawFromBlueprint([{ count: 50 }, { count: 50 }, { count: 50 }], mode, scenarios, []);
    const hidden = drawn.filter((id) => scenarios.find((s) => s.id === id)?.visibility === 'exam').length;
    expect(hidden).toBe(allowed ? examOnly : 0);
    expect(drawn).toHaveLength(allowed ? scenarios.length : scenarios.length - examOnly);
  });

  it('takes scenarios the trainee has not tried first, and tried ones only to make up the count', () => {
    const pool = scenarios.filter((s) => s.setting === 'inpatient' && s.visibility !== 'exam');
    const untried = pool[pool.length - 1].id;
    const tried = pool.slice(0, -1).map((s) => s.id);
    const drawn = drawFromBlueprint(
      [{ count: 2, setting: 'inpatient' }],
      'practice',
      scenarios,
      stats(tried),
    );
    expect(drawn[0]).toBe(untried);
    expect(tried).toContain(drawn[1]);
  });
});

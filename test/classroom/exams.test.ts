/**
 * The exam rules below the web layer, on a real store and the bundled library, with a
 * clock the test moves: the end fixed at the start, saves refused after it, grading once
 * however many ask at the same moment, the sweeper, the practice lock, and the score
 * report's sections.
 */
import { Exams, examAttemptId } from '../../server/classroom/exams';
import { startExamSweeper } from '../../server/classroom/exam-sweeper';
import { sectionScores } from '../../server/classroom/exam-report';
import { grade } from '../../server/grader/grade';
import { Practice } from '../../server/practice/practice';
import type { ScenarioModel } from '../../server/scenarios/model';
import type { Assignment } from '../../server/store/exam-records';
import { LowStore } from '../../server/store/low/low-store';
import type { User } from '../../server/store/records';
import { bundledLibrary } from '../helpers/library';
import { freshTempDirEachTest } from '../helpers/temp-dir';

const ANKLE = 'ed-ankle-fracture-ladder';
const APPENDIX = 'inpatient-appendicitis-laparoscopic';
const MINUTE = 60_000;

const assignment = (extra: Partial<Assignment> = {}): Assignment => ({
  id: 'assign0001',
  cohortId: 'cohort0001',
  title: 'Mock exam',
  mode: 'exam',
  scenarioIds: [ANKLE, APPENDIX],
  blueprint: null,
  opensAt: '2026-03-02T09:00:00.000Z',
  dueAt: '2026-03-02T17:00:00.000Z',
  timeLimitMinutes: 30,
  passPercent: 70,
  retakes: {},
  createdBy: 'trainer001',
  createdAt: '2026-03-01T09:00:00.000Z',
  ...extra,
});

const keyOf = (s: ScenarioModel) => ({
  diagnoses: s.answerKey.diagnoses.filter((d) => !d.optional).map((d) => d.code),
  procedures: s.answerKey.procedures
    .filter((p) => !p.optional)
    .map((p) => ({ code: p.code, modifiers: p.modifiers, units: p.units })),
});

describe('exams', () => {
  const temp = freshTempDirEachTest('handoff-exams-');
  let store: LowStore;
  let exams: Exams;
  let now: Date;
  let ana: User;
  let scenarios: Awaited<ReturnType<typeof bundledLibrary>>;

  beforeEach(async () => {
    now = new Date('2026-03-02T10:00:00.000Z');
    store = await LowStore.open(temp.dir);
    scenarios = await bundledLibrary();
    exams = new Exams(store, scenarios, new Practice(store, () => now), () => now);
    ana = await store.createUser({
      id: 'trainee001',
      username: 'Ana',
      role: 'trainee',
      passwordHash: null,
      createdAt: now.toISOString(),
    });
    await store.createAssignment(assignment());
  });
  afterEach(() => store.close());

  it.each([
    ['the time limit', '2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z'],
    ['the due time, when sooner', '2026-03-02T16:45:00.000Z', '2026-03-02T17:00:00.000Z'],
  ])('ends at %s', async (_what, startAt, endsAt) => {
    now = new Date(startAt);
    expect((await exams.start(assignment(), ana)).endsAt).toBe(endsAt);
  });

  it.each([
    ['practice', assignment({ mode: 'practice' }), 'this assignment is practice, not an exam'],
    [
      'before it opens',
      assignment({ opensAt: '2026-03-02T11:00:00.000Z' }),
      'this exam opens at 2026-03-02T11:00:00.000Z',
    ],
    [
      'after it is due',
      assignment({ dueAt: '2026-03-02T09:30:00.000Z' }),
      'this exam was due at 2026-03-02T09:30:00.000Z',
    ],
  ])('refuses to start %s', async (_what, a, message) => {
    await expect(exams.start(a, ana)).rejects.toMatchObject({ status: 409, message });
  });

  it('grades once when the trainee submits while the clock ends it and a page reads it', async () => {
    const exam = await exams.start(assignment(), ana);
    await exams.save(exam, ANKLE, keyOf(scenarios.get(ANKLE) as ScenarioModel));
    now = new Date(Date.parse(exam.endsAt));
    const results = await Promise.all([
      exams.submit(exam),
      exams.finishOverdue(),
      exams.current(exam),
      exams.submit(exam),
    ]);
    const finished = results[0] as Awaited<ReturnType<Exams['submit']>>;
    expect(finished).toMatchObject({ submittedAt: exam.endsAt, submittedBy: 'time' });
    expect(finished.attemptIds).toEqual({
      [ANKLE]: examAttemptId(exam.id, ANKLE),
      [APPENDIX]: examAttemptId(exam.id, APPENDIX),
    });
    const stored = await store.listAttempts(ana.id, { limit: 10 });
    expect(stored.attempts.map((a) => a.scenarioId).sort()).toEqual([ANKLE, APPENDIX].sort());
    // Exam attempts are not practice: they leave the practice totals alone.
    expect(await store.statsOf(ana.id)).toEqual([]);
  });

  it('refuses a save after the end, keeping the one before', async () => {
    const exam = await exams.start(assignment(), ana);
    await exams.save(exam, ANKLE, { diagnoses: ['S82.61XA'], procedures: [] });
    now = new Date(Date.parse(exam.endsAt) + 1);
    await expect(exams.save(exam, ANKLE, { diagnoses: ['I10'], procedures: [] })).rejects.toMatchObject({
      status: 409,
    });
    expect((await store.examAnswers(exam.id)).map((a) => a.diagnoses)).toEqual([['S82.61XA']]);
  });

  it('keeps the time spent on a scenario within the exam and never lowers it', async () => {
    const exam = await exams.start(assignment(), ana);
    const spent = async (ms: number) => {
      await exams.save(exam, ANKLE, { diagnoses: [], procedures: [] }, { timeSpentMs: ms });
      return (await store.examAnswers(exam.id))[0].timeSpentMs;
    };
    expect(await spent(5 * MINUTE)).toBe(5 * MINUTE);
    expect(await spent(2 * MINUTE)).toBe(5 * MINUTE);
    expect(await spent(999 * MINUTE)).toBe(30 * MINUTE);
  });

  it('locks the scenarios of an exam under way, and frees them at its end', async () => {
    const exam = await exams.start(assignment(), ana);
    expect([...(await exams.lockedScenarios(ana.id))].sort()).toEqual([ANKLE, APPENDIX].sort());
    expect(await exams.lockedScenarios('trainee002')).toEqual(new Set());
    now = new Date(Date.parse(exam.endsAt));
    expect(await exams.lockedScenarios(ana.id)).toEqual(new Set());
  });

  it('locks from the exams read with the session when given them, and still frees them at the end', async () => {
    const exam = await exams.start(assignment(), ana);
    const open = await store.listExams({ userId: ana.id, open: true });
    expect([...(await exams.lockedScenarios(ana.id, open))].sort()).toEqual([ANKLE, APPENDIX].sort());
    // What was read with the session is what counts: none read, none locked.
    expect(await exams.lockedScenarios(ana.id, [])).toEqual(new Set());
    now = new Date(Date.parse(exam.endsAt));
    expect(await exams.lockedScenarios(ana.id, open)).toEqual(new Set());
    expect((await store.getExam(exam.id))?.submittedBy).toBe('time');
  });

  it('is ended by the sweeper when nobody looks, on a timer (faked here)', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const exam = await exams.start(assignment(), ana);
      const logged: string[] = [];
      const sweeper = startExamSweeper(
        exams,
        { error: (m) => logged.push(m), info: (m) => logged.push(m) },
        1000,
      );
      jest.advanceTimersByTime(1000);
      await sweeper.settled();
      expect(logged).toEqual([]);
      expect((await store.getExam(exam.id))?.submittedAt).toBeNull();
      now = new Date(Date.parse(exam.endsAt) + MINUTE);
      jest.advanceTimersByTime(1000);
      await sweeper.settled();
      sweeper.stop();
      expect(logged).toEqual(['exams: 1 submitted when their time was up']);
      expect(await store.getExam(exam.id)).toMatchObject({ submittedBy: 'time', submittedAt: exam.endsAt });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('sectionScores', () => {
  const attemptFor = async (
    scenarioId: string,
    submission: { diagnoses: string[]; procedures: unknown[] },
  ) => {
    const scenario = (await bundledLibrary()).get(scenarioId) as ScenarioModel;
    const result = grade(scenario, submission as never);
    return { result: { ...result, findings: result.findings } } as never;
  };

  it.each([
    [
      'a right answer',
      (k: ReturnType<typeof keyOf>) => k,
      { Diagnoses: 1, Procedures: 1, 'Modifiers and units': 1, Sequencing: 1 },
    ],
    [
      'diagnoses in the wrong order',
      (k: ReturnType<typeof keyOf>) => ({ ...k, diagnoses: [...k.diagnoses].reverse() }),
      { Diagnoses: 1, Procedures: 1, 'Modifiers and units': 1, Sequencing: 0 },
    ],
    [
      'no procedures',
      (k: ReturnType<typeof keyOf>) => ({ ...k, procedures: [] }),
      { Diagnoses: 1, Procedures: 0, Sequencing: 1 },
    ],
    [
      'a modifier left off',
      (k: ReturnType<typeof keyOf>) => ({
        ...k,
        procedures: k.procedures.map((p) => ({ ...p, modifiers: [] })),
      }),
      { Diagnoses: 1, Procedures: 1, 'Modifiers and units': 0, Sequencing: 1 },
    ],
  ])('scores %s by section', async (_what, change, expected) => {
    const scenario = (await bundledLibrary()).get(ANKLE) as ScenarioModel;
    const key = keyOf(scenario);
    expect(key.diagnoses.length).toBeGreaterThan(1);
    expect(key.procedures.some((p) => p.modifiers.length > 0)).toBe(true);
    const sections = sectionScores([await attemptFor(ANKLE, change(key))]);
    for (const [section, ratio] of Object.entries(expected)) {
      const s = sections.find((x) => x.section === section);
      expect(s && s.total > 0 ? s.right / s.total : undefined).toBe(ratio);
    }
  });
});

/**
 * The store contract: the same tables run against every backend (lowdb files, PostgreSQL).
 * A backend's test file calls `storeContract` with a way to open a fresh store and to open
 * it again on the same data (what a restart sees).
 */
import { ConflictError } from '../../server/store/errors';
import type { Assignment, Exam, ExamAnswer } from '../../server/store/exam-records';
import type { Attempt, Session } from '../../server/store/records';
import type { Store } from '../../server/store/store';

export interface StoreHarness {
  /** A new, empty store. */
  open(): Promise<Store>;
  /** The same data as the store last opened, as a restarted server sees it. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

const T0 = '2026-03-01T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const hex = (n: number) => n.toString(16).padStart(64, '0');

export function attempt(
  id: string,
  userId: string,
  scenarioId: string,
  minutes: number,
  percent: number,
  options: { claimReady?: boolean; examId?: string; mistakes?: Array<[string, string]> } = {},
): Attempt {
  const findings = (options.mistakes ?? []).map(([kind, code], i) => ({
    kind,
    messageId: 'm',
    severity: 'error' as const,
    section: 'diagnoses' as const,
    message: `${code} is wrong`,
    data: {},
    credit: 0,
    submitted: code,
    submittedIndex: i,
  }));
  const record: Attempt = {
    id,
    userId,
    scenarioId,
    scenarioVersion: 'abcdef0123456789',
    submittedAt: at(minutes),
    submission: { diagnoses: ['E11.65'], procedures: ['99214'] },
    result: {
      scenarioId,
      score: { earned: percent / 10, possible: 10, percent },
      claimReady: options.claimReady ?? false,
      findings,
    },
  };
  if (options.examId) record.examId = options.examId;
  return record;
}

function assignment(id: string, cohortId: string): Assignment {
  return {
    id,
    cohortId,
    title: 'Week 3 quiz',
    mode: 'exam',
    scenarioIds: ['s1', 's2'],
    blueprint: null,
    opensAt: T0,
    dueAt: at(600),
    timeLimitMinutes: 60,
    passPercent: 70,
    retakes: {},
    createdBy: 'trainer0001',
    createdAt: T0,
  };
}

function exam(id: string, assignmentId: string, userId: string, sitting = 1): Exam {
  return {
    id,
    assignmentId,
    userId,
    sitting,
    scenarioIds: ['s1', 's2'],
    startedAt: T0,
    endsAt: at(60),
    submittedAt: null,
    submittedBy: null,
    attemptIds: {},
  };
}

function answer(examId: string, scenarioId: string, diagnosis: string, minutes: number): ExamAnswer {
  return {
    examId,
    scenarioId,
    diagnoses: [diagnosis],
    procedures: [],
    flagged: false,
    savedAt: at(minutes),
    timeSpentMs: minutes * 1000,
  };
}

export function storeContract(name: string, harness: () => StoreHarness): void {
  describe(`${name}: the store contract`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = harness();
      store = await h.open();
    });
    afterEach(async () => {
      await store.close();
      await h.cleanup();
    });

    describe('users', () => {
      it('creates, finds by id and by username as people read it, lists and counts', async () => {
        const ana = await store.createUser({ username: 'Ana Ruiz', role: 'trainee', passwordHash: 'hash-1' });
        expect(ana).toMatchObject({ username: 'Ana Ruiz', role: 'trainee', passwordHash: 'hash-1' });
        expect(await store.getUser(ana.id)).toEqual(ana);
        for (const form of ['ana ruiz', '  ANA   RUIZ ', 'Ａｎａ Ｒｕｉｚ'])
          expect((await store.findUserByUsername(form))?.id).toBe(ana.id);
        await store.createUser({ username: 'Ben', role: 'trainer', passwordHash: null });
        expect((await store.listUsers()).map((u) => u.username).sort()).toEqual(['Ana Ruiz', 'Ben']);
        expect(await store.countUsers()).toBe(2);
        expect(await store.getUser('nobody00000')).toBeUndefined();
      });

      it.each(['ana', 'ANA', ' Ana ', 'Ａｎａ'])('refuses the taken username %j', async (taken) => {
        await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: null });
        await expect(
          store.createUser({ username: taken, role: 'trainer', passwordHash: null }),
        ).rejects.toBeInstanceOf(ConflictError);
        expect(await store.countUsers()).toBe(1);
      });

      it('updates a password and keeps it after a restart', async () => {
        const ana = await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: null });
        await store.updateUser(ana.id, { passwordHash: 'new-hash', passwordChangedAt: at(5) });
        await store.close();
        store = await h.reopen();
        expect(await store.getUser(ana.id)).toMatchObject({
          passwordHash: 'new-hash',
          passwordChangedAt: at(5),
        });
        expect(await store.updateUser('nobody00000', { role: 'trainer' })).toBeUndefined();
      });

      it("removes a user with everything of theirs, and no one else's", async () => {
        const ana = await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
        const ben = await store.createUser({ username: 'Ben', role: 'trainee', passwordHash: 'h' });
        const cohortId = 'cohort00001';
        await store.createCohort({
          id: cohortId,
          name: 'Class',
          joinCode: 'JOIN1234',
          registrationOpen: true,
          trainerIds: [],
          createdAt: T0,
        });
        for (const user of [ana, ben]) {
          await store.createSession({
            id: hex(user === ana ? 1 : 2),
            userId: user.id,
            createdAt: T0,
            lastSeenAt: T0,
          });
          await store.createToken({
            id: `tok${user.id}`.slice(0, 20),
            userId: user.id,
            label: 'ci',
            hash: hex(user === ana ? 3 : 4),
            createdAt: T0,
          });
          await store.addMember({ cohortId, userId: user.id, joinedAt: T0 });
          await store.addAttempt(attempt(`att-${user.id}`.slice(0, 20), user.id, 's1', 1, 50));
        }
        expect(await store.deleteUser(ana.id)).toBe(true);
        expect(await store.getUser(ana.id)).toBeUndefined();
        expect(await store.getSession(hex(1))).toBeUndefined();
        expect(await store.getSignedIn(hex(1))).toBeUndefined();
        expect((await store.getSignedIn(hex(2)))?.user.id).toBe(ben.id);
        expect(await store.findTokenByHash(hex(3))).toBeUndefined();
        expect((await store.membersOf(cohortId)).map((m) => m.userId)).toEqual([ben.id]);
        expect((await store.listAttempts(ana.id, { limit: 10 })).attempts).toEqual([]);
        expect((await store.listAttempts(ben.id, { limit: 10 })).attempts).toHaveLength(1);
        expect(await store.getSession(hex(2))).toBeDefined();
        expect(await store.deleteUser(ana.id)).toBe(false);
      });
    });

    describe('sessions', () => {
      const session = (n: number, userId: string, lastSeenAt = T0): Session => ({
        id: hex(n),
        userId,
        createdAt: T0,
        lastSeenAt,
      });

      it("reads a session with its user's exams under way, and only those", async () => {
        const ana = await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
        const ben = await store.createUser({ username: 'Ben', role: 'trainee', passwordHash: 'h' });
        await store.createSession(session(1, ana.id));
        await store.startExam(exam('exam000002', 'assign0002', ana.id));
        await store.startExam(exam('exam000001', 'assign0001', ana.id));
        await store.startExam(exam('exam000003', 'assign0003', ana.id));
        await store.startExam(exam('exam000004', 'assign0001', ben.id));
        await store.submitExam('exam000003', at(10), 'trainee');
        const signedIn = await store.getSignedIn(hex(1));
        expect(signedIn?.openExams).toEqual(await store.listExams({ userId: ana.id, open: true }));
        expect(signedIn?.openExams.map((e) => e.id)).toEqual(['exam000001', 'exam000002']);
        expect(signedIn?.openExams[0]).toEqual(exam('exam000001', 'assign0001', ana.id));
      });

      it('creates, reads, touches and revokes sessions, durably', async () => {
        const ana = await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
        await store.createSession(session(1, ana.id));
        await store.touchSession(hex(1), at(30));
        expect((await store.getSession(hex(1)))?.lastSeenAt).toBe(at(30));
        await store.close();
        store = await h.reopen();
        expect(await store.getSession(hex(1))).toMatchObject({ userId: ana.id });
        expect(await store.getSignedIn(hex(1))).toEqual({
          session: { id: hex(1), userId: ana.id, createdAt: T0, lastSeenAt: at(30) },
          user: ana,
          openExams: [],
        });
        expect(await store.getSignedIn(hex(9))).toBeUndefined();
        await store.deleteSession(hex(1));
        await store.close();
        store = await h.reopen();
        expect(await store.getSession(hex(1))).toBeUndefined();
      });

      it('revokes every session of a user but the one kept, and the idle ones', async () => {
        const ana = await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
        const ben = await store.createUser({ username: 'Ben', role: 'trainee', passwordHash: 'h' });
        for (const [n, user, seen] of [
          [1, ana, T0],
          [2, ana, T0],
          [3, ana, T0],
          [4, ben, at(-100)],
        ] as const)
          await store.createSession(session(n, user.id, seen));
        expect(await store.deleteSessionsOf(ana.id, hex(2))).toBe(2);
        expect(await store.getSession(hex(2))).toBeDefined();
        expect(await store.getSession(hex(1))).toBeUndefined();
        expect(await store.deleteSessionsIdleSince(at(-50))).toBe(1);
        expect(await store.getSession(hex(4))).toBeUndefined();
        expect(await store.getSession(hex(2))).toBeDefined();
      });
    });

    describe('tokens and reset links', () => {
      it('finds a token by its hash, lists and deletes only the owner’s', async () => {
        const ana = await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: 'h' });
        const ben = await store.createUser({ username: 'Ben', role: 'trainee', passwordHash: 'h' });
        await store.createToken({
          id: 'token00001',
          userId: ana.id,
          label: 'laptop',
          hash: hex(10),
          createdAt: T0,
        });
        expect(await store.findTokenByHash(hex(10))).toMatchObject({ id: 'token00001', userId: ana.id });
        expect((await store.listTokens(ana.id)).map((t) => t.label)).toEqual(['laptop']);
        expect(await store.deleteToken(ben.id, 'token00001')).toBe(false);
        expect(await store.deleteToken(ana.id, 'token00001')).toBe(true);
        expect(await store.findTokenByHash(hex(10))).toBeUndefined();
      });

      it.each([
        ['a fresh link, once', at(10), [true, false]],
        ['an expired link', at(2000), [false, false]],
      ])('takes %s', async (_name, now, expected) => {
        const ana = await store.createUser({ username: 'Ana', role: 'trainee', passwordHash: null });
        await store.createReset({ hash: hex(20), userId: ana.id, createdAt: T0, expiresAt: at(24 * 60) });
        expect((await store.findReset(hex(20), now))?.userId === ana.id).toBe(expected[0]);
        const taken = [await store.takeReset(hex(20), now), await store.takeReset(hex(20), now)];
        expect(taken.map((t) => t?.userId === ana.id)).toEqual(expected);
        expect(await store.findReset(hex(20), now)).toBeUndefined();
      });
    });

    describe('cohorts', () => {
      it('creates, finds by join code, updates and lists members', async () => {
        await store.createCohort({
          id: 'cohort00001',
          name: 'Spring CPC',
          joinCode: 'SPRING26',
          registrationOpen: true,
          trainerIds: ['trainer0001'],
          createdAt: T0,
        });
        await expect(
          store.createCohort({
            id: 'cohort00002',
            name: 'Other',
            joinCode: 'SPRING26',
            registrationOpen: true,
            trainerIds: [],
            createdAt: T0,
          }),
        ).rejects.toBeInstanceOf(ConflictError);
        expect(await store.findCohortByJoinCode('SPRING26')).toMatchObject({
          id: 'cohort00001',
          name: 'Spring CPC',
        });
        await store.updateCohort('cohort00001', {
          registrationOpen: false,
          trainerIds: ['trainer0001', 'trainer0002'],
        });
        await store.addMember({ cohortId: 'cohort00001', userId: 'trainee0001', joinedAt: T0 });
        await store.addMember({ cohortId: 'cohort00001', userId: 'trainee0001', joinedAt: at(1) });
        await store.addMember({ cohortId: 'cohort00001', userId: 'trainee0002', joinedAt: T0 });
        await store.close();
        store = await h.reopen();
        expect(await store.getCohort('cohort00001')).toMatchObject({
          registrationOpen: false,
          trainerIds: ['trainer0001', 'trainer0002'],
        });
        expect((await store.membersOf('cohort00001')).map((m) => m.userId).sort()).toEqual([
          'trainee0001',
          'trainee0002',
        ]);
        await store.removeMember('cohort00001', 'trainee0001');
        expect((await store.cohortsOfMember('trainee0001')).length).toBe(0);
        expect((await store.cohortsOfMember('trainee0002')).map((m) => m.cohortId)).toEqual(['cohort00001']);
        expect((await store.listCohorts()).length).toBe(1);
      });
    });

    describe('attempts', () => {
      const ana = 'trainee0001';
      const ben = 'trainee0002';

      it("keeps each user's attempts to that user", async () => {
        await store.addAttempt(attempt('attempt0001', ana, 's1', 1, 80));
        expect(await store.getAttempt(ana, 'attempt0001')).toMatchObject({
          id: 'attempt0001',
          scenarioId: 's1',
        });
        expect(await store.getAttempt(ben, 'attempt0001')).toBeUndefined();
        expect(await store.getAttempt(ana, 'attempt0999')).toBeUndefined();
      });

      it('stores an attempt id once: adding it again, at once or later, keeps the first', async () => {
        await Promise.all([
          store.addAttempt(attempt('attempt0001', ana, 's1', 1, 80)),
          store.addAttempt(attempt('attempt0001', ana, 's1', 2, 10)),
        ]);
        await store.addAttempt(attempt('attempt0001', ana, 's1', 3, 20));
        expect((await store.listAttempts(ana, { limit: 10 })).attempts).toHaveLength(1);
        expect(await store.getAttempt(ana, 'attempt0001')).toMatchObject({ submittedAt: at(1) });
        expect((await store.statsOf(ana))[0]).toMatchObject({ attempts: 1 });
      });

      it.each<[string, Partial<Attempt>, string]>([
        ['an id with a slash', { id: '../attempt01' }, 'malformed id'],
        ['a user id too short', { userId: 'ana' }, 'malformed userId'],
        ['an exam id with a space', { examId: 'exam 0001' }, 'malformed examId'],
        ['an empty scenario id', { scenarioId: '' }, 'malformed scenarioId'],
        ['a local time', { submittedAt: '2026-03-01 10:00' }, 'malformed submittedAt'],
      ])('refuses an attempt with %s and stores nothing', async (_label, change, message) => {
        const bad = { ...attempt('attempt0001', ana, 's1', 1, 80), ...change };
        await expect(store.addAttempt(bad)).rejects.toThrow(message);
        expect((await store.listAttempts(ana, { limit: 10 })).attempts).toEqual([]);
        expect(await store.countAttempts()).toBe(0);
      });

      it('lists newest first, in pages, and by exam', async () => {
        for (let i = 1; i <= 7; i++)
          await store.addAttempt(
            attempt(`attempt000${i}`, ana, 's1', i, i * 10, i === 6 ? { examId: 'exam000001' } : {}),
          );
        const first = await store.listAttempts(ana, { limit: 3 });
        expect(first.attempts.map((a) => a.id)).toEqual(['attempt0007', 'attempt0006', 'attempt0005']);
        const second = await store.listAttempts(ana, { limit: 3, before: first.next });
        expect(second.attempts.map((a) => a.id)).toEqual(['attempt0004', 'attempt0003', 'attempt0002']);
        const last = await store.listAttempts(ana, { limit: 3, before: second.next });
        expect(last).toEqual({
          attempts: [
            expect.objectContaining({ id: 'attempt0001', score: { earned: 1, possible: 10, percent: 10 } }),
          ],
        });
        expect(
          (await store.listAttempts(ana, { limit: 10, examId: null })).attempts.map((a) => a.id),
        ).not.toContain('attempt0006');
        expect(
          (await store.listAttempts(ana, { limit: 10, examId: 'exam000001' })).attempts.map((a) => a.id),
        ).toEqual(['attempt0006']);
      });

      it('keeps running totals per scenario, practice attempts only, and for several users at once', async () => {
        await store.addAttempt(
          attempt('attempt0001', ana, 's1', 1, 40, {
            mistakes: [
              ['specificity', 'E11.9'],
              ['missing', 'I10'],
            ],
          }),
        );
        await store.addAttempt(attempt('attempt0002', ana, 's1', 2, 100, { claimReady: true }));
        await store.addAttempt(
          // The same mistake twice in one attempt counts twice.
          attempt('attempt0003', ana, 's1', 3, 60, {
            mistakes: [
              ['specificity', 'E11.9'],
              ['specificity', 'E11.9'],
            ],
          }),
        );
        await store.addAttempt(
          attempt('attempt0004', ana, 's2', 4, 0, {
            examId: 'exam000001',
            mistakes: [['missing', 'J45.901']],
          }),
        );
        await store.addAttempt(attempt('attempt0005', ben, 's2', 5, 70));
        const stats = await store.statsOf(ana);
        expect(stats).toEqual([
          {
            scenarioId: 's1',
            attempts: 3,
            sumPercent: 200,
            best: 100,
            claimReady: 1,
            lastAt: at(3),
            mistakes: { 'specificity|E11.9': 3, 'missing|I10': 1 },
          },
        ]);
        const both = await store.statsOfUsers([ana, ben]);
        expect(both.get(ben)).toEqual([expect.objectContaining({ scenarioId: 's2', attempts: 1, best: 70 })]);
        expect(await store.countAttempts()).toBe(5);
      });

      it('keeps every attempt across a restart, with its totals', async () => {
        for (let i = 1; i <= 5; i++) await store.addAttempt(attempt(`attempt000${i}`, ana, 's1', i, 50));
        await store.close();
        store = await h.reopen();
        expect((await store.listAttempts(ana, { limit: 10 })).attempts).toHaveLength(5);
        expect(await store.getAttempt(ana, 'attempt0003')).toMatchObject({ submittedAt: at(3) });
        expect((await store.statsOf(ana))[0]).toMatchObject({ attempts: 5, sumPercent: 250 });
      });

      it('saves attempts that arrive together, each once', async () => {
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            store.addAttempt(attempt(`attempt${String(i).padStart(4, '0')}`, i % 2 ? ana : ben, 's1', i, i)),
          ),
        );
        await store.close();
        store = await h.reopen();
        const ids = [
          ...(await store.listAttempts(ana, { limit: 50 })).attempts,
          ...(await store.listAttempts(ben, { limit: 50 })).attempts,
        ].map((a) => a.id);
        expect(ids).toHaveLength(40);
        expect(new Set(ids).size).toBe(40);
      });

      it("keeps the order and the running totals of each user's attempts that arrive together", async () => {
        const together = [
          attempt('attempt0001', ana, 's1', 1, 40, { mistakes: [['missing', 'I10']] }),
          attempt('attempt0101', ben, 's1', 1, 30, { mistakes: [['missing', 'I10']] }),
          attempt('attempt0002', ana, 's1', 2, 100, { claimReady: true }),
          attempt('attempt0002', ana, 's1', 2, 100, { claimReady: true }),
          attempt('attempt0003', ana, 's1', 3, 60, {
            mistakes: [
              ['missing', 'I10'],
              ['specificity', 'E11.9'],
            ],
          }),
          attempt('attempt0004', ana, 's2', 4, 0, {
            examId: 'exam000001',
            mistakes: [['missing', 'J45.901']],
          }),
          attempt('attempt0005', ana, 's2', 5, 70),
          attempt('attempt0102', ben, 's1', 2, 90, { claimReady: true }),
          attempt('attempt0006', ana, 's1', 6, 20),
        ];
        await Promise.all(together.map((a) => store.addAttempt(a)));
        expect((await store.listAttempts(ana, { limit: 10 })).attempts.map((a) => a.id)).toEqual([
          'attempt0006',
          'attempt0005',
          'attempt0004',
          'attempt0003',
          'attempt0002',
          'attempt0001',
        ]);
        const stats = await store.statsOf(ana);
        expect(stats.sort((x, y) => x.scenarioId.localeCompare(y.scenarioId))).toEqual([
          {
            scenarioId: 's1',
            attempts: 4,
            sumPercent: 220,
            best: 100,
            claimReady: 1,
            lastAt: at(6),
            mistakes: { 'missing|I10': 2, 'specificity|E11.9': 1 },
          },
          {
            scenarioId: 's2',
            attempts: 1,
            sumPercent: 70,
            best: 70,
            claimReady: 0,
            lastAt: at(5),
            mistakes: {},
          },
        ]);
        expect((await store.listAttempts(ben, { limit: 10 })).attempts.map((a) => a.id)).toEqual([
          'attempt0102',
          'attempt0101',
        ]);
        expect(await store.statsOf(ben)).toEqual([
          {
            scenarioId: 's1',
            attempts: 2,
            sumPercent: 120,
            best: 90,
            claimReady: 1,
            lastAt: at(2),
            mistakes: { 'missing|I10': 1 },
          },
        ]);
      });

      it('refuses an attempt of the wrong shape and stores nothing', async () => {
        await expect(
          store.addAttempt({ ...attempt('attempt0001', ana, 's1', 1, 50), submittedAt: 'yesterday' }),
        ).rejects.toThrow();
        expect((await store.listAttempts(ana, { limit: 5 })).attempts).toEqual([]);
      });

      it('keeps a scenario version once, and after a restart', async () => {
        const version = { scenarioId: 's1', version: 'abcdef0123456789', snapshot: { title: 'Version one' } };
        await store.saveScenarioVersion(version);
        await store.saveScenarioVersion({ ...version, snapshot: { title: 'ignored' } });
        await store.close();
        store = await h.reopen();
        expect(await store.getScenarioVersion('s1', 'abcdef0123456789')).toEqual(version);
        expect(await store.getScenarioVersion('s1', '0000000000000000')).toBeUndefined();
      });
    });

    describe('assignments and exams', () => {
      it('creates, lists by cohort and updates assignments', async () => {
        await store.createAssignment(assignment('assign0001', 'cohort00001'));
        await store.createAssignment(assignment('assign0002', 'cohort00002'));
        expect((await store.listAssignments(['cohort00001'])).map((a) => a.id)).toEqual(['assign0001']);
        await store.updateAssignment('assign0001', { retakes: { trainee0001: 1 } });
        await store.close();
        store = await h.reopen();
        expect(await store.getAssignment('assign0001')).toMatchObject({
          title: 'Week 3 quiz',
          retakes: { trainee0001: 1 },
          scenarioIds: ['s1', 's2'],
        });
      });

      it('keeps the first draw and the first exam of a sitting', async () => {
        const first = await store.saveDraw({
          assignmentId: 'assign0001',
          userId: 'trainee0001',
          scenarioIds: ['s1'],
          drawnAt: T0,
        });
        const again = await store.saveDraw({
          assignmentId: 'assign0001',
          userId: 'trainee0001',
          scenarioIds: ['s9'],
          drawnAt: at(1),
        });
        expect(again).toEqual(first);
        const started = await store.startExam(exam('exam000001', 'assign0001', 'trainee0001'));
        const twice = await store.startExam(exam('exam000002', 'assign0001', 'trainee0001'));
        expect(twice.id).toBe(started.id);
        const retake = await store.startExam(exam('exam000003', 'assign0001', 'trainee0001', 2));
        expect(retake.id).toBe('exam000003');
        expect((await store.listExams({ assignmentId: 'assign0001' })).map((e) => e.id).sort()).toEqual([
          'exam000001',
          'exam000003',
        ]);
        expect((await store.listExams({ userId: 'trainee0002' })).length).toBe(0);
      });

      it('saves answers (the last per scenario), durably, and refuses them once submitted', async () => {
        await store.startExam(exam('exam000001', 'assign0001', 'trainee0001'));
        expect(await store.saveExamAnswer(answer('exam000001', 's1', 'E11.9', 1))).toBe(true);
        expect(await store.saveExamAnswer(answer('exam000001', 's1', 'E11.65', 2))).toBe(true);
        expect(await store.saveExamAnswer(answer('exam000001', 's2', 'I10', 3))).toBe(true);
        await store.close();
        store = await h.reopen();
        expect(
          (await store.examAnswers('exam000001')).map((a) => [a.scenarioId, a.diagnoses[0]]).sort(),
        ).toEqual([
          ['s1', 'E11.65'],
          ['s2', 'I10'],
        ]);
        expect((await store.listExams({ open: true })).map((e) => e.id)).toEqual(['exam000001']);
        expect(await store.submitExam('exam000001', at(30), 'trainee')).toBe(true);
        expect(await store.listExams({ open: true })).toEqual([]);
        expect((await store.listExams({ open: false })).map((e) => e.id)).toEqual(['exam000001']);
        expect(await store.submitExam('exam000001', at(31), 'time')).toBe(false);
        await store.setExamAttempts('exam000001', { s1: 'attempt0001' });
        await store.setExamAttempts('exam000001', { s2: 'attempt0002' });
        expect(await store.saveExamAnswer(answer('exam000001', 's1', 'E10.9', 32))).toBe(false);
        expect((await store.examAnswers('exam000001')).find((a) => a.scenarioId === 's1')?.diagnoses).toEqual(
          ['E11.65'],
        );
        expect(await store.getExam('exam000001')).toMatchObject({
          submittedAt: at(30),
          submittedBy: 'trainee',
          attemptIds: { s1: 'attempt0001', s2: 'attempt0002' },
        });
        expect(await store.saveExamAnswer(answer('exam000999', 's1', 'I10', 1))).toBe(false);
      });
    });

    it('reports itself healthy', async () => {
      expect(await store.health()).toEqual({ status: 'ok', problems: [] });
    });
  });
}

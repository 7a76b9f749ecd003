/**
 * Timed exams. Starting one fixes its scenarios and its end (start + time limit, capped by
 * the due time); answers are saved as the trainee works, with no grading shown; at the end
 * — the trainee submits, or the server's clock passes the end — what was saved is graded
 * and kept as attempts, and the score report is made from them. The clock is injected.
 *
 * Submission is claimed once (the store marks the exam submitted, once); grading after it
 * is idempotent (each scenario's attempt has an id derived from the exam and scenario), so
 * two servers, or a retry after a crash, never grade an exam twice into two attempts.
 */
import { createHash } from 'node:crypto';
import { grade, type GradeOptions } from '../grader/grade';
import { submissionSchema, type Submission } from '../grader/submission';
import type { Practice } from '../practice/practice';
import type { ScenarioModel } from '../scenarios/model';
import { newId } from '../accounts/tokens';
import type { Assignment, Exam, ExamAnswer } from '../store/exam-records';
import type { Attempt, User } from '../store/records';
import type { Store } from '../store/store';
import { drawFromBlueprint } from './assignments';
import { ClassroomError } from './errors';
import { examReport, type ExamReport } from './exam-report';

export interface ScenarioSource {
  get(id: string): ScenarioModel | undefined;
  list(): ScenarioModel[];
}

/** The attempt id of an exam's scenario: the same whoever grades it, so it is stored once. */
export function examAttemptId(examId: string, scenarioId: string): string {
  return createHash('sha256').update(`${examId}\u0000${scenarioId}`).digest('hex').slice(0, 20);
}

export class Exams {
  constructor(
    private readonly store: Store,
    private readonly scenarios: ScenarioSource,
    private readonly practice: Practice,
    private readonly clock: () => Date,
    private readonly gradeOptions: () => GradeOptions = () => ({}),
  ) {}

  /** The scenarios a trainee has for an assignment: the list, or the ones drawn for them (drawn once). */
  async scenariosFor(assignment: Assignment, user: User): Promise<string[]> {
    if (assignment.scenarioIds) return assignment.scenarioIds;
    const kept = await this.store.getDraw(assignment.id, user.id);
    if (kept) return kept.scenarioIds;
    const drawn = drawFromBlueprint(
      assignment.blueprint ?? [],
      assignment.mode,
      this.scenarios.list(),
      await this.store.statsOf(user.id),
    );
    return (
      await this.store.saveDraw({
        assignmentId: assignment.id,
        userId: user.id,
        scenarioIds: drawn,
        drawnAt: this.clock().toISOString(),
      })
    ).scenarioIds;
  }

  /** The trainee's sittings of an exam, each finished when its time is up. */
  async sittings(assignmentId: string, userId: string): Promise<Exam[]> {
    const exams = (await this.store.listExams({ assignmentId, userId })).sort(
      (a, b) => a.sitting - b.sitting,
    );
    return Promise.all(exams.map((e) => this.current(e)));
  }

  /**
   * Starts the exam, or returns the sitting under way: one sitting per trainee, more only
   * when the trainer allowed a retake. Refused before it opens and after it is due.
   */
  async start(assignment: Assignment, user: User): Promise<Exam> {
    if (assignment.mode !== 'exam') throw new ClassroomError(409, 'this assignment is practice, not an exam');
    const now = this.clock();
    if (now.getTime() < Date.parse(assignment.opensAt))
      throw new ClassroomError(409, `this exam opens at ${assignment.opensAt}`);
    const sittings = await this.sittings(assignment.id, user.id);
    const open = sittings.find((e) => e.submittedAt === null);
    if (open) return open;
    const allowed = 1 + (assignment.retakes[user.id] ?? 0);
    if (sittings.length >= allowed)
      throw new ClassroomError(409, 'you have taken this exam; a trainer can allow a retake');
    if (now.getTime() >= Date.parse(assignment.dueAt))
      throw new ClassroomError(409, `this exam was due at ${assignment.dueAt}`);
    const limit = (assignment.timeLimitMinutes ?? 60) * 60_000;
    const endsAt = new Date(Math.min(now.getTime() + limit, Date.parse(assignment.dueAt))).toISOString();
    const scenarioIds = await this.scenariosFor(assignment, user);
    return this.store.startExam({
      id: newId(10),
      assignmentId: assignment.id,
      userId: user.id,
      sitting: sittings.length + 1,
      scenarioIds,
      startedAt: now.toISOString(),
      endsAt,
      submittedAt: null,
      submittedBy: null,
      attemptIds: {},
    });
  }

  /** The exam as it stands now: submitted by the clock if its time is up. */
  async current(exam: Exam): Promise<Exam> {
    if (exam.submittedAt === null && this.clock().getTime() >= Date.parse(exam.endsAt))
      return this.finish(exam, 'time');
    if (exam.submittedAt !== null && Object.keys(exam.attemptIds).length < exam.scenarioIds.length)
      return this.gradeSubmitted(exam);
    return exam;
  }

  /** Saves the answer to one scenario; refused (409) once the exam has ended, and nothing saved is lost. */
  async save(
    exam: Exam,
    scenarioId: string,
    submission: Submission,
    meta: { flagged?: boolean; timeSpentMs?: number } = {},
  ): Promise<void> {
    if (!exam.scenarioIds.includes(scenarioId))
      throw new ClassroomError(404, `scenario "${scenarioId}" is not in this exam`);
    const now = await this.current(exam);
    if (now.submittedAt !== null)
      throw new ClassroomError(
        409,
        `this exam ended at ${now.submittedBy === 'time' ? now.endsAt : now.submittedAt}; answers sent after the end are not accepted (what you saved before is kept)`,
      );
    const previous = (await this.store.examAnswers(exam.id)).find((a) => a.scenarioId === scenarioId);
    const answer: ExamAnswer = {
      examId: exam.id,
      scenarioId,
      diagnoses: submission.diagnoses,
      procedures: submission.procedures,
      flagged: meta.flagged ?? previous?.flagged ?? false,
      savedAt: this.clock().toISOString(),
      timeSpentMs: Math.max(
        previous?.timeSpentMs ?? 0,
        Math.min(meta.timeSpentMs ?? 0, Date.parse(exam.endsAt) - Date.parse(exam.startedAt)),
      ),
    };
    if (!(await this.store.saveExamAnswer(answer)))
      throw new ClassroomError(
        409,
        'this exam has ended; answers sent after the end are not accepted (what you saved before is kept)',
      );
  }

  /** The trainee submits: what was saved is graded. Submitting a finished exam returns it as it is. */
  submit(exam: Exam): Promise<Exam> {
    return this.finish(exam, 'trainee');
  }

  private async finish(exam: Exam, by: 'trainee' | 'time'): Promise<Exam> {
    // The end time decides: a submission that arrives after it is the clock's.
    const late = this.clock().getTime() >= Date.parse(exam.endsAt);
    const at = late ? exam.endsAt : this.clock().toISOString();
    await this.store.submitExam(exam.id, at, late ? 'time' : by);
    return this.gradeSubmitted((await this.store.getExam(exam.id)) as Exam);
  }

  /** Grades every scenario of a submitted exam that has no attempt yet. */
  private async gradeSubmitted(exam: Exam): Promise<Exam> {
    const answers = new Map((await this.store.examAnswers(exam.id)).map((a) => [a.scenarioId, a]));
    const attemptIds: Record<string, string> = {};
    for (const scenarioId of exam.scenarioIds) {
      const id = examAttemptId(exam.id, scenarioId);
      attemptIds[scenarioId] = id;
      if (exam.attemptIds[scenarioId] === id || (await this.store.getAttempt(exam.userId, id))) continue;
      const scenario = this.scenarios.get(scenarioId);
      if (!scenario) continue;
      const answer = answers.get(scenarioId);
      const submission = submissionSchema.parse({
        diagnoses: answer?.diagnoses ?? [],
        procedures: answer?.procedures ?? [],
      });
      await this.practice.record(
        exam.userId,
        scenario,
        submission,
        grade(scenario, submission, this.gradeOptions()),
        { examId: exam.id, id, submittedAt: exam.submittedAt ?? undefined },
      );
    }
    await this.store.setExamAttempts(exam.id, attemptIds);
    return (await this.store.getExam(exam.id)) as Exam;
  }

  /** Submits every exam whose time is up (the server runs this now and then; pages also do it when they look). */
  async finishOverdue(): Promise<number> {
    let finished = 0;
    for (const exam of await this.store.listExams({ open: true })) {
      if (exam.submittedAt === null && this.clock().getTime() >= Date.parse(exam.endsAt)) {
        await this.finish(exam, 'time');
        finished++;
      }
    }
    return finished;
  }

  /**
   * Scenarios in an exam the user is taking now: no practice on them, no answer keys shown,
   * until it ends. `openExams`: the user's exams not yet submitted, when already read (with
   * the session); else they are read here.
   */
  async lockedScenarios(userId: string, openExams?: readonly Exam[]): Promise<Set<string>> {
    const locked = new Set<string>();
    for (const exam of openExams ?? (await this.store.listExams({ userId, open: true }))) {
      const now = await this.current(exam);
      if (now.submittedAt === null) for (const id of now.scenarioIds) locked.add(id);
    }
    return locked;
  }

  /** The score report of a finished exam (409 while it is under way). */
  async report(exam: Exam, assignment: Assignment): Promise<ExamReport> {
    const finished = await this.current(exam);
    if (finished.submittedAt === null)
      throw new ClassroomError(
        409,
        'the exam is not over: results are shown once it is submitted or its time is up',
      );
    const attempts = await Promise.all(
      finished.scenarioIds.map((id) =>
        this.store.getAttempt(exam.userId, finished.attemptIds[id] ?? examAttemptId(exam.id, id)),
      ),
    );
    return examReport(
      finished,
      assignment,
      attempts.filter((a): a is Attempt => a !== undefined),
      await this.store.examAnswers(exam.id),
      (id) => this.scenarios.get(id)?.title ?? id,
    );
  }
}

/**
 * Assignments as users meet them: a trainer sets one for a cohort they teach; a trainee
 * sees those of their cohorts with where they stand; a trainer sees those of the cohorts
 * they teach, with every trainee's standing and exam results, and allows retakes. Anyone
 * else is told an assignment does not exist.
 */
import { newId } from '../accounts/tokens';
import type { Assignment, Exam } from '../store/exam-records';
import type { Cohort, User } from '../store/records';
import type { Store } from '../store/store';
import {
  assignmentProblems,
  assignmentStatus,
  newAssignmentSchema,
  STATUS_LABELS,
  type AssignmentStatus,
} from './assignments';
import { ClassroomError } from './errors';
import type { Exams, ScenarioSource } from './exams';

export interface TraineeAssignment {
  user: User;
  assignment: Assignment;
  cohort: Cohort;
  scenarioIds: string[];
  exams: Exam[];
  status: AssignmentStatus;
  statusLabel: string;
  /** Practice: the scenarios attempted since the assignment opened. */
  attempted: Set<string>;
}

const issuePath = (path: readonly PropertyKey[]) =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '') || 'body';

export class AssignmentService {
  constructor(
    private readonly store: Store,
    private readonly scenarios: ScenarioSource,
    private readonly exams: Exams,
    private readonly clock: () => Date,
  ) {}

  /** The cohort if the user teaches it (anything else is not found). */
  async taughtCohort(user: User, cohortId: string): Promise<Cohort> {
    const cohort = await this.store.getCohort(cohortId);
    if (!cohort || user.role !== 'trainer' || !cohort.trainerIds.includes(user.id))
      throw new ClassroomError(404, 'class not found');
    return cohort;
  }

  /** Checks the input (shape, then the library: every scenario known and usable) and keeps it. */
  async create(cohort: Cohort, trainer: User, input: unknown): Promise<Assignment> {
    const parsed = newAssignmentSchema.safeParse(input);
    if (!parsed.success)
      throw new ClassroomError(
        400,
        'the assignment is not complete',
        parsed.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`),
      );
    const problems = assignmentProblems(parsed.data, this.scenarios.list());
    if (problems.length > 0) throw new ClassroomError(400, 'the assignment cannot be set', problems);
    const a = parsed.data;
    const assignment: Assignment = {
      id: newId(10),
      cohortId: cohort.id,
      title: a.title,
      mode: a.mode,
      scenarioIds: a.scenarioIds ?? null,
      blueprint: a.blueprint ?? null,
      opensAt: new Date(a.opensAt).toISOString(),
      dueAt: new Date(a.dueAt).toISOString(),
      timeLimitMinutes: a.mode === 'exam' ? (a.timeLimitMinutes ?? null) : null,
      passPercent: a.passPercent,
      retakes: {},
      createdBy: trainer.id,
      createdAt: this.clock().toISOString(),
    };
    await this.store.createAssignment(assignment);
    return assignment;
  }

  /** The assignment and its cohort if the user may see it: a member (once it is set) or a trainer of the cohort. */
  async visible(user: User, assignmentId: string): Promise<{ assignment: Assignment; cohort: Cohort }> {
    const assignment = await this.store.getAssignment(assignmentId);
    const cohort = assignment && (await this.store.getCohort(assignment.cohortId));
    if (assignment && cohort) {
      if (user.role === 'trainer' && cohort.trainerIds.includes(user.id)) return { assignment, cohort };
      if (
        user.role === 'trainee' &&
        (await this.store.cohortsOfMember(user.id)).some((m) => m.cohortId === cohort.id)
      )
        return { assignment, cohort };
    }
    throw new ClassroomError(404, 'assignment not found');
  }

  /** Where a trainee stands on an assignment (drawing their scenarios from a blueprint once it is open). */
  async standing(assignment: Assignment, cohort: Cohort, user: User): Promise<TraineeAssignment> {
    const now = this.clock();
    const open = now.getTime() >= Date.parse(assignment.opensAt);
    const scenarioIds =
      open || assignment.scenarioIds ? await this.scenarioIdsOf(assignment, user, open) : [];
    const exams = assignment.mode === 'exam' ? await this.exams.sittings(assignment.id, user.id) : [];
    const attempted = new Set(
      (await this.store.statsOf(user.id))
        .filter((s) => Date.parse(s.lastAt) >= Date.parse(assignment.opensAt))
        .map((s) => s.scenarioId),
    );
    const status = assignmentStatus(assignment, now, {
      exams,
      attemptedSinceOpening: attempted,
      scenarioIds,
    });
    return {
      user,
      assignment,
      cohort,
      scenarioIds,
      exams,
      status,
      statusLabel: STATUS_LABELS[status],
      attempted,
    };
  }

  private async scenarioIdsOf(assignment: Assignment, user: User, open: boolean): Promise<string[]> {
    if (assignment.scenarioIds) return assignment.scenarioIds;
    return open ? this.exams.scenariosFor(assignment, user) : [];
  }

  /** A trainee's assignments across their cohorts, soonest due first. */
  async forTrainee(user: User): Promise<TraineeAssignment[]> {
    const cohortIds = (await this.store.cohortsOfMember(user.id)).map((m) => m.cohortId);
    const cohorts = new Map((await this.store.listCohorts()).map((c) => [c.id, c]));
    const assignments = await this.store.listAssignments(cohortIds);
    const out = await Promise.all(
      assignments.flatMap((a) => {
        const cohort = cohorts.get(a.cohortId);
        return cohort ? [this.standing(a, cohort, user)] : [];
      }),
    );
    return out.sort((x, y) => x.assignment.dueAt.localeCompare(y.assignment.dueAt));
  }

  /** The assignments of the cohorts a trainer teaches, newest first. */
  async forTrainer(user: User): Promise<Array<{ assignment: Assignment; cohort: Cohort }>> {
    const cohorts = (await this.store.listCohorts()).filter((c) => c.trainerIds.includes(user.id));
    const byId = new Map(cohorts.map((c) => [c.id, c]));
    return (await this.store.listAssignments(cohorts.map((c) => c.id)))
      .map((assignment) => ({ assignment, cohort: byId.get(assignment.cohortId) as Cohort }))
      .sort((x, y) => y.assignment.createdAt.localeCompare(x.assignment.createdAt));
  }

  /** Every trainee of the cohort with their standing on the assignment (for its trainer). */
  async roster(assignment: Assignment, cohort: Cohort): Promise<TraineeAssignment[]> {
    const ids = new Set((await this.store.membersOf(cohort.id)).map((m) => m.userId));
    const members = (await this.store.listUsers())
      .filter((u) => ids.has(u.id) && u.role === 'trainee')
      .sort((a, b) => a.username.localeCompare(b.username));
    return Promise.all(members.map((m) => this.standing(assignment, cohort, m)));
  }

  /** Allows a trainee of the cohort one more sitting of the exam. */
  async allowRetake(assignment: Assignment, cohort: Cohort, userId: string): Promise<Assignment> {
    if (assignment.mode !== 'exam')
      throw new ClassroomError(409, 'retakes are for exams; practice has no limit');
    if (!(await this.store.membersOf(cohort.id)).some((m) => m.userId === userId))
      throw new ClassroomError(404, 'trainee not found');
    const sittings = await this.exams.sittings(assignment.id, userId);
    if (sittings.some((e) => e.submittedAt === null))
      throw new ClassroomError(409, 'this trainee is taking the exam now; a retake is allowed after it');
    if (sittings.length < 1 + (assignment.retakes[userId] ?? 0))
      throw new ClassroomError(409, 'this trainee has a sitting not yet used; a retake is allowed after it');
    const updated = await this.store.updateAssignment(assignment.id, {
      retakes: { ...assignment.retakes, [userId]: (assignment.retakes[userId] ?? 0) + 1 },
    });
    if (!updated) throw new ClassroomError(404, 'assignment not found');
    return updated;
  }
}

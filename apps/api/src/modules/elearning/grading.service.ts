/**
 * The trainer grades free-text answers (issue 6 §3). An attempt with free-text questions is submitted as
 * `awaiting_grading` (quiz.service.ts): its automatic questions are marked, but it has no score, no pass
 * and cannot complete the course. The grader gives points (0…the question's maximum) and feedback for
 * every free-text answer at once; the attempt is then finalised: score (free-text.ts), pass by the course's
 * pass mark, and — when passed and every other completion rule holds — completion and the certificate, in
 * the same transaction (learning.service.ts tryComplete).
 *
 * Who grades: the course's trainer (the trainer who created it) and the manager of its centre. Every other
 * staff member: 403 `out_of_scope` (training staff of another centre, another trainer) or `forbidden`
 * (other roles, HQ training included). Grading is once: the attempt row is locked (`FOR UPDATE`), a second
 * grading answers 409 `grading_already_done`, an attempt not submitted (open or expired) 409
 * `grading_not_submitted`.
 */
import type { AnswerInput, GradeAttemptRequest, GradingAttempt, GradingQueueItem, GradingQueueQuery, MyAttemptSummary, StaffRole } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import * as repo from './elearning.repository.ts';
import type { ElearningDeps } from './elearning.service.ts';
import { freeTextSpec, scorePercent } from './free-text.ts';
import * as grading from './grading.repository.ts';
import type { GraderScope } from './grading.repository.ts';
import { tryComplete } from './learning.service.ts';
import { forgetLessonProgress } from './course-cache.ts';
import { isCorrect } from './quiz.service.ts';

/** Roles that grade (their own scope). */
export const GRADERS: readonly StaffRole[] = ['trainer', 'training_centre_manager'];

/** The grader's scope: 403 `forbidden` for other roles or a staff member without a centre. */
function scopeOf(staff: StaffPrincipal): GraderScope {
  if (!GRADERS.includes(staff.role) || !staff.trainingCentreId) throw new AppError('forbidden');
  return { centreId: staff.trainingCentreId, createdBy: staff.role === 'trainer' ? staff.staffId : null };
}

/** 403 `out_of_scope` unless the course is in the grader's scope. */
function assertCourseInScope(scope: GraderScope, course: { centre_id: string; created_by: string }): void {
  if (course.centre_id !== scope.centreId) throw new AppError('out_of_scope');
  if (scope.createdBy && course.created_by !== scope.createdBy) throw new AppError('out_of_scope');
}

const iso = (d: Date | null): string => (d ? d.toISOString() : '');

/** The grading queue: attempts awaiting grading in the grader's courses (oldest first), or the last graded. */
export async function gradingQueue(deps: Pick<AppDeps, 'db'>, staff: StaffPrincipal, q: GradingQueueQuery): Promise<GradingQueueItem[]> {
  const scope = scopeOf(staff);
  const rows = await grading.queue(deps.db, scope, { courseId: q.course, status: q.status ?? 'awaiting_grading' });
  return rows.map((r) => ({
    attemptId: r.attempt_id,
    courseId: r.course_id,
    courseTitle: { ar: r.title_ar, en: r.title_en },
    attemptNo: r.attempt_no,
    traineeName: { ar: r.name_ar, en: r.name_latin },
    submittedAt: iso(r.submitted_at),
    status: r.status,
    freeTextCount: r.free_text_count,
    scorePercent: r.score_percent,
    passed: r.passed,
  }));
}

/**
 * One submitted attempt for its grader: the free-text answers with the question, the guidance, the maximum
 * points and (once graded) the grades; the automatic part as a count. 404 `quiz_attempt_not_found`,
 * 403 `out_of_scope` | `forbidden`, 409 `grading_not_submitted` (open or expired attempts).
 */
export async function gradingAttempt(deps: Pick<AppDeps, 'db'>, staff: StaffPrincipal, attemptId: string): Promise<GradingAttempt> {
  const scope = scopeOf(staff);
  const a = await grading.attemptForGrading(deps.db, attemptId);
  if (!a) throw new AppError('quiz_attempt_not_found');
  assertCourseInScope(scope, a);
  if (a.status !== 'awaiting_grading' && a.status !== 'graded') throw new AppError('grading_not_submitted');
  const [questions, grades] = await Promise.all([repo.questionsByIds(deps.db, a.question_ids), grading.gradesOf(deps.db, a.id)]);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const ordered = a.question_ids.map((id) => byId.get(id)).filter((q) => q !== undefined);
  const answers = (a.answers as AnswerInput[] | null) ?? [];
  const auto = ordered.filter((q) => !freeTextSpec(q));
  return {
    attemptId: a.id,
    courseId: a.course_id,
    courseTitle: { ar: a.title_ar, en: a.title_en },
    attemptNo: a.attempt_no,
    traineeName: { ar: a.name_ar, en: a.name_latin },
    status: a.status,
    submittedAt: iso(a.submitted_at),
    passPercent: a.quiz_pass_percent,
    questionCount: a.question_ids.length,
    autoCount: auto.length,
    autoCorrect: auto.filter((q) => isCorrect(q, answers.find((x) => x.questionId === q.id))).length,
    answers: ordered.flatMap((q) => {
      const spec = freeTextSpec(q);
      if (!spec) return [];
      const g = grades.find((x) => x.questionId === q.id);
      return [
        {
          questionId: q.id,
          prompt: { ar: q.prompt_ar, en: q.prompt_en },
          guidance: spec.guidance,
          maxPoints: spec.maxPoints,
          maxLength: spec.maxLength,
          answerText: answers.find((x) => x.questionId === q.id)?.text ?? '',
          points: g?.points ?? null,
          feedback: g?.feedback ?? null,
        },
      ];
    }),
    scorePercent: a.score_percent,
    passed: a.passed,
    gradedAt: a.graded_at ? a.graded_at.toISOString() : null,
    gradedBy: a.grader_ar ? { ar: a.grader_ar, en: a.grader_en ?? a.grader_ar } : null,
  };
}

/**
 * Grades every free-text answer of a submitted attempt and finalises it (score, pass, and completion with
 * the certificate when passed and the other rules hold), once. Points are whole numbers from 0 to the
 * question's maximum (Arabic-Indic digits accepted). Errors: 404 `quiz_attempt_not_found`; 403
 * `out_of_scope` | `forbidden`; 409 `grading_not_submitted` | `grading_already_done`; 422 `grading_incomplete`
 * (a free-text answer missing, repeated, or a question that is not a free-text question of the attempt);
 * 400 `validation_failed` (points above the maximum, pointer /grades/<i>/points).
 */
export async function gradeAttempt(deps: ElearningDeps, staff: StaffPrincipal, attemptId: string, body: GradeAttemptRequest): Promise<GradingAttempt> {
  const scope = scopeOf(staff);
  const now = deps.clock();
  const citizenId = await deps.db.transaction().execute(async (trx) => {
    const a = await grading.lockAttempt(trx, attemptId);
    if (!a) throw new AppError('quiz_attempt_not_found');
    const e = await trx.selectFrom('enrolments').select(['course_id']).where('id', '=', a.enrolment_id).executeTakeFirstOrThrow();
    const course = await trx.selectFrom('courses').select(['id', 'centre_id', 'created_by', 'quiz_pass_percent']).where('id', '=', e.course_id).executeTakeFirstOrThrow();
    assertCourseInScope(scope, course);
    if (a.status === 'open' || a.status === 'expired') throw new AppError('grading_not_submitted');
    if (a.status === 'graded') throw new AppError('grading_already_done');

    const questions = await repo.questionsByIds(trx, a.question_ids);
    const free = new Map(questions.flatMap((q) => (freeTextSpec(q) ? [[q.id, freeTextSpec(q)!] as const] : [])));
    const given = new Set(body.grades.map((g) => g.questionId));
    if (given.size !== body.grades.length || given.size !== free.size || [...given].some((id) => !free.has(id))) throw new AppError('grading_incomplete');
    const fieldErrors = body.grades.flatMap((g, i) => {
      const max = free.get(g.questionId)!.maxPoints;
      return g.points > max ? [{ pointer: `/grades/${i}/points`, code: 'invalid_value', message: { ar: `الدرجة أكبر من الحد الأقصى (${max.toLocaleString('ar-EG')}).`, en: `More than the maximum (${max}).` } }] : [];
    });
    if (fieldErrors.length) throw new AppError('validation_failed', { fieldErrors });

    const answers = (a.answers as AnswerInput[] | null) ?? [];
    const autoCorrect = questions.filter((q) => !free.has(q.id) && isCorrect(q, answers.find((x) => x.questionId === q.id))).length;
    const marks = body.grades.map((g) => ({ ...g, maxPoints: free.get(g.questionId)!.maxPoints }));
    const score = scorePercent(autoCorrect, marks, a.question_ids.length);
    const passed = score >= course.quiz_pass_percent;
    await trx
      .insertInto('quiz_answer_grades')
      .values(marks.map((g) => ({ attempt_id: a.id, question_id: g.questionId, points: g.points, max_points: g.maxPoints, feedback: g.feedback, graded_by: staff.staffId, graded_at: now })))
      .execute();
    await trx.updateTable('quiz_attempts').set({ status: 'graded', score_percent: score, passed, graded_by: staff.staffId, graded_at: now }).where('id', '=', a.id).execute();
    await appendAudit(
      trx,
      { kind: 'staff', id: staff.staffId },
      { action: 'elearning.attempt_graded_by_trainer', subjectType: 'quiz_attempt', subjectId: a.id, details: { courseId: course.id, score, passed, freeText: marks.length } },
      now,
    );
    if (passed) {
      const enrolment = await repo.lockEnrolment(trx, a.enrolment_id, a.citizen_id);
      if (enrolment) await tryComplete(trx, deps, enrolment, now);
    }
    return a.citizen_id;
  });
  // The trainee's lesson pages show the result (and the completion) at once on this node.
  forgetLessonProgress(deps.db, citizenId);
  return gradingAttempt(deps, staff, attemptId);
}

/** The caller's attempts in one of their enrolments, newest first. 404 `enrolment_not_found` for anyone else's. */
export async function myAttempts(deps: Pick<AppDeps, 'db'>, citizenId: string, enrolmentId: string): Promise<MyAttemptSummary[]> {
  const e = await repo.findEnrolmentById(deps.db, enrolmentId, citizenId);
  if (!e) throw new AppError('enrolment_not_found');
  const rows = await grading.attemptsOfEnrolment(deps.db, e.id, citizenId);
  return rows.map((r) => ({
    id: r.id,
    attemptNo: r.attempt_no,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    submittedAt: r.submitted_at ? r.submitted_at.toISOString() : null,
    scorePercent: r.score_percent,
    passed: r.passed,
  }));
}

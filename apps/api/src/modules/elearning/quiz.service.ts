/**
 * Quizzes (issue 6 §3): an attempt draws questions at random from the course's bank, runs against a
 * server-side deadline, and is graded automatically once. Rules:
 * - attempts are counted per enrolment (open, graded and expired alike) up to the course's maximum;
 * - an answer submitted after the deadline plus GRACE_SECONDS (15 s: the web page submits on its own when
 *   its countdown reaches zero, a little before the deadline, and the request may be slow on a phone) is refused with 409
 *   `quiz_time_over` and the attempt expires (it still counts);
 * - a submission holds the enrolment's row lock (`FOR UPDATE`) and writes the attempt only while it is
 *   still open: a second submission answers 409 `quiz_attempt_closed`, so a double submit is counted
 *   exactly once;
 * - another trainee's attempt is not found (404): attempts are looked up by id and citizen together.
 * Short answers match after Arabic folding (reference/arabic.ts: hamza, ta marbuta, alef maqsura,
 * diacritics, Arabic-Indic digits, case).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { AnswerInput, AttemptQuestion, AttemptView, QuestionSpec } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { foldForSearch } from '../reference/arabic.ts';
import * as repo from './elearning.repository.ts';
import type { AttemptRow, QuestionRow } from './elearning.repository.ts';
import { toOutline, type ElearningDeps } from './elearning.service.ts';
import { cleanFreeTextAnswers, freeTextSpec, needsGrading } from './free-text.ts';
import { gradesOf } from './grading.repository.ts';
import { allLessonsCompleted, enrolmentState, tryComplete } from './learning.service.ts';
import { forgetLessonProgress, markedOutline, publishedCourseContent } from './course-cache.ts';

/**
 * Seconds after the deadline during which a submission still counts: the web quiz page submits on its own
 * when its countdown reaches zero (2 s before the deadline), and on a slow mobile link the request may land
 * several seconds later. After the grace the answers are refused (409 `quiz_time_over`).
 */
export const GRACE_SECONDS = 15;

/** Fisher–Yates sample of `n` items with the CSPRNG. */
function sample<T>(items: readonly T[], n: number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, Math.min(n, a.length));
}

/** Deterministic shuffle of matching answers per attempt (the same order every time the attempt is shown). */
function seededOrder<T extends { id: string }>(items: T[], seed: string): T[] {
  const key = (id: string) => {
    let h = 2166136261;
    for (const ch of seed + id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return h >>> 0;
  };
  return [...items].sort((a, b) => key(a.id) - key(b.id));
}

/** A question as the trainee sees it (no answer). */
export function publicQuestion(q: QuestionRow, attemptId: string): AttemptQuestion {
  const spec = q.spec as QuestionSpec;
  const base = { id: q.id, type: q.type, prompt: { ar: q.prompt_ar, en: q.prompt_en }, options: null, left: null, right: null };
  if ('options' in spec) return { ...base, options: spec.options.map((o) => ({ id: o.id, text: { ar: o.ar, en: o.en } })) };
  if ('pairs' in spec) {
    return { ...base, left: spec.pairs.map((p) => ({ id: p.id, text: p.left })), right: seededOrder(spec.pairs, attemptId).map((p) => ({ id: p.id, text: p.right })) };
  }
  if ('freeText' in spec) return { ...base, maxLength: spec.maxLength };
  return base;
}

/** True when `answer` answers `q` correctly. Pure: the grading rule of each question type. */
export function isCorrect(q: Pick<QuestionRow, 'type' | 'spec'>, answer: AnswerInput | undefined): boolean {
  if (!answer) return false;
  const spec = q.spec as QuestionSpec;
  switch (q.type) {
    case 'single_choice':
      return 'correct' in spec && Array.isArray(spec.correct) && answer.choice !== undefined && spec.correct.length === 1 && spec.correct[0] === answer.choice;
    case 'multiple_choice': {
      if (!('options' in spec) || !answer.choices) return false;
      const given = [...new Set(answer.choices)].sort();
      const want = [...spec.correct].sort();
      return given.length === want.length && given.every((g, i) => g === want[i]);
    }
    case 'true_false':
      return 'correct' in spec && typeof spec.correct === 'boolean' && answer.value === spec.correct;
    case 'short_answer': {
      if (!('accepted' in spec) || answer.text === undefined) return false;
      const given = foldForSearch(answer.text);
      return given !== '' && spec.accepted.some((a) => foldForSearch(a) === given);
    }
    case 'matching': {
      if (!('pairs' in spec) || !answer.matches) return false;
      const m = answer.matches;
      return spec.pairs.every((p) => m[p.id] === p.id);
    }
    case 'free_text':
      // Graded by hand (grading.service.ts), never automatically.
      return false;
  }
}

/** A free-text grade as the trainee sees it (quiz_answer_grades). */
export interface AnswerGrade {
  questionId: string;
  points: number;
  maxPoints: number;
  feedback: string;
}

function view(a: AttemptRow, questions: QuestionRow[], passPercent: number, now: Date, enrolment: AttemptView['enrolment'], grades: readonly AnswerGrade[] = []): AttemptView {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const ordered = a.question_ids.map((id) => byId.get(id)).filter((q): q is QuestionRow => q !== undefined);
  const answers = (a.answers as AnswerInput[] | null) ?? null;
  return {
    id: a.id,
    courseId: '',
    attemptNo: a.attempt_no,
    status: a.status,
    startedAt: a.started_at.toISOString(),
    deadlineAt: a.deadline_at.toISOString(),
    secondsLeft: a.status === 'open' ? Math.max(0, Math.floor((a.deadline_at.getTime() - now.getTime()) / 1000)) : 0,
    questions: ordered.map((q) => publicQuestion(q, a.id)),
    scorePercent: a.score_percent,
    passed: a.passed,
    passPercent,
    results:
      (a.status === 'graded' || a.status === 'awaiting_grading') && answers
        ? ordered.map((q) => {
            const answer = answers.find((x) => x.questionId === q.id);
            if (!freeTextSpec(q)) return { questionId: q.id, correct: isCorrect(q, answer) };
            const g = grades.find((x) => x.questionId === q.id);
            return { questionId: q.id, correct: null, points: g?.points ?? null, maxPoints: g?.maxPoints ?? freeTextSpec(q)!.maxPoints, feedback: g?.feedback ?? null, answerText: answer?.text ?? '' };
          })
        : null,
    enrolment,
  };
}

/**
 * Starts an attempt for the caller's enrolment, or answers the open one (resume). 404 `enrolment_not_found`,
 * 409 `quiz_not_available` | `quiz_already_passed` | `quiz_attempts_exhausted`.
 */
export async function startAttempt(deps: ElearningDeps, citizenId: string, enrolmentId: string): Promise<{ created: boolean; attempt: AttemptView }> {
  const now = deps.clock();
  const result = await deps.db.transaction().execute(async (trx) => {
    const e = await repo.lockEnrolment(trx, enrolmentId, citizenId);
    if (!e) throw new AppError('enrolment_not_found');
    const course = await trx.selectFrom('courses').selectAll().where('id', '=', e.course_id).executeTakeFirstOrThrow();
    if (course.status !== 'published') throw new AppError('course_not_found');
    const attempts = await repo.attemptsOf(trx, e.id);
    if (attempts.some((a) => a.passed === true)) throw new AppError('quiz_already_passed');
    if (attempts.some((a) => a.status === 'awaiting_grading')) throw new AppError('quiz_awaiting_grading');
    const open = attempts.find((a) => a.status === 'open');
    if (open && open.deadline_at.getTime() + GRACE_SECONDS * 1000 > now.getTime()) return { created: false, id: open.id, passPercent: course.quiz_pass_percent };
    // An open attempt whose time ran out without a submission expires (it counts).
    if (open) await trx.updateTable('quiz_attempts').set({ status: 'expired', score_percent: 0, passed: false }).where('id', '=', open.id).execute();
    if (attempts.length >= course.quiz_max_attempts) return { error: 'quiz_attempts_exhausted' as const };
    const bank = await repo.questions(trx, e.course_id);
    if (bank.length === 0) throw new AppError('quiz_not_available');
    const id = randomUUID();
    const drawn = sample(bank, course.quiz_question_count).map((q) => q.id);
    await trx
      .insertInto('quiz_attempts')
      .values({
        id,
        enrolment_id: e.id,
        citizen_id: citizenId,
        attempt_no: attempts.length + 1,
        question_ids: JSON.stringify(drawn),
        started_at: now,
        deadline_at: new Date(now.getTime() + course.quiz_time_limit_seconds * 1000),
        submitted_at: null,
        status: 'open',
        answers: null,
        score_percent: null,
        passed: null,
      })
      .execute();
    await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'elearning.attempt_started', subjectType: 'quiz_attempt', subjectId: id, details: { enrolmentId: e.id, attemptNo: attempts.length + 1 } }, now);
    return { created: true, id, passPercent: course.quiz_pass_percent };
  });
  forgetLessonProgress(deps.db, citizenId);
  if ('error' in result) throw new AppError(result.error!);
  return { created: result.created, attempt: await getAttempt(deps, citizenId, result.id) };
}

/** One of the caller's attempts (questions without answers; results once graded). 404 `quiz_attempt_not_found` for anyone else's. */
export async function getAttempt(deps: Pick<AppDeps, 'db' | 'clock'>, citizenId: string, attemptId: string): Promise<AttemptView> {
  const a = await repo.findAttempt(deps.db, attemptId, citizenId);
  if (!a) throw new AppError('quiz_attempt_not_found');
  const e = (await repo.findEnrolmentById(deps.db, a.enrolment_id, citizenId))!;
  const [course, questions, rows, attempts] = await Promise.all([
    deps.db.selectFrom('courses').select(['id', 'quiz_pass_percent']).where('id', '=', e.course_id).executeTakeFirstOrThrow(),
    repo.questionsByIds(deps.db, a.question_ids),
    repo.outline(deps.db, e.course_id, e.id),
    repo.attemptsOf(deps.db, e.id),
  ]);
  const now = deps.clock();
  const grades = a.status === 'graded' && needsGrading(questions) ? await gradesOf(deps.db, a.id) : [];
  return { ...view(a, questions, course.quiz_pass_percent, now, enrolmentState(e, toOutline(rows), attempts, now), grades), courseId: course.id };
}

/**
 * Submits and grades an attempt (once). Each question is worth the same; score = correct / drawn, in
 * percent rounded down; passed when score ≥ the course's pass mark. A pass may complete the course and
 * issue its certificate in the same transaction. 404 `quiz_attempt_not_found`, 409 `quiz_attempt_closed` |
 * `quiz_time_over`, 400 `quiz_answer_invalid` (an answer to a question not drawn for this attempt).
 * An attempt with free-text questions is not scored here: it becomes `awaiting_grading` until the course's
 * trainer grades it (grading.service.ts); 400 `quiz_answer_too_long` when a free-text answer is too long.
 *
 * Where the submission is recorded: in the attempt row, not in the hash-chained audit log. The row holds
 * who (citizen_id), when (submitted_at), what (answers) and the result (status, score, pass), and migration
 * 0024 makes it write-once: a trigger refuses any later change except the trainer's grading of free-text
 * answers, which is a staff action and is appended to the chain (grading.service.ts). Why: every chain
 * append takes one row lock (audit_head) until its transaction commits, so 1,000 trainees submitting at
 * once queued behind each other (issue 6 target: median ≤ 10 × a primary-key lookup). A trainee answering
 * their own quiz is not an administrative act; what a pass confers — the completed course and its signed
 * certificate with the score — is still appended to the chain (tryComplete) and to the transparency
 * register. The chain itself, its guarantees and `npm run audit:verify` are unchanged.
 *
 * Work per submission (issue 6 target), two statements in one transaction: the first locks the enrolment
 * (the lock lesson completion and attempt start take too, so the completion rule sees every lesson and
 * attempt) and reads the attempt; the second writes the result only if the attempt is still open
 * (compare-and-set: a double submit is graded once, the other answers 409) and reads the completed
 * lessons and attempts the answer shows. The bank and the pass mark come from memory (course-cache.ts).
 * A pass completes the course only once every lesson is done (rule `all_lessons`), so tryComplete's
 * reads run only then.
 */
export async function submitAttempt(deps: ElearningDeps, citizenId: string, attemptId: string, answers: AnswerInput[]): Promise<AttemptView> {
  const now = deps.clock();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<{ kind: 'time_over' } | { kind: 'reread' } | { kind: 'view'; view: AttemptView }> => {
    const locked = await repo.lockEnrolmentWithAttempt(trx, attemptId, citizenId);
    if (!locked) throw new AppError('quiz_attempt_not_found');
    const { attempt: a, enrolment: e } = locked;
    if (a.status !== 'open') throw new AppError(a.status === 'expired' ? 'quiz_time_over' : 'quiz_attempt_closed');
    if (now.getTime() > a.deadline_at.getTime() + GRACE_SECONDS * 1000) {
      // Recorded in the row: expired without a submission (submitted_at stays NULL), score 0.
      await trx.updateTable('quiz_attempts').set({ status: 'expired', score_percent: 0, passed: false }).where('id', '=', a.id).where('status', '=', 'open').execute();
      return { kind: 'time_over' };
    }
    const drawn = new Set(a.question_ids);
    if (answers.some((x) => !drawn.has(x.questionId))) throw new AppError('quiz_answer_invalid');
    // The bank and the pass mark of a published course do not change: read from memory (course-cache.ts).
    const content = await publishedCourseContent(deps.db, e.course_id, trx);
    const cached = content && a.question_ids.map((id) => content.quiz.questions.get(id));
    const questions = cached?.every((q) => q !== undefined) ? cached : await repo.questionsByIds(trx, a.question_ids);
    const passPercent = content?.quiz.passPercent ?? (await trx.selectFrom('courses').select('quiz_pass_percent').where('id', '=', e.course_id).executeTakeFirstOrThrow()).quiz_pass_percent;
    let passed = false;
    let written: Awaited<ReturnType<typeof repo.writeAttemptResult>>;
    if (needsGrading(questions)) {
      // Free-text answers wait for the trainer (grading.service.ts): no score, no pass, no completion yet.
      const given = cleanFreeTextAnswers(questions, answers);
      written = await repo.writeAttemptResult(trx, a.id, e.id, { status: 'awaiting_grading', submittedAt: now, answersJson: JSON.stringify(given), score: null, passed: null });
    } else {
      const correct = questions.filter((q) => isCorrect(q, answers.find((x) => x.questionId === q.id))).length;
      const score = a.question_ids.length ? Math.floor((100 * correct) / a.question_ids.length) : 0;
      passed = score >= passPercent;
      written = await repo.writeAttemptResult(trx, a.id, e.id, { status: 'graded', submittedAt: now, answersJson: JSON.stringify(answers), score, passed });
    }
    // Another submission of this attempt committed first (it was read before the enrolment lock was granted).
    if (!written.attempt) throw new AppError('quiz_attempt_closed');
    const result = written.attempt;
    const progress = written;
    const outline = content ? markedOutline(content, progress.completed) : toOutline(await repo.outline(trx, e.course_id, e.id));
    const lessons = outline.flatMap((m) => m.lessons);
    if (passed && allLessonsCompleted(lessons.length, lessons.filter((l) => l.completed).length)) {
      // The pass may complete the course (certificate issued, enrolment changed): answered from a fresh read.
      await tryComplete(trx, deps, e, now);
      return { kind: 'reread' };
    }
    return { kind: 'view', view: { ...view(result, questions, passPercent, now, enrolmentState(e, outline, progress.attempts, now)), courseId: e.course_id } };
  });
  forgetLessonProgress(deps.db, citizenId);
  if (outcome.kind === 'time_over') throw new AppError('quiz_time_over');
  if (outcome.kind === 'view') return outcome.view;
  return getAttempt(deps, citizenId, attemptId);
}

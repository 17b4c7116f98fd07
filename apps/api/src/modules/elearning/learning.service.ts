/**
 * The trainee's side of e-learning (issue 6 §4, §6): self-enrolment (prerequisites checked), the lesson
 * page with its course outline, per-lesson completion (marking twice keeps the first: offline sync safe),
 * progress and resume, and completion: when every rule in COMPLETION_RULES holds, the training
 * certificate is issued as a signed document (documents/issue.ts: JWS, register, /verify) and written to
 * worker_certificates (source 'elearning') so it is verified evidence in the worker's overseas profile.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { EnrolmentState, LessonPage, MyEnrolment, OutlineModule } from '@rabt/contracts';
import { SKILL_LEVEL_NAMES, toArabicDigits } from '@rabt/contracts/text';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { EncodedBody } from '../../http/encoded-body.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { DB } from '../../platform/db/schema.ts';
import { issueDocument } from '../documents/issue.ts';
import { recordOrientationCompletion } from '../orientation/orientation.record.ts';
import * as repo from './elearning.repository.ts';
import { liveSessionFacts } from './classrooms.repository.ts';
import { cachedCourseContent, cachedLessonProgress, forgetLessonProgress, lessonProgressOf, markedOutline, publishedCourseContent } from './course-cache.ts';
import type { AttemptRow, CourseRow } from './elearning.repository.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { TRAINING_STAFF, toOutline, toSummary, type ElearningDeps } from './elearning.service.ts';

type Trx = Transaction<DB>;
type EnrolmentRow = NonNullable<Awaited<ReturnType<typeof repo.findEnrolment>>>;

/** Progress, resume point and quiz state of an enrolment, from its outline (with completions) and attempts. */
export function enrolmentState(e: EnrolmentRow, outline: OutlineModule[], attempts: AttemptRow[], now: Date): EnrolmentState {
  const lessons = outline.flatMap((m) => m.lessons);
  const done = lessons.filter((l) => l.completed).length;
  const graded = attempts.filter((a) => a.status === 'graded');
  const open = attempts.find((a) => a.status === 'open' && a.deadline_at.getTime() > now.getTime());
  return {
    id: e.id,
    enrolledAt: e.enrolled_at.toISOString(),
    progressPercent: lessons.length ? Math.floor((100 * done) / lessons.length) : 0,
    completedLessons: done,
    totalLessons: lessons.length,
    resumeLessonId: (lessons.find((l) => !l.completed) ?? lessons.at(-1))?.id ?? null,
    quizPassed: graded.some((a) => a.passed === true),
    bestScore: graded.length ? Math.max(...graded.map((a) => a.score_percent ?? 0)) : null,
    attemptsUsed: attempts.length,
    openAttemptId: open?.id ?? null,
    completedAt: e.completed_at ? e.completed_at.toISOString() : null,
    certificateCode: e.certificate_code,
    awaitingGradingAttemptId: attempts.find((a) => a.status === 'awaiting_grading')?.id ?? null,
  };
}

/** Self-enrolment in a published course. Idempotent: enrolling again answers the same enrolment. 409 `course_prerequisites_missing`. */
export async function enrol(deps: ElearningDeps, citizenId: string, courseId: string): Promise<{ created: boolean; enrolment: EnrolmentState }> {
  const course = await repo.findCourse(deps.db, courseId);
  if (!course || course.status !== 'published') throw new AppError('course_not_found');
  const existing = await repo.findEnrolment(deps.db, courseId, citizenId);
  if (existing) return { created: false, enrolment: await stateOf(deps, existing) };
  const prereqs = await repo.prerequisites(deps.db, courseId);
  if (prereqs.length) {
    const done = await repo.completedCourseIds(deps.db, citizenId);
    if (prereqs.some((p) => !done.has(p.id))) throw new AppError('course_prerequisites_missing');
  }
  const now = deps.clock();
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('enrolments')
      .values({ id, course_id: courseId, citizen_id: citizenId, enrolled_at: now, completed_at: null, final_score: null, certificate_code: null })
      .onConflict((oc) => oc.columns(['course_id', 'citizen_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) {
      await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'elearning.enrolled', subjectType: 'enrolment', subjectId: id, details: { courseId } }, now);
    }
  });
  const row = await repo.findEnrolment(deps.db, courseId, citizenId);
  return { created: row?.id === id, enrolment: await stateOf(deps, row!) };
}

async function stateOf(deps: Pick<AppDeps, 'db' | 'clock'>, e: EnrolmentRow): Promise<EnrolmentState> {
  const [rows, attempts] = await Promise.all([repo.outline(deps.db, e.course_id, e.id), repo.attemptsOf(deps.db, e.id)]);
  return enrolmentState(e, toOutline(rows), attempts, deps.clock());
}

/** The enrolled citizen's courses with progress, resume point and certificate code. */
export async function myLearning(deps: Pick<AppDeps, 'db' | 'clock'>, citizenId: string): Promise<MyEnrolment[]> {
  const enrolments = await repo.enrolmentsOf(deps.db, citizenId);
  const out: MyEnrolment[] = [];
  for (const e of enrolments) {
    const course = await repo.findCourse(deps.db, e.course_id);
    if (course) out.push({ course: toSummary(course), enrolment: await stateOf(deps, e) });
  }
  return out;
}

/**
 * The lesson page: the lesson (text, video link, file), the course outline with completion marks, the
 * previous and next lessons and the enrolment's progress. Only for a trainee enrolled in the published
 * course: 404 `course_not_found` | `lesson_not_found`, 403 `not_enrolled`.
 *
 * Served from memory in the common case (course-cache.ts): the published course's content is read
 * once, the trainee's progress at most every 2 s (at once after their own changes), and the page is
 * serialised once per progress entry. A miss costs three queries for the content and one for the progress.
 */
export async function lessonPage(deps: Pick<AppDeps, 'db' | 'clock'>, citizenId: string, courseId: string, lessonId: string): Promise<LessonPage> {
  return JSON.parse((await lessonPageJson(deps, citizenId, courseId, lessonId)).identity.toString('utf8')) as LessonPage;
}

/**
 * The lesson page's JSON when it was already built from memory for this trainee and lesson (course
 * content and the trainee's progress both cached, see course-cache.ts), without a promise; undefined
 * otherwise, and the caller takes lessonPageJson. The same checks hold: only a published course's content
 * and only an enrolled trainee's progress are ever cached, and the page is looked up by the lesson of
 * that course.
 */
export function cachedLessonPageJson(deps: Pick<AppDeps, 'db'>, citizenId: string, courseId: string, lessonId: string): EncodedBody | undefined {
  const content = cachedCourseContent(deps.db, courseId);
  if (!content?.lessons.has(lessonId)) return undefined;
  return cachedLessonProgress(deps.db, citizenId, courseId)?.pages.get(lessonId);
}

/**
 * The lesson page (lessonPage) as the UTF-8 JSON the route sends, serialised once per progress entry and
 * compressed once per content coding a client asks for (http/encoded-body.ts).
 */
export async function lessonPageJson(deps: Pick<AppDeps, 'db' | 'clock'>, citizenId: string, courseId: string, lessonId: string): Promise<EncodedBody> {
  const content = await publishedCourseContent(deps.db, courseId);
  if (!content) throw new AppError('course_not_found');
  const lesson = content.lessons.get(lessonId);
  if (!lesson) throw new AppError('lesson_not_found');
  const progress = await lessonProgressOf(deps.db, citizenId, courseId);
  if (!progress) throw new AppError('not_enrolled');
  const done = progress.pages.get(lessonId);
  if (done) return done;
  const outline = markedOutline(content, progress.completed);
  const i = content.order.indexOf(lessonId);
  const page: LessonPage = {
    course: content.course,
    lesson: { ...lesson, completed: progress.completed.has(lessonId) },
    outline,
    previousLessonId: i > 0 ? content.order[i - 1]! : null,
    nextLessonId: i >= 0 && i < content.order.length - 1 ? content.order[i + 1]! : null,
    enrolment: enrolmentState(progress.enrolment, outline, progress.attempts, deps.clock()),
  };
  const json = new EncodedBody(Buffer.from(JSON.stringify(page), 'utf8'));
  progress.pages.set(lessonId, json);
  return json;
}

/**
 * Marks a lesson complete for the caller's enrolment. Marking it again (a retry, or progress synced
 * twice after being offline) changes nothing and answers the same state. May complete the course.
 * `by` says who marks it: `trainee` (POST …/lessons/{id}/complete, by hand or replayed from the offline
 * queue) or `sco` (scorm.service.ts, when the lesson's SCO reports passed or completed). A lesson with a
 * SCORM package is completed only by its SCO: marked by the trainee it is refused with 409
 * `scorm_completion_by_sco` and nothing is recorded (a replay of kept completions then drops that one and
 * goes on with the others).
 * 404 `enrolment_not_found` (another trainee's enrolment too) | `lesson_not_found`.
 */
export async function completeLesson(
  deps: ElearningDeps,
  citizenId: string,
  enrolmentId: string,
  lessonId: string,
  by: 'trainee' | 'sco' = 'trainee',
): Promise<{ enrolment: EnrolmentState; nextLessonId: string | null }> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const e = await repo.lockEnrolment(trx, enrolmentId, citizenId);
    if (!e) throw new AppError('enrolment_not_found');
    const l = await trx.selectFrom('lessons').select('course_id').where('id', '=', lessonId).executeTakeFirst();
    if (!l || l.course_id !== e.course_id) throw new AppError('lesson_not_found');
    if (by === 'trainee' && (await trx.selectFrom('scorm_packages').select('id').where('lesson_id', '=', lessonId).executeTakeFirst())) {
      throw new AppError('scorm_completion_by_sco');
    }
    const r = await trx.insertInto('lesson_completions').values({ enrolment_id: e.id, lesson_id: lessonId, completed_at: now }).onConflict((oc) => oc.columns(['enrolment_id', 'lesson_id']).doNothing()).executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0n) === 1) {
      await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'elearning.lesson_completed', subjectType: 'enrolment', subjectId: e.id, details: { lessonId } }, now);
      await tryComplete(trx, deps, e, now);
    }
  });
  forgetLessonProgress(deps.db, citizenId);
  const e = (await repo.findEnrolmentById(deps.db, enrolmentId, citizenId))!;
  const state = await stateOf(deps, e);
  const flat = toOutline(await repo.outline(deps.db, e.course_id, e.id)).flatMap((m) => m.lessons);
  const i = flat.findIndex((x) => x.id === lessonId);
  return { enrolment: state, nextLessonId: i >= 0 && i < flat.length - 1 ? flat[i + 1]!.id : null };
}

/** The `all_lessons` completion rule: the course has lessons and every one is completed. Quiz grading checks it first, so a pass before the last lesson skips tryComplete's reads. */
export function allLessonsCompleted(totalLessons: number, completedLessons: number): boolean {
  return totalLessons > 0 && completedLessons === totalLessons;
}

/** Facts a completion rule looks at. */
export interface CompletionFacts {
  totalLessons: number;
  completedLessons: number;
  bankSize: number;
  quizPassed: boolean;
  /** Live sessions the course requires (courses.required_sessions_attended, 0021) and sessions attended. */
  requiredSessions: number;
  attendedSessions: number;
}

/**
 * The completion rule, one predicate per requirement: all lessons completed, and the quiz passed when the
 * course has questions, and the live sessions the course requires attended (virtual classrooms; 0 = none).
 */
export const COMPLETION_RULES: readonly { key: string; met: (f: CompletionFacts) => boolean }[] = [
  { key: 'all_lessons', met: (f) => allLessonsCompleted(f.totalLessons, f.completedLessons) },
  { key: 'quiz_passed', met: (f) => f.bankSize === 0 || f.quizPassed },
  { key: 'sessions_attended', met: (f) => f.attendedSessions >= f.requiredSessions },
];

/**
 * Completes the (locked) enrolment when every rule holds: issues the signed training certificate and the
 * worker_certificates evidence row in the caller's transaction. Does nothing when already completed.
 */
export async function tryComplete(trx: Trx, deps: ElearningDeps, e: EnrolmentRow, now: Date): Promise<void> {
  if (e.completed_at) return;
  const [rows, attempts, bank] = await Promise.all([repo.outline(trx, e.course_id, e.id), repo.attemptsOf(trx, e.id), repo.bankSize(trx, e.course_id)]);
  const lessons = toOutline(rows).flatMap((m) => m.lessons);
  const passed = attempts.filter((a) => a.status === 'graded' && a.passed === true);
  const live = await liveSessionFacts(trx, e.course_id, e.id);
  const facts: CompletionFacts = { totalLessons: lessons.length, completedLessons: lessons.filter((l) => l.completed).length, bankSize: bank, quizPassed: passed.length > 0, ...live };
  if (!COMPLETION_RULES.every((r) => r.met(facts))) return;
  const course = (await repo.findCourse(trx, e.course_id))!;
  const score = passed.length ? Math.max(...passed.map((a) => a.score_percent ?? 0)) : null;
  const code = await issueCertificate(trx, deps, e, course, score, now);
  await trx.updateTable('enrolments').set({ completed_at: now, final_score: score, certificate_code: code }).where('id', '=', e.id).execute();
  await appendAudit(trx, { kind: 'citizen', id: e.citizen_id }, { action: 'elearning.course_completed', subjectType: 'enrolment', subjectId: e.id, details: { courseId: e.course_id, certificate: code, score } }, now);
  // Pre-departure orientation (0022): the completion is recorded beside the worker's contracts with that destination.
  if (course.orientation_country) await recordOrientationCompletion(trx, { enrolmentId: e.id, citizenId: e.citizen_id, courseId: e.course_id, country: course.orientation_country, certificateCode: code, completedAt: now }, now);
}

async function issueCertificate(trx: Trx, deps: ElearningDeps, e: EnrolmentRow, course: CourseRow, score: number | null, now: Date): Promise<string> {
  const citizen = await trx.selectFrom('citizens').select(['name_ar', 'name_latin']).where('id', '=', e.citizen_id).executeTakeFirstOrThrow();
  const date = now.toISOString().slice(0, 10);
  const title = { ar: `شهادة إتمام تدريب: ${course.title_ar}`, en: `Training completion certificate: ${course.title_en}` };
  const fields = [
    { key: 'holder', label: { ar: 'اسم المتدرب', en: 'Trainee' }, value: { ar: citizen.name_ar, en: citizen.name_latin } },
    { key: 'course', label: { ar: 'الدورة', en: 'Course' }, value: { ar: course.title_ar, en: course.title_en } },
    { key: 'centre', label: { ar: 'مركز التدريب', en: 'Training centre' }, value: { ar: course.centre_name_ar, en: course.centre_name_en } },
    // A pre-departure orientation course (0022) has no occupation. Arabic text writes the code in Arabic-Indic digits, as /verify does.
    ...(course.isco ? [{ key: 'isco', label: { ar: 'المهنة (ISCO-08)', en: 'Occupation (ISCO-08)' }, value: { ar: `${toArabicDigits(course.isco)} ${course.occupation_ar}`, en: `${course.isco} ${course.occupation_en}` } }] : []),
    ...(course.skill_level ? [{ key: 'skill_level', label: { ar: 'يؤهل لمستوى', en: 'Prepares for level' }, value: { ...SKILL_LEVEL_NAMES[course.skill_level] } }] : []),
    { key: 'completed_on', label: { ar: 'تاريخ الإتمام', en: 'Completed on' }, value: { ar: date, en: date } },
    { key: 'score', label: { ar: 'الدرجة', en: 'Score' }, value: score === null ? { ar: '—', en: '—' } : { ar: `${score}٪`, en: `${score}%` } },
  ];
  const issued = await issueDocument(
    trx,
    deps.documents,
    {
      kind: 'training_certificate',
      subjectId: e.id,
      holderCitizenId: e.citizen_id,
      title,
      fields,
      validUntil: null,
      payload: { enrolmentId: e.id, courseId: course.id, centreCode: course.centre_code, isco: course.isco, skillLevel: course.skill_level, completedOn: date, scorePercent: score },
    },
    now,
  );
  await trx
    .insertInto('worker_certificates')
    .values({
      id: randomUUID(),
      citizen_id: e.citizen_id,
      kind: 'training',
      isco: course.isco,
      level: course.skill_level,
      title_ar: course.title_ar,
      title_en: course.title_en,
      issued_at: date,
      verification_code: issued.code,
      source: 'elearning',
      source_ref: e.id,
      revoked_at: null,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['source', 'source_ref']).doNothing())
    .execute();
  return issued.code;
}

/**
 * The stored file of a lesson, for someone allowed to read it: a trainee enrolled in the published course,
 * or training staff (their centre's courses; HQ training every course). 401 signed out, 403 `not_enrolled` |
 * `forbidden` | `out_of_scope`, 404 `lesson_not_found` | `lesson_file_not_found`.
 */
export async function lessonFileFor(deps: Pick<AppDeps, 'db'>, principal: Principal, lessonId: string): Promise<{ id: string; mediaType: string; size: number; sha256: string }> {
  if (principal.kind === 'anonymous') throw new AppError('unauthenticated');
  const lesson = await repo.findLesson(deps.db, lessonId);
  if (!lesson) throw new AppError('lesson_not_found');
  if (!lesson.file_id || !lesson.media_type || !lesson.sha256) throw new AppError('lesson_file_not_found');
  const course = await deps.db.selectFrom('courses').select(['status', 'centre_id']).where('id', '=', lesson.course_id).executeTakeFirstOrThrow();
  if (principal.kind === 'citizen') {
    if (course.status !== 'published') throw new AppError('lesson_not_found');
    if (!(await repo.findEnrolment(deps.db, lesson.course_id, principal.citizenId))) throw new AppError('not_enrolled');
  } else if (principal.kind === 'staff') {
    if (!TRAINING_STAFF.includes(principal.role)) throw new AppError('forbidden');
    if (principal.role !== 'training_hq' && principal.trainingCentreId !== course.centre_id) throw new AppError('out_of_scope');
  } else throw new AppError('forbidden');
  return { id: lesson.file_id, mediaType: lesson.media_type, size: Number(lesson.size_bytes), sha256: lesson.sha256 };
}

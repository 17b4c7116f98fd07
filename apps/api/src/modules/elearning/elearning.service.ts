/**
 * Courses of the vocational e-learning module (issue 6 §1–2): the public catalogue, authoring by the
 * trainers and managers of a training centre, and the publication workflow
 * draft → submitted (centre manager) → published (HQ training department) | returned (with a reason).
 * A course reaches `published` only through `approveCourse` by a `training_hq` staff member, and the
 * database refuses a published row without an approver (courses_published_approved).
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CourseDetail, CourseInput, CourseSummary, FieldError, LessonInput, ModuleInput, OutlineModule, QuestionInput, QuestionSpec, StaffCourse, StaffRole, TrainingCentre, UpdateCourseRequest, UpdateLessonRequest, UpdateModuleRequest } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { DocumentsDeps } from '../documents/issue.ts';
import * as repo from './elearning.repository.ts';
import type { CourseRow, OutlineRow } from './elearning.repository.ts';
import { enrolmentState } from './learning.service.ts';
import { forgetCourseContent } from './course-cache.ts';
import { toArabicDigits } from '@rabt/contracts';

export type ElearningDeps = Pick<AppDeps, 'db' | 'clock' | 'config'> & { documents: DocumentsDeps };

/** Roles that author courses (their own centre's). */
export const AUTHORS: readonly StaffRole[] = ['trainer', 'training_centre_manager'];
/** Roles that read courses in the staff API: centre staff (their centre) and HQ training (all). */
export const TRAINING_STAFF: readonly StaffRole[] = ['trainer', 'training_centre_manager', 'training_hq'];

export function toSummary(r: CourseRow): CourseSummary {
  return {
    id: r.id,
    title: { ar: r.title_ar, en: r.title_en },
    description: { ar: r.description_ar, en: r.description_en },
    isco: r.isco,
    occupation: r.isco ? { ar: r.occupation_ar ?? '', en: r.occupation_en ?? '' } : null,
    skillLevel: r.skill_level,
    centre: { id: r.centre_id, code: r.centre_code, name: { ar: r.centre_name_ar, en: r.centre_name_en }, governorateCode: r.centre_governorate, demo: r.centre_demo },
    status: r.status,
    lessonCount: r.lesson_count,
  };
}

/** Groups outline rows into modules with their lessons. */
export function toOutline(rows: OutlineRow[]): OutlineModule[] {
  const out: OutlineModule[] = [];
  for (const r of rows) {
    let m = out.at(-1);
    if (!m || m.id !== r.module_id) {
      m = { id: r.module_id, title: { ar: r.module_ar, en: r.module_en }, lessons: [] };
      out.push(m);
    }
    if (r.lesson_id) m.lessons.push({ id: r.lesson_id, title: { ar: r.lesson_ar ?? '', en: r.lesson_en ?? '' }, completed: r.completed, hasVideo: r.has_video === true, hasFile: r.has_file === true, hasScorm: r.has_scorm === true });
  }
  return out;
}

export async function listCentres(deps: Pick<AppDeps, 'db'>): Promise<TrainingCentre[]> {
  return (await repo.listCentres(deps.db)).map((c) => ({ id: c.id, code: c.code, name: { ar: c.name_ar, en: c.name_en }, governorateCode: c.governorate_code, demo: c.demo }));
}

/** Public catalogue: published courses, filtered by ISCO-08 code prefix and centre. */
export async function catalogue(deps: Pick<AppDeps, 'db'>, filter: { isco?: string | undefined; centre?: string | undefined }): Promise<CourseSummary[]> {
  return (await repo.catalogue(deps.db, filter)).map(toSummary);
}

/** A published course's outline; with the caller's enrolment when a citizen is signed in. 404 `course_not_found` (drafts too). */
export async function courseDetail(deps: Pick<AppDeps, 'db' | 'clock'>, courseId: string, citizenId: string | null): Promise<CourseDetail> {
  const course = await repo.findCourse(deps.db, courseId);
  if (!course || course.status !== 'published') throw new AppError('course_not_found');
  const enrolment = citizenId ? await repo.findEnrolment(deps.db, courseId, citizenId) : undefined;
  const [rows, prereqs, bank] = await Promise.all([repo.outline(deps.db, courseId, enrolment?.id ?? null), repo.prerequisites(deps.db, courseId), repo.bankSize(deps.db, courseId)]);
  const modules = toOutline(rows);
  return {
    ...toSummary(course),
    modules,
    prerequisites: prereqs.map((p) => ({ id: p.id, title: { ar: p.title_ar, en: p.title_en } })),
    quiz: quizInfo(course, bank),
    returnReason: null,
    enrolment: enrolment ? enrolmentState(enrolment, modules, await repo.attemptsOf(deps.db, enrolment.id), deps.clock()) : null,
  };
}

export function quizInfo(c: Pick<CourseRow, 'quiz_question_count' | 'quiz_time_limit_seconds' | 'quiz_max_attempts' | 'quiz_pass_percent'>, bank: number) {
  return { questionCount: c.quiz_question_count, timeLimitSeconds: c.quiz_time_limit_seconds, maxAttempts: c.quiz_max_attempts, passPercent: c.quiz_pass_percent, bankSize: bank };
}

// ---------------- Staff: reading ----------------

/** The centre a staff member is bound to; `null` = all centres (HQ training). */
function centreOf(staff: StaffPrincipal): string | null {
  if (staff.role === 'training_hq') return null;
  if (!staff.trainingCentreId) throw new AppError('forbidden');
  return staff.trainingCentreId;
}

/** A course the staff member may see: centre staff their centre's; HQ training every course. 404 / 403 `out_of_scope`. */
async function courseInScope(deps: Pick<AppDeps, 'db'>, staff: StaffPrincipal, courseId: string): Promise<CourseRow> {
  const course = await repo.findCourse(deps.db, courseId);
  if (!course) throw new AppError('course_not_found');
  const centre = centreOf(staff);
  if (centre !== null && course.centre_id !== centre) throw new AppError('out_of_scope');
  return course;
}

export async function staffCourseList(deps: Pick<AppDeps, 'db'>, staff: StaffPrincipal, status: string | undefined): Promise<CourseSummary[]> {
  return (await repo.staffCourses(deps.db, centreOf(staff), status)).map(toSummary);
}

/** Everything about a course for its authors and HQ: lessons with their text, the question bank with answers. */
export async function staffCourse(deps: Pick<AppDeps, 'db'>, staff: StaffPrincipal, courseId: string): Promise<StaffCourse> {
  const course = await courseInScope(deps, staff, courseId);
  const [mods, lessons, qs, prereqs] = await Promise.all([repo.modules(deps.db, courseId), repo.lessonsOfCourse(deps.db, courseId), repo.questions(deps.db, courseId), repo.prerequisites(deps.db, courseId)]);
  return {
    ...toSummary(course),
    quiz: quizInfo(course, qs.length),
    returnReason: course.return_reason,
    prerequisiteIds: prereqs.map((p) => p.id),
    modules: mods.map((m) => ({
      id: m.id,
      title: { ar: m.title_ar, en: m.title_en },
      lessons: lessons
        .filter((l) => l.module_id === m.id)
        .map((l) => ({
          id: l.id,
          title: { ar: l.title_ar, en: l.title_en },
          body: { ar: l.body_ar, en: l.body_en },
          videoUrl: l.video_url,
          file: l.media_type ? { mediaType: l.media_type, sizeBytes: Number(l.size_bytes) } : null,
          scorm: l.scorm_title ? { title: l.scorm_title, launchHref: l.scorm_launch_href ?? '', fileCount: l.scorm_file_count ?? 0, sizeBytes: Number(l.scorm_size_bytes), scoCount: Number(l.scorm_sco_count ?? 0) } : null,
        })),
    })),
    questions: qs.map((q) => ({ id: q.id, type: q.type, prompt: { ar: q.prompt_ar, en: q.prompt_en }, spec: q.spec as Record<string, unknown> })),
    updatedAt: course.updated_at.toISOString(),
  };
}

// ---------------- Staff: authoring ----------------

type Trx = Transaction<DB>;

/**
 * Runs `fn` on the locked course (FOR UPDATE) when the caller authors for its centre and it is editable
 * (draft or returned); bumps `updated_at` and appends the audit entry `action` in the same transaction.
 * Afterwards the node's cached lesson-page content of the course is dropped (course-cache.ts).
 * 403 `forbidden` | `out_of_scope`, 404 `course_not_found`, 409 `course_not_editable` (submitted or published).
 */
export async function editCourse<T>(deps: ElearningDeps, staff: StaffPrincipal, courseId: string, action: string, fn: (trx: Trx, now: Date) => Promise<T>, details: Record<string, unknown> = {}): Promise<T> {
  if (!AUTHORS.includes(staff.role)) throw new AppError('forbidden');
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const course = await repo.lockCourse(trx, courseId);
    if (!course) throw new AppError('course_not_found');
    if (course.centre_id !== staff.trainingCentreId) throw new AppError('out_of_scope');
    if (course.status !== 'draft' && course.status !== 'returned') throw new AppError('course_not_editable');
    const result = await fn(trx, now);
    await trx.updateTable('courses').set({ updated_at: now }).where('id', '=', courseId).execute();
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action, subjectType: 'course', subjectId: courseId, details }, now);
    return result;
  }).finally(() => forgetCourseContent(deps.db, courseId));
}

async function checkPrerequisites(trx: Trx, courseId: string, ids: string[]): Promise<void> {
  for (const id of ids) {
    const p = await trx.selectFrom('courses').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!p || p.id === courseId || p.status !== 'published') throw new AppError('course_prerequisite_invalid');
  }
}

async function setPrerequisites(trx: Trx, courseId: string, ids: string[]): Promise<void> {
  await checkPrerequisites(trx, courseId, ids);
  await trx.deleteFrom('course_prerequisites').where('course_id', '=', courseId).execute();
  const unique = [...new Set(ids)];
  if (unique.length) await trx.insertInto('course_prerequisites').values(unique.map((p) => ({ course_id: courseId, prerequisite_id: p }))).execute();
}

async function assertIsco(trx: Trx, isco: string): Promise<void> {
  const o = await trx.selectFrom('occupations').select('code').where('code', '=', isco).where('level', '=', 4).executeTakeFirst();
  if (!o) throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/isco', code: 'invalid_format', message: { ar: 'رمز مهنة (ISCO-08) غير موجود.', en: 'No such ISCO-08 unit group.' } }] });
}

/** Creates a draft course for the author's centre. 201 with the staff view. */
export async function createCourse(deps: ElearningDeps, staff: StaffPrincipal, input: CourseInput): Promise<StaffCourse> {
  if (!AUTHORS.includes(staff.role) || !staff.trainingCentreId) throw new AppError('forbidden');
  const id = randomUUID();
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await assertIsco(trx, input.isco);
    await trx
      .insertInto('courses')
      .values({
        id,
        centre_id: staff.trainingCentreId!,
        title_ar: input.titleAr,
        title_en: input.titleEn,
        description_ar: input.descriptionAr,
        description_en: input.descriptionEn,
        isco: input.isco,
        skill_level: input.skillLevel,
        status: 'draft',
        return_reason: null,
        quiz_question_count: input.quizQuestionCount,
        quiz_time_limit_seconds: input.quizTimeLimitMinutes * 60,
        quiz_max_attempts: input.quizMaxAttempts,
        quiz_pass_percent: input.quizPassPercent,
        created_by: staff.staffId,
        submitted_by: null,
        submitted_at: null,
        approved_by: null,
        published_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await setPrerequisites(trx, id, input.prerequisiteIds);
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'course.created', subjectType: 'course', subjectId: id, details: { isco: input.isco } }, now);
  });
  return staffCourse(deps, staff, id);
}

/** Edits a draft or returned course (never its state: see submit/approve/return). */
export async function updateCourse(deps: ElearningDeps, staff: StaffPrincipal, courseId: string, patch: UpdateCourseRequest): Promise<StaffCourse> {
  await editCourse(deps, staff, courseId, 'course.updated', async (trx) => {
    if (patch.isco) await assertIsco(trx, patch.isco);
    const set = {
      ...(patch.titleAr !== undefined && { title_ar: patch.titleAr }),
      ...(patch.titleEn !== undefined && { title_en: patch.titleEn }),
      ...(patch.descriptionAr !== undefined && { description_ar: patch.descriptionAr }),
      ...(patch.descriptionEn !== undefined && { description_en: patch.descriptionEn }),
      ...(patch.isco !== undefined && { isco: patch.isco }),
      ...(patch.skillLevel !== undefined && { skill_level: patch.skillLevel }),
      ...(patch.quizQuestionCount !== undefined && { quiz_question_count: patch.quizQuestionCount }),
      ...(patch.quizTimeLimitMinutes !== undefined && { quiz_time_limit_seconds: patch.quizTimeLimitMinutes * 60 }),
      ...(patch.quizMaxAttempts !== undefined && { quiz_max_attempts: patch.quizMaxAttempts }),
      ...(patch.quizPassPercent !== undefined && { quiz_pass_percent: patch.quizPassPercent }),
    };
    if (Object.keys(set).length) await trx.updateTable('courses').set(set).where('id', '=', courseId).execute();
    if (patch.prerequisiteIds) await setPrerequisites(trx, courseId, patch.prerequisiteIds);
  });
  return staffCourse(deps, staff, courseId);
}

export async function addModule(deps: ElearningDeps, staff: StaffPrincipal, courseId: string, input: ModuleInput): Promise<StaffCourse> {
  await editCourse(deps, staff, courseId, 'course.module_added', async (trx) => {
    const position = await repo.nextPosition(trx, 'course_modules', 'course_id', courseId);
    await trx.insertInto('course_modules').values({ id: randomUUID(), course_id: courseId, position, title_ar: input.titleAr, title_en: input.titleEn }).execute();
  });
  return staffCourse(deps, staff, courseId);
}

export async function addLesson(deps: ElearningDeps, staff: StaffPrincipal, courseId: string, input: LessonInput): Promise<StaffCourse> {
  await editCourse(deps, staff, courseId, 'course.lesson_added', async (trx) => {
    const m = await trx.selectFrom('course_modules').select('id').where('id', '=', input.moduleId).where('course_id', '=', courseId).executeTakeFirst();
    if (!m) throw new AppError('course_module_not_found');
    const position = await repo.nextPosition(trx, 'lessons', 'module_id', m.id);
    await trx
      .insertInto('lessons')
      .values({ id: randomUUID(), course_id: courseId, module_id: m.id, position, title_ar: input.titleAr, title_en: input.titleEn, body_ar: input.bodyAr, body_en: input.bodyEn, video_url: input.videoUrl, file_id: null })
      .execute();
  });
  return staffCourse(deps, staff, courseId);
}

/** Renames a module of a draft or returned course. 404 `course_module_not_found`, 409 `course_not_editable`. Audited `course.module_updated`. */
export async function updateModule(deps: ElearningDeps, staff: StaffPrincipal, moduleId: string, patch: UpdateModuleRequest): Promise<StaffCourse> {
  const courseId = await courseOfModule(deps, moduleId);
  await editCourse(deps, staff, courseId, 'course.module_updated', async (trx) => {
    const set = { ...(patch.titleAr !== undefined && { title_ar: patch.titleAr }), ...(patch.titleEn !== undefined && { title_en: patch.titleEn }) };
    if (Object.keys(set).length) await trx.updateTable('course_modules').set(set).where('id', '=', moduleId).execute();
  }, { moduleId });
  return staffCourse(deps, staff, courseId);
}

/**
 * Deletes a module and its lessons from a draft or returned course (such a course was never published,
 * so no trainee progress refers to them). 404 `course_module_not_found`, 409 `course_not_editable`.
 * Audited `course.module_deleted` with the number of lessons removed.
 */
export async function deleteModule(deps: ElearningDeps, staff: StaffPrincipal, moduleId: string): Promise<StaffCourse> {
  const courseId = await courseOfModule(deps, moduleId);
  const details: Record<string, unknown> = { moduleId };
  await editCourse(deps, staff, courseId, 'course.module_deleted', async (trx) => {
    const removed = await trx.deleteFrom('lessons').where('module_id', '=', moduleId).executeTakeFirst();
    details.lessonsDeleted = Number(removed.numDeletedRows);
    await trx.deleteFrom('course_modules').where('id', '=', moduleId).execute();
  }, details);
  return staffCourse(deps, staff, courseId);
}

async function courseOfModule(deps: Pick<AppDeps, 'db'>, moduleId: string): Promise<string> {
  const m = await deps.db.selectFrom('course_modules').select('course_id').where('id', '=', moduleId).executeTakeFirst();
  if (!m) throw new AppError('course_module_not_found');
  return m.course_id;
}

/** Deletes a lesson of a draft or returned course. 404 `lesson_not_found`, 409 `course_not_editable`. Audited `course.lesson_deleted`. */
export async function deleteLesson(deps: ElearningDeps, staff: StaffPrincipal, lessonId: string): Promise<StaffCourse> {
  const courseId = await courseOfLesson(deps, lessonId);
  await editCourse(deps, staff, courseId, 'course.lesson_deleted', async (trx) => {
    await trx.deleteFrom('lessons').where('id', '=', lessonId).execute();
  }, { lessonId });
  return staffCourse(deps, staff, courseId);
}

/** The course a lesson belongs to (for staff routes addressed by lesson). 404 `lesson_not_found`. */
export async function courseOfLesson(deps: Pick<AppDeps, 'db'>, lessonId: string): Promise<string> {
  const l = await deps.db.selectFrom('lessons').select('course_id').where('id', '=', lessonId).executeTakeFirst();
  if (!l) throw new AppError('lesson_not_found');
  return l.course_id;
}

export async function updateLesson(deps: ElearningDeps, staff: StaffPrincipal, lessonId: string, patch: UpdateLessonRequest): Promise<StaffCourse> {
  const courseId = await courseOfLesson(deps, lessonId);
  await editCourse(deps, staff, courseId, 'course.lesson_updated', async (trx) => {
    const set = {
      ...(patch.titleAr !== undefined && { title_ar: patch.titleAr }),
      ...(patch.titleEn !== undefined && { title_en: patch.titleEn }),
      ...(patch.bodyAr !== undefined && { body_ar: patch.bodyAr }),
      ...(patch.bodyEn !== undefined && { body_en: patch.bodyEn }),
      ...(patch.videoUrl !== undefined && { video_url: patch.videoUrl }),
    };
    if (Object.keys(set).length) await trx.updateTable('lessons').set(set).where('id', '=', lessonId).execute();
  });
  return staffCourse(deps, staff, courseId);
}

/** Attaches an already stored file to a lesson (files.ts wrote and sniffed it). */
export async function attachLessonFile(deps: ElearningDeps, staff: StaffPrincipal, lessonId: string, file: { id: string; mediaType: 'application/pdf' | 'video/mp4' | 'video/webm'; size: number; sha256: string }): Promise<StaffCourse> {
  const courseId = await courseOfLesson(deps, lessonId);
  await editCourse(
    deps,
    staff,
    courseId,
    'course.lesson_file_uploaded',
    async (trx, now) => {
      await trx.insertInto('lesson_files').values({ id: file.id, media_type: file.mediaType, size_bytes: file.size, sha256: file.sha256, created_by: staff.staffId, created_at: now }).execute();
      await trx.updateTable('lessons').set({ file_id: file.id }).where('id', '=', lessonId).execute();
    },
    { lessonId, mediaType: file.mediaType, sizeBytes: file.size },
  );
  return staffCourse(deps, staff, courseId);
}

/** Turns the author's question into its stored spec (option ids o1…, pair ids p1…). 400 when a correct index is out of range. */
export function questionSpec(q: QuestionInput): QuestionSpec {
  const bad = (pointer: string) => new AppError('validation_failed', { fieldErrors: [fieldError(pointer, 'correct_option_out_of_range')] });
  switch (q.type) {
    case 'single_choice':
      if (q.correct >= q.options.length) throw bad('/correct');
      return { options: q.options.map((o, i) => ({ id: `o${i + 1}`, ar: o.ar, en: o.en })), correct: [`o${q.correct + 1}`] };
    case 'multiple_choice':
      if (q.correct.some((c) => c >= q.options.length)) throw bad('/correct');
      return { options: q.options.map((o, i) => ({ id: `o${i + 1}`, ar: o.ar, en: o.en })), correct: [...new Set(q.correct)].sort((a, b) => a - b).map((c) => `o${c + 1}`) };
    case 'true_false':
      return { correct: q.correct };
    case 'short_answer':
      return { accepted: q.accepted };
    case 'matching':
      return { pairs: q.pairs.map((p, i) => ({ id: `p${i + 1}`, left: p.left, right: p.right })) };
    case 'free_text': {
      // Graded by the trainer (grading.service.ts); the guidance is for graders and never reaches trainees.
      const guidance = q.guidanceAr || q.guidanceEn ? { ar: q.guidanceAr ?? '', en: q.guidanceEn ?? '' } : null;
      return { freeText: true, maxLength: q.maxLength, maxPoints: q.maxPoints, guidance };
    }
  }
}

export async function addQuestion(deps: ElearningDeps, staff: StaffPrincipal, courseId: string, input: QuestionInput): Promise<StaffCourse> {
  const spec = questionSpec(input);
  await editCourse(deps, staff, courseId, 'course.question_added', async (trx, now) => {
    await trx.insertInto('quiz_questions').values({ id: randomUUID(), course_id: courseId, type: input.type, prompt_ar: input.promptAr, prompt_en: input.promptEn, spec: JSON.stringify(spec), created_at: now }).execute();
  });
  return staffCourse(deps, staff, courseId);
}

/**
 * Replaces a question of a draft or returned course's bank (its type may change; option ids are
 * renumbered). 400 `validation_failed` (`/correct` `correct_option_out_of_range`), 404
 * `quiz_question_not_found`, 409 `course_not_editable`. Audited `course.question_updated`.
 */
export async function updateQuestion(deps: ElearningDeps, staff: StaffPrincipal, questionId: string, input: QuestionInput): Promise<StaffCourse> {
  const q = await deps.db.selectFrom('quiz_questions').select('course_id').where('id', '=', questionId).executeTakeFirst();
  if (!q) throw new AppError('quiz_question_not_found');
  const spec = questionSpec(input);
  await editCourse(deps, staff, q.course_id, 'course.question_updated', async (trx) => {
    await trx.updateTable('quiz_questions').set({ type: input.type, prompt_ar: input.promptAr, prompt_en: input.promptEn, spec: JSON.stringify(spec) }).where('id', '=', questionId).execute();
  }, { questionId });
  return staffCourse(deps, staff, q.course_id);
}

export async function deleteQuestion(deps: ElearningDeps, staff: StaffPrincipal, questionId: string): Promise<StaffCourse> {
  const q = await deps.db.selectFrom('quiz_questions').select('course_id').where('id', '=', questionId).executeTakeFirst();
  if (!q) throw new AppError('quiz_question_not_found');
  await editCourse(deps, staff, q.course_id, 'course.question_deleted', async (trx) => {
    await trx.deleteFrom('quiz_questions').where('id', '=', questionId).execute();
  }, { questionId });
  return staffCourse(deps, staff, q.course_id);
}

// ---------------- Publication workflow ----------------

/** Arabic-Indic digits for numbers inside Arabic messages. */
const arDigits = toArabicDigits;

/**
 * Why a course is not ready for HQ review, as field errors (RFC 9457 `errors`, JSON Pointers into the
 * StaffCourse shape): no lessons at all, a module without lessons, a final quiz whose question bank is empty
 * (`quiz_bank_empty`), or a bank smaller than the questions drawn per attempt (`quiz_bank_too_small`).
 * Every course has a final quiz (CourseInput: `quizQuestionCount` ≥ 1) and completion needs it passed, so an
 * empty bank is refused rather than read as "no quiz": trainees could never be tested. The quiz messages
 * name the course's final quiz by the course title.
 */
export function readinessProblems(c: { titleAr?: string; titleEn?: string; quizQuestionCount: number; bankSize: number; modules: { id: string; lessonCount: number; titleAr: string; titleEn: string }[] }): FieldError[] {
  const out: FieldError[] = [];
  if (c.modules.every((m) => m.lessonCount === 0)) out.push({ pointer: '/modules', code: 'course_no_lessons', message: { ar: 'الدورة لا تحتوي على أي درس.', en: 'The course has no lessons.' } });
  for (const m of c.modules) {
    if (m.lessonCount === 0) out.push({ pointer: `/modules/${m.id}/lessons`, code: 'module_no_lessons', message: { ar: `الوحدة «${m.titleAr}» لا تحتوي على دروس.`, en: `The module "${m.titleEn}" has no lessons.` } });
  }
  const quiz = { ar: c.titleAr ? `الاختبار النهائي لدورة «${c.titleAr}»` : 'الاختبار النهائي للدورة', en: c.titleEn ? `The final quiz of "${c.titleEn}"` : "The course's final quiz" };
  if (c.bankSize === 0) {
    out.push({
      pointer: '/quiz/bankSize',
      code: 'quiz_bank_empty',
      message: { ar: `${quiz.ar}: بنك الأسئلة فارغ ويُسحب منه ${arDigits(c.quizQuestionCount)} في كل محاولة. أضف أسئلة قبل التقديم.`, en: `${quiz.en}: the question bank is empty and each attempt draws ${c.quizQuestionCount}. Add questions before submitting.` },
    });
  } else if (c.bankSize < c.quizQuestionCount) {
    out.push({
      pointer: '/quiz/bankSize',
      code: 'quiz_bank_too_small',
      message: {
        ar: `${quiz.ar}: بنك الأسئلة فيه ${arDigits(c.bankSize)} سؤال والاختبار يسحب ${arDigits(c.quizQuestionCount)} في كل محاولة: أضف أسئلة أو قلّل عدد أسئلة المحاولة.`,
        en: `${quiz.en}: the question bank has ${c.bankSize} question(s) but each attempt draws ${c.quizQuestionCount}: add questions or draw fewer.`,
      },
    });
  }
  return out;
}

/** The readiness problems of the locked course `c` (see readinessProblems), read in `trx`. */
async function courseReadiness(trx: Trx, c: Pick<CourseRow, 'id' | 'title_ar' | 'title_en' | 'quiz_question_count'>): Promise<FieldError[]> {
  const [mods, lessons, bank] = await Promise.all([repo.modules(trx, c.id), trx.selectFrom('lessons').select('module_id').where('course_id', '=', c.id).execute(), repo.bankSize(trx, c.id)]);
  return readinessProblems({
    titleAr: c.title_ar,
    titleEn: c.title_en,
    quizQuestionCount: c.quiz_question_count,
    bankSize: bank,
    modules: mods.map((m) => ({ id: m.id, titleAr: m.title_ar, titleEn: m.title_en, lessonCount: lessons.filter((l) => l.module_id === m.id).length })),
  });
}

/**
 * Centre manager: submits a draft or returned course to HQ training. 409 `course_state` (not draft or
 * returned); 422 `course_not_ready` with the reasons in `errors` (see readinessProblems).
 */
export async function submitCourse(deps: ElearningDeps, staff: StaffPrincipal, courseId: string): Promise<StaffCourse> {
  if (staff.role !== 'training_centre_manager') throw new AppError('forbidden');
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const c = await repo.lockCourse(trx, courseId);
    if (!c) throw new AppError('course_not_found');
    if (c.centre_id !== staff.trainingCentreId) throw new AppError('out_of_scope');
    if (c.status !== 'draft' && c.status !== 'returned') throw new AppError('course_state');
    const problems = await courseReadiness(trx, c);
    if (problems.length) throw new AppError('course_not_ready', { fieldErrors: problems });
    await trx.updateTable('courses').set({ status: 'submitted', submitted_by: staff.staffId, submitted_at: now, return_reason: null, updated_at: now }).where('id', '=', courseId).execute();
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'course.submitted', subjectType: 'course', subjectId: courseId, details: { from: c.status } }, now);
  });
  return staffCourse(deps, staff, courseId);
}

/**
 * HQ training: approves a submitted course, which publishes it. 403 for every other role; 409 `course_state`
 * unless submitted; 422 `course_not_ready` (reasons in `errors`, see readinessProblems) when the course is
 * not fit to publish, e.g. one submitted before its final quiz's bank was checked.
 */
export async function approveCourse(deps: ElearningDeps, staff: StaffPrincipal, courseId: string): Promise<StaffCourse> {
  return decide(deps, staff, courseId, { status: 'published', approved_by: staff.staffId, published_at: deps.clock() }, 'course.approved');
}

/** HQ training: returns a submitted course to its centre with a reason. */
export async function returnCourse(deps: ElearningDeps, staff: StaffPrincipal, courseId: string, reason: string): Promise<StaffCourse> {
  return decide(deps, staff, courseId, { status: 'returned', return_reason: reason }, 'course.returned');
}

async function decide(deps: ElearningDeps, staff: StaffPrincipal, courseId: string, set: { status: 'published' | 'returned'; approved_by?: string; published_at?: Date; return_reason?: string }, action: string): Promise<StaffCourse> {
  if (staff.role !== 'training_hq') throw new AppError('forbidden');
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const c = await repo.lockCourse(trx, courseId);
    if (!c) throw new AppError('course_not_found');
    if (c.status !== 'submitted') throw new AppError('course_state');
    if (set.status === 'published') {
      const problems = await courseReadiness(trx, c);
      if (problems.length) throw new AppError('course_not_ready', { fieldErrors: problems });
    }
    await trx.updateTable('courses').set({ ...set, updated_at: now }).where('id', '=', courseId).execute();
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action, subjectType: 'course', subjectId: courseId, details: set.return_reason ? { reason: set.return_reason } : {} }, now);
  });
  forgetCourseContent(deps.db, courseId);
  return staffCourse(deps, staff, courseId);
}

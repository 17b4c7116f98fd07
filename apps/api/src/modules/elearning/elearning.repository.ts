import { CompiledQuery, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CoursesTable, DB, LessonsTable, QuizAttemptsTable, QuizQuestionsTable } from '../../platform/db/schema.ts';

/** SQL of the e-learning module (issue 6): centres, courses, outline, enrolments, progress, quiz attempts. */
type Db = Kysely<DB> | Transaction<DB>;

export type CourseRow = Selectable<CoursesTable> & {
  centre_code: string;
  centre_name_ar: string;
  centre_name_en: string;
  centre_governorate: string;
  centre_demo: boolean;
  /** NULL for a pre-departure orientation course (no ISCO code, 0022). */
  occupation_ar: string | null;
  occupation_en: string | null;
  lesson_count: number;
};
export type LessonRow = Selectable<LessonsTable>;
export type QuestionRow = Selectable<QuizQuestionsTable>;
export type AttemptRow = Selectable<QuizAttemptsTable>;

export function listCentres(db: Db) {
  return db.selectFrom('training_centres').selectAll().where('active', '=', true).orderBy('code').execute();
}

function courseQuery(db: Db) {
  return db
    .selectFrom('courses as c')
    .innerJoin('training_centres as tc', 'tc.id', 'c.centre_id')
    .leftJoin('occupations as o', 'o.code', 'c.isco')
    .selectAll('c')
    .select([
      'tc.code as centre_code',
      'tc.name_ar as centre_name_ar',
      'tc.name_en as centre_name_en',
      'tc.governorate_code as centre_governorate',
      'tc.demo as centre_demo',
      'o.title_ar as occupation_ar',
      'o.title_en as occupation_en',
      sql<number>`(SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id)`.as('lesson_count'),
    ]);
}

/** Published courses, optionally by ISCO-08 code prefix (major group … unit group) and centre. */
export function catalogue(db: Db, filter: { isco?: string | undefined; centre?: string | undefined }): Promise<CourseRow[]> {
  let q = courseQuery(db).where('c.status', '=', 'published');
  // A retired pre-departure orientation course (0022: replaced by a newer content version) is not offered any more.
  q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('orientation_courses as oc').select('oc.course_id').whereRef('oc.course_id', '=', 'c.id').where('oc.retired_at', 'is not', null))));
  if (filter.isco) q = q.where('c.isco', 'like', `${filter.isco}%`);
  if (filter.centre) q = q.where('c.centre_id', '=', filter.centre);
  return q.orderBy('c.published_at', 'desc').limit(200).execute();
}

/** Courses of one centre (or every centre when `centreId` is null), newest first. */
export function staffCourses(db: Db, centreId: string | null, status: string | undefined): Promise<CourseRow[]> {
  let q = courseQuery(db);
  if (centreId) q = q.where('c.centre_id', '=', centreId);
  if (status) q = q.where('c.status', '=', status as CoursesTable['status']);
  return q.orderBy('c.updated_at', 'desc').limit(500).execute();
}

export function findCourse(db: Db, id: string): Promise<CourseRow | undefined> {
  return courseQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export function lockCourse(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('courses').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface OutlineRow {
  module_id: string;
  module_ar: string;
  module_en: string;
  lesson_id: string | null;
  lesson_ar: string | null;
  lesson_en: string | null;
  has_video: boolean | null;
  has_file: boolean | null;
  has_scorm: boolean | null;
  completed: boolean;
}

/** Modules and lessons in order, with each lesson's completion by `enrolmentId` (false when null) and whether it has a SCORM package (at most one per lesson). One query. */
export async function outline(db: Db, courseId: string, enrolmentId: string | null): Promise<OutlineRow[]> {
  const r = await sql<OutlineRow>`
    SELECT m.id AS module_id, m.title_ar AS module_ar, m.title_en AS module_en,
           l.id AS lesson_id, l.title_ar AS lesson_ar, l.title_en AS lesson_en,
           (l.video_url IS NOT NULL) AS has_video, (l.file_id IS NOT NULL) AS has_file,
           (sp.id IS NOT NULL) AS has_scorm,
           (lc.lesson_id IS NOT NULL) AS completed
    FROM course_modules m
    LEFT JOIN lessons l ON l.module_id = m.id
    LEFT JOIN scorm_packages sp ON sp.lesson_id = l.id
    LEFT JOIN lesson_completions lc ON lc.lesson_id = l.id AND lc.enrolment_id = ${enrolmentId}
    WHERE m.course_id = ${courseId}
    ORDER BY m.position, l.position`.execute(db);
  return r.rows;
}

export function prerequisites(db: Db, courseId: string) {
  return db
    .selectFrom('course_prerequisites as p')
    .innerJoin('courses as c', 'c.id', 'p.prerequisite_id')
    .select(['c.id', 'c.title_ar', 'c.title_en'])
    .where('p.course_id', '=', courseId)
    .orderBy('c.title_en')
    .execute();
}

export async function bankSize(db: Db, courseId: string): Promise<number> {
  const r = await db.selectFrom('quiz_questions').select(sql<number>`count(*)::int`.as('n')).where('course_id', '=', courseId).executeTakeFirstOrThrow();
  return r.n;
}

export function questions(db: Db, courseId: string): Promise<QuestionRow[]> {
  return db.selectFrom('quiz_questions').selectAll().where('course_id', '=', courseId).orderBy('created_at').orderBy('id').execute();
}

export function questionsByIds(db: Db, ids: string[]): Promise<QuestionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('quiz_questions').selectAll().where('id', 'in', ids).execute();
}

export function lessonsOfCourse(db: Db, courseId: string) {
  return db
    .selectFrom('lessons as l')
    .innerJoin('course_modules as m', 'm.id', 'l.module_id')
    .leftJoin('lesson_files as f', 'f.id', 'l.file_id')
    .leftJoin('scorm_packages as sp', 'sp.lesson_id', 'l.id')
    .selectAll('l')
    .select(['f.media_type', 'f.size_bytes'])
    .select(['sp.title as scorm_title', 'sp.launch_href as scorm_launch_href', 'sp.file_count as scorm_file_count', 'sp.size_bytes as scorm_size_bytes'])
    .select((eb) => eb.selectFrom('scorm_scos as ss').select(eb.fn.countAll<string>().as('n')).whereRef('ss.package_id', '=', 'sp.id').as('scorm_sco_count'))
    .where('l.course_id', '=', courseId)
    .orderBy('m.position')
    .orderBy('l.position')
    .execute();
}

export function modules(db: Db, courseId: string) {
  return db.selectFrom('course_modules').selectAll().where('course_id', '=', courseId).orderBy('position').execute();
}

/** One lesson with its file's type and size. */
export function findLesson(db: Db, lessonId: string) {
  return db
    .selectFrom('lessons as l')
    .leftJoin('lesson_files as f', 'f.id', 'l.file_id')
    .selectAll('l')
    .select(['f.media_type', 'f.size_bytes', 'f.sha256', 'f.created_at as file_created_at'])
    .where('l.id', '=', lessonId)
    .executeTakeFirst();
}

export function findEnrolment(db: Db, courseId: string, citizenId: string) {
  return db.selectFrom('enrolments').selectAll().where('course_id', '=', courseId).where('citizen_id', '=', citizenId).executeTakeFirst();
}

export function findEnrolmentById(db: Db, id: string, citizenId: string) {
  return db.selectFrom('enrolments').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).executeTakeFirst();
}

export function lockEnrolment(trx: Transaction<DB>, id: string, citizenId: string) {
  return trx.selectFrom('enrolments').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).forUpdate().executeTakeFirst();
}

export function enrolmentsOf(db: Db, citizenId: string) {
  return db.selectFrom('enrolments').selectAll().where('citizen_id', '=', citizenId).orderBy('enrolled_at', 'desc').execute();
}

export function attemptsOf(db: Db, enrolmentId: string): Promise<AttemptRow[]> {
  return db.selectFrom('quiz_attempts').selectAll().where('enrolment_id', '=', enrolmentId).orderBy('attempt_no').execute();
}

export function findAttempt(db: Db, id: string, citizenId: string): Promise<AttemptRow | undefined> {
  return db.selectFrom('quiz_attempts').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).executeTakeFirst();
}

export function lockAttempt(trx: Transaction<DB>, id: string, citizenId: string): Promise<AttemptRow | undefined> {
  return trx.selectFrom('quiz_attempts').selectAll().where('id', '=', id).where('citizen_id', '=', citizenId).forUpdate().executeTakeFirst();
}

/** Completed course ids of a citizen (for prerequisites). */
export async function completedCourseIds(db: Db, citizenId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('enrolments').select('course_id').where('citizen_id', '=', citizenId).where('completed_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.course_id));
}

export async function nextPosition(db: Db, table: 'course_modules' | 'lessons', column: 'course_id' | 'module_id', id: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT coalesce(max(position), 0)::int + 1 AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${id}`.execute(db);
  return r.rows[0]?.n ?? 1;
}

// ---- Round-trip-lean reads (issue 6 targets: 1,000 concurrent quiz submissions; the lesson page) ----

/** A timestamp from a JSON aggregate (json_agg writes timestamptz as ISO 8601 text). */
const jsonDate = (v: unknown): Date => new Date(v as string);
const jsonDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** A quiz_attempts row from json_agg / to_json, re-parsed to the row type (its timestamps as Date). */
function attemptFromJson(j: Record<string, unknown>): AttemptRow {
  return { ...(j as unknown as AttemptRow), started_at: jsonDate(j.started_at), deadline_at: jsonDate(j.deadline_at), submitted_at: jsonDateOrNull(j.submitted_at), graded_at: jsonDateOrNull(j.graded_at) };
}

/**
 * The two statements of a quiz submission as constant SQL text (issue 6 target: 1,000 concurrent quiz
 * submissions): building and compiling them with the query builder cost about as much JavaScript time per
 * submission as the lock statement itself takes on PGlite. The text is what the builder produced.
 */
const LOCK_ENROLMENT_WITH_ATTEMPT_SQL =
  'select "e".*, "a"."id" as "a_id", "a"."attempt_no" as "a_attempt_no", "a"."question_ids" as "a_question_ids", "a"."started_at" as "a_started_at", ' +
  '"a"."deadline_at" as "a_deadline_at", "a"."submitted_at" as "a_submitted_at", "a"."status" as "a_status", "a"."answers" as "a_answers", ' +
  '"a"."score_percent" as "a_score_percent", "a"."passed" as "a_passed", "a"."graded_by" as "a_graded_by", "a"."graded_at" as "a_graded_at" ' +
  'from "enrolments" as "e" inner join "quiz_attempts" as "a" on "a"."enrolment_id" = "e"."id" ' +
  'where "a"."id" = $1 and "a"."citizen_id" = $2 and "e"."citizen_id" = $3 for update of "e"';

type LockedAttemptRow = Selectable<DB['enrolments']> & {
  a_id: string;
  a_attempt_no: number;
  a_question_ids: string[];
  a_started_at: Date;
  a_deadline_at: Date;
  a_submitted_at: Date | null;
  a_status: AttemptRow['status'];
  a_answers: AttemptRow['answers'];
  a_score_percent: number | null;
  a_passed: boolean | null;
  a_graded_by: string | null;
  a_graded_at: Date | null;
};

const WRITE_ATTEMPT_RESULT_SQL = `
    WITH u AS (
      UPDATE quiz_attempts
         SET status = $1, submitted_at = $2::timestamptz, answers = $3::jsonb, score_percent = $4::smallint, passed = $5::boolean
       WHERE id = $6 AND status = 'open'
      RETURNING *)
    SELECT (SELECT to_json(u) FROM u) AS attempt,
           (SELECT coalesce(json_agg(lc.lesson_id), '[]'::json) FROM lesson_completions lc WHERE lc.enrolment_id = $7) AS completed,
           (SELECT coalesce(json_agg(a ORDER BY a.attempt_no), '[]'::json) FROM quiz_attempts a WHERE a.enrolment_id = $7) AS attempts`;

/**
 * The enrolment of the caller's attempt, locked (FOR UPDATE), with the attempt as it was read (not
 * locked): quiz submission takes the enrolment lock first, as startAttempt and completeLesson do, and
 * writes the attempt with a compare-and-set on its status (writeAttemptResult). Undefined for an unknown
 * attempt or another citizen's.
 */
export async function lockEnrolmentWithAttempt(trx: Transaction<DB>, attemptId: string, citizenId: string): Promise<{ attempt: AttemptRow; enrolment: Selectable<DB['enrolments']> } | undefined> {
  const row = (await trx.executeQuery<LockedAttemptRow>(CompiledQuery.raw(LOCK_ENROLMENT_WITH_ATTEMPT_SQL, [attemptId, citizenId, citizenId]))).rows[0];
  if (!row) return undefined;
  const { a_id, a_attempt_no, a_question_ids, a_started_at, a_deadline_at, a_submitted_at, a_status, a_answers, a_score_percent, a_passed, a_graded_by, a_graded_at, ...enrolment } = row;
  const attempt: AttemptRow = {
    id: a_id,
    enrolment_id: enrolment.id,
    citizen_id: citizenId,
    attempt_no: a_attempt_no,
    question_ids: a_question_ids,
    started_at: a_started_at,
    deadline_at: a_deadline_at,
    submitted_at: a_submitted_at,
    status: a_status,
    answers: a_answers,
    score_percent: a_score_percent,
    passed: a_passed,
    graded_by: a_graded_by,
    graded_at: a_graded_at,
  };
  return { attempt, enrolment };
}

/**
 * Writes a submission's result on an attempt that is still open (compare-and-set on the status) and, in
 * the same statement, reads the enrolment's completed lessons and attempts (the attempts as updated).
 * `attempt` is undefined when the attempt was no longer open (another submission got there first).
 * Run after the enrolment lock: the reads then see every change committed under it.
 */
export async function writeAttemptResult(
  trx: Transaction<DB>,
  attemptId: string,
  enrolmentId: string,
  result: { status: 'graded' | 'awaiting_grading'; submittedAt: Date; answersJson: string; score: number | null; passed: boolean | null },
): Promise<{ attempt: AttemptRow | undefined; completed: Set<string>; attempts: AttemptRow[] }> {
  const r = await trx.executeQuery<{ attempt: Record<string, unknown> | null; completed: string[]; attempts: Record<string, unknown>[] }>(
    CompiledQuery.raw(WRITE_ATTEMPT_RESULT_SQL, [result.status, result.submittedAt.toISOString(), result.answersJson, result.score, result.passed, attemptId, enrolmentId]),
  );
  const row = r.rows[0]!;
  const attempt = row.attempt ? attemptFromJson(row.attempt) : undefined;
  const attempts = row.attempts.map(attemptFromJson).map((a) => (attempt && a.id === attempt.id ? attempt : a));
  return { attempt, completed: new Set(row.completed), attempts };
}

/**
 * What the lesson page needs of a trainee's enrolment in one round trip: the enrolment row, the ids of
 * the lessons it completed and its quiz attempts in order. Undefined when the citizen is not enrolled.
 */
export async function lessonProgress(db: Db, courseId: string, citizenId: string): Promise<{ enrolment: Selectable<DB['enrolments']>; completed: Set<string>; attempts: AttemptRow[] } | undefined> {
  const row = await db
    .selectFrom('enrolments as e')
    .selectAll('e')
    .select(sql<string[]>`(SELECT coalesce(json_agg(lc.lesson_id), '[]'::json) FROM lesson_completions lc WHERE lc.enrolment_id = e.id)`.as('completed_json'))
    .select(sql<Record<string, unknown>[]>`(SELECT coalesce(json_agg(a ORDER BY a.attempt_no), '[]'::json) FROM quiz_attempts a WHERE a.enrolment_id = e.id)`.as('attempts_json'))
    .where('e.course_id', '=', courseId)
    .where('e.citizen_id', '=', citizenId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { completed_json, attempts_json, ...enrolment } = row;
  return { enrolment, completed: new Set(completed_json), attempts: attempts_json.map(attemptFromJson) };
}

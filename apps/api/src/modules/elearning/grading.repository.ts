import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { AnswerGrade } from './quiz.service.ts';

/** SQL of the free-text grading (issue 6 §3, 0023): the queue, one attempt for the grader, grades. */
type Db = Kysely<DB> | Transaction<DB>;

/** Which courses a grader sees: a centre's (centre manager) or a trainer's own in their centre. */
export interface GraderScope {
  centreId: string;
  /** Set for trainers: only courses they created. */
  createdBy: string | null;
}

export interface QueueRow {
  attempt_id: string;
  course_id: string;
  title_ar: string;
  title_en: string;
  attempt_no: number;
  name_ar: string;
  name_latin: string;
  submitted_at: Date;
  status: 'awaiting_grading' | 'graded';
  free_text_count: number;
  score_percent: number | null;
  passed: boolean | null;
}

/**
 * Attempts with free-text answers in the grader's scope: waiting (oldest first, the queue) or graded by
 * hand (newest first, at most 100). One query.
 */
export async function queue(db: Db, scope: GraderScope, filter: { courseId?: string | undefined; status: 'awaiting_grading' | 'graded' }): Promise<QueueRow[]> {
  const waiting = filter.status === 'awaiting_grading';
  const r = await sql<QueueRow>`
    SELECT a.id AS attempt_id, c.id AS course_id, c.title_ar, c.title_en, a.attempt_no,
           ci.name_ar, ci.name_latin, a.submitted_at, a.status, a.score_percent, a.passed,
           (SELECT count(*)::int FROM quiz_questions q
             WHERE q.course_id = c.id AND q.type = 'free_text'
               AND q.id::text IN (SELECT jsonb_array_elements_text(a.question_ids))) AS free_text_count
      FROM quiz_attempts a
      JOIN enrolments e ON e.id = a.enrolment_id
      JOIN courses c ON c.id = e.course_id
      JOIN citizens ci ON ci.id = a.citizen_id
     WHERE c.centre_id = ${scope.centreId}
       ${scope.createdBy ? sql`AND c.created_by = ${scope.createdBy}` : sql``}
       ${filter.courseId ? sql`AND c.id = ${filter.courseId}` : sql``}
       ${waiting ? sql`AND a.status = 'awaiting_grading'` : sql`AND a.status = 'graded' AND a.graded_by IS NOT NULL`}
     ORDER BY ${waiting ? sql`a.submitted_at ASC` : sql`a.graded_at DESC`}, a.id
     LIMIT ${waiting ? 500 : 100}`.execute(db);
  return r.rows;
}

/** The attempt, its course's centre, author and pass mark, and the trainee's name; optionally locked. */
export async function attemptForGrading(db: Db, attemptId: string) {
  return db
    .selectFrom('quiz_attempts as a')
    .innerJoin('enrolments as e', 'e.id', 'a.enrolment_id')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .innerJoin('citizens as ci', 'ci.id', 'a.citizen_id')
    .leftJoin('staff as s', 's.id', 'a.graded_by')
    .selectAll('a')
    .select(['c.id as course_id', 'c.centre_id', 'c.created_by', 'c.title_ar', 'c.title_en', 'c.quiz_pass_percent', 'ci.name_ar', 'ci.name_latin', 's.name_ar as grader_ar', 's.name_en as grader_en'])
    .where('a.id', '=', attemptId)
    .executeTakeFirst();
}

/** Locks the attempt row (one grading at a time; a second one sees it graded). */
export function lockAttempt(trx: Transaction<DB>, attemptId: string) {
  return trx.selectFrom('quiz_attempts').selectAll().where('id', '=', attemptId).forUpdate().executeTakeFirst();
}

/** The free-text grades of an attempt. */
export async function gradesOf(db: Db, attemptId: string): Promise<AnswerGrade[]> {
  const rows = await db.selectFrom('quiz_answer_grades').select(['question_id', 'points', 'max_points', 'feedback']).where('attempt_id', '=', attemptId).execute();
  return rows.map((r) => ({ questionId: r.question_id, points: r.points, maxPoints: r.max_points, feedback: r.feedback }));
}

/** The caller's attempts in one enrolment, newest first. */
export function attemptsOfEnrolment(db: Db, enrolmentId: string, citizenId: string) {
  return db
    .selectFrom('quiz_attempts')
    .select(['id', 'attempt_no', 'status', 'started_at', 'submitted_at', 'score_percent', 'passed'])
    .where('enrolment_id', '=', enrolmentId)
    .where('citizen_id', '=', citizenId)
    .orderBy('attempt_no', 'desc')
    .execute();
}

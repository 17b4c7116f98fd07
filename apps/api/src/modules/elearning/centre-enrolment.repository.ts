import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** SQL of enrolment by a training centre (issue 6 §2, 0023): finding the trainee's account, the centre's enrolments. */
type Db = Kysely<DB> | Transaction<DB>;

/** Confirmed, active citizen accounts with this E.164 mobile (0 or 1: mobiles are unique). */
export function citizensByMobile(db: Db, e164: string) {
  return db
    .selectFrom('citizens')
    .select(['id', 'name_ar', 'name_latin', 'mobile'])
    .where('mobile', '=', e164)
    .where('mobile_verified_at', 'is not', null)
    .where('disabled_at', 'is', null)
    .execute();
}

/** Confirmed, active citizen accounts with this email, case-insensitively (emails are not unique: up to 2 returned). */
export function citizensByEmail(db: Db, email: string) {
  return db
    .selectFrom('citizens')
    .select(['id', 'name_ar', 'name_latin', 'mobile'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('mobile_verified_at', 'is not', null)
    .where('disabled_at', 'is', null)
    .limit(2)
    .execute();
}

export interface CentreEnrolmentRow {
  enrolment_id: string;
  course_id: string;
  title_ar: string;
  title_en: string;
  name_ar: string;
  name_latin: string;
  mobile: string;
  enrolled_at: Date;
  enrolled_by_ar: string | null;
  enrolled_by_en: string | null;
  lessons: number;
  done: number;
  completed_at: Date | null;
}

/**
 * Enrolments in a centre's courses (optionally one course; a trainer's own courses when `createdBy`),
 * newest first, at most 200, with lessons completed over lessons in the course. One query.
 */
export async function centreEnrolments(db: Db, filter: { centreId: string; createdBy: string | null; courseId?: string | undefined; enrolmentId?: string }): Promise<CentreEnrolmentRow[]> {
  const r = await sql<CentreEnrolmentRow>`
    SELECT e.id AS enrolment_id, c.id AS course_id, c.title_ar, c.title_en, ci.name_ar, ci.name_latin, ci.mobile,
           e.enrolled_at, s.name_ar AS enrolled_by_ar, s.name_en AS enrolled_by_en, e.completed_at,
           (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id) AS lessons,
           (SELECT count(*)::int FROM lesson_completions lc WHERE lc.enrolment_id = e.id) AS done
      FROM enrolments e
      JOIN courses c ON c.id = e.course_id
      JOIN citizens ci ON ci.id = e.citizen_id
      LEFT JOIN staff s ON s.id = e.enrolled_by
     WHERE c.centre_id = ${filter.centreId}
       ${filter.createdBy ? sql`AND c.created_by = ${filter.createdBy}` : sql``}
       ${filter.courseId ? sql`AND c.id = ${filter.courseId}` : sql``}
       ${filter.enrolmentId ? sql`AND e.id = ${filter.enrolmentId}` : sql``}
     ORDER BY e.enrolled_at DESC, e.id
     LIMIT 200`.execute(db);
  return r.rows;
}

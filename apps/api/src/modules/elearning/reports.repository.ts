import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/**
 * Aggregates of the e-learning reports (issue 6 §9) over enrolments (0016, 0023), quiz attempts and
 * virtual-classroom bookings (0021). Plain SQL aggregates, the same on PostgreSQL and PGlite; sums and
 * counts only, so per-centre figures are derived exactly from per-course ones (reports.service.ts).
 */
export interface ReportFilter {
  /** null = every centre (HQ training). */
  centreId: string | null;
  /** Set for trainers: only the courses they created. */
  createdBy: string | null;
  /** Enrolled at ≥ from (UTC midnight) and < to (the day after the last day). */
  from: Date | null;
  to: Date | null;
}

function courseScope(f: ReportFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`c.published_at IS NOT NULL`];
  if (f.centreId) parts.push(sql`c.centre_id = ${f.centreId}`);
  if (f.createdBy) parts.push(sql`c.created_by = ${f.createdBy}`);
  return sql.join(parts, sql` AND `);
}

function enrolmentRange(f: ReportFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.from) parts.push(sql`e.enrolled_at >= ${f.from.toISOString()}`);
  if (f.to) parts.push(sql`e.enrolled_at < ${f.to.toISOString()}`);
  return sql.join(parts, sql` AND `);
}

export interface CourseAggregate {
  course_id: string;
  title_ar: string;
  title_en: string;
  status: string;
  centre_id: string;
  centre_code: string;
  centre_ar: string;
  centre_en: string;
  enrolments: number;
  completed: number;
  /** Sum over enrolments of their best graded score (percent), and how many enrolments have one. */
  score_sum: number;
  scored: number;
  awaiting: number;
}

/** Per published course in scope: enrolments, completions, best-score sum and count, attempts awaiting grading. One query. */
export async function courseAggregates(db: Kysely<DB>, f: ReportFilter): Promise<CourseAggregate[]> {
  const r = await sql<CourseAggregate>`
    WITH en AS (
      SELECT e.id, e.course_id, e.completed_at
        FROM enrolments e JOIN courses c ON c.id = e.course_id
       WHERE ${courseScope(f)} AND ${enrolmentRange(f)}
    ),
    best AS (
      SELECT a.enrolment_id, max(a.score_percent)::int AS best
        FROM quiz_attempts a JOIN en ON en.id = a.enrolment_id
       WHERE a.status = 'graded'
       GROUP BY a.enrolment_id
    ),
    waiting AS (
      SELECT a.enrolment_id, count(*)::int AS n
        FROM quiz_attempts a JOIN en ON en.id = a.enrolment_id
       WHERE a.status = 'awaiting_grading'
       GROUP BY a.enrolment_id
    )
    SELECT c.id AS course_id, c.title_ar, c.title_en, c.status,
           tc.id AS centre_id, tc.code AS centre_code, tc.name_ar AS centre_ar, tc.name_en AS centre_en,
           count(en.id)::int AS enrolments, count(en.completed_at)::int AS completed,
           coalesce(sum(best.best), 0)::int AS score_sum, count(best.best)::int AS scored,
           coalesce(sum(waiting.n), 0)::int AS awaiting
      FROM courses c
      JOIN training_centres tc ON tc.id = c.centre_id
      LEFT JOIN en ON en.course_id = c.id
      LEFT JOIN best ON best.enrolment_id = en.id
      LEFT JOIN waiting ON waiting.enrolment_id = en.id
     WHERE ${courseScope(f)}
     GROUP BY c.id, c.title_ar, c.title_en, c.status, tc.id, tc.code, tc.name_ar, tc.name_en
     ORDER BY tc.code, c.title_ar, c.id`.execute(db);
  return r.rows;
}

/** True when the virtual-classroom tables (0021) exist on this database. */
export async function hasAttendance(db: Kysely<DB>): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT to_regclass('live_session_bookings') IS NOT NULL AS ok`.execute(db);
  return r.rows[0]?.ok === true;
}

export interface AttendanceAggregate {
  course_id: string;
  /** Active bookings of sessions that have started (not cancelled by either side). */
  booked: number;
  /** Of those, bookings marked attended (on join, or by the trainer). */
  attended: number;
}

/** Per course in scope: seats booked in live sessions that have started by `now`, and seats attended. One query. */
export async function attendanceAggregates(db: Kysely<DB>, f: ReportFilter, now: Date): Promise<AttendanceAggregate[]> {
  const r = await sql<AttendanceAggregate>`
    SELECT e.course_id, count(*)::int AS booked, count(*) FILTER (WHERE b.attended)::int AS attended
      FROM live_session_bookings b
      JOIN live_sessions s ON s.id = b.session_id
      JOIN enrolments e ON e.id = b.enrolment_id
      JOIN courses c ON c.id = e.course_id
     WHERE ${courseScope(f)} AND ${enrolmentRange(f)}
       AND b.cancelled_at IS NULL AND s.cancelled_at IS NULL AND s.starts_at <= ${now.toISOString()}
     GROUP BY e.course_id`.execute(db);
  return r.rows;
}

/** Active training centres (id, code, names), for the per-centre table of the wider scopes. */
export function centres(db: Kysely<DB>, centreId: string | null) {
  let q = db.selectFrom('training_centres').select(['id', 'code', 'name_ar', 'name_en']).where('active', '=', true);
  if (centreId) q = q.where('id', '=', centreId);
  return q.orderBy('code').execute();
}

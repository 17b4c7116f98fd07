import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, LiveSessionBookingsTable, LiveSessionsTable } from '../../platform/db/schema.ts';

/** SQL of virtual classrooms (issue 6 §5): live sessions, bookings, attendance and reminder claims. */
type Db = Kysely<DB> | Transaction<DB>;

export type SessionRow = Selectable<LiveSessionsTable> & { booked: number; attended: number };
export type BookingRow = Selectable<LiveSessionBookingsTable>;

/** Active bookings and attended bookings per session, as columns of the session row. */
const counts = [
  sql<number>`(SELECT count(*)::int FROM live_session_bookings b WHERE b.session_id = s.id AND b.cancelled_at IS NULL)`.as('booked'),
  sql<number>`(SELECT count(*)::int FROM live_session_bookings b WHERE b.session_id = s.id AND b.cancelled_at IS NULL AND b.attended)`.as('attended'),
] as const;

/** Sessions of a course in start order, with their counts. */
export function sessionsOfCourse(db: Db, courseId: string): Promise<SessionRow[]> {
  return db.selectFrom('live_sessions as s').selectAll('s').select(counts).where('s.course_id', '=', courseId).orderBy('s.starts_at').orderBy('s.id').limit(500).execute();
}

/** One session with its counts and its course's centre, status and titles. */
export function findSession(db: Db, id: string) {
  return db
    .selectFrom('live_sessions as s')
    .innerJoin('courses as c', 'c.id', 's.course_id')
    .innerJoin('training_centres as tc', 'tc.id', 'c.centre_id')
    .selectAll('s')
    .select(counts)
    .select(['c.centre_id', 'c.status as course_status', 'c.title_ar as course_title_ar', 'c.title_en as course_title_en', 'tc.name_ar as centre_name_ar', 'tc.name_en as centre_name_en'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type SessionWithCourse = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** Locks the session row: bookings of one session are serialised on it (capacity). */
export function lockSession(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('live_sessions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function activeBookings(trx: Transaction<DB>, sessionId: string): Promise<number> {
  const r = await trx.selectFrom('live_session_bookings').select(sql<number>`count(*)::int`.as('n')).where('session_id', '=', sessionId).where('cancelled_at', 'is', null).executeTakeFirstOrThrow();
  return r.n;
}

export function bookingOf(db: Db, sessionId: string, enrolmentId: string): Promise<BookingRow | undefined> {
  return db.selectFrom('live_session_bookings').selectAll().where('session_id', '=', sessionId).where('enrolment_id', '=', enrolmentId).executeTakeFirst();
}

export function lockBookingOfCitizen(trx: Transaction<DB>, sessionId: string, citizenId: string): Promise<BookingRow | undefined> {
  return trx.selectFrom('live_session_bookings').selectAll().where('session_id', '=', sessionId).where('citizen_id', '=', citizenId).forUpdate().executeTakeFirst();
}

export function lockBooking(trx: Transaction<DB>, bookingId: string): Promise<BookingRow | undefined> {
  return trx.selectFrom('live_session_bookings').selectAll().where('id', '=', bookingId).forUpdate().executeTakeFirst();
}

/** The citizen's bookings (active or cancelled) in a course's sessions, by session id. */
export async function bookingsInCourse(db: Db, courseId: string, citizenId: string): Promise<Map<string, BookingRow>> {
  const rows = await db
    .selectFrom('live_session_bookings as b')
    .innerJoin('live_sessions as s', 's.id', 'b.session_id')
    .selectAll('b')
    .where('s.course_id', '=', courseId)
    .where('b.citizen_id', '=', citizenId)
    .execute();
  return new Map(rows.map((r) => [r.session_id, r]));
}

/** Sessions attended under an enrolment (active bookings of sessions that were not cancelled). The completion rule counts these. */
export async function attendedCount(db: Db, enrolmentId: string): Promise<number> {
  const r = await db
    .selectFrom('live_session_bookings as b')
    .innerJoin('live_sessions as s', 's.id', 'b.session_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('b.enrolment_id', '=', enrolmentId)
    .where('b.cancelled_at', 'is', null)
    .where('b.attended', '=', true)
    .where('s.cancelled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Active bookings of a session with the trainee's names (trainer view). Personal data. */
export function attendanceOfSession(db: Db, sessionId: string) {
  return db
    .selectFrom('live_session_bookings as b')
    .innerJoin('citizens as ct', 'ct.id', 'b.citizen_id')
    .select(['b.id', 'b.booked_at', 'b.joined_at', 'b.attended', 'b.attendance_marked_by', 'ct.name_ar', 'ct.name_latin'])
    .where('b.session_id', '=', sessionId)
    .where('b.cancelled_at', 'is', null)
    .orderBy('ct.name_ar')
    .execute();
}

/** Mobiles of a session's active bookings (cancellation SMS). */
export async function bookedMobiles(db: Db, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('live_session_bookings as b')
    .innerJoin('citizens as ct', 'ct.id', 'b.citizen_id')
    .select('ct.mobile')
    .where('b.session_id', '=', sessionId)
    .where('b.cancelled_at', 'is', null)
    .execute();
  return rows.map((r) => r.mobile);
}

/** The citizen's active bookings of sessions that are not cancelled and have not ended at `now`, soonest first. */
export function upcomingOfCitizen(db: Db, citizenId: string, now: Date) {
  return db
    .selectFrom('live_session_bookings as b')
    .innerJoin('live_sessions as s', 's.id', 'b.session_id')
    .innerJoin('courses as c', 'c.id', 's.course_id')
    .selectAll('s')
    .select(counts)
    .select(['c.title_ar as course_title_ar', 'c.title_en as course_title_en'])
    .where('b.citizen_id', '=', citizenId)
    .where('b.cancelled_at', 'is', null)
    .where('s.cancelled_at', 'is', null)
    .where(sql<boolean>`s.starts_at + make_interval(mins => s.duration_minutes) > ${now}`)
    .orderBy('s.starts_at')
    .limit(50)
    .execute();
}

/** Trainees who joined a session so far (count). */
export async function joinedCount(db: Db, sessionId: string): Promise<number> {
  const r = await db.selectFrom('live_session_bookings').select(sql<number>`count(*)::int`.as('n')).where('session_id', '=', sessionId).where('joined_at', 'is not', null).where('cancelled_at', 'is', null).executeTakeFirstOrThrow();
  return r.n;
}

export interface DueReminder {
  booking_id: string;
  mobile: string;
  course_id: string;
  course_title_ar: string;
  course_title_en: string;
  title_ar: string;
  title_en: string;
  starts_at: Date;
}

/**
 * Bookings due a reminder of `kind`: active booking of a session not cancelled that starts within
 * `leadMs` of `now` but later than `nextLeadMs` (the next, nearer reminder then replaces this one),
 * booked before the reminder's time (someone who books 30 minutes ahead needs no "1 hour" reminder),
 * and with no claim of this kind yet.
 */
export async function dueReminders(db: Db, kind: '24h' | '1h', now: Date, leadMs: number, nextLeadMs: number, limit: number): Promise<DueReminder[]> {
  const r = await sql<DueReminder>`
    SELECT b.id AS booking_id, ct.mobile, c.id AS course_id, c.title_ar AS course_title_ar, c.title_en AS course_title_en,
           s.title_ar, s.title_en, s.starts_at
    FROM live_sessions s
    JOIN live_session_bookings b ON b.session_id = s.id AND b.cancelled_at IS NULL
    JOIN courses c ON c.id = s.course_id
    JOIN citizens ct ON ct.id = b.citizen_id
    WHERE s.cancelled_at IS NULL
      AND s.starts_at > ${new Date(now.getTime() + nextLeadMs)}
      AND s.starts_at <= ${new Date(now.getTime() + leadMs)}
      AND b.booked_at < s.starts_at - make_interval(secs => ${leadMs / 1000}::double precision)
      AND NOT EXISTS (SELECT 1 FROM live_session_reminders r WHERE r.booking_id = b.id AND r.kind = ${kind})
    ORDER BY s.starts_at, b.id
    LIMIT ${limit}`.execute(db);
  return r.rows.map((row) => ({ ...row, starts_at: new Date(row.starts_at) }));
}

/** Claims a reminder (booking, kind): true when this call inserted the claim (and must send the SMS). */
export async function claimReminder(db: Db, bookingId: string, kind: '24h' | '1h', now: Date): Promise<boolean> {
  const r = await db.insertInto('live_session_reminders').values({ booking_id: bookingId, kind, sent_at: now }).onConflict((oc) => oc.columns(['booking_id', 'kind']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Releases a claim whose SMS could not be handed to the notifier, so the next run retries it. */
export async function releaseReminder(db: Db, bookingId: string, kind: '24h' | '1h'): Promise<void> {
  await db.deleteFrom('live_session_reminders').where('booking_id', '=', bookingId).where('kind', '=', kind).execute();
}

/** The live-session facts of the completion rule: sessions the course requires and sessions this enrolment attended. */
export async function liveSessionFacts(db: Db, courseId: string, enrolmentId: string): Promise<{ requiredSessions: number; attendedSessions: number }> {
  const c = await db.selectFrom('courses').select('required_sessions_attended').where('id', '=', courseId).executeTakeFirstOrThrow();
  return { requiredSessions: c.required_sessions_attended, attendedSessions: c.required_sessions_attended > 0 ? await attendedCount(db, enrolmentId) : 0 };
}

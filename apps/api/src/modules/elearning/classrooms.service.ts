/**
 * Virtual classrooms (issue 6 §5): live sessions scheduled per course by the course centre's trainers and
 * manager; seats booked by trainees enrolled in the published course (capacity checked under a row lock on
 * the session); a join link, only for booked trainees and the course's trainers and only in the join window
 * (JOIN_OPENS_MINUTES_BEFORE before the start until the end), issued by the conferencing port; joining
 * records attendance, which the trainer may adjust once the session has started; a recording linked after
 * the start (by hand, or fetched from BigBlueButton). Attendance counts toward completion when the course
 * sets `required_sessions_attended` (learning.service.ts COMPLETION_RULES).
 */
import { randomUUID } from 'node:crypto';
import { JOIN_OPENS_MINUTES_BEFORE, type CourseLiveSessions, type JoinResult, type LiveSessionInput, type LiveSessionView, type MyLiveSession, type SessionAttendance, type StaffCourseLiveSessions, type StaffLiveSession } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Principal, StaffPrincipal } from '../../platform/auth/principal.ts';
import * as courses from './elearning.repository.ts';
import { AUTHORS, TRAINING_STAFF, type ElearningDeps } from './elearning.service.ts';
import { tryComplete } from './learning.service.ts';
import type { ConferencingPort, RoomSession } from './classrooms.conferencing.ts';
import * as repo from './classrooms.repository.ts';
import type { BookingRow, SessionRow } from './classrooms.repository.ts';

export type ClassroomDeps = ElearningDeps & Pick<AppDeps, 'notifier'> & { conferencing: ConferencingPort };

const MINUTE = 60_000;
/** How far ahead a session may be scheduled. */
const MAX_AHEAD_MS = 366 * 24 * 60 * MINUTE;

type SessionTimes = Pick<SessionRow, 'starts_at' | 'duration_minutes'>;
const endOf = (s: SessionTimes): Date => new Date(s.starts_at.getTime() + s.duration_minutes * MINUTE);
const opensAt = (s: SessionTimes): Date => new Date(s.starts_at.getTime() - JOIN_OPENS_MINUTES_BEFORE * MINUTE);
/** The join window: from JOIN_OPENS_MINUTES_BEFORE before the start until the end (start + duration), end excluded. */
export const joinOpen = (s: SessionTimes, now: Date): boolean => now >= opensAt(s) && now < endOf(s);
const started = (s: SessionTimes, now: Date): boolean => now >= s.starts_at;

function bookingView(b: BookingRow | undefined) {
  if (!b || b.cancelled_at) return null;
  return { id: b.id, bookedAt: b.booked_at.toISOString(), joinedAt: b.joined_at ? b.joined_at.toISOString() : null, attended: b.attended };
}

export function toView(s: SessionRow, booking: BookingRow | undefined, now: Date): LiveSessionView {
  return {
    id: s.id,
    courseId: s.course_id,
    title: { ar: s.title_ar, en: s.title_en },
    startsAt: s.starts_at.toISOString(),
    endsAt: endOf(s).toISOString(),
    durationMinutes: s.duration_minutes,
    capacity: s.capacity,
    seatsLeft: Math.max(0, s.capacity - s.booked),
    cancelled: s.cancelled_at !== null,
    joinOpensAt: opensAt(s).toISOString(),
    joinOpen: s.cancelled_at === null && joinOpen(s, now),
    started: started(s, now),
    ended: now >= endOf(s),
    recordingUrl: s.recording_url,
    booking: bookingView(booking),
  };
}

function toStaffView(s: SessionRow, now: Date): StaffLiveSession {
  return {
    id: s.id,
    title: { ar: s.title_ar, en: s.title_en },
    startsAt: s.starts_at.toISOString(),
    endsAt: endOf(s).toISOString(),
    durationMinutes: s.duration_minutes,
    capacity: s.capacity,
    booked: s.booked,
    attended: s.attended,
    cancelled: s.cancelled_at !== null,
    joinOpen: s.cancelled_at === null && joinOpen(s, now),
    started: started(s, now),
    ended: now >= endOf(s),
    recordingUrl: s.recording_url,
  };
}

const roomOf = (s: Pick<SessionRow, 'id' | 'title_ar' | 'title_en' | 'starts_at' | 'duration_minutes' | 'capacity'>): RoomSession => ({
  id: s.id,
  title: { ar: s.title_ar, en: s.title_en },
  startsAt: s.starts_at,
  durationMinutes: s.duration_minutes,
  capacity: s.capacity,
});

// ---------------- Staff ----------------

/** May this staff member manage the course's sessions: a trainer or manager of the course's centre. */
const manages = (staff: StaffPrincipal, centreId: string): boolean => AUTHORS.includes(staff.role) && staff.trainingCentreId === centreId;

/** Reads: centre staff their centre's courses, HQ training every course. 403 `forbidden` | `out_of_scope`. */
function assertReads(staff: StaffPrincipal, centreId: string): void {
  if (!TRAINING_STAFF.includes(staff.role)) throw new AppError('forbidden');
  if (staff.role !== 'training_hq' && staff.trainingCentreId !== centreId) throw new AppError('out_of_scope');
}

function assertManages(staff: StaffPrincipal, centreId: string): void {
  if (!AUTHORS.includes(staff.role)) throw new AppError('forbidden');
  if (staff.trainingCentreId !== centreId) throw new AppError('out_of_scope');
}

/** The course's sessions for training staff, with booked/attended counts and the completion setting. 404 `course_not_found`. */
export async function staffCourseSessions(deps: ClassroomDeps, staff: StaffPrincipal, courseId: string): Promise<StaffCourseLiveSessions> {
  const course = await courses.findCourse(deps.db, courseId);
  if (!course) throw new AppError('course_not_found');
  assertReads(staff, course.centre_id);
  const now = deps.clock();
  const canManage = manages(staff, course.centre_id);
  return {
    courseId,
    courseTitle: { ar: course.title_ar, en: course.title_en },
    courseStatus: course.status,
    requiredSessionsAttended: course.required_sessions_attended,
    settingsEditable: canManage && (course.status === 'draft' || course.status === 'returned'),
    canManage,
    conferencing: deps.conferencing.kind,
    sessions: (await repo.sessionsOfCourse(deps.db, courseId)).map((s) => toStaffView(s, now)),
  };
}

/**
 * Sets the course's "live sessions to attend" (0–20), which completion then requires. Like every
 * completion rule it is edited with the course: draft or returned only (409 `course_state`), so HQ
 * training approves it with the rest. Audited `course.live_sessions_required`.
 */
export async function setRequiredSessions(deps: ClassroomDeps, staff: StaffPrincipal, courseId: string, required: number): Promise<StaffCourseLiveSessions> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const c = await courses.lockCourse(trx, courseId);
    if (!c) throw new AppError('course_not_found');
    assertManages(staff, c.centre_id);
    if (c.status !== 'draft' && c.status !== 'returned') throw new AppError('course_state');
    await trx.updateTable('courses').set({ required_sessions_attended: required, updated_at: now }).where('id', '=', courseId).execute();
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'course.live_sessions_required', subjectType: 'course', subjectId: courseId, details: { from: c.required_sessions_attended, to: required } }, now);
  });
  return staffCourseSessions(deps, staff, courseId);
}

/** Schedules a live session of a course (its centre's trainer or manager). 201. 422 `live_session_time_invalid` unless the start is in the future, within a year. */
export async function scheduleSession(deps: ClassroomDeps, staff: StaffPrincipal, courseId: string, input: LiveSessionInput): Promise<StaffCourseLiveSessions> {
  const now = deps.clock();
  const startsAt = new Date(input.startsAt);
  if (!(startsAt.getTime() > now.getTime() && startsAt.getTime() - now.getTime() <= MAX_AHEAD_MS)) throw new AppError('live_session_time_invalid');
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const c = await courses.lockCourse(trx, courseId);
    if (!c) throw new AppError('course_not_found');
    assertManages(staff, c.centre_id);
    await trx
      .insertInto('live_sessions')
      .values({ id, course_id: courseId, title_ar: input.titleAr, title_en: input.titleEn, starts_at: startsAt, duration_minutes: input.durationMinutes, capacity: input.capacity, recording_url: null, recording_linked_at: null, cancelled_at: null, created_by: staff.staffId, created_at: now })
      .execute();
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'live_session.scheduled', subjectType: 'live_session', subjectId: id, details: { courseId, startsAt: startsAt.toISOString(), durationMinutes: input.durationMinutes, capacity: input.capacity } }, now);
  });
  return staffCourseSessions(deps, staff, courseId);
}

/** Loads a session for a managing staff member. 404 `live_session_not_found`, 403 `forbidden` | `out_of_scope`. */
async function managedSession(deps: ClassroomDeps, staff: StaffPrincipal, sessionId: string): Promise<repo.SessionWithCourse> {
  const s = await repo.findSession(deps.db, sessionId);
  if (!s) throw new AppError('live_session_not_found');
  assertManages(staff, s.centre_id);
  return s;
}

/**
 * Cancels a session before it starts (409 `live_session_started` after). Booked trainees get an SMS
 * (Arabic and English) after the commit; a lost SMS loses nothing (the course page shows the cancellation).
 */
export async function cancelSession(deps: ClassroomDeps, staff: StaffPrincipal, sessionId: string): Promise<StaffCourseLiveSessions> {
  const s = await managedSession(deps, staff, sessionId);
  const now = deps.clock();
  const changed = await deps.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockSession(trx, sessionId))!;
    if (locked.cancelled_at) return false;
    if (started(locked, now)) throw new AppError('live_session_started');
    await trx.updateTable('live_sessions').set({ cancelled_at: now }).where('id', '=', sessionId).execute();
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'live_session.cancelled', subjectType: 'live_session', subjectId: sessionId, details: { courseId: s.course_id, booked: s.booked } }, now);
    return true;
  });
  if (changed) {
    const mobiles = await repo.bookedMobiles(deps.db, sessionId);
    const when = cairoTime(s.starts_at);
    for (const to of mobiles) {
      await deps.notifier
        .send({
          channel: 'sms',
          to,
          bodyAr: `ربط: أُلغيت الجلسة المباشرة «${s.title_ar}» في دورة «${s.course_title_ar}» التي كانت يوم ${when.ar} بتوقيت القاهرة.`,
          bodyEn: `Rabt: the live session "${s.title_en}" of the course "${s.course_title_en}" on ${when.en} (Cairo time) is cancelled.`,
        })
        .catch(() => undefined);
    }
  }
  return staffCourseSessions(deps, staff, s.course_id);
}

/** Booked trainees of a session with names, join time and attendance (training staff in scope). */
export async function sessionAttendance(deps: ClassroomDeps, staff: StaffPrincipal, sessionId: string): Promise<SessionAttendance> {
  const s = await repo.findSession(deps.db, sessionId);
  if (!s) throw new AppError('live_session_not_found');
  assertReads(staff, s.centre_id);
  const rows = await repo.attendanceOfSession(deps.db, sessionId);
  return {
    session: toStaffView(s, deps.clock()),
    courseId: s.course_id,
    bookings: rows.map((r) => ({
      bookingId: r.id,
      trainee: { ar: r.name_ar, en: r.name_latin },
      bookedAt: r.booked_at.toISOString(),
      joinedAt: r.joined_at ? r.joined_at.toISOString() : null,
      attended: r.attended,
      markedByTrainer: r.attendance_marked_by !== null,
    })),
  };
}

/**
 * The trainer marks or corrects attendance once the session has started (409 `live_session_not_started`
 * before; 409 `live_session_cancelled`). Each booking must be an active booking of this session (404
 * `live_session_booking_not_found`; nothing is changed then). A trainee marked present may thereby complete
 * the course (certificate issued in the same transaction). Unmarking does not revoke an issued certificate.
 */
export async function markAttendance(deps: ClassroomDeps, staff: StaffPrincipal, sessionId: string, marks: { bookingId: string; attended: boolean }[]): Promise<SessionAttendance> {
  const s = await managedSession(deps, staff, sessionId);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockSession(trx, sessionId))!;
    if (locked.cancelled_at) throw new AppError('live_session_cancelled');
    if (!started(locked, now)) throw new AppError('live_session_not_started');
    const present: BookingRow[] = [];
    let changed = 0;
    for (const m of marks) {
      const b = await repo.lockBooking(trx, m.bookingId);
      if (!b || b.session_id !== sessionId || b.cancelled_at) throw new AppError('live_session_booking_not_found');
      if (b.attended !== m.attended) changed++;
      await trx.updateTable('live_session_bookings').set({ attended: m.attended, attendance_marked_by: staff.staffId, attendance_marked_at: now }).where('id', '=', b.id).execute();
      if (m.attended) present.push(b);
    }
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'live_session.attendance_marked', subjectType: 'live_session', subjectId: sessionId, details: { marks: marks.length, present: present.length, changed } }, now);
    for (const b of present) {
      const e = await courses.lockEnrolment(trx, b.enrolment_id, b.citizen_id);
      if (e) await tryComplete(trx, deps, e, now);
    }
  });
  return sessionAttendance(deps, staff, s.id);
}

/** Links the recording's https URL once the session has started (409 `live_session_not_started`). Replaces an earlier link. */
export async function linkRecording(deps: ClassroomDeps, staff: StaffPrincipal, sessionId: string, url: string): Promise<StaffCourseLiveSessions> {
  const s = await managedSession(deps, staff, sessionId);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const locked = (await repo.lockSession(trx, sessionId))!;
    if (locked.cancelled_at) throw new AppError('live_session_cancelled');
    if (!started(locked, now)) throw new AppError('live_session_not_started');
    await trx.updateTable('live_sessions').set({ recording_url: url, recording_linked_at: now }).where('id', '=', sessionId).execute();
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'live_session.recording_linked', subjectType: 'live_session', subjectId: sessionId, details: { url } }, now);
  });
  return staffCourseSessions(deps, staff, s.course_id);
}

/**
 * Fetches the newest published recording from the conferencing service (BigBlueButton getRecordings) and
 * links it. 409 `conferencing_no_recordings` (built-in room), `live_session_no_recording` (none yet);
 * 502 `conferencing_unavailable`.
 */
export async function fetchRecording(deps: ClassroomDeps, staff: StaffPrincipal, sessionId: string): Promise<StaffCourseLiveSessions> {
  const s = await managedSession(deps, staff, sessionId);
  if (!started(s, deps.clock())) throw new AppError('live_session_not_started');
  const [newest] = await deps.conferencing.recordings(roomOf(s));
  if (!newest) throw new AppError('live_session_no_recording');
  return linkRecording(deps, staff, sessionId, newest.url);
}

// ---------------- Trainees ----------------

/** A published course's sessions, with the caller's bookings and attendance when a citizen is signed in. 404 `course_not_found`. */
export async function courseSessions(deps: ClassroomDeps, citizenId: string | null, courseId: string): Promise<CourseLiveSessions> {
  const course = await courses.findCourse(deps.db, courseId);
  if (!course || course.status !== 'published') throw new AppError('course_not_found');
  const enrolment = citizenId ? await courses.findEnrolment(deps.db, courseId, citizenId) : undefined;
  const [sessions, bookings, attended] = await Promise.all([
    repo.sessionsOfCourse(deps.db, courseId),
    enrolment && citizenId ? repo.bookingsInCourse(deps.db, courseId, citizenId) : Promise.resolve(new Map<string, BookingRow>()),
    enrolment ? repo.attendedCount(deps.db, enrolment.id) : Promise.resolve(0),
  ]);
  const now = deps.clock();
  return {
    courseId,
    requiredSessionsAttended: course.required_sessions_attended,
    attendedCount: attended,
    enrolled: enrolment !== undefined,
    conferencing: deps.conferencing.kind,
    sessions: sessions.map((s) => toView(s, bookings.get(s.id), now)),
  };
}

/** The caller's booked sessions that have not ended, soonest first (for "my learning"). */
export async function myUpcoming(deps: ClassroomDeps, citizenId: string): Promise<MyLiveSession[]> {
  const now = deps.clock();
  const rows = await repo.upcomingOfCitizen(deps.db, citizenId, now);
  const out: MyLiveSession[] = [];
  for (const r of rows) {
    const enrolment = await courses.findEnrolment(deps.db, r.course_id, citizenId);
    const booking = enrolment ? await repo.bookingOf(deps.db, r.id, enrolment.id) : undefined;
    out.push({ course: { id: r.course_id, title: { ar: r.course_title_ar, en: r.course_title_en } }, session: toView(r, booking, now) });
  }
  return out;
}

async function viewFor(deps: ClassroomDeps, sessionId: string, enrolmentId: string): Promise<LiveSessionView> {
  const s = (await repo.findSession(deps.db, sessionId))!;
  return toView(s, await repo.bookingOf(deps.db, sessionId, enrolmentId), deps.clock());
}

/**
 * Books a seat for the signed-in trainee, from scheduling until the session's end: a trainee who had not
 * booked (or was enrolled by the centre after the start) may still book a free seat while the session runs
 * and then join, so attendance-based completion stays reachable. Under a row lock on the session (so two
 * last-seat bookings never both succeed): 404 `live_session_not_found` (also for a course not published),
 * 409 `live_session_cancelled` | `live_session_ended` (at or after start + duration) | `live_session_full`,
 * 403 `not_enrolled`. Booking again answers the same booking (`created: false`); after a cancellation the
 * seat is taken again if one is free. Audited.
 */
export async function book(deps: ClassroomDeps, citizenId: string, sessionId: string): Promise<{ created: boolean; session: LiveSessionView }> {
  const now = deps.clock();
  const r = await deps.db.transaction().execute(async (trx) => {
    const s = await repo.lockSession(trx, sessionId);
    if (!s) throw new AppError('live_session_not_found');
    const course = await trx.selectFrom('courses').select('status').where('id', '=', s.course_id).executeTakeFirstOrThrow();
    if (course.status !== 'published') throw new AppError('live_session_not_found');
    if (s.cancelled_at) throw new AppError('live_session_cancelled');
    if (now >= endOf(s)) throw new AppError('live_session_ended');
    const enrolment = await courses.findEnrolment(trx, s.course_id, citizenId);
    if (!enrolment) throw new AppError('not_enrolled');
    const existing = await repo.bookingOf(trx, sessionId, enrolment.id);
    if (existing && !existing.cancelled_at) return { created: false, enrolmentId: enrolment.id };
    if ((await repo.activeBookings(trx, sessionId)) >= s.capacity) throw new AppError('live_session_full');
    if (existing) {
      await trx.updateTable('live_session_bookings').set({ cancelled_at: null, booked_at: now, joined_at: null, attended: false, attendance_marked_by: null, attendance_marked_at: null }).where('id', '=', existing.id).execute();
    } else {
      await trx.insertInto('live_session_bookings').values({ id: randomUUID(), session_id: sessionId, enrolment_id: enrolment.id, citizen_id: citizenId, booked_at: now, cancelled_at: null, joined_at: null, attendance_marked_by: null, attendance_marked_at: null }).execute();
    }
    await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'live_session.booked', subjectType: 'live_session', subjectId: sessionId, details: { enrolmentId: enrolment.id } }, now);
    return { created: true, enrolmentId: enrolment.id };
  });
  return { created: r.created, session: await viewFor(deps, sessionId, r.enrolmentId) };
}

/** Cancels the caller's booking before the start (409 `live_session_started` after), freeing the seat. Idempotent. 404 `live_session_booking_not_found` with no booking. */
export async function cancelBooking(deps: ClassroomDeps, citizenId: string, sessionId: string): Promise<LiveSessionView> {
  const now = deps.clock();
  const enrolmentId = await deps.db.transaction().execute(async (trx) => {
    const s = await repo.lockSession(trx, sessionId);
    if (!s) throw new AppError('live_session_not_found');
    const b = await repo.lockBookingOfCitizen(trx, sessionId, citizenId);
    if (!b) throw new AppError('live_session_booking_not_found');
    if (b.cancelled_at) return b.enrolment_id;
    if (started(s, now)) throw new AppError('live_session_started');
    await trx.updateTable('live_session_bookings').set({ cancelled_at: now }).where('id', '=', b.id).execute();
    await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'live_session.booking_cancelled', subjectType: 'live_session', subjectId: sessionId, details: { enrolmentId: b.enrolment_id } }, now);
    return b.enrolment_id;
  });
  return viewFor(deps, sessionId, enrolmentId);
}

/**
 * Join: the conferencing link, for a trainee with an active booking (403 `live_session_not_booked`) or a
 * trainer/manager of the course's centre (403 otherwise), only inside the join window (409
 * `live_session_not_open`; `live_session_cancelled`). The room is prepared first (BigBlueButton `create`;
 * 502 `conferencing_unavailable` records nothing); then a trainee's attendance is recorded (first join
 * audited), which may complete the course and issue its certificate.
 */
export async function join(deps: ClassroomDeps, principal: Principal, sessionId: string): Promise<JoinResult> {
  if (principal.kind === 'anonymous') throw new AppError('unauthenticated');
  const s = await repo.findSession(deps.db, sessionId);
  if (!s || (principal.kind === 'citizen' && s.course_status !== 'published')) throw new AppError('live_session_not_found');
  const now = deps.clock();
  let participant: { role: 'trainee' | 'trainer'; fullName: string; userId: string };
  if (principal.kind === 'citizen') {
    const b = await deps.db.selectFrom('live_session_bookings').select(['id', 'cancelled_at']).where('session_id', '=', sessionId).where('citizen_id', '=', principal.citizenId).executeTakeFirst();
    if (!b || b.cancelled_at) throw new AppError('live_session_not_booked');
    const c = await deps.db.selectFrom('citizens').select('name_ar').where('id', '=', principal.citizenId).executeTakeFirstOrThrow();
    participant = { role: 'trainee', fullName: c.name_ar, userId: b.id };
  } else if (principal.kind === 'staff') {
    assertManages(principal, s.centre_id);
    const st = await deps.db.selectFrom('staff').select('name_ar').where('id', '=', principal.staffId).executeTakeFirstOrThrow();
    participant = { role: 'trainer', fullName: st.name_ar, userId: `staff-${principal.staffId}` };
  } else throw new AppError('forbidden');
  if (s.cancelled_at) throw new AppError('live_session_cancelled');
  if (!joinOpen(s, now)) throw new AppError('live_session_not_open');

  const joinUrl = await deps.conferencing.joinUrl(roomOf(s), participant);

  let certificateCode: string | null = null;
  if (principal.kind === 'citizen') {
    const citizenId = principal.citizenId;
    certificateCode = await deps.db.transaction().execute(async (trx) => {
      const b = await repo.lockBookingOfCitizen(trx, sessionId, citizenId);
      if (!b || b.cancelled_at) throw new AppError('live_session_not_booked');
      await trx.updateTable('live_session_bookings').set({ joined_at: b.joined_at ?? now, attended: true }).where('id', '=', b.id).execute();
      if (!b.joined_at) await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'live_session.joined', subjectType: 'live_session', subjectId: sessionId, details: { enrolmentId: b.enrolment_id, conferencing: deps.conferencing.kind } }, now);
      const e = await courses.lockEnrolment(trx, b.enrolment_id, citizenId);
      if (!e) return null;
      await tryComplete(trx, deps, e, now);
      const after = await trx.selectFrom('enrolments').select('certificate_code').where('id', '=', e.id).executeTakeFirstOrThrow();
      return after.certificate_code;
    });
  }
  return {
    conferencing: deps.conferencing.kind,
    joinUrl,
    role: participant.role,
    session: { id: s.id, title: { ar: s.title_ar, en: s.title_en }, startsAt: s.starts_at.toISOString(), endsAt: endOf(s).toISOString(), durationMinutes: s.duration_minutes, recordingUrl: s.recording_url },
    course: { id: s.course_id, title: { ar: s.course_title_ar, en: s.course_title_en }, centre: { ar: s.centre_name_ar, en: s.centre_name_en } },
    attendanceRecorded: participant.role === 'trainee',
    participantsJoined: await repo.joinedCount(deps.db, sessionId),
    certificateCode,
  };
}

// ---------------- Time in messages ----------------

/** A session time as people in Egypt read it: date and time in Africa/Cairo, in Arabic and English. */
export function cairoTime(d: Date): { ar: string; en: string } {
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'Africa/Cairo', weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' };
  return { ar: new Intl.DateTimeFormat('ar-EG', opts).format(d), en: new Intl.DateTimeFormat('en-GB', opts).format(d) };
}

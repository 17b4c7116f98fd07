import { z } from 'zod';
import { parseLocaleNumber } from './digits.ts';

/**
 * Virtual classrooms of the vocational e-learning module (issue 6 §5): live sessions scheduled per course
 * with a capacity, seat bookings by enrolled trainees, a join link issued by the configured conferencing
 * adapter (the built-in room page, or a BigBlueButton server), attendance, recordings and the completion
 * setting "live sessions to attend". Times are RFC 3339 instants (UTC on output).
 */

const Text = z.object({ ar: z.string(), en: z.string() });
const Name = (max: number) => z.string().trim().min(1).max(max);
/** Integer field that also accepts Arabic-Indic digits ("١٥") when sent as a string. */
const IntInput = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (parseLocaleNumber(v) ?? 0) : v), z.number().int().min(min).max(max));

/** Minutes before the start when the join link opens; it closes at the session's end (start + duration). */
export const JOIN_OPENS_MINUTES_BEFORE = 15;

/** Which conferencing adapter issues join links: the built-in room page, or a BigBlueButton-compatible server (BBB_URL). */
export const ConferencingKind = z.enum(['builtin', 'bbb']);
export type ConferencingKind = z.infer<typeof ConferencingKind>;

/** Trainer or centre manager: schedules a live session. `startsAt` is an RFC 3339 date-time with offset, in the future (≤ 1 year). */
export const LiveSessionInput = z.strictObject({
  titleAr: Name(200),
  titleEn: Name(200),
  startsAt: z.iso.datetime({ offset: true }),
  /** Length in minutes, 15–480. */
  durationMinutes: IntInput(15, 480),
  /** Seats, 1–500. */
  capacity: IntInput(1, 500),
});
export type LiveSessionInput = z.infer<typeof LiveSessionInput>;

/** The course's completion setting: live sessions a trainee must attend (0–20; 0 = none, the default). */
export const LiveSessionSettingsInput = z.strictObject({ requiredSessionsAttended: IntInput(0, 20) });
export type LiveSessionSettingsInput = z.infer<typeof LiveSessionSettingsInput>;

/** Trainer: attendance per booking (true = attended). */
export const AttendanceInput = z.strictObject({ marks: z.array(z.strictObject({ bookingId: z.uuid(), attended: z.boolean() })).min(1).max(500) });
export type AttendanceInput = z.infer<typeof AttendanceInput>;

/** Trainer: the recording's https link. */
export const RecordingInput = z.strictObject({
  url: z
    .string()
    .trim()
    .max(1000)
    .refine((v) => /^https:\/\/[^\s<>"]+$/.test(v), { message: 'invalid_format' }),
});

export const LiveSessionBooking = z.object({
  id: z.uuid(),
  bookedAt: z.iso.datetime(),
  joinedAt: z.iso.datetime().nullable(),
  attended: z.boolean(),
});

/** A live session as a trainee sees it. */
export const LiveSessionView = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  title: Text,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  cancelled: z.boolean(),
  /** When the join link opens (JOIN_OPENS_MINUTES_BEFORE before the start). */
  joinOpensAt: z.iso.datetime(),
  /** The join window is open at the server's clock now. */
  joinOpen: z.boolean(),
  /** The session has started (seats can no longer be booked or cancelled). */
  started: z.boolean(),
  /** The session has ended (start + duration is past). */
  ended: z.boolean(),
  recordingUrl: z.string().nullable(),
  /** The caller's active booking, if any. */
  booking: LiveSessionBooking.nullable(),
});
export type LiveSessionView = z.infer<typeof LiveSessionView>;

/** GET /elearning/courses/{id}/live-sessions: the course's sessions, the completion setting and the caller's attendance. */
export const CourseLiveSessions = z.object({
  courseId: z.uuid(),
  requiredSessionsAttended: z.number().int(),
  /** Sessions the caller attended (0 when not enrolled or signed out). */
  attendedCount: z.number().int(),
  enrolled: z.boolean(),
  conferencing: ConferencingKind,
  sessions: z.array(LiveSessionView),
});
export type CourseLiveSessions = z.infer<typeof CourseLiveSessions>;

/** GET /elearning/my/live-sessions: the caller's booked sessions that have not ended, soonest first. */
export const MyLiveSession = z.object({ course: z.object({ id: z.uuid(), title: Text }), session: LiveSessionView });
export type MyLiveSession = z.infer<typeof MyLiveSession>;

/** A live session in the training staff's view. */
export const StaffLiveSession = z.object({
  id: z.uuid(),
  title: Text,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  booked: z.number().int(),
  attended: z.number().int(),
  cancelled: z.boolean(),
  joinOpen: z.boolean(),
  started: z.boolean(),
  ended: z.boolean(),
  recordingUrl: z.string().nullable(),
});
export type StaffLiveSession = z.infer<typeof StaffLiveSession>;

/** GET /training/courses/{id}/live-sessions. */
export const StaffCourseLiveSessions = z.object({
  courseId: z.uuid(),
  courseTitle: Text,
  courseStatus: z.enum(['draft', 'submitted', 'published', 'returned']),
  requiredSessionsAttended: z.number().int(),
  /** The completion setting is edited with the course (draft or returned), by its authors. */
  settingsEditable: z.boolean(),
  /** The caller may schedule, cancel, mark attendance and link recordings (the course centre's trainers and manager). */
  canManage: z.boolean(),
  conferencing: ConferencingKind,
  sessions: z.array(StaffLiveSession),
});
export type StaffCourseLiveSessions = z.infer<typeof StaffCourseLiveSessions>;

/** GET /training/live-sessions/{id}/attendance: booked trainees (names for the trainer only). Personal data. */
export const SessionAttendance = z.object({
  session: StaffLiveSession,
  courseId: z.uuid(),
  bookings: z.array(
    z.object({
      bookingId: z.uuid(),
      trainee: Text,
      bookedAt: z.iso.datetime(),
      joinedAt: z.iso.datetime().nullable(),
      attended: z.boolean(),
      /** Set by the trainer rather than recorded on join. */
      markedByTrainer: z.boolean(),
    }),
  ),
});
export type SessionAttendance = z.infer<typeof SessionAttendance>;

/** POST /live-sessions/{id}/join: the link to open and the room's details (built-in room page, or a BigBlueButton URL). */
export const JoinResult = z.object({
  conferencing: ConferencingKind,
  /** Built-in: the room page path `/classroom/{id}`; BigBlueButton: the signed `join` URL to redirect to. */
  joinUrl: z.string(),
  role: z.enum(['trainee', 'trainer']),
  session: z.object({ id: z.uuid(), title: Text, startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), durationMinutes: z.number().int(), recordingUrl: z.string().nullable() }),
  course: z.object({ id: z.uuid(), title: Text, centre: Text }),
  /** Trainee: attendance is recorded (now or on an earlier join). */
  attendanceRecorded: z.boolean(),
  /** Trainees who have joined so far (a count, no names). */
  participantsJoined: z.number().int(),
  /** Set when joining completed the course and issued its certificate. */
  certificateCode: z.string().nullable(),
});
export type JoinResult = z.infer<typeof JoinResult>;

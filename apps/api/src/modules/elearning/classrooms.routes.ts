import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttendanceInput, CourseLiveSessions, IdParams, JoinResult, LiveSessionInput, LiveSessionSettingsInput, LiveSessionView, MyLiveSession, RecordingInput, SessionAttendance, StaffCourseLiveSessions } from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import { AUTHORS, TRAINING_STAFF } from './elearning.service.ts';
import { elearningMalformedIds } from './malformed-ids.ts';
import * as classrooms from './classrooms.service.ts';
import type { ClassroomDeps } from './classrooms.service.ts';

const tags = ['e-learning: virtual classrooms'];

/**
 * Virtual classrooms (issue 6 §5). Trainees: a course's live sessions, booking and cancelling a seat,
 * their upcoming sessions, and joining. Training staff (under /training): the course's sessions and its
 * "sessions to attend" setting, scheduling, cancelling, attendance and recordings. Joining answers the
 * link of the configured conferencing adapter (built-in room page `/classroom/{id}`, or BigBlueButton).
 */
export function classroomRoutes(deps: ClassroomDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    elearningMalformedIds(app);

    // ---------------- Trainees ----------------

    /** A published course's live sessions (seats left, join window, recording), the sessions to attend, and the caller's bookings and attendance. 404 `course_not_found`. */
    app.get('/elearning/courses/:id/live-sessions', { schema: { tags, params: IdParams, response: { 200: CourseLiveSessions, ...problemResponses } } }, async (req) =>
      classrooms.courseSessions(deps, req.principal.kind === 'citizen' ? req.principal.citizenId : null, req.params.id),
    );

    /** The caller's booked sessions that have not ended, soonest first. */
    app.get('/elearning/my/live-sessions', { schema: { tags, response: { 200: z.array(MyLiveSession), ...problemResponses } } }, async (req) => classrooms.myUpcoming(deps, requireCitizen(req.principal).citizenId));

    /** Books a seat: 201 new, 200 already booked. 403 `not_enrolled`; 409 `live_session_full` | `live_session_ended` | `live_session_cancelled` (booking stays open until the session ends). */
    app.post('/elearning/live-sessions/:id/booking', { schema: { tags, params: IdParams, response: { 200: LiveSessionView, 201: LiveSessionView, ...problemResponses } } }, async (req, reply) => {
      const r = await classrooms.book(deps, requireCitizen(req.principal).citizenId, req.params.id);
      return reply.code(r.created ? 201 : 200).send(r.session);
    });

    /** Cancels the caller's booking before the start (idempotent). 409 `live_session_started`, 404 `live_session_booking_not_found`. */
    app.delete('/elearning/live-sessions/:id/booking', { schema: { tags, params: IdParams, response: { 200: LiveSessionView, ...problemResponses } } }, async (req) =>
      classrooms.cancelBooking(deps, requireCitizen(req.principal).citizenId, req.params.id),
    );

    /**
     * Joins: answers the link to open (built-in room page, or a signed BigBlueButton join URL to redirect to)
     * and records a trainee's attendance. Booked trainees and the course centre's trainers only, from 15
     * minutes before the start to the end. 403 `live_session_not_booked`, 409 `live_session_not_open`, 502 `conferencing_unavailable`.
     */
    app.post('/live-sessions/:id/join', { schema: { tags, params: IdParams, response: { 200: JoinResult, ...problemResponses } } }, async (req) => classrooms.join(deps, req.principal, req.params.id));

    // ---------------- Training staff ----------------

    /** A course's sessions with booked and attended counts, and its "sessions to attend" setting (training staff in scope). */
    app.get('/training/courses/:id/live-sessions', { schema: { tags, params: IdParams, response: { 200: StaffCourseLiveSessions, ...problemResponses } } }, async (req) =>
      classrooms.staffCourseSessions(deps, requireStaff(req.principal, TRAINING_STAFF), req.params.id),
    );

    /** Schedules a live session (the course centre's trainer or manager). 201. 422 `live_session_time_invalid`. */
    app.post('/training/courses/:id/live-sessions', { schema: { tags, params: IdParams, body: LiveSessionInput, response: { 201: StaffCourseLiveSessions, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await classrooms.scheduleSession(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body)),
    );

    /** Sets the live sessions a trainee must attend to complete the course (0–20); draft or returned courses only (409 `course_state`). */
    app.put('/training/courses/:id/live-sessions/settings', { schema: { tags, params: IdParams, body: LiveSessionSettingsInput, response: { 200: StaffCourseLiveSessions, ...problemResponses } } }, async (req) =>
      classrooms.setRequiredSessions(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body.requiredSessionsAttended),
    );

    /** Cancels a session before it starts; booked trainees get an SMS. 409 `live_session_started`. */
    app.post('/training/live-sessions/:id/cancel', { schema: { tags, params: IdParams, response: { 200: StaffCourseLiveSessions, ...problemResponses } } }, async (req) =>
      classrooms.cancelSession(deps, requireStaff(req.principal, AUTHORS), req.params.id),
    );

    /** Booked trainees with join time and attendance. Personal data: training staff in scope only. */
    app.get('/training/live-sessions/:id/attendance', { schema: { tags, params: IdParams, response: { 200: SessionAttendance, ...problemResponses } } }, async (req) =>
      classrooms.sessionAttendance(deps, requireStaff(req.principal, TRAINING_STAFF), req.params.id),
    );

    /** Marks or corrects attendance once the session has started. 409 `live_session_not_started`, 404 `live_session_booking_not_found`. */
    app.put('/training/live-sessions/:id/attendance', { schema: { tags, params: IdParams, body: AttendanceInput, response: { 200: SessionAttendance, ...problemResponses } } }, async (req) =>
      classrooms.markAttendance(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body.marks),
    );

    /** Links the recording's https URL once the session has started. */
    app.put('/training/live-sessions/:id/recording', { schema: { tags, params: IdParams, body: RecordingInput, response: { 200: StaffCourseLiveSessions, ...problemResponses } } }, async (req) =>
      classrooms.linkRecording(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body.url),
    );

    /** Fetches and links the newest recording from BigBlueButton (getRecordings). 409 `conferencing_no_recordings` | `live_session_no_recording`, 502. */
    app.post('/training/live-sessions/:id/recording/fetch', { schema: { tags, params: IdParams, response: { 200: StaffCourseLiveSessions, ...problemResponses } } }, async (req) =>
      classrooms.fetchRecording(deps, requireStaff(req.principal, AUTHORS), req.params.id),
    );
  };
}

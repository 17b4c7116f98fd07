import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AttemptView, CourseLiveSessions, EnrolmentState, JoinResult, LiveSessionView, MyLiveSession, SessionAttendance, StaffCourse, StaffCourseLiveSessions, VerificationResult } from '@rabt/contracts';
import { registerCitizen, signInStaff, toE164 } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { bbbChecksum } from './classrooms.conferencing.ts';
import { sendDueReminders } from './classrooms.reminders.ts';

/**
 * Virtual classrooms on the API (issue 6 §5): scheduling by the course's trainer, seat booking with the
 * capacity held under a race, refusals (not enrolled, outside the join window, not booked), attendance on
 * join and by the trainer, recordings, SMS reminders sent once, and the completion rule "sessions to
 * attend" before the certificate. Then the BigBlueButton adapter against a local BBB-compatible server
 * that checks every checksum.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Clients stay signed in while the test clock moves by days.
const LONG_SESSIONS = { SESSION_IDLE_MINUTES: '1000000', SESSION_ABSOLUTE_HOURS: '100000' };

interface Staff {
  trainer: TestClient;
  manager: TestClient;
  hq: TestClient;
}

/** A published course (one lesson, one true/false question) requiring `required` attended sessions. */
async function publishedCourse(t: TestNode, s: Staff, required: number): Promise<{ courseId: string; lessonId: string }> {
  const c = await s.trainer.post('/api/v1/training/courses', {
    titleAr: 'السلامة في ورش اللحام',
    titleEn: 'Welding workshop safety',
    descriptionAr: 'قواعد العمل الآمن.',
    descriptionEn: 'Safe working rules.',
    isco: '7212',
    skillLevel: null,
    quizQuestionCount: 1,
    quizTimeLimitMinutes: 10,
    quizMaxAttempts: 3,
    quizPassPercent: 50,
    prerequisiteIds: [],
  });
  assert.equal(c.statusCode, 201, c.body);
  const courseId = c.json<StaffCourse>().id;
  const m = await s.trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'الأساسيات', titleEn: 'Basics' });
  const moduleId = m.json<StaffCourse>().modules[0]!.id;
  const l = await s.trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: 'النظارات الواقية', titleEn: 'Goggles', bodyAr: 'البس النظارة.', bodyEn: 'Wear goggles.', videoUrl: null });
  const lessonId = l.json<StaffCourse>().modules[0]!.lessons[0]!.id;
  await s.trainer.post(`/api/v1/training/courses/${courseId}/questions`, { type: 'true_false', promptAr: 'النظارة ضرورية.', promptEn: 'Goggles are needed.', correct: true });
  if (required > 0) {
    const set = await s.trainer.request('PUT', `/api/v1/training/courses/${courseId}/live-sessions/settings`, { requiredSessionsAttended: String(required) === '1' ? '١' : String(required) });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json<StaffCourseLiveSessions>().requiredSessionsAttended, required);
  }
  assert.equal((await s.manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
  assert.equal((await s.hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);
  void t;
  return { courseId, lessonId };
}

async function schedule(t: TestNode, trainer: TestClient, courseId: string, startsInMs: number, capacity = 10, durationMinutes = 60): Promise<string> {
  const startsAt = new Date(t.clock.now().getTime() + startsInMs).toISOString();
  const r = await trainer.post(`/api/v1/training/courses/${courseId}/live-sessions`, { titleAr: 'جلسة تطبيقية', titleEn: 'Practical session', startsAt, durationMinutes, capacity });
  assert.equal(r.statusCode, 201, r.body);
  const s = r.json<StaffCourseLiveSessions>().sessions.find((x) => x.startsAt === startsAt);
  assert.ok(s);
  return s.id;
}

async function enrolledTrainee(t: TestNode, courseId: string, overrides: Record<string, unknown> = {}) {
  const client = t.client();
  const who = await registerCitizen(t, client, overrides);
  const e = await client.post(`/api/v1/elearning/courses/${courseId}/enrolments`);
  assert.equal(e.statusCode, 201, e.body);
  return { client, mobile: toE164(who.mobile), enrolment: e.json<EnrolmentState>() };
}

const code = (r: { json<T>(): T }) => r.json<{ code: string }>().code;

for (const target of testTargets()) {
  describe(`virtual classrooms (${target})`, () => {
    let t: TestNode;
    const s = {} as Staff;

    before(async () => {
      t = await createTestNode(target, LONG_SESSIONS);
      s.trainer = t.client();
      s.manager = t.client();
      s.hq = t.client();
      await signInStaff(t, s.trainer, 'trainer');
      await signInStaff(t, s.manager, 'centre.manager');
      await signInStaff(t, s.hq, 'training.hq');
    });
    after(async () => {
      await t.close();
    });

    test('the course centre trainer schedules sessions; bad times, other roles and another centre are refused; the setting is edited with the draft only', async () => {
      const { courseId } = await publishedCourse(t, s, 0);
      const body = (startsAt: string) => ({ titleAr: 'جلسة', titleEn: 'Session', startsAt, durationMinutes: '٤٥', capacity: '٢٠' });
      const past = await s.trainer.post(`/api/v1/training/courses/${courseId}/live-sessions`, body(new Date(t.clock.now().getTime() - MINUTE).toISOString()));
      assert.equal(past.statusCode, 422);
      assert.equal(code(past), 'live_session_time_invalid');
      const noOffset = await s.trainer.post(`/api/v1/training/courses/${courseId}/live-sessions`, body('2030-01-01T10:00:00'));
      assert.equal(noOffset.statusCode, 400);
      const ok = await s.trainer.post(`/api/v1/training/courses/${courseId}/live-sessions`, body(new Date(t.clock.now().getTime() + 2 * HOUR).toISOString()));
      assert.equal(ok.statusCode, 201, ok.body);
      const view = ok.json<StaffCourseLiveSessions>();
      assert.equal(view.sessions[0]?.durationMinutes, 45);
      assert.equal(view.sessions[0]?.capacity, 20);
      assert.equal(view.conferencing, 'builtin');
      assert.equal(view.canManage, true);
      assert.equal(view.settingsEditable, false, 'the completion setting is frozen once published');
      const late = await s.trainer.request('PUT', `/api/v1/training/courses/${courseId}/live-sessions/settings`, { requiredSessionsAttended: 1 });
      assert.equal(late.statusCode, 409);
      assert.equal(code(late), 'course_state');
      // HQ training reads but does not schedule; office staff and citizens neither.
      assert.equal((await s.hq.get(`/api/v1/training/courses/${courseId}/live-sessions`)).json<StaffCourseLiveSessions>().canManage, false);
      assert.equal((await s.hq.post(`/api/v1/training/courses/${courseId}/live-sessions`, body(new Date(t.clock.now().getTime() + HOUR).toISOString()))).statusCode, 403);
      const clerk = t.client();
      await signInStaff(t, clerk, 'nasr.clerk');
      assert.equal((await clerk.get(`/api/v1/training/courses/${courseId}/live-sessions`)).statusCode, 403);
      const citizen = t.client();
      await registerCitizen(t, citizen);
      assert.equal((await citizen.post(`/api/v1/training/courses/${courseId}/live-sessions`, body(new Date(t.clock.now().getTime() + HOUR).toISOString()))).statusCode, 403);
      // A course of another centre: out of the trainer's scope.
      const other = await publishedCourse(t, s, 0);
      await t.node.deps.db.updateTable('courses').set({ centre_id: (await t.node.deps.db.selectFrom('training_centres').select('id').where('code', '=', 'DEMO-VTC-ALEX').executeTakeFirstOrThrow()).id }).where('id', '=', other.courseId).execute();
      const foreign = await s.trainer.post(`/api/v1/training/courses/${other.courseId}/live-sessions`, body(new Date(t.clock.now().getTime() + HOUR).toISOString()));
      assert.equal(foreign.statusCode, 403);
      assert.equal(code(foreign), 'out_of_scope');
      assert.equal((await s.trainer.get(`/api/v1/training/courses/${other.courseId}/live-sessions`)).statusCode, 403);
    });

    test('booking: a non-enrolled trainee is refused; the last seats go to exactly as many trainees as the capacity, even at once; cancelling frees a seat', async () => {
      const { courseId } = await publishedCourse(t, s, 0);
      const sessionId = await schedule(t, s.trainer, courseId, 3 * HOUR, 2);
      const outsider = t.client();
      await registerCitizen(t, outsider);
      const refused = await outsider.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      assert.equal(refused.statusCode, 403);
      assert.equal(code(refused), 'not_enrolled');
      assert.equal((await t.client().post(`/api/v1/elearning/live-sessions/${sessionId}/booking`)).statusCode, 401);

      const trainees = await Promise.all([0, 1, 2, 3, 4].map(() => enrolledTrainee(t, courseId)));
      const answers = await Promise.all(trainees.map((x) => x.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`)));
      const statuses = answers.map((a) => a.statusCode).sort();
      assert.deepEqual(statuses, [201, 201, 409, 409, 409], answers.map((a) => a.body).join('\n'));
      for (const a of answers.filter((x) => x.statusCode === 409)) assert.equal(code(a), 'live_session_full');
      const active = await t.node.deps.db.selectFrom('live_session_bookings').select('id').where('session_id', '=', sessionId).where('cancelled_at', 'is', null).execute();
      assert.equal(active.length, 2);

      const winner = trainees[answers.findIndex((a) => a.statusCode === 201)]!;
      const loser = trainees[answers.findIndex((a) => a.statusCode === 409)]!;
      // Booking again answers the same booking; the trainee sees it with no seat left.
      const again = await winner.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json<LiveSessionView>().seatsLeft, 0);
      const list = (await winner.client.get(`/api/v1/elearning/courses/${courseId}/live-sessions`)).json<CourseLiveSessions>();
      assert.ok(list.sessions[0]?.booking);
      assert.equal(list.enrolled, true);
      const upcoming = (await winner.client.get('/api/v1/elearning/my/live-sessions')).json<MyLiveSession[]>();
      assert.equal(upcoming[0]?.session.id, sessionId);

      const cancelled = await winner.client.delete(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json<LiveSessionView>().booking, null);
      assert.equal(cancelled.json<LiveSessionView>().seatsLeft, 1);
      assert.equal((await loser.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`)).statusCode, 201);
      const full = await winner.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      assert.equal(code(full), 'live_session_full');
      // Once the session has started, seats are neither booked nor cancelled.
      t.clock.advance(3 * HOUR);
      assert.equal(code(await loser.client.delete(`/api/v1/elearning/live-sessions/${sessionId}/booking`)), 'live_session_started');
    });

    test('join: only booked trainees and the trainer, only from 15 minutes before the start to the end; joining records attendance once', async () => {
      const { courseId } = await publishedCourse(t, s, 0);
      const sessionId = await schedule(t, s.trainer, courseId, 2 * HOUR, 5, 30);
      const booked = await enrolledTrainee(t, courseId);
      const notBooked = await enrolledTrainee(t, courseId);
      assert.equal((await booked.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`)).statusCode, 201);

      const early = await booked.client.post(`/api/v1/live-sessions/${sessionId}/join`);
      assert.equal(early.statusCode, 409);
      assert.equal(code(early), 'live_session_not_open');
      t.clock.advance(2 * HOUR - 16 * MINUTE);
      assert.equal(code(await booked.client.post(`/api/v1/live-sessions/${sessionId}/join`)), 'live_session_not_open');
      t.clock.advance(2 * MINUTE); // 14 minutes before the start: open.
      const no = await notBooked.client.post(`/api/v1/live-sessions/${sessionId}/join`);
      assert.equal(no.statusCode, 403);
      assert.equal(code(no), 'live_session_not_booked');
      const clerk = t.client();
      await signInStaff(t, clerk, 'nasr.clerk');
      assert.equal((await clerk.post(`/api/v1/live-sessions/${sessionId}/join`)).statusCode, 403);

      const joined = await booked.client.post(`/api/v1/live-sessions/${sessionId}/join`);
      assert.equal(joined.statusCode, 200, joined.body);
      const j = joined.json<JoinResult>();
      assert.equal(j.joinUrl, `/classroom/${sessionId}`);
      assert.equal(j.conferencing, 'builtin');
      assert.equal(j.attendanceRecorded, true);
      assert.equal(j.participantsJoined, 1);
      assert.equal(j.certificateCode, null, 'lessons and quiz are not done yet');
      assert.equal((await booked.client.post(`/api/v1/live-sessions/${sessionId}/join`)).statusCode, 200);
      const audit = await t.node.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'live_session.joined').where('subject_id', '=', sessionId).execute();
      assert.equal(audit.length, 1, 'the first join is audited once');
      const trainerJoin = (await s.trainer.post(`/api/v1/live-sessions/${sessionId}/join`)).json<JoinResult>();
      assert.equal(trainerJoin.role, 'trainer');
      assert.equal(trainerJoin.participantsJoined, 1);

      const att = (await s.trainer.get(`/api/v1/training/live-sessions/${sessionId}/attendance`)).json<SessionAttendance>();
      assert.equal(att.bookings.length, 1);
      assert.equal(att.bookings[0]?.attended, true);
      assert.ok(att.bookings[0]?.joinedAt);
      assert.equal(att.bookings[0]?.markedByTrainer, false);
      assert.equal((await booked.client.get(`/api/v1/elearning/courses/${courseId}/live-sessions`)).json<CourseLiveSessions>().attendedCount, 1);

      t.clock.advance(14 * MINUTE + 30 * MINUTE); // the end (start + 30 minutes): closed.
      assert.equal(code(await booked.client.post(`/api/v1/live-sessions/${sessionId}/join`)), 'live_session_not_open');
    });

    test('attendance by the trainer after the start; recordings linked after the start; a cancelled session takes no bookings', async () => {
      const { courseId } = await publishedCourse(t, s, 0);
      const sessionId = await schedule(t, s.trainer, courseId, HOUR);
      const a = await enrolledTrainee(t, courseId);
      const b = await enrolledTrainee(t, courseId);
      await a.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      await b.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      const list = (await s.trainer.get(`/api/v1/training/live-sessions/${sessionId}/attendance`)).json<SessionAttendance>();
      const [first, second] = list.bookings;
      assert.ok(first && second);
      const early = await s.trainer.request('PUT', `/api/v1/training/live-sessions/${sessionId}/attendance`, { marks: [{ bookingId: first.bookingId, attended: true }] });
      assert.equal(code(early), 'live_session_not_started');
      const earlyRec = await s.trainer.request('PUT', `/api/v1/training/live-sessions/${sessionId}/recording`, { url: 'https://video.example.org/r/1' });
      assert.equal(code(earlyRec), 'live_session_not_started');

      t.clock.advance(HOUR + 70 * MINUTE);
      const wrong = await s.trainer.request('PUT', `/api/v1/training/live-sessions/${sessionId}/attendance`, { marks: [{ bookingId: first.bookingId, attended: true }, { bookingId: crypto.randomUUID(), attended: true }] });
      assert.equal(wrong.statusCode, 404);
      assert.equal(code(wrong), 'live_session_booking_not_found');
      assert.equal((await s.trainer.get(`/api/v1/training/live-sessions/${sessionId}/attendance`)).json<SessionAttendance>().bookings.filter((x) => x.attended).length, 0, 'nothing changed on refusal');
      assert.equal((await s.hq.request('PUT', `/api/v1/training/live-sessions/${sessionId}/attendance`, { marks: [{ bookingId: first.bookingId, attended: true }] })).statusCode, 403);
      const marked = await s.trainer.request('PUT', `/api/v1/training/live-sessions/${sessionId}/attendance`, { marks: [{ bookingId: first.bookingId, attended: true }, { bookingId: second.bookingId, attended: false }] });
      assert.equal(marked.statusCode, 200, marked.body);
      const m = marked.json<SessionAttendance>();
      assert.equal(m.bookings.find((x) => x.bookingId === first.bookingId)?.attended, true);
      assert.equal(m.bookings.find((x) => x.bookingId === first.bookingId)?.markedByTrainer, true);
      assert.equal(m.session.attended, 1);

      const bad = await s.trainer.request('PUT', `/api/v1/training/live-sessions/${sessionId}/recording`, { url: 'http://insecure.example.org/r' });
      assert.equal(bad.statusCode, 400);
      const rec = await s.trainer.request('PUT', `/api/v1/training/live-sessions/${sessionId}/recording`, { url: 'https://video.example.org/r/1' });
      assert.equal(rec.statusCode, 200, rec.body);
      const seen = (await a.client.get(`/api/v1/elearning/courses/${courseId}/live-sessions`)).json<CourseLiveSessions>();
      assert.equal(seen.sessions.find((x) => x.id === sessionId)?.recordingUrl, 'https://video.example.org/r/1');
      assert.equal(seen.sessions.find((x) => x.id === sessionId)?.ended, true);
      const fetch = await s.trainer.post(`/api/v1/training/live-sessions/${sessionId}/recording/fetch`);
      assert.equal(fetch.statusCode, 409);
      assert.equal(code(fetch), 'conferencing_no_recordings');

      const later = await schedule(t, s.trainer, courseId, 5 * HOUR);
      await a.client.post(`/api/v1/elearning/live-sessions/${later}/booking`);
      const cancelled = await s.trainer.post(`/api/v1/training/live-sessions/${later}/cancel`);
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(code(await b.client.post(`/api/v1/elearning/live-sessions/${later}/booking`)), 'live_session_cancelled');
      const sms = await t.node.deps.db.selectFrom('notification_outbox').select(['body_ar', 'body_en']).where('recipient', '=', a.mobile).where('body_en', 'like', '%is cancelled%').execute();
      assert.equal(sms.length, 1);
      assert.match(sms[0]!.body_ar, /أُلغيت الجلسة المباشرة/);
    });

    test('reminders: one Arabic/English SMS 24 h before and one 1 h before, each sent once; none for a cancelled booking; a late booking gets only the nearer one', async () => {
      const { courseId } = await publishedCourse(t, s, 0);
      const sessionId = await schedule(t, s.trainer, courseId, 3 * 24 * HOUR);
      const early = await enrolledTrainee(t, courseId);
      const quitter = await enrolledTrainee(t, courseId);
      const late = await enrolledTrainee(t, courseId);
      await early.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      await quitter.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      await quitter.client.delete(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      const deps = { db: t.node.deps.db, clock: t.clock.now, notifier: t.node.deps.notifier, config: t.config };
      const reminders = async (mobile: string) =>
        (await t.node.deps.db.selectFrom('notification_outbox').select(['body_ar', 'body_en']).where('recipient', '=', mobile).where('body_en', 'like', '%reminder%').orderBy('created_at').execute());

      await sendDueReminders(deps);
      assert.equal((await reminders(early.mobile)).length, 0, 'nothing is due three days ahead');
      t.clock.advance(2 * 24 * HOUR + 30 * MINUTE); // 23.5 h before the start
      await sendDueReminders(deps);
      await sendDueReminders(deps);
      const first = await reminders(early.mobile);
      assert.equal(first.length, 1, 'the 24-hour reminder goes out once');
      assert.match(first[0]!.body_ar, /^ربط: تذكير/);
      assert.match(first[0]!.body_ar, /خلال ٢٤ ساعة/);
      assert.match(first[0]!.body_ar, /بتوقيت القاهرة/);
      assert.match(first[0]!.body_en, /starts within 24 hours/);
      assert.ok(first[0]!.body_en.includes(`/courses/${courseId}`));
      assert.equal((await reminders(quitter.mobile)).length, 0);

      await late.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`); // booked inside the 24 h window
      t.clock.advance(HOUR);
      await sendDueReminders(deps);
      assert.equal((await reminders(late.mobile)).length, 0, 'booked after the 24-hour mark: no "24 hours" reminder');
      t.clock.advance(22 * HOUR); // 30 minutes before the start
      await Promise.all([sendDueReminders(deps), sendDueReminders(deps)]);
      await sendDueReminders(deps);
      const both = await reminders(early.mobile);
      assert.equal(both.length, 2);
      assert.match(both[1]!.body_en, /starts within the hour/);
      assert.match(both[1]!.body_ar, /خلال ساعة/);
      const lateOnes = await reminders(late.mobile);
      assert.deepEqual(lateOnes.map((r) => /within the hour/.test(r.body_en)), [true], 'a late booking gets the 1-hour reminder only');
      assert.equal((await reminders(quitter.mobile)).length, 0, 'a cancelled booking gets no reminder');
      const claims = await t.node.deps.db.selectFrom('live_session_reminders as r').innerJoin('live_session_bookings as b', 'b.id', 'r.booking_id').select('r.kind').where('b.session_id', '=', sessionId).execute();
      assert.equal(claims.length, 3);
    });

    test('completion: a course requiring one attended session issues its certificate only after the class, on join or when the trainer marks attendance', async () => {
      const { courseId, lessonId } = await publishedCourse(t, s, 1);
      const sessionId = await schedule(t, s.trainer, courseId, 2 * HOUR, 10, 60);
      const required = (await t.client().get(`/api/v1/elearning/courses/${courseId}/live-sessions`)).json<CourseLiveSessions>();
      assert.equal(required.requiredSessionsAttended, 1);
      assert.equal(required.enrolled, false);

      async function studyAndPass(x: Awaited<ReturnType<typeof enrolledTrainee>>, lesson = lessonId) {
        await x.client.post(`/api/v1/elearning/enrolments/${x.enrolment.id}/lessons/${lesson}/complete`);
        const attempt = (await x.client.post(`/api/v1/elearning/enrolments/${x.enrolment.id}/attempts`)).json<AttemptView>();
        const graded = (await x.client.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers: attempt.questions.map((q) => ({ questionId: q.id, value: true })) })).json<AttemptView>();
        assert.equal(graded.passed, true);
        return graded;
      }
      // The default (0 sessions required) keeps the earlier rule: lessons and quiz complete the course.
      const plain = await publishedCourse(t, s, 0);
      const plainTrainee = await enrolledTrainee(t, plain.courseId);
      assert.ok((await studyAndPass(plainTrainee, plain.lessonId)).enrolment?.certificateCode, 'no session required: certificate on passing');

      const joiner = await enrolledTrainee(t, courseId, { nameAr: 'منى سامي علي', nameLatin: 'Mona Samy Ali' });
      const marked = await enrolledTrainee(t, courseId);
      await joiner.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      await marked.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      const graded = await studyAndPass(joiner);
      assert.equal(graded.enrolment?.certificateCode, null, 'lessons and quiz passed, but no class attended yet: no certificate');
      assert.equal(graded.enrolment?.completedAt, null);
      await studyAndPass(marked);

      t.clock.advance(2 * HOUR - 5 * MINUTE);
      const joined = (await joiner.client.post(`/api/v1/live-sessions/${sessionId}/join`)).json<JoinResult>();
      assert.ok(joined.certificateCode, 'joining the class completed the course');
      const verified = (await t.client().get(`/api/v1/verify/${joined.certificateCode}`)).json<VerificationResult>();
      assert.equal(verified.status, 'genuine');
      assert.equal(verified.kind, 'training_certificate');

      t.clock.advance(70 * MINUTE);
      const att = (await s.trainer.get(`/api/v1/training/live-sessions/${sessionId}/attendance`)).json<SessionAttendance>();
      const other = att.bookings.find((b) => b.joinedAt === null)!;
      const r = await s.trainer.request('PUT', `/api/v1/training/live-sessions/${sessionId}/attendance`, { marks: [{ bookingId: other.bookingId, attended: true }] });
      assert.equal(r.statusCode, 200, r.body);
      const mine = (await marked.client.get(`/api/v1/elearning/courses/${courseId}`)).json<{ enrolment: EnrolmentState }>();
      assert.ok(mine.enrolment.certificateCode, 'marked present by the trainer: completed');
    });

    test('a session already running still takes bookings until its end: a trainee enrolled after the start books, joins and completes; a full or ended session refuses with its reason', async () => {
      const { courseId, lessonId } = await publishedCourse(t, s, 1);
      const sessionId = await schedule(t, s.trainer, courseId, HOUR, 2, 60);
      const early = await enrolledTrainee(t, courseId);
      assert.equal((await early.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`)).statusCode, 201);
      t.clock.advance(HOUR + 10 * MINUTE); // 10 minutes into the session.

      // Enrolled by the centre (or by themselves) after the start: the session is listed as joinable only with a booking.
      const late = await enrolledTrainee(t, courseId);
      const seen = (await late.client.get(`/api/v1/elearning/courses/${courseId}/live-sessions`)).json<CourseLiveSessions>().sessions[0]!;
      assert.equal(seen.started, true);
      assert.equal(seen.joinOpen, true);
      assert.equal(seen.booking, null);
      assert.equal(seen.seatsLeft, 1);
      assert.equal(code(await late.client.post(`/api/v1/live-sessions/${sessionId}/join`)), 'live_session_not_booked');
      const booked = await late.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      assert.equal(booked.statusCode, 201, booked.body);
      assert.equal(booked.json<LiveSessionView>().seatsLeft, 0);
      await late.client.post(`/api/v1/elearning/enrolments/${late.enrolment.id}/lessons/${lessonId}/complete`);
      const attempt = (await late.client.post(`/api/v1/elearning/enrolments/${late.enrolment.id}/attempts`)).json<AttemptView>();
      await late.client.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers: attempt.questions.map((q) => ({ questionId: q.id, value: true })) });
      const joined = await late.client.post(`/api/v1/live-sessions/${sessionId}/join`);
      assert.equal(joined.statusCode, 200, joined.body);
      assert.ok(joined.json<JoinResult>().certificateCode, 'booked and joined during the session: the attendance requirement is met');
      // Cancelling stays closed once started.
      assert.equal(code(await late.client.delete(`/api/v1/elearning/live-sessions/${sessionId}/booking`)), 'live_session_started');

      // No seat left: refused as full.
      const third = await enrolledTrainee(t, courseId);
      const full = await third.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      assert.equal(full.statusCode, 409);
      assert.equal(code(full), 'live_session_full');
      // At the end (start + 60 minutes) booking closes with its own reason.
      const other = await schedule(t, s.trainer, courseId, HOUR, 5, 30);
      t.clock.advance(HOUR + 30 * MINUTE);
      const ended = await third.client.post(`/api/v1/elearning/live-sessions/${other}/booking`);
      assert.equal(ended.statusCode, 409);
      assert.equal(code(ended), 'live_session_ended');
      assert.match(ended.json<{ titles: { ar: string } }>().titles.ar, /انتهت/);
    });
  });

  describe(`virtual classrooms through a BigBlueButton-compatible server (${target})`, () => {
    const SECRET = 'bbb-test-shared-secret-0123';
    let t: TestNode;
    let server: Server;
    let base: string;
    const seen: { call: string; params: URLSearchParams }[] = [];

    /** A BBB-compatible API: answers only correctly signed calls (SHA-256), like a real server's checksum check. */
    function bbbServer(): Server {
      return createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const call = url.pathname.replace(/^\/bigbluebutton\/api\//, '');
        const query = url.search.slice(1).replace(/&?checksum=[0-9a-f]+$/, '');
        const ok = url.searchParams.get('checksum') === bbbChecksum(call, query, SECRET, 'sha256');
        seen.push({ call, params: url.searchParams });
        res.setHeader('content-type', 'text/xml');
        if (!ok) return res.end('<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey></response>');
        if (call === 'create') return res.end(`<response><returncode>SUCCESS</returncode><meetingID>${url.searchParams.get('meetingID')}</meetingID></response>`);
        if (call === 'getRecordings') {
          return res.end(
            `<response><returncode>SUCCESS</returncode><recordings><recording><recordID>r1</recordID><meetingID>${url.searchParams.get('meetingID')}</meetingID><published>true</published><startTime>1767000000000</startTime><playback><format><type>presentation</type><url>https://bbb.example.org/playback/presentation/2.3/r1</url></format></playback></recording></recordings></response>`,
          );
        }
        res.end('<response><returncode>FAILED</returncode></response>');
      });
    }

    before(async () => {
      server = bbbServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bigbluebutton/`;
      t = await createTestNode(target, { ...LONG_SESSIONS, BBB_URL: base, BBB_SECRET: SECRET, BBB_CHECKSUM: 'sha256' });
    });
    after(async () => {
      await t.close();
      await new Promise((resolve) => server.close(resolve));
    });

    test('join answers a signed BBB join URL after a signed create, records attendance, and the recording is fetched with getRecordings', async () => {
      const st = { trainer: t.client(), manager: t.client(), hq: t.client() };
      await signInStaff(t, st.trainer, 'trainer');
      await signInStaff(t, st.manager, 'centre.manager');
      await signInStaff(t, st.hq, 'training.hq');
      const { courseId } = await publishedCourse(t, st, 0);
      const sessionId = await schedule(t, st.trainer, courseId, HOUR);
      const x = await enrolledTrainee(t, courseId, { nameAr: 'كريم عادل محمود', nameLatin: 'Karim Adel Mahmoud' });
      await x.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
      assert.equal((await x.client.get(`/api/v1/elearning/courses/${courseId}/live-sessions`)).json<CourseLiveSessions>().conferencing, 'bbb');
      t.clock.advance(HOUR - 10 * MINUTE);
      const r = await x.client.post(`/api/v1/live-sessions/${sessionId}/join`);
      assert.equal(r.statusCode, 200, r.body);
      const j = r.json<JoinResult>();
      assert.equal(j.conferencing, 'bbb');
      assert.equal(j.attendanceRecorded, true);
      const create = seen.find((c) => c.call === 'create');
      assert.equal(create?.params.get('meetingID'), `rabt-${sessionId}`);
      const join = new URL(j.joinUrl);
      assert.equal(`${join.origin}${join.pathname}`, `${base}api/join`);
      assert.equal(join.searchParams.get('fullName'), 'كريم عادل محمود');
      assert.equal(join.searchParams.get('role'), 'VIEWER');
      assert.equal(join.searchParams.get('checksum'), bbbChecksum('join', join.search.slice(1).replace(/&checksum=[0-9a-f]+$/, ''), SECRET, 'sha256'));
      const att = (await st.trainer.get(`/api/v1/training/live-sessions/${sessionId}/attendance`)).json<SessionAttendance>();
      assert.equal(att.bookings[0]?.attended, true);

      t.clock.advance(30 * MINUTE);
      const fetched = await st.trainer.post(`/api/v1/training/live-sessions/${sessionId}/recording/fetch`);
      assert.equal(fetched.statusCode, 200, fetched.body);
      assert.equal(fetched.json<StaffCourseLiveSessions>().sessions[0]?.recordingUrl, 'https://bbb.example.org/playback/presentation/2.3/r1');
      assert.ok(seen.some((c) => c.call === 'getRecordings' && c.params.get('meetingID') === `rabt-${sessionId}`));
    });

    test('a BBB server that refuses the checksum: join fails with 502 and records nothing', async () => {
      const bad = await createTestNode(target, { ...LONG_SESSIONS, BBB_URL: base, BBB_SECRET: 'a-different-secret', BBB_CHECKSUM: 'sha256' });
      try {
        const st = { trainer: bad.client(), manager: bad.client(), hq: bad.client() };
        await signInStaff(bad, st.trainer, 'trainer');
        await signInStaff(bad, st.manager, 'centre.manager');
        await signInStaff(bad, st.hq, 'training.hq');
        const { courseId } = await publishedCourse(bad, st, 0);
        const sessionId = await schedule(bad, st.trainer, courseId, 10 * MINUTE);
        const x = await enrolledTrainee(bad, courseId);
        await x.client.post(`/api/v1/elearning/live-sessions/${sessionId}/booking`);
        const r = await x.client.post(`/api/v1/live-sessions/${sessionId}/join`);
        assert.equal(r.statusCode, 502, r.body);
        assert.equal(code(r), 'conferencing_unavailable');
        const b = await bad.node.deps.db.selectFrom('live_session_bookings').select(['joined_at', 'attended']).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
        assert.equal(b.joined_at, null);
        assert.equal(b.attended, false);
      } finally {
        await bad.close();
      }
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttemptView, EnrolmentState, StaffCourse, StaffCourseLiveSessions } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { FREE_TEXT_QUESTION, TRUE_FALSE_QUESTION, courseBody, publishCourse } from './test-fixtures.ts';

/**
 * Authorization matrix of the e-learning endpoints added after the first matrix (apps/api/src/http/authz.int.test.ts,
 * whose callers are office staff): live classrooms, grading, centre enrolment, reports, pre-departure orientation
 * and the question bank (OWASP ASVS 5.0 8.2.1 function level, 8.2.2 object level). Every cell is an expected HTTP
 * status: anonymous 401, a wrong role 403, the right role its success status. Two rows whose object cannot
 * exist in this fixture (a contract) expect 404 for the right role: the caller got past the role check.
 * Not covered: `POST /training/live-sessions/:id/recording/fetch` (needs a BigBlueButton server).
 */
type Caller = 'anonymous' | 'citizen' | 'nasr.clerk' | 'auditor' | 'hq.admin' | 'overseas.officer' | 'trainer' | 'centre.manager' | 'training.hq';
const CALLERS: Caller[] = ['anonymous', 'citizen', 'nasr.clerk', 'auditor', 'hq.admin', 'overseas.officer', 'trainer', 'centre.manager', 'training.hq'];
const MINUTE = 60_000;
const NO_CONTRACT = '00000000-0000-4000-8000-000000000000';

interface Ids {
  /** Published course of the trainer's centre, with one true/false question; the citizen is enrolled. */
  courseId: string;
  enrolmentId: string;
  /** A draft course of the same centre (question bank, sessions setting). */
  draftId: string;
  questionId: string;
  /** A session that started 5 minutes ago (join open, attendance and recording allowed); the citizen booked it. */
  started: string;
  startedBooking: string;
  /** An attempt awaiting grading (free-text course). */
  awaiting: string;
  fresh: Fresh;
}
/** Makers of a fresh object per call, for rows that consume it (cancel, delete, grade, enrol). */
interface Fresh {
  futureSession(): Promise<string>;
  bookedFutureSession(): Promise<string>;
  question(): Promise<string>;
  awaitingAttempt(): Promise<string>;
  traineeMobile(): Promise<string>;
}
interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: (ids: Ids) => string | Promise<string>;
  body?: (ids: Ids) => unknown;
  expect: Record<Caller, number>;
}

/** 401 anonymous, 403 every other caller unless `over` says otherwise. */
const only = (over: Partial<Record<Caller, number>>): Record<Caller, number> => ({ ...Object.fromEntries(CALLERS.map((c) => [c, 403])), anonymous: 401, ...over }) as Record<Caller, number>;
const CITIZEN = (status: number) => only({ citizen: status });
const AUTHORS = (status: number) => only({ trainer: status, 'centre.manager': status });
const TRAINING_STAFF = (status: number) => only({ trainer: status, 'centre.manager': status, 'training.hq': status });
const OFFICERS = (status: number) => only({ 'overseas.officer': status, 'hq.admin': status, auditor: status });

const MATRIX: Row[] = [
  // ---- Live classrooms (trainees)
  { name: 'my upcoming live sessions', method: 'GET', url: () => '/api/v1/elearning/my/live-sessions', expect: CITIZEN(200) },
  { name: 'book a seat', method: 'POST', url: (ids) => `/api/v1/elearning/live-sessions/${ids.started}/booking`, expect: CITIZEN(200) },
  { name: 'cancel a booking', method: 'DELETE', url: async (ids) => `/api/v1/elearning/live-sessions/${await ids.fresh.bookedFutureSession()}/booking`, expect: CITIZEN(200) },
  // Booked trainees and the course centre's trainer and manager join; HQ training does not run the class.
  { name: 'join a live session', method: 'POST', url: (ids) => `/api/v1/live-sessions/${ids.started}/join`, expect: only({ citizen: 200, trainer: 200, 'centre.manager': 200 }) },
  // ---- Live classrooms (training staff)
  { name: "a course's live sessions (staff)", method: 'GET', url: (ids) => `/api/v1/training/courses/${ids.courseId}/live-sessions`, expect: TRAINING_STAFF(200) },
  {
    name: 'schedule a live session',
    method: 'POST',
    url: (ids) => `/api/v1/training/courses/${ids.courseId}/live-sessions`,
    body: () => ({ titleAr: 'جلسة', titleEn: 'Session', startsAt: new Date(Date.now() + 2 * 24 * 60 * MINUTE).toISOString(), durationMinutes: 30, capacity: 5 }),
    expect: AUTHORS(201),
  },
  { name: 'sessions to attend (draft)', method: 'PUT', url: (ids) => `/api/v1/training/courses/${ids.draftId}/live-sessions/settings`, body: () => ({ requiredSessionsAttended: 0 }), expect: AUTHORS(200) },
  { name: 'cancel a live session', method: 'POST', url: async (ids) => `/api/v1/training/live-sessions/${await ids.fresh.futureSession()}/cancel`, expect: AUTHORS(200) },
  { name: 'read attendance', method: 'GET', url: (ids) => `/api/v1/training/live-sessions/${ids.started}/attendance`, expect: TRAINING_STAFF(200) },
  { name: 'mark attendance', method: 'PUT', url: (ids) => `/api/v1/training/live-sessions/${ids.started}/attendance`, body: (ids) => ({ marks: [{ bookingId: ids.startedBooking, attended: true }] }), expect: AUTHORS(200) },
  { name: 'link the recording', method: 'PUT', url: (ids) => `/api/v1/training/live-sessions/${ids.started}/recording`, body: () => ({ url: 'https://video.example.org/rec' }), expect: AUTHORS(200) },
  // ---- Grading of written answers
  { name: 'grading queue', method: 'GET', url: () => '/api/v1/training/grading', expect: AUTHORS(200) },
  { name: 'an attempt to grade', method: 'GET', url: (ids) => `/api/v1/training/grading/${ids.awaiting}`, expect: AUTHORS(200) },
  { name: 'grade an attempt', method: 'POST', url: async (ids) => `/api/v1/training/grading/${await ids.fresh.awaitingAttempt()}`, body: () => undefined, expect: AUTHORS(200) },
  { name: "the trainee's attempts", method: 'GET', url: (ids) => `/api/v1/elearning/enrolments/${ids.enrolmentId}/attempts`, expect: CITIZEN(200) },
  // ---- Enrolment by a centre
  { name: 'enrol a trainee (centre)', method: 'POST', url: () => '/api/v1/training/enrolments', body: () => undefined, expect: only({ 'centre.manager': 201 }) },
  { name: 'centre enrolments', method: 'GET', url: () => '/api/v1/training/enrolments', expect: AUTHORS(200) },
  // ---- Reports
  { name: 'e-learning report', method: 'GET', url: () => '/api/v1/training/reports/elearning', expect: TRAINING_STAFF(200) },
  { name: 'e-learning report CSV', method: 'GET', url: () => '/api/v1/training/reports/elearning.csv?table=courses', expect: TRAINING_STAFF(200) },
  // ---- Pre-departure orientation
  { name: 'orientation courses (public)', method: 'GET', url: () => '/api/v1/orientation/courses', expect: Object.fromEntries(CALLERS.map((c) => [c, 200])) as Record<Caller, number> },
  { name: "the worker's orientations", method: 'GET', url: () => '/api/v1/worker/orientation', expect: CITIZEN(200) },
  { name: "a worker's contract orientation", method: 'GET', url: () => `/api/v1/worker/contracts/${NO_CONTRACT}/versions/1/orientation`, expect: CITIZEN(404) },
  { name: 'orientation on a received contract (officers)', method: 'GET', url: () => `/api/v1/attestation/contracts/${NO_CONTRACT}/versions/1/orientation`, expect: OFFICERS(404) },
  { name: 'orientation completions (officers)', method: 'GET', url: () => '/api/v1/attestation/orientation', expect: OFFICERS(200) },
  // ---- Question bank (draft course)
  { name: 'add a question', method: 'POST', url: (ids) => `/api/v1/training/courses/${ids.draftId}/questions`, body: () => TRUE_FALSE_QUESTION, expect: AUTHORS(201) },
  { name: 'edit a question', method: 'PATCH', url: (ids) => `/api/v1/training/questions/${ids.questionId}`, body: () => ({ ...FREE_TEXT_QUESTION, promptEn: 'Edited' }), expect: AUTHORS(200) },
  { name: 'delete a question', method: 'DELETE', url: async (ids) => `/api/v1/training/questions/${await ids.fresh.question()}`, expect: AUTHORS(200) },
];

for (const target of testTargets()) {
  describe(`e-learning authorization matrix (${target})`, () => {
    let t: TestNode;
    const clients = new Map<Caller, TestClient>();
    const ids = {} as Ids;
    const c = (who: Caller) => clients.get(who)!;
    const ok = async <T>(p: Promise<{ statusCode: number; body: string; json: <U>() => U }>, status: number): Promise<T> => {
      const r = await p;
      assert.equal(r.statusCode, status, r.body);
      return r.json<T>();
    };

    before(async () => {
      t = await createTestNode(target);
      for (const caller of CALLERS) {
        const client = t.client();
        if (caller === 'citizen') await registerCitizen(t, client);
        else if (caller !== 'anonymous') await signInStaff(t, client, caller);
        clients.set(caller, client);
      }
      const [trainer, manager, hq, citizen] = [c('trainer'), c('centre.manager'), c('training.hq'), c('citizen')];
      const published = await publishCourse(trainer, manager, hq, { questions: [TRUE_FALSE_QUESTION] });
      ids.courseId = published.courseId;
      ids.enrolmentId = (await ok<EnrolmentState>(citizen.post(`/api/v1/elearning/courses/${ids.courseId}/enrolments`), 201)).id;
      const draft = await ok<StaffCourse>(trainer.post('/api/v1/training/courses', courseBody({ titleAr: 'مسودة', titleEn: 'Draft' })), 201);
      ids.draftId = draft.id;
      ids.questionId = (await ok<StaffCourse>(trainer.post(`/api/v1/training/courses/${ids.draftId}/questions`, FREE_TEXT_QUESTION), 201)).questions[0]!.id;

      const schedule = async (startsInMs: number): Promise<string> => {
        const r = await ok<StaffCourseLiveSessions>(
          trainer.post(`/api/v1/training/courses/${ids.courseId}/live-sessions`, { titleAr: 'جلسة مباشرة', titleEn: 'Live session', startsAt: new Date(t.clock.now().getTime() + startsInMs).toISOString(), durationMinutes: 120, capacity: 50 }),
          201,
        );
        return r.sessions.at(-1)!.id;
      };
      // The started session: scheduled 5 minutes ahead, booked, then the clock moves 10 minutes.
      ids.started = await schedule(5 * MINUTE);
      await ok(citizen.post(`/api/v1/elearning/live-sessions/${ids.started}/booking`), 201);
      ids.startedBooking = (await t.node.deps.db.selectFrom('live_session_bookings').select('id').where('session_id', '=', ids.started).executeTakeFirstOrThrow()).id;

      // A free-text course whose trainees leave attempts awaiting grading.
      const ft = await publishCourse(trainer, manager, hq, { questions: [FREE_TEXT_QUESTION], course: { titleAr: 'إجابات مكتوبة', titleEn: 'Written answers' } });
      const awaitingAttempt = async (): Promise<string> => {
        const trainee = t.client();
        await registerCitizen(t, trainee);
        const e = await ok<EnrolmentState>(trainee.post(`/api/v1/elearning/courses/${ft.courseId}/enrolments`), 201);
        for (const l of ft.lessonIds) await ok(trainee.post(`/api/v1/elearning/enrolments/${e.id}/lessons/${l}/complete`), 200);
        const a = await ok<AttemptView>(trainee.post(`/api/v1/elearning/enrolments/${e.id}/attempts`), 201);
        const s = await ok<AttemptView>(trainee.post(`/api/v1/elearning/attempts/${a.id}/submit`, { answers: [{ questionId: ft.questions[0]!.id, text: 'لحماية العامل من الصعق.' }] }), 200);
        assert.equal(s.status, 'awaiting_grading');
        return a.id;
      };
      ids.awaiting = await awaitingAttempt();
      let lastMobile = '';
      ids.fresh = {
        futureSession: () => schedule(2 * 24 * 60 * MINUTE),
        bookedFutureSession: async () => {
          const id = await schedule(2 * 24 * 60 * MINUTE);
          await ok(citizen.post(`/api/v1/elearning/live-sessions/${id}/booking`), 201);
          return id;
        },
        question: async () => (await ok<StaffCourse>(trainer.post(`/api/v1/training/courses/${ids.draftId}/questions`, TRUE_FALSE_QUESTION), 201)).questions.at(-1)!.id,
        awaitingAttempt,
        traineeMobile: async () => {
          lastMobile = (await registerCitizen(t, t.client())).mobile;
          return lastMobile;
        },
      };
      // Rows whose body needs the object made for the call read it here.
      const grade = MATRIX.find((r) => r.name === 'grade an attempt')!;
      grade.body = () => ({ grades: [{ questionId: ft.questions[0]!.id, points: '٨', feedback: 'جيد.' }] });
      const enrol = MATRIX.find((r) => r.name === 'enrol a trainee (centre)')!;
      enrol.body = () => ({ courseId: ids.courseId, account: lastMobile });
      t.clock.advance(10 * MINUTE);
    });
    after(() => t.close());

    for (const row of MATRIX) {
      test(row.name, async () => {
        const failures: string[] = [];
        for (const caller of CALLERS) {
          const url = await row.url(ids);
          if (row.name === 'enrol a trainee (centre)') await ids.fresh.traineeMobile();
          const res = await c(caller).request(row.method, url, row.body?.(ids));
          if (res.statusCode !== row.expect[caller]) failures.push(`${caller}: expected ${row.expect[caller]}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
        assert.deepEqual(failures, []);
      });
    }
  });
}

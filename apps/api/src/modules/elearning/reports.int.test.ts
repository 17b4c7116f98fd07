import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AttemptView, CentreReportRow, CourseReportRow, ElearningReport, EnrolmentState } from '@rabt/contracts';
import { seedTrainingCentreId } from '../../platform/db/seed.ts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { TRUE_FALSE_QUESTION, publishCourse, signInOtherTrainingStaff } from './test-fixtures.ts';

const SHUBRA = seedTrainingCentreId('DEMO-VTC-SHUBRA');
const ALEX = seedTrainingCentreId('DEMO-VTC-ALEX');
const ASSIUT = seedTrainingCentreId('DEMO-VTC-ASSIUT');
const toArabicDigits = (s: string) => s.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

/** The measures of a report row, for compact comparisons. */
const m = (r: CourseReportRow | CentreReportRow | undefined) =>
  r && [r.enrolments, r.completed, r.completionRate, r.averageScore, r.scoredTrainees, r.awaitingGrading, r.attendanceRate];

/**
 * E-learning reports (issue 6 §9): per course and per centre — enrolments, completion rate, average score,
 * attendance — with the numbers computed from known activity, scoped by role (trainer: own courses; centre
 * manager: their centre; HQ training: all), 403 outside the scope, and CSV export of each table.
 */
for (const target of testTargets()) {
  describe(`e-learning reports (${target})`, () => {
    let t: TestNode;
    let trainer: TestClient;
    let manager: TestClient;
    let hq: TestClient;
    let alexTrainer: TestClient;
    let a: string; // Shubra, by the trainer: 3 trainees
    let b: string; // Shubra, by the centre manager: 1 trainee
    let c: string; // Alexandria: 1 trainee

    /** A new trainee enrolled in `courseId`, who completes `lessons` lessons and, if `answer` is given, submits one attempt. */
    async function trainee(courseId: string, lessons: string[], answer?: boolean): Promise<{ enrolment: EnrolmentState; attempt?: AttemptView }> {
      const client = t.client();
      await registerCitizen(t, client);
      const enrolment = (await client.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
      for (const l of lessons) await client.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${l}/complete`);
      if (answer === undefined) return { enrolment };
      const started = (await client.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<AttemptView>();
      const attempt = (await client.post(`/api/v1/elearning/attempts/${started.id}/submit`, { answers: started.questions.map((q) => ({ questionId: q.id, value: answer })) })).json<AttemptView>();
      return { enrolment, attempt };
    }

    before(async () => {
      t = await createTestNode(target);
      trainer = t.client();
      manager = t.client();
      hq = t.client();
      alexTrainer = t.client();
      await signInStaff(t, trainer, 'trainer');
      await signInStaff(t, manager, 'centre.manager');
      await signInStaff(t, hq, 'training.hq');
      await signInOtherTrainingStaff(t, alexTrainer, 'trainer', 'DEMO-VTC-ALEX');
      const alexManager = t.client();
      await signInOtherTrainingStaff(t, alexManager, 'centre.manager', 'DEMO-VTC-ALEX');

      const courseA = await publishCourse(trainer, manager, hq, { questions: [TRUE_FALSE_QUESTION], lessons: 2, course: { titleAr: 'أ: السلامة', titleEn: 'A: safety' } });
      const courseB = await publishCourse(manager, manager, hq, { lessons: 1, course: { titleAr: 'ب: المخططات', titleEn: '=HYPERLINK("x")' } });
      const courseC = await publishCourse(alexTrainer, alexManager, hq, { questions: [TRUE_FALSE_QUESTION], course: { titleAr: 'ج: اللحام', titleEn: 'C: welding' } });
      [a, b, c] = [courseA.courseId, courseB.courseId, courseC.courseId];

      // A: one passes (100, completed), one fails (0), one only enrolled.
      const passer = await trainee(a, courseA.lessonIds, true);
      assert.ok(passer.attempt?.enrolment?.certificateCode);
      const failer = await trainee(a, courseA.lessonIds.slice(0, 1), false);
      assert.equal(failer.attempt?.passed, false);
      await trainee(a, []);
      // B: enrolled only.  C: passes and completes.
      await trainee(b, []);
      assert.ok((await trainee(c, courseC.lessonIds, true)).attempt?.enrolment?.certificateCode);

      // Attendance in course A's live session (0021), when virtual classrooms are on this node: of two seats
      // in a session that has started, one attended; a cancelled seat and a future session do not count.
      const db = t.node.deps.db;
      const now = t.clock.now();
      const started = randomUUID();
      const future = randomUUID();
      const createdBy = (await db.selectFrom('courses').select('created_by').where('id', '=', a).executeTakeFirstOrThrow()).created_by;
      const session = { course_id: a, title_ar: 'جلسة', title_en: 'Session', duration_minutes: 60, capacity: 10, recording_url: null, recording_linked_at: null, cancelled_at: null, created_by: createdBy, created_at: now };
      await db.insertInto('live_sessions').values([{ ...session, id: started, starts_at: new Date(now.getTime() - 3_600_000) }, { ...session, id: future, starts_at: new Date(now.getTime() + 86_400_000) }]).execute();
      const seat = (sessionId: string, e: EnrolmentState, attended: boolean, cancelled = false) => ({
        id: randomUUID(),
        session_id: sessionId,
        enrolment_id: e.id,
        citizen_id: '',
        booked_at: now,
        cancelled_at: cancelled ? now : null,
        joined_at: attended ? now : null,
        attended,
        attendance_marked_by: null,
        attendance_marked_at: null,
      });
      const citizenOf = async (e: EnrolmentState) => (await db.selectFrom('enrolments').select('citizen_id').where('id', '=', e.id).executeTakeFirstOrThrow()).citizen_id;
      const rows = [seat(started, passer.enrolment, true), seat(started, failer.enrolment, false), seat(future, failer.enrolment, false)];
      for (const r of rows) r.citizen_id = await citizenOf(r.enrolment_id === passer.enrolment.id ? passer.enrolment : failer.enrolment);
      await db.insertInto('live_session_bookings').values(rows).execute();
    });
    after(() => t.close());

    test('a centre manager sees every course of the centre and its totals, with the numbers of the activity', async () => {
      const res = await manager.get('/api/v1/training/reports/elearning');
      assert.equal(res.statusCode, 200, res.body);
      const r = res.json<ElearningReport>();
      assert.equal(r.scope, 'centre');
      assert.equal(r.attendanceAvailable, true);
      assert.deepEqual(r.courses.map((x) => x.courseId).sort(), [a, b].sort());
      // A: 3 enrolled, 1 completed (33.3 %), best scores 100 and 0 (mean 50), attendance 1 of 2 seats.
      assert.deepEqual(m(r.courses.find((x) => x.courseId === a)), [3, 1, 33.3, 50, 2, 0, 50]);
      // B: 1 enrolled, none completed, no quiz taken, no live session.
      assert.deepEqual(m(r.courses.find((x) => x.courseId === b)), [1, 0, 0, null, 0, 0, null]);
      assert.deepEqual(r.centres.map((x) => [x.centreId, x.courses]), [[SHUBRA, 2]]);
      assert.deepEqual(m(r.centres[0]), [4, 1, 25, 50, 2, 0, 50]);
    });

    test('a trainer sees only the courses they created; HQ training sees every centre, or one', async () => {
      const mine = (await trainer.get('/api/v1/training/reports/elearning')).json<ElearningReport>();
      assert.equal(mine.scope, 'trainer');
      assert.deepEqual(mine.courses.map((x) => x.courseId), [a]);
      assert.deepEqual(mine.centres, []);

      const all = (await hq.get('/api/v1/training/reports/elearning')).json<ElearningReport>();
      assert.equal(all.scope, 'all');
      // Every published course of every centre (the seeded pre-departure orientation courses too).
      assert.deepEqual(all.courses.filter((x) => [a, b, c].includes(x.courseId)).map((x) => x.courseId).sort(), [a, b, c].sort());
      assert.ok(all.centres.length >= 3);
      const byCentre = new Map(all.centres.map((x) => [x.centreId, x]));
      assert.deepEqual(m(byCentre.get(SHUBRA)), [4, 1, 25, 50, 2, 0, 50]);
      assert.deepEqual(m(byCentre.get(ALEX)), [1, 1, 100, 100, 1, 0, null]);
      assert.deepEqual(m(byCentre.get(ASSIUT)), [0, 0, null, null, 0, 0, null]);

      const alex = (await hq.get(`/api/v1/training/reports/elearning?centre=${ALEX}`)).json<ElearningReport>();
      assert.deepEqual(alex.courses.map((x) => x.courseId), [c]);
      assert.deepEqual(alex.centres.map((x) => x.centreId), [ALEX]);
    });

    test('outside the scope: 403; bad ranges and centres: 400; the date range counts enrolments in it', async () => {
      const other = await manager.get(`/api/v1/training/reports/elearning?centre=${ALEX}`);
      assert.equal(other.statusCode, 403);
      assert.equal(other.json<{ code: string }>().code, 'out_of_scope');
      assert.equal((await trainer.get(`/api/v1/training/reports/elearning?centre=${ALEX}`)).json<{ code: string }>().code, 'out_of_scope');
      assert.equal((await alexTrainer.get(`/api/v1/training/reports/elearning?centre=${SHUBRA}`)).statusCode, 403);
      assert.equal((await manager.get(`/api/v1/training/reports/elearning.csv?table=courses&centre=${ALEX}`)).statusCode, 403);
      const clerk = t.client();
      await signInStaff(t, clerk, 'nasr.clerk');
      assert.equal((await clerk.get('/api/v1/training/reports/elearning')).statusCode, 403);
      const citizen = t.client();
      await registerCitizen(t, citizen);
      assert.equal((await citizen.get('/api/v1/training/reports/elearning')).statusCode, 403);
      assert.equal((await t.client().get('/api/v1/training/reports/elearning')).statusCode, 401);
      assert.equal((await hq.get(`/api/v1/training/reports/elearning?centre=${randomUUID()}`)).statusCode, 400);

      const today = t.clock.now().toISOString().slice(0, 10);
      const tomorrow = new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
      assert.equal((await manager.get(`/api/v1/training/reports/elearning?from=${tomorrow}&to=${today}`)).statusCode, 400);
      const later = (await manager.get(`/api/v1/training/reports/elearning?from=${tomorrow}`)).json<ElearningReport>();
      assert.deepEqual(m(later.centres[0]), [0, 0, null, null, 0, 0, null]);
      const todayOnly = (await manager.get(`/api/v1/training/reports/elearning?from=${encodeURIComponent(toArabicDigits(today))}&to=${today}`)).json<ElearningReport>();
      assert.equal(todayOnly.from, today);
      assert.equal(todayOnly.centres[0]?.enrolments, 4);
    });

    test('each table exports as CSV (BOM, Arabic headers and labels by default, English with lang=en, one row per line, formulas neutralised)', async () => {
      const SHUBRA_AR = 'مركز التدريب المهني بشبرا الخيمة (تجريبي)';
      const res = await manager.get('/api/v1/training/reports/elearning.csv?table=courses');
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), /elearning-courses\.csv/);
      const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      assert.ok(res.body.startsWith('\uFEFF'));
      // Arabic by default (as the dashboards' CSV): Arabic headers, titles, centre names and statuses; codes and ids as they are.
      assert.equal(lines[0], 'الدورة,مركز التدريب,رمز المركز,حالة الدورة,المسجلون,أتمّوا,نسبة الإتمام (٪),متوسط الدرجة (٪),متدربون لهم درجة,محاولات تنتظر التصحيح,نسبة الحضور (٪),معرّف الدورة');
      assert.equal(lines.length, 3);
      assert.ok(lines.includes(`أ: السلامة,${SHUBRA_AR},DEMO-VTC-SHUBRA,منشورة,3,1,33.3,50,2,0,50,${a}`), lines.join('\n'));
      assert.ok(!lines.some((l) => l.includes('A: safety') || l.includes(',published,')), 'no English label in the Arabic export');
      const en = (await manager.get('/api/v1/training/reports/elearning.csv?table=courses&lang=en')).body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      assert.equal(en[0], 'Course,Training centre,Centre code,Course status,Enrolled,Completed,Completion rate (%),Average score (%),Trainees with a score,Attempts awaiting grading,Attendance rate (%),Course ID');
      assert.ok(en.includes(`A: safety,Shubra El Kheima Vocational Training Centre (demo),DEMO-VTC-SHUBRA,Published,3,1,33.3,50,2,0,50,${a}`), en.join('\n'));
      assert.ok(en.some((l) => l.startsWith(`"'=HYPERLINK(""x"")",`)), 'a title that looks like a formula is prefixed');
      assert.equal((await manager.get('/api/v1/training/reports/elearning.csv?table=courses&lang=fr')).statusCode, 400);
      const centres = (await hq.get('/api/v1/training/reports/elearning.csv?table=centres')).body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      assert.equal(centres[0], 'مركز التدريب,رمز المركز,عدد الدورات,المسجلون,أتمّوا,نسبة الإتمام (٪),متوسط الدرجة (٪),متدربون لهم درجة,محاولات تنتظر التصحيح,نسبة الحضور (٪)');
      assert.ok(centres.includes(`${SHUBRA_AR},DEMO-VTC-SHUBRA,2,4,1,25,50,2,0,50`), centres.join('\n'));
      assert.ok(centres.includes('مركز التدريب المهني بأسيوط (تجريبي),DEMO-VTC-ASSIUT,0,0,0,,,0,0,'), centres.join('\n'));
      const centresEn = (await hq.get('/api/v1/training/reports/elearning.csv?table=centres&lang=en')).body.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(centresEn[0], 'Training centre,Centre code,Courses,Enrolled,Completed,Completion rate (%),Average score (%),Trainees with a score,Attempts awaiting grading,Attendance rate (%)');
      assert.ok(centresEn.includes('Assiut Vocational Training Centre (demo),DEMO-VTC-ASSIUT,0,0,0,,,0,0,'), centresEn.join('\n'));
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import type { CourseDetail, CourseLiveSessions, CourseSummary, ScormLaunch, ScormSaveResult } from '@rabt/contracts';
import { registerCitizen } from '../../testing/factories.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { DEMO_COURSE, DEMO_PDF_LESSON, DEMO_QUESTIONS } from './demo-course.data.ts';
import { findDemoCourse, seedDemoCourse } from './demo-course.seed.ts';

/**
 * The demo vocational course (demo data only): seeding builds it through the module's services as the demo
 * trainer, centre manager and HQ training account, publishes it with a PDF lesson, a SCORM lesson and an
 * upcoming live session, and seeding again adds nothing. A newly registered citizen finds it in the catalogue,
 * enrols, books the live session, opens the PDF lesson's file (with a byte range) and launches the SCORM lesson, whose SCO really runs (in a VM, with the served run-time)
 * and, answered right, reports `passed`, which completes the lesson.
 */

interface Posted {
  type: string;
  report: Record<string, unknown>;
}

/** Runs the served run-time, the launch's bootstrap and the SCO's sco.js in a window-like VM, then submits its form with `answers`. */
function runDemoSco(runtimeJs: string, bootJs: string, scoJs: string, answers: number[]): { posted: Posted[]; result: string } {
  const posted: Posted[] = [];
  const parent = { postMessage: (m: Posted) => posted.push(JSON.parse(JSON.stringify(m)) as Posted) };
  const elements: Record<string, { textContent: string; className: string; hidden: boolean }> = {};
  let submit: ((ev: { preventDefault(): void }) => void) | undefined;
  const form = {
    addEventListener: (type: string, fn: (ev: { preventDefault(): void }) => void) => type === 'submit' && (submit = fn),
    querySelector: (sel: string) => {
      const i = Number(/q(\d+)/.exec(sel)?.[1]);
      return answers[i] === undefined ? null : { value: String(answers[i]) };
    },
  };
  const document = { getElementById: (id: string) => (id === 'check' ? form : (elements[id] ??= { textContent: '', className: '', hidden: true })), cookie: '' };
  const win: Record<string, unknown> = { console: { ...console, log() {}, info() {}, debug() {} }, setTimeout, clearTimeout, setInterval, clearInterval, document, parent, top: parent };
  win.window = win;
  win.self = win;
  vm.createContext(win);
  vm.runInContext(runtimeJs, win);
  vm.runInContext(bootJs, win);
  vm.runInContext(scoJs, win);
  assert.ok(submit, 'the SCO listens to its form');
  submit({ preventDefault() {} });
  return { posted, result: elements.result?.textContent ?? '' };
}

for (const target of testTargets()) {
  describe(`demo vocational course (${target})`, () => {
    let t: TestNode;
    let courseId: string;

    before(async () => {
      t = await createTestNode(target);
    });
    after(() => t.close());

    test('not seeded unless demo data is on: the catalogue has no vocational course', async () => {
      await t.node.seedDemoData();
      const list = (await t.client().get('/api/v1/elearning/courses?isco=7411')).json<CourseSummary[]>();
      assert.deepEqual(list, []);
    });

    test('the seed publishes the course through the workflow, audited; seeding again adds nothing', async () => {
      const first = await seedDemoCourse(t.node.deps);
      assert.ok(first.courseId);
      assert.equal(first.published, true);
      assert.equal(first.sessionScheduled, true);
      courseId = first.courseId;
      const db = t.node.deps.db;
      const course = await db.selectFrom('courses as c').innerJoin('staff as s', 's.id', 'c.created_by').innerJoin('training_centres as tc', 'tc.id', 'c.centre_id').select(['c.status', 'c.isco', 'c.quiz_question_count', 'c.quiz_pass_percent', 'c.quiz_max_attempts', 's.email', 'tc.code', 'tc.demo']).where('c.id', '=', courseId).executeTakeFirstOrThrow();
      assert.deepEqual(course, { status: 'published', isco: '7411', quiz_question_count: 5, quiz_pass_percent: 60, quiz_max_attempts: 3, email: 'trainer@demo.rabt.local', code: 'DEMO-VTC-SHUBRA', demo: true });
      const audit = await db.selectFrom('audit_log').select(['action', 'actor_kind']).where('subject_id', '=', courseId).orderBy('seq').execute();
      const actions = audit.map((a) => a.action);
      for (const a of ['course.created', 'course.module_added', 'course.lesson_added', 'course.question_added', 'course.lesson_file_uploaded', 'course.lesson_scorm_uploaded', 'course.submitted', 'course.approved', 'course.demo_seeded']) assert.ok(actions.includes(a), a);
      assert.equal(audit.find((a) => a.action === 'course.demo_seeded')?.actor_kind, 'system');

      const counts = async () => ({
        courses: (await db.selectFrom('courses').select('id').where('title_en', '=', DEMO_COURSE.titleEn).execute()).length,
        lessons: (await db.selectFrom('lessons').select('id').where('course_id', '=', courseId).execute()).length,
        questions: (await db.selectFrom('quiz_questions').select('id').where('course_id', '=', courseId).execute()).length,
        files: (await db.selectFrom('lessons').select('id').where('course_id', '=', courseId).where('file_id', 'is not', null).execute()).length,
        packages: (await db.selectFrom('scorm_packages as p').innerJoin('lessons as l', 'l.id', 'p.lesson_id').select('p.id').where('l.course_id', '=', courseId).execute()).length,
        sessions: (await db.selectFrom('live_sessions').select('id').where('course_id', '=', courseId).execute()).length,
      });
      assert.deepEqual(await counts(), { courses: 1, lessons: 8, questions: DEMO_QUESTIONS.length, files: 1, packages: 1, sessions: 1 });
      assert.deepEqual(await seedDemoCourse(t.node.deps), { courseId, published: false, sessionScheduled: false });
      assert.deepEqual(await counts(), { courses: 1, lessons: 8, questions: DEMO_QUESTIONS.length, files: 1, packages: 1, sessions: 1 });
      assert.equal((await findDemoCourse(db, (await db.selectFrom('staff').select('id').where('email', '=', 'trainer@demo.rabt.local').executeTakeFirstOrThrow()).id))?.id, courseId);
    });

    test('a newly registered citizen finds the course, enrols, books the live session, opens the PDF lesson and completes the SCORM lesson', async () => {
      const catalogue = (await t.client().get('/api/v1/elearning/courses?isco=7411')).json<CourseSummary[]>();
      assert.deepEqual(catalogue.map((c) => c.title.ar), ['أساسيات التمديدات الكهربائية المنزلية']);
      const trainee = t.client();
      await registerCitizen(t, trainee);
      const enrolled = await trainee.post(`/api/v1/elearning/courses/${courseId}/enrolments`);
      assert.equal(enrolled.statusCode, 201, enrolled.body);
      const enrolmentId = enrolled.json<{ id: string }>().id;

      const detail = (await trainee.get(`/api/v1/elearning/courses/${courseId}`)).json<CourseDetail>();
      assert.deepEqual(detail.modules.map((m) => m.lessons.length), [3, 5]);
      assert.equal(detail.quiz.bankSize, DEMO_QUESTIONS.length);
      const live = (await trainee.get(`/api/v1/elearning/courses/${courseId}/live-sessions`)).json<CourseLiveSessions>();
      assert.equal(live.sessions.length, 1);
      const startsIn = new Date(live.sessions[0]!.startsAt).getTime() - t.clock.now().getTime();
      assert.ok(startsIn > 0 && startsIn <= 2 * 86_400_000, `the session is within two days (${live.sessions[0]!.startsAt})`);
      const booked = await trainee.post(`/api/v1/elearning/live-sessions/${live.sessions[0]!.id}/booking`);
      assert.equal(booked.statusCode, 201, booked.body);

      const pdfLesson = detail.modules[1]!.lessons[3]!;
      assert.equal(pdfLesson.title.ar, DEMO_PDF_LESSON.title.ar);
      const full = await trainee.get(`/api/v1/elearning/lessons/${pdfLesson.id}/file`);
      assert.equal(full.statusCode, 200);
      assert.equal(full.headers['content-type'], 'application/pdf');
      assert.equal(full.headers['accept-ranges'], 'bytes');
      assert.equal(full.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const size = full.rawPayload.length;
      assert.equal(Number(full.headers['content-length']), size);
      const part = await trainee.request('GET', `/api/v1/elearning/lessons/${pdfLesson.id}/file`, undefined, { range: 'bytes=0-1023' });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-type'], 'application/pdf');
      assert.equal(part.headers['content-range'], `bytes 0-1023/${size}`);
      assert.deepEqual(part.rawPayload, full.rawPayload.subarray(0, 1024));

      const scormLessonId = detail.modules[1]!.lessons[4]!.id;
      const launched = await trainee.get(`/api/v1/elearning/lessons/${scormLessonId}/scorm/launch`);
      assert.equal(launched.statusCode, 200, launched.body);
      const launch = launched.json<ScormLaunch>();
      assert.equal(launch.title, 'تقييم ذاتي: السلامة قبل العمل الكهربائي');
      const frame = t.client();
      const html = await frame.get(launch.launchUrl);
      assert.equal(html.statusCode, 200);
      assert.match(html.body, /<html lang="ar" dir="rtl">/);
      const token = launch.launchUrl.split('/')[5]!;
      const runtimeJs = (await frame.get('/api/v1/elearning/scorm-runtime/scorm12.js')).body;
      const bootJs = (await frame.get(`/api/v1/elearning/scorm-boot/${token}`)).body;
      const scoJs = await frame.get(launch.launchUrl.replace('index.html', 'sco.js'));
      assert.equal(scoJs.statusCode, 200);

      const wrong = runDemoSco(runtimeJs, bootJs, scoJs.body, [0, 1, 2]);
      assert.match(wrong.result, /إجاباتك الصحيحة: ٢ من ٣/);
      assert.deepEqual(wrong.posted.map((p) => [p.report.lessonStatus, p.report.scoreRaw, p.report.finished]), [['incomplete', '67', false]]);
      const right = runDemoSco(runtimeJs, bootJs, scoJs.body, [1, 1, 2]);
      assert.deepEqual(right.posted.map((p) => [p.report.lessonStatus, p.report.scoreRaw, p.report.finished]), [['passed', '100', false], ['passed', '100', true]]);
      const saved = await trainee.request('PUT', `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${scormLessonId}/scorm`, right.posted[1]!.report);
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json<ScormSaveResult>().lessonCompleted, true);
    });

    test('once the live session has passed, the next start schedules a new one (and only one)', async () => {
      t.clock.advance(3 * 86_400_000);
      assert.equal((await seedDemoCourse(t.node.deps)).sessionScheduled, true);
      assert.equal((await seedDemoCourse(t.node.deps)).sessionScheduled, false);
      const sessions = await t.node.deps.db.selectFrom('live_sessions').select('starts_at').where('course_id', '=', courseId).where('starts_at', '>', t.clock.now()).execute();
      assert.equal(sessions.length, 1);
    });
  });
}

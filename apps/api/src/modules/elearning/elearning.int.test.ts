import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttemptView, CourseDetail, EnrolmentState, LessonPage, MyEnrolment, StaffCourse, VerificationResult, WorkerProfile } from '@rabt/contracts';
import { LessonPage as LessonPageSchema } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { filesDir } from './files.ts';

/**
 * Vocational e-learning end to end on the API (issue 6): a trainer authors, the centre manager submits,
 * HQ training approves (and nothing else publishes); a trainee enrols, studies, passes a quiz with every
 * question type, and gets a certificate that verifies and shows in the worker profile. Bad input: late
 * submission, attempts beyond the limit, another trainee's attempt, a double submission, wrong-type and
 * oversized uploads; range requests on an uploaded video.
 */
const COURSE = {
  titleAr: 'أساسيات التمديدات الكهربائية',
  titleEn: 'Basics of electrical wiring',
  descriptionAr: 'دورة قصيرة للمبتدئين.',
  descriptionEn: 'A short course for beginners.',
  isco: '٧٤١١',
  skillLevel: 'semi_skilled',
  quizQuestionCount: 5,
  quizTimeLimitMinutes: '١٠',
  quizMaxAttempts: 2,
  quizPassPercent: 80,
  prerequisiteIds: [],
};

/** A tiny MP4-looking file: an ftyp box then 1000 known bytes. */
function fakeMp4(): Buffer {
  const head = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 0, 0, ...Buffer.from('isomiso2')]);
  const body = Buffer.alloc(1000);
  for (let i = 0; i < body.length; i++) body[i] = i % 251;
  return Buffer.concat([head, body]);
}

for (const target of testTargets()) {
  describe(`e-learning (${target})`, () => {
    let t: TestNode;
    let dataDir: string;
    let trainer: TestClient;
    let manager: TestClient;
    let hq: TestClient;
    let courseId: string;
    let lessonIds: string[];
    let questions: StaffCourse['questions'];

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'rabt-elearning-'));
      t = await createTestNode(target, { DATA_DIR: dataDir });
      trainer = t.client();
      manager = t.client();
      hq = t.client();
      await signInStaff(t, trainer, 'trainer');
      await signInStaff(t, manager, 'centre.manager');
      await signInStaff(t, hq, 'training.hq');
    });
    after(async () => {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('a trainer authors a course: modules, lessons (markdown subset), a file, a bank of every question type', async () => {
      const created = await trainer.post('/api/v1/training/courses', COURSE);
      assert.equal(created.statusCode, 201, created.body);
      const c = created.json<StaffCourse>();
      assert.equal(c.status, 'draft');
      assert.equal(c.isco, '7411');
      assert.equal(c.quiz.timeLimitSeconds, 600);
      courseId = c.id;
      const m = await trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'السلامة', titleEn: 'Safety' });
      assert.equal(m.statusCode, 201, m.body);
      const moduleId = m.json<StaffCourse>().modules[0]!.id;
      for (const n of [1, 2]) {
        const l = await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, {
          moduleId,
          titleAr: `الدرس ${n}`,
          titleEn: `Lesson ${n}`,
          bodyAr: '# مقدمة\nافصل التيار قبل العمل.\n\n- القفازات\n- النظارات\n<script>alert(1)</script>',
          bodyEn: '# Introduction\nSwitch the power off first.',
          videoUrl: n === 1 ? 'https://example.org/video' : null,
        });
        assert.equal(l.statusCode, 201, l.body);
      }
      const badVideo = await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: 'س', titleEn: 'x', bodyAr: '', bodyEn: '', videoUrl: 'javascript:alert(1)' });
      assert.equal(badVideo.statusCode, 400);
      const qs = [
        { type: 'single_choice', promptAr: 'لون السلك الأرضي؟', promptEn: 'Earth wire colour?', options: [{ ar: 'أحمر', en: 'Red' }, { ar: 'أخضر وأصفر', en: 'Green/yellow' }], correct: 1 },
        { type: 'multiple_choice', promptAr: 'معدات الوقاية؟', promptEn: 'Protective equipment?', options: [{ ar: 'قفازات', en: 'Gloves' }, { ar: 'ساعة', en: 'Watch' }, { ar: 'نظارات', en: 'Goggles' }], correct: [0, 2] },
        { type: 'true_false', promptAr: 'يُفصل التيار قبل العمل.', promptEn: 'Power is switched off first.', correct: true },
        { type: 'short_answer', promptAr: 'وحدة قياس الجهد؟', promptEn: 'Unit of voltage?', accepted: ['فولت', 'volt'] },
        { type: 'matching', promptAr: 'طابق', promptEn: 'Match', pairs: [{ left: { ar: 'تيار', en: 'Current' }, right: { ar: 'أمبير', en: 'Ampere' } }, { left: { ar: 'مقاومة', en: 'Resistance' }, right: { ar: 'أوم', en: 'Ohm' } }] },
      ];
      for (const q of qs) {
        const r = await trainer.post(`/api/v1/training/courses/${courseId}/questions`, q);
        assert.equal(r.statusCode, 201, r.body);
      }
      const out = (await trainer.get(`/api/v1/training/courses/${courseId}`)).json<StaffCourse>();
      lessonIds = out.modules[0]!.lessons.map((l) => l.id);
      questions = out.questions;
      assert.equal(lessonIds.length, 2);
      assert.equal(questions.length, 5);
      // Other centres' staff and citizens cannot read the staff view; drafts are not in the catalogue.
      assert.equal((await t.client().get(`/api/v1/elearning/courses/${courseId}`)).statusCode, 404);
    });

    test('uploads: the wrong type and an oversized file are refused with nothing saved; a video is served with ranges', async () => {
      const url = `/api/v1/training/lessons/${lessonIds[0]}/file`;
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
      const wrong = await trainer.request('PUT', url, png, { 'content-type': 'application/pdf' });
      assert.equal(wrong.statusCode, 415, wrong.body);
      assert.equal(wrong.json<{ code: string }>().code, 'lesson_file_type');
      const big = await trainer.request('PUT', url, Buffer.alloc(16), { 'content-type': 'video/mp4', 'content-length': String(300 * 1024 * 1024) });
      assert.equal(big.statusCode, 413, big.body);
      assert.equal(big.json<{ code: string }>().code, 'lesson_file_too_large');
      // A PDF over 20 MB (under the video limit) is refused after sniffing.
      const bigPdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(21 * 1024 * 1024)]);
      const tooBig = await trainer.request('PUT', url, bigPdf, { 'content-type': 'application/pdf' });
      assert.equal(tooBig.statusCode, 413, tooBig.body);
      assert.deepEqual(readdirSync(filesDir(t.config)), []);
      assert.equal((await t.node.deps.db.selectFrom('lesson_files').select('id').execute()).length, 0);

      const video = fakeMp4();
      const ok = await trainer.request('PUT', url, video, { 'content-type': 'application/octet-stream' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json<StaffCourse>().modules[0]!.lessons[0]!.file, { mediaType: 'video/mp4', sizeBytes: video.length });

      const fileUrl = `/api/v1/elearning/lessons/${lessonIds[0]}/file`;
      const part = await trainer.request('GET', fileUrl, undefined, { range: 'bytes=100-199' });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-range'], `bytes 100-199/${video.length}`);
      assert.equal(part.headers['content-type'], 'video/mp4');
      assert.deepEqual(part.rawPayload, video.subarray(100, 200));
      const suffix = await trainer.request('GET', fileUrl, undefined, { range: 'bytes=-10' });
      assert.equal(suffix.statusCode, 206);
      assert.deepEqual(suffix.rawPayload, video.subarray(video.length - 10));
      const whole = await trainer.get(fileUrl);
      assert.equal(whole.statusCode, 200);
      assert.equal(whole.headers['accept-ranges'], 'bytes');
      assert.deepEqual(whole.rawPayload, video);
      const outside = await trainer.request('GET', fileUrl, undefined, { range: `bytes=${video.length}-` });
      assert.equal(outside.statusCode, 416);
      assert.equal(outside.headers['content-range'], `bytes */${video.length}`);
      // Signed out: no file.
      assert.equal((await t.client().get(fileUrl)).statusCode, 401);
    });

    test('publishing needs HQ training approval: nobody else publishes, and only a submitted course is approved', async () => {
      assert.equal((await trainer.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 403);
      assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 403);
      const early = await hq.post(`/api/v1/training/courses/${courseId}/approve`);
      assert.equal(early.statusCode, 409);
      assert.equal(early.json<{ code: string }>().code, 'course_state');
      assert.equal((await trainer.patch(`/api/v1/training/courses/${courseId}`, { status: 'published' })).statusCode, 400);
      assert.equal((await trainer.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 403);
      // Submitted, returned with a reason, fixed, submitted again, approved.
      assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
      assert.equal((await trainer.patch(`/api/v1/training/courses/${courseId}`, { titleEn: 'x' })).statusCode, 409);
      const returned = await hq.post(`/api/v1/training/courses/${courseId}/return`, { reason: 'أضف هدف الدورة في الوصف.' });
      assert.equal(returned.json<StaffCourse>().status, 'returned');
      assert.equal(returned.json<StaffCourse>().returnReason, 'أضف هدف الدورة في الوصف.');
      assert.equal((await trainer.patch(`/api/v1/training/courses/${courseId}`, { descriptionEn: 'Goal: safe domestic wiring.' })).statusCode, 200);
      assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
      const approved = await hq.post(`/api/v1/training/courses/${courseId}/approve`);
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json<StaffCourse>().status, 'published');
      // The database itself refuses a published course without an approver.
      await assert.rejects(t.node.deps.db.updateTable('courses').set({ approved_by: null }).where('id', '=', courseId).execute());
      const catalogue = (await t.client().get('/api/v1/elearning/courses?isco=74')).json<{ id: string }[]>();
      assert.ok(catalogue.some((c) => c.id === courseId));
    });

    test('a trainee enrols, studies (progress, resume, idempotent completion) and passes the quiz with every type auto-graded; the certificate verifies and shows in the worker profile', async () => {
      const trainee = t.client();
      await registerCitizen(t, trainee, { nameAr: 'منة الله حسن علي', nameLatin: 'Menatallah Hassan Ali' });
      assert.equal((await trainee.get(`/api/v1/elearning/courses/${courseId}/lessons/${lessonIds[0]}`)).statusCode, 403);
      const enrolled = await trainee.post(`/api/v1/elearning/courses/${courseId}/enrolments`);
      assert.equal(enrolled.statusCode, 201, enrolled.body);
      const enrolment = enrolled.json<EnrolmentState>();
      assert.equal((await trainee.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).statusCode, 200);
      assert.equal(enrolment.resumeLessonId, lessonIds[0]);

      const page = (await trainee.get(`/api/v1/elearning/courses/${courseId}/lessons/${lessonIds[0]}`)).json<LessonPage>();
      // Sent pre-serialised (course-cache.ts): the body still has the contract's shape.
      assert.ok(LessonPageSchema.safeParse(page).success, JSON.stringify(LessonPageSchema.safeParse(page).error?.issues));
      assert.equal(page.lesson.completed, false);
      assert.equal(page.nextLessonId, lessonIds[1]);
      assert.equal(page.outline[0]!.lessons.length, 2);
      assert.equal(page.lesson.file?.mediaType, 'video/mp4');
      const part = await trainee.request('GET', `/api/v1/elearning/lessons/${lessonIds[0]}/file`, undefined, { range: 'bytes=0-3' });
      assert.equal(part.statusCode, 206);

      const done1 = await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${lessonIds[0]}/complete`);
      assert.equal(done1.statusCode, 200, done1.body);
      assert.equal(done1.json<{ enrolment: EnrolmentState }>().enrolment.progressPercent, 50);
      // The lesson page shows the completion at once (the trainee's cached progress is dropped on change).
      const after = (await trainee.get(`/api/v1/elearning/courses/${courseId}/lessons/${lessonIds[0]}`)).json<LessonPage>();
      assert.equal(after.lesson.completed, true);
      assert.deepEqual([after.enrolment.completedLessons, after.outline[0]!.lessons[0]!.completed], [1, true]);
      // Synced twice (offline retry): still one completion.
      const again = await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${lessonIds[0]}/complete`);
      assert.equal(again.json<{ enrolment: EnrolmentState }>().enrolment.completedLessons, 1);
      assert.equal(again.json<{ enrolment: EnrolmentState }>().enrolment.resumeLessonId, lessonIds[1]);
      await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${lessonIds[1]}/complete`);

      const started = await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`);
      assert.equal(started.statusCode, 201, started.body);
      const attempt = started.json<AttemptView>();
      assert.equal(attempt.questions.length, 5);
      assert.ok(!/"correct"|"accepted"|"pairs"/.test(JSON.stringify(attempt.questions)), JSON.stringify(attempt.questions));
      // Opening again resumes the same attempt.
      assert.equal((await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<AttemptView>().id, attempt.id);

      // Another trainee cannot read or answer this attempt.
      const other = t.client();
      await registerCitizen(t, other);
      assert.equal((await other.get(`/api/v1/elearning/attempts/${attempt.id}`)).statusCode, 404);
      assert.equal((await other.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers: [] })).statusCode, 404);
      assert.equal((await other.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${lessonIds[0]}/complete`)).statusCode, 404);

      const byType = new Map(questions.map((q) => [q.type, q.id]));
      const answers = [
        { questionId: byType.get('single_choice')!, choice: 'o2' },
        { questionId: byType.get('multiple_choice')!, choices: ['o3', 'o1'] },
        { questionId: byType.get('true_false')!, value: true },
        { questionId: byType.get('short_answer')!, text: ' فُولت ' },
        { questionId: byType.get('matching')!, matches: { p1: 'p1', p2: 'p2' } },
      ];
      // The same attempt submitted twice at once: graded exactly once.
      const [s1, s2] = await Promise.all([trainee.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers }), trainee.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers })]);
      const codes = [s1.statusCode, s2.statusCode].sort();
      assert.deepEqual(codes, [200, 409], `${s1.body} ${s2.body}`);
      const graded = (s1.statusCode === 200 ? s1 : s2).json<AttemptView>();
      assert.equal(graded.scorePercent, 100);
      assert.equal(graded.passed, true);
      assert.ok(graded.results?.every((r) => r.correct));
      // The submission is recorded in the attempt row, written once (0024), not in the audit chain.
      const row = await t.node.deps.db.selectFrom('quiz_attempts').select(['status', 'submitted_at', 'score_percent', 'passed', 'answers']).where('id', '=', attempt.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.score_percent, row.passed, (row.answers as unknown[]).length], ['graded', 100, true, 5]);
      assert.ok(row.submitted_at);
      await assert.rejects(t.node.deps.db.updateTable('quiz_attempts').set({ score_percent: 0, passed: false }).where('id', '=', attempt.id).execute(), /written once/);
      await assert.rejects(t.node.deps.db.deleteFrom('quiz_attempts').where('id', '=', attempt.id).execute(), /cannot be deleted/);
      const code = graded.enrolment?.certificateCode;
      assert.ok(code, 'the certificate is issued on completion');
      // What the pass conferred is in the audit chain: the completion, with the certificate and the score.
      const completed = await t.node.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'elearning.course_completed').where('subject_id', '=', enrolment.id).execute();
      assert.deepEqual(completed.map((a) => (a.details as { certificate: string; score: number })), [{ courseId, certificate: code, score: 100 }]);

      const verified = (await t.client().get(`/api/v1/verify/${code}`)).json<VerificationResult>();
      assert.equal(verified.status, 'genuine');
      assert.equal(verified.kind, 'training_certificate');
      assert.ok(verified.fields.some((f) => f.key === 'holder' && f.value.ar.startsWith('منة') && !f.value.ar.includes('حسن')), 'the holder is masked on /verify');
      // The certificate's Arabic column (the PDF and /verify show the same fields) writes the ISCO code in Arabic-Indic digits; the English one keeps Latin.
      const isco = verified.fields.find((f) => f.key === 'isco');
      assert.match(isco?.value.ar ?? '', /^٧٤١١ /);
      assert.match(isco?.value.en ?? '', /^7411 /);
      // The level carries the one name every page uses (packages/contracts skill-levels.ts).
      assert.deepEqual(verified.fields.find((f) => f.key === 'skill_level')?.value, { ar: 'شبه ماهر', en: 'Semi-skilled' });
      const pdf = await trainee.get(`/api/v1/documents/${code}/pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');

      const profile = (await trainee.get('/api/v1/worker/profile')).json<WorkerProfile>();
      const cert = profile.certificates.find((c) => c.verificationCode === code);
      assert.ok(cert, 'the certificate is evidence in the worker profile');
      assert.equal(cert.kind, 'training');
      assert.equal(cert.isco, '7411');

      const mine = (await trainee.get('/api/v1/elearning/my')).json<MyEnrolment[]>();
      assert.equal(mine[0]?.enrolment.certificateCode, code);
      assert.equal(mine[0]?.enrolment.progressPercent, 100);
      const detail = (await trainee.get(`/api/v1/elearning/courses/${courseId}`)).json<CourseDetail>();
      assert.ok(detail.enrolment?.completedAt);
      assert.equal((await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<{ code: string }>().code, 'quiz_already_passed');

      // Signing out ends the session at once, also for reads a citizen's recently checked session serves from memory.
      const token = trainee.cookie('rabt_session')!;
      const lessonUrl = `/api/v1/elearning/courses/${courseId}/lessons/${lessonIds[0]}`;
      assert.equal((await t.node.app.inject({ method: 'GET', url: lessonUrl, cookies: { rabt_session: token } })).statusCode, 200);
      assert.equal((await trainee.delete('/api/v1/session')).statusCode, 204);
      assert.equal((await t.node.app.inject({ method: 'GET', url: lessonUrl, cookies: { rabt_session: token } })).statusCode, 401);
    });

    test('time limit, attempt limit and wrong answers: a late submission is refused, attempts beyond the maximum are refused', async () => {
      const trainee = t.client();
      await registerCitizen(t, trainee);
      const enrolment = (await trainee.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
      const first = (await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<AttemptView>();
      t.clock.advance(11 * 60_000);
      const late = await trainee.post(`/api/v1/elearning/attempts/${first.id}/submit`, { answers: [] });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json<{ code: string }>().code, 'quiz_time_over');
      assert.equal((await trainee.get(`/api/v1/elearning/attempts/${first.id}`)).json<AttemptView>().status, 'expired');
      const second = (await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<AttemptView>();
      assert.equal(second.attemptNo, 2);
      const wrong = (await trainee.post(`/api/v1/elearning/attempts/${second.id}/submit`, { answers: second.questions.map((q) => ({ questionId: q.id, text: 'لا أعرف' })) })).json<AttemptView>();
      assert.equal(wrong.passed, false);
      assert.equal(wrong.scorePercent, 0);
      const third = await trainee.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`);
      assert.equal(third.statusCode, 409);
      assert.equal(third.json<{ code: string }>().code, 'quiz_attempts_exhausted');
      const foreign = await trainee.post(`/api/v1/elearning/attempts/${second.id}/submit`, { answers: [{ questionId: crypto.randomUUID(), value: true }] });
      assert.equal(foreign.statusCode, 409);
    });

    test('network grace: answers arriving up to 15 s after the time limit are graded; after that they are refused and the attempt expires', async () => {
      const inTime = t.client();
      await registerCitizen(t, inTime);
      const e1 = (await inTime.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
      const a1 = (await inTime.post(`/api/v1/elearning/enrolments/${e1.id}/attempts`)).json<AttemptView>();
      t.clock.advance(10 * 60_000 + 14_000); // 14 s past the 10-minute limit: the request was in flight.
      const graded = await inTime.post(`/api/v1/elearning/attempts/${a1.id}/submit`, { answers: a1.questions.map((q) => ({ questionId: q.id, text: 'x' })) });
      assert.equal(graded.statusCode, 200, graded.body);
      assert.notEqual(graded.json<AttemptView>().status, 'open');
      assert.notEqual(graded.json<AttemptView>().status, 'expired');

      const tooLate = t.client();
      await registerCitizen(t, tooLate);
      const e2 = (await tooLate.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
      const a2 = (await tooLate.post(`/api/v1/elearning/enrolments/${e2.id}/attempts`)).json<AttemptView>();
      t.clock.advance(10 * 60_000 + 16_000); // 16 s past: beyond the grace.
      const refused = await tooLate.post(`/api/v1/elearning/attempts/${a2.id}/submit`, { answers: [] });
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json<{ code: string }>().code, 'quiz_time_over');
    });
  });
}

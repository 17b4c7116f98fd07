import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CourseDetail, EnrolmentState, StaffCourse } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../apps/api/src/testing/factories.ts';
import { SCO_HTML, scormManifest, scormZip } from '../apps/api/src/modules/elearning/scorm-fixtures.ts';
import { arabicContext, assertAccessible, screenshot, signInStaffInBrowser, startHarness, type Harness, signInCitizenInBrowser } from './browser.ts';

/**
 * SCORM 1.2 lessons in Chromium, in Arabic (issue 6 §1): the trainer uploads packages in the course editor
 * (a SCORM 2004 package is refused with the Arabic problem text; a SCORM 1.2 package is accepted); after
 * publication a trainee opens the lesson: the SCO runs in the sandboxed iframe with scorm-again's API,
 * cannot read the page's cookies or DOM, reports "passed" through LMSCommit/LMSFinish, and the lesson
 * shows complete. Opening the lesson again resumes from the saved suspend data and location, and the SCO
 * reads back cmi.core.total_time (the first session's 30 s, counted once). Saving the course
 * for offline reading says that SCORM lessons need a connection and keeps only the other lesson. A package
 * with three SCOs lists its parts; each runs in turn and the lesson completes only after the last; the
 * editor counts the parts, a part shows its mastery score as its pass mark, and a part whose prerequisite is
 * not done is locked with the reason in Arabic.
 */
describe('SCORM 1.2 lesson in the Arabic UI', () => {
  let h: Harness;
  let courseId = '';
  let lessonId = '';

  before(async () => {
    h = await startHarness();
    const trainer = h.t.client();
    await signInStaff(h.t, trainer, 'trainer');
    const created = await trainer.post('/api/v1/training/courses', {
      titleAr: 'السلامة الكهربائية التفاعلية',
      titleEn: 'Interactive electrical safety',
      descriptionAr: 'دورة بمحتوى تفاعلي.',
      descriptionEn: 'A course with interactive content.',
      isco: '7411',
      skillLevel: null,
      quizQuestionCount: 1,
      quizTimeLimitMinutes: 10,
      quizMaxAttempts: 2,
      quizPassPercent: 50,
      prerequisiteIds: [],
    });
    assert.equal(created.statusCode, 201, created.body);
    courseId = created.json<StaffCourse>().id;
    const m = await trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'الأساسيات', titleEn: 'Basics' });
    const moduleId = m.json<StaffCourse>().modules[0]!.id;
    for (const n of [1, 2]) {
      const r = await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: n === 1 ? 'وحدة تفاعلية: افصل التيار' : 'الأرضي', titleEn: `Lesson ${n}`, bodyAr: 'اتبع المحتوى التفاعلي.', bodyEn: 'Follow the content.', videoUrl: null });
      assert.equal(r.statusCode, 201, r.body);
    }
    lessonId = (await trainer.get(`/api/v1/training/courses/${courseId}`)).json<StaffCourse>().modules[0]!.lessons[0]!.id;
    assert.equal((await trainer.post(`/api/v1/training/courses/${courseId}/questions`, { type: 'true_false', promptAr: 'يُفصل التيار قبل العمل.', promptEn: 'Power off first.', correct: true })).statusCode, 201);
  });
  after(async () => {
    await h?.close();
  });

  test('the trainer uploads a package in the editor: SCORM 2004 refused in Arabic, SCORM 1.2 accepted', async () => {
    const ctx = await arabicContext(h);
    const page = await ctx.newPage();
    await signInStaffInBrowser(h, page, 'trainer');
    await page.goto(`/training/courses/${courseId}`);
    await page.getByText('وحدة تفاعلية: افصل التيار', { exact: true }).click();
    const input = page.getByLabel('رفع حزمة SCORM 1.2 (ملف ‎.zip)').first();
    const v2004 = scormZip({ manifest: scormManifest({ schemaversion: '2004 4th Edition', scormType: 'scormType', namespace: 'http://www.adlnet.org/xsd/adlcp_v1p3' }) });
    await input.setInputFiles({ name: 'course-2004.zip', mimeType: 'application/zip', buffer: v2004 });
    await page.getByText('تُقبل حزم SCORM 1.2 فقط', { exact: false }).waitFor();
    await input.setInputFiles({ name: 'course-12.zip', mimeType: 'application/zip', buffer: scormZip() });
    await page.getByText('حزمة SCORM: السلامة الكهربائية — وحدة تفاعلية — عدد الملفات: ٣ — عدد الأجزاء (وحدات SCO): ١').waitFor();
    await assertAccessible(page, 'course editor with a SCORM package');
    await ctx.close();

    const [manager, hq] = [h.t.client(), h.t.client()];
    await signInStaff(h.t, manager, 'centre.manager');
    await signInStaff(h.t, hq, 'training.hq');
    assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
    assert.equal((await hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);
  });

  test('a trainee opens the lesson: the SCO runs sandboxed, reports passed, the lesson shows complete; reopening resumes', async () => {
    const client = h.t.client();
    const reg = await registerCitizen(h.t, client);
    const e = await client.post(`/api/v1/elearning/courses/${courseId}/enrolments`);
    assert.equal(e.statusCode, 201, e.body);
    const enrolmentId = e.json<EnrolmentState>().id;

    const ctx = await arabicContext(h);
    const page = await ctx.newPage();
    await signInCitizenInBrowser(page, reg.nationalId, reg.password);

    await page.goto(`/learn/${courseId}/${lessonId}`);
    await page.getByRole('heading', { level: 1, name: 'وحدة تفاعلية: افصل التيار' }).waitFor();
    const iframe = page.locator('iframe.scorm-frame');
    assert.equal(await iframe.getAttribute('sandbox'), 'allow-scripts allow-forms');
    assert.equal(await iframe.getAttribute('title'), 'المحتوى التفاعلي: السلامة الكهربائية — وحدة تفاعلية');
    assert.equal(await page.getByRole('button', { name: 'أنهيت هذا الدرس' }).count(), 0, 'a SCORM lesson is completed by its SCO, not by hand');
    const out = page.frameLocator('iframe.scorm-frame').locator('#out');
    await out.filter({ hasText: 'finish=true' }).waitFor();
    assert.equal(await out.textContent(), 'init=true resume=-@- total=00:00:00 commit=true finish=true cookie=blocked parent=blocked');
    await page.getByRole('article').getByText('✓ مكتمل').waitFor();
    await page.getByRole('status').filter({ hasText: 'حُفظ تقدمك في المحتوى التفاعلي.' }).waitFor();
    const completions = await h.t.node.database.db.selectFrom('lesson_completions').select('lesson_id').where('enrolment_id', '=', enrolmentId).execute();
    assert.deepEqual(completions.map((c) => c.lesson_id), [lessonId]);
    const saved = await h.t.node.database.db.selectFrom('scorm_runtime').selectAll().where('enrolment_id', '=', enrolmentId).executeTakeFirstOrThrow();
    assert.equal(saved.lesson_status, 'passed');
    assert.equal(saved.suspend_data, 'visits=1');
    assert.equal(Number(saved.score_raw), 90);
    assert.equal(Number(saved.total_time_cs), 3000, 'LMSCommit and LMSFinish of one launch count its 30 s once');
    await assertAccessible(page, 'SCORM lesson');
    await screenshot(page, 'scorm-lesson-ar-desktop');

    await page.reload();
    await page.frameLocator('iframe.scorm-frame').locator('#out').filter({ hasText: 'finish=true' }).waitFor();
    assert.match((await page.frameLocator('iframe.scorm-frame').locator('#out').textContent()) ?? '', /^init=true resume=visits=1@page-1 total=00:00:30 /);
    await page.getByRole('status').filter({ hasText: 'حُفظ تقدمك في المحتوى التفاعلي.' }).waitFor();
    const after2 = await h.t.node.database.db.selectFrom('scorm_runtime').select(['suspend_data', 'total_time_cs']).where('enrolment_id', '=', enrolmentId).executeTakeFirstOrThrow();
    assert.equal(after2.suspend_data, 'visits=2');
    assert.equal(Number(after2.total_time_cs), 6000, 'the second launch adds its own 30 s');

    // "Save the course for offline reading" stays, with a note beside it that SCORM lessons need a connection;
    // only the other (text) lesson is kept. Checked from the text lesson (no SCO running there).
    const textLessonId = (await client.get(`/api/v1/elearning/courses/${courseId}`)).json<CourseDetail>().modules[0]!.lessons[1]!.id;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await page.goto(`/learn/${courseId}/${textLessonId}`);
    await page.getByRole('heading', { level: 1, name: 'الأرضي' }).waitFor();
    const save = page.getByRole('button', { name: 'احفظ الدورة للقراءة دون اتصال' });
    await page.getByText('الدروس التفاعلية (SCORM) تحتاج إلى اتصال بالإنترنت، فلا تُحفظ على هذا الجهاز.', { exact: false }).waitFor();
    await save.click();
    await page.getByText('حُفظ ١ من ١ من الدروس على هذا الجهاز.').waitFor();
    await ctx.close();
  });

  test('a package with three SCOs: the lesson lists its parts, each runs in turn, and the lesson completes after the last', async () => {
    const trainer = h.t.client();
    await signInStaff(h.t, trainer, 'trainer');
    const created = await trainer.post('/api/v1/training/courses', { titleAr: 'ثلاثة أجزاء تفاعلية', titleEn: 'Three interactive parts', descriptionAr: 'دورة.', descriptionEn: 'Course.', isco: '7411', skillLevel: null, quizQuestionCount: 1, quizTimeLimitMinutes: 10, quizMaxAttempts: 2, quizPassPercent: 50, prerequisiteIds: [] });
    const id = created.json<StaffCourse>().id;
    const moduleId = (await trainer.post(`/api/v1/training/courses/${id}/modules`, { titleAr: 'الأجزاء', titleEn: 'Parts' })).json<StaffCourse>().modules[0]!.id;
    await trainer.post(`/api/v1/training/courses/${id}/lessons`, { moduleId, titleAr: 'درس من ثلاثة أجزاء', titleEn: 'Three parts', bodyAr: 'اتبع الأجزاء.', bodyEn: 'Follow the parts.', videoUrl: null });
    await trainer.post(`/api/v1/training/courses/${id}/questions`, { type: 'true_false', promptAr: 'يُفصل التيار قبل العمل.', promptEn: 'Power off first.', correct: true });
    const lesson = (await trainer.get(`/api/v1/training/courses/${id}`)).json<StaffCourse>().modules[0]!.lessons[0]!.id;
    // The first part has a mastery score of 80 (the SCO scores 90); each later part requires the one before it (adlcp:prerequisites).
    const scos = [{ title: 'الجزء الأول', href: 'index.html', masteryScore: '80' }, { title: 'الجزء الثاني', href: 'part2.html', prerequisites: 'i1' }, { title: 'الجزء الثالث', href: 'part3.html', prerequisites: 'i2' }];
    const zip = scormZip({ manifest: scormManifest({ scos }), extra: { 'part2.html': new TextEncoder().encode(SCO_HTML), 'part3.html': new TextEncoder().encode(SCO_HTML) } });
    assert.equal((await trainer.request('PUT', `/api/v1/training/lessons/${lesson}/scorm`, zip, { 'content-type': 'application/zip' })).statusCode, 200);
    const [manager, hq] = [h.t.client(), h.t.client()];
    await signInStaff(h.t, manager, 'centre.manager');
    await signInStaff(h.t, hq, 'training.hq');
    assert.equal((await manager.post(`/api/v1/training/courses/${id}/submit`)).statusCode, 200);
    assert.equal((await hq.post(`/api/v1/training/courses/${id}/approve`)).statusCode, 200);

    const client = h.t.client();
    const reg = await registerCitizen(h.t, client);
    assert.equal((await client.post(`/api/v1/elearning/courses/${id}/enrolments`)).statusCode, 201);
    const ctx = await arabicContext(h);
    const page = await ctx.newPage();
    await signInCitizenInBrowser(page, reg.nationalId, reg.password);
    await page.goto(`/learn/${id}/${lesson}`);
    const parts = page.getByRole('navigation', { name: 'أجزاء المحتوى التفاعلي' });
    for (const [i, part] of scos.entries()) {
      const button = parts.getByRole('button', { name: new RegExp(`^${part.title}`) });
      if (i > 0) await button.click();
      await parts.locator('button[aria-current="step"]').filter({ hasText: part.title }).waitFor();
      await page.frameLocator('iframe.scorm-frame').locator('#out').filter({ hasText: 'finish=true' }).waitFor();
      await button.filter({ hasText: '(مكتمل)' }).waitFor();
      if (i < scos.length - 1) assert.equal(await page.getByRole('article').getByText('✓ مكتمل').count(), 0, 'not complete before the last part');
      if (i === 0) {
        await page.getByText('درجة النجاح في هذا الجزء: ٨٠٪').waitFor();
        // The third part stays locked until the second is done, and says why, in Arabic.
        const third = parts.getByRole('button', { name: /^الجزء الثالث/ });
        assert.ok(await third.isDisabled());
        assert.match((await third.textContent()) ?? '', /\(مقفل\)/);
        await parts.getByText('يُفتح بعد أن تجتاز أو تكمل: «الجزء الثاني»').waitFor();
        await screenshot(page, 'scorm-locked-part-ar-desktop');
      }
    }
    await page.getByRole('article').getByText('✓ مكتمل').waitFor();
    await assertAccessible(page, 'SCORM lesson with three parts');
    await screenshot(page, 'scorm-three-parts-ar-desktop');
    await ctx.close();
  });
});

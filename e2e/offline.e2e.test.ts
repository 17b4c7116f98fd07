import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { AttemptView, EnrolmentState, StaffCourse } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../apps/api/src/testing/factories.ts';
import type { TestClient } from '../apps/api/src/testing/test-client.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, type Harness } from './browser.ts';

/**
 * Issue 6 §8 (low bandwidth) and issue 4's offline QR check, in Chromium with the production build's service
 * worker and Playwright's network emulation (`context.setOffline`, which also cuts the worker's fetches):
 * - a trainee on a 360 px phone opens a lesson online and saves the course, goes offline, reloads and still
 *   reads it (text and PDF, ranges too), marks two lessons complete offline (kept on the device, "will sync"),
 *   comes back online: the server records each completion exactly once, also when the same completions are
 *   synced a second time; signing out removes the kept lessons;
 * - the same on a first visit to a new device (the sign-in page loaded before the worker controlled it): offline
 *   the trainee is still signed in, and a completion is kept even with no session answer on the device;
 * - offline, a page whose code is not on the device shows "not available offline" inside the header (never the
 *   router's developer screen), with the way back to /my-learning, which works offline;
 * - /verify/<code>#<QR token> opened once online, then offline, shows the signature checked on the phone.
 */
const PHONE = { width: 360, height: 780 };
const LESSONS = [
  { titleAr: 'افصل التيار أولًا', bodyAr: '# القاعدة الأولى\nافصل التيار من اللوحة قبل أي عمل.\n\n- تأكد بجهاز الاختبار' },
  { titleAr: 'الأرضي وألوان الأسلاك', bodyAr: 'السلك الأرضي أخضر وأصفر، ولا يُستعمل لغير ذلك.' },
];
/** A small file the API accepts as a PDF (it sniffs the %PDF- signature). */
const PDF = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n${'%'.repeat(3000)}\n%%EOF\n`);

describe('offline lessons and the offline /verify check (service worker)', () => {
  let h: Harness;
  let courseId = '';
  let lessonIds: string[] = [];

  before(async () => {
    h = await startHarness();
    const [trainer, manager, hq] = [h.t.client(), h.t.client(), h.t.client()];
    await signInStaff(h.t, trainer, 'trainer');
    await signInStaff(h.t, manager, 'centre.manager');
    await signInStaff(h.t, hq, 'training.hq');
    const created = await trainer.post('/api/v1/training/courses', {
      titleAr: 'السلامة الكهربائية دون اتصال',
      titleEn: 'Electrical safety, offline',
      descriptionAr: 'دورة قصيرة.',
      descriptionEn: 'A short course.',
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
    for (const [i, l] of LESSONS.entries()) {
      const r = await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: l.titleAr, titleEn: `Lesson ${i + 1}`, bodyAr: l.bodyAr, bodyEn: 'Text.', videoUrl: null });
      assert.equal(r.statusCode, 201, r.body);
    }
    const staffView = (await trainer.get(`/api/v1/training/courses/${courseId}`)).json<StaffCourse>();
    lessonIds = staffView.modules[0]!.lessons.map((l) => l.id);
    const up = await trainer.request('PUT', `/api/v1/training/lessons/${lessonIds[0]}/file`, PDF, { 'content-type': 'application/pdf' });
    assert.equal(up.statusCode, 200, up.body);
    // A final quiz of one question (a course is not submitted with an empty bank); the first trainee passes it
    // online through the API, so the lessons synced later complete the course and issue its certificate.
    const q = await trainer.post(`/api/v1/training/courses/${courseId}/questions`, { type: 'true_false', promptAr: 'يُفصل التيار قبل العمل.', promptEn: 'Power off first.', correct: true });
    assert.equal(q.statusCode, 201, q.body);
    assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
    assert.equal((await hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);
  });
  after(async () => {
    await h?.close();
  });

  /** A registered, enrolled trainee (through the API), and their API client. */
  async function enrolledTrainee(): Promise<{ client: TestClient; nationalId: string; password: string; enrolmentId: string }> {
    const client = h.t.client();
    const reg = await registerCitizen(h.t, client);
    const e = await client.post(`/api/v1/elearning/courses/${courseId}/enrolments`);
    assert.equal(e.statusCode, 201, e.body);
    return { client, nationalId: reg.nationalId, password: reg.password, enrolmentId: e.json<EnrolmentState>().id };
  }

  /** The trainee passes the course's one-question quiz through the API (completion also needs every lesson). */
  async function passQuiz(trainee: { client: TestClient; enrolmentId: string }): Promise<void> {
    const attempt = (await trainee.client.post(`/api/v1/elearning/enrolments/${trainee.enrolmentId}/attempts`)).json<AttemptView>();
    const graded = (await trainee.client.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers: attempt.questions.map((x) => ({ questionId: x.id, value: true })) })).json<AttemptView>();
    assert.equal(graded.passed, true);
  }

  /** Waits until the service worker is installed (shell precached) and controls the page. */
  async function workerControls(page: Page): Promise<void> {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  }

  const completions = (enrolmentId: string) => h.t.node.database.db.selectFrom('lesson_completions').select('lesson_id').where('enrolment_id', '=', enrolmentId).execute();
  const completionAudits = (enrolmentId: string) =>
    h.t.node.database.db.selectFrom('audit_log').select('details').where('action', '=', 'elearning.lesson_completed').where('subject_id', '=', enrolmentId).execute();
  const pendingStored = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('rabt.pendingCompletions.v1') ?? '[]') as unknown[]);

  test('a lesson read once is readable offline; completions made offline sync once when back online; signing out removes the kept lessons', async () => {
    const trainee = await enrolledTrainee();
    await passQuiz(trainee);
    const ctx: BrowserContext = await arabicContext(h, PHONE);
    const page = await ctx.newPage();
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(trainee.nationalId);
    await page.locator('#f-password').fill(trainee.password);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
    await workerControls(page);

    // Online: open the first lesson (text first; the PDF is a link with its size, fetched only on tap) and save the course.
    await page.goto(`/learn/${courseId}/${lessonIds[0]}`);
    await page.getByRole('heading', { level: 1, name: LESSONS[0]!.titleAr }).waitFor();
    const pdfLink = page.getByRole('link', { name: 'تنزيل ملف PDF' });
    await pdfLink.waitFor();
    assert.match((await pdfLink.locator('..').textContent()) ?? '', /كيلوبايت|ك\.ب|KB/i, 'the PDF link shows its size');
    assert.equal(await page.locator('iframe, embed, object').count(), 0, 'no media embedded on first load');
    await page.getByRole('button', { name: 'احفظ الدورة للقراءة دون اتصال' }).click();
    await page.getByText('حُفظ ٢ من ٢ من الدروس على هذا الجهاز.').waitFor();

    // Offline: reload and read.
    await ctx.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: LESSONS[0]!.titleAr }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'القاعدة الأولى' }).waitFor();
    await page.getByText(/^أنت غير متصل بالإنترنت/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'احفظ الدورة للقراءة دون اتصال' }).count(), 0, 'no saving while offline');
    const pdf = await page.evaluate(async (url) => {
      const whole = await fetch(url);
      const part = await fetch(url, { headers: { range: 'bytes=0-4' } });
      return { status: whole.status, type: whole.headers.get('content-type'), size: (await whole.arrayBuffer()).byteLength, partStatus: part.status, partText: await part.text(), range: part.headers.get('content-range') };
    }, `/api/v1/elearning/lessons/${lessonIds[0]}/file`);
    assert.deepEqual(pdf, { status: 200, type: 'application/pdf', size: PDF.length, partStatus: 206, partText: '%PDF-', range: `bytes 0-4/${PDF.length}` });

    // Offline: mark the lesson complete: kept on the device.
    await page.getByRole('button', { name: 'أنهيت هذا الدرس' }).click();
    await page.getByText('سُجّل إنهاء هذا الدرس على هذا الجهاز، وسيُزامَن عند عودة الاتصال.').waitFor();
    // The next lesson was saved with the course: read it and complete it offline too.
    await page.getByRole('link', { name: 'الدرس التالي' }).click();
    await page.getByRole('heading', { level: 1, name: LESSONS[1]!.titleAr }).waitFor();
    await page.getByText('السلك الأرضي أخضر وأصفر، ولا يُستعمل لغير ذلك.').waitFor();
    await page.getByRole('button', { name: 'أنهيت هذا الدرس' }).click();
    await page.getByText('إنهاء ٢ من الدروس محفوظ على هذا الجهاز، وسيُزامَن عند عودة الاتصال.').waitFor();
    assert.equal((await completions(trainee.enrolmentId)).length, 0, 'nothing reached the server while offline');
    // Still kept after a reload offline.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: LESSONS[1]!.titleAr }).waitFor();
    await page.getByText('سُجّل إنهاء هذا الدرس على هذا الجهاز، وسيُزامَن عند عودة الاتصال.').waitFor();
    await assertAccessible(page, 'lesson offline, completion kept');
    await screenshot(page, 'offline-lesson-ar-phone');

    // Back online: synced once, and the page shows the lesson completed.
    await ctx.setOffline(false);
    await page.getByText('عاد الاتصال: تمت مزامنة تقدّمك (٢ من الدروس).').waitFor();
    await page.locator('.actions .done').waitFor();
    assert.deepEqual(await pendingStored(page), []);
    assert.deepEqual((await completions(trainee.enrolmentId)).map((c) => c.lesson_id).sort(), [...lessonIds].sort());
    assert.equal((await completionAudits(trainee.enrolmentId)).length, 2);
    await screenshot(page, 'offline-lesson-synced-ar-phone');

    // The same completions synced a second time (another tab had kept them too): reconciled, still once each.
    const me = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json() as Promise<{ account: { id: string } }>));
    await page.evaluate(
      ([user, enrolmentId, course, lessons]) => {
        const again = lessons.map((lessonId) => ({ user, enrolmentId, courseId: course, lessonId, queuedAt: new Date().toISOString() }));
        localStorage.setItem('rabt.pendingCompletions.v1', JSON.stringify(again));
      },
      [me.account.id, trainee.enrolmentId, courseId, lessonIds] as const,
    );
    await page.reload();
    await page.getByText('عاد الاتصال: تمت مزامنة تقدّمك (٢ من الدروس).').waitFor();
    assert.deepEqual(await pendingStored(page), []);
    assert.equal((await completions(trainee.enrolmentId)).length, 2);
    assert.equal((await completionAudits(trainee.enrolmentId)).length, 2);
    assert.equal(await page.locator('.alert-error').count(), 0);
    const enrolment = await h.t.node.database.db.selectFrom('enrolments').select(['completed_at', 'certificate_code']).where('id', '=', trainee.enrolmentId).executeTakeFirstOrThrow();
    assert.ok(enrolment.completed_at && enrolment.certificate_code, 'the synced completions completed the course');

    // Signing out deletes this trainee's kept answers: offline, the lesson is no longer there.
    assert.ok((await page.evaluate(() => caches.keys())).some((k) => k.startsWith('rabt-user-')));
    // On a phone the header's links may sit behind the menu button.
    const menu = page.locator('header .menu-toggle');
    if ((await menu.count()) && (await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.waitForFunction(async () => !(await caches.keys()).some((k) => k.startsWith('rabt-user-')));
    await ctx.setOffline(true);
    await page.goto(`/learn/${courseId}/${lessonIds[0]}`);
    await page.getByText('تعذّر الوصول إلى الخدمة. تحقّق من اتصالك وحاول مرة أخرى.').waitFor();
    assert.equal(await page.getByRole('heading', { level: 1, name: LESSONS[0]!.titleAr }).count(), 0);
    await ctx.close();
  });

  /** Signs `trainee` in through the form (the page lands on /account by client-side navigation). */
  async function signIn(page: Page, trainee: { nationalId: string; password: string }): Promise<void> {
    await page.locator('#f-nationalId').fill(trainee.nationalId);
    await page.locator('#f-password').fill(trainee.password);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
  }

  /** Client-side navigation (as a tap on a link in the app does): no page load, so nothing is asked again. */
  const navigateInApp = (page: Page, path: string) =>
    page.evaluate((p) => {
      history.pushState(null, '', p);
      dispatchEvent(new PopStateEvent('popstate'));
    }, path);

  const signedInHeader = (page: Page) => page.locator('header.site-header button', { hasText: 'تسجيل الخروج' }).count();

  test('first visit on a new device: saved after signing in, offline the trainee stays signed in and completions are kept (also with no session answer), synced once', async () => {
    const trainee = await enrolledTrainee();
    const ctx = await arabicContext(h, PHONE);
    const page = await ctx.newPage();
    // The sign-in page is the first page this browser loads: its session was asked before any worker controlled it.
    await page.goto('/sign-in');
    await workerControls(page);
    await signIn(page, trainee);
    // Within the app (no reload): "my learning", then "continue learning" to the first lesson, and save the course.
    await navigateInApp(page, '/my-learning');
    await page.getByRole('link', { name: 'تابع التعلم' }).click();
    await page.getByRole('heading', { level: 1, name: LESSONS[0]!.titleAr }).waitFor();
    await page.getByRole('button', { name: 'احفظ الدورة للقراءة دون اتصال' }).click();
    await page.getByText('حُفظ ٢ من ٢ من الدروس على هذا الجهاز.').waitFor();

    // Offline: reload. The lesson shows, and the trainee is still signed in (the session answer was kept by the save).
    await ctx.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: LESSONS[0]!.titleAr }).waitFor();
    await page.getByText(/^أنت غير متصل بالإنترنت/).waitFor();
    assert.equal(await signedInHeader(page), 1, 'offline after a first visit, the header is still the signed-in one');
    await page.getByRole('button', { name: 'أنهيت هذا الدرس' }).click();
    await page.getByText('سُجّل إنهاء هذا الدرس على هذا الجهاز، وسيُزامَن عند عودة الاتصال.').waitFor();
    assert.equal(await page.locator('.alert-error').count(), 0);
    await screenshot(page, 'offline-first-visit-ar-phone');

    // No session answer at all on the device (kept before this fix, or lost): the page looks signed out, yet the
    // completion is still kept for the trainee last signed in here, and synced once they are signed in again.
    await page.evaluate(async () => {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const key of await cache.keys()) if (new URL(key.url).pathname.endsWith('/api/v1/session')) await cache.delete(key);
      }
    });
    await page.goto(`/learn/${courseId}/${lessonIds[1]}`);
    await page.getByRole('heading', { level: 1, name: LESSONS[1]!.titleAr }).waitFor();
    await page.locator('header.site-header a[href="/sign-in"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'أنهيت هذا الدرس' }).click();
    await page.getByText('سُجّل إنهاء هذا الدرس على هذا الجهاز، وسيُزامَن عند عودة الاتصال.').waitFor();
    await page.getByText('إنهاء ٢ من الدروس محفوظ على هذا الجهاز، وسيُزامَن عند عودة الاتصال.').waitFor();
    assert.equal(await page.locator('.alert-error').count(), 0, 'no "cannot reach the service" error');
    assert.equal((await pendingStored(page)).length, 2);
    assert.equal((await completions(trainee.enrolmentId)).length, 0, 'nothing reached the server while offline');

    // Back online (the session cookie is still valid): synced, exactly once each.
    await ctx.setOffline(false);
    await page.getByText('عاد الاتصال: تمت مزامنة تقدّمك (٢ من الدروس).').waitFor();
    assert.deepEqual(await pendingStored(page), []);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: LESSONS[1]!.titleAr }).waitFor();
    await page.locator('.actions .done').waitFor();
    assert.deepEqual((await completions(trainee.enrolmentId)).map((c) => c.lesson_id).sort(), [...lessonIds].sort());
    assert.equal((await completionAudits(trainee.enrolmentId)).length, 2);
    await ctx.close();
  });

  test('offline, a page whose code is not on the device says so in Arabic inside the header; "my learning" works offline', async () => {
    const trainee = await enrolledTrainee();
    const ctx = await arabicContext(h, PHONE);
    const page = await ctx.newPage();
    await page.goto('/sign-in');
    await workerControls(page);
    await signIn(page, trainee);
    await page.goto(`/learn/${courseId}/${lessonIds[0]}`);
    await page.getByRole('heading', { level: 1, name: LESSONS[0]!.titleAr }).waitFor();
    await page.getByRole('button', { name: 'احفظ الدورة للقراءة دون اتصال' }).click();
    await page.getByText('حُفظ ٢ من ٢ من الدروس على هذا الجهاز.').waitFor();

    await ctx.setOffline(true);
    await navigateInApp(page, '/services');
    await page.getByRole('heading', { level: 1, name: 'هذه الصفحة غير متاحة دون اتصال' }).waitFor();
    assert.equal(await page.getByText(/Unexpected Application Error|Hey developer/).count(), 0, 'never the developer screen');
    assert.equal(await page.getByRole('banner').count(), 1, 'the header is still there');
    await page.getByRole('link', { name: 'ربط', exact: true }).waitFor();
    await page.getByText(/^أنت غير متصل بالإنترنت/).waitFor();
    await page.locator('[lang="en"]').getByText(/not available without an internet connection/).waitFor();
    await assertAccessible(page, 'page not available offline');
    await screenshot(page, 'offline-page-unavailable-ar-phone');

    // The way back: "my learning" (its code is kept with the lesson page's), listing the saved course.
    await page.getByRole('link', { name: 'الدروس المحفوظة (تعلّمي)' }).click();
    await page.getByRole('heading', { level: 1, name: 'تعلّمي' }).waitFor();
    await page.getByRole('link', { name: 'السلامة الكهربائية دون اتصال' }).waitFor();
    await page.getByRole('link', { name: 'تابع التعلم' }).click();
    await page.getByRole('heading', { level: 1, name: LESSONS[0]!.titleAr }).waitFor();
    // Opened offline from scratch, too.
    await page.goto('/my-learning');
    await page.getByRole('link', { name: 'السلامة الكهربائية دون اتصال' }).waitFor();
    assert.equal(await page.getByText(/Unexpected Application Error/).count(), 0);
    await ctx.close();
  });

  test('/verify with a QR token, opened once online, checks the signature offline', async () => {
    const holder = await enrolledTrainee();
    await passQuiz(holder);
    for (const id of lessonIds) assert.equal((await holder.client.post(`/api/v1/elearning/enrolments/${holder.enrolmentId}/lessons/${id}/complete`)).statusCode, 200);
    const doc = await h.t.node.database.db
      .selectFrom('enrolments')
      .innerJoin('issued_documents', 'issued_documents.code', 'enrolments.certificate_code')
      .select(['issued_documents.code', 'issued_documents.qr_token'])
      .where('enrolments.id', '=', holder.enrolmentId)
      .executeTakeFirstOrThrow();
    const url = `/verify/${doc.code}#${doc.qr_token}`;

    const ctx = await arabicContext(h, PHONE);
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByTestId('offline-ok').waitFor();
    await page.locator('[data-verdict="good"]').getByText('وثيقة صحيحة').waitFor();
    await workerControls(page);

    await ctx.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-ok').getByText(/تم التحقق من التوقيع على هذا الجهاز/).waitFor();
    await page.getByText('تعذّر التحقق من حالة الوثيقة عبر الإنترنت الآن (قد تكون ألغيت). حاول مرة أخرى عند الاتصال.').waitFor();
    assert.equal(await page.locator('[data-verdict="good"]').count(), 0, 'offline, the register is not claimed to say genuine');
    // A new tab opening the QR link offline works the same.
    const again = await ctx.newPage();
    await again.goto(url);
    await again.getByTestId('offline-ok').waitFor();
    await assertAccessible(again, 'verify offline');
    await screenshot(again, 'offline-verify-ar-phone');
    await ctx.close();
  });
});

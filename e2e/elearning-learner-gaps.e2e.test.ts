import { describe, test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { AttemptView, EnrolmentState, StaffCourse } from '@rabt/contracts';
import { VALID_PASSWORD, registerCitizen, signInStaff } from '../apps/api/src/testing/factories.ts';
import type { TestClient } from '../apps/api/src/testing/test-client.ts';
import { TRUE_FALSE_QUESTION, courseBody, publishCourse } from '../apps/api/src/modules/elearning/test-fixtures.ts';
import { scormZip } from '../apps/api/src/modules/elearning/scorm-fixtures.ts';
import { arabicContext, assertAccessible, screenshot, signInStaffInBrowser, startHarness, toArabicDigits, type Harness } from './browser.ts';

/**
 * Gaps a new-user test of the trainee's pages found (Arabic, 360 px phone):
 * 1. browser Back then Forward in the middle of the quiz, then «تابع الاختبار», gives the answers back;
 * 2. the quiz page after the quiz shows the trainee's standing (best score, attempts used, passed, certificate,
 *    results link), an expired attempt counts as used, and a signed-out visitor gets a sign-in link;
 * 3. progress reads "100%" in English (it read «100٪»);
 * 4. live-session times are Cairo time, labelled, whatever the device's time zone; seats agree in number;
 * 5. a SCORM lesson offline says it needs a connection, with the way back to the course and "my learning";
 * 6. a catalogue occupation filter with letters says the code takes digits (it silently showed every course).
 */
const PHONE = { width: 360, height: 740 };
const MINUTE = 60_000;
const SHORT_ANSWER = { type: 'short_answer', promptAr: 'وحدة قياس الجهد؟', promptEn: 'Unit of voltage?', accepted: ['فولت', 'volt'] };

describe('e-learning trainee: answers kept, quiz standing, Cairo time, offline SCORM, filters', () => {
  let h: Harness;
  let trainer: TestClient;
  let manager: TestClient;
  let hq: TestClient;
  before(async () => {
    h = await startHarness();
  });
  beforeEach(async () => {
    trainer = h.t.client();
    manager = h.t.client();
    hq = h.t.client();
    await signInStaff(h.t, trainer, 'trainer');
    await signInStaff(h.t, manager, 'centre.manager');
    await signInStaff(h.t, hq, 'training.hq');
  });
  after(async () => {
    await h?.close();
  });

  async function signIn(context: BrowserContext, nationalId: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(toArabicDigits(nationalId));
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
    return page;
  }

  /** A trainee enrolled in `courseId` with every lesson done (API), and a phone page signed in as them. */
  async function trainee(courseId: string, lessonIds: string[], nameAr: string, context?: BrowserContext): Promise<{ api: TestClient; enrolment: EnrolmentState; page: Page }> {
    const api = h.t.client();
    const { nationalId } = await registerCitizen(h.t, api, { nameAr });
    const enrolment = (await api.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
    for (const l of lessonIds) assert.equal((await api.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${l}/complete`)).statusCode, 200);
    const page = await signIn(context ?? (await arabicContext(h, PHONE)), nationalId);
    return { api, enrolment, page };
  }

  const drafts = (page: Page) => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('rabt.quiz-draft.')));

  test('Back and Forward mid-quiz keep the answers; after passing, the quiz page shows the standing and no new attempt', async () => {
    const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { questions: [TRUE_FALSE_QUESTION, SHORT_ANSWER], course: { titleAr: 'إجابات لا تضيع', titleEn: 'Answers kept' } });
    const { page } = await trainee(courseId, lessonIds, 'هدى كمال عثمان');
    await page.goto(`/courses/${courseId}`);
    await page.getByRole('link', { name: 'ابدأ الاختبار' }).click();
    await page.waitForURL(`**/learn/${courseId}/quiz`);
    await page.getByText('المحاولات المتبقية: ٣ محاولات.').waitFor();
    await page.getByRole('button', { name: 'ابدأ الاختبار' }).click();
    await page.getByRole('timer').waitFor();
    await page.getByRole('group', { name: /يُفصل التيار قبل العمل/ }).getByLabel('صح').check();
    await page.getByRole('group', { name: /وحدة قياس الجهد/ }).getByLabel('إجابتك').fill('فولت');
    await page.goBack();
    await page.waitForURL(`**/courses/${courseId}`);
    await page.goForward();
    await page.waitForURL(`**/learn/${courseId}/quiz`);
    await page.getByRole('button', { name: 'تابع الاختبار' }).click();
    await page.getByText('استُعيدت إجاباتك التي كتبتها في هذه المحاولة على هذا الجهاز.').waitFor();
    assert.equal(await page.getByRole('group', { name: /يُفصل التيار قبل العمل/ }).getByLabel('صح').isChecked(), true, 'the radio is chosen again');
    assert.equal(await page.getByRole('group', { name: /وحدة قياس الجهد/ }).getByLabel('إجابتك').inputValue(), 'فولت', 'the typed answer is back');
    // Only the answers are kept, under the attempt's id.
    const kept = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('rabt.quiz-draft.')).map((k): [string, string] => [k, sessionStorage.getItem(k) ?? '']));
    assert.equal(kept.length, 1);
    const answers = JSON.parse(kept[0]![1]) as Record<string, unknown>[];
    assert.ok(answers.every((x) => Object.keys(x).every((k) => ['questionId', 'value', 'text', 'choice', 'choices', 'matches'].includes(k))), JSON.stringify(answers));
    assert.deepEqual(answers.map((x) => x.value ?? x.text).sort(), [true, 'فولت'].sort());
    await assertAccessible(page, 'quiz with restored answers');
    await screenshot(page, 'elearning-quiz-answers-restored-ar-phone');
    await page.getByRole('button', { name: 'سلّم الإجابات' }).click();
    await page.getByText('درجتك ١٠٠٪').waitFor();
    assert.deepEqual(await drafts(page), [], 'the draft is removed once submitted');

    // Reloaded after passing: the standing, the certificate and the results link; no start button.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'نتيجتك في الاختبار' }).waitFor();
    await page.getByText('أفضل نتيجة لك: ١٠٠٪.').waitFor();
    await page.getByText('نجحت في الاختبار.').waitFor();
    await page.getByText('المحاولات المستخدمة: ١ من ٣').waitFor();
    await page.locator('.certificate .code').waitFor();
    assert.equal(await page.getByRole('link', { name: 'نتائج محاولاتك بالتفصيل' }).getAttribute('href'), `/learn/${courseId}/results`);
    assert.equal(await page.getByRole('button', { name: /ابدأ الاختبار|تابع الاختبار/ }).count(), 0);
    await assertAccessible(page, 'quiz page after passing');
    await screenshot(page, 'elearning-quiz-after-pass-ar-phone');
    await page.context().close();
  });

  test('an attempt that ran out of time counts as used on the quiz page; a signed-out visitor is asked to sign in', async () => {
    const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { course: { titleAr: 'وقت قصير', titleEn: 'Short time', quizTimeLimitMinutes: 1 } });
    const { api, enrolment, page } = await trainee(courseId, lessonIds, 'كريم عادل رضا');
    const started = (await api.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<AttemptView>();
    assert.equal(started.status, 'open');
    h.t.clock.advance(3 * MINUTE); // past the deadline and its grace: the attempt is over unsubmitted
    await page.goto(`/learn/${courseId}/quiz`);
    await page.getByText('المحاولات المستخدمة: ١ من ٣').waitFor();
    await page.getByText('لم تنجح في الاختبار بعد.').waitFor();
    await page.getByText('المحاولات المتبقية: محاولتان.').waitFor();
    await page.getByRole('button', { name: 'ابدأ الاختبار' }).waitFor();
    await page.context().close();

    const anon = await (await arabicContext(h, PHONE)).newPage();
    await anon.goto(`/learn/${courseId}/quiz`);
    const link = anon.getByRole('link', { name: 'سجّل الدخول لتبدأ الاختبار أو ترى نتيجتك' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/sign-in?next=${encodeURIComponent(`/learn/${courseId}/quiz`)}`);
    await assertAccessible(anon, 'quiz page signed out');
    await anon.context().close();
  });

  test('progress reads "100%" in English and «١٠٠٪» in Arabic', async () => {
    const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { course: { titleAr: 'نسبة التقدم', titleEn: 'Progress sign' } });
    const context = await h.browser.newContext({ locale: 'en-GB', baseURL: h.base, viewport: PHONE });
    await context.addInitScript(() => localStorage.setItem('rabt.locale', 'en'));
    const api = h.t.client();
    const { nationalId } = await registerCitizen(h.t, api, { nameAr: 'منى فتحي سعيد' });
    const enrolment = (await api.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
    for (const l of lessonIds) assert.equal((await api.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${l}/complete`)).statusCode, 200);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(nationalId);
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/account');
    for (const path of ['/my-learning', `/learn/${courseId}/${lessonIds[0]}`]) {
      await page.goto(path);
      await page.locator('.progress-line span').first().waitFor();
      assert.equal(await page.locator('.progress-line span').first().textContent(), '100%', path);
    }
    await context.close();
    const ar = await trainee(courseId, lessonIds, 'سعاد حامد علي');
    await ar.page.goto('/my-learning');
    assert.equal(await ar.page.locator('.progress-line span').first().textContent(), '١٠٠٪');
    await ar.page.context().close();
  });

  test('live-session times are Cairo time with the zone named, on a phone set to another zone; seats agree in number', async () => {
    const created = await trainer.post('/api/v1/training/courses', courseBody({ titleAr: 'جلسات بتوقيت القاهرة', titleEn: 'Cairo-time sessions' }));
    const courseId = created.json<StaffCourse>().id;
    const moduleId = (await trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'الأساسيات', titleEn: 'Basics' })).json<StaffCourse>().modules[0]!.id;
    await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: 'الدرس', titleEn: 'Lesson', bodyAr: 'نص.', bodyEn: 'Text.', videoUrl: null });
    await trainer.post(`/api/v1/training/courses/${courseId}/questions`, TRUE_FALSE_QUESTION);
    assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
    assert.equal((await hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);
    const start = new Date(h.t.clock.now().getTime() + 3 * 24 * 60 * MINUTE);
    start.setUTCHours(8, 0, 0, 0);
    const r = await trainer.post(`/api/v1/training/courses/${courseId}/live-sessions`, { titleAr: 'جلسة بتوقيت القاهرة', titleEn: 'A Cairo-time session', startsAt: start.toISOString(), durationMinutes: 60, capacity: 5 });
    assert.equal(r.statusCode, 201, r.body);
    const cairo = new Intl.DateTimeFormat('ar-EG', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Africa/Cairo' }).format(start);

    // A phone whose clock is set to New York: the time shown is still Cairo's, and says so.
    const context = await h.browser.newContext({ locale: 'ar-EG', baseURL: h.base, viewport: PHONE, timezoneId: 'America/New_York' });
    const { page } = await trainee(courseId, [], 'رانيا مجدي صالح', context);
    await page.goto(`/courses/${courseId}`);
    await page.getByRole('heading', { level: 3, name: 'جلسة بتوقيت القاهرة' }).waitFor();
    await page.getByText(`${cairo} بتوقيت القاهرة`, { exact: false }).waitFor();
    await assertAccessible(page, 'course page with a live session in Cairo time');
    await screenshot(page, 'elearning-session-cairo-time-ar-phone');
    await context.close();

    // The trainer's list: «المحجوز ٠ من ٥ مقاعد» (3-10 take the plural, not «مقعدًا»).
    const staff = await (await arabicContext(h)).newPage();
    await signInStaffInBrowser(h, staff, 'trainer');
    await staff.goto(`/training/courses/${courseId}/sessions`);
    await staff.getByText('المحجوز ٠ من ٥ مقاعد').waitFor();
    await staff.context().close();
  });

  test('a SCORM lesson offline says it needs a connection, with links back to the course and my learning', async () => {
    const created = await trainer.post('/api/v1/training/courses', courseBody({ titleAr: 'درس تفاعلي دون اتصال', titleEn: 'Interactive lesson offline' }));
    const courseId = created.json<StaffCourse>().id;
    const moduleId = (await trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'الأساسيات', titleEn: 'Basics' })).json<StaffCourse>().modules[0]!.id;
    await trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: 'وحدة تفاعلية', titleEn: 'Interactive unit', bodyAr: 'اتبع المحتوى التفاعلي.', bodyEn: 'Follow the content.', videoUrl: null });
    const lessonId = (await trainer.get(`/api/v1/training/courses/${courseId}`)).json<StaffCourse>().modules[0]!.lessons[0]!.id;
    assert.equal((await trainer.request('PUT', `/api/v1/training/lessons/${lessonId}/scorm`, scormZip(), { 'content-type': 'application/zip' })).statusCode, 200);
    await trainer.post(`/api/v1/training/courses/${courseId}/questions`, TRUE_FALSE_QUESTION);
    assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
    assert.equal((await hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);
    const { page } = await trainee(courseId, [], 'ياسر نبيل حسين');
    await page.goto(`/learn/${courseId}/${lessonId}`);
    await page.locator('iframe.scorm-frame').waitFor();
    await page.context().setOffline(true);
    await page.getByText('هذا الدرس تفاعلي (SCORM) ويحتاج إلى اتصال بالإنترنت', { exact: false }).waitFor();
    assert.equal(await page.locator('iframe.scorm-frame').count(), 0);
    assert.equal(await page.getByText('تعذّر الوصول إلى الخدمة', { exact: false }).count(), 0, 'not the generic network error');
    assert.equal(await page.getByRole('link', { name: 'العودة إلى صفحة الدورة' }).getAttribute('href'), `/courses/${courseId}`);
    assert.equal(await page.getByRole('link', { name: 'تعلّمي' }).last().getAttribute('href'), '/my-learning');
    await assertAccessible(page, 'SCORM lesson offline');
    await screenshot(page, 'elearning-scorm-offline-ar-phone');
    await page.context().setOffline(false);
    await page.locator('iframe.scorm-frame').waitFor();
    await page.context().close();
  });

  test('the catalogue occupation filter says it takes digits instead of showing every course', async () => {
    await publishCourse(trainer, manager, hq, { course: { titleAr: 'دورة للتصفية', titleEn: 'A course to filter' } });
    const page = await (await arabicContext(h, PHONE)).newPage();
    await page.goto('/courses');
    await page.getByRole('link', { name: 'دورة للتصفية' }).first().waitFor();
    const field = page.getByLabel('المهنة (رمز ISCO-08 أو جزء منه)');
    await field.fill('abc<>');
    await page.getByRole('button', { name: 'عرض' }).click();
    await page.getByText('رمز المهنة أرقام فقط', { exact: false }).waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByRole('link', { name: 'دورة للتصفية' }).count(), 0, 'no list that looks filtered but is not');
    await assertAccessible(page, 'catalogue with a wrong occupation code');
    await screenshot(page, 'elearning-catalogue-isco-digits-ar-phone');
    // Arabic-Indic digits are accepted.
    await field.fill('٧٤');
    await page.getByRole('button', { name: 'عرض' }).click();
    await page.waitForURL('**/courses?isco=74');
    await page.getByRole('link', { name: 'دورة للتصفية' }).first().waitFor();
    assert.equal(await page.getByText('رمز المهنة أرقام فقط', { exact: false }).count(), 0);
    // A link with letters in the code says the same.
    await page.goto('/courses?isco=abc');
    await page.getByText('رمز المهنة أرقام فقط', { exact: false }).waitFor();
    await page.context().close();
  });
});

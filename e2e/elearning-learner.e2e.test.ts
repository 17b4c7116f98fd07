import { describe, test, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AttemptView, EnrolmentState } from '@rabt/contracts';
import { VALID_PASSWORD, registerCitizen, signInStaff } from '../apps/api/src/testing/factories.ts';
import type { TestClient } from '../apps/api/src/testing/test-client.ts';
import { TRUE_FALSE_QUESTION, publishCourse } from '../apps/api/src/modules/elearning/test-fixtures.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, toArabicDigits, type Harness } from './browser.ts';

/**
 * The trainee's side of issue 6 in the Arabic UI on a phone (task H6), three cases that had no browser test:
 * - the quiz submits itself when its time limit runs out, with the answers given so far (the page's clock is
 *   moved forward with Playwright's clock: the test waits for the result, never for a duration);
 * - "book a seat and join" on a live class that has already started (late join) books, opens the room and
 *   records attendance;
 * - once every attempt is used (and failed), the course page and the quiz page say so and offer no new attempt.
 */
const PHONE = { width: 360, height: 780 };
const MINUTE = 60_000;

describe('e-learning trainee: timed quiz, late join, attempts used up', () => {
  let h: Harness;
  let trainer: TestClient;
  let manager: TestClient;
  let hq: TestClient;
  before(async () => {
    h = await startHarness();
  });
  // Fresh staff sessions for each test: a test moves the server's clock past the idle timeout.
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

  /** A registered trainee enrolled in `courseId` with every lesson done (API), and a phone page signed in as them. */
  async function trainee(courseId: string, lessonIds: string[], nameAr: string): Promise<{ api: TestClient; enrolment: EnrolmentState; page: Page }> {
    const api = h.t.client();
    const { nationalId } = await registerCitizen(h.t, api, { nameAr });
    const enrolment = (await api.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
    for (const l of lessonIds) assert.equal((await api.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${l}/complete`)).statusCode, 200);
    const page = await (await arabicContext(h, PHONE)).newPage();
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(toArabicDigits(nationalId));
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
    return { api, enrolment, page };
  }

  test('the quiz submits itself when the time runs out, with the answers given so far', async () => {
    const statement = 'يُفصل التيار قبل العمل.';
    const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { questions: [TRUE_FALSE_QUESTION], course: { titleAr: 'اختبار بوقت قصير', titleEn: 'A short timed quiz', quizTimeLimitMinutes: 1 } });
    const { enrolment, page } = await trainee(courseId, lessonIds, 'ليلى حسن محمود');
    // The page's timers run on a clock the test can move (it flows like real time until moved).
    await page.clock.install();
    await page.goto(`/learn/${courseId}/quiz`);
    await page.getByRole('button', { name: 'ابدأ الاختبار' }).click();
    await page.getByRole('timer').waitFor();
    await page.getByRole('group', { name: new RegExp(statement) }).getByLabel('صح').check();
    // The one-minute limit passes on the page (the server's clock is not moved: the answers arrive in time).
    await page.clock.fastForward('01:00');
    await page.getByText('نجحت في الاختبار.').waitFor();
    await page.getByText('درجتك ١٠٠٪').waitFor();
    assert.equal(await page.getByRole('button', { name: 'سلّم الإجابات' }).count(), 0, 'the form is gone once submitted');
    const rows = await h.t.node.database.db.selectFrom('quiz_attempts').select(['status', 'score_percent', 'answers', 'submitted_at']).where('enrolment_id', '=', enrolment.id).execute();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!.status, rows[0]!.score_percent], ['graded', 100]);
    assert.ok(rows[0]!.submitted_at, 'submitted by the page, not expired');
    assert.deepEqual((rows[0]!.answers as { value?: boolean }[]).map((a) => a.value), [true]);
    await assertAccessible(page, 'quiz auto-submitted');
    await screenshot(page, 'elearning-quiz-auto-submitted-ar-phone');
    await page.context().close();
  });

  test('a trainee books and joins a live class that has already started', async () => {
    const title = 'جلسة مباشرة: قراءة مخطط التمديدات';
    const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { course: { titleAr: 'قراءة المخططات', titleEn: 'Reading diagrams' } });
    const startsAt = new Date(h.t.clock.now().getTime() + 5 * MINUTE).toISOString();
    const created = await trainer.post(`/api/v1/training/courses/${courseId}/live-sessions`, { titleAr: title, titleEn: 'Live: reading a wiring diagram', startsAt, durationMinutes: 60, capacity: 10 });
    assert.equal(created.statusCode, 201, created.body);
    // The class started ten minutes ago (server clock), before the trainee signed in and enrolled: no seat yet.
    h.t.clock.advance(15 * MINUTE);
    const { enrolment, page } = await trainee(courseId, lessonIds, 'عمر خالد يوسف');
    await page.goto(`/courses/${courseId}`);
    await page.getByRole('heading', { level: 3, name: title }).waitFor();
    await page.getByText('الجلسة جارية الآن').waitFor();
    await assertAccessible(page, 'course page, class in progress');
    await screenshot(page, 'elearning-late-join-ar-phone');
    await page.getByRole('button', { name: 'احجز مقعدًا وادخل الجلسة' }).click();
    await page.waitForURL('**/classroom/*');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('سُجّل حضورك في هذه الجلسة.').waitFor();
    await assertAccessible(page, 'classroom after a late join');
    const booking = await h.t.node.database.db.selectFrom('live_session_bookings').select(['cancelled_at', 'joined_at', 'attended']).where('enrolment_id', '=', enrolment.id).executeTakeFirstOrThrow();
    assert.equal(booking.cancelled_at, null);
    assert.ok(booking.joined_at, 'the join is recorded');
    assert.equal(booking.attended, true, 'attendance recorded on a late join');
    await page.goto(`/courses/${courseId}`);
    await page.getByText('✓ حضرت هذه الجلسة').waitFor();
    await page.context().close();
  });

  test('a malformed id in a link shows "not found"; a double click on «سجّل في الدورة» or «أنهيت هذا الدرس» sends one request', async () => {
    const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { lessons: 2, course: { titleAr: 'نقرة واحدة تكفي', titleEn: 'One click is enough' } });
    const api = h.t.client();
    const { nationalId } = await registerCitizen(h.t, api, { nameAr: 'سامي فريد حسن' });
    const page = await (await arabicContext(h, PHONE)).newPage();
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(toArabicDigits(nationalId));
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
    // Mistyped or truncated links: the resource is not found (was «بعض الحقول غير صحيحة.»).
    for (const [path, message] of [
      ['/courses/xyz', 'الدورة غير موجودة.'],
      ['/learn/xyz/abc', 'الدورة غير موجودة.'],
      [`/learn/${courseId}/abc`, 'الدرس غير موجود.'],
      ['/dev/pay/xyz', 'عملية الدفع غير موجودة.'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('alert').filter({ hasText: message }).waitFor();
      assert.equal(await page.getByText('بعض الحقول غير صحيحة.').count(), 0, path);
    }
    await screenshot(page, 'elearning-course-not-found-ar-phone');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/v1/elearning/')) posts.push(new URL(r.url()).pathname);
    });
    await page.goto(`/courses/${courseId}`);
    const enrol = page.getByRole('button', { name: 'سجّل في الدورة' });
    assert.match((await enrol.getAttribute('class')) ?? '', /\bbtn-primary\b/);
    await enrol.dblclick();
    await page.waitForURL(`**/learn/${courseId}/${lessonIds[0]}`);
    const done = page.getByRole('button', { name: 'أنهيت هذا الدرس' });
    // Styled as the page's primary action, like every other button (it was a small grey browser button).
    assert.match((await done.getAttribute('class')) ?? '', /\bbtn-primary\b/);
    assert.ok((await done.boundingBox())!.height >= 44, 'a 44 px target');
    await screenshot(page, 'elearning-lesson-complete-button-ar-phone');
    await done.dblclick();
    await page.waitForURL(`**/learn/${courseId}/${lessonIds[1]}`);
    await page.getByRole('button', { name: 'أنهيت هذا الدرس' }).waitFor();
    assert.deepEqual(
      posts.map((p) => p.replace(/[0-9a-f-]{36}/g, ':id')),
      ['/api/v1/elearning/courses/:id/enrolments', '/api/v1/elearning/enrolments/:id/lessons/:id/complete'],
      'one POST per double click',
    );
    await page.context().close();
  });

  test('once every attempt is used and failed, the course page says so and offers no new attempt', async () => {
    const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { questions: [TRUE_FALSE_QUESTION], course: { titleAr: 'محاولة واحدة فقط', titleEn: 'One attempt only', quizMaxAttempts: 1 } });
    const { api, enrolment, page } = await trainee(courseId, lessonIds, 'نادية سمير فؤاد');
    const started = (await api.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<AttemptView>();
    const failed = (await api.post(`/api/v1/elearning/attempts/${started.id}/submit`, { answers: started.questions.map((q) => ({ questionId: q.id, value: false })) })).json<AttemptView>();
    assert.equal(failed.passed, false);
    await page.goto(`/courses/${courseId}`);
    await page.getByText('استخدمت كل محاولات الاختبار (محاولة واحدة).').waitFor();
    await page.getByText('أفضل نتيجة لك: ٠٪.').waitFor();
    assert.equal(await page.getByRole('link', { name: /ابدأ الاختبار|تابع الاختبار/ }).count(), 0, 'no link to a new attempt');
    await assertAccessible(page, 'course page, attempts used up');
    await screenshot(page, 'elearning-attempts-used-ar-phone');
    // The quiz page (a bookmarked link) says the same and has no start button.
    await page.goto(`/learn/${courseId}/quiz`);
    await page.getByText('استخدمت كل محاولات الاختبار (محاولة واحدة).').waitFor();
    assert.equal(await page.getByRole('button', { name: 'ابدأ الاختبار' }).count(), 0);
    await page.context().close();
  });
});

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page, Route } from 'playwright-core';
import type { ServiceApplicationDetail, TestSession } from '@rabt/contracts';
import { makeNationalId, registerCitizen, signInStaff } from '../apps/api/src/testing/factories.ts';
import { ok, type TestClient } from '../apps/api/src/testing/test-client.ts';
import { seedOfficeId } from '../apps/api/src/platform/db/seed.ts';
import { sampleJpeg, samplePdf, uploadDocument } from '../apps/api/src/modules/uploads/test-files.ts';
import { arabicContext, assertAccessible, screenshot, signInStaffInBrowser, startHarness, type Harness, signInCitizenInBrowser } from './browser.ts';

const API = '/api/v1';
const NASR = seedOfficeId('CAI-NASR');
const GIZA = seedOfficeId('GIZ-GIZA');
const DOCS = ['national_id_copy', 'photo'];

/**
 * E-service behaviour built but not yet covered in the browser (issue 5), in the Arabic UI:
 * 1. busy buttons: while a send / approve / pay request is in flight its button is disabled and
 *    aria-busy, and a double click sends one request;
 * 2. a transfer to another office lands in the receiving office's queue, whose clerk opens the case,
 *    and the citizen's timeline shows the transfer;
 * 3. the examiner's results form is hidden before the test session's day and appears on that day.
 * The applications are prepared through the API (their own pages are covered by eservices*.e2e.test.ts).
 */
describe('e-services in the Arabic UI: busy buttons, transfer landing, results form by session date', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function staffClient(who: Parameters<typeof signInStaff>[2]): Promise<TestClient> {
    const c = h.t.client();
    await signInStaff(h.t, c, who);
    return c;
  }
  /** A registered citizen of Cairo: an API client (own session) and the credentials to sign in in the browser. */
  async function citizen(nameAr: string, nameLatin: string): Promise<{ c: TestClient; nationalId: string }> {
    const c = h.t.client();
    const reg = await registerCitizen(h.t, c, { nationalId: makeNationalId({ governorate: '01' }), nameAr, nameLatin });
    return { c, nationalId: reg.nationalId };
  }
  /** A draft with its two required documents really uploaded (PDF, JPEG). */
  async function draft(c: TestClient, body: Record<string, unknown>): Promise<ServiceApplicationDetail> {
    const app = await ok<ServiceApplicationDetail>(c.post(`${API}/my/applications`, { officeId: NASR, declaredDocuments: DOCS, ...body }), 201);
    assert.equal((await uploadDocument(c, app.id, 'national_id_copy', samplePdf())).statusCode, 201);
    assert.equal((await uploadDocument(c, app.id, 'photo', sampleJpeg())).statusCode, 201);
    return app;
  }
  const employmentRegistration = { serviceCode: 'employment_registration', answers: { isco: '7411', education: 'technical_secondary', experienceYears: '٥' } };

  /**
   * Holds every POST to `pattern` until `release()` and counts them, so the page's in-flight state can be
   * looked at without any timing: the request cannot finish before the test lets it.
   */
  async function holdPosts(page: Page, pattern: RegExp): Promise<{ count(): number; release(): void }> {
    let n = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(pattern, async (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue();
      n++;
      await gate;
      await route.continue();
    });
    return { count: () => n, release };
  }
  /** Double-clicks `button`; while its request is held, it must be disabled and aria-busy with one request sent. */
  async function doubleClickWhileHeld(page: Page, button: Locator, pattern: RegExp, label: string): Promise<{ count(): number; release(): void }> {
    const held = await holdPosts(page, pattern);
    await button.dblclick();
    // Held at the route, the request is in flight until release(): the button shows it.
    await button.and(page.locator('[aria-busy="true"]')).waitFor();
    assert.equal(await button.isDisabled(), true, `${label}: disabled while the request runs`);
    await screenshot(page, `eservices-busy-${label}`);
    return held;
  }

  test('busy buttons: send, pay online, pay on the checkout page and approve each send one request on a double click', async () => {
    const { c, nationalId } = await citizen('منى إبراهيم عادل', 'Mona Ibrahim Adel');
    const er = await draft(c, employmentRegistration);
    const sessions = await ok<TestSession[]>(c.get(`${API}/skill-tests/sessions?isco=7411&governorate=01`));
    const session = sessions.find((s) => s.seatsLeft > 0);
    assert.ok(session, 'a demo session in Cairo');
    const skill = await draft(c, { serviceCode: 'skill_certificate', answers: { isco: '7411', sessionId: session.id, experienceYears: '٣' } });
    assert.ok(skill.fee.amountPiastres > 0, 'the skill certificate has a fee');

    const ctx = await arabicContext(h);
    const page = await ctx.newPage();
    await signInCitizenInBrowser(page, nationalId);

    // 1. Send an unsent application from its page.
    await page.goto(`/my-applications/${er.id}`);
    const send = page.getByRole('region', { name: 'إرسال الطلب' }).getByRole('button', { name: 'إرسال الطلب' });
    const submitPattern = new RegExp(`/api/v1/my/applications/${er.id}/submit$`);
    const sent = await doubleClickWhileHeld(page, send, submitPattern, 'send');
    sent.release();
    await page.getByRole('status').getByText('تم.').waitFor();
    await page.getByText('مُرسل', { exact: true }).waitFor();
    assert.equal(sent.count(), 1, 'one submit request for a double click');
    await page.unrouteAll();

    // 2. Pay online: one checkout for a double click, then the provider's page.
    await page.goto(`/my-applications/${skill.id}`);
    // One money format (no decimals for whole pounds) and one size unit on the page.
    const feeCard = page.getByRole('region', { name: 'الرسوم', exact: true });
    await feeCard.getByText('٢٠٠ جنيه — مستحقة — لم تُدفع بعد', { exact: true }).waitFor();
    assert.equal(await page.getByText('٢٠٠٫٠٠').count(), 0, 'no piastres on a whole-pound fee');
    await page.getByText('الحد الأقصى: ٢ ميجابايت').waitFor();
    assert.equal(await page.getByText('م.ب').count(), 0);
    // The file chooser speaks Arabic: a labelled, keyboard-reachable input naming the document, and the chosen file's name.
    const photo = page.getByLabel('اختر الملف: صورة شخصية حديثة', { exact: true });
    assert.equal(await photo.getAttribute('type'), 'file');
    await page.locator('#upload-photo-name').getByText('لم يُختر ملف بعد').waitFor();
    await photo.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'upload-photo', 'the hidden input takes keyboard focus');
    await photo.setInputFiles({ name: 'صورتي.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg() });
    await page.locator('#upload-photo-name').getByText('صورتي.jpg').waitFor();
    await assertAccessible(page, 'my application with the Arabic file chooser');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 1280, 'the hidden inputs widen nothing');
    await screenshot(page, 'eservices-file-chooser-ar');
    await page.setViewportSize({ width: 360, height: 780 });
    const narrow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(narrow <= 360, `page is ${narrow} px wide at 360 px`);
    await screenshot(page, 'eservices-file-chooser-ar-360');
    await page.setViewportSize({ width: 1280, height: 900 });
    const payOnline = page.getByRole('button', { name: 'ادفع إلكترونيًا' });
    const checkout = await doubleClickWhileHeld(page, payOnline, new RegExp(`/api/v1/my/applications/${skill.id}/payments/online$`), 'pay-online');
    checkout.release();
    await page.waitForURL(/\/dev\/pay\/[^/]+$/);
    assert.equal(checkout.count(), 1, 'one checkout for a double click');
    await page.unrouteAll();
    const checkouts = await h.t.node.database.db.selectFrom('service_payments').select('id').where('application_id', '=', skill.id).where('method', '=', 'online').execute();
    assert.equal(checkouts.length, 1, 'one online payment started');

    // 3. The fake provider's Pay button.
    await page.getByRole('heading', { level: 1, name: 'صفحة الدفع التجريبية' }).waitFor();
    const pay = page.getByRole('button', { name: 'ادفع', exact: true });
    const paid = await doubleClickWhileHeld(page, pay, /\/api\/v1\/dev\/pay\/[^/]+$/, 'dev-pay');
    paid.release();
    await page.getByRole('status').getByText('تم الدفع. سُجّل في طلبك.').waitFor();
    assert.equal(paid.count(), 1, 'one payment request for a double click');
    await page.unrouteAll();
    const fee = await ok<{ status: string }>(c.get(`${API}/applications/${skill.id}/payment`));
    assert.equal(fee.status, 'paid');

    // 4. The clerk approves the sent application.
    const clerkCtx = await arabicContext(h);
    const clerk = await clerkCtx.newPage();
    await signInStaffInBrowser(h, clerk, 'nasr.clerk');
    await clerk.goto(`/office/applications/${er.id}`);
    await clerk.locator('#office-fee-status').getByText('مجانية', { exact: true }).waitFor();
    assert.equal(await clerk.getByText('٠ جنيه').count(), 0, 'a free service shows no amount');
    await clerk.locator('#office-docs').getByText(/كيلوبايت$/).first().waitFor();
    assert.equal(await clerk.getByText('ك.ب').count(), 0);
    // The answers are laid out as the facts above them: each label beside its value.
    const answers = clerk.getByRole('region', { name: 'بيانات الطلب' }).locator('dl.facts');
    await answers.locator('dd').first().waitFor();
    assert.equal(await answers.locator(':scope > div').count(), 0, 'dt and dd are direct children of the grid');
    const [dt, dd] = [await answers.locator('dt').first().boundingBox(), await answers.locator('dd').first().boundingBox()];
    assert.ok(dt && dd && Math.abs(dt.y - dd.y) < 2, `answer label and value side by side (${dt?.y} vs ${dd?.y})`);
    const approve = clerk.getByRole('button', { name: 'اعتماد', exact: true });
    const approved = await doubleClickWhileHeld(clerk, approve, new RegExp(`/api/v1/office/applications/${er.id}/approve$`), 'approve');
    // Every action button of the case page waits for the running one.
    assert.equal(await clerk.getByRole('button', { name: 'طلب معلومات من المواطن' }).isDisabled(), true);
    approved.release();
    await clerk.getByText('صدر المستند', { exact: true }).waitFor();
    assert.equal(approved.count(), 1, 'one approve request for a double click');
    const approvals = await h.t.node.database.db.selectFrom('application_events').select('action').where('application_id', '=', er.id).where('action', '=', 'approved').execute();
    assert.equal(approvals.length, 1);
    await assertAccessible(clerk, 'office application (issued after a double click)');
    await clerkCtx.close();
    await ctx.close();
  });

  test('transfer: the Nasr City head transfers a case to Giza; the Giza clerk finds it in the queue and opens it; the citizen sees it', async () => {
    const { c, nationalId } = await citizen('كريم سامي فؤاد', 'Karim Sami Fouad');
    const app = await draft(c, employmentRegistration);
    await ok(c.post(`${API}/my/applications/${app.id}/submit`));

    const headCtx = await arabicContext(h);
    const head = await headCtx.newPage();
    await signInStaffInBrowser(h, head, 'nasr.head');
    await head.goto(`/office/applications/${app.id}`);
    const transfer = head.getByRole('region', { name: 'تحويل إلى مكتب آخر' });
    await transfer.locator(`#f-officeId option[value="${GIZA}"]`).waitFor({ state: 'attached' });
    assert.equal(await transfer.locator(`#f-officeId option[value="${NASR}"]`).count(), 0, 'the current office is not offered');
    await transfer.locator('#f-officeId').selectOption(GIZA);
    await transfer.locator('#f-transferNote').fill('انتقل المواطن إلى الجيزة.');
    await assertAccessible(head, 'transfer form');
    await transfer.getByRole('button', { name: 'تحويل إلى مكتب آخر' }).click();
    await head.waitForURL('**/office/queue');
    await head.getByRole('status').getByText(`حُوّل الطلب ${app.reference} إلى مكتب عمل الجيزة. لم يعد في قائمة مكتبك.`).waitFor();
    assert.equal(await head.getByRole('link', { name: app.reference }).count(), 0, 'no longer in the Nasr City queue');
    await assertAccessible(head, 'queue after a transfer');
    await screenshot(head, 'eservices-transfer-sent');
    await headCtx.close();

    const gizaCtx = await arabicContext(h);
    const giza = await gizaCtx.newPage();
    await signInStaffInBrowser(h, giza, 'giza.clerk');
    await giza.goto('/office/queue');
    await giza.getByRole('link', { name: app.reference }).click();
    await giza.waitForURL(`**/office/applications/${app.id}`);
    await giza.getByText('كريم سامي فؤاد — Karim Sami Fouad', { exact: true }).waitFor();
    const facts = giza.locator('dl.facts').first();
    await facts.getByText('مكتب عمل الجيزة', { exact: true }).waitFor();
    const timeline = giza.getByRole('region', { name: 'سجل الطلب' });
    await timeline.getByText('حُوّل إلى مكتب آخر').waitFor();
    await timeline.getByText(/انتقل المواطن إلى الجيزة\.$/).waitFor();
    // The receiving clerk can act on it.
    await giza.getByRole('button', { name: 'اعتماد', exact: true }).waitFor();
    // Wide screen: the node code stays whole on the header line.
    const nodeCode = giza.locator('header .node-code');
    assert.equal(await nodeCode.isVisible(), true);
    // One box per bidi run, all on one line: their tops agree.
    const tops = await nodeCode.evaluate((el) => [...el.getClientRects()].map((r) => Math.round(r.top)));
    assert.equal(new Set(tops).size, 1, `the node code is not split over two lines (tops ${tops.join(', ')})`);
    await assertAccessible(giza, 'transferred case at the receiving office');
    await screenshot(giza, 'eservices-transfer-received');
    await gizaCtx.close();

    const citizenCtx = await arabicContext(h, { width: 360, height: 780 });
    const page = await citizenCtx.newPage();
    await signInCitizenInBrowser(page, nationalId);
    await page.goto(`/my-applications/${app.id}`);
    await page.locator('dl.facts').first().getByText('مكتب عمل الجيزة', { exact: true }).waitFor();
    const mine = page.getByRole('region', { name: 'سجل الطلب' });
    await mine.getByText('حُوّل إلى مكتب آخر').waitFor();
    await mine.getByText(/انتقل المواطن إلى الجيزة\.$/).waitFor();
    // The transfer note in the UI's language only, each run isolated; times to the minute.
    await mine.locator('p', { hasText: 'من مكتب عمل مدينة نصر إلى مكتب عمل الجيزة: انتقل المواطن إلى الجيزة.' }).waitFor();
    assert.doesNotMatch((await mine.textContent()) ?? '', /[A-Za-z]/, 'no English in the Arabic timeline');
    for (const time of await mine.locator('time').allTextContents()) assert.doesNotMatch(time, /[٠-٩]:[٠-٩]{2}:[٠-٩]/, `no seconds in «${time}»`);
    // Phone: the header keeps one line for the ministry; the node code (the country again) is not shown.
    assert.equal(await page.locator('header .node-code').isVisible(), false);
    await assertAccessible(page, 'my application (transferred)');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width} px wide at 360 px`);
    await screenshot(page, 'eservices-transfer-citizen-360');
    await citizenCtx.close();
  });

  // Last in the file: it moves the node's clock forward to the session's day.
  test('results form: hidden before the test session day, shown on that day, and the results save', async () => {
    const { c } = await citizen('سعاد حمدي علي', 'Soad Hamdy Ali');
    const today = h.t.clock.now().toISOString().slice(0, 10);
    const sessions = await ok<TestSession[]>(c.get(`${API}/skill-tests/sessions?isco=7411&governorate=01`));
    const later = sessions.find((s) => s.date > today && s.seatsLeft > 0);
    assert.ok(later, 'a demo session after today in Cairo');
    const app = await draft(c, { serviceCode: 'skill_certificate', answers: { isco: '7411', sessionId: later.id, experienceYears: '٣' } });
    await ok(c.post(`${API}/my/applications/${app.id}/submit`));
    const clerk = await staffClient('nasr.clerk');
    await ok(clerk.post(`${API}/office/applications/${app.id}/payments/cash`, { receiptNumber: 'R-E2E-77' }));
    const reviewed = await ok<ServiceApplicationDetail>(clerk.post(`${API}/office/applications/${app.id}/approve`, {}));
    assert.equal(reviewed.currentStep?.key, 'examination');

    const ctx = await arabicContext(h);
    const head = await ctx.newPage();
    await signInStaffInBrowser(h, head, 'nasr.head');
    await head.goto(`/office/applications/${app.id}`);
    const panel = head.getByRole('region', { name: 'اختبار قياس المهارة' });
    await panel.getByText(/^يُفتح نموذج النتائج في يوم جلسة الاختبار/).waitFor();
    assert.equal(await head.locator('#skill-theoreticalScore').count(), 0, 'no results form before the session day');
    assert.equal(await head.getByRole('button', { name: 'حفظ النتائج' }).count(), 0);
    // No results yet: approving is not offered, and the page says why.
    await head.locator('#approve-blocked').getByText(/^يُتاح الاعتماد بعد تسجيل نتيجتي الاختبار/).waitFor();
    assert.equal(await head.getByRole('button', { name: 'اعتماد', exact: true }).count(), 0, 'no approve button before the results');
    await assertAccessible(head, 'examination before the session day');
    await screenshot(head, 'eservices-results-before-session');
    await ctx.close();

    // The session's day, 10:00 UTC (12:00 in Cairo): the node's clock and the browser's agree.
    const sessionDay = new Date(`${later.date}T10:00:00Z`);
    h.t.clock.advance(sessionDay.getTime() - h.t.clock.now().getTime());
    const dayCtx = await arabicContext(h);
    const examiner = await dayCtx.newPage();
    await examiner.clock.setFixedTime(sessionDay);
    await signInStaffInBrowser(h, examiner, 'nasr.head');
    await examiner.goto(`/office/applications/${app.id}`);
    await examiner.locator('#skill-theoreticalScore').fill('٨٠');
    await examiner.locator('#skill-practicalScore').fill('٧٠');
    assert.equal(await examiner.getByText(/^يُفتح نموذج النتائج/).count(), 0, 'the "opens on the session day" hint is gone');
    await assertAccessible(examiner, 'examination on the session day');
    await examiner.getByRole('button', { name: 'حفظ النتائج' }).click();
    await examiner.getByText('حُفظت النتائج.').waitFor();
    await examiner.getByRole('region', { name: 'اختبار قياس المهارة' }).getByText('٨٠ / ١٠٠').waitFor();
    // Results in: the approve button is offered again, the explanation gone.
    await examiner.getByRole('button', { name: 'اعتماد', exact: true }).waitFor();
    assert.equal(await examiner.locator('#approve-blocked').count(), 0);
    await screenshot(examiner, 'eservices-results-on-session-day');
    const row = await h.t.node.database.db.selectFrom('skill_test_bookings').selectAll().where('application_id', '=', app.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.theoretical_score, row.practical_score], [80, 70]);
    await dayCtx.close();
  });
});

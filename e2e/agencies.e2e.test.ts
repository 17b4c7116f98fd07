import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demoEmail, totpFor, type DemoStaff } from '../apps/api/src/testing/factories.ts';
import { DEMO_STAFF_PASSWORD } from '../apps/api/src/platform/db/seed.ts';
import { seedDemoAgencies } from '../apps/api/src/modules/agencies/agencies.seed.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, toArabicDigits, type Harness, openMainNav } from './browser.ts';

/** Licensed agencies registry and broker reports (issue 4 part 9) in the Arabic UI, at phone width for the visitor. */
describe('recruitment agencies registry and broker reports in the Arabic UI', () => {
  let h: Harness;
  let reference = '';
  before(async () => {
    h = await startHarness();
    await seedDemoAgencies({ db: h.t.node.database.db, clock: h.t.clock.now });
  });
  after(async () => {
    await h?.close();
  });

  async function noHorizontalScroll(page: Page): Promise<void> {
    const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px viewport`);
  }

  async function signIn(page: Page, who: DemoStaff): Promise<void> {
    await page.goto('/staff/sign-in');
    await page.getByRole('heading', { level: 1, name: 'دخول موظفي الوزارة' }).waitFor();
    await page.locator('#f-email').fill(demoEmail(who));
    await page.locator('#f-password').fill(DEMO_STAFF_PASSWORD);
    await page.locator('#f-totp').fill(await totpFor(h.t, demoEmail(who)));
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/staff');
  }

  test('a visitor searches the registry in Arabic and sees a suspended agency with its status and reason', async () => {
    const context = await arabicContext(h, { width: 360, height: 780 });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).waitFor();
    await openMainNav(page);
    await page.getByRole('navigation').getByRole('link', { name: 'شركات التوظيف المرخّصة' }).click();
    await page.waitForURL('**/agencies');
    await page.getByRole('heading', { level: 1, name: 'سجل شركات إلحاق العمالة المرخّصة' }).waitFor();
    await page.getByRole('status').getByText(/عدد النتائج/).waitFor();
    await assertAccessible(page, 'agencies registry');
    await noHorizontalScroll(page);

    // Typed without hamza and with ha for ta marbuta: folding still finds «الإسكندرية».
    await page.getByLabel('اسم الشركة أو رقم الترخيص').fill('شركه الاسكندريه');
    await page.getByRole('button', { name: 'بحث', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === 'شركه الاسكندريه');
    const card = page.locator('article', { hasText: 'شركة الإسكندرية للموارد البشرية' });
    await card.waitFor();
    assert.equal(await page.locator('ul[aria-label="نتائج البحث في سجل الشركات"] > li').count(), 1);
    await card.getByText('ترخيص موقوف').waitFor();
    assert.match((await card.locator('.licence-status').getAttribute('class')) ?? '', /licence-suspended/);
    await card.getByText('RA-2025-9004').waitFor();
    await assertAccessible(page, 'registry search result');
    await screenshot(page, 'agencies-search-ar-360');

    await card.getByRole('link', { name: /شركة الإسكندرية/ }).click();
    await page.waitForURL('**/agencies/RA-2025-9004');
    await page.getByRole('heading', { level: 1, name: /شركة الإسكندرية للموارد البشرية/ }).waitFor();
    await page.getByText('لا يجوز لها العمل لحساب العمال الآن.', { exact: false }).waitFor();
    await page.getByText(/إيقاف تجريبي: شكاوى من تحصيل رسوم/).first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'سجل حالة الترخيص' }).waitFor();
    await assertAccessible(page, 'agency detail');
    await noHorizontalScroll(page);
    await screenshot(page, 'agency-detail-ar-360');

    // Filter by status and by licence number typed with Arabic-Indic digits.
    await page.goto('/agencies');
    await page.getByLabel('اسم الشركة أو رقم الترخيص').fill(toArabicDigits('9005'));
    await page.getByRole('button', { name: 'بحث', exact: true }).click();
    const revoked = page.locator('article', { hasText: 'وكالة الصعيد للتوظيف' });
    await revoked.getByText('ترخيص ملغى').waitFor();
    await context.close();
  });

  test('a visitor sends an anonymous broker report and gets a reference', async () => {
    const context = await arabicContext(h, { width: 360, height: 780 });
    const page = await context.newPage();
    await page.goto('/report-broker');
    await page.getByRole('heading', { level: 1, name: 'الإبلاغ عن سمسار' }).waitFor();
    await page.getByText('لا توجد وظيفة قانونية في الخارج تطلب منك أن تدفع لسمسار', { exact: false }).waitFor();
    await page.locator('#f-promisedCountry option[value="SA"]').waitFor({ state: 'attached' });
    await assertAccessible(page, 'report a broker');
    await noHorizontalScroll(page);

    // Too short a description: refused field by field, nothing sent.
    await page.locator('#f-claimedOffer').fill('عقد سائق في الرياض مع تأشيرة');
    await page.locator('#f-description').fill('قصير');
    await page.getByRole('button', { name: 'إرسال البلاغ' }).click();
    await page.getByRole('alert').getByText('بعض الحقول غير صحيحة.').waitFor();
    await page.locator('#f-description-error').waitFor();
    assert.equal(await page.locator('#f-description').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'report with errors');

    await page.locator('#f-brokerName').fill('أبو أحمد للسفريات');
    await page.locator('#f-brokerPhone').fill(toArabicDigits('01000000001'));
    await page.locator('#f-brokerLink').fill('https://facebook.example/jobs-abroad-fast');
    await page.locator('#f-promisedCountry').selectOption('SA');
    await page.locator('#f-amount').fill(toArabicDigits('35000'));
    await page.locator('#f-description').fill('طلب مني ٣٥ ألف جنيه مقدمًا مقابل التأشيرة وقال إن العقد سيصل بعد شهر.');
    await page.getByRole('button', { name: 'إرسال البلاغ' }).click();
    await page.getByRole('heading', { name: 'وصل بلاغك. شكرًا لك.' }).waitFor();
    reference = ((await page.locator('.reference-box .reference').textContent()) ?? '').trim();
    assert.match(reference, /^BR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    await assertAccessible(page, 'report sent');
    await screenshot(page, 'broker-report-sent-ar-360');

    const row = await h.t.node.database.db.selectFrom('broker_reports').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal(Number(row.amount_asked_minor), 3_500_000);
    assert.equal(row.amount_currency, 'EGP');
    assert.equal(row.broker_phone, '01000000001');
    assert.equal(row.reporter_contact, null);
    await context.close();
  });

  test('the HQ administrator sees the report in the queue, takes it and moves it on; the licences page is accessible', async () => {
    assert.ok(reference, 'the report test ran first');
    const context = await arabicContext(h);
    const page = await context.newPage();
    await signIn(page, 'hq.admin');
    await page.getByRole('navigation').getByRole('link', { name: 'بلاغات السماسرة' }).click();
    await page.waitForURL('**/staff/broker-reports');
    await page.getByRole('heading', { level: 1, name: 'بلاغات السماسرة' }).waitFor();
    const item = page.getByRole('link', { name: `فتح البلاغ ${reference}` });
    await item.waitFor();
    await assertAccessible(page, 'broker report queue');
    await item.click();
    await page.waitForURL(`**/staff/broker-reports/${reference}`);
    await page.getByText('أبو أحمد للسفريات').first().waitFor();
    await page.getByText('لم يترك وسيلة تواصل', { exact: false }).waitFor();
    await assertAccessible(page, 'broker report detail');

    await page.getByRole('button', { name: 'إسناده إليّ' }).click();
    await page.getByRole('status').getByText('تم الحفظ.').waitFor();
    await page.getByText(/أسنده إلى/).waitFor();
    await page.locator('#report-status-status').selectOption('investigating');
    await page.getByRole('button', { name: 'تغيير الحالة' }).click();
    await page.getByText('غيّر الحالة من «جديد» إلى «قيد الفحص»').waitFor();
    await assertAccessible(page, 'broker report after actions');
    await screenshot(page, 'broker-report-detail-ar-desktop');
    const audited = await h.t.node.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', reference).orderBy('seq').execute();
    assert.deepEqual(audited.map((a) => a.action), ['broker_report.received', 'broker_report.assigned', 'broker_report.status_changed']);

    await page.getByRole('navigation').getByRole('link', { name: 'تراخيص شركات التوظيف' }).click();
    await page.waitForURL('**/staff/agencies');
    await page.getByRole('heading', { level: 1, name: 'تراخيص شركات التوظيف' }).waitFor();
    await page.getByText('RA-2025-9001').waitFor();
    await assertAccessible(page, 'staff agency licences');

    // Register a licence with Arabic-Indic digits, then suspend it with a published reason.
    await page.locator('#new-agency-licenceNumber').fill(`RA-${toArabicDigits('2026-0777')}`);
    await page.locator('#new-agency-nameAr').fill('شركة الاختبار للتوظيف');
    await page.locator('#new-agency-nameEn').fill('Test Placement Co.');
    await page.locator('#new-agency-scope').selectOption('abroad');
    await page.locator('#new-agency-capitalEgp').fill(toArabicDigits('400000'));
    await page.locator('#new-agency-governorateCode').selectOption('01');
    await page.locator('#new-agency-address').fill('٥ شارع طلعت حرب، القاهرة');
    await page.locator('#new-agency-phone').fill(toArabicDigits('0223901234'));
    await page.locator('#new-agency-licenceIssuedOn').fill('2026-01-10');
    await page.locator('#new-agency-licenceExpiresOn').fill('2029-01-09');
    await page.getByRole('button', { name: 'تسجيل الترخيص' }).click();
    // EGP 400,000 is below the Art. 41 minimum for placement abroad.
    await page.locator('#new-agency-capitalEgp-error').getByText(/المادة ٤١/).waitFor();
    await assertAccessible(page, 'licence form with errors');
    await page.locator('#new-agency-capitalEgp').fill(toArabicDigits('500000'));
    await page.getByRole('button', { name: 'تسجيل الترخيص' }).click();
    await page.getByRole('status').getByText('سُجّل الترخيص RA-2026-0777.').waitFor();
    const card = page.locator('article', { hasText: 'RA-2026-0777' });
    await card.getByText('ترخيص ساري').waitFor();
    await card.getByText('تغيير حالة الترخيص').click();
    await card.getByLabel('الحالة الجديدة').selectOption('suspended');
    await card.getByLabel('السبب (يُنشر في السجل)').fill('لم يُقدَّم خطاب الضمان');
    await card.getByRole('button', { name: 'تطبيق القرار' }).click();
    await page.getByRole('status').getByText('تغيّرت حالة الترخيص RA-2026-0777.').waitFor();
    await page.locator('article', { hasText: 'RA-2026-0777' }).getByText('ترخيص موقوف').waitFor();
    await assertAccessible(page, 'staff agency licences after changes');
    await screenshot(page, 'staff-agencies-ar-desktop');
    await context.close();
  });
});

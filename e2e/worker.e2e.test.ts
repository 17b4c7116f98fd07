import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { SharedProfile } from '@rabt/contracts';
import { demoEmail, makeNationalId, totpFor } from '../apps/api/src/testing/factories.ts';
import { exchangeTestNode, jobOrderTerms, type ExchangeTestNode } from '../apps/api/src/modules/workers/workers.fixtures.ts';
import { assertAccessible, screenshot, registerCitizenInUi } from './browser.ts';

/**
 * The Egyptian side of the exchange in the Arabic UI: a citizen registers, builds a work profile,
 * consents to SA and sees it in the disclosure log; an overseas officer attests an SA job order; the
 * worker finds it in the public list and applies. The partner nodes are an in-memory federation here
 * (the multi-node story runs in the cluster tests).
 */
describe('worker and overseas officer in the Arabic UI', () => {
  let t: ExchangeTestNode;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await exchangeTestNode('pglite');
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const registerInUi = (page: Page): Promise<void> => registerCitizenInUi(page, t.node.database.db, { ar: 'محمود حسن علي', latin: 'Mahmoud Hassan Ali' }, makeNationalId());

  test('profile, consent to SA, disclosure log, attestation by the officer, and an application', async () => {
    const context = await browser.newContext({ locale: 'ar-EG', baseURL: base, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await registerInUi(page);

    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'ملفي المهني' }).click();
    await page.waitForURL('**/worker/profile');
    await page.getByRole('heading', { level: 1, name: 'ملفي المهني للعمل بالخارج' }).waitFor();
    await page.getByText('اكتمال الملف: ٠٪').waitFor();
    await assertAccessible(page, 'worker profile (empty)');

    await page.locator('#occ-search').fill('7411');
    await page.getByRole('button', { name: /٧٤١١/ }).click();
    await page.locator('#occ-7411-years').fill('٦');
    await page.locator('#f-lang-ar').selectOption('native');
    await page.locator('#pc-SA').check();
    await page.locator('#f-passportNumber').fill('A12345678');
    await page.locator('#f-passportExpiry').fill('2031-05-01');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.getByText('تم الحفظ.').waitFor();
    await page.getByText('الإصدار ١').waitFor();
    await assertAccessible(page, 'worker profile (saved)');

    await page.getByRole('navigation', { name: 'قائمة العمل بالخارج' }).getByRole('link', { name: 'المشاركة والموافقات' }).click();
    await page.waitForURL('**/worker/consents');
    const sa = page.locator('section', { has: page.getByRole('heading', { name: 'السعودية' }) });
    await sa.getByText('الفئة العمرية (لا تاريخ الميلاد)').waitFor(); // the field list is shown before consenting
    await assertAccessible(page, 'consents');
    await sa.getByRole('button', { name: /أوافق على المشاركة/ }).click();
    await page.getByText('سُجّلت موافقتك وأُرسل ملفك.').waitFor();
    await sa.getByRole('button', { name: /سحب الموافقة/ }).waitFor();
    const upsert = t.fed.queued({ type: 'profile.upsert', to: 'SA' }).at(-1)!;
    assert.equal((upsert.body as SharedProfile).occupations[0]!.years, 6);
    assert.ok(!JSON.stringify(upsert.body).includes('A12345678'));

    await page.getByRole('link', { name: 'سجل الإفصاح' }).click();
    await page.waitForURL('**/worker/disclosures');
    await page.getByRole('cell', { name: 'أُرسل الملف إلى وزارة العمل' }).waitFor();
    await assertAccessible(page, 'disclosure log');
    await screenshot(page, 'worker-disclosures-ar');

    // A Saudi job order arrives through the federation and waits for attestation.
    const terms = jobOrderTerms({ titleAr: 'كهربائي مباني سكنية', titleEn: 'Residential electrician' });
    await t.deliver({ type: 'job_order.submitted', from: 'SA', body: terms, entity: { type: 'job_order', id: terms.jobOrderId, version: 1 } });

    const officerContext = await browser.newContext({ locale: 'ar-EG', baseURL: base });
    const officer = await officerContext.newPage();
    const email = demoEmail('overseas.officer');
    await officer.goto('/staff/sign-in');
    await officer.locator('#f-email').fill(email);
    await officer.locator('#f-password').fill('Rabt-demo-2026!');
    await officer.locator('#f-totp').fill(await totpFor(t, email));
    await officer.getByRole('button', { name: 'دخول', exact: true }).click();
    await officer.waitForURL((u) => u.pathname === '/staff');
    await officer.getByRole('link', { name: 'اعتماد طلبات الاستقدام' }).click();
    await officer.waitForURL('**/attestation');
    const card = officer.locator('article', { hasText: 'كهربائي مباني سكنية' });
    await card.waitFor();
    await assertAccessible(officer, 'attestation queue');
    await card.getByRole('button', { name: 'اعتماد' }).click();
    await officer.getByText('سُجّل القرار.').waitFor();
    assert.equal(t.fed.queued({ type: 'job_order.decision', to: 'SA' }).length, 1);
    await officerContext.close();

    await page.getByRole('link', { name: 'وظائف بالخارج' }).first().click();
    await page.waitForURL('**/jobs');
    await page.getByRole('link', { name: 'كهربائي مباني سكنية' }).click();
    await page.waitForURL(`**/jobs/${terms.jobOrderId}`);
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as { '@type': string };
    assert.equal(jsonLd['@type'], 'JobPosting');
    await assertAccessible(page, 'job order');
    await page.getByRole('button', { name: 'تقدّم لهذه الوظيفة' }).click();
    await page.getByText('أُرسل طلبك عبر وزارة العمل.').waitFor();
    assert.equal(t.fed.queued({ type: 'application.submitted', to: 'SA' }).length, 1);
    await context.close();
  });
});

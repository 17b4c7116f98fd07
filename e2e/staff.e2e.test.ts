import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PROBLEMS } from '@rabt/contracts';
import { demoEmail, totpFor, type DemoStaff } from '../apps/api/src/testing/factories.ts';
import { seedOfficeId } from '../apps/api/src/platform/db/seed.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, type Harness } from './browser.ts';

const DEMO_PASSWORD = 'Rabt-demo-2026!';

describe('staff in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function signIn(page: Page, who: DemoStaff): Promise<void> {
    await page.goto('/staff/sign-in');
    await page.getByRole('heading', { level: 1, name: 'دخول موظفي الوزارة' }).waitFor();
    await page.locator('#f-email').fill(demoEmail(who));
    await page.locator('#f-password').fill(DEMO_PASSWORD);
    await page.locator('#f-totp').fill(await totpFor(h.t, demoEmail(who)));
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/staff');
    await page.getByRole('heading', { level: 1, name: 'لوحة الموظف' }).waitFor();
  }

  test('the HQ administrator opens an office, creates a clerk, reads the audit log and verifies the chain', async () => {
    const context = await arabicContext(h);
    const page = await context.newPage();
    await signIn(page, 'hq.admin');
    await page.getByText('مسؤول الديوان العام').waitFor();
    await assertAccessible(page, 'staff dashboard');

    await page.locator('main').getByRole('link', { name: 'المكاتب' }).click();
    await page.waitForURL('**/staff/offices');
    await page.getByRole('heading', { level: 2, name: 'المديريات' }).waitFor();
    await page.locator('#new-office-code').waitFor();
    await assertAccessible(page, 'offices');
    await page.locator('#new-office-code').fill('CAI-E2E');
    await page.locator('#new-office-directorateCode').selectOption('01');
    await page.locator('#new-office-nameAr').fill('مكتب عمل الاختبار');
    await page.locator('#new-office-nameEn').fill('Test Labour Office');
    await page.locator('#new-office-seatAr').fill('القاهرة الجديدة');
    await page.locator('#new-office-seatEn').fill('New Cairo');
    await page.getByRole('button', { name: 'فتح المكتب' }).click();
    await page.getByRole('status').getByText('تم فتح المكتب مكتب عمل الاختبار.').waitFor();
    await page.getByRole('link', { name: 'مكتب عمل الاختبار' }).waitFor();
    await assertAccessible(page, 'offices after create');

    await page.getByRole('navigation').getByRole('link', { name: 'الموظفون' }).click();
    await page.waitForURL('**/staff/people');
    await page.locator('#new-staff-email').waitFor();
    await assertAccessible(page, 'people');
    await page.locator('#new-staff-email').fill('e2e.clerk@example.gov.eg');
    await page.locator('#new-staff-nameAr').fill('سارة حسن');
    await page.locator('#new-staff-nameEn').fill('Sara Hassan');
    await page.locator('#new-staff-role').selectOption('clerk');
    await page.locator('#new-staff-officeId').selectOption({ label: 'مكتب عمل الاختبار (CAI-E2E)' });
    await page.locator('#new-staff-password').fill('Delta-quay-2026');
    await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
    await page.getByRole('heading', { name: 'تم إنشاء حساب سارة حسن' }).waitFor();
    await page.getByText('يظهر هذه المرة فقط', { exact: false }).waitFor();
    const qr = page.getByRole('img', { name: 'رمز QR لإضافة الحساب إلى تطبيق المصادقة' });
    await qr.waitFor();
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml;utf8,/);
    assert.ok(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR image renders');
    assert.match((await page.locator('.created-staff code').first().textContent()) ?? '', /^[A-Z2-7]+=*$/);
    await page.locator('tr', { hasText: 'e2e.clerk@example.gov.eg' }).waitFor();
    await assertAccessible(page, 'people after create');
    await screenshot(page, 'people-created-ar-desktop');

    await page.getByRole('navigation').getByRole('link', { name: 'سجل التدقيق' }).click();
    await page.waitForURL('**/staff/audit');
    await page.locator('td code', { hasText: 'office.created' }).first().waitFor();
    await page.locator('td code', { hasText: 'staff.created' }).first().waitFor();
    await page.locator('td code', { hasText: 'staff.signed_in' }).first().waitFor();
    await page.getByRole('button', { name: 'تحقّق من سلامة السلسلة' }).click();
    const result = page.getByRole('status').getByText(/^السلسلة سليمة/);
    await result.waitFor();
    await assertAccessible(page, 'audit');
    await screenshot(page, 'audit-ar-desktop');
    await context.close();
  });

  test('a clerk opening another office sees the out-of-scope message', async () => {
    const context = await arabicContext(h, { width: 390, height: 844 });
    const page = await context.newPage();
    await signIn(page, 'nasr.clerk');
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'سجل التدقيق' }).count(), 0, 'clerks see no audit link');
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'الموظفون' }).count(), 0, 'clerks see no staff link');

    await page.goto(`/staff/offices/${seedOfficeId('GIZ-GIZA')}`);
    await page.getByRole('alert').getByText(PROBLEMS.out_of_scope.ar).waitFor();
    await assertAccessible(page, 'office out of scope');
    await screenshot(page, 'office-out-of-scope-ar-390');

    await page.goto(`/staff/offices/${seedOfficeId('CAI-NASR')}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'مكتب' }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'own office opens');
    await context.close();
  });
});

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { totpFor } from '../apps/api/src/testing/factories.ts';
import { createPartnerNode, profile, skillCertificate, type PartnerNode } from '../apps/api/src/modules/employers/test-kit.ts';
import { SCREENS_DIR, assertAccessible, screenshot, toArabicDigits } from './browser.ts';

const DEMO_PASSWORD = 'Rabt-demo-2026!';
const OFFICER = 'overseas.officer@demo.rabt.local';

/**
 * The destination side in the Arabic UI of a Saudi node: an employer registers, the ministry's officer
 * verifies it, the employer writes a job order and submits it for attestation, finds a candidate the
 * Egyptian node shared and invites them, and reads the contacts disclosed on acceptance.
 */
describe('an employer on the SA node, in Arabic', () => {
  let t: PartnerNode;
  let base: string;
  let browser: Browser;
  before(async () => {
    t = await createPartnerNode('pglite', 'SA');
    base = await t.node.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    mkdirSync(SCREENS_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const newPage = async (width = 1280): Promise<Page> => (await browser.newContext({ locale: 'ar-SA', baseURL: base, viewport: { width, height: 900 } })).newPage();

  test('registers, is verified by the officer, submits a job order, finds and invites a candidate', async () => {
    // 1. The establishment registers (Arabic-Indic digits in the establishment number).
    const employer = await newPage();
    await employer.goto('/employer/register');
    await employer.getByRole('heading', { level: 1, name: 'تسجيل منشأة' }).waitFor();
    await assertAccessible(employer, 'employer registration');
    await employer.locator('#f-establishmentNumber').fill(toArabicDigits('7012345678'));
    await employer.locator('#f-nameAr').fill('مؤسسة النور للمقاولات');
    await employer.locator('#f-nameEn').fill('Al Noor Contracting');
    await employer.locator('#f-sector').fill('المقاولات');
    await employer.locator('#f-city').fill('Riyadh');
    await employer.locator('#f-representativeName').fill('سعد العتيبي');
    await employer.locator('#f-representativeEmail').fill('saad@alnoor.example.sa');
    await employer.locator('#f-representativeMobile').fill('0501234567');
    await employer.locator('#f-password').fill('Nile-river-2026');
    await employer.getByRole('button', { name: 'تسجيل المنشأة' }).click();
    await employer.waitForURL((u) => u.pathname === '/employer');
    await employer.getByTestId('employer-status').getByText('بانتظار توثيق الوزارة').waitFor();
    await assertAccessible(employer, 'employer dashboard (pending)');

    // 2. The ministry's overseas officer verifies it.
    const officer = await newPage();
    await officer.goto('/staff/sign-in');
    await officer.locator('#f-email').fill(OFFICER);
    await officer.locator('#f-password').fill(DEMO_PASSWORD);
    await officer.locator('#f-totp').fill(await totpFor(t, OFFICER));
    await officer.getByRole('button', { name: 'دخول', exact: true }).click();
    await officer.waitForURL((u) => u.pathname === '/staff');
    await officer.getByRole('link', { name: 'توثيق أصحاب العمل' }).click();
    await officer.getByRole('heading', { level: 2, name: /مؤسسة النور للمقاولات/ }).waitFor();
    await assertAccessible(officer, 'verification queue');
    await screenshot(officer, 'employer-verification-queue');
    await officer.getByRole('button', { name: 'توثيق', exact: true }).click();
    await officer.getByText('سُجّل القرار.').waitFor();

    // 3. The verified employer writes a job order (occupation search, Arabic-Indic amounts) and submits it.
    await employer.reload();
    await employer.getByTestId('employer-status').getByText('موثّقة').waitFor();
    await employer.goto('/employer/job-orders/new');
    await employer.locator('#occ-search').fill('كهربائي');
    await employer.getByRole('button', { name: /7411/ }).click();
    await employer.getByText(/المهنة المختارة: 7411/).waitFor();
    await employer.locator('#f-titleAr').fill('كهربائي مبانٍ');
    await employer.locator('#f-positions').fill('١٢');
    await employer.locator('#f-wage').fill('٢٥٠٠');
    await employer.locator('#f-housing').fill('٥٠٠');
    // The city is picked from the destination's list, shown in Arabic, and stored by its English name.
    await employer.locator('#f-cityChoice').selectOption({ label: 'الرياض' });
    await employer.locator('#f-minYears').fill('٣');
    await assertAccessible(employer, 'job order form');
    await screenshot(employer, 'employer-job-order-form');
    // Without the employer-pays box the ministry refuses the order, and says why.
    await employer.getByRole('button', { name: 'حفظ المسودة' }).click();
    await employer.getByRole('alert').getByText(/يجب أن يتحمل صاحب العمل تكاليف الاستقدام/).waitFor();
    await employer.locator('#f-employerPays').check();
    await employer.getByRole('button', { name: 'حفظ المسودة' }).click();
    await employer.waitForURL((u) => u.pathname === '/employer/job-orders');
    await employer.getByText('مسودة', { exact: true }).waitFor();
    await employer.getByText(/· الرياض ·/).waitFor();
    await employer.getByRole('button', { name: 'إرسال للتصديق' }).click();
    await employer.getByText('بانتظار تصديق الوزارة المصرية', { exact: true }).waitFor();
    await assertAccessible(employer, 'job orders');
    const [submitted] = await t.outbox('job_order.submitted');
    assert.equal(submitted?.to, 'EG');
    const terms = submitted.body as { wage: { amountMinor: number; currency: string }; allowances: { housing: { amountMinor: number } }; positions: number };
    assert.deepEqual([terms.wage, terms.allowances.housing.amountMinor, terms.positions], [{ amountMinor: 250_000, currency: 'SAR' }, 50_000, 12]);
    assert.equal((submitted.body as { city: string }).city, 'Riyadh');

    // 4. The Egyptian ministry attests it; a worker's profile arrives from the Egyptian node.
    await t.deliver('job_order.decision', { jobOrderId: submitted.entity.id, decision: 'approved', reason: null, decidedAt: new Date().toISOString() });
    const worker = profile({ occupations: [{ isco: '7411', years: 6 }], certificates: [skillCertificate('skilled')] });
    await t.deliver('profile.upsert', worker, { type: 'profile', id: worker.profileId, version: 1 });

    // 5. Search, reasons, candidate page, invitation.
    await employer.goto('/employer/candidates');
    await employer.locator('#f-isco').fill('7411');
    await employer.getByRole('button', { name: 'بحث', exact: true }).click();
    await employer.getByText('نفس مجموعة الوحدات 7411').waitFor();
    await employer.getByText('مستوى شهادة المهارة: ماهر').waitFor();
    await assertAccessible(employer, 'candidate search');
    await screenshot(employer, 'employer-candidate-search');
    await employer.getByRole('link', { name: 'عرض الملف' }).click();
    await employer.getByRole('heading', { level: 1, name: 'ملف مرشح' }).waitFor();
    await employer.locator('#f-messageAr').fill('نرحب بانضمامك إلى فريقنا في الرياض.');
    await assertAccessible(employer, 'candidate detail');
    await employer.getByRole('button', { name: 'إرسال الدعوة' }).click();
    await employer.getByText('أُرسلت الدعوة عبر الوزارة المصرية.').waitFor();
    const [invitation] = await t.outbox('invitation.sent');
    assert.equal(invitation?.body.profileId, worker.profileId);

    // 6. The worker accepts on the Egyptian node; the contacts appear for this employer.
    await t.deliver('invitation.responded', {
      invitationId: invitation.body.invitationId,
      response: 'accepted',
      disclosure: { nameAr: 'محمد أحمد علي', nameLatin: 'Mohamed Ahmed Ali', passportNumber: 'A12345678' },
      respondedAt: new Date().toISOString(),
    });
    await employer.goto('/employer/invitations');
    await employer.getByText('قبل الدعوة').waitFor();
    await employer.getByText('A12345678').waitFor();
    await assertAccessible(employer, 'invitations with disclosure');

    // The search page is usable at 320 px (no horizontal scrolling of the page).
    const narrow = await newPage(320);
    await narrow.context().addCookies(await employer.context().cookies());
    await narrow.goto('/employer/candidates?isco=7411');
    await narrow.getByText('نفس مجموعة الوحدات 7411').waitFor();
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px at 320px`);
  });
});

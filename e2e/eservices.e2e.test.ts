import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seedOfficeId } from '../apps/api/src/platform/db/seed.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, type Harness, signInStaffInBrowser, registerCitizenInUi } from './browser.ts';
import PDFDocument from 'pdfkit';
import { sampleJpeg } from '../apps/api/src/modules/uploads/test-files.ts';

/** A small real PDF, generated with pdfkit. */
function makePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A6' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text('National ID copy (test)');
    doc.end();
  });
}

const PHONE = { width: 360, height: 780 };

/**
 * E-services in the Arabic UI (issue 5): a citizen applies for the employment registration certificate
 * (Law 14/2025 Art. 33) on a 360 px phone; the Nasr City clerk asks for information, the citizen answers,
 * the clerk approves; the citizen sees the signed certificate's verification code. axe on every page.
 */
describe('e-services: employment registration certificate in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  const registerInUi = (page: Page): Promise<void> => registerCitizenInUi(page, h.t.node.database.db, { ar: 'هالة محمد سعيد', latin: 'Hala Mohamed Saeed' });

  test('apply at 360 px → clerk asks for information → citizen answers → clerk approves → certificate code', async () => {
    const citizenCtx = await arabicContext(h, PHONE);
    const citizen = await citizenCtx.newPage();
    await registerInUi(citizen);

    await citizen.goto('/services');
    await citizen.getByRole('heading', { level: 1, name: 'الخدمات الإلكترونية' }).waitFor();
    await assertAccessible(citizen, 'service catalogue');
    await citizen.getByRole('link', { name: 'شهادة قيد (كعب العمل)' }).click();
    await citizen.waitForURL('**/services/employment_registration');
    await citizen.getByText('نعم، تستوفي الشروط.').waitFor();
    await citizen.getByText(/خلال ٣٠ يومًا/).waitFor();
    await assertAccessible(citizen, 'service detail');
    const width = await citizen.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width} px wide at 360 px`);

    await citizen.getByRole('link', { name: 'تقدّم الآن' }).click();
    await citizen.waitForURL('**/services/employment_registration/apply');
    await citizen.locator('#f-officeId').selectOption(seedOfficeId('CAI-NASR'));
    await citizen.locator('#isco-search').fill('7411');
    await citizen.locator('#f-isco option[value="7411"]').waitFor({ state: 'attached' });
    await citizen.locator('#f-isco').selectOption('7411');
    await citizen.locator('#f-education').selectOption('technical_secondary');
    await citizen.locator('#f-experienceYears').fill('٧');
    await assertAccessible(citizen, 'application form');
    // Without the required documents declared, nothing is saved and the form says which.
    await citizen.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).click();
    await citizen.getByRole('alert').getByText('بعض الحقول غير صحيحة.').waitFor();
    assert.equal(await citizen.locator('#doc-national_id_copy-error').textContent(), 'هذا الحقل مطلوب.');
    await citizen.locator('#doc-national_id_copy').check();
    await citizen.locator('#doc-photo').check();
    await citizen.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).click();
    await citizen.getByRole('heading', { level: 2, name: 'مراجعة قبل الإرسال' }).waitFor();
    // A free service says so in one word, with no «٠ جنيه».
    await citizen.locator('#fee-status', { hasText: /^مجانية$/ }).waitFor();
    assert.equal(await citizen.getByText('٠ جنيه').count(), 0);
    await assertAccessible(citizen, 'fee review');
    await screenshot(citizen, 'eservices-review-360');
    // Issue 5 §6: the required documents are uploaded (a real PDF made here, a JPEG) before submitting.
    await citizen.locator('#upload-national_id_copy').setInputFiles({ name: 'بطاقة.pdf', mimeType: 'application/pdf', buffer: await makePdf() });
    await citizen.getByRole('button', { name: 'رفع: صورة بطاقة الرقم القومي' }).click();
    await citizen.locator('#upload-national_id_copy-status').getByText('تم الرفع').waitFor();
    await citizen.locator('#upload-photo').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg() });
    await citizen.getByRole('button', { name: 'رفع: صورة شخصية حديثة' }).click();
    await citizen.locator('#upload-photo-status').getByText('تم الرفع').waitFor();
    await assertAccessible(citizen, 'documents uploaded');
    await citizen.getByRole('button', { name: 'إرسال الطلب' }).click();
    await citizen.waitForURL(/\/my-applications\/[0-9a-f-]{36}$/);
    const applicationId = citizen.url().split('/').pop()!;
    await citizen.getByText('مُرسل', { exact: true }).waitFor();
    await assertAccessible(citizen, 'my application (submitted)');

    const clerkCtx = await arabicContext(h);
    const clerk = await clerkCtx.newPage();
    await signInStaffInBrowser(h, clerk, 'nasr.clerk');
    await clerk.locator('main').getByRole('link', { name: 'طلبات المكتب' }).click();
    await clerk.waitForURL('**/office/queue');
    const reference = await h.t.node.database.db.selectFrom('service_applications').select('reference').where('id', '=', applicationId).executeTakeFirstOrThrow();
    await clerk.getByRole('link', { name: reference.reference }).waitFor();
    await assertAccessible(clerk, 'office queue');
    await clerk.getByRole('link', { name: reference.reference }).click();
    await clerk.waitForURL(`**/office/applications/${applicationId}`);
    await clerk.getByText('هالة محمد سعيد — Hala Mohamed Saeed').waitFor();
    await assertAccessible(clerk, 'office application');
    await clerk.locator('#f-infoMessage').fill('أرسل اسم شهادة الدبلوم الحاصل عليها.');
    await clerk.getByRole('button', { name: 'طلب معلومات من المواطن' }).click();
    await clerk.getByRole('status').getByText('تم.').waitFor();
    await clerk.getByText('متوقف — بانتظار المواطن').first().waitFor();

    await citizen.reload();
    await citizen.getByText('أرسل اسم شهادة الدبلوم الحاصل عليها.').first().waitFor();
    await assertAccessible(citizen, 'my application (information requested)');
    await citizen.locator('#f-answer').fill('دبلوم المدارس الثانوية الصناعية، قسم كهرباء.');
    await citizen.locator('#f-fix-qualificationTitle').fill('دبلوم صنايع كهرباء');
    await citizen.getByRole('button', { name: 'إرسال الرد' }).click();
    await citizen.getByRole('status').getByText('تم.').waitFor();
    await citizen.getByText('قيد المراجعة', { exact: true }).waitFor();

    await clerk.reload();
    await clerk.getByText('دبلوم صنايع كهرباء').waitFor();
    await clerk.getByRole('button', { name: 'اعتماد', exact: true }).click();
    await clerk.getByRole('status').getByText('تم.').waitFor();
    await clerk.getByText('صدر المستند', { exact: true }).waitFor();
    await assertAccessible(clerk, 'office application (issued)');

    const row = await h.t.node.database.db.selectFrom('service_applications').select(['status', 'document_code']).where('id', '=', applicationId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'issued');
    await citizen.reload();
    await citizen.getByRole('heading', { level: 2, name: 'المستند الصادر' }).waitFor();
    assert.equal((await citizen.getByTestId('verification-code').textContent())?.trim(), row.document_code);
    await citizen.getByRole('link', { name: 'تنزيل المستند (PDF)' }).waitFor();
    await assertAccessible(citizen, 'my application (issued)');
    await screenshot(citizen, 'eservices-issued-360');
    await citizenCtx.close();
    await clerkCtx.close();
  });
});

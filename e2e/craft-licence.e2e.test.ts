import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { ServiceApplicationDetail, TestSession, VerificationResult } from '@rabt/contracts';
import { registerCitizen, signInStaff, VALID_PASSWORD, type DemoStaff } from '../apps/api/src/testing/factories.ts';
import { ok, type TestClient } from '../apps/api/src/testing/test-client.ts';
import { seedOfficeId } from '../apps/api/src/platform/db/seed.ts';
import { sampleJpeg } from '../apps/api/src/modules/uploads/test-files.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, toArabicDigits, type Harness, signInStaffInBrowser, makePdf } from './browser.ts';

const PHONE = { width: 360, height: 780 };
const NASR = seedOfficeId('CAI-NASR');
const API = '/api/v1';

/**
 * The craft-practice licence in the Arabic UI (Law 14/2025 Art. 27), across the citizen, the Nasr City
 * clerk and the Cairo directorate manager:
 * - a citizen who holds a valid skill-level certificate as a building electrician (ISCO-08 7411; issued
 *   beforehand through the skill-certificate workflow's API) applies on a 360 px phone, sees the fee
 *   before submitting, uploads the documents, pays ONLINE through the local fake provider (its checkout
 *   page, then the HMAC-signed callback), and sends the application;
 * - the clerk sees the documents and the paid fee and approves the office review; the directorate
 *   manager takes the directorate decision (the definition's second step) and the licence is issued;
 * - the citizen sees the licence, downloads its PDF, and the code verifies as genuine on /verify;
 * - a citizen without a skill certificate is told why they cannot apply, on the page, in Arabic.
 * axe on every page.
 */
describe('e-services: craft-practice licence in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function staffClient(who: DemoStaff): Promise<TestClient> {
    const c = h.t.client();
    await signInStaff(h.t, c, who);
    return c;
  }

  /**
   * Set-up through the API (the skill certificate's own browser test is e2e/eservices-more): the citizen
   * books today's Nasr City session for `isco`, the clerk takes the fee at the counter and passes the
   * review, the office head enters the scores and approves. Returns the certificate's verification code.
   */
  async function holdSkillCertificate(c: TestClient, isco: string): Promise<string> {
    const today = h.t.clock.now().toISOString().slice(0, 10);
    const sessions = await ok<TestSession[]>(c.get(`${API}/skill-tests/sessions?isco=${isco}&governorate=01`));
    const session = sessions.find((s) => s.date === today && s.seatsLeft > 0);
    assert.ok(session, 'a demo session today in Cairo');
    const draft = await ok<ServiceApplicationDetail>(c.post(`${API}/my/applications`, { serviceCode: 'skill_certificate', officeId: NASR, answers: { isco, sessionId: session.id, experienceYears: '6' }, declaredDocuments: ['national_id_copy', 'photo'] }), 201);
    const row = await h.t.node.database.db.selectFrom('service_applications').select('applicant_citizen_id').where('id', '=', draft.id).executeTakeFirstOrThrow();
    for (const type of draft.declaredDocuments) {
      await h.t.node.database.db.insertInto('application_documents').values({ id: randomUUID(), application_id: draft.id, document_type: type, content_type: 'application/pdf', size_bytes: 1000, sha256: 'c'.repeat(64), uploaded_by_citizen_id: row.applicant_citizen_id!, created_at: h.t.clock.now() }).execute();
    }
    await ok(c.post(`${API}/my/applications/${draft.id}/submit`));
    const clerk = await staffClient('nasr.clerk');
    await ok(clerk.post(`${API}/office/applications/${draft.id}/payments/cash`, { receiptNumber: `R-${draft.reference}` }));
    await ok(clerk.post(`${API}/office/applications/${draft.id}/approve`, {}));
    const head = await staffClient('nasr.head');
    await ok(head.post(`${API}/office/applications/${draft.id}/skill-test/results`, { theoreticalScore: 80, practicalScore: 85 }));
    const issued = await ok<ServiceApplicationDetail>(head.post(`${API}/office/applications/${draft.id}/approve`, {}));
    assert.equal(issued.status, 'issued');
    return issued.document!.code;
  }

  async function citizenSignIn(page: Page, nationalId: string): Promise<void> {
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(toArabicDigits(nationalId));
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
  }

  async function assertFitsPhone(page: Page, label: string): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `${label}: page is ${width} px wide at 360 px`);
  }

  test('skill-certificate holder applies at 360 px, pays online, clerk reviews, directorate decides, licence verified', async () => {
    const db = h.t.node.database.db;
    const api = h.t.client();
    const reg = await registerCitizen(h.t, api, { nameAr: 'كريم مصطفى عبد الرحمن', nameLatin: 'Karim Mostafa Abdelrahman' });
    const skillCode = await holdSkillCertificate(api, '7411');

    const ctx = await arabicContext(h, PHONE);
    const citizen = await ctx.newPage();
    await citizenSignIn(citizen, reg.nationalId);

    // The catalogue → the licence's page: eligibility explained (certificate held), fee and steps shown.
    await citizen.goto('/services');
    await citizen.getByRole('link', { name: 'ترخيص مزاولة حرفة' }).click();
    await citizen.waitForURL('**/services/craft_licence');
    await citizen.getByText('نعم، تستوفي الشروط.').waitFor();
    await citizen.getByText('قرار المديرية', { exact: false }).first().waitFor();
    await assertAccessible(citizen, 'craft licence: service page');
    await assertFitsPhone(citizen, 'service page');
    await citizen.getByRole('link', { name: 'تقدّم الآن' }).click();
    await citizen.waitForURL('**/services/craft_licence/apply');

    // The form: office of residence, the craft, the documents declared; the fee is shown before anything is sent.
    await citizen.locator('#f-officeId').selectOption(NASR);
    await citizen.locator('#f-craft').selectOption('7411');
    await citizen.locator('#doc-national_id_copy').check();
    await citizen.locator('#doc-photo').check();
    await citizen.getByTestId('fee-before-submit').getByText('الرسوم المستحقة: ٢٥٠ جنيه').waitFor();
    // Claiming an exemption shows the fee it leads to before sending; this applicant claims none.
    await citizen.locator('#f-exemption').selectOption('disability');
    await citizen.getByTestId('fee-before-submit').getByText('الرسوم المستحقة: مجانية').waitFor();
    await citizen.locator('#f-exemption').selectOption('');
    await citizen.getByTestId('fee-before-submit').getByText('الرسوم المستحقة: ٢٥٠ جنيه').waitFor();
    await assertAccessible(citizen, 'craft licence: application form');
    await assertFitsPhone(citizen, 'application form');
    await screenshot(citizen, 'craft-licence-form-360');
    await citizen.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).click();
    await citizen.getByRole('heading', { level: 2, name: 'مراجعة قبل الإرسال' }).waitFor();
    const draft = await db.selectFrom('service_applications').select(['id', 'reference', 'fee_piastres', 'status']).where('service_code', '=', 'craft_licence').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([draft.fee_piastres, draft.status], [25_000, 'draft']);
    await citizen.locator('#fee-h').waitFor();
    assert.match((await citizen.locator('#fee-status').textContent()) ?? '', /مستحقة/);

    // Issue 5 §6: the documents are uploaded (content sniffed) before submitting.
    await citizen.locator('#upload-national_id_copy').setInputFiles({ name: 'بطاقة.pdf', mimeType: 'application/pdf', buffer: await makePdf('National ID copy (test)') });
    await citizen.getByRole('button', { name: 'رفع: صورة بطاقة الرقم القومي' }).click();
    await citizen.locator('#upload-national_id_copy-status').getByText('تم الرفع').waitFor();
    await citizen.locator('#upload-photo').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg() });
    await citizen.getByRole('button', { name: 'رفع: صورة شخصية حديثة' }).click();
    await citizen.locator('#upload-photo-status').getByText('تم الرفع').waitFor();
    await assertAccessible(citizen, 'craft licence: review with documents and fee');
    await assertFitsPhone(citizen, 'review');
    await screenshot(citizen, 'craft-licence-review-360');

    // Pay online: the provider's checkout page (the local fake provider), then back to the application.
    await citizen.getByRole('button', { name: 'ادفع إلكترونيًا' }).click();
    await citizen.waitForURL(/\/dev\/pay\/fake_[0-9a-f]{32}$/);
    await citizen.getByRole('heading', { level: 1, name: 'صفحة الدفع التجريبية' }).waitFor();
    await citizen.getByText(draft.reference).waitFor();
    await citizen.getByText('٢٥٠ جنيه').waitFor();
    await assertAccessible(citizen, 'fake provider checkout');
    await assertFitsPhone(citizen, 'checkout');
    await screenshot(citizen, 'craft-licence-checkout-360');
    await citizen.getByRole('button', { name: 'ادفع', exact: true }).click();
    await citizen.getByRole('status').getByText('تم الدفع. سُجّل في طلبك.').waitFor();
    // The payment was recorded by the signed callback (not by the page): audited as a system action.
    const payment = await db.selectFrom('service_payments').select(['status', 'method', 'provider', 'amount_piastres']).where('application_id', '=', draft.id).executeTakeFirstOrThrow();
    assert.deepEqual(payment, { status: 'paid', method: 'online', provider: 'fake', amount_piastres: 25_000 });
    const audit = await db.selectFrom('audit_log').select(['actor_kind', 'action']).where('subject_id', '=', draft.id).where('action', '=', 'service_payment.paid_online').executeTakeFirstOrThrow();
    assert.equal(audit.actor_kind, 'system');
    await citizen.getByRole('link', { name: 'العودة إلى الطلب' }).click();
    await citizen.waitForURL(`**/my-applications/${draft.id}`);
    await citizen.locator('#fee-status').getByText('مدفوعة').waitFor();
    // Paid before sending: the draft is still there to send.
    await assertAccessible(citizen, 'my application (draft, paid)');
    await citizen.getByRole('button', { name: 'إرسال الطلب' }).click();
    await citizen.getByText('مُرسل', { exact: true }).waitFor();
    await citizen.getByText('مراجعة مكتب العمل').first().waitFor();
    await assertAccessible(citizen, 'my application (submitted)');

    // The clerk: the office queue, the case with the documents and the paid fee; approving sends it on.
    const clerkCtx = await arabicContext(h);
    const clerk = await clerkCtx.newPage();
    await signInStaffInBrowser(h, clerk, 'nasr.clerk');
    await clerk.goto('/office/queue?service=craft_licence');
    await clerk.getByRole('link', { name: draft.reference }).waitFor();
    await assertAccessible(clerk, 'office queue');
    await screenshot(clerk, 'craft-licence-office-queue');
    await clerk.getByRole('link', { name: draft.reference }).click();
    await clerk.waitForURL(`**/office/applications/${draft.id}`);
    await clerk.getByText('كريم مصطفى عبد الرحمن — Karim Mostafa Abdelrahman').waitFor();
    await clerk.getByText('كهربائي مباني').first().waitFor();
    await clerk.locator('#office-fee-status').getByText('مدفوعة').waitFor();
    await clerk.locator('#office-docs').getByRole('link', { name: /تنزيل: صورة بطاقة الرقم القومي/ }).waitFor();
    const download = await clerk.request.get((await clerk.locator('#office-docs').getByRole('link', { name: /تنزيل: صورة بطاقة الرقم القومي/ }).getAttribute('href'))!);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'application/pdf');
    await assertAccessible(clerk, 'office application (craft licence)');
    await screenshot(clerk, 'craft-licence-office-case');
    await clerk.getByRole('button', { name: 'اعتماد', exact: true }).click();
    await clerk.getByRole('status').getByText('تم.').waitFor();
    await clerk.getByText('لدى المديرية', { exact: true }).waitFor();
    assert.equal(await clerk.getByRole('button', { name: 'اعتماد', exact: true }).count(), 0, 'the clerk does not take the directorate decision');
    await clerkCtx.close();

    // The citizen sees where the request is.
    await citizen.reload();
    await citizen.getByText('لدى المديرية', { exact: true }).waitFor();

    // The directorate manager decides: the licence is issued.
    const dirCtx = await arabicContext(h);
    const manager = await dirCtx.newPage();
    await signInStaffInBrowser(h, manager, 'cairo.manager');
    await manager.goto('/office/queue?status=escalated');
    await manager.getByRole('link', { name: draft.reference }).click();
    await manager.waitForURL(`**/office/applications/${draft.id}`);
    await manager.getByText('قرار المديرية').first().waitFor();
    await assertAccessible(manager, 'directorate decision');
    await manager.getByRole('button', { name: 'اعتماد', exact: true }).click();
    await manager.getByText('صدر المستند', { exact: true }).waitFor();
    await dirCtx.close();

    const issued = await db.selectFrom('service_applications').select(['status', 'document_code']).where('id', '=', draft.id).executeTakeFirstOrThrow();
    assert.equal(issued.status, 'issued');
    const licence = await db.selectFrom('craft_licences').select(['isco', 'skill_certificate_code', 'licence_number']).where('application_id', '=', draft.id).executeTakeFirstOrThrow();
    assert.deepEqual([licence.isco, licence.skill_certificate_code], ['7411', skillCode]);

    // The citizen: the issued licence, its PDF, and /verify says genuine.
    await citizen.reload();
    await citizen.getByRole('heading', { level: 2, name: 'المستند الصادر' }).waitFor();
    assert.equal((await citizen.getByTestId('verification-code').textContent())?.trim(), issued.document_code);
    const pdfHref = await citizen.getByRole('link', { name: 'تنزيل المستند (PDF)' }).getAttribute('href');
    const pdf = await citizen.request.get(pdfHref!);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    await assertAccessible(citizen, 'my application (licence issued)');
    await assertFitsPhone(citizen, 'issued');
    await screenshot(citizen, 'craft-licence-issued-360');

    await citizen.getByRole('link', { name: 'صفحة التحقق' }).click();
    await citizen.waitForURL(`**/verify/${issued.document_code}`);
    await citizen.locator('[data-verdict="good"]').getByText('وثيقة صحيحة').waitFor();
    await citizen.getByText('ترخيص مزاولة حرفة').first().waitFor();
    await citizen.getByText(licence.licence_number).first().waitFor();
    const v = await (await citizen.request.get(`${API}/verify/${issued.document_code}`)).json() as VerificationResult;
    assert.equal(v.status, 'genuine');
    await assertAccessible(citizen, 'verify craft licence');
    await assertFitsPhone(citizen, 'verify');
    await screenshot(citizen, 'craft-licence-verify-360');
    await ctx.close();
  });

  test('a citizen without a skill certificate is told why on the page, and cannot apply', async () => {
    const api = h.t.client();
    const reg = await registerCitizen(h.t, api, { nameAr: 'نادية فؤاد سليم', nameLatin: 'Nadia Fouad Selim' });
    const ctx = await arabicContext(h, PHONE);
    const page = await ctx.newPage();
    await citizenSignIn(page, reg.nationalId);
    await page.goto('/services/craft_licence');
    await page.getByText('لا يمكنك التقدم الآن:').waitFor();
    await page.getByText('لا توجد لديك شهادة قياس مستوى مهارة سارية في أيٍّ من الحرف المدرجة').waitFor();
    assert.equal(await page.getByRole('link', { name: 'تقدّم الآن' }).count(), 0);
    await assertAccessible(page, 'craft licence: not eligible');
    await assertFitsPhone(page, 'not eligible');
    await screenshot(page, 'craft-licence-refused-360');

    // Straight to the form (a bookmark): the same reason, and the form is not offered.
    await page.goto('/services/craft_licence/apply');
    await page.getByText('لا توجد لديك شهادة قياس مستوى مهارة سارية في أيٍّ من الحرف المدرجة').waitFor();
    assert.equal(await page.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).count(), 0);
    await assertAccessible(page, 'craft licence form: not eligible');
    const count = await h.t.node.database.db.selectFrom('service_applications as a').innerJoin('citizens as c', 'c.id', 'a.applicant_citizen_id').select((eb) => eb.fn.countAll<string>().as('n')).where('c.name_latin', '=', 'Nadia Fouad Selim').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0, 'nothing saved');
    await ctx.close();
  });

  test('a certificate holder who picks a craft they hold no certificate in sees the reason for that craft', async () => {
    const api = h.t.client();
    const reg = await registerCitizen(h.t, api, { nameAr: 'حسن علي منصور', nameLatin: 'Hassan Ali Mansour' });
    await holdSkillCertificate(api, '7411');
    const ctx = await arabicContext(h, PHONE);
    const page = await ctx.newPage();
    await citizenSignIn(page, reg.nationalId);
    await page.goto('/services/craft_licence/apply');
    await page.locator('#f-officeId').selectOption(NASR);
    await page.locator('#f-craft').selectOption('7126');
    await page.locator('#doc-national_id_copy').check();
    await page.locator('#doc-photo').check();
    await page.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('لا يمكنك التقدم لهذه الخدمة الآن').waitFor();
    await alert.getByText('لا توجد لديك شهادة قياس مستوى مهارة سارية في سباك (٧١٢٦)').waitFor();
    await assertAccessible(page, 'craft licence form: wrong craft');
    await ctx.close();
  });
});

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { VerificationResult } from '@rabt/contracts';
import { registerCitizen, VALID_PASSWORD } from '../apps/api/src/testing/factories.ts';
import { seedOfficeId } from '../apps/api/src/platform/db/seed.ts';
import { sampleJpeg } from '../apps/api/src/modules/uploads/test-files.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, toArabicDigits, type Harness, signInStaffInBrowser, makePdf } from './browser.ts';

const NASR = seedOfficeId('CAI-NASR');
const API = '/api/v1';
const ESTABLISHMENT = 'شركة الدلتا للصناعات الهندسية';
const WORKER = 'Rahul Sharma';

/**
 * The work permit for a foreign worker in the Arabic UI (Decree 279/2025), across the establishment's
 * representative (a citizen account), the Nasr City clerk (office review, cash fee at the counter) and the
 * Cairo directorate manager (the security-review step of the definition, whose approval issues the permit):
 * - an application that would take the foreigners above 10 % of the workforce is refused on the page with
 *   the numbers, and nothing is saved;
 * - the corrected application (a civil engineer, ISCO-08 2142, for 12 months) goes through office review
 *   and security review to an active permit that verifies as genuine on /verify;
 * - the office cancels the permit with a reason and /verify shows it revoked, with the reason.
 * axe on every page.
 */
describe('e-services: work permit for a foreign worker in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function citizenSignIn(page: Page, nationalId: string): Promise<void> {
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(toArabicDigits(nationalId));
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
  }

  async function countPermitApplications(): Promise<number> {
    const r = await h.t.node.database.db.selectFrom('service_applications').select((eb) => eb.fn.countAll<string>().as('n')).where('service_code', '=', 'work_permit').executeTakeFirstOrThrow();
    return Number(r.n);
  }

  test('quota breach refused with the numbers → valid application → clerk review → security review → active permit verified → cancelled shows revoked', async () => {
    const db = h.t.node.database.db;
    const reg = await registerCitizen(h.t, h.t.client(), { nameAr: 'مروان سعيد الشافعي', nameLatin: 'Marwan Saeed Elshafei' });

    const repCtx = await arabicContext(h);
    const rep = await repCtx.newPage();
    await citizenSignIn(rep, reg.nationalId);
    await rep.goto('/services');
    await rep.getByRole('link', { name: 'تصريح عمل لعامل أجنبي' }).click();
    await rep.waitForURL('**/services/work_permit');
    await rep.getByText('المراجعة الأمنية (المديرية)').first().waitFor();
    await assertAccessible(rep, 'work permit: service page');
    await rep.getByRole('link', { name: 'تقدّم الآن' }).click();
    await rep.waitForURL('**/services/work_permit/apply');

    // The establishment and the named foreign worker; Arabic-Indic digits in the numbers.
    await rep.locator('#f-officeId').selectOption(NASR);
    await rep.locator('#f-crNumber').fill('١٢٣٤٥٦٧');
    await rep.locator('#f-establishmentName').fill(ESTABLISHMENT);
    await rep.locator('#f-egyptianHeadcount').fill('٩');
    await rep.locator('#f-foreignHeadcount').fill('١');
    await rep.locator('#f-freeZone').selectOption('no');
    await rep.locator('#f-workerName').fill(WORKER);
    await rep.locator('#f-passportNumber').fill('P4820917');
    await rep.locator('#f-nationality').selectOption('IN');
    await rep.locator('#isco-search').fill('٢١٤٢');
    await rep.locator('#f-isco option[value="2142"]').waitFor({ state: 'attached' });
    await rep.locator('#f-isco').selectOption('2142');
    await rep.locator('#f-durationMonths').fill('١٢');
    for (const type of ['commercial_register', 'tax_card', 'authorisation', 'passport_copy', 'hiv_certificate', 'photo']) await rep.locator(`#doc-${type}`).check();
    // The fee is shown before anything is sent: permit year 1.
    await rep.getByTestId('fee-before-submit').getByText('الرسوم المستحقة: ٥٬٠٠٠ جنيه').waitFor();
    await assertAccessible(rep, 'work permit: application form');
    await screenshot(rep, 'work-permit-form');

    // 9 Egyptians and 1 foreigner: a second foreigner would be 2 of 11 (18.2 %), above 10 %.
    const before = await countPermitApplications();
    await rep.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).click();
    const alert = rep.getByRole('alert');
    await alert.getByText('لا يمكنك التقدم لهذه الخدمة الآن').waitFor();
    const reason = (await alert.textContent()) ?? '';
    assert.match(reason, /تجاوز نسبة الأجانب/);
    for (const n of ['٢', '١١', '١٨', '١٠٪']) assert.ok(reason.includes(n), `the refusal shows ${n}: ${reason}`);
    assert.equal(await countPermitApplications(), before, 'nothing saved');
    await assertAccessible(rep, 'work permit: quota refusal');
    await screenshot(rep, 'work-permit-quota-refused');

    // The real workforce: 95 Egyptians and 4 foreigners; the fifth foreigner is 5 of 100.
    await rep.locator('#f-egyptianHeadcount').fill('٩٥');
    await rep.locator('#f-foreignHeadcount').fill('٤');
    await rep.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).click();
    await rep.getByRole('heading', { level: 2, name: 'مراجعة قبل الإرسال' }).waitFor();
    const draft = await db.selectFrom('service_applications').select(['id', 'reference', 'fee_piastres']).where('service_code', '=', 'work_permit').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(draft.fee_piastres, 5000 * 100);
    for (const [type, label] of [
      ['commercial_register', 'السجل التجاري أو الترخيص'],
      ['tax_card', 'البطاقة الضريبية'],
      ['authorisation', 'تفويض الممثل عن المنشأة'],
      ['passport_copy', 'صورة جواز سفر العامل'],
      ['hiv_certificate', 'شهادة خلو من فيروس نقص المناعة (فحص داخل مصر)'],
    ] as const) {
      await rep.locator(`#upload-${type}`).setInputFiles({ name: `${type}.pdf`, mimeType: 'application/pdf', buffer: await makePdf(type) });
      await rep.getByRole('button', { name: `رفع: ${label}` }).click();
      await rep.locator(`#upload-${type}-status`).getByText('تم الرفع').waitFor();
    }
    await rep.locator('#upload-photo').setInputFiles({ name: 'worker.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg() });
    await rep.getByRole('button', { name: 'رفع: صورة شخصية للعامل' }).click();
    await rep.locator('#upload-photo-status').getByText('تم الرفع').waitFor();
    await assertAccessible(rep, 'work permit: review');
    await rep.getByRole('button', { name: 'إرسال الطلب' }).click();
    await rep.waitForURL(`**/my-applications/${draft.id}`);
    await rep.getByText('مُرسل', { exact: true }).waitFor();
    await assertAccessible(rep, 'work permit: submitted');

    // The clerk: documents, the fee taken in cash at the counter, office review approved.
    const clerkCtx = await arabicContext(h);
    const clerk = await clerkCtx.newPage();
    await signInStaffInBrowser(h, clerk, 'nasr.clerk');
    await clerk.goto('/office/queue?service=work_permit');
    await clerk.getByRole('link', { name: draft.reference }).click();
    await clerk.waitForURL(`**/office/applications/${draft.id}`);
    await clerk.getByText(WORKER).first().waitFor();
    await clerk.locator('#office-docs').getByRole('link', { name: /تنزيل: صورة جواز سفر العامل/ }).waitFor();
    await clerk.locator('#office-fee-status').getByText('مستحقة').waitFor();
    await assertAccessible(clerk, 'work permit: office case (fee due)');
    await clerk.locator('#cash-receiptNumber').fill('NASR-٢٠٢٦/٠٠٤٢');
    await clerk.getByRole('button', { name: 'تسجيل الدفع' }).click();
    await clerk.locator('#office-fee-status').getByText('مدفوعة').waitFor();
    await clerk.getByText('NASR-2026/0042').first().waitFor();
    await screenshot(clerk, 'work-permit-office-case');
    await clerk.getByRole('button', { name: 'اعتماد', exact: true }).click();
    await clerk.getByRole('status').getByText('تم.').waitFor();
    await clerk.getByText('المراجعة الأمنية (المديرية)').first().waitFor();
    assert.equal(await clerk.getByRole('button', { name: 'اعتماد', exact: true }).count(), 0, 'the clerk does not do the security review');

    // The directorate: the security review; its approval issues the permit.
    const dirCtx = await arabicContext(h);
    const manager = await dirCtx.newPage();
    await signInStaffInBrowser(h, manager, 'cairo.manager');
    await manager.goto('/office/queue?status=escalated&service=work_permit');
    await manager.getByRole('link', { name: draft.reference }).waitFor();
    await assertAccessible(manager, 'directorate queue');
    await manager.getByRole('link', { name: draft.reference }).click();
    await manager.waitForURL(`**/office/applications/${draft.id}`);
    await manager.getByText('المراجعة الأمنية (المديرية)').first().waitFor();
    await manager.getByRole('button', { name: 'اعتماد', exact: true }).click();
    await manager.getByText('صدر المستند', { exact: true }).waitFor();
    await assertAccessible(manager, 'work permit: issued (directorate)');
    await dirCtx.close();

    const permit = await db.selectFrom('work_permits').select(['id', 'permit_number', 'document_code', 'status', 'valid_from', 'valid_until', 'establishment_cr', 'passport_number', 'nationality', 'isco']).where('application_id', '=', draft.id).executeTakeFirstOrThrow();
    assert.deepEqual([permit.status, permit.establishment_cr, permit.passport_number, permit.nationality, permit.isco], ['active', '1234567', 'P4820917', 'IN', '2142']);
    assert.ok(permit.valid_until > permit.valid_from);

    // The representative: the permit, active, in their list; its code verifies as genuine.
    await rep.goto('/my-applications');
    const row = rep.getByRole('region', { name: 'تصاريح عمل العمال الأجانب' }).getByRole('row', { name: new RegExp(permit.permit_number) });
    await row.getByText('ساري', { exact: true }).waitFor();
    await assertAccessible(rep, 'my applications with the permit');
    await screenshot(rep, 'work-permit-my-permits');
    await rep.goto(`/my-applications/${draft.id}`);
    await rep.getByRole('heading', { level: 2, name: 'المستند الصادر' }).waitFor();
    assert.equal((await rep.getByTestId('verification-code').textContent())?.trim(), permit.document_code);
    await screenshot(rep, 'work-permit-issued');
    await rep.getByRole('link', { name: 'صفحة التحقق' }).click();
    await rep.waitForURL(`**/verify/${permit.document_code}`);
    await rep.locator('[data-verdict="good"]').getByText('وثيقة صحيحة').waitFor();
    await rep.getByText(permit.permit_number).first().waitFor();
    // The worker's name is masked on the public page: enough to match the paper, not to identify.
    await rep.getByText('Rahul S.', { exact: true }).waitFor();
    assert.equal(await rep.getByText(WORKER).count(), 0);
    assert.equal(((await (await rep.request.get(`${API}/verify/${permit.document_code}`)).json()) as VerificationResult).status, 'genuine');
    await assertAccessible(rep, 'verify work permit (genuine)');
    await screenshot(rep, 'work-permit-verify-genuine');
    // Wording for a permit, not a contract: the commercial register labelled in Arabic, one date style, no "both ministries".
    await rep.getByText(/السجل التجاري [٠-٩]+/).first().waitFor();
    assert.equal(await rep.getByText(/CR \d/).count(), 0);
    await rep.getByText('صالح من', { exact: true }).waitFor();
    assert.equal(await rep.getByText(/توقيع الوزارتين|ألا يُزوَّر عقد/).count(), 0);
    await rep.getByRole('link', { name: 'كيف نضمن ألا تُزوَّر وثيقة؟ سجل الشفافية' }).waitFor();

    // The office cancels the permit with a reason: the document is revoked.
    await clerk.goto('/office/work-permits');
    await clerk.getByRole('button', { name: `إلغاء التصريح ${permit.permit_number}` }).click();
    await clerk.locator('#cancel-reason').fill('انتهاء علاقة العمل');
    await assertAccessible(clerk, 'office permits: cancel form');
    await clerk.getByRole('form', { name: `إلغاء التصريح ${permit.permit_number}` }).getByRole('button', { name: 'إلغاء التصريح' }).click();
    await clerk.getByRole('status').getByText('أُلغي التصريح وسُحبت وثيقته.').waitFor();
    await clerk.getByRole('row', { name: new RegExp(permit.permit_number) }).getByText('ملغى', { exact: true }).waitFor();
    await assertAccessible(clerk, 'office permits (cancelled)');
    await clerkCtx.close();

    await rep.reload();
    await rep.locator('[data-verdict="bad"]').getByText('وثيقة مسحوبة').waitFor();
    await rep.getByText('انتهاء علاقة العمل').first().waitFor();
    // Withdrawn by the ministry itself: the date and reason in the verdict, and no broker warning (meant for fake documents).
    await rep.locator('[data-verdict="bad"]').getByText(/^سحبت الوزارة هذه الوثيقة في .+: انتهاء علاقة العمل\.$/).waitFor();
    assert.equal(await rep.getByText('لا تدفع لأي أحد، وأبلغ الوزارة.').count(), 0);
    const v = (await (await rep.request.get(`${API}/verify/${permit.document_code}`)).json()) as VerificationResult;
    assert.deepEqual([v.status, v.statusReason], ['revoked', 'انتهاء علاقة العمل']);
    await assertAccessible(rep, 'verify work permit (revoked)');
    await screenshot(rep, 'work-permit-verify-revoked');
    await repCtx.close();
  });
});

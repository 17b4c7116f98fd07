import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ServiceApplicationDetail } from '@rabt/contracts';
import { registerCitizen } from '../apps/api/src/testing/factories.ts';
import { ok, type TestClient } from '../apps/api/src/testing/test-client.ts';
import { seedOfficeId } from '../apps/api/src/platform/db/seed.ts';
import { PERMITS } from '../apps/api/src/modules/eservices/service-config.ts';
import { arabicContext, assertAccessible, screenshot, signInStaffInBrowser, startHarness, toArabicDigits, type Harness, signInCitizenInBrowser } from './browser.ts';

const API = '/api/v1';
const NASR = seedOfficeId('CAI-NASR');

/**
 * Workflow gaps a new-user tester found (issue 5), in the Arabic UI:
 * - a citizen with an open application is told so on the service page, with a link to it, and offered no
 *   second application;
 * - a mistyped application link shows "not found", not a validation error;
 * - the office case of a late exempt-foreigner notice says how many days late it is (Arabic-Indic digits).
 * The applications are prepared through the API.
 */
describe('e-services in the Arabic UI: open application, bad link, late notice', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  /** Upload stand-in (uploads have their own browser tests): the declared documents are recorded as uploaded. */
  async function markUploaded(app: ServiceApplicationDetail): Promise<void> {
    const db = h.t.node.database.db;
    const { applicant_citizen_id: citizenId } = await db.selectFrom('service_applications').select('applicant_citizen_id').where('id', '=', app.id).executeTakeFirstOrThrow();
    for (const type of app.declaredDocuments) {
      await h.t.node.database.db.insertInto('application_documents').values({ id: randomUUID(), application_id: app.id, document_type: type, content_type: 'application/pdf', size_bytes: 1000, sha256: 'd'.repeat(64), uploaded_by_citizen_id: citizenId!, created_at: h.t.clock.now() }).execute();
    }
  }

  test('open application said with a link, no second offered; bad link not found; late notice "متأخر ٣ أيام" on the office case', async () => {
    const c: TestClient = h.t.client();
    const reg = await registerCitizen(h.t, c, { nameAr: 'هالة محمود الجندي' });
    const draft = await ok<ServiceApplicationDetail>(c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: { isco: '7411', education: 'technical_secondary', experienceYears: '٥' }, declaredDocuments: ['national_id_copy', 'photo'] }), 201);

    const ctx = await arabicContext(h);
    const page = await ctx.newPage();
    await signInCitizenInBrowser(page, reg.nationalId);
    await page.goto('/services/employment_registration');
    await page.getByText(`لديك طلب مفتوح لهذه الخدمة بالفعل (${draft.reference})`).waitFor();
    assert.equal(await page.getByRole('link', { name: 'تقدّم الآن' }).count(), 0, 'no second application offered');
    await assertAccessible(page, 'service page with an open application');
    await screenshot(page, 'eservices-open-application');
    await page.getByRole('link', { name: 'تابع طلبك المفتوح ومراحله' }).click();
    await page.waitForURL(`**/my-applications/${draft.id}`);
    await page.getByText(draft.reference).first().waitFor();

    // A mistyped link: not found, not "some fields are invalid".
    await page.goto('/my-applications/not-a-uuid');
    await page.getByText('طلب الخدمة غير موجود.').waitFor();
    assert.equal(await page.getByText('بعض الحقول غير صحيحة').count(), 0);
    await screenshot(page, 'eservices-bad-application-link');

    // A notice of an exempt foreign worker filed 3 days after the deadline, submitted.
    const limit = PERMITS.exemptCategories.noticeDays;
    const eventDate = new Date(h.t.clock.now().getTime() - (limit + 3) * 86_400_000).toISOString().slice(0, 10);
    const notice = await ok<ServiceApplicationDetail>(
      c.post(`${API}/my/applications`, { serviceCode: 'exempt_foreigner_notice', officeId: NASR, answers: { crNumber: '66001', establishmentName: 'شركة الواحة للسياحة', workerName: 'Claire Martin', passportNumber: 'FR778899', nationality: 'FR', isco: '2631', category: 'international_organisation', event: 'start', eventDate }, declaredDocuments: ['passport_copy', 'exemption_proof', 'authorisation'] }),
      201,
    );
    await markUploaded(notice);
    await ok(c.post(`${API}/my/applications/${notice.id}/submit`));

    const staffCtx = await arabicContext(h);
    const clerk = await staffCtx.newPage();
    await signInStaffInBrowser(h, clerk, 'nasr.clerk');
    await clerk.goto(`/office/applications/${notice.id}`);
    await clerk.getByText(`متأخر ${toArabicDigits('3')} أيام`).waitFor();
    await clerk.getByText(`خلال ${toArabicDigits(String(limit))} أيام`).waitFor();
    await assertAccessible(clerk, 'office case of a late notice');
    await screenshot(clerk, 'eservices-late-notice-office');
    await ctx.close();
    await staffCtx.close();
  });
});

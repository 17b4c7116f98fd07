import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { demoEmail } from '../apps/api/src/testing/factories.ts';
import { seedOfficeId } from '../apps/api/src/platform/db/seed.ts';
import { cairoDay } from '../apps/api/src/platform/clock.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, type Harness, signInStaffInBrowser, registerCitizenInUi } from './browser.ts';

const PHONE = { width: 360, height: 780 };

/**
 * The skill-level certificate in the Arabic UI (Law 14/2025 Art. 27, Decree 266/2025): a citizen books a
 * test session on a 360 px phone; the Nasr City clerk passes the office review; the office head, as the
 * examiner, enters the scores in Arabic-Indic digits and approves; the certificate verifies as genuine.
 * axe on every page. Uploads and the counter payment are recorded directly in the database (their own
 * pages are tested by the uploads and payments browser tests).
 */
describe('e-services: skill-level certificate in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  const registerInUi = (page: Page): Promise<void> => registerCitizenInUi(page, h.t.node.database.db, { ar: 'سامح عبد الله حسن', latin: 'Sameh Abdallah Hassan' });

  test('book a session at 360 px → office review → examiner enters results → certificate verified', async () => {
    const db = h.t.node.database.db;
    const ctx = await arabicContext(h, PHONE);
    const citizen = await ctx.newPage();
    await registerInUi(citizen);

    await citizen.goto('/services/skill_certificate/apply');
    await citizen.locator('#f-officeId').selectOption(seedOfficeId('CAI-NASR'));
    await citizen.locator('#isco-search').fill('٧٤١١');
    await citizen.locator('#f-isco option[value="7411"]').waitFor({ state: 'attached' });
    await citizen.locator('#f-isco').selectOption('7411');
    // The sessions with seats left for the chosen occupation; today's demo session at the Nasr City centre.
    const today = cairoDay(h.t.clock.now());
    const session = await db.selectFrom('skill_test_sessions as s').innerJoin('skill_testing_centres as c', 'c.id', 's.centre_id').select('s.id').where('c.code', '=', 'DEMO-STC-CAIRO').where('s.session_date', '=', today).executeTakeFirstOrThrow();
    await citizen.locator(`#f-sessionId option[value="${session.id}"]`).waitFor({ state: 'attached' });
    assert.match((await citizen.locator(`#f-sessionId option[value="${session.id}"]`).textContent()) ?? '', /^مركز قياس المهارات بمدينة نصر \(تجريبي\) — .+ — .+مقعدًا متاحًا$/);
    await citizen.locator('#f-sessionId').selectOption(session.id);
    assert.match((await citizen.getByTestId('session-facts').textContent()) ?? '', /مركز قياس المهارات بمدينة نصر \(تجريبي\).*بتوقيت القاهرة/);
    await citizen.locator('#f-experienceYears').fill('٤');
    await citizen.locator('#doc-national_id_copy').check();
    await citizen.locator('#doc-photo').check();
    await assertAccessible(citizen, 'skill certificate form');
    const width = await citizen.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width} px wide at 360 px`);
    await citizen.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).click();
    await citizen.getByRole('heading', { level: 2, name: 'مراجعة قبل الإرسال' }).waitFor();
    await citizen.getByRole('heading', { level: 3, name: 'الموعد المختار' }).waitFor();
    assert.match((await citizen.getByTestId('session-facts').textContent()) ?? '', /مركز قياس المهارات بمدينة نصر \(تجريبي\).*بتوقيت القاهرة/);
    await assertAccessible(citizen, 'fee review');

    const draft = await db.selectFrom('service_applications').select(['id', 'reference', 'applicant_citizen_id', 'fee_piastres']).where('service_code', '=', 'skill_certificate').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(draft.fee_piastres, 20000);
    for (const type of ['national_id_copy', 'photo']) {
      await db.insertInto('application_documents').values({ id: randomUUID(), application_id: draft.id, document_type: type, content_type: 'application/pdf', size_bytes: 1000, sha256: 'b'.repeat(64), uploaded_by_citizen_id: draft.applicant_citizen_id!, created_at: h.t.clock.now() }).execute();
    }
    await citizen.getByRole('button', { name: 'إرسال الطلب' }).click();
    await citizen.waitForURL(`**/my-applications/${draft.id}`);
    await citizen.getByRole('heading', { level: 2, name: 'اختبار قياس المهارة' }).waitFor();
    await citizen.getByText('لم تُسجّل النتائج بعد').waitFor();
    await assertAccessible(citizen, 'my skill application (booked)');
    const clerkRow = await db.selectFrom('staff').select('id').where('email', '=', demoEmail('nasr.clerk')).executeTakeFirstOrThrow();
    await db.insertInto('service_payments').values({ id: randomUUID(), application_id: draft.id, amount_piastres: draft.fee_piastres, status: 'paid', method: 'cash', receipt_number: 'R-E2E-1', recorded_by_staff_id: clerkRow.id, office_id: seedOfficeId('CAI-NASR'), created_at: h.t.clock.now(), paid_at: h.t.clock.now() }).execute();

    const clerkCtx = await arabicContext(h);
    const clerk = await clerkCtx.newPage();
    await signInStaffInBrowser(h, clerk, 'nasr.clerk');
    await clerk.goto(`/office/applications/${draft.id}`);
    await clerk.getByRole('button', { name: 'اعتماد', exact: true }).click();
    await clerk.getByRole('status').getByText('تم.').waitFor();
    await clerkCtx.close();

    const headCtx = await arabicContext(h);
    const head = await headCtx.newPage();
    await signInStaffInBrowser(h, head, 'nasr.head');
    await head.goto(`/office/applications/${draft.id}`);
    await head.locator('#skill-theoreticalScore').fill('٧٥');
    await head.locator('#skill-practicalScore').fill('٨٥');
    await assertAccessible(head, 'examiner results form');
    await head.getByRole('button', { name: 'حفظ النتائج' }).click();
    await head.getByText('حُفظت النتائج.').waitFor();
    await head.getByText('فني', { exact: true }).waitFor();
    await head.getByRole('button', { name: 'اعتماد', exact: true }).click();
    await head.getByText('صدر المستند', { exact: true }).waitFor();
    await assertAccessible(head, 'office application (certificate issued)');
    await headCtx.close();

    const row = await db.selectFrom('service_applications').select(['status', 'document_code']).where('id', '=', draft.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'issued');
    await citizen.reload();
    await citizen.getByRole('heading', { level: 2, name: 'المستند الصادر' }).waitFor();
    // The results entry in the history is in Arabic only (Arabic-Indic digits), no English half.
    const history = (await citizen.locator('ol.timeline').textContent()) ?? '';
    assert.ok(history.includes('نظري ٧٥/١٠٠، عملي ٨٥/١٠٠: فني'), history);
    assert.doesNotMatch(history, /theoretical|practical|Technician/i);
    assert.equal((await citizen.getByTestId('verification-code').textContent())?.trim(), row.document_code);
    await assertAccessible(citizen, 'my skill application (issued)');
    await screenshot(citizen, 'eservices-skill-issued-360');

    await citizen.goto(`/verify/${row.document_code}`);
    await citizen.getByText('شهادة قياس مستوى المهارة').first().waitFor();
    const v = await (await citizen.request.get(`/api/v1/verify/${row.document_code}`)).json() as { status: string };
    assert.equal(v.status, 'genuine');
    await assertAccessible(citizen, 'verify skill certificate');
    const evidence = await db.selectFrom('worker_certificates').select(['level', 'isco']).where('verification_code', '=', row.document_code).executeTakeFirstOrThrow();
    assert.deepEqual(evidence, { level: 'technician', isco: '7411' });
    await ctx.close();
  });
});

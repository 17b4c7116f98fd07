import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { seedOfficeId } from '../apps/api/src/platform/db/seed.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, toArabicDigits, type Harness, signInStaffInBrowser, registerCitizenInUi } from './browser.ts';

/**
 * The HQ screen for skill-testing centres and sessions (Law 14/2025 Art. 27, Decree 266/2025) in the
 * Arabic UI: the HQ administrator opens it from the staff navigation, creates a centre, is refused a past
 * date, schedules a session typed in Arabic-Indic digits; a new citizen then books that session in the
 * skill-certificate form, and the staff screen shows the seat booked. axe on every page.
 */
describe('skill-testing centres: HQ creates a centre and a session, a citizen books it', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  const registerInUi = (page: Page): Promise<void> => registerCitizenInUi(page, h.t.node.database.db, { ar: 'هبة محمود السيد', latin: 'Heba Mahmoud Elsayed' });

  test('HQ: centre and session in Arabic-Indic digits → citizen books the session → the screen shows the seat taken', async () => {
    const db = h.t.node.database.db;
    const day = (n: number) => new Date(h.t.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);

    const hqCtx = await arabicContext(h);
    const hq = await hqCtx.newPage();
    await signInStaffInBrowser(h, hq, 'hq.admin');
    await hq.getByRole('link', { name: 'مراكز ومواعيد قياس المهارة' }).click();
    await hq.getByRole('heading', { level: 1, name: 'مراكز قياس المهارة ومواعيد الاختبار' }).waitFor();
    await hq.getByRole('button', { name: 'إضافة مركز' }).click();
    await hq.locator('#centre-code').fill('stc-cai-e2e');
    await hq.locator('#centre-nameAr').fill('مركز قياس المهارات بحلوان');
    await hq.locator('#centre-nameEn').fill('Helwan Skill Testing Centre');
    await hq.locator('#centre-governorateCode').selectOption('01');
    await hq.locator('#centre-addressAr').fill('شارع منصور، حلوان، القاهرة');
    await hq.locator('#centre-addressEn').fill('Mansour St, Helwan, Cairo');
    await assertAccessible(hq, 'new centre form');
    await hq.getByRole('button', { name: 'حفظ', exact: true }).click();
    await hq.getByRole('heading', { level: 2, name: 'مواعيد الاختبار في مركز قياس المهارات بحلوان' }).waitFor();
    const centre = await db.selectFrom('skill_testing_centres').select(['id', 'code', 'governorate_code', 'demo']).where('code', '=', 'STC-CAI-E2E').executeTakeFirstOrThrow();
    // Centres are listed by name; the code is a secondary detail in the same cell (the demo ones too, never the raw code alone).
    const helwanRow = hq.locator('tbody tr', { has: hq.getByRole('rowheader', { name: /مركز قياس المهارات بحلوان/ }) });
    assert.match((await helwanRow.getByRole('rowheader').textContent()) ?? '', /^مركز قياس المهارات بحلوانرمز المركز: STC-CAI-E2E$/);
    assert.match((await hq.getByRole('rowheader').filter({ hasText: 'DEMO-STC-CAIRO' }).textContent()) ?? '', /^مركز قياس المهارات بمدينة نصر \(تجريبي\)/);
    assert.deepEqual([centre.governorate_code, centre.demo], ['01', false]);

    // A past date is refused with the reason beside the field.
    await hq.locator('#session-date').fill(toArabicDigits(day(-1)));
    await hq.locator('#session-capacity').fill('٥');
    await hq.locator('#session-iscoCodes').fill('٧٤١١، ٧١٢٦');
    await hq.getByRole('button', { name: 'تحديد موعد' }).click();
    await hq.locator('#session-date-error').getByText('اختر تاريخ اليوم أو تاريخًا لاحقًا.').waitFor();
    await assertAccessible(hq, 'session form with an error');

    const date = day(3);
    await hq.locator('#session-date').fill(toArabicDigits(date));
    // The time of day (Cairo), typed in Arabic-Indic digits; 09:00 is offered.
    assert.equal(await hq.locator('#session-startTime').inputValue(), '09:00');
    await hq.locator('#session-startTime').fill('١٠:٣٠');
    await hq.getByRole('button', { name: 'تحديد موعد' }).click();
    await hq.getByRole('status').getByText('حُفظ الموعد.').waitFor();
    const session = await db.selectFrom('skill_test_sessions').select(['id', 'session_date', 'start_time', 'capacity', 'isco_codes']).where('centre_id', '=', centre.id).executeTakeFirstOrThrow();
    assert.deepEqual([session.session_date, session.start_time, session.capacity, session.isco_codes], [date, '10:30:00', 5, ['7411', '7126']]);
    const audit = await db.selectFrom('audit_log').select('action').where('subject_id', 'in', [centre.id, session.id]).orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), ['testing_centre.created', 'test_session.created']);
    await assertAccessible(hq, 'centre with a session');
    await screenshot(hq, 'testing-centres-hq');

    // A new citizen books the session HQ scheduled.
    const citizenCtx = await arabicContext(h, { width: 360, height: 780 });
    const citizen = await citizenCtx.newPage();
    await registerInUi(citizen);
    await citizen.goto('/services/skill_certificate/apply');
    await citizen.locator('#f-officeId').selectOption(seedOfficeId('CAI-NASR'));
    await citizen.locator('#isco-search').fill('٧٤١١');
    await citizen.locator('#f-isco option[value="7411"]').waitFor({ state: 'attached' });
    await citizen.locator('#f-isco').selectOption('7411');
    const option = citizen.locator(`#f-sessionId option[value="${session.id}"]`);
    await option.waitFor({ state: 'attached' });
    // Centre first, so that a 360 px select still tells centres apart; the full details show under the select.
    assert.match((await option.textContent()) ?? '', /^مركز قياس المهارات بحلوان — .+، ١٠:٣٠ ص — ٥ مقعدًا متاحًا$/);
    assert.equal(await citizen.getByTestId('session-facts').count(), 0);
    await citizen.locator('#f-sessionId').selectOption(session.id);
    const facts = (await citizen.getByTestId('session-facts').textContent()) ?? '';
    for (const part of ['مركز قياس المهارات بحلوان', 'شارع منصور، حلوان، القاهرة', 'الساعة ١٠:٣٠ ص بتوقيت القاهرة', 'المقاعد المتاحة٥']) assert.ok(facts.includes(part), `${part} in «${facts}»`);
    await assertAccessible(citizen, 'skill form with a chosen session');
    const width = await citizen.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width} px wide at 360 px`);
    await screenshot(citizen, 'skill-session-chosen-360');
    await citizen.locator('#doc-national_id_copy').check();
    await citizen.locator('#doc-photo').check();
    await citizen.getByRole('button', { name: 'حفظ ومراجعة الرسوم' }).click();
    await citizen.getByRole('heading', { level: 2, name: 'مراجعة قبل الإرسال' }).waitFor();
    // The review step names the chosen session.
    await citizen.getByRole('heading', { level: 3, name: 'الموعد المختار' }).waitFor();
    const reviewed = (await citizen.getByTestId('session-facts').textContent()) ?? '';
    assert.ok(reviewed.includes('مركز قياس المهارات بحلوان') && reviewed.includes('الساعة ١٠:٣٠ ص بتوقيت القاهرة'), reviewed);
    const booking = await db.selectFrom('skill_test_bookings').select(['session_id', 'isco']).where('session_id', '=', session.id).execute();
    assert.deepEqual(booking, [{ session_id: session.id, isco: '7411' }]);
    await citizenCtx.close();

    // Back on the staff screen: one seat booked, four left.
    await hq.reload();
    await hq.getByRole('button', { name: 'مواعيد مركز قياس المهارات بحلوان' }).click();
    const row = hq.locator('#sessions-h ~ .table-wrap tbody tr').first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    assert.deepEqual(cells.slice(1, 5), ['١٠:٣٠ ص', '٥', '١', '٤']);
    await hqCtx.close();
  });
});

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { JobOrder } from '@rabt/contracts';
import { createTestCluster, type ClusterNode, type TestCluster } from '../apps/api/src/testing/federation-cluster.ts';
import { makeMobile, makeNationalId, signInStaff, toE164, totpFor, VALID_PASSWORD } from '../apps/api/src/testing/factories.ts';
import type { TestClient } from '../apps/api/src/testing/test-client.ts';
import { jobOrderBody, registerEmployer, signInDemoStaff, verifiedEmployer } from '../apps/api/src/modules/employers/test-kit.ts';
import { SCREENS_DIR, assertAccessible, screenshot, toArabicDigits } from './browser.ts';

/**
 * Issue 3's "Done when", in a browser, across three real federated nodes (EG, SA, JO: one process, each
 * node on its own PGlite database and port, serving the web app and talking signed federation v1):
 * a worker registers on the Egyptian node's Arabic UI, builds a profile and consents to SA; on the SA
 * node's UI a verified employer finds the profile within 5 seconds and invites the worker; the worker
 * accepts on the EG UI and the employer sees the disclosed name; a JO job order is attested by the EG
 * overseas officer in the EG UI and the worker applies to it. Each header names the node's ministry;
 * axe (WCAG 2.2 AA) runs on every page visited.
 */
const OFFICER = 'overseas.officer@demo.rabt.local';
const DEMO_PASSWORD = 'Rabt-demo-2026!';
const WORKER = { nameAr: 'محمود حسن علي', nameLatin: 'Mahmoud Hassan Ali' };
const SA_TITLE = 'كهربائي مبانٍ سكنية';
const JO_TITLE = 'كهربائي صيانة فندق';

describe('the exchange story across EG, SA and JO nodes in the browser', { timeout: 240_000 }, () => {
  let cluster: TestCluster;
  let eg: ClusterNode, sa: ClusterNode, jo: ClusterNode;
  let browser: Browser;
  let saEmployer: { id: string; client: TestClient; body: { establishmentNumber: string; nameAr: string } };
  let joEmployer: { id: string; client: TestClient; establishmentNumber: string };
  let joJobId: string;

  before(async () => {
    cluster = await createTestCluster(['EG', 'SA', 'JO'], 'pglite');
    ({ EG: eg, SA: sa, JO: jo } = cluster.nodes as Record<'EG' | 'SA' | 'JO', ClusterNode>);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    mkdirSync(SCREENS_DIR, { recursive: true });

    // Set-up through the APIs (each shown in the UI by the employer and worker browser tests): a verified
    // SA employer with a job order attested by EG, and a verified JO employer whose order waits on EG.
    const egOfficer = eg.client();
    await signInStaff(eg, egOfficer, 'overseas.officer');
    saEmployer = await verifiedEmployer(sa);
    const saJob = (await saEmployer.client.post('/api/v1/employer/job-orders', jobOrderBody({ titleAr: SA_TITLE, titleEn: 'Residential electrician' }))).json<JobOrder>();
    assert.equal((await saEmployer.client.post(`/api/v1/employer/job-orders/${saJob.id}/submit`)).statusCode, 200);
    await cluster.waitFor(async () => (await egOfficer.get(`/api/v1/attestation/job-orders/${saJob.id}`)).statusCode === 200, 'the SA order on EG');
    assert.equal((await egOfficer.post(`/api/v1/attestation/job-orders/${saJob.id}/decision`, { decision: 'approved' })).statusCode, 200);
    await cluster.waitFor(async () => (await saEmployer.client.get(`/api/v1/employer/job-orders/${saJob.id}`)).json<JobOrder>().status === 'approved', 'SA to see the approval');

    const joClient = jo.client();
    const joEstablishment = String(100_000_000 + Math.floor(Math.random() * 800_000_000));
    const { id: joId } = await registerEmployer(jo, joClient, { establishmentNumber: joEstablishment, nameAr: 'فندق البتراء الكبير', nameEn: 'Grand Petra Hotel', sector: 'Hospitality', city: 'Amman', representativeMobile: `079${joEstablishment.slice(-7)}` });
    const joOfficer = jo.client();
    await signInDemoStaff(jo, joOfficer);
    assert.equal((await joOfficer.post(`/api/v1/employer-verification/${joId}/decision`, { decision: 'verified' })).statusCode, 200);
    joEmployer = { id: joId, client: joClient, establishmentNumber: joEstablishment };
    const jod = (amountMinor: number) => ({ amountMinor, currency: 'JOD' });
    const joJob = await joClient.post('/api/v1/employer/job-orders', jobOrderBody({ titleAr: JO_TITLE, titleEn: 'Hotel maintenance electrician', city: 'Amman', wage: jod(450_000), allowances: { housing: jod(100_000), transport: null, food: null } }));
    assert.equal(joJob.statusCode, 201, joJob.body);
    joJobId = joJob.json<JobOrder>().id;
    assert.equal((await joClient.post(`/api/v1/employer/job-orders/${joJobId}/submit`)).statusCode, 200);
    await cluster.waitFor(async () => (await egOfficer.get(`/api/v1/attestation/job-orders/${joJobId}`)).statusCode === 200, 'the JO order on EG');
  });
  after(async () => {
    await browser?.close();
    await cluster?.close();
  });

  const contextOn = (node: ClusterNode, width = 1280): Promise<BrowserContext> => browser.newContext({ locale: 'ar-EG', baseURL: node.url, viewport: { width, height: 900 } });

  /** The header says which ministry's node this is: the country, then «عقدة <name>» (Arabic names the node, not its ISO code). */
  async function assertNodeHeader(page: Page, nodeNameAr: string, countryAr: string): Promise<void> {
    const line = page.locator('header .node-line');
    await line.getByText(countryAr).waitFor();
    assert.match((await line.textContent()) ?? '', new RegExp(`وزارة العمل.*${countryAr}.*عقدة [^·]*${nodeNameAr}`));
  }

  /**
   * Reloads `page` until `check` passes (cross-node effects arrive asynchronously). After each reload it
   * waits for `loaded` (the page's data, found or empty) so that `check` never looks at a half-loaded page.
   */
  async function reloadUntil(page: Page, loaded: Locator, check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
    await cluster.waitFor(
      async () => {
        await page.reload();
        await loaded.first().waitFor({ timeout: timeoutMs });
        return check();
      },
      what,
      timeoutMs,
    );
  }

  test('register, profile, consent to SA; found on SA within 5 s, invited, accepted; JO order attested; application', async (t) => {
    // 1. A worker registers on the Egyptian node (national ID typed in Arabic-Indic digits).
    const workerContext = await contextOn(eg);
    const worker = await workerContext.newPage();
    const mobile = makeMobile();
    const nationalId = makeNationalId();
    await worker.goto('/register');
    await assertNodeHeader(worker, 'مصر', 'جمهورية مصر العربية');
    await assertAccessible(worker, 'EG register');
    await worker.locator('#f-nationalId').fill(toArabicDigits(nationalId));
    await worker.locator('#f-nameAr').fill(WORKER.nameAr);
    await worker.locator('#f-nameLatin').fill(WORKER.nameLatin);
    await worker.locator('#f-mobile').fill(mobile);
    await worker.locator('#f-password').fill(VALID_PASSWORD);
    await worker.getByRole('button', { name: 'إنشاء الحساب' }).click();
    await worker.waitForURL('**/verify-mobile');
    await assertAccessible(worker, 'EG verify');
    const sms = await eg.db.selectFrom('notification_outbox').select('body_en').where('recipient', '=', toE164(mobile)).executeTakeFirstOrThrow();
    await worker.locator('#f-code').fill(toArabicDigits(/(\d{6})/.exec(sms.body_en)![1]!));
    await worker.getByRole('button', { name: 'تأكيد' }).click();
    await worker.waitForURL('**/account');
    await assertAccessible(worker, 'EG account');

    // 2. The profile: electrician (ISCO 7411), ٦ years, Arabic and English, passport kept at home.
    await worker.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'ملفي المهني' }).click();
    await worker.waitForURL('**/worker/profile');
    await worker.getByRole('heading', { level: 1, name: 'ملفي المهني للعمل بالخارج' }).waitFor();
    await assertAccessible(worker, 'EG worker profile (empty)');
    await worker.locator('#occ-search').fill('كهربائي');
    await worker.getByRole('button', { name: /٧٤١١/ }).click();
    await worker.locator('#occ-7411-years').fill('٦');
    await worker.locator('#f-lang-ar').selectOption('native');
    await worker.locator('#pc-SA').check();
    await worker.locator('#pc-JO').check();
    await worker.locator('#f-passportNumber').fill('A12345678');
    await worker.locator('#f-passportExpiry').fill('2031-05-01');
    await worker.getByRole('button', { name: 'حفظ' }).click();
    await worker.getByText('تم الحفظ.').waitFor();
    await assertAccessible(worker, 'EG worker profile (saved)');
    await screenshot(worker, 'story-eg-profile');

    // 3. On the SA node, the verified employer signs in (Arabic-Indic establishment number) and opens the search.
    const employerContext = await contextOn(sa);
    const employer = await employerContext.newPage();
    await employer.goto('/employer/sign-in');
    await assertNodeHeader(employer, 'المملكة العربية السعودية', 'المملكة العربية السعودية');
    await assertAccessible(employer, 'SA employer sign-in');
    await employer.locator('#f-login').fill(toArabicDigits(saEmployer.body.establishmentNumber));
    await employer.locator('#f-password').fill(VALID_PASSWORD);
    await employer.getByRole('button', { name: 'دخول', exact: true }).click();
    await employer.waitForURL((u) => u.pathname === '/employer');
    await employer.getByTestId('employer-status').getByText('موثّقة').waitFor();
    await assertAccessible(employer, 'SA employer dashboard');
    await employer.goto('/employer/candidates');
    await employer.locator('#f-isco').fill('٧٤١١');
    await employer.getByRole('button', { name: 'بحث', exact: true }).click();
    await employer.locator('.result-count').getByText('لا يوجد مرشحون مطابقون.').waitFor();
    await assertAccessible(employer, 'SA candidate search (no candidates yet)');

    // 4. The worker consents to SA; within 5 seconds the SA search finds the profile, with its reasons.
    await worker.getByRole('navigation', { name: 'قائمة العمل بالخارج' }).getByRole('link', { name: 'المشاركة والموافقات' }).click();
    await worker.waitForURL('**/worker/consents');
    await assertAccessible(worker, 'EG consents');
    const saSection = worker.locator('section', { has: worker.getByRole('heading', { name: 'السعودية' }) });
    await saSection.getByRole('button', { name: /أوافق على المشاركة/ }).click();
    await worker.getByText('سُجّلت موافقتك وأُرسل ملفك.').waitFor();
    const consentedAt = Date.now();
    await reloadUntil(employer, employer.locator('.result-count').filter({ hasText: /\S/ }), () => employer.getByText('نفس مجموعة الوحدات 7411').isVisible(), 'the profile in the SA search', 5_000);
    const foundAfterMs = Date.now() - consentedAt;
    assert.ok(foundAfterMs <= 5_000, `found after ${foundAfterMs} ms`);
    t.diagnostic(`SA search found the profile ${foundAfterMs} ms after the consent was confirmed`);
    await employer.locator('.reasons').getByText('خبرة ٦ سنوات').waitFor();
    const searchText = (await employer.locator('main').textContent()) ?? '';
    for (const secret of [WORKER.nameAr, WORKER.nameLatin, nationalId, toArabicDigits(nationalId), mobile, 'A12345678']) assert.ok(!searchText.includes(secret), `${secret} shown on SA`);
    await assertAccessible(employer, 'SA candidate search (found)');
    await screenshot(employer, 'story-sa-candidates');

    // 5. The employer opens the profile and invites the worker to the attested SA job order.
    await employer.getByRole('link', { name: 'عرض الملف' }).click();
    await employer.getByRole('heading', { level: 1, name: 'ملف مرشح' }).waitFor();
    await assertAccessible(employer, 'SA candidate detail');
    await employer.getByLabel('طلب الاستقدام المصدَّق').selectOption({ label: SA_TITLE });
    await employer.locator('#f-messageAr').fill('نرحب بانضمامك إلى فريقنا في الرياض.');
    await employer.getByRole('button', { name: 'إرسال الدعوة' }).click();
    await employer.getByText('أُرسلت الدعوة عبر الوزارة المصرية.').waitFor();
    await assertAccessible(employer, 'SA candidate detail (invited)');

    // 6. Back on the EG node, the worker sees who viewed the profile, then the invitation, and accepts it.
    await worker.getByRole('link', { name: 'سجل الإفصاح' }).click();
    await worker.waitForURL('**/worker/disclosures');
    await reloadUntil(worker, worker.locator('main table'), () => worker.getByRole('cell', { name: 'اطّلع صاحب عمل على ملفك' }).isVisible(), 'the view in the disclosure log');
    await assertAccessible(worker, 'EG disclosure log');
    await worker.getByRole('navigation', { name: 'قائمة العمل بالخارج' }).getByRole('link', { name: 'الدعوات' }).click();
    await worker.waitForURL('**/worker/invitations');
    const card = worker.locator('article', { has: worker.getByRole('heading', { name: saEmployer.body.nameAr }) });
    await reloadUntil(worker, worker.locator('main article').or(worker.getByText('لا توجد دعوات.')), () => card.isVisible(), 'the invitation on EG');
    await card.getByText(SA_TITLE).waitFor();
    await card.getByText('نرحب بانضمامك إلى فريقنا في الرياض.').waitFor();
    await card.getByText('رقم جواز السفر').waitFor(); // what accepting discloses is listed first
    await assertAccessible(worker, 'EG invitations');
    await screenshot(worker, 'story-eg-invitation');
    await card.getByRole('button', { name: 'قبول الدعوة' }).click();
    await card.getByText('مقبولة').waitFor();

    // 7. The SA employer sees the acceptance and the disclosed name (and no national ID or phone).
    await employer.goto('/employer/invitations');
    await reloadUntil(employer, employer.locator('main article'), () => employer.getByText('قبل الدعوة').isVisible(), 'the acceptance on SA');
    await employer.getByText(WORKER.nameAr).waitFor();
    await employer.getByText(WORKER.nameLatin).waitFor();
    const disclosedText = (await employer.locator('main').textContent()) ?? '';
    for (const secret of [nationalId, toArabicDigits(nationalId), mobile, toE164(mobile)]) assert.ok(!disclosedText.includes(secret), `${secret} disclosed to SA`);
    await assertAccessible(employer, 'SA invitations (accepted)');
    await screenshot(employer, 'story-sa-disclosed');
    await employerContext.close();

    // 8. The EG overseas officer attests the JO job order in the EG UI.
    const officerContext = await contextOn(eg);
    const officer = await officerContext.newPage();
    await officer.goto('/staff/sign-in');
    await assertAccessible(officer, 'EG staff sign-in');
    await officer.locator('#f-email').fill(OFFICER);
    await officer.locator('#f-password').fill(DEMO_PASSWORD);
    await officer.locator('#f-totp').fill(await totpFor(eg, OFFICER));
    await officer.getByRole('button', { name: 'دخول', exact: true }).click();
    await officer.waitForURL((u) => u.pathname === '/staff');
    await assertAccessible(officer, 'EG staff dashboard');
    await officer.getByRole('link', { name: 'اعتماد طلبات الاستقدام' }).click();
    await officer.waitForURL('**/attestation');
    const order = officer.locator('article', { has: officer.getByRole('heading', { name: JO_TITLE }) });
    await order.waitFor();
    await order.getByText('فندق البتراء الكبير').first().waitFor();
    await assertAccessible(officer, 'EG attestation queue');
    await screenshot(officer, 'story-eg-attestation');
    await order.getByRole('button', { name: 'اعتماد' }).click();
    await officer.getByText('سُجّل القرار.').waitFor();
    await cluster.waitFor(async () => (await joEmployer.client.get(`/api/v1/employer/job-orders/${joJobId}`)).json<JobOrder>().status === 'approved', 'JO to see the approval');
    await officerContext.close();

    // 9. The worker finds the JO job, is asked to consent to JO first, consents, and applies.
    await worker.getByRole('navigation', { name: 'قائمة العمل بالخارج' }).getByRole('link', { name: 'وظائف بالخارج' }).click();
    await worker.waitForURL('**/jobs');
    await worker.getByRole('link', { name: JO_TITLE }).waitFor();
    await assertAccessible(worker, 'EG jobs');
    await worker.getByRole('link', { name: JO_TITLE }).click();
    await worker.waitForURL(`**/jobs/${joJobId}`);
    await assertAccessible(worker, 'EG JO job order');
    await worker.getByRole('button', { name: 'تقدّم لهذه الوظيفة' }).click();
    await worker.getByRole('alert').getByText('وافق أولًا على مشاركة ملفك مع هذه الدولة.').waitFor();
    await assertAccessible(worker, 'EG JO job order (consent needed)');
    await worker.goto('/worker/consents');
    const joSection = worker.locator('section', { has: worker.getByRole('heading', { name: 'الأردن' }) });
    await joSection.getByRole('button', { name: /أوافق على المشاركة/ }).click();
    await worker.getByText('سُجّلت موافقتك وأُرسل ملفك.').waitFor();
    await worker.goto(`/jobs/${joJobId}`);
    await worker.getByRole('button', { name: 'تقدّم لهذه الوظيفة' }).click();
    await worker.getByText('أُرسل طلبك عبر وزارة العمل.').waitFor();
    await assertAccessible(worker, 'EG JO job order (applied)');
    await screenshot(worker, 'story-eg-applied');

    // The JO employer receives the application (under JO's own pseudonym for the worker).
    let apps: { profileId: string; candidate: { occupations: { isco: string; years: number }[] } | null }[] = [];
    await cluster.waitFor(async () => {
      apps = (await joEmployer.client.get(`/api/v1/employer/job-orders/${joJobId}/applications`)).json<typeof apps>();
      return apps.length === 1 && apps[0]!.candidate !== null;
    }, 'the application on JO');
    assert.deepEqual(apps[0]!.candidate!.occupations.map((o) => [o.isco, o.years]), [['7411', 6]]);
    await workerContext.close();

    // 10. On the JO node's UI, the Jordanian employer sees the application, without the worker's identity.
    const joContext = await contextOn(jo);
    const joPage = await joContext.newPage();
    await joPage.goto('/employer/sign-in');
    await assertNodeHeader(joPage, 'الأردن', 'الأردن');
    await joPage.locator('#f-login').fill(joEmployer.establishmentNumber);
    await joPage.locator('#f-password').fill(VALID_PASSWORD);
    await joPage.getByRole('button', { name: 'دخول', exact: true }).click();
    await joPage.waitForURL((u) => u.pathname === '/employer');
    await joPage.goto(`/employer/job-orders/${joJobId}/applications`);
    await joPage.getByRole('heading', { level: 2, name: `المتقدمون إلى «${JO_TITLE}»` }).waitFor();
    const application = joPage.locator('main article');
    await application.getByText(/7411/).first().waitFor();
    await application.getByRole('button', { name: 'دعوة المتقدم' }).waitFor();
    const joText = (await joPage.locator('main').textContent()) ?? '';
    for (const secret of [WORKER.nameAr, WORKER.nameLatin, nationalId, mobile, 'A12345678']) assert.ok(!joText.includes(secret), `${secret} shown on JO`);
    await assertAccessible(joPage, 'JO applications');
    await screenshot(joPage, 'story-jo-applications');
    await joContext.close();
  });
});

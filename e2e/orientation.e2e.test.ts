import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator } from 'playwright-core';
import type { OriginContract, QuestionSpec } from '@rabt/contracts';
import { createTestCluster, type TestCluster } from '../apps/api/src/testing/federation-cluster.ts';
import { totpFor, VALID_PASSWORD } from '../apps/api/src/testing/factories.ts';
import { storyToAcceptedInvitation, type ContractStory } from '../apps/api/src/modules/contracts/test-kit.ts';
import { acceptContract, orientationCourse, storyToOfferedContract } from '../apps/api/src/modules/orientation/test-kit.ts';
import { SCREENS_DIR, assertAccessible, screenshot, toArabicDigits } from './browser.ts';

/**
 * Issue 6 §7's "Done when", in a browser across a real EG + SA cluster: a worker with a concluded Saudi contract,
 * on a 360 px phone in Arabic, is asked on their account and on their contract to complete the pre-departure
 * orientation for Saudi Arabia, starts it with one click, studies every lesson, passes the quiz, and sees the
 * completion (date and certificate) on the contract; an overseas officer sees it in the orientation list and on
 * the contract they review. axe on every page.
 */
const OFFICER = 'overseas.officer@demo.rabt.local';
const DEMO_PASSWORD = 'Rabt-demo-2026!';
const PHONE = { width: 360, height: 800 };

describe('pre-departure orientation in the browser (EG + SA)', { timeout: 300_000 }, () => {
  let cluster: TestCluster;
  let s: ContractStory;
  let browser: Browser;
  let contract: OriginContract;
  let certificate = '';
  let web = '';

  before(async () => {
    // The nodes serve a snapshot of the built web app, so a rebuild during the run cannot remove its lazy chunks.
    web = mkdtempSync(join(tmpdir(), 'rabt-web-'));
    cpSync(join(import.meta.dirname, '../apps/web/dist'), web, { recursive: true });
    assert.ok(existsSync(join(web, 'index.html')), 'npm run build:web first');
    cluster = await createTestCluster(['EG', 'SA'], 'pglite', { env: { WEB_DIST: web } });
    s = await storyToAcceptedInvitation(cluster);
    contract = await acceptContract(s, await storyToOfferedContract(cluster, s));
    assert.equal(contract.status, 'concluded');
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    mkdirSync(SCREENS_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await cluster?.close();
    if (web) rmSync(web, { recursive: true, force: true });
  });

  const phone = (): Promise<BrowserContext> => browser.newContext({ locale: 'ar-EG', baseURL: s.eg.url, viewport: PHONE });

  /** Answers one question fieldset from the bank's stored answer (short answers typed in Arabic-Indic digits). */
  async function answer(fieldset: Locator): Promise<void> {
    const legend = ((await fieldset.locator('legend').textContent()) ?? '').replace(/^[0-9٠-٩]+\.\s*/, '').trim();
    const q = await s.eg.node.database.db.selectFrom('quiz_questions').select(['type', 'spec']).where('prompt_ar', '=', legend).executeTakeFirstOrThrow();
    const spec = q.spec as QuestionSpec;
    if ('options' in spec) {
      for (const id of spec.correct) await fieldset.getByLabel(spec.options.find((o) => o.id === id)!.ar, { exact: true }).check();
    } else if ('pairs' in spec) {
      for (const p of spec.pairs) await fieldset.getByLabel(p.left.ar, { exact: true }).selectOption({ label: p.right.ar });
    } else if ('accepted' in spec) {
      await fieldset.getByLabel('إجابتك').fill(toArabicDigits(spec.accepted[0]!));
    } else if ('correct' in spec && typeof spec.correct === 'boolean') {
      await fieldset.getByLabel(spec.correct ? 'صح' : 'خطأ', { exact: true }).check();
    } else throw new Error(`unexpected question ${legend}`);
  }

  test('the worker (360 px, Arabic) completes the SA orientation from their contract and it shows on the contract', async () => {
    const course = await orientationCourse(s.worker, 'SA');
    const lessons = await s.eg.node.database.db
      .selectFrom('lessons as l')
      .innerJoin('course_modules as m', 'm.id', 'l.module_id')
      .select(['l.id', 'l.title_ar'])
      .where('l.course_id', '=', course.courseId)
      .orderBy('m.position')
      .orderBy('l.position')
      .execute();
    assert.equal(lessons.length, 9);

    const ctx = await phone();
    const page = await ctx.newPage();
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(s.reg.nationalId);
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
    // The account asks for it.
    const prompts = page.getByRole('region', { name: 'مطلوب منك قبل السفر' });
    await prompts.getByRole('link', { name: 'أكمل التوجيه قبل السفر إلى المملكة العربية السعودية' }).waitFor();
    await assertAccessible(page, 'account with the orientation prompt');
    await screenshot(page, 'orientation-account-prompt-360');

    // So does the contract; one click starts it.
    await prompts.getByRole('link', { name: 'أكمل التوجيه قبل السفر إلى المملكة العربية السعودية' }).click();
    await page.waitForURL(`**/worker/contracts/${contract.id}/1`);
    const card = page.getByTestId('orientation-card');
    await card.getByRole('heading', { name: 'أكمل التوجيه قبل السفر إلى المملكة العربية السعودية' }).waitFor();
    await assertAccessible(page, 'concluded contract with the orientation prompt');
    await card.screenshot({ path: `${SCREENS_DIR}/orientation-contract-prompt-360.png` });
    await card.getByRole('button', { name: 'ابدأ التوجيه' }).click();
    await page.waitForURL(`**/learn/${course.courseId}/${lessons[0]!.id}`);
    await page.getByRole('heading', { level: 1, name: lessons[0]!.title_ar }).waitFor();
    await page.getByText('المادة ٩٨').first().waitFor();
    await assertAccessible(page, 'orientation lesson 1');
    await screenshot(page, 'orientation-lesson-360');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the lesson fits a 360 px screen (overflow ${overflow} px)`);

    for (let i = 0; i < lessons.length; i++) {
      await page.getByRole('heading', { level: 1, name: lessons[i]!.title_ar }).waitFor();
      await page.getByRole('button', { name: 'أنهيت هذا الدرس' }).click();
      if (i < lessons.length - 1) await page.waitForURL(`**/learn/${course.courseId}/${lessons[i + 1]!.id}`);
      else await page.locator('.actions .done').waitFor();
    }
    await page.getByRole('link', { name: 'ابدأ الاختبار' }).click();
    await page.waitForURL(`**/learn/${course.courseId}/quiz`);
    await page.getByRole('button', { name: 'ابدأ الاختبار' }).click();
    await page.getByRole('timer').waitFor();
    const fieldsets = page.locator('fieldset.question');
    assert.equal(await fieldsets.count(), 8);
    await assertAccessible(page, 'orientation quiz');
    await screenshot(page, 'orientation-quiz-360');
    for (let i = 0; i < 8; i++) await answer(fieldsets.nth(i));
    await page.getByRole('button', { name: 'سلّم الإجابات' }).click();
    await page.getByText('نجحت في الاختبار.').waitFor();
    certificate = ((await page.locator('.certificate bdi').first().textContent()) ?? '').trim();
    assert.match(certificate, /^EG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await assertAccessible(page, 'orientation quiz result');

    // Back on the contract: the completion is recorded on it.
    await page.goto(`/worker/contracts/${contract.id}/1`);
    await card.getByText('أكملت التوجيه قبل السفر إلى المملكة العربية السعودية').waitFor();
    assert.equal(((await card.getByTestId('orientation-certificate').textContent()) ?? '').trim(), certificate);
    await card.getByText('مسجّل على هذا العقد.').waitFor();
    await page.getByTestId('verification-code').waitFor();
    await assertAccessible(page, 'concluded contract with the orientation done');
    await screenshot(page, 'orientation-contract-done-360');
    await card.screenshot({ path: `${SCREENS_DIR}/orientation-contract-done-card-360.png` });
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/worker/orientation')), page.goto('/account')]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'مطلوب منك قبل السفر' }).count(), 0, 'nothing left to do');

    // The public list: one course per destination with a contract template.
    await page.goto('/orientation');
    await page.getByRole('heading', { level: 1, name: 'التوجيه قبل السفر' }).waitFor();
    await page.locator('main li.card').nth(4).waitFor();
    assert.equal(await page.locator('main li.card').count(), 5);
    await page.getByRole('link', { name: 'التوجيه قبل السفر: العمل في قطر' }).waitFor();
    await assertAccessible(page, 'orientation courses');
    await screenshot(page, 'orientation-courses-360');
    await ctx.close();
  });

  test('an overseas officer sees the completion in the orientation list and on the contract', async () => {
    assert.ok(certificate, 'the worker test ran first');
    const ctx = await phone();
    const page = await ctx.newPage();
    await page.goto('/staff/sign-in');
    await page.locator('#f-email').fill(OFFICER);
    await page.locator('#f-password').fill(DEMO_PASSWORD);
    await page.locator('#f-totp').fill(await totpFor(s.eg, OFFICER));
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/staff');

    await page.goto('/attestation');
    await page.getByRole('link', { name: 'التوجيه قبل السفر للعقود المبرمة' }).click();
    await page.waitForURL('**/attestation/orientation');
    await page.getByRole('button', { name: 'أكمل', exact: true }).click();
    const row = page.getByTestId('orientation-row').filter({ hasText: 'محمود حسن علي' });
    await row.getByText(certificate).waitFor();
    await row.getByText(/أكمل/).first().waitFor();
    await page.getByRole('region', { name: 'حسب بلد العمل' }).getByRole('row', { name: /المملكة العربية السعودية/ }).waitFor();
    await assertAccessible(page, 'officer orientation list');
    await screenshot(page, 'orientation-officer-list-360');
    await page.getByRole('button', { name: 'لم يُكمل', exact: true }).click();
    await page.getByText('لا توجد عقود مطابقة.').waitFor();

    await page.getByRole('button', { name: 'أكمل', exact: true }).click();
    await row.getByRole('link').click();
    await page.waitForURL(`**/attestation/contracts/${contract.id}/1`);
    const card = page.getByTestId('orientation-card');
    await card.getByText('أكمل العامل التوجيه قبل السفر').waitFor();
    assert.equal(((await card.getByTestId('orientation-certificate').textContent()) ?? '').trim(), certificate);
    await assertAccessible(page, 'officer contract with the orientation');
    await card.screenshot({ path: `${SCREENS_DIR}/orientation-officer-contract-360.png` });
    await ctx.close();
  });
});

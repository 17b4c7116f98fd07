import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { WorkerProfile } from '@rabt/contracts';
import { makeNationalId } from '../apps/api/src/testing/factories.ts';
import { exchangeTestNode, type ExchangeTestNode } from '../apps/api/src/modules/workers/workers.fixtures.ts';
import { assertAccessible, registerCitizenInUi } from './browser.ts';

/**
 * A new user on a phone, in Arabic, fills the work profile's numbers as an Arabic keyboard types them:
 * the Arabic decimal separator ٫ and thousands separator ٬ are understood; a number out of range is refused
 * with its bound, not "too short/long"; a passport without its expiry says so; codes and the version are shown
 * in Arabic-Indic digits and currencies by name.
 */
describe('numbers in the Arabic UI (worker profile, phone)', () => {
  let t: ExchangeTestNode;
  let browser: Browser;
  let base: string;
  before(async () => {
    t = await exchangeTestNode('pglite');
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const registerInUi = (page: Page): Promise<void> => registerCitizenInUi(page, t.node.database.db, { ar: 'سعاد محمد علي', latin: 'Soad Mohamed Ali' }, makeNationalId());

  /** Saves and waits for the error under `field` that matches `expected`; returns its text. */
  async function saveAndReadError(page: Page, field: string, expected: RegExp): Promise<string> {
    await page.getByRole('button', { name: 'حفظ' }).click();
    const error = page.locator(`#${field}-error`).filter({ hasText: expected });
    await error.waitFor();
    return (await error.textContent()) ?? '';
  }

  test('٫ and ٬ in the wage; value errors with the bound; passport expiry; Arabic-Indic codes and version; currency names', async () => {
    const context = await browser.newContext({ locale: 'ar-EG', baseURL: base, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await registerInUi(page);
    await page.goto('/worker/profile');
    await page.getByRole('heading', { level: 1, name: 'ملفي المهني للعمل بالخارج' }).waitFor();
    await page.getByText('الإصدار ٠').waitFor();

    // The ISCO code in the search results and the saved row is in Arabic-Indic digits.
    await page.locator('#occ-search').fill('7411');
    const add = page.getByRole('button', { name: /٧٤١١/ });
    await add.waitFor();
    assert.doesNotMatch((await add.textContent()) ?? '', /7411/);
    await add.click();
    await page.locator('.occupation-row p').filter({ hasText: /٧٤١١/ }).waitFor();
    await page.locator('#occ-7411-years').fill('٦');

    // Currencies by name with their code.
    const currency = page.locator('#f-wageCurrency');
    assert.match((await currency.locator('option[value="SAR"]').textContent()) ?? '', /^ريال سعودي \(SAR\)$/);

    // Out of range: the bound, never "shorter/longer".
    await page.locator('#f-wageAmount').fill('-٥');
    const negative = await saveAndReadError(page, 'f-wageAmount', /أصغر من الحد الأدنى المسموح به \(٠\)/);
    assert.doesNotMatch(negative, /أقصر|أطول/);
    await page.locator('#f-wageAmount').fill('99999999999999');
    assert.doesNotMatch(await saveAndReadError(page, 'f-wageAmount', /أكبر من الحد الأقصى المسموح به/), /أطول|نوع القيمة/);

    // A passport number alone asks for its expiry date, next to the date field.
    await page.locator('#f-wageAmount').fill('١٢٬٥٠٠');
    await page.locator('#f-passportNumber').fill('A12345678');
    await saveAndReadError(page, 'f-passportExpiry', /أدخل تاريخ انتهاء جواز السفر مع رقمه/);
    await page.locator('#f-passportExpiry').fill('2031-05-01');

    // The Arabic thousands separator: 12,500 SAR.
    await currency.selectOption('SAR');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.getByText('تم الحفظ.').waitFor();
    await page.getByText('الإصدار ١').waitFor();
    const saved = async () => (await page.evaluate(() => fetch('/api/v1/worker/profile').then((r) => r.json()))) as WorkerProfile;
    assert.deepEqual((await saved()).expectedWage, { amountMinor: 1_250_000, currency: 'SAR' });

    // The Arabic decimal separator: 12500.50 SAR.
    await page.locator('#f-wageAmount').fill('١٢٥٠٠٫٥٠');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.getByText('الإصدار ٢').waitFor();
    assert.deepEqual((await saved()).expectedWage, { amountMinor: 1_250_050, currency: 'SAR' });
    await assertAccessible(page, 'worker profile on a phone (saved)');
    await context.close();
  });
});

// Shared set-up for the browser tests: one in-process Rabt node on PGlite, headless Chromium, axe checks, screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import PDFDocument from 'pdfkit';
import type { Kysely } from 'kysely';
import { demoEmail, makeMobile, makeNationalId, toE164, totpFor, VALID_PASSWORD, type DemoStaff } from '../apps/api/src/testing/factories.ts';
import type { DB } from '../apps/api/src/platform/db/schema.ts';
import { DEMO_STAFF_PASSWORD } from '../apps/api/src/platform/db/seed.ts';
import { createTestNode, type TestNode } from '../apps/api/src/testing/test-node.ts';

export const SCREENS_DIR = join(import.meta.dirname, '../.test-artifacts/screens');

export interface Harness {
  t: TestNode;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const t = await createTestNode('pglite');
  const base = await t.node.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  mkdirSync(SCREENS_DIR, { recursive: true });
  return {
    t,
    base,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** A fresh browser profile in Egyptian Arabic (own cookies and storage). */
export function arabicContext(h: Harness, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  return h.browser.newContext({ locale: 'ar-EG', baseURL: h.base, viewport });
}

/** Fails the test with a readable list when axe finds any WCAG 2.2 A/AA violation on the page. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact ?? ''}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(summary, [], `axe violations on ${label} (${page.url()})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

export async function htmlLangDir(page: Page): Promise<{ lang: string | null; dir: string | null }> {
  return page.evaluate(() => ({ lang: document.documentElement.getAttribute('lang'), dir: document.documentElement.getAttribute('dir') }));
}

/** Arabic-Indic digits, as the Arabic UI shows numbers: the app's own helper. */
import { toArabicDigits } from '@rabt/contracts/text';
export { toArabicDigits };

/** Signs a registered citizen in through /sign-in (national ID and password) and waits for /account. */
export async function signInCitizenInBrowser(page: Page, nationalId: string, password: string = VALID_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#f-nationalId').fill(nationalId);
  await page.locator('#f-password').fill(password);
  await page.getByRole('button', { name: 'دخول', exact: true }).click();
  await page.waitForURL('**/account');
}

/**
 * Registers a new citizen through /register in the Arabic UI, as a phone user would: the national ID typed in
 * Arabic-Indic digits, then the mobile confirmed with the code read from the node's outbox (`db`). Ends on
 * /account. `name` is the Arabic and Latin full name.
 */
export async function registerCitizenInUi(page: Page, db: Kysely<DB>, name: { ar: string; latin: string }, nationalId: string = makeNationalId({ governorate: '01' })): Promise<void> {
  const mobile = makeMobile();
  await page.goto('/register');
  await page.locator('#f-nationalId').fill(toArabicDigits(nationalId));
  await page.locator('#f-nameAr').fill(name.ar);
  await page.locator('#f-nameLatin').fill(name.latin);
  await page.locator('#f-mobile').fill(mobile);
  await page.locator('#f-password').fill(VALID_PASSWORD);
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click();
  await page.waitForURL('**/verify-mobile');
  const row = await db.selectFrom('notification_outbox').select('body_en').where('recipient', '=', toE164(mobile)).executeTakeFirstOrThrow();
  await page.locator('#f-code').fill(/(\d{6})/.exec(row.body_en)![1]!);
  await page.getByRole('button', { name: 'تأكيد' }).click();
  await page.waitForURL('**/account');
}

/** Signs demo staff member `who` in at /staff/sign-in (password, then the current TOTP code) and waits for /staff. */
export async function signInStaffInBrowser(h: Harness, page: Page, who: DemoStaff): Promise<void> {
  await page.goto('/staff/sign-in');
  await page.locator('#f-email').fill(demoEmail(who));
  await page.locator('#f-password').fill(DEMO_STAFF_PASSWORD);
  await page.locator('#f-totp').fill(await totpFor(h.t, demoEmail(who)));
  await page.getByRole('button', { name: 'دخول', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/staff');
}

/** Opens the main navigation when it is collapsed behind its menu button (phone widths); does nothing otherwise. */
export async function openMainNav(page: Page): Promise<void> {
  const button = page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('button', { name: 'القائمة', exact: true });
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

/** A small real PDF (A6, one line of `text`), generated with pdfkit, for upload steps. */
export function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A6' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text(text);
    doc.end();
  });
}

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { arabicContext, assertAccessible, htmlLangDir, screenshot, startHarness, type Harness } from './browser.ts';

async function hasNoHorizontalScroll(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

describe('language and small screens', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('the toggle switches to English (ltr), is remembered, and switches back', async () => {
    const context = await arabicContext(h);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'ربط: منصة وزارة العمل' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rabt: the Ministry of Labour platform' }).waitFor();
    assert.deepEqual(await htmlLangDir(page), { lang: 'en', dir: 'ltr' });
    await page.getByText('Ministry of Labour — Arab Republic of Egypt · node EG').waitFor();
    await page.getByText('This service uses the ESCO classification of the European Commission.', { exact: true }).waitFor();
    await assertAccessible(page, 'home (en)');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Rabt: the Ministry of Labour platform' }).waitFor();
    assert.deepEqual(await htmlLangDir(page), { lang: 'en', dir: 'ltr' }, 'the choice survives a reload');

    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('heading', { level: 1, name: 'ربط: منصة وزارة العمل' }).waitFor();
    assert.deepEqual(await htmlLangDir(page), { lang: 'ar', dir: 'rtl' });
    await context.close();
  });

  test("the app's scripts reach a phone compressed: what Chromium downloads for the home page is a third of the files' size", async () => {
    const context = await arabicContext(h);
    const page = await context.newPage();
    const scripts: { url: string; encoding: string | undefined; vary: string | undefined; wire: number; size: number }[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() !== 'script') return;
      void (async () => {
        const response = await request.response();
        const sizes = await request.sizes();
        const body = await response?.body();
        const headers = await response?.allHeaders();
        scripts.push({ url: request.url(), encoding: headers?.['content-encoding'], vary: headers?.vary, wire: sizes.responseBodySize, size: body?.length ?? 0 });
      })();
    });
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const entry = scripts.find((s) => /\/assets\/index-[^/]+\.js$/.test(s.url));
    assert.ok(entry, `the entry script was loaded: ${scripts.map((s) => s.url).join(', ')}`);
    assert.equal(entry.encoding, 'br');
    assert.match(String(entry.vary), /accept-encoding/i);
    assert.ok(entry.wire < entry.size / 3, `${entry.wire} B on the wire for ${entry.size} B`);
    // A client that accepts no coding gets the file as it is.
    const plain = await fetch(entry.url, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal((await plain.arrayBuffer()).byteLength, entry.size);
    await context.close();
  });

  test('at 320 px the home and register pages do not scroll sideways, in Arabic and English', async () => {
    for (const locale of ['ar', 'en'] as const) {
      const context = await arabicContext(h, { width: 320, height: 640 });
      await context.addInitScript((l) => localStorage.setItem('rabt.locale', l), locale);
      const page = await context.newPage();
      for (const path of ['/', '/register']) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        assert.equal((await htmlLangDir(page)).lang, locale);
        const { scrollWidth, clientWidth } = await hasNoHorizontalScroll(page);
        assert.ok(scrollWidth <= clientWidth, `${locale} ${path}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
      }
      await context.close();
    }
  });

  test('at 360 px the navigation collapses behind a menu button (aria-expanded, Escape closes); at 1280 px it does not', async () => {
    const context = await arabicContext(h, { width: 360, height: 780 });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'القائمة الرئيسية' });
    const menu = nav.getByRole('button', { name: 'القائمة' });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await menu.getAttribute('aria-controls'), 'main-nav-list');
    assert.equal(await nav.getByRole('link', { name: 'دليل المهن' }).isVisible(), false, 'links hidden until the menu is opened');
    const mainTop = async () => (await page.locator('main').boundingBox())!.y;
    const closedTop = await mainTop();
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await nav.getByRole('link', { name: 'دليل المهن' }).waitFor();
    await assertAccessible(page, 'home with the phone menu open');
    await page.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls')), 'main-nav-list', 'focus back on the menu button');
    assert.ok(closedTop < 200, `the page starts near the top when the menu is closed (main at ${closedTop}px)`);
    // Following a link closes the menu.
    await menu.click();
    await nav.getByRole('link', { name: 'دليل المهن' }).click();
    await page.waitForURL('**/occupations');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.equal(await menu.isVisible(), false, 'no menu button on a wide screen');
    assert.equal(await nav.getByRole('link', { name: 'دليل المهن' }).isVisible(), true);
    await context.close();
  });

  test('phone-width screenshots of the public pages (390 px), Arabic and English', async () => {
    for (const locale of ['ar', 'en'] as const) {
      const context = await arabicContext(h, { width: 390, height: 844 });
      await context.addInitScript((l) => localStorage.setItem('rabt.locale', l), locale);
      const page = await context.newPage();
      for (const [path, name] of [
        ['/', 'home'],
        ['/register', 'register'],
        ['/sign-in', 'sign-in'],
        ['/staff/sign-in', 'staff-sign-in'],
        ['/no-such-page', 'not-found'],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await assertAccessible(page, `${name} (${locale}, phone)`);
        await screenshot(page, `${name}-${locale}-390`);
      }
      await page.goto('/occupations');
      await page.locator('#occ-q').fill(locale === 'ar' ? 'نجار' : 'carpenter');
      await page.locator('tbody tr').first().waitFor();
      await page.getByRole('status').filter({ hasText: locale === 'ar' ? 'عدد النتائج' : 'Results' }).waitFor();
      await assertAccessible(page, `occupations (${locale}, phone)`);
      await screenshot(page, `occupations-${locale}-390`);
      await context.close();
    }
  });
});

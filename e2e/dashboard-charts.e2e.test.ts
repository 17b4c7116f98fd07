import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { makeNationalId } from '../apps/api/src/testing/factories.ts';
import { join } from 'node:path';
import { arabicContext, assertAccessible, screenshot, signInStaffInBrowser, startHarness, SCREENS_DIR, type Harness } from './browser.ts';

/**
 * The HQ dashboard with a row for every labour office (35 of them): the scope is named, not coded, and the bar
 * charts' row names never overlap one another, on a phone (360 px) or a desktop (1280 px), in Arabic and English.
 */
describe('dashboard charts stay readable with many rows', () => {
  let h: Harness;
  let offices = 0;
  before(async () => {
    h = await startHarness();
    const db = h.t.node.database.db;
    const all = await db.selectFrom('offices').select(['id', 'code']).orderBy('code').execute();
    offices = all.length;
    const now = h.t.clock.now();
    // One online registration per office (two at every third), so every office has a bar in "registrations".
    await db
      .insertInto('employment_registrations')
      .values(
        all.flatMap((o, i) =>
          Array.from({ length: i % 3 === 0 ? 2 : 1 }, (_, k) => ({
            id: randomUUID(),
            registration_number: `${o.code}-CH-${k}`,
            citizen_id: null,
            office_id: o.id,
            registered_on: '2026-01-01',
            isco: '7411',
            education: 'secondary',
            experience_years: 1,
            age_at_registration: 25,
            created_at: now,
            source: 'online' as const,
            national_id: makeNationalId(),
          })),
        ),
      )
      .execute();
  });
  after(async () => {
    await h?.close();
  });

  /** The boxes of the row names of one chart; asserts that no two overlap. */
  async function assertNamesApart(page: Page, table: string): Promise<number> {
    const boxes = await page.locator(`section[data-table="${table}"] figure .recharts-yAxis-tick-labels text`).evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: e.textContent ?? '' };
      }),
    );
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        assert.ok(!overlap, `«${a.text}» overlaps «${b.text}»`);
      }
    }
    return boxes.length;
  }

  for (const viewport of [
    { width: 360, height: 780 },
    { width: 1280, height: 900 },
  ]) {
    test(`HQ at ${viewport.width} px: the scope by name; 35 office names in the chart, none overlapping, inside the figure`, async () => {
      const context = await arabicContext(h, viewport);
      const page = await context.newPage();
      await signInStaffInBrowser(h, page, 'hq.admin');
      await page.goto('/office/dashboard');
      await page.getByRole('heading', { level: 1, name: 'لوحة مؤشرات الخدمات' }).waitFor();
      await page.getByText('النطاق المعروض: جميع مكاتب مصر', { exact: false }).waitFor();
      const section = page.locator('section[data-table="registrations"]');
      await section.locator('figure svg .recharts-bar-rectangle').first().waitFor();
      assert.equal(await assertNamesApart(page, 'registrations'), offices);
      // Every name is drawn inside the figure (none cut off at the screen's edge).
      const figure = (await section.locator('figure').boundingBox())!;
      const outside = await section.locator('figure .recharts-yAxis-tick-labels text').evaluateAll(
        (els, f) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.left < f.x - 1 || r.right > f.x + f.width + 1).length,
        figure,
      );
      assert.equal(outside, 0);
      // The CSV is in Arabic too.
      const href = await section.getByRole('link', { name: /CSV/ }).getAttribute('href');
      assert.match(href ?? '', /&lang=ar$/);
      await screenshot(page, `dashboard-hq-ar-${viewport.width}`);
      await section.screenshot({ path: join(SCREENS_DIR, `dashboard-hq-registrations-ar-${viewport.width}.png`) });
      if (viewport.width === 1280) await assertAccessible(page, 'HQ dashboard');

      // English: names on the left, still apart.
      await page.locator('button.lang-toggle').click();
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      await page.getByText('Scope shown: All offices in Egypt', { exact: false }).waitFor();
      await section.locator('figure svg .recharts-bar-rectangle').first().waitFor();
      assert.equal(await assertNamesApart(page, 'registrations'), offices);
      await screenshot(page, `dashboard-hq-en-${viewport.width}`);
      await section.screenshot({ path: join(SCREENS_DIR, `dashboard-hq-registrations-en-${viewport.width}.png`) });
      await context.close();
    });
  }
});

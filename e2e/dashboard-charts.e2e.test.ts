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
    const all = await db.selectFrom('offices').select(['id', 'code', 'directorate_code']).orderBy('code').execute();
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
    // One submitted application of each of the four services (their Arabic names wrap onto two lines in the chart).
    const nasr = all.find((o) => o.code === 'CAI-NASR')!;
    await db
      .insertInto('service_applications')
      .values(
        ['employment_registration', 'skill_certificate', 'craft_licence', 'work_permit'].map((service, i) => ({
          id: randomUUID(),
          reference: `CH-${i}`,
          service_code: service,
          applicant_citizen_id: null,
          office_id: nasr.id,
          directorate_code: nasr.directorate_code,
          status: 'submitted' as const,
          answers: JSON.stringify({}),
          fee_piastres: 0,
          submitted_at: new Date(now.getTime() - 3_600_000),
          decided_at: null,
          step_due_at: null,
          created_at: now,
          updated_at: now,
        })),
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

  /**
   * The row names of a one-bar-per-row chart, wrapped onto two lines, keep a visible gap between rows (≥ 4 px)
   * and the last stays above the value axis line.
   */
  async function assertRowsSpaced(page: Page, table: string): Promise<void> {
    const section = page.locator(`section[data-table="${table}"]`);
    await section.locator('figure svg .recharts-bar-rectangle').first().waitFor();
    const boxes = await section.locator('figure .recharts-yAxis-tick-labels text').evaluateAll((els) =>
      els.map((e) => ({ top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom, text: e.textContent ?? '' })).sort((a, b) => a.top - b.top),
    );
    assert.ok(boxes.length >= 4, `${boxes.length} rows in ${table}`);
    for (let i = 1; i < boxes.length; i++) {
      const gap = boxes[i]!.top - boxes[i - 1]!.bottom;
      assert.ok(gap >= 4, `«${boxes[i - 1]!.text}» and «${boxes[i]!.text}» are ${gap.toFixed(1)} px apart`);
    }
    const axis = (await section.locator('figure .recharts-xAxis .recharts-cartesian-axis-line').boundingBox())!;
    const last = boxes[boxes.length - 1]!;
    assert.ok(last.bottom <= axis.y, `«${last.text}» (bottom ${last.bottom.toFixed(1)}) crosses the axis line (${axis.y.toFixed(1)})`);
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
      // Service names wrap onto two lines: rows stay apart and above the axis.
      await assertRowsSpaced(page, 'by_service');
      // The legend (two series) speaks Arabic only: names beside decorative swatches, no recharts «… legend icon».
      const legend = section.locator('.dash-legend');
      assert.deepEqual((await legend.locator('li').allTextContents()).map((x) => x.trim()), ['مستورد', 'إلكتروني']);
      assert.equal(await page.locator('[aria-label*="legend"]').count(), 0);
      // The CSV is in Arabic too.
      const href = await section.getByRole('link', { name: /CSV/ }).getAttribute('href');
      assert.match(href ?? '', /&lang=ar$/);
      await screenshot(page, `dashboard-hq-ar-${viewport.width}`);
      await section.screenshot({ path: join(SCREENS_DIR, `dashboard-hq-registrations-ar-${viewport.width}.png`) });
      if (viewport.width === 1280) await assertAccessible(page, 'HQ dashboard');

      if (viewport.width === 1280) {
        // A reversed range is caught in the form: an Arabic message on «إلى تاريخ», and the charts stay.
        await page.locator('#dash-from').fill('2026-12-31');
        await page.locator('#dash-to').fill('2026-01-01');
        await page.getByRole('button', { name: 'عرض', exact: true }).click();
        const to = page.locator('#dash-to');
        await page.locator('#dash-to-error').getByText('تاريخ النهاية قبل تاريخ البداية.', { exact: false }).waitFor();
        assert.equal(await to.getAttribute('aria-invalid'), 'true');
        assert.match((await to.getAttribute('aria-describedby')) ?? '', /dash-to-error/);
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'dash-to');
        assert.equal(await page.locator('#dash-from').getAttribute('aria-invalid'), null);
        assert.equal(await section.locator('figure svg .recharts-bar-rectangle').count() > 0, true, 'the charts of the last valid range stay');
        await page.getByText('النطاق المعروض: جميع مكاتب مصر', { exact: false }).waitFor();
        await assertAccessible(page, 'HQ dashboard with a reversed range');
        await screenshot(page, 'dashboard-reversed-range-ar');
        // Corrected (open start, far end: every row still counts): the error goes and the new range is shown.
        await page.locator('#dash-from').fill('');
        await to.fill('2099-12-31');
        await page.getByRole('button', { name: 'عرض', exact: true }).click();
        await page.locator('#dash-to-error').waitFor({ state: 'detached' });
        await page.getByText(/الفترة: /).waitFor();
      }

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

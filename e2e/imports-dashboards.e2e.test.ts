import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demoEmail, makeNationalId, totpFor, type DemoStaff } from '../apps/api/src/testing/factories.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, type Harness } from './browser.ts';

const DEMO_PASSWORD = 'Rabt-demo-2026!';
const HEADER = ['register_number', 'national_id', 'name', 'registration_date', 'office_code', 'isco', 'qualification', 'experience_years'];

/** A small paper register of the Nasr City office: rows 2–4 valid, row 5 an impossible national ID (month 13), row 6 a future date. */
function registerCsv(): string {
  const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const rows = [
    ['501', makeNationalId({ birth: '1990-07-01' }), 'محمود حسن علي', '2019-03-10', 'CAI-NASR', '7411', 'technical_secondary', '5'],
    ['502/٢٠١٨', makeNationalId({ birth: '1994-12-12', sex: 'female' }), 'سارة محمد', '١٥/٦/٢٠١٨', 'CAI-NASR', '2512', 'بكالوريوس', '٣'],
    ['503', makeNationalId({ birth: '1985-01-20' }), 'أحمد سمير', '2017-11-20', '', '7112', 'preparatory', '10'],
    ['504', '29013011234567', 'رقم مستحيل', '2019-01-01', 'CAI-NASR', '7411', 'secondary', '1'],
    ['505', makeNationalId({ birth: '1992-02-02' }), 'تاريخ مستقبلي', future, 'CAI-NASR', '7411', 'secondary', '1'],
  ];
  return [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

describe('legacy register import and the dashboard in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function signIn(page: Page, who: DemoStaff): Promise<void> {
    await page.goto('/staff/sign-in');
    await page.getByRole('heading', { level: 1, name: 'دخول موظفي الوزارة' }).waitFor();
    await page.locator('#f-email').fill(demoEmail(who));
    await page.locator('#f-password').fill(DEMO_PASSWORD);
    await page.locator('#f-totp').fill(await totpFor(h.t, demoEmail(who)));
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/staff');
    await page.getByRole('heading', { level: 1, name: 'لوحة الموظف' }).waitFor();
  }

  test('the Nasr City office head imports a register with 2 bad rows, reads the report, and sees the count on the dashboard', async () => {
    const context = await arabicContext(h);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await signIn(page, 'nasr.head');

    // Import page, from the staff dashboard's task list.
    await page.locator('main').getByRole('link', { name: 'استيراد السجل الورقي' }).click();
    await page.waitForURL('**/office/import');
    await page.getByRole('heading', { level: 1, name: 'استيراد سجل القيد الورقي' }).waitFor();
    await page.locator('#import-office option[value="CAI-NASR"]').waitFor({ state: 'attached' });
    await assertAccessible(page, 'import form');
    // The guide is on the page: accepted header names, formats (incl. the register number), a sample CSV.
    await page.getByRole('heading', { level: 2, name: 'دليل الاستيراد' }).waitFor();
    await page.getByText(/رقم القيد: أرقام فقط/).waitFor();
    assert.equal(await page.getByRole('link', { name: 'تنزيل ملف مثال (CSV)' }).getAttribute('download'), 'register-sample.csv');
    // The sample's header row is in Arabic in the Arabic UI (names the import accepts).
    const sample = decodeURIComponent((await page.getByRole('link', { name: 'تنزيل ملف مثال (CSV)' }).getAttribute('href'))!.replace(/^data:text\/csv;charset=utf-8,/, ''));
    assert.equal(sample.replace(/^\uFEFF/, '').split('\r\n')[0], 'رقم القيد,الرقم القومي,الاسم,تاريخ القيد,رمز المكتب,المهنة (ISCO-08),المؤهل,سنوات الخبرة');
    // The file chooser speaks Arabic (no browser «Choose File / No file chosen»): the label is the button.
    const picker = page.getByLabel('اختر ملف السجل', { exact: true });
    assert.equal(await picker.getAttribute('id'), 'import-file');
    await page.locator('#import-file-name').getByText('لم يُختر ملف بعد').waitFor();
    // A .txt file: told which types are accepted, before anything is sent.
    await page.locator('#import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello', 'utf8') });
    await page.getByRole('button', { name: 'رفع الملف وبدء الاستيراد' }).click();
    await page.locator('#import-file-error').getByText(/الأنواع المقبولة: CSV/).waitFor();
    await page.locator('#import-file-name').getByText('notes.txt').waitFor();
    assert.equal(await page.locator('#import-file').getAttribute('aria-invalid'), 'true');
    // A header missing columns: the message names them and points to the guide.
    await page.locator('#import-file').setInputFiles({ name: 'ناقص.csv', mimeType: 'text/csv', buffer: Buffer.from('رقم القيد,الاسم\r\n1,س\r\n', 'utf8') });
    await page.getByRole('button', { name: 'رفع الملف وبدء الاستيراد' }).click();
    await page.getByTestId('missing-columns').getByText(/الرقم القومي، تاريخ القيد، المهنة \(ISCO-08\)/).waitFor();
    await assertAccessible(page, 'import form (missing columns)');
    await page.locator('#import-file').setInputFiles({ name: 'سجل-مدينة-نصر.csv', mimeType: 'text/csv', buffer: Buffer.from(registerCsv(), 'utf8') });
    await page.locator('#import-office').selectOption('CAI-NASR');
    await page.getByRole('button', { name: 'رفع الملف وبدء الاستيراد' }).click();

    const bar = page.getByRole('progressbar', { name: 'تقدّم الاستيراد' });
    await bar.waitFor();
    await page.getByRole('status').getByText('اكتمل الاستيراد').waitFor();
    assert.equal(await bar.getAttribute('aria-valuenow'), '100');
    assert.equal(await bar.getAttribute('aria-valuemin'), '0');
    assert.equal(await bar.getAttribute('aria-valuemax'), '100');
    assert.equal((await page.locator('.progress-text').textContent())?.replace(/[\u061c\u200e\u200f\s]/g, ''), '١٠٠٪');
    const count = async (k: string) => (await page.locator(`dd[data-count="${k}"]`).textContent())?.trim();
    assert.deepEqual([await count('read'), await count('imported'), await count('duplicate'), await count('error')], ['٥', '٣', '٠', '٢']);

    // The issues table: row number, field and reason in Arabic.
    const issues = page.locator('.import-job table tbody tr');
    await issues.first().waitFor();
    assert.equal(await issues.count(), 2);
    // Arabic number agreement in the caption (two rows: the dual, no bare digit).
    assert.equal((await page.locator('.import-job table caption').textContent())?.trim(), 'الصفان لم يُستوردا، بترتيب الملف');
    const cells = async (i: number) => (await issues.nth(i).locator('th, td').allTextContents()).map((c) => c.trim());
    assert.deepEqual(await cells(0), ['٥', 'خطأ', 'الرقم القومي', 'تاريخ الميلاد في الرقم القومي ليس تاريخًا حقيقيًا: رقم قومي مستحيل.']);
    assert.deepEqual(await cells(1), ['٦', 'خطأ', 'تاريخ القيد', 'تاريخ القيد في المستقبل.']);

    // The full report CSV behind the download link.
    const href = await page.getByRole('link', { name: 'تنزيل التقرير الكامل (CSV)' }).getAttribute('href');
    assert.match(href ?? '', /^\/api\/v1\/imports\/[0-9a-f-]{36}\/report\.csv\?lang=ar$/);
    const report = await context.request.get(href!);
    assert.equal(report.status(), 200);
    const lines = (await report.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    // Arabic header, results and column names (the row number stays a plain number for spreadsheets).
    assert.equal(lines[0], 'الصف,النتيجة,الحقل,السبب بالعربية,السبب بالإنجليزية');
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(0, 3).join(',')),
      ['2,مستورد,', '3,مستورد,', '4,مستورد,', '5,خطأ,الرقم القومي', '6,خطأ,تاريخ القيد'],
    );
    await assertAccessible(page, 'import report');
    await screenshot(page, 'import-report-ar-desktop');

    // The dashboard (lazy chunk with recharts), from the staff navigation.
    assert.ok(!scripts.some((p) => /(^|\/)Dashboard-[\w-]+\.js$/.test(p)), 'the dashboard chunk is not loaded before the dashboard opens');
    await page.getByRole('navigation').getByRole('link', { name: 'لوحة المؤشرات' }).click();
    await page.waitForURL('**/office/dashboard');
    await page.getByRole('heading', { level: 1, name: 'لوحة مؤشرات الخدمات' }).waitFor();
    const registrations = page.locator('section[data-table="registrations"]');
    await registrations.getByRole('table').waitFor();
    assert.ok(scripts.some((p) => /(^|\/)Dashboard-[\w-]+\.js$/.test(p)), 'the dashboard chunk loads on demand');
    const row = registrations.locator('tbody tr').first();
    assert.match((await row.locator('th').textContent()) ?? '', /مدينة نصر/);
    assert.equal((await row.locator('td[data-col="imported"]').textContent())?.trim(), '٣');
    assert.equal((await row.locator('td[data-col="online"]').textContent())?.trim(), '٠');
    const figure = registrations.getByRole('img', { name: /^رسم بياني بالأعمدة/ });
    assert.match((await figure.getAttribute('aria-label')) ?? '', /مستورد ٣/);
    await registrations.locator('figure svg .recharts-bar-rectangle').first().waitFor();
    const csv = await registrations.getByRole('link', { name: /CSV/ }).getAttribute('href');
    assert.equal(csv, '/api/v1/dashboards/applications.csv?scope=office&table=registrations&lang=ar');
    const exported = await context.request.get(csv);
    assert.equal(exported.status(), 200);
    const exportedText = await exported.text();
    assert.match(exportedText, /^\uFEFFالمكتب,رمز المكتب,مستوردة من الورق,مسجلة إلكترونيًا\r\n/);
    assert.match(exportedText, /مكتب عمل مدينة نصر,CAI-NASR,3,0/);
    // The scope is named, not given as a code.
    await page.getByText('النطاق المعروض: مكتب عمل مدينة نصر', { exact: false }).waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await assertAccessible(page, 'dashboard');
    await screenshot(page, 'dashboard-office-ar-desktop');
    await context.close();
  });
});

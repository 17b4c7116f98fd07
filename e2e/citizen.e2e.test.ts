import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FIELD_ERRORS } from '@rabt/contracts';
import { makeMobile, makeNationalId, toE164, VALID_PASSWORD } from '../apps/api/src/testing/factories.ts';
import { arabicContext, assertAccessible, htmlLangDir, screenshot, startHarness, toArabicDigits, type Harness } from './browser.ts';

const NAME_AR = 'محمد أحمد علي';

describe('citizen in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('registers with Arabic-Indic digits, confirms the mobile, signs out and in again', async () => {
    const context = await arabicContext(h);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.deepEqual(await htmlLangDir(page), { lang: 'ar', dir: 'rtl' });
    await page.getByText('عقدة مصر').waitFor();
    assert.equal(await page.getByText('عقدة EG').count(), 0, 'the node by its country name in Arabic, not its code');
    await assertAccessible(page, 'home');

    await page.locator('main').getByRole('link', { name: 'إنشاء حساب' }).click();
    await page.waitForURL('**/register');
    await page.getByRole('heading', { level: 1, name: 'إنشاء حساب مواطن' }).waitFor();
    await assertAccessible(page, 'register');

    const nationalId = makeNationalId();
    const mobile = makeMobile();
    await page.locator('#f-nationalId').fill(toArabicDigits(nationalId));
    await page.locator('#f-nameAr').fill(NAME_AR);
    await page.locator('#f-nameLatin').fill('Mohamed Ahmed Ali');
    await page.locator('#f-mobile').fill(toArabicDigits(mobile));
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'إنشاء الحساب' }).click();

    await page.waitForURL('**/verify-mobile');
    await page.getByRole('heading', { level: 1, name: 'تأكيد رقم المحمول' }).waitFor();
    // The masked number in Arabic-Indic digits, kept left-to-right.
    const masked = page.locator('main p bdi[dir="ltr"]').first();
    assert.match((await masked.textContent()) ?? '', new RegExp(`^\\+[٠-٩]+•+${toArabicDigits(mobile.slice(-3))}$`));
    await page.getByRole('link', { name: 'صندوق الرسائل التجريبي' }).first().waitFor();
    await assertAccessible(page, 'verify');

    // The code, as a person would find it: on the development outbox page, in a second tab.
    const outbox = await context.newPage();
    await outbox.goto('/dev/outbox');
    const row = outbox.locator('tr', { hasText: toE164(mobile) });
    await row.waitFor();
    const code = /(\d{6})/.exec((await row.locator('td[lang="en"]').textContent()) ?? '')?.[1];
    assert.ok(code, 'a 6-digit code is in the outbox');
    await assertAccessible(outbox, 'dev outbox');
    await outbox.close();

    await page.locator('#f-code').fill(toArabicDigits(code));
    await page.getByRole('button', { name: 'تأكيد' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { level: 1, name: 'حسابي' }).waitFor();
    await page.locator('.details').getByText(NAME_AR, { exact: true }).waitFor();
    // National ID (masked) and mobile in Arabic-Indic digits, each left-to-right in <bdi dir="ltr">.
    const ltr = await page.locator('.details dd bdi[dir="ltr"]').allTextContents();
    assert.ok(ltr.includes(toArabicDigits(toE164(mobile))), `mobile among ${ltr.join(' | ')}`);
    assert.ok(
      ltr.some((v) => v.startsWith(toArabicDigits(nationalId.slice(0, 1))) && v.endsWith(toArabicDigits(nationalId.slice(-3))) && v.includes('*')),
      `masked national ID among ${ltr.join(' | ')}`,
    );
    assert.ok(!ltr.some((v) => !v.includes('@') && /[0-9]/.test(v)), 'no Latin digits in the Arabic details');
    await assertAccessible(page, 'account');
    await screenshot(page, 'account-ar-desktop');

    await page.locator('main').getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('navigation').getByRole('link', { name: 'تسجيل الدخول' }).click();
    await page.waitForURL('**/sign-in');
    await assertAccessible(page, 'sign-in');
    await page.locator('#f-nationalId').fill(nationalId);
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
    await page.locator('.details').getByText(NAME_AR, { exact: true }).waitFor();
    await page.locator('main').getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('navigation').getByRole('link', { name: 'تسجيل الدخول' }).waitFor();
    const session = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json() as Promise<{ kind: string }>));
    assert.equal(session.kind, 'anonymous');
    await context.close();
  });

  test('a 13-digit national ID shows the Arabic field error next to the field and creates nothing', async () => {
    const context = await arabicContext(h);
    const page = await context.newPage();
    await page.goto('/register');
    const mobile = makeMobile();
    await page.locator('#f-nationalId').fill(toArabicDigits(makeNationalId().slice(0, 13)));
    await page.locator('#f-nameAr').fill(NAME_AR);
    await page.locator('#f-nameLatin').fill('Mohamed Ahmed Ali');
    await page.locator('#f-mobile').fill(mobile);
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'إنشاء الحساب' }).click();

    const error = page.locator('#f-nationalId-error');
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), FIELD_ERRORS.national_id_length.ar);
    const input = page.locator('#f-nationalId');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.match((await input.getAttribute('aria-describedby')) ?? '', /\bf-nationalId-error\b/);
    assert.equal(await page.locator('#f-mobile').getAttribute('aria-invalid'), null, 'only the wrong field is marked');
    await page.getByRole('alert').getByText('بعض الحقول غير صحيحة.').waitFor();
    assert.ok(page.url().endsWith('/register'));
    await assertAccessible(page, 'register with errors');
    await screenshot(page, 'register-error-ar-desktop');

    const rows = await h.t.node.database.db.selectFrom('citizens').select('id').where('mobile', '=', toE164(mobile)).execute();
    assert.equal(rows.length, 0, 'no account was created');
    const sent = await h.t.node.database.db.selectFrom('notification_outbox').select('id').where('recipient', '=', toE164(mobile)).execute();
    assert.equal(sent.length, 0, 'no code was sent');
    await context.close();
  });
});

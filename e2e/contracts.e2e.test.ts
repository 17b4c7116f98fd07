import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { EmployerContract, OriginContract } from '@rabt/contracts';
import { createTestCluster, type TestCluster } from '../apps/api/src/testing/federation-cluster.ts';
import { totpFor, VALID_PASSWORD } from '../apps/api/src/testing/factories.ts';
import { storyToAcceptedInvitation, type ContractStory } from '../apps/api/src/modules/contracts/test-kit.ts';
import { SCREENS_DIR, assertAccessible, screenshot, toArabicDigits } from './browser.ts';

/**
 * Issue 4's "Done when", in a browser, across a real EG + SA cluster (signed federation v1 between them;
 * each node serves the web app): on SA the employer drafts the contract from the accepted invitation,
 * sees the rule checks fail with a worker fee and pass without it, and submits; on EG two different
 * overseas officers attest it (the first one then sees that a second officer must attest, with no button to repeat); the
 * worker reads the whole contract in Arabic at 360 px and accepts; downloads the PDF (rendered to PNG to
 * look at) and the verification file; the QR's verify URL says genuine with the signature checked in the
 * browser; a tampered URL, an unknown code and a tampered file fail with a plain reason. axe on every page.
 */
const ARTIFACTS = join(import.meta.dirname, '../.test-artifacts');
const OFFICER1 = 'overseas.officer@demo.rabt.local';
const OFFICER2 = 'overseas.officer2@demo.rabt.local';
const DEMO_PASSWORD = 'Rabt-demo-2026!';

describe('contracts in the browser across EG and SA', { timeout: 300_000 }, () => {
  let cluster: TestCluster;
  let s: ContractStory;
  let browser: Browser;
  let contractId = '';
  let verifyUrl = '';
  let code = '';
  const bundlePath = join(ARTIFACTS, 'contract.rabt.json');

  before(async () => {
    cluster = await createTestCluster(['EG', 'SA'], 'pglite');
    s = await storyToAcceptedInvitation(cluster);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    mkdirSync(SCREENS_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await cluster?.close();
  });

  const contextOn = (url: string, width = 1280): Promise<BrowserContext> => browser.newContext({ locale: 'ar-EG', baseURL: url, viewport: { width, height: 900 }, acceptDownloads: true });

  async function staffSignIn(page: Page, email: string): Promise<void> {
    await page.goto('/staff/sign-in');
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill(DEMO_PASSWORD);
    await page.locator('#f-totp').fill(await totpFor(s.eg, email));
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/staff');
  }

  test('SA: the employer drafts the contract from the invitation; a worker fee fails the checks; without it they pass; submitted', async () => {
    const ctx = await contextOn(s.sa.url);
    const page = await ctx.newPage();
    await page.goto('/employer/sign-in');
    await page.locator('#f-login').fill(s.employer.body.establishmentNumber);
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/employer');

    await page.goto('/employer/invitations');
    await page.getByRole('button', { name: 'تحرير عقد العمل' }).click();
    await page.waitForURL(/\/employer\/contracts\/[0-9a-f-]+\/1$/);
    contractId = /contracts\/([0-9a-f-]+)\/1$/.exec(page.url())![1]!;
    await page.getByText('العقد يستوفي كل القواعد.').waitFor();
    await assertAccessible(page, 'SA contract draft');

    // A visa fee charged to the worker, typed in Arabic-Indic digits: the checks fail and submitting is refused.
    await page.getByRole('button', { name: 'إضافة مبلغ على العامل' }).click();
    await page.getByLabel('البند 1', { exact: true }).fill('رسوم تأشيرة');
    await page.getByLabel(/مبلغ البند 1/).fill(toArabicDigits('1000'));
    await page.getByRole('button', { name: 'حفظ وفحص' }).click();
    await page.getByText('تم الحفظ والفحص.').waitFor();
    await page.locator('[data-check="no_worker_fees"].check-failed').waitFor();
    await page.getByText(/قواعد لم يستوفها العقد/).waitFor();
    assert.match((await page.locator('[data-check="no_worker_fees"]').textContent()) ?? '', /قانون العمل المصري رقم ١٤ لسنة ٢٠٢٥، المادة ٤٣/);
    await page.getByRole('button', { name: 'إرسال إلى الوزارة المصرية' }).click();
    await page.getByRole('alert').getByText('العقد لا يستوفي القواعد؛ راجع نتائج الفحص.').waitFor();
    await assertAccessible(page, 'SA contract draft (checks failed)');
    await screenshot(page, 'contract-sa-checks-failed');
    assert.equal((await page.getByLabel('مبلغ البند 1 (SAR)').inputValue()), toArabicDigits('1000'), 'the form keeps what was typed');

    // Without the fee, every check passes and the contract is signed by SA and sent.
    await page.getByRole('button', { name: 'حذف البند 1' }).click();
    await page.getByRole('button', { name: 'حفظ وفحص' }).click();
    await page.getByText('العقد يستوفي كل القواعد.').waitFor();
    await page.getByRole('button', { name: 'إرسال إلى الوزارة المصرية' }).click();
    await page.locator('main').getByText('أُرسل إلى الوزارة المصرية').first().waitFor();
    await assertAccessible(page, 'SA contract submitted');
    await screenshot(page, 'contract-sa-submitted');
    await page.goto('/employer/contracts');
    await page.getByRole('link', { name: 'كهربائي مبانٍ سكنية' }).waitFor();
    await assertAccessible(page, 'SA contracts list');
    await ctx.close();
  });

  test('EG: officer 1 attests (then sees it waits for a second officer, with no attest button), officer 2 attests; the contract is offered', async () => {
    await cluster.waitFor(async () => (await s.officer1.get(`/api/v1/attestation/contracts/${contractId}/versions/1`)).statusCode === 200, 'the contract on EG');
    const ctx1 = await contextOn(s.eg.url);
    const p1 = await ctx1.newPage();
    await staffSignIn(p1, OFFICER1);
    await p1.goto('/attestation');
    await p1.getByRole('link', { name: 'توثيق عقود العمل' }).click();
    await p1.waitForURL('**/attestation/contracts');
    await assertAccessible(p1, 'EG contract queue');
    await p1.getByRole('link', { name: /كهربائي مبانٍ سكنية/ }).click();
    await p1.getByRole('heading', { name: 'التوثيقات' }).waitFor();
    await p1.getByText('العقد يستوفي كل القواعد.').waitFor();
    await assertAccessible(p1, 'EG contract detail');
    await p1.getByRole('button', { name: 'توثيق العقد' }).click();
    await p1.getByText('سُجّل توثيقك.').waitFor();
    // The attest button gives way to "you attested on …; waiting for a second officer" (the API would refuse a repeat).
    await p1.getByText(/^وثّقتَ هذا العقد في .+؛ بانتظار توثيق موظف ثانٍ\.$/).waitFor();
    assert.equal(await p1.getByRole('button', { name: 'توثيق العقد' }).count(), 0, 'no attest button for the officer who attested');
    await p1.reload();
    await p1.getByText(/^وثّقتَ هذا العقد في .+؛ بانتظار توثيق موظف ثانٍ\.$/).waitFor();
    assert.equal(await p1.getByRole('button', { name: 'توثيق العقد' }).count(), 0, 'still none after a reload');
    // The checks cite their sources in Arabic in the Arabic UI.
    await p1.getByText('نظام العمل السعودي، المادة ٩٨', { exact: true }).waitFor();
    assert.equal(await p1.locator('.check-source[lang="en"]').count(), 0, 'no English-only source in the Arabic UI');
    await assertAccessible(p1, 'EG contract detail (attested once)');
    await screenshot(p1, 'contract-eg-officer-twice');
    await ctx1.close();

    const ctx2 = await contextOn(s.eg.url);
    const p2 = await ctx2.newPage();
    await staffSignIn(p2, OFFICER2);
    await p2.goto(`/attestation/contracts/${contractId}/1`);
    await p2.getByRole('button', { name: 'توثيق العقد' }).click();
    await p2.getByText('سُجّل توثيقك.').waitFor();
    await p2.locator('main').getByText('معروض على العامل').first().waitFor();
    assert.equal(await p2.locator('#att-title + p + ol li').count(), 2, 'two attestations listed');
    await assertAccessible(p2, 'EG contract detail (offered)');
    await p2.goto('/attestation/contract-alerts');
    await p2.getByText('لا توجد تنبيهات.').waitFor();
    await assertAccessible(p2, 'EG contract alerts');
    await ctx2.close();
  });

  test('EG: the worker reads the whole contract in Arabic at 360 px, accepts, downloads the PDF and the verification file', async () => {
    const ctx = await contextOn(s.eg.url, 360);
    const page = await ctx.newPage();
    await page.goto('/sign-in');
    await page.locator('#f-nationalId').fill(s.reg.nationalId);
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL('**/account');
    await page.goto('/worker/contracts');
    await page.getByText('ينتظر ردّك.').waitFor();
    await assertAccessible(page, 'EG worker contracts');
    await page.getByRole('link', { name: /كهربائي مبانٍ سكنية/ }).click();
    await page.getByRole('heading', { name: 'نص العقد كاملًا' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    for (const expected of ['الطرفان', 'الأجر والمزايا', 'القانون الواجب التطبيق', 'نظام العمل السعودي', 'محمود حسن علي', 'A12345678', 'يتحمل صاحب العمل كل تكاليف الاستقدام']) assert.ok(text.includes(expected), `${expected} on the worker's page`);
    assert.ok((await page.locator('.clauses li').count()) >= 3, 'every numbered clause');
    assert.equal(await page.locator('.contract-terms[lang="ar"]').getAttribute('dir'), 'rtl');
    await assertAccessible(page, 'EG worker contract (offered)');
    await screenshot(page, 'contract-eg-worker-offered-360');
    await page.getByRole('button', { name: 'عرض النص الإنجليزي بجانبه' }).click();
    await page.locator('.contract-terms[lang="en"]').getByText('Governing law').waitFor();
    await assertAccessible(page, 'EG worker contract (with English)');

    await page.getByRole('button', { name: 'أقبل العقد' }).click();
    await page.getByText(/هل أنت متأكد أنك تقبل/).waitFor();
    await assertAccessible(page, 'EG worker contract (confirm)');
    await page.getByRole('button', { name: 'نعم، أقبل العقد' }).click();
    await page.getByText('قبلت العقد وأُبرم. احتفظ برمز التحقق.').waitFor();
    code = ((await page.getByTestId('verification-code').textContent()) ?? '').trim();
    assert.match(code, /^EG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.getByRole('img', { name: `رمز QR للتحقق من العقد ${code}` }).waitFor();
    await assertAccessible(page, 'EG worker contract (concluded)');
    await screenshot(page, 'contract-eg-worker-concluded-360');
    verifyUrl = (await page.getByRole('link', { name: 'فتح صفحة التحقق' }).getAttribute('href')) ?? '';
    assert.match(verifyUrl, new RegExp(`/verify/${code}#ey`));

    // The PDF: saved and page 1 rendered to look at.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'تنزيل العقد (PDF)' }).click()]);
    const pdfPath = join(ARTIFACTS, 'contract.pdf');
    await pdf.saveAs(pdfPath);
    assert.equal(readFileSync(pdfPath).subarray(0, 5).toString('latin1'), '%PDF-');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', pdfPath, join(SCREENS_DIR, 'contract-pdf')]);

    // The verification file needs a witnessed checkpoint.
    await s.eg.node.deps.register.publishCheckpoint();
    await cluster.waitFor(async () => (await s.eg.client().get('/api/v1/register/checkpoint.json')).json<{ cosignatures: unknown[] }>().cosignatures.length > 0, 'SA’s cosignature');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'تنزيل ملف التحقق' }).click()]);
    await file.saveAs(bundlePath);
    assert.equal((JSON.parse(readFileSync(bundlePath, 'utf8')) as { code: string }).code, code);
    await ctx.close();
  });

  test('verify: the QR URL is genuine with the signature checked offline; a tampered URL, an unknown code and a tampered file are not', async () => {
    const ctx = await contextOn(s.eg.url, 360);
    const page = await ctx.newPage();
    await page.goto(verifyUrl);
    await page.getByTestId('offline-ok').getByText(/تم التحقق من التوقيع على هذا الجهاز/).waitFor();
    await page.locator('[data-verdict="good"]').getByText('وثيقة صحيحة').waitFor();
    await page.getByTestId('offline-ok').getByText('محمود ح. ع.').waitFor();
    const verifyText = (await page.locator('main').textContent()) ?? '';
    for (const secret of ['A12345678', 'محمود حسن علي', s.reg.nationalId]) assert.ok(!verifyText.includes(secret), `${secret} on the public page`);
    assert.equal(verifyText.split('٢٬٥٠٠').length - 1, 2, 'the wage (2,500 SAR) as signed in the QR and as the register answers');
    await assertAccessible(page, 'verify (QR, genuine)');
    await screenshot(page, 'verify-genuine-360');
    assert.ok(await page.evaluate(() => localStorage.getItem('rabt.trustBundle') !== null), 'the trust bundle is cached');

    // One character of the token's payload changed.
    const [base, token] = verifyUrl.split('#') as [string, string];
    const i = token.indexOf('.') + 5;
    const tampered = `${base}#${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
    const p2 = await ctx.newPage();
    await p2.goto(tampered);
    await p2.locator('[data-verdict="bad"]').getByText('وثيقة غير صحيحة').waitFor();
    await p2.getByText('التوقيع لا يطابق المحتوى — غُيّر شيء في الوثيقة بعد توقيعها.').waitFor();
    assert.equal(await p2.getByTestId('offline-ok').count(), 0);
    await assertAccessible(p2, 'verify (tampered QR)');
    await screenshot(p2, 'verify-tampered-360');

    // An unknown code; then the real code typed in lower case, with spaces and Arabic-Indic digits.
    await p2.goto('/verify/EG-0000-0000-0000');
    await p2.locator('[data-verdict="bad"]').getByText('غير موجودة').waitFor();
    await p2.getByText('فإن كان صحيحًا فهذه ليست وثيقة رسمية — لا تدفع لأي أحد.', { exact: false }).waitFor();
    await assertAccessible(p2, 'verify (not found)');
    await screenshot(p2, 'verify-not-found-360');
    await p2.goto('/verify');
    await assertAccessible(p2, 'verify (empty)');
    await p2.locator('#f-code').fill(toArabicDigits(code.toLowerCase().replace(/-/g, ' ')));
    await p2.getByRole('button', { name: 'تحقّق', exact: true }).click();
    await p2.waitForURL(`**/verify/${code}`);
    await p2.locator('[data-verdict="good"]').getByText('وثيقة صحيحة').waitFor();

    // The verification file, checked in the browser with no network; then a tampered copy.
    await ctx.setOffline(true);
    // The file chooser in Arabic (not the browser's «Choose File / No file chosen»): its label is the button.
    assert.equal(await page.getByLabel('اختر ملف التحقق', { exact: true }).getAttribute('id'), 'bundle-file');
    await page.locator('#bundle-file-name').getByText('لم يُختر ملف بعد').waitFor();
    await page.locator('#bundle-file').setInputFiles(bundlePath);
    await page.locator('[data-verdict="good"]').getByText('ملف صحيح').waitFor();
    await page.locator('#bundle-file-name').getByText('contract.rabt.json').waitFor();
    await assertAccessible(page, 'verify (file genuine, offline)');
    await screenshot(page, 'verify-file-genuine-360');
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as { document: { payload: string } };
    const payload = Buffer.from(bundle.document.payload, 'base64url').toString('utf8');
    const altered = payload.replace(/"amountMinor":(\d+)/, (_m, n: string) => `"amountMinor":${Number(n) * 3}`);
    assert.notEqual(altered, payload);
    const tamperedPath = join(ARTIFACTS, 'contract-tampered.rabt.json');
    writeFileSync(tamperedPath, JSON.stringify({ ...bundle, document: { ...bundle.document, payload: Buffer.from(altered).toString('base64url') } }));
    await page.locator('#bundle-file').setInputFiles(tamperedPath);
    await page.locator('[data-verdict="bad"]').getByText('ملف غير صحيح').waitFor();
    await page.getByText('التوقيع لا يطابق المحتوى — غُيّر شيء في الوثيقة بعد توقيعها.').waitFor();
    await assertAccessible(page, 'verify (file tampered, offline)');
    await screenshot(page, 'verify-file-tampered-360');
    await ctx.setOffline(false);
    await ctx.close();
  });

  test('SA: the employer sees the concluded contract with its code', async () => {
    await cluster.waitFor(async () => (await s.employer.client.get(`/api/v1/employer/contracts/${contractId}/versions/1`)).json<EmployerContract>().status === 'concluded', 'SA to see it concluded');
    const ctx = await contextOn(s.sa.url);
    const page = await ctx.newPage();
    await page.goto('/employer/sign-in');
    await page.locator('#f-login').fill(s.employer.body.establishmentNumber);
    await page.locator('#f-password').fill(VALID_PASSWORD);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/employer');
    await page.goto(`/employer/contracts/${contractId}/1`);
    await page.getByText(code).waitFor();
    await page.getByRole('button', { name: 'تعديل العقد (إصدار جديد)' }).waitFor();
    await assertAccessible(page, 'SA contract concluded');
    await screenshot(page, 'contract-sa-concluded');
    const worker = (await s.worker.get('/api/v1/worker/contracts')).json<OriginContract[]>();
    assert.equal(worker[0]!.verificationCode, code);
    await ctx.close();
  });
});

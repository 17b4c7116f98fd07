import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { StaffCourse } from '@rabt/contracts';
import { demoEmail, signInStaff, totpFor, type DemoStaff } from '../apps/api/src/testing/factories.ts';
import { FREE_TEXT_QUESTION, courseBody } from '../apps/api/src/modules/elearning/test-fixtures.ts';
import { arabicContext, assertAccessible, screenshot, signInStaffInBrowser, startHarness, type Harness } from './browser.ts';

/**
 * The trainer's course editor in Arabic (tester report 93/94, 08): a lesson and a module are corrected in
 * place; an http:// video link and an out-of-range correct option are named at their fields; the centre
 * manager's submission of a course whose bank is smaller than its draw lists the reason. axe-clean.
 */
describe('course editor corrections in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  async function staffSignIn(page: Page, who: DemoStaff): Promise<void> {
    await page.goto('/staff/sign-in');
    await page.locator('#f-email').fill(demoEmail(who));
    await page.locator('#f-password').fill('Rabt-demo-2026!');
    await page.locator('#f-totp').fill(await totpFor(h.t, demoEmail(who)));
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/staff');
  }

  test('edit a lesson, field errors at the field, submission refused with reasons', async () => {
    const api = h.t.client();
    await signInStaff(h.t, api, 'trainer');
    const c = (await api.post('/api/v1/training/courses', courseBody({ quizQuestionCount: 5 }))).json<StaffCourse>();
    const moduleId = (await api.post(`/api/v1/training/courses/${c.id}/modules`, { titleAr: 'وحدة', titleEn: 'Module' })).json<StaffCourse>().modules[0]!.id;
    await api.post(`/api/v1/training/courses/${c.id}/lessons`, { moduleId, titleAr: 'درس بخطأ إملائي', titleEn: 'Lesson', bodyAr: 'نص', bodyEn: 'Text', videoUrl: null });
    await api.post(`/api/v1/training/courses/${c.id}/questions`, { type: 'true_false', promptAr: 'سؤال', promptEn: 'Q', correct: true });

    const ctx = await arabicContext(h);
    const page = await ctx.newPage();
    await staffSignIn(page, 'trainer');
    await page.goto(`/training/courses/${c.id}`);
    await page.getByRole('heading', { level: 1, name: c.title.ar }).waitFor();
    // Correct the lesson's title in place.
    await page.getByText('درس بخطأ إملائي', { exact: true }).click();
    const lessonForm = page.getByRole('form', { name: 'تعديل الدرس «درس بخطأ إملائي»' });
    await lessonForm.locator('input[name="titleAr"]').fill('درس مصحح');
    await lessonForm.locator('input[name="videoUrl"]').fill('http://example.org/v');
    await lessonForm.getByRole('button', { name: 'حفظ التعديل' }).click();
    await lessonForm.getByText('يجب أن يبدأ الرابط بـ https://').waitFor();
    assert.equal(await lessonForm.locator('input[name="videoUrl"]').getAttribute('aria-invalid'), 'true');
    await lessonForm.locator('input[name="videoUrl"]').fill('');
    await lessonForm.getByRole('button', { name: 'حفظ التعديل' }).click();
    await page.getByText('درس مصحح', { exact: true }).waitFor();
    // A correct option beyond the options is named at its field.
    await page.locator('#q-promptAr').fill('لون السلك؟');
    await page.locator('#q-promptEn').fill('Wire colour?');
    await page.locator('#ta-optionsAr').fill('أ\nب');
    await page.locator('#q-correct').fill('٣');
    await page.getByRole('button', { name: 'إضافة سؤال' }).click();
    await page.getByText('رقم الخيار الصحيح أكبر من عدد الخيارات', { exact: true }).waitFor();
    // Buttons are styled targets of at least 24 px.
    const box = await page.getByRole('button', { name: 'إضافة سؤال' }).boundingBox();
    assert.ok(box && box.height >= 24 && box.width >= 24);
    await assertAccessible(page, 'course editor with field errors');
    await screenshot(page, 'course-editor-corrections');

    // The centre manager's submission lists why the course is not ready (bank 1, draws 5).
    const mctx = await arabicContext(h);
    const manager = await mctx.newPage();
    await staffSignIn(manager, 'centre.manager');
    await manager.goto(`/training/courses/${c.id}`);
    await manager.getByRole('button', { name: 'تقديم الدورة لإدارة التدريب' }).click();
    await manager.getByText('لا يمكن تقديم الدورة بعد:').waitFor();
    await manager.getByText(/بنك الأسئلة فيه ١ سؤال والاختبار يسحب ٥/).waitFor();
    await assertAccessible(manager, 'course not ready');
    await screenshot(manager, 'course-not-ready');
    await ctx.close();
    await mctx.close();
  });
});

/**
 * Issue 6 gaps (task H6) in the course editor: a free-text question is edited in place like the other types
 * (its length, points and graders' note filled from the stored question), and a course whose final quiz has
 * no questions shows why on the page and is refused at submission with the quiz named.
 */
describe('course editor: free-text edits and an empty final quiz', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('a free-text question is edited in place; an empty quiz bank is shown and refused at submission', async () => {
    const api = h.t.client();
    await signInStaff(h.t, api, 'trainer');
    const c = (await api.post('/api/v1/training/courses', courseBody({ titleAr: 'كتابة تقرير الصيانة', titleEn: 'Writing a maintenance report' }))).json<StaffCourse>();
    const moduleId = (await api.post(`/api/v1/training/courses/${c.id}/modules`, { titleAr: 'وحدة', titleEn: 'Module' })).json<StaffCourse>().modules[0]!.id;
    await api.post(`/api/v1/training/courses/${c.id}/lessons`, { moduleId, titleAr: 'درس', titleEn: 'Lesson', bodyAr: 'نص', bodyEn: 'Text', videoUrl: null });

    const ctx = await arabicContext(h);
    const page = await ctx.newPage();
    await signInStaffInBrowser(h, page, 'trainer');
    await page.goto(`/training/courses/${c.id}`);
    await page.getByRole('heading', { level: 1, name: c.title.ar }).waitFor();
    // No question yet: the page says the final quiz's bank is empty before anyone submits.
    await page.getByText(/بنك أسئلة الاختبار النهائي فارغ/).waitFor();

    // Centre manager: submission refused, the reason names the course's final quiz.
    const mctx = await arabicContext(h);
    const manager = await mctx.newPage();
    await signInStaffInBrowser(h, manager, 'centre.manager');
    await manager.goto(`/training/courses/${c.id}`);
    await manager.getByRole('button', { name: 'تقديم الدورة لإدارة التدريب' }).click();
    await manager.getByText('لا يمكن تقديم الدورة بعد:').waitFor();
    await manager.getByText(/الاختبار النهائي لدورة «كتابة تقرير الصيانة»: بنك الأسئلة فارغ/).waitFor();
    await assertAccessible(manager, 'course with an empty quiz bank refused');
    await screenshot(manager, 'course-empty-quiz-refused');

    // Trainer: adds a free-text question, then corrects it in place.
    await api.post(`/api/v1/training/courses/${c.id}/questions`, { ...FREE_TEXT_QUESTION, promptAr: 'صف خطوات كتابة التقرير.', promptEn: 'Describe the report steps.' });
    await page.reload();
    const item = page.locator('ol li', { hasText: 'صف خطوات كتابة التقرير.' });
    await item.locator('summary', { hasText: 'تعديل السؤال' }).click();
    const form = page.getByRole('form', { name: 'تعديل السؤال «صف خطوات كتابة التقرير.»' });
    // Filled from the stored question (Arabic-Indic digits in the Arabic UI).
    assert.equal(await form.locator('input[name="maxLength"]').inputValue(), '٣٠٠');
    assert.equal(await form.locator('input[name="maxPoints"]').inputValue(), '١٠');
    assert.equal(await form.locator('textarea[name="guidanceAr"]').inputValue(), FREE_TEXT_QUESTION.guidanceAr);
    await form.locator('input[name="promptAr"]').fill('صف خطوات كتابة تقرير الصيانة.');
    await form.locator('input[name="maxPoints"]').fill('٢٠');
    await form.locator('textarea[name="guidanceAr"]').fill('يذكر العطل والإصلاح والقطع المستبدلة.');
    await form.getByRole('button', { name: 'حفظ التعديل' }).click();
    await page.locator('ol li', { hasText: 'صف خطوات كتابة تقرير الصيانة.' }).waitFor();
    const stored = (await api.get(`/api/v1/training/courses/${c.id}`)).json<StaffCourse>().questions;
    assert.equal(stored.length, 1);
    assert.deepEqual([stored[0]!.type, stored[0]!.prompt.ar, stored[0]!.spec.maxPoints, stored[0]!.spec.maxLength, (stored[0]!.spec.guidance as { ar: string }).ar], ['free_text', 'صف خطوات كتابة تقرير الصيانة.', 20, 300, 'يذكر العطل والإصلاح والقطع المستبدلة.']);
    await page.getByText(/بنك أسئلة الاختبار النهائي فارغ/).waitFor({ state: 'detached' });
    await assertAccessible(page, 'course editor, free-text question edited');
    await screenshot(page, 'course-editor-free-text-edited');
    await ctx.close();
    await mctx.close();
  });
});

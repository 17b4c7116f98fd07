import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { VALID_PASSWORD, makeMobile, makeNationalId, toE164 } from '../apps/api/src/testing/factories.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, toArabicDigits, type Harness, signInStaffInBrowser } from './browser.ts';

/**
 * Issue 6 in the browser, in Arabic: a trainer authors a course (one lesson, a 2-question quiz), the
 * centre manager submits it, HQ training approves it; a trainee on a 360 px phone enrols, studies,
 * passes the quiz, gets the certificate code, and /verify/<code> says it is genuine. axe on every page.
 */
const PHONE = { width: 360, height: 780 };
const TITLE = 'السلامة في أعمال الكهرباء';

describe('e-learning in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('trainer authors, manager submits, HQ approves; a trainee at 360 px enrols, studies, passes and verifies the certificate', async () => {
    // --- Trainer: a course with one module, one lesson and two questions.
    const trainerCtx = await arabicContext(h);
    const trainer = await trainerCtx.newPage();
    await signInStaffInBrowser(h, trainer, 'trainer');
    await trainer.getByRole('navigation').getByRole('link', { name: 'إدارة الدورات' }).click();
    await trainer.waitForURL('**/training');
    await trainer.getByRole('heading', { level: 2, name: 'دورة جديدة' }).waitFor();
    // No courses yet: a message, not an empty table.
    await trainer.getByText('لا توجد دورات بعد.', { exact: false }).waitFor();
    assert.equal(await trainer.locator('main table').count(), 0);
    await assertAccessible(trainer, 'training courses');
    await trainer.locator('#f-titleAr').fill(TITLE);
    await trainer.locator('#f-titleEn').fill('Electrical safety');
    await trainer.locator('#ta-descriptionAr').fill('قواعد العمل الآمن في التمديدات الكهربائية.');
    await trainer.locator('#ta-descriptionEn').fill('Safe working rules for electrical wiring.');
    await trainer.locator('#f-isco').fill('٧٤١١');
    await trainer.locator('#f-quizQuestionCount').fill('٢');
    await trainer.locator('#f-quizPassPercent').fill('٥٠');
    await trainer.getByRole('button', { name: 'إنشاء', exact: true }).click();
    await trainer.waitForURL('**/training/courses/*');
    const courseId = trainer.url().split('/').pop()!;
    await trainer.locator('#m-titleAr').fill('الأساسيات');
    await trainer.locator('#m-titleEn').fill('Basics');
    await trainer.getByRole('button', { name: 'إضافة وحدة' }).click();
    await trainer.locator('#l-titleAr').waitFor();
    await trainer.locator('#l-titleAr').fill('افصل التيار أولًا');
    await trainer.locator('#l-titleEn').fill('Power off first');
    await trainer.locator('#ta-bodyAr').fill('# القاعدة الأولى\nافصل التيار من اللوحة قبل أي عمل.\n\n- تأكد بجهاز الاختبار\n- ضع لافتة تحذير');
    await trainer.locator('#ta-bodyEn').fill('Switch the power off at the board before any work.');
    await trainer.getByRole('button', { name: 'إضافة درس' }).click();
    await trainer.getByText('افصل التيار أولًا', { exact: true }).waitFor();
    await trainer.locator('#q-promptAr').fill('يجب فصل التيار قبل العمل.');
    await trainer.locator('#q-promptEn').fill('Power must be off before work.');
    await trainer.locator('#q-type').selectOption('true_false');
    await trainer.getByLabel('الإجابة الصحيحة: صح').check();
    await trainer.getByRole('button', { name: 'إضافة سؤال' }).click();
    await trainer.locator('ol li', { hasText: 'يجب فصل التيار قبل العمل.' }).waitFor();
    await trainer.locator('#q-type').selectOption('single_choice');
    await trainer.locator('#q-promptAr').fill('لون السلك الأرضي؟');
    await trainer.locator('#q-promptEn').fill('Earth wire colour?');
    await trainer.locator('#ta-optionsAr').fill('أحمر\nأخضر وأصفر');
    await trainer.locator('#ta-optionsEn').fill('Red\nGreen/yellow');
    await trainer.locator('#q-correct').fill('٢');
    await trainer.getByRole('button', { name: 'إضافة سؤال' }).click();
    await trainer.locator('ol li', { hasText: 'لون السلك الأرضي؟' }).waitFor();
    await assertAccessible(trainer, 'course editor');
    await screenshot(trainer, 'elearning-editor-ar-desktop');

    // --- Centre manager submits; HQ training approves.
    const managerCtx = await arabicContext(h);
    const manager = await managerCtx.newPage();
    await signInStaffInBrowser(h, manager, 'centre.manager');
    await manager.goto(`/training/courses/${courseId}`);
    await manager.getByRole('button', { name: 'تقديم الدورة لإدارة التدريب' }).click();
    await manager.getByText('مقدمة للاعتماد').waitFor();
    await assertAccessible(manager, 'course submitted');

    const hqCtx = await arabicContext(h);
    const hq = await hqCtx.newPage();
    await signInStaffInBrowser(h, hq, 'training.hq');
    await hq.goto(`/training/courses/${courseId}`);
    await hq.getByRole('button', { name: 'اعتماد ونشر' }).click();
    await hq.getByText('منشورة', { exact: true }).waitFor();
    await assertAccessible(hq, 'course approved');

    // --- Trainee on a phone.
    const phoneCtx = await arabicContext(h, PHONE);
    const p = await phoneCtx.newPage();
    const mobile = makeMobile();
    await p.goto('/register');
    await p.locator('#f-nationalId').fill(toArabicDigits(makeNationalId({ governorate: '01' })));
    await p.locator('#f-nameAr').fill('يوسف أحمد عبد الله');
    await p.locator('#f-nameLatin').fill('Youssef Ahmed Abdallah');
    await p.locator('#f-mobile').fill(mobile);
    await p.locator('#f-password').fill(VALID_PASSWORD);
    await p.getByRole('button', { name: 'إنشاء الحساب' }).click();
    await p.waitForURL('**/verify-mobile');
    const row = await h.t.node.database.db.selectFrom('notification_outbox').select('body_en').where('recipient', '=', toE164(mobile)).executeTakeFirstOrThrow();
    await p.locator('#f-code').fill(/(\d{6})/.exec(row.body_en)![1]!);
    await p.getByRole('button', { name: 'تأكيد' }).click();
    await p.waitForURL('**/account');

    await p.goto('/courses?isco=74');
    await p.getByRole('heading', { level: 1, name: 'الدورات التدريبية المهنية' }).waitFor();
    await p.getByRole('link', { name: TITLE }).waitFor();
    // Arabic plural of the lesson count (one lesson: «درس واحد», never «١ درس»).
    await p.locator('.card', { has: p.getByRole('link', { name: TITLE }) }).getByText('درس واحد').waitFor();
    await assertAccessible(p, 'catalogue');
    // A lesson opened before enrolling leads to the course page (where "Enrol" is), not a dead end.
    const firstLesson = await h.t.node.database.db.selectFrom('lessons').select('id').where('course_id', '=', courseId).executeTakeFirstOrThrow();
    await p.goto(`/learn/${courseId}/${firstLesson.id}`);
    await p.getByRole('link', { name: 'افتح صفحة الدورة وسجّل فيها' }).click();
    await p.waitForURL(`**/courses/${courseId}`);
    await p.goto('/courses?isco=74');
    await screenshot(p, 'elearning-catalogue-ar-phone');
    await p.getByRole('link', { name: TITLE }).click();
    await p.waitForURL(`**/courses/${courseId}`);
    await assertAccessible(p, 'course detail');
    await p.getByText(/اختبار من سؤالين خلال/).waitFor();
    // The outline numbers lessons in Arabic-Indic digits.
    assert.equal(await p.locator('ol.outline').first().evaluate((el) => getComputedStyle(el).listStyleType), 'arabic-indic');
    await p.getByRole('button', { name: 'سجّل في الدورة' }).click();
    await p.waitForURL(`**/learn/${courseId}/*`);
    await p.getByRole('heading', { level: 1, name: 'افصل التيار أولًا' }).waitFor();
    await p.getByRole('heading', { level: 2, name: 'القاعدة الأولى' }).waitFor();
    await assertAccessible(p, 'lesson');
    await screenshot(p, 'elearning-lesson-ar-phone');
    await p.getByRole('button', { name: 'أنهيت هذا الدرس' }).click();
    await p.locator('.actions .done').waitFor();
    await p.getByRole('link', { name: 'ابدأ الاختبار' }).click();
    await p.waitForURL(`**/learn/${courseId}/quiz`);
    await p.getByRole('button', { name: 'ابدأ الاختبار' }).click();
    await p.getByRole('timer').waitFor();
    await assertAccessible(p, 'quiz');
    await screenshot(p, 'elearning-quiz-ar-phone');
    await p.getByRole('group', { name: /يجب فصل التيار/ }).getByLabel('صح').check();
    await p.getByRole('group', { name: /لون السلك الأرضي/ }).getByLabel('أخضر وأصفر').check();
    await p.getByRole('button', { name: 'سلّم الإجابات' }).click();
    await p.getByText('نجحت في الاختبار.').waitFor();
    const code = ((await p.locator('.certificate bdi').first().textContent()) ?? '').trim();
    assert.match(code, /^EG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await assertAccessible(p, 'quiz result');
    await screenshot(p, 'elearning-result-ar-phone');
    // Passed: the quiz page offers no new attempt.
    await p.goto(`/learn/${courseId}/quiz`);
    await p.getByRole('heading', { level: 1, name: 'الاختبار' }).waitFor();
    await p.getByRole('link', { name: TITLE }).waitFor();
    assert.equal(await p.getByRole('button', { name: 'ابدأ الاختبار' }).count(), 0);

    await p.goto('/my-learning');
    await p.getByRole('heading', { level: 1, name: 'تعلّمي' }).waitFor();
    await screenshot(p, 'elearning-my-learning-ar-phone');
    await p.locator('.certificate bdi', { hasText: code }).waitFor();
    await assertAccessible(p, 'my learning');

    const anyone = await (await arabicContext(h, PHONE)).newPage();
    await anyone.goto(`/verify/${code}`);
    await anyone.getByText('وثيقة صحيحة').first().waitFor();
    await anyone.getByText('١٠٠٪', { exact: true }).waitFor(); // the score in Arabic-Indic digits
    await assertAccessible(anyone, 'verify certificate');
    await screenshot(anyone, 'elearning-verify-ar-phone');
  });
});

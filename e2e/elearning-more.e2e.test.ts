import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { StaffCourse } from '@rabt/contracts';
import { VALID_PASSWORD, registerCitizen, signInStaff } from '../apps/api/src/testing/factories.ts';
import { TRUE_FALSE_QUESTION, courseBody } from '../apps/api/src/modules/elearning/test-fixtures.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, toArabicDigits, type Harness, signInStaffInBrowser } from './browser.ts';

/**
 * Issue 6 §2, §3, §9 in the browser, in Arabic: the trainer adds a free-text question in the course editor;
 * the centre manager enrols a registered trainee by mobile number; the trainee on a 360 px phone finds the
 * course in "My learning", answers the written question, and waits for grading; the trainer grades it from
 * the queue; the trainee sees the score, points and feedback; the reports show the numbers, each chart with
 * its table. axe on every page.
 */
const PHONE = { width: 360, height: 780 };
const TITLE = 'أساسيات اللحام الآمن';
const PROMPT = 'اشرح لماذا نرتدي قناع اللحام.';
const ANSWER = 'لحماية العينين والوجه من الشرر والأشعة فوق البنفسجية.';
const FEEDBACK = 'إجابة جيدة؛ اذكر أيضًا حماية الجلد.';

describe('e-learning grading, centre enrolment and reports in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('a written answer is graded by the trainer and seen by the trainee; the centre enrols; the report shows the numbers', async () => {
    // --- A draft course (API: authoring is covered by elearning.e2e), then the free-text question in the editor.
    const api = { trainer: h.t.client(), manager: h.t.client(), hq: h.t.client() };
    await signInStaff(h.t, api.trainer, 'trainer');
    await signInStaff(h.t, api.manager, 'centre.manager');
    await signInStaff(h.t, api.hq, 'training.hq');
    const draft = (await api.trainer.post('/api/v1/training/courses', courseBody({ titleAr: TITLE, titleEn: 'Safe welding basics', isco: '7212', quizPassPercent: 60, quizQuestionCount: 2 }))).json<StaffCourse>();
    const courseId = draft.id;
    const moduleId = (await api.trainer.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'السلامة', titleEn: 'Safety' })).json<StaffCourse>().modules[0]!.id;
    await api.trainer.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: 'معدات الوقاية', titleEn: 'Protective equipment', bodyAr: 'ارتدِ القناع والقفازات.', bodyEn: 'Wear the mask and gloves.', videoUrl: null });
    await api.trainer.post(`/api/v1/training/courses/${courseId}/questions`, { ...TRUE_FALSE_QUESTION, promptAr: 'يُرتدى القناع أثناء اللحام.', promptEn: 'The mask is worn while welding.' });

    const trainerCtx = await arabicContext(h);
    const trainer = await trainerCtx.newPage();
    await signInStaffInBrowser(h, trainer, 'trainer');
    await trainer.goto(`/training/courses/${courseId}`);
    await trainer.locator('#q-type').selectOption('free_text');
    await trainer.locator('#q-promptAr').fill(PROMPT);
    await trainer.locator('#q-promptEn').fill('Explain why we wear a welding mask.');
    await trainer.locator('#q-maxLength').fill('٢٠٠');
    await trainer.locator('#q-maxPoints').fill('١٠');
    await trainer.locator('#ta-guidanceAr').fill('العينان والوجه من الشرر والأشعة.');
    await trainer.getByRole('button', { name: 'إضافة سؤال' }).click();
    await trainer.locator('ol li', { hasText: PROMPT }).waitFor();
    await trainer.locator('ol li', { hasText: 'إجابة نصية يصححها المدرب' }).waitFor();
    await assertAccessible(trainer, 'course editor with a free-text question');
    assert.equal((await api.manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
    assert.equal((await api.hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);

    // --- A registered trainee; the centre manager enrols them by mobile number (Arabic-Indic digits).
    const traineeApi = h.t.client();
    const trainee = await registerCitizen(h.t, traineeApi, { nameAr: 'كريم حسن إبراهيم', nameLatin: 'Karim Hassan Ibrahim' });
    const managerCtx = await arabicContext(h);
    const manager = await managerCtx.newPage();
    await signInStaffInBrowser(h, manager, 'centre.manager');
    await manager.getByRole('navigation').getByRole('link', { name: 'إدارة الدورات' }).click();
    await manager.waitForURL('**/training');
    await manager.getByRole('navigation', { name: 'أدوات التدريب' }).getByRole('link', { name: 'تسجيل المتدربين في الدورات' }).click();
    await manager.waitForURL('**/training/enrolments');
    await manager.locator('#enrol-courseId').selectOption({ label: TITLE });
    await manager.locator('#enrol-account').fill('٠١٢٣٤٥٦٧٨٩٠');
    await manager.getByRole('button', { name: 'تسجيل المتدرب' }).click();
    await manager.getByText('لا يوجد حساب مؤكَّد بهذا الرقم أو البريد', { exact: false }).waitFor();
    await assertAccessible(manager, 'enrolment refused');
    await manager.locator('#enrol-courseId').selectOption({ label: TITLE });
    await manager.locator('#enrol-account').fill(toArabicDigits(trainee.mobile));
    await manager.getByRole('button', { name: 'تسجيل المتدرب' }).click();
    await manager.getByText(`سُجّل كريم حسن إبراهيم في «${TITLE}».`).waitFor();
    await manager.locator('table tbody tr', { hasText: 'كريم حسن إبراهيم' }).getByText('هبة مصطفى').waitFor();
    await assertAccessible(manager, 'centre enrolments');
    await screenshot(manager, 'elearning-centre-enrol-ar-desktop');

    // --- The trainee on a phone: My learning, the lesson, the quiz with a written answer.
    const phoneCtx = await arabicContext(h, PHONE);
    const p = await phoneCtx.newPage();
    await p.goto('/sign-in');
    await p.locator('#f-nationalId').fill(toArabicDigits(trainee.nationalId));
    await p.locator('#f-password').fill(VALID_PASSWORD);
    await p.getByRole('button', { name: 'دخول', exact: true }).click();
    await p.waitForURL('**/account');
    await p.goto('/my-learning');
    await p.getByRole('link', { name: TITLE }).click();
    await p.waitForURL(`**/courses/${courseId}`);
    await p.getByRole('link', { name: 'تابع التعلم' }).click();
    await p.getByRole('button', { name: 'أنهيت هذا الدرس' }).click();
    await p.getByRole('link', { name: 'ابدأ الاختبار' }).click();
    await p.waitForURL(`**/learn/${courseId}/quiz`);
    await p.getByRole('button', { name: 'ابدأ الاختبار' }).click();
    await p.getByRole('timer').waitFor();
    await p.getByRole('group', { name: /يُرتدى القناع/ }).getByLabel('صح').check();
    const box = p.getByRole('group', { name: new RegExp(PROMPT.slice(0, 10)) }).getByRole('textbox', { name: 'إجابتك' });
    assert.equal(await box.getAttribute('maxlength'), '200');
    await box.fill(ANSWER);
    await p.getByText(`${toArabicDigits(String([...ANSWER].length))} من ٢٠٠ حرف`).waitFor();
    await assertAccessible(p, 'quiz with a written answer');
    await screenshot(p, 'elearning-free-text-ar-phone');
    await p.getByRole('button', { name: 'سلّم الإجابات' }).click();
    await p.getByRole('heading', { name: 'سُلّمت إجاباتك' }).waitFor();
    await p.getByText('الأسئلة المصححة تلقائيًا: ١ صحيحة من ١.').waitFor();
    await assertAccessible(p, 'awaiting grading');
    await screenshot(p, 'elearning-awaiting-grading-ar-phone');

    // --- The trainer grades it from the queue.
    await trainer.goto('/training');
    await trainer.getByRole('navigation', { name: 'أدوات التدريب' }).getByRole('link', { name: 'تصحيح الإجابات النصية' }).click();
    await trainer.waitForURL('**/training/grading');
    const row = trainer.locator('table tbody tr', { hasText: 'كريم حسن إبراهيم' });
    await row.waitFor();
    await assertAccessible(trainer, 'grading queue');
    await screenshot(trainer, 'elearning-grading-queue-ar-desktop');
    await row.getByRole('link', { name: /صحّح/ }).click();
    await trainer.waitForURL('**/training/grading/*');
    await trainer.locator('blockquote', { hasText: ANSWER }).waitFor();
    await trainer.getByText('العينان والوجه من الشرر والأشعة.', { exact: false }).waitFor();
    await trainer.getByLabel('الدرجة (من ١٠)').fill('٨');
    await trainer.getByLabel('ملاحظات للمتدرب (تظهر له مع النتيجة)').fill(FEEDBACK);
    await assertAccessible(trainer, 'grading form');
    await screenshot(trainer, 'elearning-grading-form-ar-desktop');
    await trainer.getByRole('button', { name: 'اعتماد التصحيح' }).click();
    // True/false right (1) + 8/10, each question half: 90 %.
    await trainer.getByText('الدرجة النهائية ٩٠٪ (النجاح من ٦٠٪)').waitFor();
    await assertAccessible(trainer, 'graded attempt');

    // --- The trainee sees the score, the points and the feedback; the course is completed.
    await p.goto(`/courses/${courseId}`);
    await p.getByRole('link', { name: 'نتائج الاختبار وملاحظات المدرب' }).click();
    await p.waitForURL(`**/learn/${courseId}/results`);
    await p.getByText('الدرجة ٩٠٪').waitFor();
    await p.getByText('٨ من ١٠').waitFor();
    await p.getByText(FEEDBACK).waitFor();
    await p.locator('blockquote', { hasText: ANSWER }).waitFor();
    await assertAccessible(p, 'results with feedback');
    await screenshot(p, 'elearning-results-ar-phone');
    await p.goto('/my-learning');
    await p.locator('.certificate bdi').first().waitFor();

    // --- Reports: the centre manager's report counts the enrolment, the completion and the score.
    await manager.goto('/training');
    await manager.getByRole('navigation', { name: 'أدوات التدريب' }).getByRole('link', { name: 'تقارير التدريب الإلكتروني' }).click();
    await manager.waitForURL('**/training/reports');
    const counts = manager.locator('section[data-table="courses-counts"] table tbody tr', { hasText: TITLE });
    await counts.waitFor();
    assert.deepEqual(await counts.locator('td').allTextContents(), ['١', '١', '٠']);
    const rates = manager.locator('section[data-table="courses-rates"] table tbody tr', { hasText: TITLE });
    assert.deepEqual((await rates.locator('td').allTextContents()).slice(0, 2), ['١٠٠', '٩٠']);
    await manager.locator('section[data-table="courses-counts"] figure[role="img"] svg').first().waitFor();
    await manager.locator('section[data-table="centres-rates"] table').waitFor();
    const csv = await manager.locator('section[data-table="courses-counts"] a[download]').getAttribute('href');
    const body = await manager.evaluate((u) => fetch(u!).then((r) => r.text()), csv);
    // Arabic by default (the page's language): course, centre, centre code, status, then the measures.
    assert.ok(body.replace(/^\uFEFF/, '').startsWith('الدورة,مركز التدريب,رمز المركز,حالة الدورة,المسجلون,أتمّوا'), body);
    assert.ok(body.includes(`${TITLE},مركز التدريب المهني بشبرا الخيمة (تجريبي),DEMO-VTC-SHUBRA,منشورة,1,1,100,90,1,0,`), body);
    await assertAccessible(manager, 'reports');
    await screenshot(manager, 'elearning-reports-ar-desktop');
    const phoneManager = await (await arabicContext(h, PHONE)).newPage();
    await signInStaffInBrowser(h, phoneManager, 'centre.manager');
    await phoneManager.goto('/training/reports');
    await phoneManager.locator('section[data-table="courses-rates"] figure[role="img"] svg').first().waitFor();
    await assertAccessible(phoneManager, 'reports on a phone');
    await screenshot(phoneManager, 'elearning-reports-ar-phone');
    const width = await phoneManager.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `the report page fits 360 px (scrollWidth ${width})`);
  });
});

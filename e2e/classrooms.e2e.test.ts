import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { StaffCourse } from '@rabt/contracts';
import { VALID_PASSWORD, makeMobile, makeNationalId, signInStaff, toE164 } from '../apps/api/src/testing/factories.ts';
import { arabicContext, assertAccessible, screenshot, startHarness, toArabicDigits, type Harness, signInStaffInBrowser } from './browser.ts';

/**
 * Issue 6 §5 in the browser, in Arabic: a course that requires one attended live session. The trainer
 * sets the requirement and schedules a session; a trainee on a 360 px phone enrols, books a seat, studies,
 * passes the quiz (no certificate yet), joins the class when the join window opens (the built-in room
 * page records attendance) and gets the certificate, which verifies. The trainer then sees the attendance
 * and links the recording, which the trainee sees. axe on every page; screenshots in .test-artifacts/screens.
 */
const PHONE = { width: 360, height: 780 };
const MINUTE = 60_000;
const TITLE = 'أساسيات اللحام الآمن';
const SESSION = 'جلسة تطبيقية مباشرة: وضعيات اللحام';

describe('virtual classrooms in the Arabic UI', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('the trainer requires and schedules a class; a trainee at 360 px books, passes the quiz, attends the class, then gets the certificate; attendance and the recording follow', async () => {
    // --- A draft course (one lesson, one question), authored through the API: authoring in the browser is elearning.e2e.test.ts.
    const api = h.t.client();
    await signInStaff(h.t, api, 'trainer');
    const course = (
      await api.post('/api/v1/training/courses', {
        titleAr: TITLE,
        titleEn: 'Safe welding basics',
        descriptionAr: 'دورة قصيرة مع جلسة تطبيقية مباشرة.',
        descriptionEn: 'A short course with a live practical session.',
        isco: '7212',
        skillLevel: null,
        quizQuestionCount: 1,
        quizTimeLimitMinutes: 10,
        quizMaxAttempts: 3,
        quizPassPercent: 50,
        prerequisiteIds: [],
      })
    ).json<StaffCourse>();
    const courseId = course.id;
    const moduleId = (await api.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'السلامة', titleEn: 'Safety' })).json<StaffCourse>().modules[0]!.id;
    await api.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: 'القناع والقفازات', titleEn: 'Mask and gloves', bodyAr: 'البس قناع اللحام والقفازات الجلدية دائمًا.', bodyEn: 'Always wear the welding mask and leather gloves.', videoUrl: null });
    await api.post(`/api/v1/training/courses/${courseId}/questions`, { type: 'true_false', promptAr: 'قناع اللحام ضروري.', promptEn: 'A welding mask is needed.', correct: true });

    // --- Trainer (browser): the requirement "attend one live session", set with the draft.
    const trainerCtx = await arabicContext(h);
    const trainer = await trainerCtx.newPage();
    await signInStaffInBrowser(h, trainer, 'trainer');
    await trainer.goto(`/training/courses/${courseId}`);
    await trainer.getByRole('link', { name: 'الجلسات المباشرة (الفصول الافتراضية)' }).click();
    await trainer.waitForURL(`**/training/courses/${courseId}/sessions`);
    await trainer.getByRole('heading', { level: 1, name: `الجلسات المباشرة — ${TITLE}` }).waitFor();
    await trainer.locator('#req-requiredSessionsAttended').fill('١');
    await trainer.getByRole('button', { name: 'حفظ', exact: true }).click();
    await trainer.getByText('الجلسات التي يجب حضورها لإتمام الدورة: ١').waitFor();
    await assertAccessible(trainer, 'trainer sessions (draft)');

    // Centre manager submits, HQ training approves (the publication workflow is elearning.e2e.test.ts).
    const manager = h.t.client();
    await signInStaff(h.t, manager, 'centre.manager');
    assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
    const hq = h.t.client();
    await signInStaff(h.t, hq, 'training.hq');
    assert.equal((await hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);

    // --- Trainer schedules a session starting in 20 minutes (server clock), entered in the device's local time.
    await trainer.reload();
    await trainer.getByRole('heading', { level: 2, name: 'جدولة جلسة جديدة' }).waitFor();
    const startMs = h.t.clock.now().getTime() + 20 * MINUTE;
    // The browser's local wall-clock time of that instant (datetime-local has no zone). No named helpers inside: tsx would inject __name.
    const local = await trainer.evaluate((ms) => {
      const d = new Date(ms);
      return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()].map((n) => String(n).padStart(2, '0'));
    }, startMs);
    const [yy, mo, dd, hh, mi] = local;
    await trainer.locator('#ls-titleAr').fill(SESSION);
    await trainer.locator('#ls-titleEn').fill('Live practical: welding positions');
    await trainer.locator('#ls-startsAt').fill(`${yy}-${mo}-${dd}T${hh}:${mi}`);
    await trainer.locator('#ls-durationMinutes').fill('٤٥');
    await trainer.locator('#ls-capacity').fill('٢٠');
    await trainer.getByRole('button', { name: 'جدولة', exact: true }).click();
    await trainer.getByRole('heading', { level: 3, name: SESSION }).waitFor();
    await trainer.getByText('المحجوز ٠ من ٢٠ مقعدًا').waitFor();
    await assertAccessible(trainer, 'trainer sessions (scheduled)');
    await screenshot(trainer, 'classrooms-trainer-ar-desktop');

    // --- Trainee on a phone: register, enrol, book a seat.
    const phoneCtx = await arabicContext(h, PHONE);
    const p = await phoneCtx.newPage();
    const mobile = makeMobile();
    await p.goto('/register');
    await p.locator('#f-nationalId').fill(toArabicDigits(makeNationalId({ governorate: '01' })));
    await p.locator('#f-nameAr').fill('سارة محمود حسن');
    await p.locator('#f-nameLatin').fill('Sara Mahmoud Hassan');
    await p.locator('#f-mobile').fill(mobile);
    await p.locator('#f-password').fill(VALID_PASSWORD);
    await p.getByRole('button', { name: 'إنشاء الحساب' }).click();
    await p.waitForURL('**/verify-mobile');
    const row = await h.t.node.database.db.selectFrom('notification_outbox').select('body_en').where('recipient', '=', toE164(mobile)).executeTakeFirstOrThrow();
    await p.locator('#f-code').fill(/(\d{6})/.exec(row.body_en)![1]!);
    await p.getByRole('button', { name: 'تأكيد' }).click();
    await p.waitForURL('**/account');

    await p.goto(`/courses/${courseId}`);
    await p.getByRole('heading', { level: 2, name: 'الجلسات المباشرة' }).waitFor();
    await p.getByText('سجّل في الدورة لتحجز مقعدًا في جلساتها المباشرة.').waitFor();
    await p.getByRole('button', { name: 'سجّل في الدورة' }).click();
    await p.waitForURL(`**/learn/${courseId}/*`);
    await p.goto(`/courses/${courseId}`);
    await p.getByText('لإتمام هذه الدورة والحصول على الشهادة احضر جلسة مباشرة واحدة. حضرت حتى الآن: ٠.').waitFor();
    await p.getByRole('button', { name: 'احجز مقعدًا' }).click();
    await p.getByText('✓ محجوز لك').waitFor();
    await assertAccessible(p, 'course with a booked session');
    await screenshot(p, 'classrooms-booked-ar-phone');

    // --- Study and pass the quiz: no certificate yet, the class is still required.
    await p.getByRole('link', { name: 'تابع التعلم' }).click();
    await p.getByRole('button', { name: 'أنهيت هذا الدرس' }).click();
    await p.locator('.actions .done').first().waitFor();
    await p.getByRole('link', { name: 'ابدأ الاختبار' }).click();
    await p.waitForURL(`**/learn/${courseId}/quiz`);
    await p.getByRole('button', { name: 'ابدأ الاختبار' }).click();
    await p.getByRole('group', { name: /قناع اللحام ضروري/ }).getByLabel('صح').check();
    await p.getByRole('button', { name: 'سلّم الإجابات' }).click();
    await p.getByText('نجحت في الاختبار.').waitFor();
    await p.getByText(/احضر جلسة مباشرة واحدة/).waitFor();
    assert.equal(await p.locator('.certificate').count(), 0, 'no certificate before the class');
    await assertAccessible(p, 'quiz passed, class pending');
    await screenshot(p, 'classrooms-quiz-passed-ar-phone');

    // --- Twelve minutes before the start the join window is open: the trainee joins from the course page.
    h.t.clock.advance(8 * MINUTE);
    await p.goto(`/courses/${courseId}`);
    await p.getByText('الدخول متاح الآن').waitFor();
    await p.getByRole('link', { name: 'ادخل الجلسة' }).click();
    await p.waitForURL('**/classroom/*');
    await p.getByRole('heading', { level: 1, name: SESSION }).waitFor();
    await p.getByText('سُجّل حضورك في هذه الجلسة.').waitFor();
    await p.getByText(/لا تنقل الصوت ولا الصورة/).waitFor();
    await p.getByText('اكتملت الدورة وصدرت شهادتك.').waitFor();
    const code = ((await p.locator('bdi.code').first().textContent()) ?? '').trim();
    assert.match(code, /^EG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await assertAccessible(p, 'classroom room page');
    await screenshot(p, 'classrooms-room-ar-phone');

    await p.goto('/my-learning');
    await p.locator('.certificate bdi', { hasText: code }).waitFor();
    await assertAccessible(p, 'my learning with certificate');
    const anyone = await (await arabicContext(h, PHONE)).newPage();
    await anyone.goto(`/verify/${code}`);
    await anyone.getByText('وثيقة صحيحة').first().waitFor();

    // --- After the start: the trainer sees the attendance recorded on join and links the recording.
    h.t.clock.advance(13 * MINUTE);
    await trainer.reload();
    await trainer.locator('summary', { hasText: 'الحضور' }).click();
    const present = trainer.getByRole('checkbox', { name: 'حضر: سارة محمود حسن' });
    await present.waitFor();
    assert.equal(await present.isChecked(), true, 'attendance was recorded on join');
    await trainer.locator('[id^="rec-"][id$="-url"]').fill('https://video.example.org/welding/positions');
    await trainer.getByRole('button', { name: 'حفظ رابط التسجيل' }).click();
    await trainer.getByRole('link', { name: 'مشاهدة تسجيل الجلسة' }).waitFor();
    await trainer.getByRole('button', { name: 'حفظ الحضور' }).click();
    await trainer.getByText('(سجّله المدرب)').waitFor();
    await assertAccessible(trainer, 'trainer attendance and recording');
    await screenshot(trainer, 'classrooms-attendance-ar-desktop');

    const trainerPhone = await (await arabicContext(h, PHONE)).newPage();
    await signInStaffInBrowser(h, trainerPhone, 'trainer');
    await trainerPhone.goto(`/training/courses/${courseId}/sessions`);
    await trainerPhone.getByRole('heading', { level: 3, name: SESSION }).waitFor();
    await assertAccessible(trainerPhone, 'trainer sessions on a phone');
    await screenshot(trainerPhone, 'classrooms-trainer-ar-phone');

    await p.goto(`/courses/${courseId}`);
    await p.getByRole('link', { name: 'مشاهدة تسجيل الجلسة' }).waitFor();
    await p.getByText('✓ حضرت هذه الجلسة').waitFor();
    await assertAccessible(p, 'course after the class');
    await screenshot(p, 'classrooms-after-ar-phone');
  });
});

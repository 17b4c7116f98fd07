import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProblemDetails, StaffCourse } from '@rabt/contracts';
import { signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { TRUE_FALSE_QUESTION, courseBody } from './test-fixtures.ts';

/**
 * Correcting a course after adding to it (tester report 93/94): modules, lessons and questions are edited
 * and deleted, and quiz settings changed, while the course is a draft or returned; afterwards 409
 * `course_not_editable`. Submission is refused (422 `course_not_ready`, reasons in `errors`) for a course
 * without lessons, a module without lessons, an empty final-quiz bank, or a quiz bank smaller than its draw. Field errors name the
 * field: an http:// video link, a correct option beyond the options, a blank return reason (`required` at `/reason`; the page words it "اكتب سبب الإرجاع").
 */
for (const target of testTargets()) {
  describe(`course authoring corrections (${target})`, () => {
    let t: TestNode;
    let trainer: TestClient;
    let manager: TestClient;
    let hq: TestClient;

    before(async () => {
      t = await createTestNode(target);
      trainer = t.client();
      manager = t.client();
      hq = t.client();
      await signInStaff(t, trainer, 'trainer');
      await signInStaff(t, manager, 'centre.manager');
      await signInStaff(t, hq, 'training.hq');
    });
    after(() => t.close());

    const auditActions = async (courseId: string) =>
      (await t.node.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', courseId).orderBy('seq').execute()).map((r) => r.action);
    const codes = (r: { json: <T>() => T }) => (r.json<ProblemDetails>().errors ?? []).map((e) => `${e.pointer} ${e.code}`);

    test('modules, lessons, questions and quiz settings are corrected on a draft, audited; then locked once submitted', async () => {
      const c = (await trainer.post('/api/v1/training/courses', courseBody({ quizQuestionCount: 5 }))).json<StaffCourse>();
      const id = c.id;
      const m1 = (await trainer.post(`/api/v1/training/courses/${id}/modules`, { titleAr: 'وحدة', titleEn: 'Modul' })).json<StaffCourse>().modules[0]!.id;
      // Empty course, empty module, empty bank-vs-draw: refused with each reason listed.
      const empty = await manager.post(`/api/v1/training/courses/${id}/submit`);
      assert.equal(empty.statusCode, 422, empty.body);
      assert.equal(empty.json<ProblemDetails>().code, 'course_not_ready');
      assert.deepEqual(codes(empty), ['/modules course_no_lessons', `/modules/${m1}/lessons module_no_lessons`, '/quiz/bankSize quiz_bank_empty']);
      assert.ok(empty.json<ProblemDetails>().errors!.every((e) => e.message.ar && e.message.en));

      const renamed = await trainer.patch(`/api/v1/training/modules/${m1}`, { titleEn: 'Module 1' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual(renamed.json<StaffCourse>().modules[0]!.title, { ar: 'وحدة', en: 'Module 1' });
      const m2 = (await trainer.post(`/api/v1/training/courses/${id}/modules`, { titleAr: 'زائدة', titleEn: 'Extra' })).json<StaffCourse>().modules[1]!.id;
      const lesson = (body: Record<string, unknown>) => trainer.post(`/api/v1/training/courses/${id}/lessons`, { titleAr: 'درس بخطأ', titleEn: 'Lesson', bodyAr: 'نص', bodyEn: 'Text', videoUrl: null, ...body });
      const l1 = (await lesson({ moduleId: m1 })).json<StaffCourse>().modules[0]!.lessons[0]!.id;
      await lesson({ moduleId: m2 });
      const fixed = await trainer.patch(`/api/v1/training/lessons/${l1}`, { titleAr: 'درس مصحح', videoUrl: 'https://example.org/v' });
      assert.equal(fixed.statusCode, 200, fixed.body);
      assert.equal(fixed.json<StaffCourse>().modules[0]!.lessons[0]!.title.ar, 'درس مصحح');
      // Deleting a module takes its lessons with it; deleting a lesson removes just that lesson.
      const noM2 = await trainer.delete(`/api/v1/training/modules/${m2}`);
      assert.equal(noM2.statusCode, 200, noM2.body);
      assert.deepEqual(noM2.json<StaffCourse>().modules.map((m) => m.id), [m1]);
      assert.equal(await t.node.database.db.selectFrom('lessons').select('id').where('module_id', '=', m2).executeTakeFirst(), undefined);
      const l2 = (await lesson({ moduleId: m1, titleAr: 'للحذف' })).json<StaffCourse>().modules[0]!.lessons[1]!.id;
      const noL2 = await trainer.delete(`/api/v1/training/lessons/${l2}`);
      assert.equal(noL2.statusCode, 200, noL2.body);
      assert.deepEqual(noL2.json<StaffCourse>().modules[0]!.lessons.map((l) => l.id), [l1]);

      // A question is replaced (type and all); a bank of 2 drawing 5 is refused, the quiz setting is corrected.
      const q = (await trainer.post(`/api/v1/training/courses/${id}/questions`, TRUE_FALSE_QUESTION)).json<StaffCourse>().questions[0]!.id;
      await trainer.post(`/api/v1/training/courses/${id}/questions`, { ...TRUE_FALSE_QUESTION, promptEn: 'Second' });
      const tooFew = await manager.post(`/api/v1/training/courses/${id}/submit`);
      assert.equal(tooFew.statusCode, 422, tooFew.body);
      assert.deepEqual(codes(tooFew), ['/quiz/bankSize quiz_bank_too_small']);
      const edited = await trainer.patch(`/api/v1/training/questions/${q}`, { type: 'single_choice', promptAr: 'لون السلك الأرضي؟', promptEn: 'Earth wire?', options: [{ ar: 'أخضر وأصفر', en: 'Green-yellow' }, { ar: 'أحمر', en: 'Red' }], correct: 0 });
      assert.equal(edited.statusCode, 200, edited.body);
      const eq = edited.json<StaffCourse>().questions.find((x) => x.id === q)!;
      assert.equal(eq.type, 'single_choice');
      assert.deepEqual(eq.spec.correct, ['o1']);
      const settings = await trainer.patch(`/api/v1/training/courses/${id}`, { quizQuestionCount: '٢', quizTimeLimitMinutes: 20, quizMaxAttempts: 4, quizPassPercent: 70 });
      assert.equal(settings.statusCode, 200, settings.body);
      assert.deepEqual(settings.json<StaffCourse>().quiz, { questionCount: 2, timeLimitSeconds: 1200, maxAttempts: 4, passPercent: 70, bankSize: 2 });

      const submitted = await manager.post(`/api/v1/training/courses/${id}/submit`);
      assert.equal(submitted.statusCode, 200, submitted.body);
      // Submitted: every correction is refused with the bilingual reason, and nothing changes.
      for (const r of [
        await trainer.patch(`/api/v1/training/modules/${m1}`, { titleEn: 'Late' }),
        await trainer.delete(`/api/v1/training/modules/${m1}`),
        await trainer.patch(`/api/v1/training/lessons/${l1}`, { titleEn: 'Late' }),
        await trainer.delete(`/api/v1/training/lessons/${l1}`),
        await trainer.patch(`/api/v1/training/questions/${q}`, TRUE_FALSE_QUESTION),
        await trainer.delete(`/api/v1/training/questions/${q}`),
        await trainer.patch(`/api/v1/training/courses/${id}`, { quizQuestionCount: 1 }),
      ]) {
        assert.equal(r.statusCode, 409, r.body);
        const p = r.json<ProblemDetails>();
        assert.equal(p.code, 'course_not_editable');
        assert.match(p.titles.ar, /مسودة/);
        assert.match(p.titles.en, /draft/);
      }
      const after = (await trainer.get(`/api/v1/training/courses/${id}`)).json<StaffCourse>();
      assert.equal(after.modules[0]!.title.en, 'Module 1');
      assert.equal(after.questions.length, 2);
      const actions = await auditActions(id);
      for (const a of ['course.module_updated', 'course.module_deleted', 'course.lesson_updated', 'course.lesson_deleted', 'course.question_updated', 'course.updated', 'course.submitted']) assert.ok(actions.includes(a), a);
      // Returned: editable again.
      assert.equal((await hq.post(`/api/v1/training/courses/${id}/return`, { reason: 'وضّح الهدف.' })).statusCode, 200);
      assert.equal((await trainer.patch(`/api/v1/training/modules/${m1}`, { titleEn: 'Module one' })).statusCode, 200);
    });

    test('unknown ids are 404; another role cannot edit', async () => {
      const none = '00000000-0000-4000-8000-000000000000';
      assert.equal((await trainer.patch(`/api/v1/training/modules/${none}`, { titleEn: 'x' })).json<ProblemDetails>().code, 'course_module_not_found');
      assert.equal((await trainer.delete(`/api/v1/training/lessons/${none}`)).json<ProblemDetails>().code, 'lesson_not_found');
      assert.equal((await trainer.patch(`/api/v1/training/questions/${none}`, TRUE_FALSE_QUESTION)).json<ProblemDetails>().code, 'quiz_question_not_found');
      const c = (await trainer.post('/api/v1/training/courses', courseBody())).json<StaffCourse>();
      const m = (await trainer.post(`/api/v1/training/courses/${c.id}/modules`, { titleAr: 'و', titleEn: 'M' })).json<StaffCourse>().modules[0]!.id;
      assert.equal((await hq.delete(`/api/v1/training/modules/${m}`)).statusCode, 403);
    });

    test('field errors point at the field with a specific message', async () => {
      const c = (await trainer.post('/api/v1/training/courses', courseBody())).json<StaffCourse>();
      const m = (await trainer.post(`/api/v1/training/courses/${c.id}/modules`, { titleAr: 'و', titleEn: 'M' })).json<StaffCourse>().modules[0]!.id;
      const http = await trainer.post(`/api/v1/training/courses/${c.id}/lessons`, { moduleId: m, titleAr: 'د', titleEn: 'L', bodyAr: '', bodyEn: '', videoUrl: 'http://example.org/v' });
      assert.equal(http.statusCode, 400, http.body);
      assert.deepEqual(http.json<ProblemDetails>().errors!.map((e) => [e.pointer, e.code, e.message.ar]), [['/videoUrl', 'https_required', 'يجب أن يبدأ الرابط بـ https://']]);
      const option = await trainer.post(`/api/v1/training/courses/${c.id}/questions`, { type: 'single_choice', promptAr: 'س', promptEn: 'Q', options: [{ ar: 'أ', en: 'a' }, { ar: 'ب', en: 'b' }], correct: 2 });
      assert.equal(option.statusCode, 400, option.body);
      assert.deepEqual(option.json<ProblemDetails>().errors!.map((e) => [e.pointer, e.code, e.message.ar]), [['/correct', 'correct_option_out_of_range', 'رقم الخيار الصحيح أكبر من عدد الخيارات.']]);
      await trainer.post(`/api/v1/training/courses/${c.id}/lessons`, { moduleId: m, titleAr: 'د', titleEn: 'L', bodyAr: 'ن', bodyEn: 'T', videoUrl: null });
      await trainer.post(`/api/v1/training/courses/${c.id}/questions`, TRUE_FALSE_QUESTION);
      assert.equal((await manager.post(`/api/v1/training/courses/${c.id}/submit`)).statusCode, 200);
      const blank = await hq.post(`/api/v1/training/courses/${c.id}/return`, { reason: '   ' });
      assert.equal(blank.statusCode, 400, blank.body);
      assert.deepEqual(blank.json<ProblemDetails>().errors!.map((e) => [e.pointer, e.code, e.message.ar]), [['/reason', 'required', 'هذا الحقل مطلوب.']]);
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttemptView, EnrolmentState, ProblemDetails, StaffCourse } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { FREE_TEXT_QUESTION, TRUE_FALSE_QUESTION, courseBody, publishCourse } from './test-fixtures.ts';

/**
 * Issue 6 gaps (task H6):
 * - a course whose final quiz has an empty question bank is refused at submission and at approval (422
 *   `course_not_ready`, `/quiz/bankSize quiz_bank_empty`, the message naming the course's final quiz), as is
 *   a bank smaller than the draw; before, an empty bank was read as "no final quiz" and published;
 * - a free-text question is edited in place (limits, points, graders' note) while the course is a draft,
 *   and refused once the course is submitted or published (409 `course_not_editable`), like other questions;
 * - the training certificate's PDF prints the score with Arabic-Indic digits on the Arabic side.
 */
for (const target of testTargets()) {
  describe(`e-learning quiz bank, free-text edits and certificate digits (${target})`, () => {
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

    const codes = (r: { json: <T>() => T }) => (r.json<ProblemDetails>().errors ?? []).map((e) => `${e.pointer} ${e.code}`);

    /** A draft course with one module and one lesson, and `questions` in its bank. */
    async function draft(title: string, questions: unknown[], draw = 1): Promise<string> {
      const c = (await trainer.post('/api/v1/training/courses', courseBody({ titleAr: title, titleEn: `${title} (en)`, quizQuestionCount: draw }))).json<StaffCourse>();
      const m = (await trainer.post(`/api/v1/training/courses/${c.id}/modules`, { titleAr: 'وحدة', titleEn: 'Module' })).json<StaffCourse>().modules[0]!.id;
      assert.equal((await trainer.post(`/api/v1/training/courses/${c.id}/lessons`, { moduleId: m, titleAr: 'درس', titleEn: 'Lesson', bodyAr: 'نص', bodyEn: 'Text', videoUrl: null })).statusCode, 201);
      for (const q of questions) assert.equal((await trainer.post(`/api/v1/training/courses/${c.id}/questions`, q)).statusCode, 201);
      return c.id;
    }

    test('an empty final-quiz bank is refused at submission, naming the quiz; the course stays a draft', async () => {
      const id = await draft('صيانة المكيفات', []);
      const r = await manager.post(`/api/v1/training/courses/${id}/submit`);
      assert.equal(r.statusCode, 422, r.body);
      const p = r.json<ProblemDetails>();
      assert.equal(p.code, 'course_not_ready');
      assert.deepEqual(codes(r), ['/quiz/bankSize quiz_bank_empty']);
      const e = p.errors![0]!;
      assert.match(e.message.ar, /الاختبار النهائي لدورة «صيانة المكيفات»/);
      assert.match(e.message.ar, /فارغ/);
      assert.match(e.message.en, /final quiz of "صيانة المكيفات \(en\)".*empty/);
      const after = (await trainer.get(`/api/v1/training/courses/${id}`)).json<StaffCourse>();
      assert.equal(after.status, 'draft');
      // A bank smaller than the draw names the quiz too; with enough questions the course is submitted.
      await trainer.post(`/api/v1/training/courses/${id}/questions`, TRUE_FALSE_QUESTION);
      await trainer.patch(`/api/v1/training/courses/${id}`, { quizQuestionCount: '٢' });
      const small = await manager.post(`/api/v1/training/courses/${id}/submit`);
      assert.deepEqual(codes(small), ['/quiz/bankSize quiz_bank_too_small']);
      assert.match(small.json<ProblemDetails>().errors![0]!.message.ar, /الاختبار النهائي لدورة «صيانة المكيفات»: بنك الأسئلة فيه ١ سؤال والاختبار يسحب ٢/);
      await trainer.patch(`/api/v1/training/courses/${id}`, { quizQuestionCount: 1 });
      assert.equal((await manager.post(`/api/v1/training/courses/${id}/submit`)).statusCode, 200);
    });

    test('HQ cannot publish a submitted course whose bank became empty or too small', async () => {
      // A course submitted before the bank was checked (its questions removed behind the API's back).
      const id = await draft('تركيب الألواح الشمسية', [TRUE_FALSE_QUESTION]);
      assert.equal((await manager.post(`/api/v1/training/courses/${id}/submit`)).statusCode, 200);
      await t.node.deps.db.deleteFrom('quiz_questions').where('course_id', '=', id).execute();
      const r = await hq.post(`/api/v1/training/courses/${id}/approve`);
      assert.equal(r.statusCode, 422, r.body);
      assert.equal(r.json<ProblemDetails>().code, 'course_not_ready');
      assert.deepEqual(codes(r), ['/quiz/bankSize quiz_bank_empty']);
      const row = await t.node.deps.db.selectFrom('courses').select(['status', 'approved_by']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.approved_by], ['submitted', null]);
      const catalogue = (await t.client().get('/api/v1/elearning/courses')).json<{ id: string }[]>();
      assert.ok(!catalogue.some((c) => c.id === id), 'not in the catalogue');
      // Returning it stays possible, so the centre can add the questions.
      assert.equal((await hq.post(`/api/v1/training/courses/${id}/return`, { reason: 'أضف أسئلة الاختبار.' })).statusCode, 200);
    });

    test('a free-text question is edited in place on a draft; refused once submitted and once published', async () => {
      const id = await draft('كتابة التقارير الفنية', [FREE_TEXT_QUESTION]);
      const before = (await trainer.get(`/api/v1/training/courses/${id}`)).json<StaffCourse>();
      const q = before.questions[0]!;
      assert.deepEqual(q.spec, { freeText: true, maxLength: 300, maxPoints: 10, guidance: { ar: FREE_TEXT_QUESTION.guidanceAr, en: FREE_TEXT_QUESTION.guidanceEn } });
      const edited = await trainer.patch(`/api/v1/training/questions/${q.id}`, { type: 'free_text', promptAr: 'صف خطوات فصل التيار.', promptEn: 'Describe how to switch the power off.', maxLength: '٦٠٠', maxPoints: '٢٠', guidanceAr: 'يذكر القاطع والتأكد بجهاز القياس.' });
      assert.equal(edited.statusCode, 200, edited.body);
      const eq = edited.json<StaffCourse>().questions.find((x) => x.id === q.id)!;
      assert.equal(eq.type, 'free_text');
      assert.deepEqual(eq.prompt, { ar: 'صف خطوات فصل التيار.', en: 'Describe how to switch the power off.' });
      assert.deepEqual(eq.spec, { freeText: true, maxLength: 600, maxPoints: 20, guidance: { ar: 'يذكر القاطع والتأكد بجهاز القياس.', en: '' } });
      // Out-of-range limits are named at their fields.
      const bad = await trainer.patch(`/api/v1/training/questions/${q.id}`, { ...FREE_TEXT_QUESTION, maxPoints: '٠' });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.ok(bad.json<ProblemDetails>().errors!.some((e) => e.pointer === '/maxPoints'));
      const audit = await t.node.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'course.question_updated').where('subject_id', '=', id).execute();
      assert.deepEqual(audit.map((a) => a.details), [{ questionId: q.id }]);

      // Submitted, then published: the question is no longer changed (trainees' attempts refer to it).
      assert.equal((await manager.post(`/api/v1/training/courses/${id}/submit`)).statusCode, 200);
      const submitted = await trainer.patch(`/api/v1/training/questions/${q.id}`, FREE_TEXT_QUESTION);
      assert.equal(submitted.statusCode, 409, submitted.body);
      assert.equal(submitted.json<ProblemDetails>().code, 'course_not_editable');
      assert.equal((await hq.post(`/api/v1/training/courses/${id}/approve`)).statusCode, 200);
      const published = await trainer.patch(`/api/v1/training/questions/${q.id}`, { ...FREE_TEXT_QUESTION, maxPoints: '٥' });
      assert.equal(published.statusCode, 409, published.body);
      assert.equal(published.json<ProblemDetails>().code, 'course_not_editable');
      const stored = await t.node.deps.db.selectFrom('quiz_questions').select('spec').where('id', '=', q.id).executeTakeFirstOrThrow();
      assert.equal((stored.spec as { maxPoints: number }).maxPoints, 20);
    });

    test("the certificate PDF prints the score in Arabic-Indic digits on the Arabic side", async () => {
      const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { questions: [TRUE_FALSE_QUESTION] });
      const c = t.client();
      await registerCitizen(t, c, { nameAr: 'منى سعيد حسن', nameLatin: 'Mona Said Hassan' });
      const enrolment = (await c.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
      for (const l of lessonIds) assert.equal((await c.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${l}/complete`)).statusCode, 200);
      const started = (await c.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<AttemptView>();
      const graded = (await c.post(`/api/v1/elearning/attempts/${started.id}/submit`, { answers: started.questions.map((q) => ({ questionId: q.id, value: true })) })).json<AttemptView>();
      const code = graded.enrolment?.certificateCode;
      assert.ok(code, 'certificate issued');
      const pdf = await c.get(`/api/v1/documents/${code}/pdf`);
      assert.equal(pdf.statusCode, 200);
      const dir = mkdtempSync(join(tmpdir(), 'rabt-cert-'));
      try {
        writeFileSync(join(dir, 'c.pdf'), pdf.rawPayload);
        // To look at it: RABT_KEEP_PDF=/tmp/cert.pdf, then `pdftoppm -r 80 -png /tmp/cert.pdf /tmp/cert`.
        if (process.env.RABT_KEEP_PDF) writeFileSync(process.env.RABT_KEEP_PDF, pdf.rawPayload);
        const text = execFileSync('pdftotext', ['-layout', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
        // The Arabic side: ١٠٠٪ (the extractor may put the percent sign on either side of the number); the English side 100%.
        assert.ok(/١٠٠٪|٪١٠٠/.test(text), text);
        assert.ok(text.includes('100%'), text);
        assert.ok(!/100٪|٪100|001٪|٪001/.test(text), `Western digits on the Arabic side: ${text}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

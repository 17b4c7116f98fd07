import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttemptView, EnrolmentState, GradingAttempt, GradingQueueItem, MyAttemptSummary, StaffCourse, VerificationResult } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { FREE_TEXT_QUESTION, TRUE_FALSE_QUESTION, courseBody, publishCourse, signInOtherTrainingStaff } from './test-fixtures.ts';

/**
 * Free-text questions graded by the trainer (issue 6 §3): the attempt waits for grading after submission
 * (automatic part marked, no score, no certificate), only the course's trainer or centre grades it, once,
 * and the trainee then sees the score, the points and the feedback — and the certificate when passed.
 */
for (const target of testTargets()) {
  describe(`e-learning free-text grading (${target})`, () => {
    let t: TestNode;
    let trainer: TestClient;
    let manager: TestClient;
    let hq: TestClient;
    let courseId: string;
    let lessonIds: string[];
    let questions: StaffCourse['questions'];

    before(async () => {
      t = await createTestNode(target);
      trainer = t.client();
      manager = t.client();
      hq = t.client();
      await signInStaff(t, trainer, 'trainer');
      await signInStaff(t, manager, 'centre.manager');
      await signInStaff(t, hq, 'training.hq');
      ({ courseId, lessonIds, questions } = await publishCourse(trainer, manager, hq, { questions: [TRUE_FALSE_QUESTION, FREE_TEXT_QUESTION] }));
    });
    after(() => t.close());

    const freeTextId = () => questions.find((q) => q.type === 'free_text')!.id;
    const tfId = () => questions.find((q) => q.type === 'true_false')!.id;

    /** A new trainee enrolled in the course with every lesson done, and an open attempt. */
    async function traineeWithAttempt(): Promise<{ c: TestClient; enrolment: EnrolmentState; attempt: AttemptView }> {
      const c = t.client();
      await registerCitizen(t, c, { nameAr: 'سارة محمود علي', nameLatin: 'Sara Mahmoud Ali' });
      const enrolment = (await c.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
      for (const l of lessonIds) assert.equal((await c.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${l}/complete`)).statusCode, 200);
      const started = await c.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`);
      assert.equal(started.statusCode, 201, started.body);
      return { c, enrolment, attempt: started.json<AttemptView>() };
    }

    test('authoring: a free-text question has a maximum length and points; its guidance stays on the staff side', async () => {
      const draft = await trainer.post('/api/v1/training/courses', courseBody());
      const id = draft.json<StaffCourse>().id;
      const tooShort = await trainer.post(`/api/v1/training/courses/${id}/questions`, { ...FREE_TEXT_QUESTION, maxLength: 5 });
      assert.equal(tooShort.statusCode, 400, tooShort.body);
      const noPoints = await trainer.post(`/api/v1/training/courses/${id}/questions`, { ...FREE_TEXT_QUESTION, maxPoints: 0 });
      assert.equal(noPoints.statusCode, 400, noPoints.body);
      const q = questions.find((x) => x.type === 'free_text')!;
      assert.deepEqual(q.spec, { freeText: true, maxLength: 300, maxPoints: 10, guidance: { ar: FREE_TEXT_QUESTION.guidanceAr, en: FREE_TEXT_QUESTION.guidanceEn } });
    });

    test('a trainee answers in Arabic; the attempt awaits grading: automatic part marked, no score, no certificate, no new attempt', async () => {
      const { c, enrolment, attempt } = await traineeWithAttempt();
      const shown = attempt.questions.find((q) => q.id === freeTextId())!;
      assert.equal(shown.type, 'free_text');
      assert.equal(shown.maxLength, 300);
      assert.ok(!/guidance|maxPoints|يذكر خطر/.test(JSON.stringify(attempt)), 'the grading guidance never reaches the trainee');

      // Too long (301 characters): refused, nothing saved, the attempt stays open.
      const long = await c.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers: [{ questionId: freeTextId(), text: 'ا'.repeat(301) }] });
      assert.equal(long.statusCode, 400, long.body);
      assert.equal(long.json<{ code: string }>().code, 'quiz_answer_too_long');
      assert.equal((await c.get(`/api/v1/elearning/attempts/${attempt.id}`)).json<AttemptView>().status, 'open');

      const text = 'لتجنب الصعق الكهربائي وحماية الزملاء، ثم أتأكد بجهاز الاختبار.\u0007';
      const submitted = await c.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, {
        answers: [
          { questionId: tfId(), value: true },
          { questionId: freeTextId(), text },
        ],
      });
      assert.equal(submitted.statusCode, 200, submitted.body);
      const v = submitted.json<AttemptView>();
      assert.equal(v.status, 'awaiting_grading');
      assert.equal(v.scorePercent, null);
      assert.equal(v.passed, null);
      assert.deepEqual(
        v.results?.map((r) => [r.questionId, r.correct, r.points ?? null]),
        v.questions.map((q) => [q.id, q.type === 'true_false' ? true : null, null]),
      );
      assert.equal(v.results?.find((r) => r.questionId === freeTextId())?.answerText, text.slice(0, -1), 'control characters are removed');
      assert.equal(v.enrolment?.certificateCode, null);
      assert.equal(v.enrolment?.completedAt, null);
      assert.equal(v.enrolment?.awaitingGradingAttemptId, attempt.id);

      const again = await c.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json<{ code: string }>().code, 'quiz_awaiting_grading');
      const mine = (await c.get(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<MyAttemptSummary[]>();
      assert.deepEqual(
        mine.map((a) => [a.id, a.status]),
        [[attempt.id, 'awaiting_grading']],
      );
      const stranger = t.client();
      await registerCitizen(t, stranger);
      assert.equal((await stranger.get(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).statusCode, 404);
    });

    test('only the course trainer or its centre grades, once, a submitted attempt; the trainee then sees the score, feedback and certificate', async () => {
      const { c, enrolment, attempt } = await traineeWithAttempt();
      await c.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers: [{ questionId: tfId(), value: true }, { questionId: freeTextId(), text: 'لحماية نفسي من الصعق.' }] });

      const queue = (await trainer.get('/api/v1/training/grading')).json<GradingQueueItem[]>();
      const item = queue.find((x) => x.attemptId === attempt.id);
      assert.ok(item, 'the attempt is in the trainer’s queue');
      assert.equal(item.traineeName.ar, 'سارة محمود علي');
      assert.equal(item.freeTextCount, 1);
      assert.ok(!/nationalId|mobile|\+20/.test(JSON.stringify(queue)), 'no national ID or mobile in the queue');
      assert.ok((await manager.get(`/api/v1/training/grading?course=${courseId}`)).json<GradingQueueItem[]>().some((x) => x.attemptId === attempt.id));

      const detail = (await trainer.get(`/api/v1/training/grading/${attempt.id}`)).json<GradingAttempt>();
      assert.equal(detail.status, 'awaiting_grading');
      assert.equal(detail.autoCount, 1);
      assert.equal(detail.autoCorrect, 1);
      assert.deepEqual(
        detail.answers.map((a) => [a.questionId, a.answerText, a.maxPoints, a.guidance?.ar]),
        [[freeTextId(), 'لحماية نفسي من الصعق.', 10, FREE_TEXT_QUESTION.guidanceAr]],
      );

      const grade = { grades: [{ questionId: freeTextId(), points: '٧', feedback: 'أحسنت. اذكر أيضًا حماية الزملاء.' }] };
      const url = `/api/v1/training/grading/${attempt.id}`;
      // Refusals: signed out, a citizen, HQ training, another centre's trainer, another trainer of the same centre.
      assert.equal((await t.client().post(url, grade)).statusCode, 401);
      assert.equal((await c.post(url, grade)).statusCode, 403);
      assert.equal((await hq.post(url, grade)).json<{ code: string }>().code, 'forbidden');
      const alex = t.client();
      await signInOtherTrainingStaff(t, alex, 'trainer', 'DEMO-VTC-ALEX');
      const foreign = await alex.post(url, grade);
      assert.equal(foreign.statusCode, 403);
      assert.equal(foreign.json<{ code: string }>().code, 'out_of_scope');
      assert.equal((await alex.get(url)).statusCode, 403);
      assert.ok(!(await alex.get('/api/v1/training/grading')).json<GradingQueueItem[]>().some((x) => x.attemptId === attempt.id));
      const colleague = t.client();
      await signInOtherTrainingStaff(t, colleague, 'trainer', 'DEMO-VTC-SHUBRA');
      assert.equal((await colleague.post(url, grade)).json<{ code: string }>().code, 'out_of_scope');
      // Bad grades: another question, none, points above the maximum.
      const wrongQ = await trainer.post(url, { grades: [{ questionId: tfId(), points: 1, feedback: '' }] });
      assert.equal(wrongQ.statusCode, 422);
      assert.equal(wrongQ.json<{ code: string }>().code, 'grading_incomplete');
      assert.equal((await trainer.post(url, { grades: [] })).statusCode, 400);
      const tooMany = await trainer.post(url, { grades: [{ questionId: freeTextId(), points: 11, feedback: '' }] });
      assert.equal(tooMany.statusCode, 400);
      assert.equal(tooMany.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer, '/grades/0/points');
      assert.equal((await c.get(`/api/v1/elearning/attempts/${attempt.id}`)).json<AttemptView>().status, 'awaiting_grading', 'refusals change nothing');

      // Graded twice at once: exactly one succeeds.
      const [g1, g2] = await Promise.all([trainer.post(url, grade), trainer.post(url, grade)]);
      assert.deepEqual([g1.statusCode, g2.statusCode].sort(), [200, 409], `${g1.body} ${g2.body}`);
      const refused = g1.statusCode === 409 ? g1 : g2;
      assert.equal(refused.json<{ code: string }>().code, 'grading_already_done');
      const graded = (g1.statusCode === 200 ? g1 : g2).json<GradingAttempt>();
      // Two questions, each half: true/false correct (1) + 7/10 → floor(100 × 1.7 / 2) = 85.
      assert.equal(graded.scorePercent, 85);
      assert.equal(graded.passed, true);
      assert.equal(graded.status, 'graded');
      assert.equal(graded.answers[0]?.points, 7);
      const audits = await t.node.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'elearning.attempt_graded_by_trainer').where('subject_id', '=', attempt.id).execute();
      assert.equal(audits.length, 1);
      assert.equal((await manager.post(url, grade)).json<{ code: string }>().code, 'grading_already_done');

      // The trainee sees the result, the points and the feedback; the course is completed with its certificate.
      const seen = (await c.get(`/api/v1/elearning/attempts/${attempt.id}`)).json<AttemptView>();
      assert.equal(seen.status, 'graded');
      assert.equal(seen.scorePercent, 85);
      assert.equal(seen.passed, true);
      const ft = seen.results?.find((r) => r.questionId === freeTextId());
      assert.deepEqual([ft?.correct, ft?.points, ft?.maxPoints, ft?.feedback], [null, 7, 10, 'أحسنت. اذكر أيضًا حماية الزملاء.']);
      const code = seen.enrolment?.certificateCode;
      assert.ok(code, 'completion waited for the grading and came with it');
      assert.equal(seen.enrolment?.awaitingGradingAttemptId, null);
      assert.equal((await t.client().get(`/api/v1/verify/${code}`)).json<VerificationResult>().status, 'genuine');
      assert.equal((await c.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).json<{ code: string }>().code, 'quiz_already_passed');
      assert.ok((await trainer.get('/api/v1/training/grading?status=graded')).json<GradingQueueItem[]>().some((x) => x.attemptId === attempt.id && x.scorePercent === 85));
    });

    test('an attempt not submitted is not graded; a failing grade leaves the course open and allows another attempt', async () => {
      const { c, enrolment, attempt } = await traineeWithAttempt();
      const url = `/api/v1/training/grading/${attempt.id}`;
      const open = await manager.post(url, { grades: [{ questionId: freeTextId(), points: 10, feedback: '' }] });
      assert.equal(open.statusCode, 409);
      assert.equal(open.json<{ code: string }>().code, 'grading_not_submitted');
      assert.equal((await manager.get(url)).json<{ code: string }>().code, 'grading_not_submitted');
      assert.equal((await manager.post(`/api/v1/training/grading/${crypto.randomUUID()}`, { grades: [{ questionId: freeTextId(), points: 1, feedback: '' }] })).statusCode, 404);

      await c.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers: [{ questionId: tfId(), value: false }] });
      // The centre manager grades it (an unanswered free-text question is graded too): 0 + 2/10 → 10 %.
      const graded = await manager.post(url, { grades: [{ questionId: freeTextId(), points: 2, feedback: 'لم تكتب إجابة.' }] });
      assert.equal(graded.statusCode, 200, graded.body);
      assert.equal(graded.json<GradingAttempt>().scorePercent, 10);
      assert.equal(graded.json<GradingAttempt>().passed, false);
      assert.equal(graded.json<GradingAttempt>().answers[0]?.answerText, '');
      const seen = (await c.get(`/api/v1/elearning/attempts/${attempt.id}`)).json<AttemptView>();
      assert.equal(seen.passed, false);
      assert.equal(seen.enrolment?.certificateCode, null);
      const next = await c.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`);
      assert.equal(next.statusCode, 201, next.body);
      assert.equal(next.json<AttemptView>().attemptNo, 2);
    });
  });
}

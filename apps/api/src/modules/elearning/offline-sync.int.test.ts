import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EnrolmentState } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { publishCourse } from './test-fixtures.ts';

/**
 * Issue 6 "progress synced twice after being offline": the web app keeps completions made offline and sends
 * them again when back online — possibly from two tabs at once, or again after an answer lost on the way
 * back. The server reconciles: one completion and one audit entry per lesson, and every replay answers 200
 * with the same state. Another trainee replaying someone else's kept completion is refused (404).
 */
for (const target of testTargets()) {
  describe(`offline progress replays (${target})`, () => {
    let t: TestNode;
    let courseId: string;
    let lessonIds: string[];

    before(async () => {
      t = await createTestNode(target);
      const [trainer, manager, hq] = [t.client(), t.client(), t.client()];
      await signInStaff(t, trainer, 'trainer');
      await signInStaff(t, manager, 'centre.manager');
      await signInStaff(t, hq, 'training.hq');
      ({ courseId, lessonIds } = await publishCourse(trainer, manager, hq, { lessons: 3 }));
    });
    after(async () => {
      await t.close();
    });

    test('the same completions replayed concurrently and again are recorded once each', async () => {
      const trainee = t.client();
      await registerCitizen(t, trainee);
      const enrolment = (await trainee.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
      const url = (lessonId: string) => `/api/v1/elearning/enrolments/${enrolment.id}/lessons/${lessonId}/complete`;
      // Two tabs replay the same two kept completions at the same time, then one of them retries.
      const queue = [lessonIds[0]!, lessonIds[1]!];
      const first = await Promise.all([...queue, ...queue, ...queue].map((id) => trainee.post(url(id))));
      const retry = await Promise.all(queue.map((id) => trainee.post(url(id))));
      for (const r of [...first, ...retry]) assert.equal(r.statusCode, 200, r.body);
      const states = [...first, ...retry].map((r) => r.json<{ enrolment: EnrolmentState }>().enrolment);
      assert.ok(states.every((s) => s.completedLessons >= 1 && s.completedLessons <= 2));
      // After the replays, every answer is the same state: two of three lessons, resume at the third.
      const [a, b] = retry.map((r) => r.json<{ enrolment: EnrolmentState }>().enrolment);
      assert.deepEqual(a, b);
      assert.deepEqual({ completed: a!.completedLessons, percent: a!.progressPercent, resume: a!.resumeLessonId }, { completed: 2, percent: 66, resume: lessonIds[2] });
      const db = t.node.database.db;
      const rows = await db.selectFrom('lesson_completions').select('lesson_id').where('enrolment_id', '=', enrolment.id).execute();
      assert.deepEqual(rows.map((r) => r.lesson_id).sort(), [...queue].sort());
      const audits = await db.selectFrom('audit_log').select('details').where('action', '=', 'elearning.lesson_completed').where('subject_id', '=', enrolment.id).execute();
      assert.equal(audits.length, 2);
    });

    test("another trainee replaying someone else's kept completion is refused and records nothing", async () => {
      const owner = t.client();
      await registerCitizen(t, owner);
      const enrolment = (await owner.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).json<EnrolmentState>();
      const other = t.client();
      await registerCitizen(t, other);
      const r = await other.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${lessonIds[0]}/complete`);
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json<{ code: string }>().code, 'enrolment_not_found');
      const rows = await t.node.database.db.selectFrom('lesson_completions').select('lesson_id').where('enrolment_id', '=', enrolment.id).execute();
      assert.equal(rows.length, 0);
    });
  });
}

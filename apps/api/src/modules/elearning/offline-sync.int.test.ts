import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CourseDetail, EnrolmentState, ScormSaveResult, StaffCourse } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { scormZip } from './scorm-fixtures.ts';
import { courseBody, publishCourse, TRUE_FALSE_QUESTION } from './test-fixtures.ts';

/**
 * Issue 6 "progress synced twice after being offline": the web app keeps completions made offline and sends
 * them again when back online — possibly from two tabs at once, or again after an answer lost on the way
 * back. The server reconciles: one completion and one audit entry per lesson, and every replay answers 200
 * with the same state. Another trainee replaying someone else's kept completion is refused (404).
 * A SCORM lesson is completed by its SCO only: marked by hand (or replayed from the offline queue) it is
 * refused with 409 `scorm_completion_by_sco`, and the other kept completions of the same replay are recorded.
 */
for (const target of testTargets()) {
  describe(`offline progress replays (${target})`, () => {
    let t: TestNode;
    let courseId: string;
    let lessonIds: string[];
    let dataDir: string;
    let staff: { trainer: TestClient; manager: TestClient; hq: TestClient };

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'rabt-offline-sync-'));
      t = await createTestNode(target, { DATA_DIR: dataDir });
      const [trainer, manager, hq] = [t.client(), t.client(), t.client()];
      await signInStaff(t, trainer, 'trainer');
      await signInStaff(t, manager, 'centre.manager');
      await signInStaff(t, hq, 'training.hq');
      staff = { trainer, manager, hq };
      ({ courseId, lessonIds } = await publishCourse(trainer, manager, hq, { lessons: 3 }));
    });
    after(async () => {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
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

    test('a SCORM lesson marked by hand or replayed from the offline queue is refused (409); the other kept completions are recorded; its SCO still completes it', async () => {
      // A published course of three lessons whose second one runs a SCORM 1.2 package.
      const { trainer, manager, hq } = staff;
      const created = await trainer.post('/api/v1/training/courses', courseBody({ titleAr: 'دورة بدرس تفاعلي', titleEn: 'Course with an interactive lesson' }));
      assert.equal(created.statusCode, 201, created.body);
      const scormCourseId = created.json<StaffCourse>().id;
      const moduleId = (await trainer.post(`/api/v1/training/courses/${scormCourseId}/modules`, { titleAr: 'الوحدة', titleEn: 'Module' })).json<StaffCourse>().modules[0]!.id;
      for (const n of [1, 2, 3]) {
        const l = await trainer.post(`/api/v1/training/courses/${scormCourseId}/lessons`, { moduleId, titleAr: `درس ${n}`, titleEn: `Lesson ${n}`, bodyAr: 'نص.', bodyEn: 'Text.', videoUrl: null });
        assert.equal(l.statusCode, 201, l.body);
      }
      const ids = (await trainer.get(`/api/v1/training/courses/${scormCourseId}`)).json<StaffCourse>().modules[0]!.lessons.map((l) => l.id);
      const [first, scorm, third] = ids as [string, string, string];
      const uploaded = await trainer.request('PUT', `/api/v1/training/lessons/${scorm}/scorm`, scormZip(), { 'content-type': 'application/zip' });
      assert.equal(uploaded.statusCode, 200, uploaded.body);
      assert.equal((await trainer.post(`/api/v1/training/courses/${scormCourseId}/questions`, TRUE_FALSE_QUESTION)).statusCode, 201);
      assert.equal((await manager.post(`/api/v1/training/courses/${scormCourseId}/submit`)).statusCode, 200);
      assert.equal((await hq.post(`/api/v1/training/courses/${scormCourseId}/approve`)).statusCode, 200);

      const trainee = t.client();
      await registerCitizen(t, trainee);
      const enrolment = (await trainee.post(`/api/v1/elearning/courses/${scormCourseId}/enrolments`)).json<EnrolmentState>();
      // The outline says which lesson is SCORM (the web app neither offers to complete it by hand nor saves it offline).
      const detail = (await trainee.get(`/api/v1/elearning/courses/${scormCourseId}`)).json<CourseDetail>();
      assert.deepEqual(detail.modules[0]!.lessons.map((l) => l.hasScorm), [false, true, false]);

      const url = (lessonId: string) => `/api/v1/elearning/enrolments/${enrolment.id}/lessons/${lessonId}/complete`;
      const byHand = await trainee.post(url(scorm));
      assert.equal(byHand.statusCode, 409, byHand.body);
      const problem = byHand.json<{ code: string; titles: { ar: string; en: string } }>();
      assert.equal(problem.code, 'scorm_completion_by_sco');
      assert.match(problem.titles.ar, /SCORM/);
      assert.match(problem.titles.en, /SCORM/);

      // The offline queue replays its kept completions one by one, oldest first (apps/web/src/offline/queue.ts).
      const replay: number[] = [];
      for (const id of [first, scorm, third]) replay.push((await trainee.post(url(id))).statusCode);
      assert.deepEqual(replay, [200, 409, 200]);
      const db = t.node.database.db;
      const rows = await db.selectFrom('lesson_completions').select('lesson_id').where('enrolment_id', '=', enrolment.id).execute();
      assert.deepEqual(rows.map((r) => r.lesson_id).sort(), [first, third].sort());
      const audits = await db.selectFrom('audit_log').select('details').where('action', '=', 'elearning.lesson_completed').where('subject_id', '=', enrolment.id).execute();
      assert.deepEqual(audits.map((a) => (a.details as { lessonId: string }).lessonId).sort(), [first, third].sort());
      const state = (await trainee.get(`/api/v1/elearning/courses/${scormCourseId}`)).json<CourseDetail>().enrolment!;
      assert.deepEqual({ completed: state.completedLessons, resume: state.resumeLessonId }, { completed: 2, resume: scorm });

      // The SCO's report of `passed` still completes the lesson.
      const saved = await trainee.request('PUT', `/api/v1/elearning/enrolments/${enrolment.id}/lessons/${scorm}/scorm`, { lessonStatus: 'passed', scoreRaw: '90', lessonLocation: '', suspendData: '', finished: true });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json<ScormSaveResult>().lessonCompleted, true);
      const finalRows = await db.selectFrom('lesson_completions').select('lesson_id').where('enrolment_id', '=', enrolment.id).execute();
      assert.deepEqual(finalRows.map((r) => r.lesson_id).sort(), [first, scorm, third].sort());
    });
  });
}

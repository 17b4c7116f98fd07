import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import assert from 'node:assert/strict';
import type { LessonPage, ProblemDetails } from '@rabt/contracts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { publishCourse } from './test-fixtures.ts';

/**
 * The lesson page is served from memory (course-cache.ts: the published course's content, the trainee's
 * progress and the page built from them), so these check that the memory never answers what the database
 * would refuse or has changed: a trainee who is not enrolled is refused while another trainee's page is
 * cached; a browser gets the page compressed; and a course edit through the authoring services drops the cached content, so the next request
 * sees the course as it now is (not published: 404; published again: the edited lesson title).
 */
for (const target of testTargets()) {
  describe(`lesson page from memory (${target})`, () => {
    let t: TestNode;
    let trainer: TestClient;
    let manager: TestClient;
    let hq: TestClient;
    let trainee: TestClient;
    let outsider: TestClient;

    before(async () => {
      t = await createTestNode(target);
      trainer = t.client();
      manager = t.client();
      hq = t.client();
      trainee = t.client();
      outsider = t.client();
      await signInStaff(t, trainer, 'trainer');
      await signInStaff(t, manager, 'centre.manager');
      await signInStaff(t, hq, 'training.hq');
      await registerCitizen(t, trainee);
      await registerCitizen(t, outsider);
    });
    after(() => t.close());

    test('a cached page is not shown to a trainee who is not enrolled; an edited lesson title shows on the next request', async () => {
      const { courseId, lessonIds } = await publishCourse(trainer, manager, hq, { lessons: 2 });
      const url = `/api/v1/elearning/courses/${courseId}/lessons/${lessonIds[1]}`;
      assert.equal((await trainee.post(`/api/v1/elearning/courses/${courseId}/enrolments`)).statusCode, 201);
      // Twice: the second answer comes from memory and is the same page.
      const first = await trainee.get(url);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json<LessonPage>().lesson.title.en, 'Lesson 2');
      const second = await trainee.get(url);
      assert.equal(second.statusCode, 200);
      assert.equal(second.body, first.body);

      // A browser's Accept-Encoding gets the same page compressed (Brotli first, gzip when only that is
      // accepted), with Vary so that no shared cache mixes codings; no Accept-Encoding gets it as it is.
      assert.equal(first.headers['content-encoding'], undefined);
      assert.equal(first.headers.vary, 'accept-encoding');
      const br = await trainee.request('GET', url, undefined, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers.vary, 'accept-encoding');
      assert.ok(br.rawPayload.length < first.rawPayload.length / 2, `${br.rawPayload.length} B compressed of ${first.rawPayload.length} B`);
      assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), first.body);
      const gzip = await trainee.request('GET', url, undefined, { 'accept-encoding': 'gzip;q=1, br;q=0.5' });
      assert.equal(gzip.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gzip.rawPayload).toString('utf8'), first.body);
      const none = await trainee.request('GET', url, undefined, { 'accept-encoding': 'identity' });
      assert.equal(none.headers['content-encoding'], undefined);
      assert.equal(none.body, first.body);

      // Another citizen, not enrolled, while the page is in memory: 403, every time.
      for (let i = 0; i < 2; i++) {
        const refused = await outsider.get(url);
        assert.equal(refused.statusCode, 403, refused.body);
        assert.equal(refused.json<ProblemDetails>().code, 'not_enrolled');
      }

      // No route takes a published course back to its centre today; the row is set to 'returned' directly
      // (standing for any such path) so that the course can be edited through the authoring service.
      await t.node.database.db.updateTable('courses').set({ status: 'returned', return_reason: 'Test: taken back after publication' }).where('id', '=', courseId).execute();
      const edited = await trainer.patch(`/api/v1/training/lessons/${lessonIds[1]}`, { titleEn: 'Lesson 2 (revised)', titleAr: 'الدرس ٢ (منقح)' });
      assert.equal(edited.statusCode, 200, edited.body);
      // The edit dropped the cached content: the course is not published now, so the page is refused.
      const whileReturned = await trainee.get(url);
      assert.equal(whileReturned.statusCode, 404, whileReturned.body);
      assert.equal(whileReturned.json<ProblemDetails>().code, 'course_not_found');

      // Submitted and approved again: the next request shows the edited title, in the page and the outline.
      assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
      assert.equal((await hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);
      const after = await trainee.get(url);
      assert.equal(after.statusCode, 200, after.body);
      const page = after.json<LessonPage>();
      assert.deepEqual(page.lesson.title, { ar: 'الدرس ٢ (منقح)', en: 'Lesson 2 (revised)' });
      assert.equal(page.outline.flatMap((m) => m.lessons).find((l) => l.id === lessonIds[1])?.title.en, 'Lesson 2 (revised)');
    });
  });
}

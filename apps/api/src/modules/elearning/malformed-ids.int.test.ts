import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EnrolmentState, ProblemDetails } from '@rabt/contracts';
import { registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { publishCourse } from './test-fixtures.ts';

/**
 * A new-user tester opened `/courses/xyz`, `/learn/xyz/abc` and `/dev/pay/xyz` and read «بعض الحقول غير
 * صحيحة.» (400 `validation_failed`): a malformed id in a URL names nothing, so the e-learning, classroom,
 * grading, orientation and payment routes answer it like an id that names nothing — 404 with the resource's
 * not-found code (http/malformed-id.ts). Signed out: 401, except on the public course page and its sessions.
 */

const API = '/api/v1';
const MALFORMED = ['xyz', '123', `${randomUUID()}x`];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

for (const target of testTargets()) {
  describe(`e-learning and payment routes: malformed ids are not found (${target})`, () => {
    let t: TestNode;
    let citizen: TestClient;
    const staff = {} as Record<'trainer' | 'centre.manager' | 'training.hq' | 'overseas.officer', TestClient>;
    let course: { courseId: string; lessonIds: string[] };
    let enrolmentId: string;
    before(async () => {
      t = await createTestNode(target);
      citizen = t.client();
      await registerCitizen(t, citizen);
      for (const who of ['trainer', 'centre.manager', 'training.hq', 'overseas.officer'] as const) {
        staff[who] = t.client();
        await signInStaff(t, staff[who], who satisfies DemoStaff);
      }
      course = await publishCourse(staff.trainer, staff['centre.manager'], staff['training.hq']);
      const e = await citizen.post(`${API}/elearning/courses/${course.courseId}/enrolments`);
      assert.equal(e.statusCode, 201, e.body);
      enrolmentId = e.json<EnrolmentState>().id;
    });
    after(() => t.close());

    async function call(c: TestClient, method: Method, url: string, body?: unknown) {
      return c.request(method.toUpperCase(), url, method === 'get' || method === 'delete' ? undefined : (body ?? {}));
    }

    test('every route with an id in its path answers a malformed id 404 with the resource code; signed out 401 (public pages 404)', async () => {
      const absent = randomUUID();
      const { trainer } = staff;
      const hq = staff['training.hq'];
      const officer = staff['overseas.officer'];
      // [caller, method, path ({id} replaced), code, body, public]
      const cases: [TestClient, Method, string, string, unknown?, boolean?][] = [
        // Catalogue and trainee
        [citizen, 'get', '/elearning/courses/{id}', 'course_not_found', undefined, true],
        [citizen, 'post', '/elearning/courses/{id}/enrolments', 'course_not_found'],
        [citizen, 'get', '/elearning/courses/{id}/lessons/{id}', 'course_not_found'],
        [citizen, 'get', `/elearning/courses/${course.courseId}/lessons/{id}`, 'lesson_not_found'],
        [citizen, 'post', '/elearning/enrolments/{id}/lessons/{id}/complete', 'enrolment_not_found'],
        [citizen, 'post', `/elearning/enrolments/${enrolmentId}/lessons/{id}/complete`, 'lesson_not_found'],
        [citizen, 'post', '/elearning/enrolments/{id}/attempts', 'enrolment_not_found'],
        [citizen, 'get', '/elearning/enrolments/{id}/attempts', 'enrolment_not_found'],
        [citizen, 'get', '/elearning/attempts/{id}', 'quiz_attempt_not_found'],
        [citizen, 'post', '/elearning/attempts/{id}/submit', 'quiz_attempt_not_found', { answers: [] }],
        [citizen, 'get', '/elearning/lessons/{id}/file', 'lesson_not_found'],
        [citizen, 'get', '/elearning/lessons/{id}/scorm/launch', 'lesson_not_found'],
        [citizen, 'put', `/elearning/enrolments/{id}/lessons/${course.lessonIds[0]}/scorm`, 'enrolment_not_found', { cmi: {} }],
        // Live classrooms
        [citizen, 'get', '/elearning/courses/{id}/live-sessions', 'course_not_found', undefined, true],
        [citizen, 'post', '/elearning/live-sessions/{id}/booking', 'live_session_not_found'],
        [citizen, 'delete', '/elearning/live-sessions/{id}/booking', 'live_session_not_found'],
        [citizen, 'post', '/live-sessions/{id}/join', 'live_session_not_found'],
        [trainer, 'get', '/training/courses/{id}/live-sessions', 'course_not_found'],
        [trainer, 'post', '/training/live-sessions/{id}/cancel', 'live_session_not_found'],
        [trainer, 'get', '/training/live-sessions/{id}/attendance', 'live_session_not_found'],
        // Authoring
        [trainer, 'get', '/training/courses/{id}', 'course_not_found'],
        [trainer, 'patch', '/training/courses/{id}', 'course_not_found', { titleAr: 'س' }],
        [trainer, 'post', '/training/courses/{id}/modules', 'course_not_found', { titleAr: 'و', titleEn: 'M' }],
        [trainer, 'patch', '/training/modules/{id}', 'course_module_not_found', { titleAr: 'و', titleEn: 'M' }],
        [trainer, 'delete', '/training/modules/{id}', 'course_module_not_found'],
        [trainer, 'patch', '/training/lessons/{id}', 'lesson_not_found', { titleAr: 'د' }],
        [trainer, 'delete', '/training/lessons/{id}', 'lesson_not_found'],
        [trainer, 'put', '/training/lessons/{id}/scorm', 'lesson_not_found'],
        [trainer, 'patch', '/training/questions/{id}', 'quiz_question_not_found', {}],
        [trainer, 'delete', '/training/questions/{id}', 'quiz_question_not_found'],
        [trainer, 'post', '/training/courses/{id}/submit', 'course_not_found'],
        [hq, 'post', '/training/courses/{id}/approve', 'course_not_found'],
        [hq, 'post', '/training/courses/{id}/return', 'course_not_found', { reason: 'x' }],
        // Grading
        [trainer, 'get', '/training/grading/{id}', 'quiz_attempt_not_found'],
        [trainer, 'post', '/training/grading/{id}', 'quiz_attempt_not_found', { grades: [] }],
        // Pre-departure orientation
        [citizen, 'get', '/worker/contracts/{id}/versions/1/orientation', 'contract_not_found'],
        [officer, 'get', '/attestation/contracts/{id}/versions/1/orientation', 'contract_not_found'],
        // Payments (the development checkout's provider reference is not a UUID: its own shape)
        [citizen, 'get', '/dev/pay/{id}', 'payment_not_found'],
        [citizen, 'post', '/dev/pay/{id}', 'payment_not_found'],
      ];
      for (const [c, method, path, code, body, open] of cases) {
        for (const id of MALFORMED) {
          const url = `${API}${path.replaceAll('{id}', encodeURIComponent(id))}`;
          const r = await call(c, method, url, body);
          assert.deepEqual([r.statusCode, r.json<ProblemDetails>().code], [404, code], `${method} ${url}: ${r.body}`);
        }
        // Consistent with a well-formed id that names nothing (GET routes, which change nothing).
        if (method === 'get' && !path.startsWith('/dev/pay') && !path.includes('/scorm/launch') && !path.endsWith('/file')) {
          const r = await c.get(`${API}${path.replaceAll('{id}', absent)}`);
          assert.deepEqual([r.statusCode, r.json<ProblemDetails>().code], [404, code], `${path} with an absent id: ${r.body}`);
        }
        const url = `${API}${path.replaceAll('{id}', 'xyz')}`;
        const anon = await call(t.client(), method, url, body);
        if (open) assert.deepEqual([anon.statusCode, anon.json<ProblemDetails>().code], [404, code], `signed out ${method} ${url}`);
        else assert.equal(anon.statusCode, 401, `signed out ${method} ${url}: ${anon.body}`);
      }
      // A well-formed provider reference that names nothing is the same 404.
      assert.equal((await citizen.get(`${API}/dev/pay/abcdefgh12345678`)).json<ProblemDetails>().code, 'payment_not_found');
      // Parameters that are not ids keep their own validation (a contract version is a number).
      const version = await citizen.get(`${API}/worker/contracts/${absent}/versions/abc/orientation`);
      assert.deepEqual([version.statusCode, version.json<ProblemDetails>().code], [400, 'validation_failed']);
    });
  });
}

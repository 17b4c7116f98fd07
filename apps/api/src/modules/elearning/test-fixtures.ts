import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { StaffCourse } from '@rabt/contracts';
import { DEMO_STAFF_PASSWORD, seedTrainingCentreId } from '../../platform/db/seed.ts';
import { demoEmail, registerCitizen, signInStaff, totpFor } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import type { TestNode } from '../../testing/test-node.ts';

/**
 * Test helpers for the e-learning integration tests (not a test file): publish a course through the real
 * workflow (author → centre manager → HQ training), and sign in a second trainer or centre manager of any
 * demo centre (the staff API does not create training staff yet, so the row is copied from a demo account).
 */

export const FREE_TEXT_QUESTION = {
  type: 'free_text',
  promptAr: 'اشرح بكلماتك لماذا يُفصل التيار قبل العمل.',
  promptEn: 'Explain in your own words why the power is switched off before work.',
  maxLength: '٣٠٠',
  maxPoints: '١٠',
  guidanceAr: 'يذكر خطر الصعق وحماية الآخرين.',
  guidanceEn: 'Mentions electric shock and protecting others.',
};

export const TRUE_FALSE_QUESTION = { type: 'true_false', promptAr: 'يُفصل التيار قبل العمل.', promptEn: 'Power is switched off first.', correct: true };

export function courseBody(overrides: Record<string, unknown> = {}) {
  return {
    titleAr: 'السلامة الكهربائية',
    titleEn: 'Electrical safety',
    descriptionAr: 'دورة قصيرة.',
    descriptionEn: 'A short course.',
    isco: '7411',
    skillLevel: null,
    quizQuestionCount: 1,
    quizTimeLimitMinutes: 30,
    quizMaxAttempts: 3,
    quizPassPercent: 60,
    prerequisiteIds: [],
    ...overrides,
  };
}

/**
 * Creates a course as `author` with one module, `lessons` lessons and the given questions (by default one
 * true/false question: a course cannot be submitted with an empty final-quiz bank); submits and approves it.
 */
export async function publishCourse(
  author: TestClient,
  manager: TestClient,
  hq: TestClient,
  options: { questions?: unknown[]; lessons?: number; course?: Record<string, unknown> } = {},
): Promise<{ courseId: string; lessonIds: string[]; questions: StaffCourse['questions'] }> {
  const questions = options.questions ?? [TRUE_FALSE_QUESTION];
  // Each attempt draws the whole bank (an empty bank, or one smaller than the draw, is refused at submission).
  const created = await author.post('/api/v1/training/courses', courseBody({ quizQuestionCount: Math.max(1, questions.length), ...options.course }));
  assert.equal(created.statusCode, 201, created.body);
  const courseId = created.json<StaffCourse>().id;
  const m = await author.post(`/api/v1/training/courses/${courseId}/modules`, { titleAr: 'الأساسيات', titleEn: 'Basics' });
  assert.equal(m.statusCode, 201, m.body);
  const moduleId = m.json<StaffCourse>().modules[0]!.id;
  for (let i = 1; i <= (options.lessons ?? 1); i++) {
    const l = await author.post(`/api/v1/training/courses/${courseId}/lessons`, { moduleId, titleAr: `الدرس ${i}`, titleEn: `Lesson ${i}`, bodyAr: 'افصل التيار.', bodyEn: 'Power off.', videoUrl: null });
    assert.equal(l.statusCode, 201, l.body);
  }
  for (const q of questions) {
    const r = await author.post(`/api/v1/training/courses/${courseId}/questions`, q);
    assert.equal(r.statusCode, 201, r.body);
  }
  assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
  const approved = await hq.post(`/api/v1/training/courses/${courseId}/approve`);
  assert.equal(approved.statusCode, 200, approved.body);
  const c = approved.json<StaffCourse>();
  return { courseId, lessonIds: c.modules.flatMap((x) => x.lessons.map((l) => l.id)), questions: c.questions };
}

/**
 * Signs `client` in as a new staff member copied from the demo `trainer` or `centre.manager` (same password
 * and authenticator secret) but bound to `centreCode`.
 */
export async function signInOtherTrainingStaff(t: TestNode, client: TestClient, like: 'trainer' | 'centre.manager', centreCode: string): Promise<string> {
  const db = t.node.database.db;
  const src = await db.selectFrom('staff').selectAll().where('email', '=', demoEmail(like)).executeTakeFirstOrThrow();
  const id = randomUUID();
  const email = `${like}.${id.slice(0, 8)}@example.org`;
  await db
    .insertInto('staff')
    .values({ ...src, id, email, name_ar: 'موظف تدريب آخر', name_en: 'Other training staff', training_centre_id: seedTrainingCentreId(centreCode), created_at: src.created_at, updated_at: src.updated_at })
    .execute();
  const res = await client.post('/api/v1/session/staff', { email, password: DEMO_STAFF_PASSWORD, totp: await totpFor(t, email) });
  assert.equal(res.statusCode, 200, res.body);
  return id;
}

/**
 * The demo centre manager submits `courseId` and HQ training approves it (it is published); then a new
 * citizen registers and enrols. Returns the trainee's client and enrolment id.
 */
export async function approveAndEnrol(t: TestNode, courseId: string): Promise<{ trainee: TestClient; enrolmentId: string }> {
  const [manager, hq] = [t.client(), t.client()];
  await signInStaff(t, manager, 'centre.manager');
  await signInStaff(t, hq, 'training.hq');
  assert.equal((await manager.post(`/api/v1/training/courses/${courseId}/submit`)).statusCode, 200);
  assert.equal((await hq.post(`/api/v1/training/courses/${courseId}/approve`)).statusCode, 200);
  const trainee = t.client();
  await registerCitizen(t, trainee);
  const enrolled = await trainee.post(`/api/v1/elearning/courses/${courseId}/enrolments`);
  assert.equal(enrolled.statusCode, 201, enrolled.body);
  return { trainee, enrolmentId: enrolled.json<{ id: string }>().id };
}

/**
 * Test helpers for the pre-departure orientation (integration and browser tests only): take an accepted
 * invitation (contracts/test-kit.ts) to an offered contract, and answer an orientation quiz correctly from the
 * question bank's stored answers.
 */
import type { AnswerInput, AttemptView, EmployerContract, EnrolmentState, LessonPage, OriginContract, OrientationCourse, QuestionSpec } from '@rabt/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { TestCluster } from '../../testing/federation-cluster.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { ok, type ContractStory } from '../contracts/test-kit.ts';

/** The employer drafts and submits the contract; both EG officers attest it: it is offered to the worker. */
export async function storyToOfferedContract(cluster: TestCluster, s: ContractStory): Promise<OriginContract> {
  const draft = ok<EmployerContract>(await s.employer.client.post('/api/v1/employer/contracts', { invitationId: s.invitationId }), 201);
  ok(await s.employer.client.post(`/api/v1/employer/contracts/${draft.id}/versions/${draft.version}/submit`));
  const url = `/api/v1/attestation/contracts/${draft.id}/versions/${draft.version}`;
  await cluster.waitFor(async () => (await s.officer1.get(url)).statusCode === 200, 'the contract on EG');
  ok(await s.officer1.post(`${url}/attest`));
  return ok<OriginContract>(await s.officer2.post(`${url}/attest`));
}

/** The worker accepts the offered contract: EG signs it and it is concluded. */
export async function acceptContract(s: ContractStory, c: { id: string; version: number }): Promise<OriginContract> {
  return ok<OriginContract>(await s.worker.post(`/api/v1/worker/contracts/${c.id}/versions/${c.version}/response`, { response: 'accepted' }));
}

/** The correct answer to a stored question (the spec's answer part), as a trainee would send it. */
export function correctAnswer(questionId: string, type: string, spec: QuestionSpec): AnswerInput {
  if ('options' in spec) return type === 'single_choice' ? { questionId, choice: spec.correct[0]! } : { questionId, choices: spec.correct };
  if ('pairs' in spec) return { questionId, matches: Object.fromEntries(spec.pairs.map((p) => [p.id, p.id])) };
  if ('accepted' in spec) return { questionId, text: spec.accepted[0]! };
  if ('correct' in spec && typeof spec.correct === 'boolean') return { questionId, value: spec.correct };
  throw new Error(`no automatic answer for question ${questionId} (${type})`);
}

export async function correctAnswers(db: Kysely<DB>, attempt: AttemptView): Promise<AnswerInput[]> {
  const rows = await db.selectFrom('quiz_questions').select(['id', 'type', 'spec']).where('id', 'in', attempt.questions.map((q) => q.id)).execute();
  return rows.map((r) => correctAnswer(r.id, r.type, r.spec as QuestionSpec));
}

/** The current orientation course of `country` (public list). */
export async function orientationCourse(client: TestClient, country: string): Promise<OrientationCourse> {
  const course = ok<OrientationCourse[]>(await client.get('/api/v1/orientation/courses')).find((c) => c.country === country);
  if (!course) throw new Error(`no orientation course for ${country}`);
  return course;
}

/** Enrols `client` (a signed-in citizen) in the destination's orientation, completes every lesson and passes the quiz. */
export async function completeOrientation(client: TestClient, db: Kysely<DB>, country: string): Promise<{ enrolment: EnrolmentState; attempt: AttemptView }> {
  const course = await orientationCourse(client, country);
  const enrolled = await client.post(`/api/v1/elearning/courses/${course.courseId}/enrolments`);
  if (enrolled.statusCode !== 201 && enrolled.statusCode !== 200) throw new Error(`enrol: ${enrolled.body}`);
  let e = enrolled.json<EnrolmentState>();
  for (let lessonId = e.resumeLessonId; lessonId; ) {
    const page = ok<LessonPage>(await client.get(`/api/v1/elearning/courses/${course.courseId}/lessons/${lessonId}`));
    const done = ok<{ enrolment: EnrolmentState; nextLessonId: string | null }>(await client.post(`/api/v1/elearning/enrolments/${e.id}/lessons/${lessonId}/complete`));
    e = done.enrolment;
    lessonId = page.nextLessonId;
  }
  const attempt = ok<AttemptView>(await client.post(`/api/v1/elearning/enrolments/${e.id}/attempts`), 201);
  const graded = ok<AttemptView>(await client.post(`/api/v1/elearning/attempts/${attempt.id}/submit`, { answers: await correctAnswers(db, attempt) }));
  return { enrolment: graded.enrolment!, attempt: graded };
}

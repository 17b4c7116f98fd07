import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContractOrientation, EnrolmentState, OrientationCourse, OrientationList, OriginContract, VerificationResult } from '@rabt/contracts';
import { createTestCluster, type TestCluster } from '../../testing/federation-cluster.ts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import { testTargets } from '../../testing/test-node.ts';
import { ok, storyToAcceptedInvitation, type ContractStory } from '../contracts/test-kit.ts';
import { recordOrientationCompletion, recordOrientationForContract } from './orientation.record.ts';
import { HQ_TRAINING_CENTRE, ORIENTATION_CONTENT_STAFF, seedOrientationCourses } from './orientation.seed.ts';
import { acceptContract, completeOrientation, orientationCourse, storyToOfferedContract } from './test-kit.ts';

/**
 * Issue 6 §7 across a real EG + SA cluster: the five destinations' orientation courses are seeded as published
 * HQ courses (with their approval audited); a worker with a concluded SA contract is asked to complete the SA
 * orientation, does so through the ordinary e-learning API, and the completion is recorded beside that contract
 * (the signed payload untouched) where the worker and the overseas officers see it; another worker can neither
 * complete it for them nor see it; recording is idempotent; and a worker who completed the orientation before
 * their contract gets it recorded when the contract is offered.
 */
for (const target of testTargets()) {
  describe(`pre-departure orientation (${target})`, { timeout: 600_000 }, () => {
    let cluster: TestCluster;
    let s: ContractStory;
    let concluded: OriginContract;
    let payloadBefore: unknown;
    const db = () => s.eg.node.database.db;

    before(async () => {
      cluster = await createTestCluster(['EG', 'SA'], target);
      s = await storyToAcceptedInvitation(cluster);
      const offered = await storyToOfferedContract(cluster, s);
      assert.equal(offered.status, 'offered');
      concluded = await acceptContract(s, offered);
      assert.equal(concluded.status, 'concluded');
      payloadBefore = (await db().selectFrom('received_contracts').select('payload').where('id', '=', concluded.id).executeTakeFirstOrThrow()).payload;
    });
    after(() => cluster?.close());

    test('each destination with a contract template has a published orientation course owned by HQ training, approved on record', async () => {
      const courses = ok<OrientationCourse[]>(await s.eg.client().get('/api/v1/orientation/courses'));
      assert.deepEqual(courses.map((c) => c.country), ['AE', 'JO', 'KW', 'QA', 'SA']);
      for (const c of courses) {
        assert.ok(c.lessonCount >= 9, `${c.country}: ${c.lessonCount} lessons`);
        assert.equal(c.quizQuestionCount, 8);
        const row = await db().selectFrom('courses').selectAll().where('id', '=', c.courseId).executeTakeFirstOrThrow();
        assert.deepEqual([row.status, row.centre_id, row.approved_by, row.isco, row.orientation_country], ['published', HQ_TRAINING_CENTRE.id, ORIENTATION_CONTENT_STAFF.id, null, c.country]);
        const audit = await db().selectFrom('audit_log').select(['action', 'actor_kind']).where('subject_id', '=', c.courseId).orderBy('seq').execute();
        assert.deepEqual(audit.map((a) => a.action), ['course.created', 'course.submitted', 'course.approved']);
        assert.ok(audit.every((a) => a.actor_kind === 'system'));
      }
      // The content account cannot sign in: it is disabled from creation.
      const account = await db().selectFrom('staff').select(['role', 'disabled_at']).where('id', '=', ORIENTATION_CONTENT_STAFF.id).executeTakeFirstOrThrow();
      assert.equal(account.role, 'training_hq');
      assert.ok(account.disabled_at);

      // Real substance, with the articles and the sources: Saudi end of service (Art. 84), Egypt's no-fee rule (Art. 43), the MHRSD number.
      const sa = courses.find((c) => c.country === 'SA')!;
      const lessons = await db().selectFrom('lessons').select(['body_ar', 'body_en']).where('course_id', '=', sa.courseId).execute();
      const ar = lessons.map((l) => l.body_ar).join('\n');
      for (const expected of ['المادة ٨٤', 'المادة ٤٣', '١٩٩١١', 'المادة ٤٠', '## المصادر', 'مكتب التمثيل العمالي']) assert.ok(ar.includes(expected), `${expected} in the SA course`);
      assert.ok(lessons.every((l) => l.body_en.includes('## Sources')), 'every lesson lists its sources');
      assert.ok(!ar.includes('{{'), 'every placeholder is filled');

      // Seeding again (a restart) changes nothing.
      assert.deepEqual(await seedOrientationCourses(db(), s.eg.clock.now()), []);
      assert.equal((await db().selectFrom('orientation_courses').select('course_id').execute()).length, 5);
    });

    test('the worker with a concluded SA contract is asked to complete the SA orientation', async () => {
      const mine = ok<ContractOrientation[]>(await s.worker.get('/api/v1/worker/orientation'));
      assert.equal(mine.length, 1);
      const o = mine[0]!;
      assert.deepEqual([o.contractId, o.country, o.contractStatus, o.expected, o.record, o.enrolment], [concluded.id, 'SA', 'concluded', true, null, null]);
      assert.equal(o.course?.id, (await orientationCourse(s.worker, 'SA')).courseId);
      const one = ok<ContractOrientation>(await s.worker.get(`/api/v1/worker/contracts/${concluded.id}/versions/1/orientation`));
      assert.equal(one.countryName.ar, 'المملكة العربية السعودية');
    });

    test('another worker cannot complete, read or be recorded on this worker’s orientation', async () => {
      const enrolment = ok<EnrolmentState>(await s.worker.post(`/api/v1/elearning/courses/${(await orientationCourse(s.worker, 'SA')).courseId}/enrolments`), 201);
      const other = s.eg.client();
      await registerCitizen(s.eg, other, { nameAr: 'كريم سامي فؤاد', nameLatin: 'Karim Samy Fouad' });
      const lessonId = enrolment.resumeLessonId!;
      const forged = await other.post(`/api/v1/elearning/enrolments/${enrolment.id}/lessons/${lessonId}/complete`);
      assert.equal(forged.statusCode, 404);
      assert.equal(forged.json<{ code: string }>().code, 'enrolment_not_found');
      assert.equal((await other.post(`/api/v1/elearning/enrolments/${enrolment.id}/attempts`)).statusCode, 404);
      assert.equal((await other.get(`/api/v1/worker/contracts/${concluded.id}/versions/1/orientation`)).statusCode, 404);

      // The other worker completes the SA orientation themselves: nothing is recorded on anybody's contract.
      const theirs = await completeOrientation(other, db(), 'SA');
      assert.ok(theirs.enrolment.certificateCode);
      assert.deepEqual(ok<ContractOrientation[]>(await other.get('/api/v1/worker/orientation')), []);
      assert.equal((await db().selectFrom('contract_orientations').select('contract_id').execute()).length, 0);
      const progress = ok<ContractOrientation>(await s.worker.get(`/api/v1/worker/contracts/${concluded.id}/versions/1/orientation`));
      assert.equal(progress.record, null);
      assert.equal(progress.enrolment?.enrolmentId, enrolment.id);
      assert.equal(progress.enrolment?.progressPercent, 0);
    });

    test('completing it records it on the concluded contract, beside the signed payload; officers see it', async () => {
      const done = await completeOrientation(s.worker, db(), 'SA');
      assert.equal(done.attempt.passed, true);
      const code = done.enrolment.certificateCode!;
      assert.match(code, /^EG-/);

      const mine = ok<ContractOrientation>(await s.worker.get(`/api/v1/worker/contracts/${concluded.id}/versions/1/orientation`));
      assert.equal(mine.record?.certificateCode, code);
      assert.equal(mine.record?.version, 1);
      assert.equal(mine.enrolment?.completedAt, done.enrolment.completedAt);
      // The certificate verifies like any signed document.
      const verified = ok<VerificationResult>(await s.eg.client().get(`/api/v1/verify/${code}`));
      assert.equal(verified.status, 'genuine');
      // The contract both ministries signed is unchanged.
      const after = await db().selectFrom('received_contracts').select(['payload', 'status']).where('id', '=', concluded.id).executeTakeFirstOrThrow();
      assert.deepEqual(after.payload, payloadBefore);
      assert.equal(after.status, 'concluded');
      const audit = await db().selectFrom('audit_log').select(['action', 'actor_kind', 'actor_id']).where('subject_id', '=', concluded.id).where('action', '=', 'orientation.recorded').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_kind, 'citizen');

      // Officers: on the contract they review, and in the list per destination.
      const seen = ok<ContractOrientation>(await s.officer1.get(`/api/v1/attestation/contracts/${concluded.id}/versions/1/orientation`));
      assert.equal(seen.record?.certificateCode, code);
      assert.equal(seen.enrolment, null, 'officers see the completion, not the learning progress');
      const completed = ok<OrientationList>(await s.officer2.get('/api/v1/attestation/orientation?country=SA&status=completed'));
      assert.deepEqual(completed.items.map((i) => [i.contractId, i.record?.certificateCode, i.workerName.ar]), [[concluded.id, code, 'محمود حسن علي']]);
      assert.deepEqual(completed.summary, [{ country: 'SA', countryName: completed.summary[0]!.countryName, concluded: 1, completed: 1 }]);
      assert.equal(ok<OrientationList>(await s.officer2.get('/api/v1/attestation/orientation?status=pending')).items.length, 0);
      assert.equal(ok<OrientationList>(await s.officer2.get('/api/v1/attestation/orientation?country=JO')).items.length, 0);

      const clerk = s.eg.client();
      await signInStaff(s.eg, clerk, 'nasr.clerk');
      assert.equal((await clerk.get('/api/v1/attestation/orientation')).statusCode, 403);
      assert.equal((await s.eg.client().get('/api/v1/attestation/orientation')).statusCode, 401);
      assert.equal((await s.worker.get('/api/v1/attestation/orientation')).statusCode, 403);
      assert.equal((await s.eg.client().get('/api/v1/attestation/orientation?country=sa')).statusCode, 400);
    });

    test('recording is idempotent: repeats and hooks fired again change nothing', async () => {
      const { citizen_id: citizenId } = await db().selectFrom('received_contracts').select('citizen_id').where('id', '=', concluded.id).executeTakeFirstOrThrow();
      const e = await db().selectFrom('enrolments as e').innerJoin('orientation_courses as oc', 'oc.course_id', 'e.course_id').selectAll('e').where('e.citizen_id', '=', citizenId).executeTakeFirstOrThrow();
      // A lesson synced again, and a second quiz attempt after passing, are refused or ignored.
      const lesson = await db().selectFrom('lessons').select('id').where('course_id', '=', e.course_id).limit(1).executeTakeFirstOrThrow();
      ok(await s.worker.post(`/api/v1/elearning/enrolments/${e.id}/lessons/${lesson.id}/complete`));
      assert.equal((await s.worker.post(`/api/v1/elearning/enrolments/${e.id}/attempts`)).json<{ code: string }>().code, 'quiz_already_passed');
      // The hooks themselves, fired again.
      const now = s.eg.clock.now();
      const again = await db().transaction().execute(async (trx) => ({
        completion: await recordOrientationCompletion(trx, { enrolmentId: e.id, citizenId: e.citizen_id, courseId: e.course_id, country: 'SA', certificateCode: e.certificate_code!, completedAt: e.completed_at! }, now),
        contract: await recordOrientationForContract(trx, { contractId: concluded.id, version: 1, citizenId: e.citizen_id, country: 'SA', trigger: 'contract_concluded' }, now),
      }));
      assert.deepEqual(again, { completion: [], contract: false });
      assert.equal((await db().selectFrom('contract_orientations').select('contract_id').execute()).length, 1);
      assert.equal((await db().selectFrom('audit_log').select('seq').where('action', '=', 'orientation.recorded').execute()).length, 1);
      // The database refuses a record that names another destination's course.
      const jo = await orientationCourse(s.worker, 'JO');
      await assert.rejects(db().updateTable('contract_orientations').set({ course_id: jo.courseId }).where('contract_id', '=', concluded.id).execute());
    });

    test('a worker who completed the orientation before their contract gets it recorded when the contract is offered', async () => {
      const s2 = await storyToAcceptedInvitation(cluster);
      const done = await completeOrientation(s2.worker, db(), 'SA');
      assert.deepEqual(ok<ContractOrientation[]>(await s2.worker.get('/api/v1/worker/orientation')), []);
      const offered = await storyToOfferedContract(cluster, s2);
      const status = ok<ContractOrientation>(await s2.worker.get(`/api/v1/worker/contracts/${offered.id}/versions/1/orientation`));
      assert.equal(status.contractStatus, 'offered');
      assert.equal(status.record?.certificateCode, done.enrolment.certificateCode);
      const audit = await db().selectFrom('audit_log').select(['actor_kind', 'details']).where('subject_id', '=', offered.id).where('action', '=', 'orientation.recorded').executeTakeFirstOrThrow();
      assert.equal(audit.actor_kind, 'system');
      assert.equal((audit.details as { trigger: string }).trigger, 'contract_offered');
      // Accepting it keeps the one record; the officers' list now counts two concluded SA contracts, both completed.
      await acceptContract(s2, offered);
      const list = ok<OrientationList>(await s.officer1.get('/api/v1/attestation/orientation?country=SA'));
      assert.deepEqual(list.summary.map((x) => [x.country, x.concluded, x.completed]), [['SA', 2, 2]]);
      assert.equal(list.items[0]!.contractId, offered.id, 'newest conclusion first');
    });
  });
}

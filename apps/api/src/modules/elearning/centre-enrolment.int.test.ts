import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CentreEnrolment, MyEnrolment, StaffCourse } from '@rabt/contracts';
import { makeNationalId, registerCitizen, registrationBody, signInStaff, toE164 } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { courseBody, publishCourse, signInOtherTrainingStaff } from './test-fixtures.ts';

const toArabicDigits = (s: string) => s.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

/**
 * Enrolment by a training centre (issue 6 §2): the centre manager enrols a trainee by mobile or email (in the
 * body, never the national ID) into a published course of their centre; the trainee sees it in My learning.
 * Refusals: unknown or unconfirmed accounts, duplicates (also racing), a national ID, other roles, another
 * centre's course, a draft.
 */
for (const target of testTargets()) {
  describe(`e-learning enrolment by a centre (${target})`, () => {
    let t: TestNode;
    let trainer: TestClient;
    let manager: TestClient;
    let hq: TestClient;
    let courseId: string;
    let secondCourseId: string;

    before(async () => {
      t = await createTestNode(target);
      trainer = t.client();
      manager = t.client();
      hq = t.client();
      await signInStaff(t, trainer, 'trainer');
      await signInStaff(t, manager, 'centre.manager');
      await signInStaff(t, hq, 'training.hq');
      ({ courseId } = await publishCourse(trainer, manager, hq));
      ({ courseId: secondCourseId } = await publishCourse(trainer, manager, hq, { course: { titleAr: 'قراءة المخططات', titleEn: 'Reading wiring diagrams' } }));
    });
    after(() => t.close());

    test('the centre manager enrols a trainee by mobile (any form, Arabic-Indic digits); the trainee sees the course and gets an SMS', async () => {
      const trainee = t.client();
      const { mobile } = await registerCitizen(t, trainee, { nameAr: 'أحمد سمير حسن', nameLatin: 'Ahmed Samir Hassan' });
      const res = await manager.post('/api/v1/training/enrolments', { courseId, account: toArabicDigits(`${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`) });
      assert.equal(res.statusCode, 201, res.body);
      const e = res.json<CentreEnrolment>();
      assert.equal(e.courseId, courseId);
      assert.deepEqual(e.traineeName, { ar: 'أحمد سمير حسن', en: 'Ahmed Samir Hassan' });
      assert.equal(e.enrolledBy?.ar, 'هبة مصطفى');
      assert.equal(e.notified, true);
      assert.ok(e.mobileMasked.endsWith(mobile.slice(-3)) && !e.mobileMasked.includes(mobile.slice(3, 8)), e.mobileMasked);

      const mine = (await trainee.get('/api/v1/elearning/my')).json<MyEnrolment[]>();
      assert.deepEqual(
        mine.map((m) => [m.course.id, m.enrolment.id]),
        [[courseId, e.enrolmentId]],
      );
      const sms = await t.node.deps.db.selectFrom('notification_outbox').select('body_ar').where('recipient', '=', toE164(mobile)).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      assert.match(sms.body_ar, /السلامة الكهربائية/);
      const row = await t.node.deps.db.selectFrom('enrolments').select(['enrolled_by']).where('id', '=', e.enrolmentId).executeTakeFirstOrThrow();
      assert.ok(row.enrolled_by, 'who enrolled the trainee is recorded');
      const audit = await t.node.deps.db.selectFrom('audit_log').select(['details']).where('action', '=', 'elearning.enrolled_by_centre').where('subject_id', '=', e.enrolmentId).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(audit.details).includes(mobile.slice(1)), 'no mobile number in the audit log');

      // A duplicate, by the manager or after the trainee enrolled themselves, is refused with a reason.
      const dup = await manager.post('/api/v1/training/enrolments', { courseId, account: mobile });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json<{ code: string }>().code, 'already_enrolled');
      assert.equal((await trainee.post(`/api/v1/elearning/courses/${secondCourseId}/enrolments`)).statusCode, 201);
      assert.equal((await manager.post('/api/v1/training/enrolments', { courseId: secondCourseId, account: `+2${mobile}` })).json<{ code: string }>().code, 'already_enrolled');

      const list = (await manager.get(`/api/v1/training/enrolments?course=${courseId}`)).json<CentreEnrolment[]>();
      assert.ok(list.some((x) => x.enrolmentId === e.enrolmentId && x.enrolledBy !== null));
      const self = (await manager.get(`/api/v1/training/enrolments?course=${secondCourseId}`)).json<CentreEnrolment[]>();
      assert.equal(self.find((x) => x.traineeName.en === 'Ahmed Samir Hassan')?.enrolledBy, null, 'self-enrolment shows no enroller');
      assert.ok((await trainer.get('/api/v1/training/enrolments')).json<CentreEnrolment[]>().some((x) => x.enrolmentId === e.enrolmentId), 'the course trainer sees it');
    });

    test('by email (case-insensitive); an email on two accounts is ambiguous', async () => {
      const a = t.client();
      await registerCitizen(t, a, { nameAr: 'منى علي حسن', nameLatin: 'Mona Ali Hassan' });
      assert.equal((await a.patch('/api/v1/me', { email: 'mona.ali@example.org' })).statusCode, 200);
      const res = await manager.post('/api/v1/training/enrolments', { courseId, account: ' Mona.Ali@Example.org ' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json<CentreEnrolment>().traineeName.en, 'Mona Ali Hassan');

      const b = t.client();
      const c = t.client();
      await registerCitizen(t, b);
      await registerCitizen(t, c);
      await b.patch('/api/v1/me', { email: 'shared@example.org' });
      await c.patch('/api/v1/me', { email: 'shared@example.org' });
      const amb = await manager.post('/api/v1/training/enrolments', { courseId, account: 'shared@example.org' });
      assert.equal(amb.statusCode, 409);
      assert.equal(amb.json<{ code: string }>().code, 'trainee_ambiguous');
    });

    test('refused with a clear reason: unknown or unconfirmed account, a national ID, a malformed identifier, two racing requests', async () => {
      const unknown = await manager.post('/api/v1/training/enrolments', { courseId, account: '01099999999' });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json<{ code: string }>().code, 'trainee_not_found');
      assert.match(unknown.json<{ titles: { ar: string } }>().titles.ar, /يسجّل المتدرب/);
      assert.equal((await manager.post('/api/v1/training/enrolments', { courseId, account: 'nobody@example.org' })).json<{ code: string }>().code, 'trainee_not_found');

      // Registered but the mobile is not confirmed: not found either (the account cannot sign in yet).
      const body = registrationBody();
      assert.equal((await t.client().post('/api/v1/citizens', body)).statusCode, 201);
      assert.equal((await manager.post('/api/v1/training/enrolments', { courseId, account: body.mobile })).json<{ code: string }>().code, 'trainee_not_found');

      const nid = await manager.post('/api/v1/training/enrolments', { courseId, account: toArabicDigits(makeNationalId()) });
      assert.equal(nid.statusCode, 400);
      assert.equal(nid.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer, '/account');
      const junk = await manager.post('/api/v1/training/enrolments', { courseId, account: '12345' });
      assert.equal(junk.statusCode, 400);
      assert.equal(junk.json<{ errors: { code: string }[] }>().errors[0]?.code, 'mobile_invalid');

      const trainee = t.client();
      const { mobile } = await registerCitizen(t, trainee);
      const [r1, r2] = await Promise.all([manager.post('/api/v1/training/enrolments', { courseId, account: mobile }), manager.post('/api/v1/training/enrolments', { courseId, account: mobile })]);
      assert.deepEqual([r1.statusCode, r2.statusCode].sort(), [201, 409], `${r1.body} ${r2.body}`);
      const n = await t.node.deps.db.selectFrom('enrolments').innerJoin('citizens', 'citizens.id', 'enrolments.citizen_id').select('enrolments.id').where('citizens.mobile', '=', toE164(mobile)).execute();
      assert.equal(n.length, 1);
    });

    test('only the manager of the course’s centre enrols, and only into a published course', async () => {
      const trainee = t.client();
      const { mobile } = await registerCitizen(t, trainee);
      const body = { courseId, account: mobile };
      assert.equal((await t.client().post('/api/v1/training/enrolments', body)).statusCode, 401);
      assert.equal((await trainee.post('/api/v1/training/enrolments', body)).statusCode, 403);
      assert.equal((await trainer.post('/api/v1/training/enrolments', body)).statusCode, 403);
      assert.equal((await hq.post('/api/v1/training/enrolments', body)).statusCode, 403);
      const alex = t.client();
      await signInOtherTrainingStaff(t, alex, 'centre.manager', 'DEMO-VTC-ALEX');
      const foreign = await alex.post('/api/v1/training/enrolments', body);
      assert.equal(foreign.statusCode, 403);
      assert.equal(foreign.json<{ code: string }>().code, 'out_of_scope');
      assert.ok(!(await alex.get('/api/v1/training/enrolments')).json<CentreEnrolment[]>().some((x) => x.courseId === courseId), 'another centre sees none of these enrolments');

      const draft = (await trainer.post('/api/v1/training/courses', courseBody())).json<StaffCourse>();
      const notPublished = await manager.post('/api/v1/training/enrolments', { courseId: draft.id, account: mobile });
      assert.equal(notPublished.statusCode, 409);
      assert.equal(notPublished.json<{ code: string }>().code, 'course_not_published');
      assert.equal((await manager.post('/api/v1/training/enrolments', { courseId: crypto.randomUUID(), account: mobile })).statusCode, 404);
      assert.deepEqual((await trainee.get('/api/v1/elearning/my')).json<MyEnrolment[]>(), [], 'nothing was enrolled by the refused requests');
    });
  });
}

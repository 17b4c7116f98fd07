import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EligibilityResult, ProblemDetails, ServiceApplicationDetail, WorkPermit } from '@rabt/contracts';
import { registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import { ok, type TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { PERMITS } from './service-config.ts';

/**
 * Four workflow gaps a new-user tester found (issue 5): a second work-permit application for the same
 * foreign worker, malformed ids answered 400 instead of 404, "eligible" shown while an application is open,
 * and a late exempt-foreigner notice accepted without the office seeing that it is late.
 */

const NASR = seedOfficeId('CAI-NASR');
const API = '/api/v1';
const PERMIT_DOCS = ['commercial_register', 'tax_card', 'authorisation', 'passport_copy', 'hiv_certificate', 'photo'];
const NOTICE_DOCS = ['passport_copy', 'exemption_proof', 'authorisation'];

type Res = { statusCode: number; body: string; json<U>(): U };

for (const target of testTargets()) {
  describe(`e-services workflow gaps (${target})`, () => {
    let t: TestNode;
    let rep: TestClient;
    before(async () => {
      t = await createTestNode(target);
      rep = t.client();
      await registerCitizen(t, rep);
    });
    after(() => t.close());

    const db = () => t.node.database.db;
    const dayOffset = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    let serial = 5000;
    /** A standard permit within the quota for a new worker (unless the passport is given). */
    function permitAnswers(over: Record<string, unknown> = {}): Record<string, unknown> {
      serial += 1;
      return { crNumber: '88001', establishmentName: 'شركة الصعيد للنسيج', egyptianHeadcount: 190, foreignHeadcount: 2, freeZone: 'no', workerName: 'Ravi Kumar', passportNumber: `W${serial}00`, nationality: 'IN', isco: '2142', durationMonths: 12, ...over };
    }
    function applyPermit(answers: Record<string, unknown>, c = rep) {
      return c.post(`${API}/my/applications`, { serviceCode: 'work_permit', officeId: NASR, answers, declaredDocuments: PERMIT_DOCS });
    }
    /** Upload stand-in (uploads are tested in their module): the declared documents are recorded as uploaded. */
    async function markUploaded(draft: ServiceApplicationDetail): Promise<void> {
      const app = await db().selectFrom('service_applications').select('applicant_citizen_id').where('id', '=', draft.id).executeTakeFirstOrThrow();
      for (const type of draft.declaredDocuments) {
        await db().insertInto('application_documents').values({ id: randomUUID(), application_id: draft.id, document_type: type, content_type: 'application/pdf', size_bytes: 1000, sha256: 'c'.repeat(64), uploaded_by_citizen_id: app.applicant_citizen_id!, created_at: t.clock.now() }).execute();
      }
    }
    async function submitted(draft: ServiceApplicationDetail, c = rep): Promise<ServiceApplicationDetail> {
      await markUploaded(draft);
      return ok<ServiceApplicationDetail>(c.post(`${API}/my/applications/${draft.id}/submit`));
    }
    async function issuedPermit(answers: Record<string, unknown>): Promise<ServiceApplicationDetail> {
      const draft = await ok<ServiceApplicationDetail>(applyPermit(answers), 201);
      await submitted(draft);
      const clerk = await staff('nasr.clerk');
      await ok(clerk.post(`${API}/office/applications/${draft.id}/payments/cash`, { receiptNumber: `R-${draft.reference}` }));
      await ok(clerk.post(`${API}/office/applications/${draft.id}/approve`, {}));
      const done = await ok<ServiceApplicationDetail>((await staff('cairo.manager')).post(`${API}/office/applications/${draft.id}/approve`, {}));
      assert.equal(done.status, 'issued');
      return done;
    }
    const countApplications = async () => Number((await db().selectFrom('service_applications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    /** A 409 duplicate naming `open` (reference in both languages, id), with nothing saved. */
    async function duplicate(res: Promise<Res>, open: ServiceApplicationDetail): Promise<void> {
      const before = await countApplications();
      const r = await res;
      assert.equal(r.statusCode, 409, r.body);
      const p = r.json<ProblemDetails & { reasonsAr?: string; openApplicationId?: string; openApplicationReference?: string }>();
      assert.equal(p.code, 'service_application_duplicate');
      assert.equal(p.openApplicationId, open.id);
      assert.equal(p.openApplicationReference, open.reference);
      assert.ok(p.detail?.includes(open.reference), p.detail);
      assert.ok(p.reasonsAr?.includes(open.reference), p.reasonsAr);
      assert.match(p.reasonsAr ?? '', /جواز السفر/);
      assert.equal(await countApplications(), before, 'nothing saved');
    }

    test('1. a second work-permit application for the same worker (nationality + passport) at the same establishment is refused 409 until the first is withdrawn or rejected', async () => {
      const first = await ok<ServiceApplicationDetail>(applyPermit(permitAnswers({ passportNumber: 'Q1234567' })), 201);
      // The same passport typed otherwise (spaces, lower case, Arabic-Indic digits; CR in Arabic-Indic digits) is the same worker.
      await duplicate(applyPermit(permitAnswers({ passportNumber: 'q ١٢٣٤٥٦٧', crNumber: '٨٨٠٠١' })), first);
      // Another nationality with the same number is another passport; another establishment is another employer.
      await ok(applyPermit(permitAnswers({ passportNumber: 'Q1234567', nationality: 'PH' })), 201);
      await ok(applyPermit(permitAnswers({ passportNumber: 'Q1234567', crNumber: '88002' })), 201);

      // Open (submitted) blocks as a draft does; withdrawn frees the worker.
      await submitted(first);
      await duplicate(applyPermit(permitAnswers({ passportNumber: 'Q1234567' })), first);
      await ok(rep.post(`${API}/my/applications/${first.id}/withdraw`, { reason: 'خطأ في البيانات' }));
      const second = await ok<ServiceApplicationDetail>(applyPermit(permitAnswers({ passportNumber: 'Q1234567' })), 201);

      // Rejected frees it too.
      await submitted(second);
      await ok((await staff('nasr.clerk')).post(`${API}/office/applications/${second.id}/reject`, { reason: 'المستندات غير مقروءة' }));
      await ok(applyPermit(permitAnswers({ passportNumber: 'Q1234567' })), 201);
    });

    test('1. two racing applications for the same worker: exactly one wins, the other gets 409; the database index refuses a second open row', async () => {
      const answers = permitAnswers();
      const results = await Promise.all([applyPermit(answers), applyPermit(answers), applyPermit(answers)]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409], results.map((r) => r.body).join('\n'));
      for (const r of results.filter((x) => x.statusCode === 409)) assert.equal(r.json<ProblemDetails>().code, 'service_application_duplicate');
      // Even past the service's check: the partial unique index holds.
      const row = await db().selectFrom('service_applications').selectAll().where('id', '=', results.find((r) => r.statusCode === 201)!.json<ServiceApplicationDetail>().id).executeTakeFirstOrThrow();
      assert.equal(row.subject_key, `88001|IN|${String(answers.passportNumber)}`);
      await assert.rejects(
        db().insertInto('service_applications').values({ ...row, id: randomUUID(), reference: `WP-TEST-${serial}`, declared_documents: JSON.stringify(row.declared_documents), answers: JSON.stringify(row.answers) }).execute(),
        (err: { code?: string }) => err.code === '23505',
      );
    });

    test('1. corrected answers that turn an application into a duplicate are refused 409', async () => {
      const a = await submitted(await ok<ServiceApplicationDetail>(applyPermit(permitAnswers()), 201));
      const b = await ok<ServiceApplicationDetail>(applyPermit(permitAnswers()), 201);
      await ok((await staff('nasr.clerk')).post(`${API}/office/applications/${a.id}/request-info`, { message: 'تحقق من رقم الجواز' }));
      await duplicate(rep.post(`${API}/my/applications/${a.id}/answer`, { message: 'صححته', answers: { passportNumber: b.answers.passportNumber } }), b);
    });

    test('1. once the permit is issued: a new application is refused (renew instead); one renewal at a time; after cancellation a new application is possible', async () => {
      const answers = permitAnswers();
      const done = await issuedPermit(answers);
      const again = await applyPermit(answers);
      assert.equal(again.statusCode, 422, again.body);
      assert.match(again.json<ProblemDetails>().detail ?? '', /already holds an active permit at this establishment \(WPN-\d{4}-\d{6}.*renewal/);
      const permit = (await ok<WorkPermit[]>(rep.get(`${API}/my/work-permits`))).find((p) => p.applicationId === done.id)!;
      // The renewal path is unchanged: a renewal of the active permit is made…
      const renewal = await ok<ServiceApplicationDetail>(applyPermit(permit.renewalAnswers), 201);
      // …but only one at a time.
      await duplicate(applyPermit(permit.renewalAnswers), renewal);
      await ok(rep.post(`${API}/my/applications/${renewal.id}/withdraw`, {}));
      // Cancelled by the office: the worker may get a new permit.
      await ok((await staff('nasr.clerk')).post(`${API}/office/work-permits/${permit.id}/cancel`, { reason: 'انتهاء علاقة العمل' }));
      await ok(applyPermit(answers), 201);
    });

    test('2. a malformed id in a URL is not found (404 with the resource code), like an id that names nothing; signed out: 401', async () => {
      const clerk = await staff('nasr.clerk');
      const hq = await staff('hq.admin');
      const absent = randomUUID();
      const cases: [TestClient, 'get' | 'post' | 'patch', string, string, Record<string, unknown>?][] = [
        [rep, 'get', '/my/applications/{id}', 'service_application_not_found'],
        [rep, 'post', '/my/applications/{id}/submit', 'service_application_not_found'],
        [rep, 'post', '/my/applications/{id}/answer', 'service_application_not_found', { message: 'x' }],
        [rep, 'post', '/my/applications/{id}/withdraw', 'service_application_not_found', {}],
        [rep, 'post', '/my/applications/{id}/messages', 'service_application_not_found', { body: 'x' }],
        [rep, 'get', '/my/applications/{id}/skill-test', 'service_application_not_found'],
        [rep, 'get', '/applications/{id}/documents', 'service_application_not_found'],
        [rep, 'get', '/applications/{id}/payment', 'service_application_not_found'],
        [rep, 'post', '/my/applications/{id}/payments/online', 'service_application_not_found'],
        [clerk, 'get', '/office/applications/{id}', 'service_application_not_found'],
        [clerk, 'post', '/office/applications/{id}/assign', 'service_application_not_found', {}],
        [clerk, 'post', '/office/applications/{id}/request-info', 'service_application_not_found', { message: 'x' }],
        [clerk, 'post', '/office/applications/{id}/approve', 'service_application_not_found', {}],
        [clerk, 'post', '/office/applications/{id}/reject', 'service_application_not_found', { reason: 'سبب الرفض' }],
        [clerk, 'post', '/office/applications/{id}/escalate', 'service_application_not_found', { note: 'x' }],
        [clerk, 'post', '/office/applications/{id}/messages', 'service_application_not_found', { body: 'x' }],
        [clerk, 'get', '/office/applications/{id}/skill-test', 'service_application_not_found'],
        [clerk, 'post', '/office/applications/{id}/payments/cash', 'service_application_not_found', { receiptNumber: 'R-1' }],
        [clerk, 'post', '/office/work-permits/{id}/cancel', 'work_permit_not_found', { reason: 'سبب الإلغاء' }],
        [hq, 'patch', '/office/testing-centres/{id}', 'testing_centre_not_found', { active: false }],
        [hq, 'get', '/office/testing-centres/{id}/sessions', 'testing_centre_not_found'],
        [hq, 'patch', '/office/test-sessions/{id}', 'test_session_not_found', { capacity: 10 }],
      ];
      for (const [c, method, path, code, body] of cases) {
        for (const id of ['not-a-uuid', '123', `${absent}x`]) {
          const url = `${API}${path.replace('{id}', encodeURIComponent(id))}`;
          const r = method === 'get' ? await c.get(url) : await c[method](url, body ?? {});
          assert.equal(r.statusCode, 404, `${method} ${url}: ${r.body}`);
          assert.equal(r.json<ProblemDetails>().code, code, `${method} ${url}`);
        }
        // Consistent with an id that is well formed but names nothing (where the route answers 404 for that).
        if (method === 'get' && !path.includes('skill-test')) {
          const r = await c.get(`${API}${path.replace('{id}', absent)}`);
          assert.deepEqual([r.statusCode, r.json<ProblemDetails>().code], [404, code], `${path} with an absent id`);
        }
        // Signed out: sign in first.
        const anon = t.client();
        const url = `${API}${path.replace('{id}', 'not-a-uuid')}`;
        const r = method === 'get' ? await anon.get(url) : await anon[method](url, body ?? {});
        assert.equal(r.statusCode, 401, `signed out ${method} ${url}: ${r.body}`);
      }
      // A document id that is not a UUID: the document is not found.
      const doc = await rep.get(`${API}/applications/${absent}/documents/not-a-uuid`);
      assert.deepEqual([doc.statusCode, doc.json<ProblemDetails>().code], [404, 'upload_not_found']);
    });

    test('3. eligibility says an application is already open, with its id, and a second one is refused; withdrawn: eligible again', async () => {
      const c = t.client();
      await registerCitizen(t, c);
      const ANSWERS = { isco: '7411', education: 'technical_secondary', experienceYears: '٥' };
      const fresh = await ok<EligibilityResult>(c.get(`${API}/services/employment_registration/eligibility`));
      assert.deepEqual([fresh.eligible, fresh.openApplication], [true, null]);
      const draft = await ok<ServiceApplicationDetail>(c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: ANSWERS, declaredDocuments: ['national_id_copy', 'photo'] }), 201);
      for (const e of [await ok<EligibilityResult>(c.get(`${API}/services/employment_registration/eligibility`)), await ok<EligibilityResult>(c.post(`${API}/services/employment_registration/quote`, { answers: ANSWERS }))]) {
        assert.equal(e.eligible, false);
        assert.deepEqual(e.openApplication, { id: draft.id, reference: draft.reference });
        const check = e.checks.find((x) => x.key === 'no_open_application')!;
        assert.equal(check.ok, false);
        assert.ok(check.reason!.en.includes(draft.reference) && check.reason!.ar.includes(draft.reference));
      }
      // The create endpoint refuses a second one, draft or submitted.
      const second = () => c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: ANSWERS, declaredDocuments: ['national_id_copy', 'photo'] });
      assert.equal((await second()).json<ProblemDetails>().code, 'service_application_open');
      await submitted(draft, c);
      const r = await second();
      assert.deepEqual([r.statusCode, r.json<ProblemDetails>().code], [409, 'service_application_open']);
      assert.equal((await ok<EligibilityResult>(c.get(`${API}/services/employment_registration/eligibility`))).openApplication?.id, draft.id);
      await ok(c.post(`${API}/my/applications/${draft.id}/withdraw`, {}));
      const again = await ok<EligibilityResult>(c.get(`${API}/services/employment_registration/eligibility`));
      assert.deepEqual([again.eligible, again.openApplication], [true, null]);
      // Services an establishment applies for many times have no such link (one per worker instead).
      await ok(applyPermit(permitAnswers()), 201);
      assert.equal((await ok<EligibilityResult>(rep.get(`${API}/services/work_permit/eligibility`))).openApplication, null);
    });

    test('4. a late exempt-foreigner notice carries "late by N days" (counted to the day it was filed) on the office case; an on-time one says 0', async () => {
      const limit = PERMITS.exemptCategories.noticeDays;
      const notice = (over: Record<string, unknown>) => ({ serviceCode: 'exempt_foreigner_notice', officeId: NASR, answers: { crNumber: '88001', establishmentName: 'شركة الصعيد للنسيج', workerName: 'Claire Martin', passportNumber: `FR${serial++}`, nationality: 'FR', isco: '2631', category: 'international_organisation', event: 'start', ...over }, declaredDocuments: NOTICE_DOCS });
      const today = dayOffset(0);
      // Services without a deadline carry none.
      const permit = await ok<ServiceApplicationDetail>(applyPermit(permitAnswers()), 201);
      assert.equal(permit.lateness, null);
      const late = await ok<ServiceApplicationDetail>(rep.post(`${API}/my/applications`, notice({ eventDate: dayOffset(-(limit + 3)) })), 201);
      assert.deepEqual(late.lateness, { eventDate: dayOffset(-(limit + 3)), dueBy: dayOffset(-3), filedOn: today, limitDays: limit, daysLate: 3 });
      await submitted(late);
      // Filed on the last day: on time.
      const onTime = await submitted(await ok<ServiceApplicationDetail>(rep.post(`${API}/my/applications`, notice({ eventDate: dayOffset(-limit) })), 201));
      // The office looks at it days later: still 3 days late (filed on submission), not more.
      t.clock.advance(5 * 86_400_000);
      const clerk = await staff('nasr.clerk');
      const seen = await ok<ServiceApplicationDetail>(clerk.get(`${API}/office/applications/${late.id}`));
      assert.deepEqual(seen.lateness, { eventDate: dayOffset(-(limit + 8)), dueBy: dayOffset(-8), filedOn: dayOffset(-5), limitDays: limit, daysLate: 3 });
      assert.equal((await ok<ServiceApplicationDetail>(clerk.get(`${API}/office/applications/${onTime.id}`))).lateness?.daysLate, 0);
    });
  });
}

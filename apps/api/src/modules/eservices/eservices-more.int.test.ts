import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EligibilityResult, ProblemDetails, ServiceApplicationDetail, SkillTestView, TestSession, VerificationResult, WorkPermit } from '@rabt/contracts';
import { registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import { ok, type TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { demoTestingCentreId } from './demo-seed.ts';
import { cairoDay } from '../../platform/clock.ts';
import { SKILL_GRADES, gradeFor } from './service-config.ts';

const NASR = seedOfficeId('CAI-NASR');
const API = '/api/v1';
const SKILL_DOCS = ['national_id_copy', 'photo'];
const PERMIT_DOCS = ['commercial_register', 'tax_card', 'authorisation', 'passport_copy', 'hiv_certificate', 'photo'];

describe('skill grades from scores (configured thresholds, edges inclusive)', () => {
  test('each grade is reached exactly at both minima and missed one point below either', () => {
    for (const [i, g] of SKILL_GRADES.entries()) {
      const below = i === 0 ? null : SKILL_GRADES[i - 1]!.level;
      assert.equal(gradeFor(g.minTheoretical, g.minPractical), g.level);
      assert.equal(gradeFor(g.minTheoretical - 1, g.minPractical), below, `${g.level}: theoretical one below`);
      assert.equal(gradeFor(g.minTheoretical, g.minPractical - 1), below, `${g.level}: practical one below`);
    }
    assert.equal(gradeFor(100, 100), 'specialised_technician');
    assert.equal(gradeFor(0, 0), null);
    assert.equal(gradeFor(100, 49), null, 'a strong theory does not make up for a failed practical');
  });
});

for (const target of testTargets()) {
  describe(`e-services: skill certificate, craft licence, work permit (${target})`, () => {
    let t: TestNode;
    before(async () => {
      t = await createTestNode(target);
    });
    after(() => t.close());

    // Cairo's calendar day (session dates are Cairo's); sessions the tests add today start at 23:59, still ahead.
    const today = () => cairoDay(t.clock.now());
    async function citizen() {
      const c = t.client();
      await registerCitizen(t, c);
      return c;
    }
    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    async function verify(code: string): Promise<VerificationResult> {
      return ok<VerificationResult>(t.client().get(`${API}/verify/${code}`));
    }
    async function sessionFor(c: TestClient, isco: string): Promise<TestSession> {
      const sessions = await ok<TestSession[]>(c.get(`${API}/skill-tests/sessions?isco=${encodeURIComponent(isco)}&governorate=01`));
      const s = sessions.find((x) => x.date === today() && x.seatsLeft > 0);
      assert.ok(s, 'a demo session today in Cairo');
      return s;
    }
    /** Citizen applies and submits; the Nasr clerk passes the office review. */
    async function skillApplication(c: TestClient, isco: string, extra: Record<string, unknown> = {}) {
      const s = await sessionFor(c, isco);
      const draft = await ok<ServiceApplicationDetail>(c.post(`${API}/my/applications`, { serviceCode: 'skill_certificate', officeId: NASR, answers: { isco, sessionId: s.id, experienceYears: '٣' }, declaredDocuments: SKILL_DOCS, ...extra }), 201);
      await submit(c, draft);
      const clerk = await staff('nasr.clerk');
      await pay(clerk, draft);
      const reviewed = await ok<ServiceApplicationDetail>(clerk.post(`${API}/office/applications/${draft.id}/approve`, {}));
      assert.equal(reviewed.currentStep?.key, 'examination');
      return { draft, clerk };
    }
    async function examine(id: string, theoreticalScore: string | number, practicalScore: string | number): Promise<ServiceApplicationDetail> {
      const head = await staff('nasr.head');
      await ok<SkillTestView>(head.post(`${API}/office/applications/${id}/skill-test/results`, { theoreticalScore, practicalScore }));
      return ok<ServiceApplicationDetail>(head.post(`${API}/office/applications/${id}/approve`, {}));
    }
    /**
     * Uploads stand-in: the declared documents are recorded as uploaded (application_documents rows), so
     * the submit gate of the uploads module passes; uploads themselves are tested in the uploads module.
     */
    async function submit(c: TestClient, draft: ServiceApplicationDetail): Promise<void> {
      const citizenId = await citizenIdOf(draft.id);
      for (const type of draft.declaredDocuments) {
        await t.node.database.db.insertInto('application_documents').values({ id: randomUUID(), application_id: draft.id, document_type: type, content_type: 'application/pdf', size_bytes: 1000, sha256: 'a'.repeat(64), uploaded_by_citizen_id: citizenId, created_at: t.clock.now() }).execute();
      }
      await ok(c.post(`${API}/my/applications/${draft.id}/submit`));
    }
    /** The fee paid at the office counter (cash, receipt number), when there is one. */
    async function pay(clerk: TestClient, draft: ServiceApplicationDetail): Promise<void> {
      if (draft.fee.amountPiastres > 0) await ok(clerk.post(`${API}/office/applications/${draft.id}/payments/cash`, { receiptNumber: `R-${draft.reference}` }));
    }
    async function citizenIdOf(applicationId: string): Promise<string> {
      const r = await t.node.database.db.selectFrom('service_applications').select('applicant_citizen_id').where('id', '=', applicationId).executeTakeFirstOrThrow();
      return r.applicant_citizen_id!;
    }

    let skilled: TestClient;

    test('skill certificate: book a session, examiner enters results, certificate verified and in the overseas evidence; retest keeps the better grade', async () => {
      const c = await citizen();
      skilled = c;
      const def = await ok<{ form: { key: string; type: string }[]; fee: { exemptions: { code: string; requiredDocument: string | null }[] } }>(t.client().get(`${API}/services/skill_certificate`));
      assert.ok(def.form.some((f) => f.key === 'sessionId' && f.type === 'test_session'));
      assert.deepEqual(def.fee.exemptions.map((e) => [e.code, e.requiredDocument]), [['disability', 'disability_certificate'], ['martyr_family', 'martyr_family_certificate']]);

      const { draft, clerk } = await skillApplication(c, '٧٤١١');
      assert.equal(draft.fee.amountPiastres, 200 * 100);
      assert.equal(draft.answers.isco, '7411', 'Arabic-Indic digits accepted');
      // The clerk is not the examiner; results before approval are required; bad scores are field errors.
      assert.equal((await clerk.post(`${API}/office/applications/${draft.id}/skill-test/results`, { theoreticalScore: 80, practicalScore: 80 })).json<ProblemDetails>().code, 'service_step_role');
      const head = await staff('nasr.head');
      // Approving at the examination step before any results: refused, nothing issued (the page hides the button meanwhile).
      const early = await head.post(`${API}/office/applications/${draft.id}/approve`, {});
      assert.equal(early.statusCode, 409);
      assert.equal(early.json<ProblemDetails>().code, 'skill_results_missing');
      assert.match(early.json<ProblemDetails>().titles.ar, /سجّل نتيجتي الاختبار/);
      assert.equal((await ok<ServiceApplicationDetail>(head.get(`${API}/office/applications/${draft.id}`))).currentStep?.key, 'examination');
      const bad = await head.post(`${API}/office/applications/${draft.id}/skill-test/results`, { theoreticalScore: 101, practicalScore: 'x' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json<ProblemDetails>().errors?.map((e) => e.pointer).sort(), ['/practicalScore', '/theoreticalScore']);
      const failed = await ok<SkillTestView>(head.post(`${API}/office/applications/${draft.id}/skill-test/results`, { theoreticalScore: 30, practicalScore: 90 }));
      assert.equal(failed.grade, null);
      assert.equal((await head.post(`${API}/office/applications/${draft.id}/approve`, {})).json<ProblemDetails>().code, 'skill_test_not_passed');

      const done = await examine(draft.id, '٧٥', '٨٥');
      assert.equal(done.status, 'issued');
      const v = await verify(done.document!.code);
      assert.equal(v.status, 'genuine');
      const mine = await ok<SkillTestView>(c.get(`${API}/my/applications/${draft.id}/skill-test`));
      assert.deepEqual([mine.theoreticalScore, mine.practicalScore, mine.grade], [75, 85, 'technician']);
      const citizenId = await citizenIdOf(draft.id);
      const evidence = await t.node.database.db.selectFrom('worker_certificates').selectAll().where('citizen_id', '=', citizenId).execute();
      assert.equal(evidence.length, 1);
      assert.deepEqual(
        [evidence[0]!.kind, evidence[0]!.level, evidence[0]!.isco, evidence[0]!.verification_code, evidence[0]!.source, evidence[0]!.source_ref, evidence[0]!.revoked_at],
        ['skill_level', 'technician', '7411', done.document!.code, 'eservices', draft.id, null],
      );

      // Retest in the same occupation: retest fee; a worse result leaves the better grade standing.
      const again = await skillApplication(c, '7411');
      assert.equal(again.draft.fee.amountPiastres, 100 * 100);
      const retest = await examine(again.draft.id, 45, 55);
      assert.equal(retest.status, 'issued');
      const live = await t.node.database.db.selectFrom('worker_certificates').selectAll().where('citizen_id', '=', citizenId).where('revoked_at', 'is', null).execute();
      assert.deepEqual(live.map((r) => [r.level, r.verification_code]), [['technician', retest.document!.code]]);
      assert.equal((await verify(retest.document!.code)).status, 'genuine');
      // The worker's overseas profile lists the live certificate as verified evidence.
      const profile = await ok<{ certificates: { kind: string; isco: string | null; level: string | null; verificationCode: string | null }[] }>(c.get(`${API}/worker/profile`));
      assert.deepEqual(profile.certificates.map((x) => [x.kind, x.isco, x.level, x.verificationCode]), [['skill_level', '7411', 'technician', retest.document!.code]]);
    });

    test('a full session refuses the booking (row lock, capacity) and nothing is saved', async () => {
      const id = randomUUID();
      await t.node.database.db.insertInto('skill_test_sessions').values({ id, centre_id: demoTestingCentreId('DEMO-STC-CAIRO'), session_date: today(), start_time: '23:59', capacity: 1, isco_codes: ['7126'], created_at: t.clock.now() }).execute();
      const body = { serviceCode: 'skill_certificate', officeId: NASR, answers: { isco: '7126', sessionId: id }, declaredDocuments: SKILL_DOCS };
      const a = await citizen();
      await ok(a.post(`${API}/my/applications`, body), 201);
      const before = await t.node.database.db.selectFrom('service_applications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const b = await citizen();
      const listed = await ok<TestSession[]>(b.get(`${API}/skill-tests/sessions?isco=7126`));
      assert.equal(listed.find((s) => s.id === id)?.seatsLeft, 0);
      const full = await b.post(`${API}/my/applications`, body);
      assert.equal(full.statusCode, 409, full.body);
      assert.equal(full.json<ProblemDetails>().code, 'skill_session_full');
      const afterCount = await t.node.database.db.selectFrom('service_applications').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(afterCount.n, before.n);
      // Two at once for one seat: exactly one wins.
      const id2 = randomUUID();
      await t.node.database.db.insertInto('skill_test_sessions').values({ id: id2, centre_id: demoTestingCentreId('DEMO-STC-CAIRO'), session_date: today(), start_time: '23:59', capacity: 1, isco_codes: ['7126'], created_at: t.clock.now() }).execute();
      const [x, y] = await Promise.all([citizen(), citizen()]);
      const both = await Promise.all([x, y].map((cl) => cl.post(`${API}/my/applications`, { ...body, answers: { isco: '7126', sessionId: id2 } })));
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409]);
    });

    test('an exemption without its document is refused; with it the fee is zero', async () => {
      const c = await citizen();
      const s = await sessionFor(c, '7212');
      const body = { serviceCode: 'skill_certificate', officeId: NASR, answers: { isco: '7212', sessionId: s.id }, exemption: 'disability', declaredDocuments: SKILL_DOCS };
      const res = await c.post(`${API}/my/applications`, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.json<ProblemDetails>().errors?.some((e) => e.pointer === '/declaredDocuments/disability_certificate' && e.code === 'required'));
      const okRes = await ok<ServiceApplicationDetail>(c.post(`${API}/my/applications`, { ...body, declaredDocuments: [...SKILL_DOCS, 'disability_certificate'] }), 201);
      assert.deepEqual(okRes.fee, { amountPiastres: 0, exemption: 'disability' });
    });

    test('craft licence: refused without a skill certificate in the craft; granted by the directorate with one', async () => {
      const none = await citizen();
      const elig = await ok<EligibilityResult>(none.get(`${API}/services/craft_licence/eligibility`));
      assert.equal(elig.eligible, false);
      const refused = await none.post(`${API}/my/applications`, { serviceCode: 'craft_licence', officeId: NASR, answers: { craft: '7411' }, declaredDocuments: SKILL_DOCS });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.equal(refused.json<ProblemDetails>().code, 'service_not_eligible');
      assert.match(refused.json<ProblemDetails>().detail ?? '', /no valid skill-level certificate in Building electrician/);
      // The Arabic reason reaches the client too (the response schema keeps the extension).
      assert.match(refused.json<ProblemDetails>().reasonsAr ?? '', /لا توجد لديك شهادة قياس مستوى مهارة سارية في كهربائي مباني \(٧٤١١\)/);
      // The holder of the 7411 certificate has none in plumbing.
      assert.equal((await skilled.post(`${API}/my/applications`, { serviceCode: 'craft_licence', officeId: NASR, answers: { craft: '7126' }, declaredDocuments: SKILL_DOCS })).statusCode, 422);

      const draft = await ok<ServiceApplicationDetail>(skilled.post(`${API}/my/applications`, { serviceCode: 'craft_licence', officeId: NASR, answers: { craft: '7411' }, declaredDocuments: SKILL_DOCS }), 201);
      assert.equal(draft.fee.amountPiastres, 250 * 100);
      await submit(skilled, draft);
      const clerk = await staff('nasr.clerk');
      await pay(clerk, draft);
      const atDirectorate = await ok<ServiceApplicationDetail>(clerk.post(`${API}/office/applications/${draft.id}/approve`, {}));
      assert.equal(atDirectorate.currentStep?.key, 'directorate_decision');
      assert.equal((await clerk.post(`${API}/office/applications/${draft.id}/approve`, {})).json<ProblemDetails>().code, 'service_step_role');
      const manager = await staff('cairo.manager');
      const done = await ok<ServiceApplicationDetail>(manager.post(`${API}/office/applications/${draft.id}/approve`, {}));
      assert.equal(done.status, 'issued');
      assert.equal((await verify(done.document!.code)).status, 'genuine');
      const lic = await t.node.database.db.selectFrom('craft_licences').selectAll().where('application_id', '=', draft.id).executeTakeFirstOrThrow();
      assert.equal(lic.valid_until, `${Number(today().slice(0, 4)) + 5}${today().slice(4)}`);
      assert.equal(lic.document_code, done.document!.code);
    });

    test('work permit: quota breach refused with the numbers; issued after security review; renewal before expiry only; cancellation revokes on /verify', async () => {
      const rep = await citizen();
      const base = { crNumber: '١٢٣٤٥٦', establishmentName: 'شركة النيل للمقاولات', egyptianHeadcount: 9, foreignHeadcount: 1, freeZone: 'no', workerName: 'Rahul Sharma', passportNumber: 'p1234567', nationality: 'IN', isco: '2142', durationMonths: 6 };
      const breach = await rep.post(`${API}/my/applications`, { serviceCode: 'work_permit', officeId: NASR, answers: base, declaredDocuments: PERMIT_DOCS });
      assert.equal(breach.statusCode, 422, breach.body);
      assert.match(breach.json<ProblemDetails>().detail ?? '', /foreign workers would be 2 of a workforce of 11 \(18\.2%\), above the 10% cap of 1/);
      // Free-zone exception.
      const fz = await rep.post(`${API}/my/applications`, { serviceCode: 'work_permit', officeId: NASR, answers: { ...base, freeZone: 'yes', passportNumber: 'Z9999999' }, declaredDocuments: PERMIT_DOCS });
      assert.equal(fz.statusCode, 201, fz.body);
      const badCountry = await rep.post(`${API}/my/applications`, { serviceCode: 'work_permit', officeId: NASR, answers: { ...base, egyptianHeadcount: 95, nationality: 'XX' }, declaredDocuments: PERMIT_DOCS });
      assert.ok(badCountry.json<ProblemDetails>().errors?.some((e) => e.pointer === '/answers/nationality'));

      async function permit(answers: Record<string, unknown>): Promise<ServiceApplicationDetail> {
        const draft = await ok<ServiceApplicationDetail>(rep.post(`${API}/my/applications`, { serviceCode: 'work_permit', officeId: NASR, answers, declaredDocuments: PERMIT_DOCS }), 201);
        await submit(rep, draft);
        const clerk = await staff('nasr.clerk');
        await pay(clerk, draft);
        const sec = await ok<ServiceApplicationDetail>(clerk.post(`${API}/office/applications/${draft.id}/approve`, {}));
        assert.equal(sec.currentStep?.key, 'security_review');
        assert.equal((await clerk.post(`${API}/office/applications/${draft.id}/approve`, {})).json<ProblemDetails>().code, 'service_step_role');
        const manager = await staff('cairo.manager');
        return ok<ServiceApplicationDetail>(manager.post(`${API}/office/applications/${draft.id}/approve`, {}));
      }
      const first = await permit({ ...base, egyptianHeadcount: 95, foreignHeadcount: 4 });
      assert.equal(first.status, 'issued');
      assert.equal(first.fee.amountPiastres, 5000 * 100);
      assert.equal((await verify(first.document!.code)).status, 'genuine');
      let mine = await ok<WorkPermit[]>(rep.get(`${API}/my/work-permits`));
      const p1 = mine.find((p) => p.applicationId === first.id)!;
      assert.deepEqual([p1.state, p1.renewable, p1.establishmentCr, p1.validFrom], ['active', true, '123456', today()]);

      // Renewal due 30 days before the end; a renewal is allowed and is permit year 2.
      const soon = new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
      await t.node.database.db.updateTable('work_permits').set({ valid_until: soon }).where('id', '=', p1.id).execute();
      mine = await ok<WorkPermit[]>(rep.get(`${API}/my/work-permits`));
      assert.equal(mine.find((p) => p.id === p1.id)!.state, 'renewal_due');
      const renewal = await permit(p1.renewalAnswers);
      assert.equal(renewal.fee.amountPiastres, 6000 * 100);
      mine = await ok<WorkPermit[]>(rep.get(`${API}/my/work-permits`));
      const p2 = mine.find((p) => p.applicationId === renewal.id)!;
      assert.equal(mine.find((p) => p.id === p1.id)!.state, 'renewed');
      assert.equal(p2.permitYear, 2);
      assert.equal(p2.validFrom > soon, true, 'the renewal runs on from the end of the earlier permit');

      // After expiry a renewal is refused.
      const other = await permit({ ...base, egyptianHeadcount: 95, foreignHeadcount: 4, passportNumber: 'K7654321', workerName: 'Jose Santos', nationality: 'PH' });
      const p3 = (await ok<WorkPermit[]>(rep.get(`${API}/my/work-permits`))).find((p) => p.applicationId === other.id)!;
      const yesterday = new Date(t.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
      await t.node.database.db.updateTable('work_permits').set({ valid_from: '2025-01-01', valid_until: yesterday }).where('id', '=', p3.id).execute();
      const p3now = (await ok<WorkPermit[]>(rep.get(`${API}/my/work-permits`))).find((p) => p.id === p3.id)!;
      assert.deepEqual([p3now.state, p3now.renewable], ['expired', false]);
      const late = await rep.post(`${API}/my/applications`, { serviceCode: 'work_permit', officeId: NASR, answers: p3now.renewalAnswers, declaredDocuments: PERMIT_DOCS });
      assert.equal(late.statusCode, 422, late.body);
      assert.match(late.json<ProblemDetails>().detail ?? '', /expired on .*renewal is allowed only before expiry/);

      // Cancellation by the office: the document is revoked on /verify, with the reason.
      const giza = await staff('giza.clerk');
      assert.equal((await giza.post(`${API}/office/work-permits/${p2.id}/cancel`, { reason: 'انتهاء علاقة العمل' })).json<ProblemDetails>().code, 'out_of_scope');
      const clerk = await staff('nasr.clerk');
      const cancelled = await ok<WorkPermit>(clerk.post(`${API}/office/work-permits/${p2.id}/cancel`, { reason: 'انتهاء علاقة العمل' }));
      assert.equal(cancelled.state, 'cancelled');
      const v = await verify(p2.documentCode!);
      assert.deepEqual([v.status, v.statusReason], ['revoked', 'انتهاء علاقة العمل']);
      assert.equal((await clerk.post(`${API}/office/work-permits/${p2.id}/cancel`, { reason: 'مرة أخرى' })).json<ProblemDetails>().code, 'work_permit_state');
      const audit = await t.node.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', p2.id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['work_permit.cancelled']);
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EligibilityResult, ProblemDetails, ServiceApplicationDetail, VerificationResult, WorkPermit } from '@rabt/contracts';
import { registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import { ok, type TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { FEES, PERMITS, shortAssignmentFeeEgp } from './service-config.ts';
import { dateText } from '../../platform/pdf/dates.ts';

/**
 * The Decree 279/2025 rules of the work permit (definitions/work-permit-rules.ts) through the API, and the
 * exempt-foreigner notice: prohibited occupations, exempt categories, quota exceptions with the higher
 * fee, fee exemptions, short assignments, the fee re-checked at the decision. Every refusal leaves no
 * application, event or audit row behind.
 */

const NASR = seedOfficeId('CAI-NASR');
const API = '/api/v1';
const PERMIT_DOCS = ['commercial_register', 'tax_card', 'authorisation', 'passport_copy', 'hiv_certificate', 'photo'];
const COMMITTEE_DOC = PERMITS.exceptions.committeeApproval.document;
const TREATY_DOC = FEES.work_permit.feeExemptions.treatyBeneficiaryDocument;
const egp = (n: number) => n * 100;

let passportSerial = 1000;
/** Within the quota (5 foreigners of 100 after this one): the ordinary fee of permit year 1. */
function answers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  passportSerial += 1;
  return { crNumber: '٧٧٠٠١', establishmentName: 'شركة الدلتا للصناعات', egyptianHeadcount: 95, foreignHeadcount: 4, freeZone: 'no', workerName: 'Arjun Mehta', passportNumber: `M${passportSerial}00`, nationality: 'IN', isco: '2142', durationMonths: 12, ...overrides };
}

for (const target of testTargets()) {
  describe(`work permit: the rules of Decree 279/2025 (${target})`, () => {
    let t: TestNode;
    let rep: TestClient;
    before(async () => {
      t = await createTestNode(target);
      rep = t.client();
      await registerCitizen(t, rep);
    });
    after(() => t.close());

    const db = () => t.node.database.db;
    const today = () => t.clock.now().toISOString().slice(0, 10);
    const dayOffset = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    function apply(body: Record<string, unknown>, docs = PERMIT_DOCS, extra: Record<string, unknown> = {}) {
      return rep.post(`${API}/my/applications`, { serviceCode: 'work_permit', officeId: NASR, answers: body, declaredDocuments: docs, ...extra });
    }
    async function counts() {
      const n = async (table: 'service_applications' | 'application_events' | 'audit_log') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      return { applications: await n('service_applications'), events: await n('application_events'), audit: await n('audit_log') };
    }
    /** A 422 refusal whose English and Arabic reasons match, with nothing saved. */
    async function refused(body: Record<string, unknown>, en: RegExp, ar: RegExp, docs = PERMIT_DOCS): Promise<void> {
      const before = await counts();
      const res = await apply(body, docs);
      assert.equal(res.statusCode, 422, res.body);
      const p = res.json<ProblemDetails & { reasonsAr?: string }>();
      assert.equal(p.code, 'service_not_eligible');
      assert.match(p.detail ?? '', en);
      assert.match(p.reasonsAr ?? '', ar);
      assert.deepEqual(await counts(), before, 'nothing half-saved');
    }
    async function quote(body: Record<string, unknown>, exemption?: string): Promise<EligibilityResult> {
      return ok<EligibilityResult>(rep.post(`${API}/services/work_permit/quote`, { answers: body, ...(exemption ? { exemption } : {}) }));
    }
    /** Upload stand-in (uploads are tested in their module): the declared documents are recorded as uploaded. */
    async function markUploaded(draft: ServiceApplicationDetail, types = draft.declaredDocuments): Promise<void> {
      const app = await db().selectFrom('service_applications').select('applicant_citizen_id').where('id', '=', draft.id).executeTakeFirstOrThrow();
      for (const type of types) {
        await db().insertInto('application_documents').values({ id: randomUUID(), application_id: draft.id, document_type: type, content_type: 'application/pdf', size_bytes: 1000, sha256: 'b'.repeat(64), uploaded_by_citizen_id: app.applicant_citizen_id!, created_at: t.clock.now() }).execute();
      }
    }
    /** Submitted, paid at the counter (when there is a fee), past the office review: at the security review. */
    async function toSecurityReview(draft: ServiceApplicationDetail): Promise<void> {
      await markUploaded(draft);
      await ok(rep.post(`${API}/my/applications/${draft.id}/submit`));
      const clerk = await staff('nasr.clerk');
      if (draft.fee.amountPiastres > 0) await ok(clerk.post(`${API}/office/applications/${draft.id}/payments/cash`, { receiptNumber: `R-${draft.reference}` }));
      const sec = await ok<ServiceApplicationDetail>(clerk.post(`${API}/office/applications/${draft.id}/approve`, {}));
      assert.equal(sec.currentStep?.key, 'security_review');
    }
    async function issue(body: Record<string, unknown>, docs = PERMIT_DOCS, extra: Record<string, unknown> = {}): Promise<ServiceApplicationDetail> {
      const draft = await ok<ServiceApplicationDetail>(apply(body, docs, extra), 201);
      await toSecurityReview(draft);
      const manager = await staff('cairo.manager');
      const done = await ok<ServiceApplicationDetail>(manager.post(`${API}/office/applications/${draft.id}/approve`, {}));
      assert.equal(done.status, 'issued');
      return done;
    }

    test('(a) prohibited occupations: tour guiding refused for all; customs clearance refused except for Palestinians; reasons bilingual with the source', async () => {
      await refused(answers({ isco: '٥١١٣' }), /Foreigners may not be employed in tour guiding \(ISCO-08 5113\) under Ministerial Decree 279\/2025/, /لا يجوز تشغيل الأجانب في الإرشاد السياحي.*قرار وزير العمل رقم ٢٧٩ لسنة ٢٠٢٥/);
      await refused(answers({ isco: '3331', nationality: 'JO' }), /export and customs-clearance work \(ISCO-08 3331\).*the exception is for: Palestin/, /التخليص الجمركي.*ويُستثنى من ذلك/);
      // The same rule before submission: the quote shows the failing check and its reason, nothing saved.
      const q = await quote({ isco: '5113', nationality: 'IN' });
      const check = q.checks.find((c) => c.key === 'occupation_not_prohibited');
      assert.equal(check?.ok, false);
      assert.match(check?.reason?.en ?? '', /tour guiding/);
      // Palestinians are excepted from the customs-clearance ban (and their nationality is fee-exempt in the shipped configuration).
      const ps = await ok<ServiceApplicationDetail>(apply(answers({ isco: '3331', nationality: 'PS' })), 201);
      assert.equal(ps.answers.isco, '3331');
    });

    test('(d) an exempt category gets no permit: refused with the notice to file instead; the notice is acknowledged with a signed, verifiable document that records lateness', async () => {
      await refused(answers({ exemptCategory: 'diplomat' }), /exempt from the work permit \(members of diplomatic and consular missions\).*notifies the labour office within 7 days/, /معفاة من تصريح العمل.*خلال ٧ أيام/);
      const eligibility = await ok<EligibilityResult>(rep.get(`${API}/services/work_permit/eligibility`));
      assert.equal(eligibility.eligible, true, 'without answers the rules answer for the general case');

      const noticeBody = (over: Record<string, unknown>) => ({ serviceCode: 'exempt_foreigner_notice', officeId: NASR, answers: { crNumber: '77001', establishmentName: 'شركة الدلتا للصناعات', workerName: 'Claire Martin', passportNumber: 'FR123456', nationality: 'FR', isco: '2631', category: 'international_organisation', event: 'start', eventDate: dayOffset(-10), ...over }, declaredDocuments: ['passport_copy', 'exemption_proof', 'authorisation'] });
      const tooFar = await rep.post(`${API}/my/applications`, noticeBody({ eventDate: dayOffset(PERMITS.exemptCategories.noticeLeadDays + 1) }));
      assert.equal(tooFar.statusCode, 400, tooFar.body);
      assert.ok(tooFar.json<ProblemDetails>().errors?.some((e) => e.pointer === '/answers/eventDate'));
      const draft = await ok<ServiceApplicationDetail>(rep.post(`${API}/my/applications`, noticeBody({})), 201);
      assert.equal(draft.fee.amountPiastres, 0);
      // A second notice while the first is open is allowed (several exempt workers at once).
      await ok(rep.post(`${API}/my/applications`, noticeBody({ passportNumber: 'FR654321', eventDate: today() })), 201);
      await markUploaded(draft);
      await ok(rep.post(`${API}/my/applications/${draft.id}/submit`));
      const clerk = await staff('nasr.clerk');
      const done = await ok<ServiceApplicationDetail>(clerk.post(`${API}/office/applications/${draft.id}/approve`, {}));
      assert.equal(done.status, 'issued');
      const v = await ok<VerificationResult>(t.client().get(`${API}/verify/${done.document!.code}`));
      assert.equal(v.status, 'genuine');
      const doc = await db().selectFrom('issued_documents').select(['kind', 'payload']).where('code', '=', done.document!.code).executeTakeFirstOrThrow();
      const details = (doc.payload as { details: Record<string, unknown> }).details;
      assert.equal(doc.kind, 'exempt_foreigner_notice');
      assert.deepEqual([details.category, details.event, details.daysAfterEvent, details.late], ['international_organisation', 'start', 10, true]);
    });

    test('(b) quota exceptions: a breach without one is refused; free zone, small establishment and committee approval pass at the higher fee; the committee decision is required', async () => {
      const breach = { egyptianHeadcount: 9, foreignHeadcount: 1 };
      await refused(answers(breach), /foreign workers would be 2 of a workforce of 11.*no committee approval is claimed \(Ministerial Decree 279\/2025\)/, /تجاوز نسبة الأجانب.*من إجمالي ١١ عاملًا \(١٨٫٢٪\).*أي عامل أجنبي واحد \(.*موافقة من اللجنة المختصة/);
      const higher1 = egp(FEES.work_permit.aboveQuotaByPermitYearEgp[0]!);
      const ordinary1 = egp(FEES.work_permit.byPermitYearEgp[0]!);
      assert.ok(higher1 > ordinary1);

      // Shown before submission: the quote carries the higher fee and says why.
      const q = await quote(answers({ ...breach, freeZone: 'yes' }));
      assert.deepEqual([q.eligible, q.fee.amountPiastres], [true, higher1]);
      assert.match(q.fee.explanation.en, /above the quota \(free-zone exception\), higher fee table/);

      const fz = await ok<ServiceApplicationDetail>(apply(answers({ ...breach, freeZone: 'yes' })), 201);
      assert.equal(fz.fee.amountPiastres, higher1);
      const within = await ok<ServiceApplicationDetail>(apply(answers()), 201);
      assert.equal(within.fee.amountPiastres, ordinary1);
      // Small establishment: 3 Egyptians + 1 foreigner is a workforce below the configured 10.
      const small = await ok<ServiceApplicationDetail>(apply(answers({ egyptianHeadcount: 3, foreignHeadcount: 0 })), 201);
      assert.equal(small.fee.amountPiastres, higher1);

      // Committee approval: its decision number and its copy are required.
      const noNumber = await apply(answers({ ...breach, committeeApproval: 'yes' }), [...PERMIT_DOCS, COMMITTEE_DOC]);
      assert.equal(noNumber.statusCode, 400, noNumber.body);
      assert.ok(noNumber.json<ProblemDetails>().errors?.some((e) => e.pointer === '/answers/committeeDecisionNumber' && e.code === 'required'));
      const noCopy = await apply(answers({ ...breach, committeeApproval: 'yes', committeeDecisionNumber: '١٧/٢٠٢٦' }));
      assert.equal(noCopy.statusCode, 400, noCopy.body);
      assert.ok(noCopy.json<ProblemDetails>().errors?.some((e) => e.pointer === `/declaredDocuments/${COMMITTEE_DOC}` && e.code === 'required'));
      const committee = await ok<ServiceApplicationDetail>(apply(answers({ ...breach, committeeApproval: 'yes', committeeDecisionNumber: '17/2026' }), [...PERMIT_DOCS, COMMITTEE_DOC]), 201);
      assert.equal(committee.fee.amountPiastres, higher1);
      // Declared is not enough: the committee's decision must be uploaded before submission.
      await markUploaded(committee, PERMIT_DOCS);
      const gate = await rep.post(`${API}/my/applications/${committee.id}/submit`);
      assert.equal(gate.statusCode, 422, gate.body);
      assert.deepEqual(gate.json<ProblemDetails>().errors?.map((e) => e.pointer), [`/documents/${COMMITTEE_DOC}`]);
      await markUploaded(committee, [COMMITTEE_DOC]);
      await ok(rep.post(`${API}/my/applications/${committee.id}/submit`));
      const clerk = await staff('nasr.clerk');
      await ok(clerk.post(`${API}/office/applications/${committee.id}/payments/cash`, { receiptNumber: `R-${committee.reference}` }));
      await ok(clerk.post(`${API}/office/applications/${committee.id}/approve`, {}));
      const done = await ok<ServiceApplicationDetail>((await staff('cairo.manager')).post(`${API}/office/applications/${committee.id}/approve`, {}));
      const permit = await db().selectFrom('work_permits').select(['quota_basis', 'permit_type']).where('application_id', '=', done.id).executeTakeFirstOrThrow();
      assert.deepEqual([permit.quota_basis, permit.permit_type], ['committee_approval', 'standard']);
    });

    test('(b) the fee is checked again at the decision: a permit pushed above the quota since it was quoted is refused, nothing written', async () => {
      // 9 Egyptians, no foreigners: one permit fits (1 of 10); the second, quoted at the same time, no longer does once the first is issued.
      const base = { crNumber: '88002', egyptianHeadcount: 9, foreignHeadcount: 0, freeZone: 'yes' };
      const first = await ok<ServiceApplicationDetail>(apply(answers(base)), 201);
      const second = await ok<ServiceApplicationDetail>(apply(answers(base)), 201);
      assert.equal(second.fee.amountPiastres, egp(FEES.work_permit.byPermitYearEgp[0]!));
      await toSecurityReview(second);
      await toSecurityReview(first);
      const manager = await staff('cairo.manager');
      await ok(manager.post(`${API}/office/applications/${first.id}/approve`, {}));
      const before = await counts();
      const res = await manager.post(`${API}/office/applications/${second.id}/approve`, {});
      assert.equal(res.statusCode, 422, res.body);
      assert.match(res.json<ProblemDetails>().detail ?? '', /The fee due has changed since the application \(EGP 5,000 quoted, EGP 10,000 due now/);
      assert.deepEqual(await counts(), before);
      assert.equal(await db().selectFrom('work_permits').select('id').where('application_id', '=', second.id).executeTakeFirst(), undefined);
      const still = await db().selectFrom('service_applications').select(['status', 'current_step']).where('id', '=', second.id).executeTakeFirstOrThrow();
      assert.deepEqual([still.status, still.current_step], ['escalated', 'security_review']);
    });

    test('(c) fee exemptions: a configured nationality is exempt automatically (waiver on submission); a treaty beneficiary claims it with proof', async () => {
      const exempt = FEES.work_permit.feeExemptions.nationalities[0];
      if (exempt) {
        const q = await quote(answers({ nationality: exempt }));
        assert.deepEqual([q.fee.amountPiastres, q.fee.exemption?.code], [0, 'nationality']);
        const done = await issue(answers({ nationality: exempt }));
        assert.deepEqual(done.fee, { amountPiastres: 0, exemption: 'nationality' });
        const waiver = await db().selectFrom('service_payments').select(['status', 'method']).where('application_id', '=', done.id).executeTakeFirstOrThrow();
        assert.deepEqual([waiver.status, waiver.method], ['waived', 'exemption']);
      }
      const noProof = await apply(answers(), PERMIT_DOCS, { exemption: 'treaty_beneficiary' });
      assert.equal(noProof.statusCode, 400, noProof.body);
      assert.ok(noProof.json<ProblemDetails>().errors?.some((e) => e.pointer === `/declaredDocuments/${TREATY_DOC}`));
      const treaty = await ok<ServiceApplicationDetail>(apply(answers(), [...PERMIT_DOCS, TREATY_DOC], { exemption: 'treaty_beneficiary' }), 201);
      assert.deepEqual(treaty.fee, { amountPiastres: 0, exemption: 'treaty_beneficiary' });
      // Without a claim, the same worker pays the table.
      assert.equal((await quote(answers())).fee.amountPiastres, egp(FEES.work_permit.byPermitYearEgp[0]!));
    });

    test('(e) short assignments: 10 % of the wage within the configured minimum and maximum, prior approval, issued for its days, not renewable', async () => {
      const cfg = FEES.work_permit.shortAssignment;
      const short = (over: Record<string, unknown>) => answers({ durationMonths: undefined, permitType: 'short_assignment', assignmentStart: dayOffset(2), assignmentDays: 10, assignmentWageEgp: 200_000, ...over });
      assert.equal(shortAssignmentFeeEgp(200_000), 20_000);
      assert.equal((await quote(short({}))).fee.amountPiastres, egp(20_000));
      assert.equal((await quote(short({ assignmentWageEgp: '٢٠٠٠٠' }))).fee.amountPiastres, egp(cfg.minEgp), 'below the minimum: the minimum');
      assert.equal((await quote(short({ assignmentWageEgp: 1_000_000 }))).fee.amountPiastres, egp(cfg.maxEgp), 'above the maximum: the maximum');

      const tooLong = await apply(short({ assignmentDays: PERMITS.shortAssignment.maxDays + 1 }));
      assert.equal(tooLong.statusCode, 400, tooLong.body);
      assert.ok(tooLong.json<ProblemDetails>().errors?.some((e) => e.pointer === '/answers/assignmentDays'));
      const missing = await apply(short({ assignmentWageEgp: undefined, assignmentStart: undefined }));
      assert.deepEqual(missing.json<ProblemDetails>().errors?.map((e) => e.pointer).sort(), ['/answers/assignmentStart', '/answers/assignmentWageEgp']);
      const standardMissing = await apply(answers({ durationMonths: undefined }));
      assert.ok(standardMissing.json<ProblemDetails>().errors?.some((e) => e.pointer === '/answers/durationMonths' && e.code === 'required'));
      await refused(short({ assignmentStart: dayOffset(-1) }), /needs prior approval under Ministerial Decree 279\/2025: its start date .* is before today/, /موافقة مسبقة/);

      const done = await issue(short({ assignmentWageEgp: '٣٠٠٠٠٠', assignmentStart: today() }));
      assert.equal(done.fee.amountPiastres, egp(30_000));
      const mine = await ok<WorkPermit[]>(rep.get(`${API}/my/work-permits`));
      const p = mine.find((x) => x.applicationId === done.id)!;
      assert.deepEqual([p.permitType, p.validFrom, p.validUntil, p.state, p.renewable], ['short_assignment', today(), dayOffset(9), 'active', false]);
      // A short assignment is not renewed.
      const renew = await apply({ ...p.renewalAnswers, permitType: 'standard', durationMonths: 6 });
      assert.equal(renew.statusCode, 422, renew.body);
      assert.match(renew.json<ProblemDetails>().detail ?? '', /short assignment and is not renewed/);
    });

    test('texts (issue 5): the nationality named alone in Arabic, long Arabic dates in the reasons, fees with grouped digits as on the web', async () => {
      const isoInText = /[0-9\u0660-\u0669]{4}-[0-9\u0660-\u0669]{2}-[0-9\u0660-\u0669]{2}/;
      const ungrouped = /[\u0660-\u0669]{4}/;
      // Fees: one format, the web's moneyText one («٥٬٠٠٠ جنيه», "EGP 5,000"), in the quote and in the service's fee text.
      const q = await quote(answers());
      assert.equal(q.fee.explanation.ar, 'سنة التصريح ١: ٥٬٠٠٠ جنيه.');
      assert.equal(q.fee.explanation.en, 'Permit year 1: EGP 5,000.');
      const sq = await quote(answers({ durationMonths: undefined, permitType: 'short_assignment', assignmentStart: dayOffset(2), assignmentDays: 10, assignmentWageEgp: 200_000 }));
      assert.ok(sq.fee.explanation.ar.includes('من الأجر ٢٠٠٬٠٠٠ جنيه، بين ٨٬٠٠٠ و٥٠٬٠٠٠ جنيه') && !ungrouped.test(sq.fee.explanation.ar), sq.fee.explanation.ar);
      const svc = await ok<{ feeText: { ar: string; en: string } }>(rep.get(`${API}/services/work_permit`));
      assert.ok(svc.feeText.ar.includes('السنة ١: ٥٬٠٠٠') && !ungrouped.test(svc.feeText.ar), svc.feeText.ar);
      assert.ok(svc.feeText.en.includes('year 1: 5,000'), svc.feeText.en);

      // A prior-approval refusal writes the start date as the other texts do («٣٠ نوفمبر ٢٠٢٦»), not ISO.
      const before = await counts();
      const late = await apply(answers({ crNumber: '99005', durationMonths: undefined, permitType: 'short_assignment', assignmentStart: dayOffset(-1), assignmentDays: 5, assignmentWageEgp: 100_000 }));
      assert.equal(late.statusCode, 422, late.body);
      const lateAr = late.json<{ reasonsAr?: string }>().reasonsAr ?? '';
      assert.ok(lateAr.includes(`تاريخ بدئها ${dateText(dayOffset(-1)).ar} سابق لليوم`) && !isoInText.test(lateAr), lateAr);
      assert.deepEqual(await counts(), before);

      // The issued permit: Arabic names the country alone; English keeps the ISO code.
      const worker = { crNumber: '99005', passportNumber: 'K99005001', nationality: 'IN' };
      const done = await issue(answers(worker));
      const v = await ok<VerificationResult>(t.client().get(`${API}/verify/${done.document!.code}`));
      assert.deepEqual(v.fields.find((f) => f.key === 'nationality')?.value, { ar: 'الهند', en: 'India (IN)' });
      // The same worker again: refused with the active permit's end date written long in Arabic.
      const again = await apply(answers(worker));
      assert.equal(again.statusCode, 422, again.body);
      const againAr = again.json<{ reasonsAr?: string }>().reasonsAr ?? '';
      assert.ok(againAr.includes(`حتى ${dateText(v.validUntil!).ar})`) && !isoInText.test(againAr), againAr);
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EligibilityResult, OfficeQueuePage, ProblemDetails, ServiceApplicationDetail, ServiceDefinitionView } from '@rabt/contracts';
import { makeNationalId, registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { samplePdf, sampleJpeg, uploadDocument } from '../uploads/test-files.ts';
import { QR_URL_MAX_BYTES, verifyUrlOf } from '../documents/issue.ts';

const NASR = seedOfficeId('CAI-NASR');
const GIZA = seedOfficeId('GIZ-GIZA');
const API = '/api/v1';
const ANSWERS = { isco: '7411', education: 'technical_secondary', experienceYears: '٥' };
const DOCS = ['national_id_copy', 'photo'];

for (const target of testTargets()) {
  describe(`e-services: employment registration certificate (${target})`, () => {
    let t: TestNode;
    before(async () => {
      t = await createTestNode(target);
    });
    after(() => t.close());

    async function citizen(overrides: Record<string, unknown> = {}) {
      const c = t.client();
      const reg = await registerCitizen(t, c, overrides);
      return { c, ...reg };
    }
    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    /** Uploads the two required documents (issue 5 §6: submit needs them uploaded, not only declared). */
    async function uploadRequired(c: TestClient, id: string): Promise<void> {
      assert.equal((await uploadDocument(c, id, 'national_id_copy', samplePdf())).statusCode, 201);
      assert.equal((await uploadDocument(c, id, 'photo', sampleJpeg())).statusCode, 201);
    }
    /** A submitted application at Nasr City. */
    async function submitted(c: TestClient, officeId = NASR): Promise<ServiceApplicationDetail> {
      const created = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId, answers: ANSWERS, declaredDocuments: DOCS });
      assert.equal(created.statusCode, 201, created.body);
      const app = created.json<ServiceApplicationDetail>();
      await uploadRequired(c, app.id);
      const res = await c.post(`${API}/my/applications/${app.id}/submit`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<ServiceApplicationDetail>();
    }
    async function countRows(table: 'service_applications' | 'employment_registrations' | 'application_events'): Promise<number> {
      const r = await t.node.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    }

    test('the public catalogue shows the definition: form, documents, free fee, steps with SLAs, the 30-day rule', async () => {
      const anon = t.client();
      const list = (await anon.get(`${API}/services`)).json<{ code: string; expectedHours: number }[]>();
      const er = list.find((s) => s.code === 'employment_registration');
      assert.ok(er);
      assert.equal(er.expectedHours, 48);
      const def = (await anon.get(`${API}/services/employment_registration`)).json<ServiceDefinitionView>();
      assert.deepEqual(
        def.form.map((f) => f.key),
        ['isco', 'education', 'qualificationTitle', 'experienceYears'],
      );
      assert.ok(def.documents.some((d) => d.type === 'national_id_copy' && d.required && d.acceptedMimeTypes.includes('application/pdf')));
      assert.deepEqual(
        def.steps.map((s) => [s.key, s.slaHours, s.optional]),
        [
          ['office_review', 48, false],
          ['directorate_decision', 72, true],
        ],
      );
      assert.match(def.notes[0]!.en, /30 days/);
      assert.equal((await anon.get(`${API}/services/no_such_service`)).json<ProblemDetails>().code, 'service_not_found');
      assert.equal((await anon.get(`${API}/services/employment_registration/eligibility`)).statusCode, 401);
    });

    test('full flow: apply at Nasr City → clerk asks for information → citizen answers → clerk approves → certificate issued with a code', async () => {
      const { c } = await citizen();
      const elig = (await c.get(`${API}/services/employment_registration/eligibility`)).json<EligibilityResult>();
      assert.equal(elig.eligible, true);
      assert.equal(elig.fee.amountPiastres, 0);
      assert.ok(elig.offices.some((o) => o.id === NASR));
      assert.ok(elig.offices.every((o) => o.directorateCode === '01'));

      const created = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: ANSWERS, declaredDocuments: DOCS });
      assert.equal(created.statusCode, 201, created.body);
      const draft = created.json<ServiceApplicationDetail>();
      assert.equal(draft.status, 'draft');
      assert.equal(draft.fee.amountPiastres, 0);
      assert.equal(draft.answers.experienceYears, 5, 'Arabic-Indic digits accepted');
      assert.match(draft.reference, /^ER-\d{4}-\d{6}$/);
      await uploadRequired(c, draft.id);
      const sub = (await c.post(`${API}/my/applications/${draft.id}/submit`)).json<ServiceApplicationDetail>();
      assert.equal(sub.status, 'submitted');
      assert.equal(sub.currentStep?.key, 'office_review');
      assert.equal(new Date(sub.stepDueAt!).getTime() - t.clock.now().getTime() <= 48 * 3600_000, true);
      assert.equal(sub.expected.length, 1);

      const clerk = await staff('nasr.clerk');
      const q = (await clerk.get(`${API}/office/applications?service=employment_registration`)).json<OfficeQueuePage>();
      assert.ok(q.items.some((i) => i.id === draft.id));
      const assigned = await clerk.post(`${API}/office/applications/${draft.id}/assign`, {});
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(assigned.json<ServiceApplicationDetail>().status, 'in_review');

      const noMsg = await clerk.post(`${API}/office/applications/${draft.id}/request-info`, {});
      assert.equal(noMsg.statusCode, 400);
      const asked = await clerk.post(`${API}/office/applications/${draft.id}/request-info`, { message: 'أرفق صورة شهادة الدبلوم' });
      assert.equal(asked.statusCode, 200, asked.body);
      assert.equal(asked.json<ServiceApplicationDetail>().stepDueAt, null, 'SLA clock stopped');

      const mine = (await c.get(`${API}/my/applications/${draft.id}`)).json<ServiceApplicationDetail>();
      assert.equal(mine.status, 'info_requested');
      assert.equal(mine.infoRequest, 'أرفق صورة شهادة الدبلوم');
      const early = await clerk.post(`${API}/office/applications/${draft.id}/approve`, {});
      assert.equal(early.json<ProblemDetails>().code, 'service_application_state');

      const answered = await c.post(`${API}/my/applications/${draft.id}/answer`, { message: 'أرسلت الشهادة', answers: { qualificationTitle: 'دبلوم المدارس الثانوية الصناعية' } });
      assert.equal(answered.statusCode, 200, answered.body);
      assert.equal(answered.json<ServiceApplicationDetail>().status, 'in_review');
      assert.ok(answered.json<ServiceApplicationDetail>().stepDueAt);

      const approved = await clerk.post(`${API}/office/applications/${draft.id}/approve`, { note: 'مستوفى' });
      assert.equal(approved.statusCode, 200, approved.body);
      const done = approved.json<ServiceApplicationDetail>();
      assert.equal(done.status, 'issued');
      assert.ok(done.document?.code);
      assert.match(done.registration!.number, /^CAI-NASR-\d{4}-\d{6}$/);
      assert.equal(done.registration!.registeredOn, t.clock.now().toISOString().slice(0, 10));

      const view = (await c.get(`${API}/my/applications/${draft.id}`)).json<ServiceApplicationDetail>();
      assert.equal(view.document?.pdfUrl, `/api/v1/documents/${done.document.code}/pdf`);
      assert.deepEqual(
        view.events.map((e) => `${e.action}:${e.fromStatus ?? ''}>${e.toStatus}`),
        ['created:>draft', 'submitted:draft>submitted', 'assigned:submitted>in_review', 'info_requested:in_review>info_requested', 'info_answered:info_requested>in_review', 'approved:in_review>approved', 'issued:approved>issued'],
      );
      assert.deepEqual(
        view.messages.map((m) => m.authorKind),
        ['staff', 'citizen'],
      );
      const issued = await t.node.database.db.selectFrom('issued_documents').select(['kind', 'holder_citizen_id']).where('code', '=', done.document.code).executeTakeFirstOrThrow();
      assert.equal(issued.kind, 'employment_registration');
      const verify = await t.client().get(`${API}/verify/${done.document.code}`);
      assert.equal(verify.statusCode, 200, verify.body);
      const audit = await t.node.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', draft.id).orderBy('seq').execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        ['service_application.created', 'service_application.document_uploaded', 'service_application.document_uploaded', 'service_application.submitted', 'service_application.assigned', 'service_application.info_requested', 'service_application.info_answered', 'service_application.issued'],
      );

      // One active registration per citizen: a second application is refused with the reason.
      const again = (await c.get(`${API}/services/employment_registration/eligibility`)).json<EligibilityResult>();
      assert.equal(again.eligible, false);
      assert.match(again.checks.find((x) => x.key === 'not_registered')!.reason!.en, /already hold registration/);
    });

    test('a clerk of another office is refused with 403 out_of_scope; the directorate manager and HQ see it', async () => {
      const { c } = await citizen();
      const app = await submitted(c);
      const giza = await staff('giza.clerk');
      for (const res of [await giza.get(`${API}/office/applications/${app.id}`), await giza.post(`${API}/office/applications/${app.id}/approve`, {})]) {
        assert.equal(res.statusCode, 403);
        assert.equal(res.json<ProblemDetails>().code, 'out_of_scope');
      }
      assert.ok(!(await giza.get(`${API}/office/applications`)).json<OfficeQueuePage>().items.some((i) => i.id === app.id));
      assert.equal((await (await staff('cairo.manager')).get(`${API}/office/applications/${app.id}`)).statusCode, 200);
      assert.equal((await (await staff('hq.admin')).get(`${API}/office/applications/${app.id}`)).statusCode, 200);
      const auditor = await staff('auditor');
      assert.equal((await auditor.get(`${API}/office/applications/${app.id}`)).statusCode, 200);
      assert.equal((await auditor.post(`${API}/office/applications/${app.id}/approve`, {})).statusCode, 403);
      // A citizen never sees another's application.
      const other = await citizen();
      assert.equal((await other.c.get(`${API}/my/applications/${app.id}`)).statusCode, 404);
    });

    test('two clerks approve at the same moment: exactly one wins, one certificate is issued', async () => {
      const { c } = await citizen();
      const app = await submitted(c);
      const [a, b] = [await staff('nasr.clerk'), await staff('nasr.head')];
      const results = await Promise.all([a.post(`${API}/office/applications/${app.id}/approve`, {}), b.post(`${API}/office/applications/${app.id}/approve`, {})]);
      const codes = results.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [200, 409], results.map((r) => r.body).join('\n'));
      assert.equal(results.find((r) => r.statusCode === 409)!.json<ProblemDetails>().code, 'service_application_state');
      const docs = await t.node.database.db.selectFrom('issued_documents').select('code').where('subject_id', '=', app.id).execute();
      assert.equal(docs.length, 1);
      const regs = await t.node.database.db.selectFrom('employment_registrations').select('id').where('application_id', '=', app.id).execute();
      assert.equal(regs.length, 1);
    });

    test('a certificate with long facts (ISCO 7114, a long title) downloads as a PDF; its QR URL stays within QR_URL_MAX_BYTES', async () => {
      const { c } = await citizen({ nameAr: 'عبد الرحمن عبد العزيز عبد الحميد عبد الستار عبد الغفار' });
      const created = await c.post(`${API}/my/applications`, {
        serviceCode: 'employment_registration',
        officeId: NASR,
        answers: { ...ANSWERS, isco: '7114', qualificationTitle: 'دبلوم المدارس الثانوية الصناعية نظام الخمس سنوات تخصص تشييد المباني والإنشاءات الخرسانية' },
        declaredDocuments: DOCS,
      });
      assert.equal(created.statusCode, 201, created.body);
      const app = created.json<ServiceApplicationDetail>();
      await uploadRequired(c, app.id);
      assert.equal((await c.post(`${API}/my/applications/${app.id}/submit`)).statusCode, 200);
      const approved = await (await staff('nasr.clerk')).post(`${API}/office/applications/${app.id}/approve`, {});
      assert.equal(approved.statusCode, 200, approved.body);
      const code = approved.json<ServiceApplicationDetail>().document!.code;
      const pdf = await c.get(`${API}/documents/${code}/pdf`);
      assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const issued = await t.node.database.db.selectFrom('issued_documents').select('qr_token').where('code', '=', code).executeTakeFirstOrThrow();
      assert.ok(Buffer.byteLength(verifyUrlOf(t.config, code, issued.qr_token)) <= QR_URL_MAX_BYTES);
    });

    test('rejection needs a reason; the applicant reads it', async () => {
      const { c } = await citizen();
      const app = await submitted(c);
      const clerk = await staff('nasr.clerk');
      for (const body of [{}, { reason: '' }, { reason: '  ' }]) {
        const res = await clerk.post(`${API}/office/applications/${app.id}/reject`, body);
        assert.equal(res.statusCode, 400);
        assert.equal(res.json<ProblemDetails>().errors?.[0]?.pointer, '/reason');
      }
      assert.equal((await c.get(`${API}/my/applications/${app.id}`)).json<ServiceApplicationDetail>().status, 'submitted');
      const res = await clerk.post(`${API}/office/applications/${app.id}/reject`, { reason: 'البيانات لا تخص مقدم الطلب' });
      assert.equal(res.statusCode, 200, res.body);
      const mine = (await c.get(`${API}/my/applications/${app.id}`)).json<ServiceApplicationDetail>();
      assert.equal(mine.status, 'rejected');
      assert.equal(mine.decisionReason, 'البيانات لا تخص مقدم الطلب');
      assert.equal((await c.post(`${API}/my/applications/${app.id}/withdraw`, {})).json<ProblemDetails>().code, 'service_application_state');
    });

    test('the citizen withdraws; the case leaves the queue and may be filed again', async () => {
      const { c } = await citizen();
      const app = await submitted(c);
      const res = await c.post(`${API}/my/applications/${app.id}/withdraw`, { reason: 'سأتقدم لاحقًا' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<ServiceApplicationDetail>().status, 'withdrawn');
      const clerk = await staff('nasr.clerk');
      assert.ok(!(await clerk.get(`${API}/office/applications`)).json<OfficeQueuePage>().items.some((i) => i.id === app.id));
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/approve`, {})).json<ProblemDetails>().code, 'service_application_state');
      // An open application blocks a second one; after withdrawal a new one is possible.
      const again = await submitted(c);
      const dup = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: ANSWERS, declaredDocuments: DOCS });
      assert.equal(dup.json<ProblemDetails>().code, 'service_application_open');
      assert.notEqual(again.id, app.id);
    });

    test('transfer to another office (the citizen moved): office head may, clerk may not; the new office owns the case', async () => {
      const { c } = await citizen();
      const app = await submitted(c);
      const clerk = await staff('nasr.clerk');
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/transfer`, { officeId: GIZA, note: 'انتقل' })).statusCode, 403);
      const head = await staff('nasr.head');
      assert.equal((await head.post(`${API}/office/applications/${app.id}/transfer`, { officeId: NASR, note: 'نفس المكتب' })).json<ProblemDetails>().code, 'service_transfer_invalid');
      const moved = await head.post(`${API}/office/applications/${app.id}/transfer`, { officeId: GIZA, note: 'انتقل المواطن إلى الجيزة' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal((await clerk.get(`${API}/office/applications/${app.id}`)).json<ProblemDetails>().code, 'out_of_scope');
      const giza = await staff('giza.clerk');
      const got = (await giza.get(`${API}/office/applications/${app.id}`)).json<ServiceApplicationDetail>();
      assert.equal(got.office?.id, GIZA);
      assert.equal(got.directorateCode, '21');
      assert.equal(got.events.at(-1)?.action, 'transferred');
      assert.match(got.events.at(-1)?.note ?? '', /^من .+ إلى .+ \(from .+ to .+\): انتقل المواطن إلى الجيزة$/, 'the history names both offices');
      assert.ok(got.events.at(-1)?.note?.includes(got.office.nameAr));
      assert.equal((await giza.post(`${API}/office/applications/${app.id}/approve`, {})).json<ServiceApplicationDetail>().status, 'issued');
      const reg = await t.node.database.db.selectFrom('employment_registrations').select('office_id').where('application_id', '=', app.id).executeTakeFirstOrThrow();
      assert.equal(reg.office_id, GIZA);
    });

    test('signed out, a malformed application id is refused 401 (sign in), not 400', async () => {
      const anon = t.client();
      const res = await anon.get(`${API}/my/applications/not-a-uuid`);
      assert.equal(res.statusCode, 401, res.body);
      assert.equal((await anon.get(`${API}/office/applications/not-a-uuid`)).statusCode, 401);
    });

    test('escalation to the directorate: the clerk cannot decide it any more, the Cairo manager does', async () => {
      const { c } = await citizen();
      const app = await submitted(c);
      const clerk = await staff('nasr.clerk');
      const esc = await clerk.post(`${API}/office/applications/${app.id}/escalate`, { note: 'خبرة غير معتادة' });
      assert.equal(esc.json<ServiceApplicationDetail>().status, 'escalated');
      assert.equal(esc.json<ServiceApplicationDetail>().currentStep?.key, 'directorate_decision');
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/approve`, {})).json<ProblemDetails>().code, 'service_step_role');
      const manager = await staff('cairo.manager');
      const q = (await manager.get(`${API}/office/applications?status=escalated`)).json<OfficeQueuePage>();
      assert.ok(q.items.some((i) => i.id === app.id));
      // At the directorate step the case is assigned among the directorate's managers, not the office's clerks.
      const atDirectorate = (await manager.get(`${API}/office/applications/${app.id}`)).json<ServiceApplicationDetail>();
      const managerRow = await t.node.database.db.selectFrom('staff').select('id').where('email', '=', 'cairo.manager@demo.rabt.local').executeTakeFirstOrThrow();
      assert.ok(atDirectorate.assignees.some((a) => a.id === managerRow.id), 'the Cairo manager is offered');
      const clerkRow = await t.node.database.db.selectFrom('staff').select('id').where('email', '=', 'nasr.clerk@demo.rabt.local').executeTakeFirstOrThrow();
      assert.ok(!atDirectorate.assignees.some((a) => a.id === clerkRow.id), 'office clerks cannot take a directorate step');
      const assigned = await manager.post(`${API}/office/applications/${app.id}/assign`, { staffId: managerRow.id });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal((await manager.post(`${API}/office/applications/${app.id}/assign`, { staffId: clerkRow.id })).json<ProblemDetails>().code, 'service_assignee_invalid');
      assert.equal((await manager.post(`${API}/office/applications/${app.id}/approve`, {})).json<ServiceApplicationDetail>().status, 'issued');
    });

    test('eligibility refusal is explained: under the minimum working age (15) the rule says why, and applying is refused', async () => {
      const young = new Date(t.clock.now());
      young.setUTCFullYear(young.getUTCFullYear() - 14);
      const { c } = await citizen({ nationalId: makeNationalId({ birth: young.toISOString().slice(0, 10) }) });
      const e = (await c.get(`${API}/services/employment_registration/eligibility`)).json<EligibilityResult>();
      assert.equal(e.eligible, false);
      const age = e.checks.find((x) => x.key === 'minimum_age')!;
      assert.equal(age.ok, false);
      assert.match(age.reason!.en, /You are 14; no one under 15/);
      assert.match(age.reason!.ar, /١٤/);
      const before = await countRows('service_applications');
      const res = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: ANSWERS, declaredDocuments: DOCS });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json<ProblemDetails>().code, 'service_not_eligible');
      assert.equal(await countRows('service_applications'), before);
    });

    test('bad input is refused field by field and nothing is saved', async () => {
      const { c } = await citizen();
      const before = await Promise.all([countRows('service_applications'), countRows('application_events')]);
      const res = await c.post(`${API}/my/applications`, {
        serviceCode: 'employment_registration',
        officeId: GIZA,
        answers: { isco: '9999', education: 'astronaut', experienceYears: 'كثير', colour: 'blue' },
        declaredDocuments: ['photo', 'passport'],
      });
      assert.equal(res.statusCode, 400, res.body);
      const pointers = res.json<ProblemDetails>().errors!.map((e) => `${e.pointer}:${e.code}`).sort();
      assert.deepEqual(pointers, ['/answers/colour:unknown_field', '/answers/education:invalid_value', '/answers/experienceYears:number_out_of_range', '/declaredDocuments/1:invalid_value', '/declaredDocuments/national_id_copy:required', '/officeId:invalid_value'].sort());
      const unknownIsco = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: { ...ANSWERS, isco: '9999' }, declaredDocuments: DOCS });
      assert.deepEqual(
        unknownIsco.json<ProblemDetails>().errors!.map((e) => `${e.pointer}:${e.code}`),
        ['/answers/isco:isco_unknown'],
      );
      const missing = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: {}, declaredDocuments: DOCS });
      assert.deepEqual(missing.json<ProblemDetails>().errors!.map((e) => `${e.pointer}:${e.code}`).sort(), ['/answers/education:required', '/answers/experienceYears:required', '/answers/isco:required']);
      const tooMuch = await c.post(`${API}/my/applications`, { serviceCode: 'employment_registration', officeId: NASR, answers: { ...ANSWERS, experienceYears: 61 }, declaredDocuments: DOCS });
      // A number out of range says the range (not "not one of the allowed choices").
      assert.deepEqual(tooMuch.json<ProblemDetails>().errors!.map((e) => [`${e.pointer}:${e.code}`, e.message.ar]), [['/answers/experienceYears:number_out_of_range', 'أدخل رقمًا صحيحًا من ٠ إلى ٦٠.']]);
      assert.deepEqual(await Promise.all([countRows('service_applications'), countRows('application_events')]), before);
    });

    test('the queue: oldest due first, SLA breach flag and filter, pagination', async () => {
      const first = await submitted((await citizen()).c);
      t.clock.advance(3600_000);
      await submitted((await citizen()).c);
      t.clock.advance(47 * 3600_000 + 60_000);
      // Signed in after the clock moved (sessions time out).
      const clerk = await staff('nasr.clerk');
      const pageRes = await clerk.get(`${API}/office/applications?pageSize=100`);
      assert.equal(pageRes.statusCode, 200, pageRes.body);
      const page = pageRes.json<OfficeQueuePage>();
      const dues = page.items.map((i) => i.stepDueAt ?? '9999');
      assert.deepEqual(dues, [...dues].sort());
      const breached = (await clerk.get(`${API}/office/applications?breached=true&pageSize=100`)).json<OfficeQueuePage>();
      assert.ok(breached.items.some((i) => i.id === first.id));
      assert.ok(breached.items.every((i) => i.breached));
      const notBreached = (await clerk.get(`${API}/office/applications?breached=false&pageSize=100`)).json<OfficeQueuePage>();
      assert.ok(notBreached.items.every((i) => !i.breached));
      const one = (await clerk.get(`${API}/office/applications?pageSize=1&page=2`)).json<OfficeQueuePage>();
      assert.equal(one.items.length, 1);
      assert.equal(one.total, page.total);
      assert.equal((await clerk.get(`${API}/office/applications?status=nonsense`)).statusCode, 400);
    });
  });
}

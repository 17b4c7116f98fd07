import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplicationFeeStatus, CheckoutResponse, DevCheckoutView, ProblemDetails, ServiceApplicationDetail } from '@rabt/contracts';
import { registerCitizen, signInStaff, toE164, type DemoStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { SERVICES } from '../eservices/definitions/index.ts';
import { employmentRegistration } from '../eservices/definitions/employment-registration.ts';
import type { ServiceDefinition } from '../eservices/definitions.ts';
import { samplePdf, sampleJpeg, uploadDocument } from '../uploads/test-files.ts';
import { signCallback } from './provider.ts';

const API = '/api/v1';
const NASR = seedOfficeId('CAI-NASR');
const SECRET = 'test-webhook-secret-test-webhook-secret-0123456789';
const FEE = 15_000; // EGP 150 in piastres
const ANSWERS = { isco: '7411', education: 'technical_secondary', experienceYears: '2' };

/**
 * A paid service for these tests only: the employment registration's form, documents and steps with a
 * fee of EGP 150 and a disability exemption (the real paid services are tested in their own suites).
 */
const PAID: ServiceDefinition = {
  ...employmentRegistration,
  code: 'test_paid_service',
  referencePrefix: 'TP',
  documents: [...employmentRegistration.documents, { type: 'disability_certificate', label: { ar: 'شهادة إعاقة', en: 'Disability certificate' }, acceptedMimeTypes: ['application/pdf'], maxBytes: 1024 * 1024, required: false }],
  fee: {
    text: { ar: '١٥٠ جنيهًا', en: 'EGP 150' },
    exemptions: [{ code: 'disability', label: { ar: 'ذوو الإعاقة', en: 'Persons with disabilities' }, requiredDocument: 'disability_certificate' }],
    compute: ({ exemption }) =>
      exemption === 'disability'
        ? { amountPiastres: 0, exemption: { code: 'disability', label: { ar: 'ذوو الإعاقة', en: 'Persons with disabilities' } }, explanation: { ar: 'معفى', en: 'Exempt' } }
        : { amountPiastres: FEE, exemption: null, explanation: { ar: '١٥٠ جنيهًا', en: 'EGP 150' } },
  },
};
(SERVICES as Map<string, ServiceDefinition>).set(PAID.code, PAID);

for (const target of testTargets()) {
  describe(`e-service fees: cash, online with signed callbacks, approval gate, SMS (${target})`, () => {
    let t: TestNode;
    let dataDir: string;
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'rabt-payments-'));
      t = await createTestNode(target, { DATA_DIR: dataDir, PAYMENTS_WEBHOOK_SECRET: SECRET });
    });
    after(async () => {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    /** A citizen with a submitted paid application at Nasr City (documents uploaded). */
    async function submitted(exemption?: string): Promise<{ c: TestClient; app: ServiceApplicationDetail; mobile: string }> {
      const c = t.client();
      const { mobile } = await registerCitizen(t, c);
      const docs = ['national_id_copy', 'photo', ...(exemption ? ['disability_certificate'] : [])];
      const created = await c.post(`${API}/my/applications`, { serviceCode: PAID.code, officeId: NASR, answers: ANSWERS, declaredDocuments: docs, ...(exemption ? { exemption } : {}) });
      assert.equal(created.statusCode, 201, created.body);
      const app = created.json<ServiceApplicationDetail>();
      assert.equal((await uploadDocument(c, app.id, 'national_id_copy', samplePdf())).statusCode, 201);
      assert.equal((await uploadDocument(c, app.id, 'photo', sampleJpeg())).statusCode, 201);
      if (exemption) assert.equal((await uploadDocument(c, app.id, 'disability_certificate', samplePdf('disability'))).statusCode, 201);
      const sub = await c.post(`${API}/my/applications/${app.id}/submit`);
      assert.equal(sub.statusCode, 200, sub.body);
      return { c, app: sub.json<ServiceApplicationDetail>(), mobile };
    }
    async function payments(applicationId: string) {
      return t.node.database.db.selectFrom('service_payments').selectAll().where('application_id', '=', applicationId).execute();
    }
    function callback(body: object, opts: { secret?: string; at?: Date; header?: string | null } = {}) {
      const raw = JSON.stringify(body);
      const sig = opts.header === undefined ? signCallback(opts.secret ?? SECRET, raw, opts.at ?? t.clock.now()) : opts.header;
      return t.client().request('POST', '/webhooks/payments/fake', raw, sig === null ? {} : { 'x-rabt-signature': sig });
    }
    async function smsTo(mobile: string, pattern: RegExp): Promise<{ body_ar: string; body_en: string } | undefined> {
      // The SMS is sent after the commit without being awaited: wait for it to land in the outbox.
      for (let i = 0; i < 100; i++) {
        const rows = await t.node.database.db.selectFrom('notification_outbox').select(['body_ar', 'body_en']).where('recipient', '=', toE164(mobile)).execute();
        const hit = rows.find((r) => pattern.test(r.body_en));
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 20));
      }
      return undefined;
    }

    test('approval is refused while unpaid; a bad, unsigned or stale callback records nothing; the same callback twice = one payment', async () => {
      const { c, app, mobile } = await submitted();
      assert.equal(app.fee.amountPiastres, FEE);
      const clerk = await staff('nasr.clerk');
      const refused = await clerk.post(`${API}/office/applications/${app.id}/approve`, {});
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json<ProblemDetails>().code, 'fee_not_paid');
      assert.equal((await c.get(`${API}/applications/${app.id}/payment`)).json<ApplicationFeeStatus>().status, 'due');

      const checkout = await c.post(`${API}/my/applications/${app.id}/payments/online`);
      assert.equal(checkout.statusCode, 201, checkout.body);
      const { providerRef, redirectUrl } = checkout.json<CheckoutResponse>();
      assert.equal(redirectUrl, `/dev/pay/${providerRef}`);
      assert.equal((await c.get(`${API}/applications/${app.id}/payment`)).json<ApplicationFeeStatus>().status, 'pending');

      const body = { providerRef, status: 'paid', eventId: 'evt-1' };
      const bad = await callback(body, { secret: 'not-the-shared-secret-not-the-shared-secret' });
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json<ProblemDetails>().code, 'payment_signature_invalid');
      assert.equal((await callback(body, { header: null })).json<ProblemDetails>().code, 'payment_signature_invalid');
      const stale = await callback(body, { at: new Date(t.clock.now().getTime() - 10 * 60_000) });
      assert.equal(stale.json<ProblemDetails>().code, 'payment_signature_invalid', 'a replay of an old callback');
      // Signed over a different body: tampering with the amount or reference breaks the signature.
      const raw = JSON.stringify(body);
      const tampered = await t.client().request('POST', '/webhooks/payments/fake', raw.replace('evt-1', 'evt-2'), { 'x-rabt-signature': signCallback(SECRET, raw, t.clock.now()) });
      assert.equal(tampered.statusCode, 401);
      assert.deepEqual(
        (await payments(app.id)).map((p) => p.status),
        ['pending'],
      );
      assert.equal(await t.node.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'service_payment.paid_online').where('subject_id', '=', app.id).executeTakeFirst(), undefined);

      const ok1 = await callback(body);
      assert.equal(ok1.statusCode, 200, ok1.body);
      assert.deepEqual(ok1.json(), { providerRef, status: 'paid', duplicate: false });
      const ok2 = await callback(body);
      assert.equal(ok2.statusCode, 200, ok2.body);
      assert.equal(ok2.json<{ duplicate: boolean }>().duplicate, true);
      const rows = await payments(app.id);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.status, 'paid');
      assert.equal(rows[0]!.amount_piastres, FEE);
      const paidAudits = await t.node.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'service_payment.paid_online').where('subject_id', '=', app.id).execute();
      assert.equal(paidAudits.length, 1);
      // The history shows the online payment once (the duplicate callback adds nothing).
      const paidEvents = (await clerk.get(`${API}/office/applications/${app.id}`)).json<ServiceApplicationDetail>().events.filter((e) => e.action === 'fee_paid_online');
      assert.equal(paidEvents.length, 1);
      assert.equal(paidEvents[0]!.actorKind, 'system');
      assert.equal((await c.post(`${API}/my/applications/${app.id}/payments/online`)).json<ProblemDetails>().code, 'fee_already_settled');

      const approved = await clerk.post(`${API}/office/applications/${app.id}/approve`, {});
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json<ServiceApplicationDetail>().status, 'issued');
      const sms = await smsTo(mobile, new RegExp(`document for application ${app.reference} .*is issued`));
      assert.ok(sms, 'issued SMS sent');
      assert.match(sms.body_ar, new RegExp(app.reference));
    });

    test('a clerk records cash at the counter (audited) and approval then works; another office is out of scope', async () => {
      const { c, app } = await submitted();
      const giza = await staff('giza.clerk');
      const out = await giza.post(`${API}/office/applications/${app.id}/payments/cash`, { receiptNumber: 'GIZ-0001' });
      assert.equal(out.statusCode, 403);
      assert.equal(out.json<ProblemDetails>().code, 'out_of_scope');
      assert.equal((await c.post(`${API}/office/applications/${app.id}/payments/cash`, { receiptNumber: 'X-0001' })).statusCode, 403, 'citizens cannot record cash');

      const clerk = await staff('nasr.clerk');
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/payments/cash`, { receiptNumber: '' })).statusCode, 400);
      const cash = await clerk.post(`${API}/office/applications/${app.id}/payments/cash`, { receiptNumber: 'NASR-2026/0001' });
      assert.equal(cash.statusCode, 200, cash.body);
      const fee = cash.json<ApplicationFeeStatus>();
      assert.equal(fee.status, 'paid');
      assert.equal(fee.payments[0]!.receiptNumber, 'NASR-2026/0001');
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/payments/cash`, { receiptNumber: 'NASR-2026/0002' })).json<ProblemDetails>().code, 'fee_already_settled');
      const audit = await t.node.database.db.selectFrom('audit_log').select(['actor_kind', 'details']).where('action', '=', 'service_payment.cash_recorded').where('subject_id', '=', app.id).execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_kind, 'staff');
      const cashEvents = (await c.get(`${API}/my/applications/${app.id}`)).json<ServiceApplicationDetail>().events.filter((e) => e.action === 'fee_paid_cash');
      assert.deepEqual(cashEvents.map((e) => e.note), ['NASR-2026/0001'], 'the history shows the cash payment with its receipt number');

      // A receipt number is used once — typed with Arabic-Indic digits and in lower case it is the same receipt.
      const second = await submitted();
      assert.equal((await clerk.post(`${API}/office/applications/${second.app.id}/payments/cash`, { receiptNumber: 'nasr-٢٠٢٦/٠٠٠١' })).json<ProblemDetails>().code, 'receipt_number_used');
      assert.equal((await payments(second.app.id)).length, 0);

      const approved = await clerk.post(`${API}/office/applications/${app.id}/approve`, {});
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json<ServiceApplicationDetail>().status, 'issued');
      assert.equal((await c.get(`${API}/applications/${app.id}/payment`)).json<ApplicationFeeStatus>().status, 'paid');
    });

    test('the fake provider page: the citizen clicks Pay and the signed callback settles the fee', async () => {
      const { c, app } = await submitted();
      const { providerRef } = (await c.post(`${API}/my/applications/${app.id}/payments/online`)).json<CheckoutResponse>();
      const page = (await c.get(`${API}/dev/pay/${providerRef}`)).json<DevCheckoutView>();
      assert.equal(page.amountPiastres, FEE);
      assert.equal(page.reference, app.reference);
      const other = t.client();
      await registerCitizen(t, other);
      assert.equal((await other.post(`${API}/dev/pay/${providerRef}`)).json<ProblemDetails>().code, 'payment_not_found');
      const paid = await c.post(`${API}/dev/pay/${providerRef}`);
      assert.equal(paid.statusCode, 200, paid.body);
      assert.equal(paid.json<DevCheckoutView>().status, 'paid');
      assert.equal((await c.get(`${API}/applications/${app.id}/payment`)).json<ApplicationFeeStatus>().status, 'paid');
    });

    test('an exemption is waived (with its uploaded proof); free services need no payment', async () => {
      const { app } = await submitted('disability');
      assert.equal(app.fee.amountPiastres, 0);
      const rows = await payments(app.id);
      assert.deepEqual(
        rows.map((p) => [p.status, p.method, p.amount_piastres]),
        [['waived', 'exemption', 0]],
      );
      const clerk = await staff('nasr.clerk');
      assert.equal((await clerk.get(`${API}/applications/${app.id}/payment`)).json<ApplicationFeeStatus>().status, 'waived');
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/payments/cash`, { receiptNumber: 'NASR-2026/0099' })).json<ProblemDetails>().code, 'fee_not_due');
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/approve`, {})).statusCode, 200);
    });

    test('SMS in Arabic and English when the office asks for information and when it rejects', async () => {
      const { app, mobile } = await submitted();
      const clerk = await staff('nasr.clerk');
      assert.equal((await clerk.post(`${API}/office/applications/${app.id}/request-info`, { message: 'أرفق إيصال الدفع' })).statusCode, 200);
      const info = await smsTo(mobile, new RegExp(`more information or documents on your application ${app.reference}`));
      assert.ok(info);
      assert.match(info.body_ar, /طلب مكتب العمل معلومات/);
      assert.doesNotMatch(info.body_en, /\d{14}/, 'no national ID in an SMS');
      const rejected = await clerk.post(`${API}/office/applications/${app.id}/reject`, { reason: 'المستندات غير واضحة' });
      assert.equal(rejected.statusCode, 200, rejected.body);
      const sms = await smsTo(mobile, new RegExp(`${app.reference} .*was rejected`));
      assert.ok(sms);
      assert.match(sms.body_ar, /رُفض طلبك/);
    });
  });
}

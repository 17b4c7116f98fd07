import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EligibilityResult, ProblemDetails, ServiceApplicationDetail, WorkPermit } from '@rabt/contracts';
import { registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import { ok, type TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';

/**
 * Citizen-side fixes of the e-services: a cancelled work permit shows as cancelled on the application (timeline,
 * document status, SMS/email); answers of fields that do not apply are dropped; number fields state their range;
 * the quote flags out-of-range answers; Arabic-Indic digits in passport numbers.
 */
const NASR = seedOfficeId('CAI-NASR');
const API = '/api/v1';
const PERMIT_DOCS = ['commercial_register', 'tax_card', 'authorisation', 'passport_copy', 'hiv_certificate', 'photo'];
const BASE = { crNumber: '٦٥٤٣٢١', establishmentName: 'شركة الدلتا', egyptianHeadcount: 95, foreignHeadcount: 4, freeZone: 'no', workerName: 'Rahul Sharma', nationality: 'IN', isco: '2142' };

/** Waits (bounded, no timing asserted) for a condition the notifier fulfils after the action's commit. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 200 && !done(v); i++) {
    await new Promise((r) => setTimeout(r, 10));
    v = await read();
  }
  return v;
}

for (const target of testTargets()) {
  describe(`e-services, citizen side (${target})`, () => {
    let t: TestNode;
    before(async () => {
      t = await createTestNode(target);
    });
    after(() => t.close());

    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    async function create(c: TestClient, answers: Record<string, unknown>) {
      return c.post(`${API}/my/applications`, { serviceCode: 'work_permit', officeId: NASR, answers, declaredDocuments: PERMIT_DOCS });
    }

    test('a cancelled work permit: timeline entry with the reason, document revoked on the application page, SMS and email to the applicant', async () => {
      const rep = t.client();
      await registerCitizen(t, rep);
      assert.equal((await rep.patch(`${API}/me`, { email: 'rep.cancel@example.org' })).statusCode, 200);
      const draft = await ok<ServiceApplicationDetail>(create(rep, { ...BASE, passportNumber: 'A١٢٣٤٥٦٧', durationMonths: '١٢' }), 201);
      // Arabic-Indic digits in the passport number are accepted (compared and put on the permit as ASCII).
      assert.equal(draft.answers.passportNumber, 'A١٢٣٤٥٦٧');
      const citizenId = (await t.node.database.db.selectFrom('service_applications').select('applicant_citizen_id').where('id', '=', draft.id).executeTakeFirstOrThrow()).applicant_citizen_id!;
      for (const type of draft.declaredDocuments) {
        await t.node.database.db.insertInto('application_documents').values({ id: randomUUID(), application_id: draft.id, document_type: type, content_type: 'application/pdf', size_bytes: 1000, sha256: 'a'.repeat(64), uploaded_by_citizen_id: citizenId, created_at: t.clock.now() }).execute();
      }
      await ok(rep.post(`${API}/my/applications/${draft.id}/submit`));
      const clerk = await staff('nasr.clerk');
      await ok(clerk.post(`${API}/office/applications/${draft.id}/payments/cash`, { receiptNumber: `R-${draft.reference}` }));
      await ok(clerk.post(`${API}/office/applications/${draft.id}/approve`, {}));
      const issued = await ok<ServiceApplicationDetail>((await staff('cairo.manager')).post(`${API}/office/applications/${draft.id}/approve`, {}));
      assert.equal(issued.status, 'issued');
      const permit = (await ok<WorkPermit[]>(rep.get(`${API}/my/work-permits`))).find((p) => p.applicationId === draft.id)!;
      const stored = await t.node.database.db.selectFrom('work_permits').select('passport_number').where('id', '=', permit.id).executeTakeFirstOrThrow();
      assert.equal(stored.passport_number, 'A1234567');
      const before = await ok<ServiceApplicationDetail>(rep.get(`${API}/my/applications/${draft.id}`));
      assert.deepEqual([before.document?.status, before.document?.statusReason], ['genuine', null]);

      await ok<WorkPermit>(clerk.post(`${API}/office/work-permits/${permit.id}/cancel`, { reason: 'انتهاء علاقة العمل' }));
      const mine = await ok<ServiceApplicationDetail>(rep.get(`${API}/my/applications/${draft.id}`));
      assert.equal(mine.document?.status, 'revoked');
      assert.equal(mine.document?.statusReason, 'انتهاء علاقة العمل');
      const last = mine.events.at(-1)!;
      assert.equal(mine.document?.statusChangedAt, last.at);
      assert.deepEqual([last.action, last.note, last.actorKind], ['document_revoked', 'انتهاء علاقة العمل', 'staff']);
      const audit = await t.node.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', draft.id).where('action', '=', 'service_application.document_revoked').execute();
      assert.equal(audit.length, 1);
      const sent = await eventually(
        () => t.node.database.db.selectFrom('notification_outbox').select(['channel', 'body_en']).where('body_en', 'like', `%cancelled the document%${draft.reference}%`).execute(),
        (r) => r.length >= 2,
      );
      assert.deepEqual(sent.map((m) => m.channel).sort(), ['email', 'sms']);
    });

    test('short-assignment answers left over on a standard permit are dropped, not validated nor stored', async () => {
      const rep = t.client();
      await registerCitizen(t, rep);
      const r = await create(rep, { ...BASE, passportNumber: 'B7654321', permitType: 'standard', durationMonths: '١٢', assignmentDays: '٢٠', assignmentWageEgp: 'abc' });
      assert.equal(r.statusCode, 201, r.body);
      const app = r.json<ServiceApplicationDetail>();
      assert.equal(app.answers.durationMonths, 12);
      assert.equal('assignmentDays' in app.answers, false);
      assert.equal('assignmentWageEgp' in app.answers, false);
      // The other way round: months on a short assignment are dropped too; its own fields are still checked.
      const short = await create(rep, { ...BASE, passportNumber: 'C7654321', permitType: 'short_assignment', durationMonths: '١٨', assignmentDays: '٢٠' });
      assert.equal(short.statusCode, 400, short.body);
      const errors = short.json<ProblemDetails>().errors ?? [];
      assert.equal(errors.some((e) => e.pointer === '/answers/durationMonths'), false);
      const days = errors.find((e) => e.pointer === '/answers/assignmentDays');
      assert.deepEqual([days?.code, days?.message.ar, days?.message.en], ['number_out_of_range', 'أدخل رقمًا صحيحًا من ١ إلى ١٤.', 'Enter a whole number from 1 to 14.']);
      const def = await ok<{ form: { key: string; visibleWhen?: { key: string; values: (string | null)[] } | null }[] }>(t.client().get(`${API}/services/work_permit`));
      assert.deepEqual(def.form.find((f) => f.key === 'assignmentDays')?.visibleWhen, { key: 'permitType', values: ['short_assignment'] });
      assert.deepEqual(def.form.find((f) => f.key === 'durationMonths')?.visibleWhen, { key: 'permitType', values: ['standard', null] });
    });

    test('number fields state their range (out of range and not a number); the quote flags them as unmet', async () => {
      const rep = t.client();
      await registerCitizen(t, rep);
      const r = await create(rep, { ...BASE, passportNumber: 'D7654321', durationMonths: '١٨', egyptianHeadcount: 'abc' });
      const errors = r.json<ProblemDetails>().errors ?? [];
      const months = errors.find((e) => e.pointer === '/answers/durationMonths');
      assert.equal(months?.message.ar, 'أدخل رقمًا صحيحًا من ١ إلى ١٢.');
      const head = errors.find((e) => e.pointer === '/answers/egyptianHeadcount');
      assert.equal(head?.code, 'number_out_of_range');
      assert.match(head?.message.en ?? '', /^Enter a whole number from 0 to 1000000\.$/);

      const q = await ok<EligibilityResult>(rep.post(`${API}/services/work_permit/quote`, { answers: { ...BASE, permitType: 'short_assignment', assignmentDays: '٢٠', assignmentWageEgp: '50000' } }));
      assert.equal(q.eligible, false, JSON.stringify(q.checks));
      const flagged = q.checks.find((c) => c.key === 'answer_assignmentDays');
      assert.equal(flagged?.ok, false);
      assert.match(flagged?.reason?.en ?? '', /from 1 to 14/);
      // Body schemas of routes too (skill-test scores, 0–100): out of range and not a number say the range.
      const head2 = await staff('nasr.head');
      const scores = await head2.post(`${API}/office/applications/${randomUUID()}/skill-test/results`, { theoreticalScore: '١٥٠', practicalScore: 'abc' });
      assert.equal(scores.statusCode, 400, scores.body);
      assert.deepEqual(
        scores.json<ProblemDetails>().errors?.map((e) => [e.pointer, e.code, e.message.ar]),
        [
          ['/theoreticalScore', 'number_out_of_range', 'أدخل رقمًا صحيحًا من ٠ إلى ١٠٠.'],
          ['/practicalScore', 'number_out_of_range', 'أدخل رقمًا صحيحًا من ٠ إلى ١٠٠.'],
        ],
      );
      // Valid answers give no such check.
      const fine = await ok<EligibilityResult>(rep.post(`${API}/services/work_permit/quote`, { answers: { ...BASE, permitType: 'short_assignment', assignmentDays: '١٤', assignmentWageEgp: '50000' } }));
      assert.deepEqual(fine.checks.filter((c) => c.key.startsWith('answer_')), []);
    });
  });
}

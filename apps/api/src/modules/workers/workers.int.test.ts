import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SharedProfile } from '@rabt/contracts';
import { registerCitizen, signInStaff, toE164, type DemoStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { testTargets } from '../../testing/test-node.ts';
import { exchangeTestNode, jobOrderTerms, PROFILE, type ExchangeTestNode } from './workers.fixtures.ts';
import { fieldProfileFor, fieldProfiles } from './workers.sharing.ts';
import { seedDemoWorkers } from './workers.seed.ts';

const OFFICER = 'overseas.officer' as DemoStaff;
const TEXT_VERSION = fieldProfiles().consentText.version;

for (const target of testTargets()) {
  describe(`exchange, origin side (${target})`, () => {
    let t: ExchangeTestNode;
    before(async () => {
      t = await exchangeTestNode(target);
    });
    after(() => t.close());

    async function worker(profile: Record<string, unknown> | null = PROFILE) {
      const c = t.client();
      const reg = await registerCitizen(t, c);
      if (profile) {
        const res = await c.request('PUT', '/api/v1/worker/profile', profile);
        assert.equal(res.statusCode, 200, res.body);
      }
      return { c, ...reg };
    }

    async function officer(): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, OFFICER);
      return c;
    }

    async function approvedOrder(overrides: Parameters<typeof jobOrderTerms>[0] = {}) {
      const terms = jobOrderTerms(overrides);
      await t.deliver({ type: 'job_order.submitted', from: terms.country, body: terms, entity: { type: 'job_order', id: terms.jobOrderId, version: 1 } });
      const res = await (await officer()).post(`/api/v1/attestation/job-orders/${terms.jobOrderId}/decision`, { decision: 'approved' });
      assert.equal(res.statusCode, 200, res.body);
      return terms;
    }

    test('a worker builds a profile: version grows, completeness hints are bilingual, Arabic-Indic years accepted', async () => {
      const { c } = await worker(null);
      const empty = (await c.get('/api/v1/worker/profile')).json<{ version: number; completeness: { percent: number; missing: { field: string; message: { ar: string; en: string } }[] } }>();
      assert.equal(empty.version, 0);
      assert.equal(empty.completeness.percent, 0);
      assert.ok(empty.completeness.missing.some((m) => m.field === 'occupations' && m.message.ar.length > 0 && m.message.en.length > 0));

      const saved = await c.request('PUT', '/api/v1/worker/profile', { ...PROFILE, occupations: [{ isco: '7411', years: '٦' }], passport: { number: 'a 1234 5678', expiry: '2031-05-01' } });
      assert.equal(saved.statusCode, 200, saved.body);
      const p = saved.json<{ version: number; occupations: { isco: string; years: number; titleEn: string }[]; passport: { number: string }; completeness: { percent: number; missing: { field: string }[] } }>();
      assert.equal(p.version, 1);
      assert.deepEqual(p.occupations.map((o) => [o.isco, o.years]), [['7411', 6]]);
      assert.match(p.occupations[0]!.titleEn, /electrician/i);
      assert.equal(p.passport.number, 'A12345678');
      assert.equal(p.completeness.percent, 100);
      assert.deepEqual(p.completeness.missing.map((m) => m.field), ['certificates']);

      const again = await c.request('PUT', '/api/v1/worker/profile', { ...PROFILE, version: 1 });
      assert.equal(again.json<{ version: number }>().version, 2);
      const stale = await c.request('PUT', '/api/v1/worker/profile', { ...PROFILE, version: 1 });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json<{ code: string }>().code, 'profile_version_conflict');
    });

    test('bad profile input answers field errors and writes nothing', async () => {
      const { c } = await worker(null);
      const cases: [Record<string, unknown>, string][] = [
        [{ ...PROFILE, occupations: [{ isco: '7410', years: 3 }] }, '/occupations/0/isco'], // a minor group, not a unit group
        [{ ...PROFILE, occupations: [{ isco: '9999', years: 3 }] }, '/occupations/0/isco'],
        [{ ...PROFILE, occupations: [{ isco: '7411', years: 3 }, { isco: '7411', years: 4 }] }, '/occupations/1/isco'],
        [{ ...PROFILE, occupations: [{ isco: '74111', years: 3 }] }, '/occupations/0/isco'],
        [{ ...PROFILE, occupations: [{ isco: '7411', years: 61 }] }, '/occupations/0/years'],
        [{ ...PROFILE, preferredCountries: ['FR'] }, '/preferredCountries/0'],
        [{ ...PROFILE, preferredCountries: ['EG'] }, '/preferredCountries/0'],
        [{ ...PROFILE, languages: [{ language: 'ar', level: 'fluent' }] }, '/languages/0/level'],
        [{ ...PROFILE, expectedWage: { amountMinor: 100, currency: 'XBT' } }, '/expectedWage/currency'],
        [{ ...PROFILE, expectedWage: { amountMinor: 10.5, currency: 'SAR' } }, '/expectedWage/amountMinor'],
        [{ ...PROFILE, passport: { number: '12', expiry: '2031-01-01' } }, '/passport/number'],
        [{ ...PROFILE, availableFrom: '2026-02-30' }, '/availableFrom'],
        [{ ...PROFILE, nationalId: '29805150102054' }, '/nationalId'],
      ];
      for (const [body, pointer] of cases) {
        const res = await c.request('PUT', '/api/v1/worker/profile', body);
        assert.equal(res.statusCode, 400, `${pointer}: ${res.body}`);
        const problem = res.json<{ code: string; errors: { pointer: string; message: { ar: string } }[] }>();
        assert.equal(problem.code, 'validation_failed');
        assert.ok(problem.errors.some((e) => e.pointer === pointer), `${pointer} not in ${JSON.stringify(problem.errors)}`);
      }
      assert.equal((await c.get('/api/v1/worker/profile')).json<{ version: number }>().version, 0, 'nothing half-written');
    });

    test('out-of-range numbers say smaller or larger than the bound (not shorter or longer); a passport needs its expiry date', async () => {
      const { c } = await worker(null);
      const errorOf = async (body: Record<string, unknown>, pointer: string) => {
        const res = await c.request('PUT', '/api/v1/worker/profile', body);
        assert.equal(res.statusCode, 400, res.body);
        const e = res.json<{ errors: { pointer: string; code: string; message: { ar: string; en: string } }[] }>().errors.find((x) => x.pointer === pointer);
        assert.ok(e, `${pointer} not in ${res.body}`);
        return e;
      };
      const negative = await errorOf({ ...PROFILE, expectedWage: { amountMinor: -5, currency: 'SAR' } }, '/expectedWage/amountMinor');
      assert.equal(negative.code, 'number_too_small');
      assert.deepEqual(negative.message, { ar: 'القيمة أصغر من الحد الأدنى المسموح به (٠).', en: 'This value is smaller than the allowed minimum (0).' });
      const huge = await errorOf({ ...PROFILE, expectedWage: { amountMinor: 99999999999999, currency: 'SAR' } }, '/expectedWage/amountMinor');
      assert.equal(huge.code, 'amount_too_large');
      assert.equal(huge.message.ar, 'المبلغ أكبر من الحد الأقصى المسموح به.');
      const years = await errorOf({ ...PROFILE, occupations: [{ isco: '7411', years: '٦١' }] }, '/occupations/0/years');
      assert.equal(years.code, 'number_too_large');
      assert.deepEqual(years.message, { ar: 'القيمة أكبر من الحد الأقصى المسموح به (٦٠).', en: 'This value is larger than the allowed maximum (60).' });
      for (const message of [negative.message, huge.message, years.message]) assert.doesNotMatch(`${message.ar} ${message.en}`, /أقصر|أطول|short|long/);
      for (const passport of [{ number: 'A12345678', expiry: '' }, { number: 'A12345678' }]) {
        const e = await errorOf({ ...PROFILE, passport }, '/passport/expiry');
        assert.equal(e.code, 'passport_expiry_required');
        assert.deepEqual(e.message, { ar: 'أدخل تاريخ انتهاء جواز السفر مع رقمه.', en: 'Enter the passport expiry date with the passport number.' });
      }
      // Strings keep the length messages.
      assert.equal((await errorOf({ ...PROFILE, skills: ['x'.repeat(81)] }, '/skills/0')).code, 'too_long');
    });

    test('consent to SA sends exactly one profile.upsert with only the allowed fields, logged and audited', async () => {
      const { c, accountId, nationalId, mobile } = await worker();
      const before = t.fed.sent.length;
      const overview = (await c.get('/api/v1/worker/consents')).json<{ textVersion: string; countries: { country: string; profileFields: string[]; contactFields: string[]; active: unknown }[] }>();
      assert.deepEqual(overview.countries.map((x) => x.country).sort(), ['JO', 'SA'], 'only peers of this node are offered');
      const sa = overview.countries.find((x) => x.country === 'SA')!;
      assert.deepEqual(sa.profileFields, fieldProfileFor('SA').profile);

      const res = await c.post('/api/v1/worker/consents', { country: 'SA', textVersion: overview.textVersion });
      assert.equal(res.statusCode, 201, res.body);
      const sent = t.fed.sent.slice(before);
      assert.equal(sent.length, 1);
      const msg = sent[0]!;
      assert.equal(msg.type, 'profile.upsert');
      assert.equal(msg.to, 'SA');
      const body = msg.body as SharedProfile;
      assert.deepEqual(Object.keys(body).sort(), ['profileId', ...fieldProfileFor('SA').profile].sort());
      assert.deepEqual(msg.entity, { type: 'profile', id: body.profileId, version: 1 });
      const raw = JSON.stringify(msg.body);
      for (const secret of [nationalId, toE164(mobile), 'A12345678', 'Mohamed']) assert.ok(!raw.includes(secret), `${secret} leaked`);
      assert.notEqual(body.profileId, accountId, 'the pseudonym is not the account id');

      const log = (await c.get('/api/v1/worker/disclosures')).json<{ country: string; kind: string; fields: string[] }[]>();
      assert.equal(log.length, 1);
      assert.equal(log[0]!.kind, 'profile_sent');
      assert.deepEqual(log[0]!.fields.sort(), Object.keys(body).filter((k) => k !== 'profileId').sort());
      const audit = await t.node.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'worker.consent_granted').where('actor_id', '=', accountId).execute();
      assert.equal(audit.length, 1);
      assert.equal((audit[0]!.details as { country: string }).country, 'SA');

      const twice = await c.post('/api/v1/worker/consents', { country: 'SA', textVersion: overview.textVersion });
      assert.equal(twice.json<{ code: string }>().code, 'consent_already_active');

      // JO gets another pseudonym: two countries cannot link their copies.
      await c.post('/api/v1/worker/consents', { country: 'JO', textVersion: overview.textVersion });
      const jo = t.fed.queued({ type: 'profile.upsert', to: 'JO' }).at(-1)!.body as SharedProfile;
      assert.notEqual(jo.profileId, body.profileId);
      assert.equal('sex' in jo, false);
    });

    test('consent is refused for non-peers, this node, an outdated text or an empty profile', async () => {
      const { c } = await worker();
      const refuse = async (body: unknown, code: string, status: number) => {
        const res = await c.post('/api/v1/worker/consents', body);
        assert.equal(res.statusCode, status, res.body);
        assert.equal(res.json<{ code: string }>().code, code);
      };
      await refuse({ country: 'KW', textVersion: TEXT_VERSION }, 'consent_country_not_linked', 422);
      await refuse({ country: 'EG', textVersion: TEXT_VERSION }, 'consent_country_not_linked', 422);
      await refuse({ country: 'SA', textVersion: '1999-01' }, 'consent_text_outdated', 409);
      await refuse({ country: 'sa', textVersion: TEXT_VERSION }, 'validation_failed', 400);
      const { c: empty } = await worker(null);
      const res = await empty.post('/api/v1/worker/consents', { country: 'SA', textVersion: TEXT_VERSION });
      assert.equal(res.json<{ code: string }>().code, 'worker_profile_incomplete');
    });

    test('profile edits reach consented countries with a higher version; passport-only edits send nothing', async () => {
      const { c } = await worker();
      await c.post('/api/v1/worker/consents', { country: 'SA', textVersion: TEXT_VERSION });
      const first = t.fed.queued({ type: 'profile.upsert', to: 'SA' }).at(-1)!;
      const n = t.fed.sent.length;
      await c.request('PUT', '/api/v1/worker/profile', { ...PROFILE, occupations: [{ isco: '7411', years: 7 }] });
      assert.equal(t.fed.sent.length, n + 1);
      const second = t.fed.sent.at(-1)!;
      assert.equal(second.entity!.id, first.entity!.id);
      assert.equal(second.entity!.version, first.entity!.version + 1);
      assert.equal((second.body as SharedProfile).occupations[0]!.years, 7);
      await c.request('PUT', '/api/v1/worker/profile', { ...PROFILE, occupations: [{ isco: '7411', years: 7 }], passport: { number: 'B7654321', expiry: '2032-01-01' } });
      assert.equal(t.fed.sent.length, n + 1, 'the passport is not shared, so changing it sends nothing');
    });

    test('withdrawal cancels what is queued, sends a higher-versioned withdraw, and later edits send nothing', async () => {
      const { c, accountId } = await worker();
      await c.post('/api/v1/worker/consents', { country: 'SA', textVersion: TEXT_VERSION });
      await c.request('PUT', '/api/v1/worker/profile', { ...PROFILE, skills: ['تأريض'] });
      const mine = () => t.fed.sent.filter((m) => m.to === 'SA' && m.entity?.id === profileId);
      const profileId = (t.fed.sent.at(-1)!.body as SharedProfile).profileId;
      assert.equal(mine().filter((m) => m.status === 'queued').length, 2);

      const res = await c.delete('/api/v1/worker/consents/SA');
      assert.equal(res.statusCode, 200, res.body);
      const sa = res.json<{ countries: { country: string; active: unknown; history: { withdrawnAt: string | null }[] }[] }>().countries.find((x) => x.country === 'SA')!;
      assert.equal(sa.active, null);
      assert.ok(sa.history[0]!.withdrawnAt);
      const msgs = mine();
      assert.deepEqual(msgs.map((m) => [m.type, m.status, m.entity!.version]), [
        ['profile.upsert', 'cancelled', 1],
        ['profile.upsert', 'cancelled', 2],
        ['profile.withdraw', 'queued', 3],
      ]);
      const n = t.fed.sent.length;
      await c.request('PUT', '/api/v1/worker/profile', { ...PROFILE, skills: ['لوحات توزيع'] });
      assert.equal(t.fed.sent.length, n, 'nothing more is sent to SA');
      assert.equal((await c.delete('/api/v1/worker/consents/SA')).json<{ code: string }>().code, 'consent_not_active');
      const audit = await t.node.database.db.selectFrom('audit_log').select('action').where('actor_id', '=', accountId).where('action', '=', 'worker.consent_withdrawn').execute();
      assert.equal(audit.length, 1);
      const log = (await c.get('/api/v1/worker/disclosures')).json<{ kind: string }[]>();
      assert.equal(log[0]!.kind, 'profile_withdrawn');

      // Consenting again re-sends under the same pseudonym with a version above the withdrawal.
      await c.post('/api/v1/worker/consents', { country: 'SA', textVersion: TEXT_VERSION });
      const again = t.fed.sent.at(-1)!;
      assert.equal(again.entity!.id, profileId);
      assert.equal(again.entity!.version, 4);
    });

    test('attestation: roles, reason rule, employer-pays rule, and two racing decisions where exactly one wins', async () => {
      const terms = jobOrderTerms();
      await t.deliver({ type: 'job_order.submitted', from: 'SA', body: terms, entity: { type: 'job_order', id: terms.jobOrderId, version: 1 } });
      const { c: citizen } = await worker(null);
      const clerk = t.client();
      await signInStaff(t, clerk, 'nasr.clerk');
      const auditor = t.client();
      await signInStaff(t, auditor, 'auditor');
      const url = `/api/v1/attestation/job-orders/${terms.jobOrderId}/decision`;

      assert.equal((await t.client().get('/api/v1/attestation/job-orders')).statusCode, 401);
      assert.equal((await citizen.get('/api/v1/attestation/job-orders')).statusCode, 403);
      assert.equal((await clerk.get('/api/v1/attestation/job-orders')).statusCode, 403);
      const queue = (await auditor.get('/api/v1/attestation/job-orders')).json<{ id: string; status: string }[]>();
      assert.ok(queue.some((q) => q.id === terms.jobOrderId && q.status === 'pending_attestation'));
      assert.equal((await auditor.post(url, { decision: 'approved' })).statusCode, 403, 'auditors read, never decide');
      assert.equal((await citizen.post(url, { decision: 'approved' })).statusCode, 403);
      assert.equal((await t.client().post(url, { decision: 'approved' })).statusCode, 401);

      const o1 = await officer();
      const noReason = await o1.post(url, { decision: 'rejected' });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer, '/reason');

      const o2 = await officer();
      const n = t.fed.sent.length;
      const [a, b] = await Promise.all([o1.post(url, { decision: 'approved' }), o2.post(url, { decision: 'rejected', reason: 'الأجر أقل من الحد الأدنى' })]);
      const codes = [a.statusCode, b.statusCode].sort();
      assert.deepEqual(codes, [200, 409], `${a.body} / ${b.body}`);
      const loser = a.statusCode === 409 ? a : b;
      assert.equal(loser.json<{ code: string }>().code, 'job_order_already_decided');
      const decisions = t.fed.sent.slice(n).filter((m) => m.type === 'job_order.decision');
      assert.equal(decisions.length, 1, 'exactly one decision goes back to SA');
      assert.equal(decisions[0]!.to, 'SA');
      const audit = await t.node.database.db.selectFrom('audit_log').select('actor_kind').where('action', '=', 'job_order.decided').where('subject_id', '=', terms.jobOrderId).execute();
      assert.deepEqual(audit.map((r) => r.actor_kind), ['staff']);

      // A job order stored without employer-pays (e.g. an older contract version) can never be approved.
      const unpaid = jobOrderTerms();
      await t.deliver({ type: 'job_order.submitted', from: 'SA', body: unpaid, entity: { type: 'job_order', id: unpaid.jobOrderId, version: 1 } });
      await t.node.database.db.updateTable('received_job_orders').set({ employer_pays: false }).where('id', '=', unpaid.jobOrderId).execute();
      const refused = await o1.post(`/api/v1/attestation/job-orders/${unpaid.jobOrderId}/decision`, { decision: 'approved' });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json<{ code: string }>().code, 'job_order_employer_must_pay');
      assert.equal((await o1.post(`/api/v1/attestation/job-orders/${randomUUID()}/decision`, { decision: 'approved' })).statusCode, 404);
    });

    test('a job order from one country cannot be submitted by another, and a newer version re-opens attestation', async () => {
      const terms = jobOrderTerms({ country: 'JO' });
      await assert.rejects(t.deliver({ type: 'job_order.submitted', from: 'SA', body: terms, entity: { type: 'job_order', id: terms.jobOrderId, version: 1 } }));
      await t.deliver({ type: 'job_order.submitted', from: 'JO', body: terms, entity: { type: 'job_order', id: terms.jobOrderId, version: 1 } });
      const o = await officer();
      await o.post(`/api/v1/attestation/job-orders/${terms.jobOrderId}/decision`, { decision: 'changes_requested', reason: 'حدد ساعات العمل الأسبوعية' });
      await t.deliver({ type: 'job_order.submitted', from: 'JO', body: { ...terms, hoursPerWeek: 45 }, entity: { type: 'job_order', id: terms.jobOrderId, version: 2 } });
      const item = (await o.get(`/api/v1/attestation/job-orders/${terms.jobOrderId}`)).json<{ status: string; version: number; terms: { hoursPerWeek: number } }>();
      assert.deepEqual([item.status, item.version, item.terms.hoursPerWeek], ['pending_attestation', 2, 45]);
      // A stale version changes nothing.
      await t.deliver({ type: 'job_order.submitted', from: 'JO', body: terms, entity: { type: 'job_order', id: terms.jobOrderId, version: 1 } });
      assert.equal((await o.get(`/api/v1/attestation/job-orders/${terms.jobOrderId}`)).json<{ terms: { hoursPerWeek: number } }>().terms.hoursPerWeek, 45);
    });

    test('the public list shows attested orders only, with filters and a schema.org JobPosting', async () => {
      const pending = jobOrderTerms({ titleAr: 'سباك صحي', isco: '7126' });
      await t.deliver({ type: 'job_order.submitted', from: 'SA', body: pending, entity: { type: 'job_order', id: pending.jobOrderId, version: 1 } });
      const cook = await approvedOrder({ country: 'JO', isco: '5120', titleAr: 'طاهٍ في فندق', titleEn: 'Hotel cook', city: 'Amman', wage: { amountMinor: 450000, currency: 'JOD' } });
      const anon = t.client();
      const list = (await anon.get('/api/v1/job-orders?country=JO&isco=512')).json<{ items: { id: string; employer: { verified: boolean } }[]; total: number }>();
      assert.deepEqual(list.items.map((i) => i.id), [cook.jobOrderId]);
      assert.equal(list.items[0]!.employer.verified, true);
      assert.equal((await anon.get('/api/v1/job-orders?q=cook&city=amman')).json<{ total: number }>().total, 1);
      assert.equal((await anon.get('/api/v1/job-orders?q=طاه')).json<{ total: number }>().total, 1);
      assert.ok(!(await anon.get('/api/v1/job-orders?pageSize=100')).body.includes(pending.jobOrderId));
      assert.equal((await anon.get(`/api/v1/job-orders/${pending.jobOrderId}`)).statusCode, 404);
      assert.equal((await anon.get('/api/v1/job-orders?isco=ab')).statusCode, 400);

      const detail = (await anon.get(`/api/v1/job-orders/${cook.jobOrderId}`)).json<{ wageMinorUnits: number; jsonLd: Record<string, unknown> & { baseSalary: { currency: string; value: { value: number } } } }>();
      assert.equal(detail.jsonLd['@type'], 'JobPosting');
      assert.equal(detail.jsonLd['@context'], 'https://schema.org');
      assert.equal(detail.jsonLd.title, 'Hotel cook');
      assert.deepEqual([detail.jsonLd.baseSalary.currency, detail.jsonLd.baseSalary.value.value], ['JOD', 450], 'JOD has 3 minor digits');
    });

    test('applications need an attested order and active consent to its country', async () => {
      const order = await approvedOrder();
      const pending = jobOrderTerms();
      await t.deliver({ type: 'job_order.submitted', from: 'SA', body: pending, entity: { type: 'job_order', id: pending.jobOrderId, version: 1 } });
      const { c } = await worker();
      const noConsent = await c.post('/api/v1/worker/applications', { jobOrderId: order.jobOrderId });
      assert.equal(noConsent.json<{ code: string }>().code, 'consent_required');
      await c.post('/api/v1/worker/consents', { country: 'SA', textVersion: TEXT_VERSION });
      assert.equal((await c.post('/api/v1/worker/applications', { jobOrderId: pending.jobOrderId })).json<{ code: string }>().code, 'job_order_not_open');
      assert.equal((await c.post('/api/v1/worker/applications', { jobOrderId: randomUUID() })).statusCode, 404);
      const profileId = (t.fed.queued({ type: 'profile.upsert', to: 'SA' }).at(-1)!.body as SharedProfile).profileId;
      const ok = await c.post('/api/v1/worker/applications', { jobOrderId: order.jobOrderId });
      assert.equal(ok.statusCode, 201, ok.body);
      const msg = t.fed.sent.at(-1)!;
      assert.equal(msg.type, 'application.submitted');
      assert.equal((msg.body as { profileId: string }).profileId, profileId);
      assert.equal((await c.post('/api/v1/worker/applications', { jobOrderId: order.jobOrderId })).json<{ code: string }>().code, 'application_already_submitted');
      assert.equal((await c.get('/api/v1/worker/applications')).json<unknown[]>().length, 1);
    });

    test('recommendations rank the same unit group first, with reasons in Arabic and English', async () => {
      const same = await approvedOrder({ isco: '7411', titleEn: 'Electrician A' });
      const minor = await approvedOrder({ isco: '7412', titleEn: 'Electrical fitter' });
      await approvedOrder({ isco: '5120', titleEn: 'Cook' });
      const { c } = await worker();
      const recs = (await c.get('/api/v1/worker/recommendations')).json<{ jobOrder: { id: string; isco: string }; reasons: { ar: string; en: string }[] }[]>();
      const ids = recs.map((r) => r.jobOrder.id);
      assert.ok(ids.indexOf(same.jobOrderId) < ids.indexOf(minor.jobOrderId));
      assert.ok(!recs.some((r) => r.jobOrder.isco === '5120'), 'unrelated occupations are not recommended');
      const top = recs.find((r) => r.jobOrder.id === same.jobOrderId)!;
      assert.equal(top.reasons[0]!.en, 'same unit group 7411, 6 years');
      assert.match(top.reasons[0]!.ar, /٧٤١١/);
      assert.ok(recs.find((r) => r.jobOrder.id === minor.jobOrderId)!.reasons[0]!.en.startsWith('same minor group 741'));
    });

    test('invitations: SMS in both languages, accept discloses only the allowed contact fields, once; views are logged', async () => {
      const order = await approvedOrder();
      const { c, mobile, nationalId } = await worker();
      await c.post('/api/v1/worker/consents', { country: 'SA', textVersion: TEXT_VERSION });
      const profileId = (t.fed.queued({ type: 'profile.upsert', to: 'SA' }).at(-1)!.body as SharedProfile).profileId;
      const employer = order.employer;
      await t.deliver({ type: 'profile.viewed', from: 'SA', body: { profileId, employer, viewedAt: new Date().toISOString() } });
      await assert.rejects(t.deliver({ type: 'profile.viewed', from: 'JO', body: { profileId, employer, viewedAt: new Date().toISOString() } }), 'a pseudonym is only valid for its own country');

      const invitationId = randomUUID();
      const invitation = { invitationId, jobOrderId: order.jobOrderId, profileId, applicationId: null, employer, messageAr: 'نرحب بانضمامك', sentAt: new Date().toISOString() };
      await t.deliver({ type: 'invitation.sent', from: 'SA', body: invitation });
      await t.deliver({ type: 'invitation.sent', from: 'SA', body: invitation }); // a duplicate changes nothing
      await new Promise((r) => setTimeout(r, 100));
      const sms = await t.node.database.db.selectFrom('notification_outbox').selectAll().where('recipient', '=', toE164(mobile)).where('body_en', 'like', '%invited%').execute();
      assert.equal(sms.length, 1);
      assert.match(sms[0]!.body_ar, /دعوة عمل/);

      const list = (await c.get('/api/v1/worker/invitations')).json<{ id: string; status: string; contactFields: string[]; jobOrder: { id: string } | null }[]>();
      assert.equal(list.length, 1);
      assert.equal(list[0]!.jobOrder!.id, order.jobOrderId);
      assert.deepEqual(list[0]!.contactFields, fieldProfileFor('SA').contact);

      const url = `/api/v1/worker/invitations/${invitationId}/response`;
      const { c: other } = await worker();
      assert.equal((await other.post(url, { response: 'accepted' })).statusCode, 404, 'only the invited worker can answer');
      const n = t.fed.sent.length;
      const res = await c.post(url, { response: 'accepted' });
      assert.equal(res.statusCode, 200, res.body);
      const sent = t.fed.sent.slice(n);
      assert.equal(sent.length, 1);
      const body = sent[0]!.body as { response: string; disclosure: Record<string, string> };
      assert.equal(body.response, 'accepted');
      assert.deepEqual(Object.keys(body.disclosure).sort(), ['birthDate', 'nameAr', 'nameLatin', 'passportExpiry', 'passportNumber']);
      assert.ok(!JSON.stringify(body).includes(nationalId));
      assert.ok(!JSON.stringify(body).includes(toE164(mobile)));
      assert.equal((await c.post(url, { response: 'declined' })).json<{ code: string }>().code, 'invitation_already_answered');

      const log = (await c.get('/api/v1/worker/disclosures')).json<{ kind: string; employer: { nameEn: string } | null; fields: string[] }[]>();
      assert.equal(log[0]!.kind, 'contact_disclosed');
      assert.equal(log[0]!.employer!.nameEn, employer.nameEn);
      assert.ok(log[0]!.fields.includes('passportNumber'));
      assert.equal(log.filter((l) => l.kind === 'profile_viewed' && l.employer?.nameEn === employer.nameEn).length, 1);
    });

    test('the demo seed creates consented synthetic workers once, and their first profile messages', async () => {
      const deps = { ...t.node.deps, federation: t.fed };
      const n = t.fed.sent.length;
      assert.deepEqual(await seedDemoWorkers(deps, { count: 20, seed: 7 }), { created: 20 });
      const upserts = t.fed.sent.slice(n).filter((m) => m.type === 'profile.upsert');
      assert.ok(upserts.length >= 20, 'every seeded worker consents to at least one partner');
      assert.ok(upserts.every((m) => ['SA', 'JO'].includes(m.to) && !('nationalId' in (m.body as object))));
      assert.deepEqual(await seedDemoWorkers(deps, { count: 20, seed: 7 }), { created: 0 });
      assert.equal(t.fed.sent.length, n + upserts.length, 'a second start sends nothing again');
    });

    test('worker endpoints are for signed-in citizens only', async () => {
      const staff = t.client();
      await signInStaff(t, staff, 'hq.admin');
      const anon = t.client();
      const endpoints: [string, string, unknown?][] = [
        ['GET', '/api/v1/worker/profile'],
        ['PUT', '/api/v1/worker/profile', PROFILE],
        ['GET', '/api/v1/worker/consents'],
        ['POST', '/api/v1/worker/consents', { country: 'SA', textVersion: TEXT_VERSION }],
        ['DELETE', '/api/v1/worker/consents/SA'],
        ['GET', '/api/v1/worker/disclosures'],
        ['GET', '/api/v1/worker/recommendations'],
        ['GET', '/api/v1/worker/applications'],
        ['POST', '/api/v1/worker/applications', { jobOrderId: randomUUID() }],
        ['GET', '/api/v1/worker/invitations'],
        ['POST', `/api/v1/worker/invitations/${randomUUID()}/response`, { response: 'accepted' }],
      ];
      for (const [method, url, body] of endpoints) {
        assert.equal((await anon.request(method as 'GET', url, body)).statusCode, 401, `${method} ${url} anonymous`);
        assert.equal((await staff.request(method as 'GET', url, body)).statusCode, 403, `${method} ${url} staff`);
      }
    });
  });
}

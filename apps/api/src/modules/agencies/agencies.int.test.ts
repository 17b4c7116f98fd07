import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgencyAuthorisation, AgencyDetail, AgencyPage, BrokerReportDetail, BrokerReportPage, BrokerReportReceipt } from '@rabt/contracts';
import { registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { agencyMayActFor } from './agencies.service.ts';
import { DEMO_AGENCIES, seedDemoAgencies } from './agencies.seed.ts';

const OFFICER = 'overseas.officer' as DemoStaff;
let serial = 100;

/** A valid create body with a fresh licence number. */
function agencyBody(overrides: Record<string, unknown> = {}) {
  serial++;
  return {
    licenceNumber: `RA-2026-${String(serial).padStart(4, '0')}`,
    nameAr: 'شركة الأمل لإلحاق العمالة',
    nameEn: 'Al-Amal Labour Placement',
    legalForm: 'llc',
    scope: 'abroad',
    paidInCapitalPiastres: 50_000_000,
    governorateCode: '01',
    address: '١٠ شارع قصر النيل، القاهرة',
    phone: '٠٢ ٢٣٩٠ ١٢٣٤',
    licenceIssuedOn: '2025-03-01',
    licenceExpiresOn: '2099-02-28',
    ...overrides,
  };
}

const REPORT = {
  claimedOffer: 'عقد عمل سائق في الرياض مع تأشيرة',
  brokerName: 'أبو أحمد للسفريات',
  brokerPhone: '٠١٠٠٠٠٠٠٠٠١',
  brokerLink: 'https://facebook.example/jobs-abroad-fast',
  promisedCountry: 'SA',
  amountAsked: { amountMinor: 3_500_000, currency: 'EGP' },
  description: 'طلب مني ٣٥ ألف جنيه مقدمًا مقابل التأشيرة وقال إن العقد سيصل بعد شهر.',
  reporterContact: null,
};

for (const target of testTargets()) {
  describe(`licensed recruitment agencies and broker reports (${target})`, () => {
    let t: TestNode;
    let hq: TestClient;
    before(async () => {
      t = await createTestNode(target);
      hq = t.client();
      await signInStaff(t, hq, 'hq.admin');
    });
    after(() => t.close());

    async function create(body: Record<string, unknown> = agencyBody()): Promise<AgencyDetail> {
      const res = await hq.post('/api/v1/agencies', body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json<AgencyDetail>();
    }

    async function setStatus(licence: string, status: string, reason = 'قرار إداري للاختبار') {
      return hq.post(`/api/v1/agencies/${licence}/status`, { status, reason });
    }

    async function auditActions(subjectId: string): Promise<string[]> {
      const rows = await t.node.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', subjectId).orderBy('seq').execute();
      return rows.map((r) => r.action);
    }

    test('HQ registers an agency: Arabic-Indic digits folded, history starts valid, audited, public detail readable', async () => {
      const body = agencyBody({ licenceNumber: ' ra-٢٠٢٦-٠٠٤٢ ' });
      const a = await create(body);
      assert.equal(a.licenceNumber, 'RA-2026-0042');
      assert.equal(a.status, 'valid');
      assert.equal(a.mayOperate, true);
      assert.equal(a.isDemo, false);
      assert.equal(a.phone, '02 2390 1234');
      assert.equal(a.paidInCapitalPiastres, 50_000_000);
      assert.deepEqual(a.history.map((h) => [h.from, h.to]), [[null, 'valid']]);
      assert.deepEqual(await auditActions('RA-2026-0042'), ['agency.created']);

      const pub = await t.client().get('/api/v1/agencies/RA-2026-0042');
      assert.equal(pub.statusCode, 200, pub.body);
      assert.equal(pub.json<AgencyDetail>().nameEn, body.nameEn);
      const missing = await t.client().get('/api/v1/agencies/RA-2026-9999');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json<{ code: string }>().code, 'agency_not_found');
      const dup = await hq.post('/api/v1/agencies', { ...agencyBody(), licenceNumber: 'RA-2026-0042' });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json<{ code: string }>().code, 'agency_licence_taken');
    });

    test('Art. 41 capital minimum: EGP 250k domestic, 500k abroad or both; nothing saved when refused', async () => {
      const cases: [string, number, number][] = [
        ['domestic', 24_999_999, 400],
        ['domestic', 25_000_000, 201],
        ['abroad', 49_999_999, 400],
        ['both', 25_000_000, 400],
        ['both', 50_000_000, 201],
      ];
      for (const [scope, capital, status] of cases) {
        const body = agencyBody({ scope, paidInCapitalPiastres: capital });
        const res = await hq.post('/api/v1/agencies', body);
        assert.equal(res.statusCode, status, `${scope} ${capital}: ${res.body}`);
        if (status === 400) {
          const p = res.json<{ code: string; errors: { pointer: string; code: string }[] }>();
          assert.equal(p.code, 'validation_failed');
          assert.deepEqual(p.errors.map((e) => [e.pointer, e.code]), [['/paidInCapitalPiastres', 'agency_capital_below_minimum']]);
          assert.equal((await t.client().get(`/api/v1/agencies/${body.licenceNumber}`)).statusCode, 404);
        }
      }
      // Arabic-Indic digits in the capital typed as text.
      const typed = await hq.post('/api/v1/agencies', agencyBody({ scope: 'domestic', paidInCapitalPiastres: '٢٥٠٠٠٠٠٠' }));
      assert.equal(typed.statusCode, 201, typed.body);
    });

    test('bad agency input answers one field error per field', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ licenceNumber: 'RA-25-142' }, '/licenceNumber', 'licence_number_format'],
        [{ legalForm: 'sole_trader' }, '/legalForm', 'invalid_value'],
        [{ scope: 'everywhere' }, '/scope', 'invalid_value'],
        [{ governorateCode: '99' }, '/governorateCode', 'invalid_value'],
        [{ governorateCode: '88' }, '/governorateCode', 'invalid_value'],
        [{ phone: 'call me' }, '/phone', 'agency_phone_invalid'],
        [{ licenceExpiresOn: '2025-01-01' }, '/licenceExpiresOn', 'agency_licence_dates'],
        [{ licenceIssuedOn: '2025-02-30' }, '/licenceIssuedOn', 'invalid_format'],
        [{ nameAr: 'ا' }, '/nameAr', 'too_short'],
        [{ extra: 1 }, '/extra', 'unknown_field'],
      ];
      for (const [over, pointer, code] of cases) {
        const res = await hq.post('/api/v1/agencies', agencyBody(over));
        assert.equal(res.statusCode, 400, `${pointer}: ${res.body}`);
        const errors = res.json<{ errors: { pointer: string; code: string }[] }>().errors;
        assert.ok(errors.some((e) => e.pointer === pointer && e.code === code), `${pointer} ${code}: ${JSON.stringify(errors)}`);
      }
    });

    test('status changes: valid ↔ suspended, revoked is final, unchanged refused; each audited and in the history', async () => {
      const a = await create();
      const l = a.licenceNumber;
      assert.equal((await setStatus(l, 'valid')).json<{ code: string }>().code, 'agency_status_unchanged');
      const s = await setStatus(l, 'suspended', 'شكاوى من تحصيل رسوم من العمال');
      assert.equal(s.statusCode, 200, s.body);
      assert.equal(s.json<AgencyDetail>().status, 'suspended');
      assert.equal(s.json<AgencyDetail>().statusReason, 'شكاوى من تحصيل رسوم من العمال');
      assert.equal(s.json<AgencyDetail>().mayOperate, false);
      assert.equal((await setStatus(l, 'valid', 'سُوّيت الشكاوى')).json<AgencyDetail>().status, 'valid');
      assert.equal((await setStatus(l, 'revoked', 'مخالفة المادة ٤٣')).json<AgencyDetail>().status, 'revoked');
      for (const next of ['valid', 'suspended', 'revoked']) {
        const res = await setStatus(l, next);
        assert.equal(res.statusCode, 409, next);
        assert.equal(res.json<{ code: string }>().code, 'agency_revoked_final');
      }
      const noReason = await hq.post(`/api/v1/agencies/${a.licenceNumber}/status`, { status: 'suspended' });
      assert.equal(noReason.statusCode, 400);
      const detail = (await t.client().get(`/api/v1/agencies/${l}`)).json<AgencyDetail>();
      assert.deepEqual(detail.history.map((h) => h.to), ['valid', 'suspended', 'valid', 'revoked']);
      assert.deepEqual(await auditActions(l), ['agency.created', 'agency.status_changed', 'agency.status_changed', 'agency.status_changed']);
      // The database refuses too, whatever the code path.
      await assert.rejects(t.node.database.db.updateTable('agencies').set({ status: 'valid' }).where('licence_number', '=', l).execute(), /revoked/);
    });

    test('only HQ administrators manage licences: 401 anonymous, 403 problem for others', async () => {
      const a = await create();
      const anon = await t.client().post('/api/v1/agencies', agencyBody());
      assert.equal(anon.statusCode, 401);
      const callers: TestClient[] = [];
      for (const who of ['nasr.clerk', 'auditor', OFFICER] as DemoStaff[]) {
        const c = t.client();
        await signInStaff(t, c, who);
        callers.push(c);
      }
      const citizen = t.client();
      await registerCitizen(t, citizen);
      callers.push(citizen);
      for (const c of callers) {
        const created = await c.post('/api/v1/agencies', agencyBody());
        assert.equal(created.statusCode, 403, created.body);
        const p = created.json<{ code: string; titles: { ar: string; en: string } }>();
        assert.equal(p.code, 'forbidden');
        assert.ok(p.titles.ar.length > 0);
        const status = await c.post(`/api/v1/agencies/${a.licenceNumber}/status`, { status: 'suspended', reason: 'محاولة غير مسموحة' });
        assert.equal(status.statusCode, 403);
      }
      assert.equal((await t.client().get(`/api/v1/agencies/${a.licenceNumber}`)).json<AgencyDetail>().status, 'valid');
    });

    test('public search: Arabic folding (hamza, ta marbuta, alef maqsura), English, licence number, status and governorate filters', async () => {
      await create(agencyBody({ licenceNumber: 'RA-2026-0501', nameAr: 'شركة الأمانة للتوظيف بالخارج', nameEn: 'Al-Amana Overseas Employment', governorateCode: '02' }));
      await create(agencyBody({ licenceNumber: 'RA-2026-0502', nameAr: 'مؤسسة إشراقة الهدى للتشغيل', nameEn: 'Ishraqat Al-Huda Placement', governorateCode: '21' }));
      await setStatus('RA-2026-0502', 'suspended', 'إيقاف للاختبار');
      const search = async (qs: string) => {
        const res = await t.client().get(`/api/v1/agencies?${qs}`);
        assert.equal(res.statusCode, 200, res.body);
        return res.json<AgencyPage>().items.map((a) => a.licenceNumber);
      };
      assert.deepEqual(await search(`q=${encodeURIComponent('الامانه')}`), ['RA-2026-0501']);
      assert.deepEqual(await search(`q=${encodeURIComponent('اشراقه الهدي')}`), ['RA-2026-0502']);
      assert.deepEqual(await search(`q=${encodeURIComponent('الأَمَانَة')}`), ['RA-2026-0501']);
      assert.deepEqual(await search('q=amana'), ['RA-2026-0501']);
      assert.deepEqual(await search('q=RA-2026-0502'), ['RA-2026-0502']);
      assert.deepEqual(await search(`q=${encodeURIComponent('٠٥٠١')}`), ['RA-2026-0501']);
      assert.deepEqual(await search(`q=${encodeURIComponent('للتوظيف')}&status=valid&governorate=02`), ['RA-2026-0501']);
      assert.deepEqual(await search('status=suspended&governorate=21'), ['RA-2026-0502']);
      assert.deepEqual(await search(`q=${encodeURIComponent('لا توجد شركة بهذا الاسم')}`), []);
      // Punctuation alone (LIKE wildcards included) folds to nothing: no filter, not an error.
      assert.ok((await search('q=%25_')).length > 2);
      const page = (await t.client().get('/api/v1/agencies?pageSize=2&page=1')).json<AgencyPage>();
      assert.equal(page.items.length, 2);
      assert.ok(page.total > 2);
      assert.equal((await t.client().get('/api/v1/agencies?status=closed')).statusCode, 400);
    });

    test('a worker allows a valid agency, is refused for a suspended one, withdraws; history kept; agencyMayActFor answers every outcome', async () => {
      const valid = await create();
      const suspended = await create();
      await setStatus(suspended.licenceNumber, 'suspended', 'إيقاف مؤقت');
      const expired = await create(agencyBody({ licenceIssuedOn: '2020-01-01', licenceExpiresOn: '2021-01-01' }));
      assert.equal(expired.expired, true);
      assert.equal(expired.mayOperate, false);
      const w = t.client();
      const { accountId } = await registerCitizen(t, w);
      const db = t.node.database.db;
      const now = t.clock.now();

      assert.equal((await t.client().get('/api/v1/worker/agency-authorisations')).statusCode, 401);
      assert.deepEqual(await agencyMayActFor(db, { licenceNumber: 'RA-2026-7777', citizenId: accountId }, now), { ok: false, reason: 'unknown_agency' });
      assert.deepEqual(await agencyMayActFor(db, { licenceNumber: 'not a licence', citizenId: accountId }, now), { ok: false, reason: 'unknown_agency' });
      assert.deepEqual(await agencyMayActFor(db, { licenceNumber: valid.licenceNumber, citizenId: accountId }, now), { ok: false, reason: 'no_worker_authorisation' });

      const granted = await w.post('/api/v1/worker/agency-authorisations', { licenceNumber: valid.licenceNumber.toLowerCase() });
      assert.equal(granted.statusCode, 201, granted.body);
      assert.deepEqual(granted.json<AgencyAuthorisation[]>().map((a) => [a.agency.licenceNumber, a.active]), [[valid.licenceNumber, true]]);
      const again = await w.post('/api/v1/worker/agency-authorisations', { licenceNumber: valid.licenceNumber });
      assert.equal(again.json<{ code: string }>().code, 'agency_authorisation_exists');

      const ok = await agencyMayActFor(db, { licenceNumber: ` ${valid.licenceNumber.toLowerCase()} `, citizenId: accountId }, now);
      assert.ok(ok.ok);
      assert.equal(ok.agency.licenceNumber, valid.licenceNumber);
      // A licence suspended after the worker's consent: the consent stays, the agency may not act.
      await setStatus(valid.licenceNumber, 'suspended', 'إيقاف بعد الموافقة');
      assert.deepEqual(await agencyMayActFor(db, { licenceNumber: valid.licenceNumber, citizenId: accountId }, now), { ok: false, reason: 'licence_not_valid' });
      await setStatus(valid.licenceNumber, 'valid', 'رفع الإيقاف');
      await db.transaction().execute(async (trx) => {
        assert.equal((await agencyMayActFor(trx, { licenceNumber: valid.licenceNumber, citizenId: accountId }, now)).ok, true);
      });

      for (const [licence, code] of [
        [suspended.licenceNumber, 'agency_not_valid'],
        [expired.licenceNumber, 'agency_not_valid'],
        ['RA-2026-8888', 'agency_not_found'],
      ] as const) {
        const res = await w.post('/api/v1/worker/agency-authorisations', { licenceNumber: licence });
        assert.equal(res.json<{ code: string }>().code, code, licence);
      }
      assert.deepEqual(await agencyMayActFor(db, { licenceNumber: suspended.licenceNumber, citizenId: accountId }, now), { ok: false, reason: 'licence_not_valid' });
      assert.deepEqual(await agencyMayActFor(db, { licenceNumber: expired.licenceNumber, citizenId: accountId }, now), { ok: false, reason: 'licence_not_valid' });

      const withdrawn = await w.delete(`/api/v1/worker/agency-authorisations/${valid.licenceNumber}`);
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal(withdrawn.json<AgencyAuthorisation[]>()[0]!.active, false);
      assert.equal((await w.delete(`/api/v1/worker/agency-authorisations/${valid.licenceNumber}`)).json<{ code: string }>().code, 'agency_authorisation_not_active');
      assert.deepEqual(await agencyMayActFor(db, { licenceNumber: valid.licenceNumber, citizenId: accountId }, now), { ok: false, reason: 'no_worker_authorisation' });
      // Granted again: a new row; the withdrawn one stays.
      await w.post('/api/v1/worker/agency-authorisations', { licenceNumber: valid.licenceNumber });
      const list = (await w.get('/api/v1/worker/agency-authorisations')).json<AgencyAuthorisation[]>();
      assert.deepEqual(list.map((a) => a.active), [true, false]);
      const audited = await db.selectFrom('audit_log').select(['action', 'actor_kind', 'actor_id']).where('action', 'like', 'agency.authorisation_%').where('actor_id', '=', accountId).orderBy('seq').execute();
      assert.deepEqual(audited.map((a) => a.action), ['agency.authorisation_granted', 'agency.authorisation_withdrawn', 'agency.authorisation_granted']);
      assert.ok(audited.every((a) => a.actor_kind === 'citizen'));
      await assert.rejects(db.deleteFrom('agency_authorisations').where('citizen_id', '=', accountId).execute(), /never deleted/);
      // Another worker sees none of these.
      const other = t.client();
      await registerCitizen(t, other);
      assert.deepEqual((await other.get('/api/v1/worker/agency-authorisations')).json(), []);
      // Staff cannot act as a worker.
      assert.equal((await hq.post('/api/v1/worker/agency-authorisations', { licenceNumber: valid.licenceNumber })).statusCode, 403);
    });

    test('an anonymous broker report is accepted with a reference; no IP or account stored', async () => {
      const c = t.client();
      const res = await c.post('/api/v1/broker-reports', REPORT, { 'x-forwarded-for': '203.0.113.9' });
      assert.equal(res.statusCode, 201, res.body);
      const { reference } = res.json<BrokerReportReceipt>();
      assert.match(reference, /^BR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      const row = await t.node.database.db.selectFrom('broker_reports').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
      assert.equal(row.broker_phone, '01000000001');
      assert.equal(Number(row.amount_asked_minor), 3_500_000);
      assert.equal(row.status, 'new');
      assert.ok(!JSON.stringify(row).includes('203.0.113.9') && !JSON.stringify(row).includes('127.0.0.1'));
      const minimal = await t.client().post('/api/v1/broker-reports', { claimedOffer: 'وظيفة في الخارج', description: 'إعلان على فيسبوك يطلب رسوم حجز.' });
      assert.equal(minimal.statusCode, 201, minimal.body);
      assert.deepEqual(await auditActions(reference), ['broker_report.received']);
      const audit = await t.node.database.db.selectFrom('audit_log').select(['actor_kind', 'actor_id']).where('subject_id', '=', reference).executeTakeFirstOrThrow();
      assert.deepEqual(audit, { actor_kind: 'system', actor_id: null });
    });

    test('bad broker reports are refused field by field and nothing is saved', async () => {
      const count = async () => Number((await t.node.database.db.selectFrom('broker_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const cases: [Record<string, unknown>, string, string][] = [
        [{ claimedOffer: undefined }, '/claimedOffer', 'required'],
        [{ claimedOffer: 'عمل' }, '/claimedOffer', 'too_short'],
        [{ claimedOffer: 'x'.repeat(501) }, '/claimedOffer', 'too_long'],
        [{ description: 'قصير' }, '/description', 'too_short'],
        [{ description: 'و'.repeat(5001) }, '/description', 'too_long'],
        [{ brokerName: 'ن'.repeat(201) }, '/brokerName', 'too_long'],
        [{ brokerLink: 'h'.repeat(501) }, '/brokerLink', 'too_long'],
        [{ brokerPhone: '1'.repeat(41) }, '/brokerPhone', 'too_long'],
        [{ promisedCountry: 'Saudi' }, '/promisedCountry', 'invalid_format'],
        [{ amountAsked: { amountMinor: -5, currency: 'EGP' } }, '/amountAsked/amountMinor', 'number_too_small'],
        [{ amountAsked: { amountMinor: 100 } }, '/amountAsked/currency', 'required'],
        [{ amountAsked: { amountMinor: 100, currency: 'egp' } }, '/amountAsked/currency', 'invalid_format'],
        [{ reporterContact: 'c'.repeat(201) }, '/reporterContact', 'too_long'],
        [{ ip: '1.2.3.4' }, '/ip', 'unknown_field'],
      ];
      for (const [over, pointer, code] of cases) {
        const res = await t.client().post('/api/v1/broker-reports', { ...REPORT, ...over });
        assert.equal(res.statusCode, 400, `${pointer}: ${res.body}`);
        const errors = res.json<{ code: string; errors: { pointer: string; code: string }[] }>().errors;
        assert.ok(errors.some((e) => e.pointer === pointer && e.code === code), `${pointer} ${code}: ${JSON.stringify(errors)}`);
      }
      const notJson = await t.client().post('/api/v1/broker-reports', '{"claimedOffer":');
      assert.equal(notJson.statusCode, 400);
      assert.equal(await count(), before);
    });

    test('the HQ queue: HQ admins and overseas officers only; status, assignment and notes audited', async () => {
      const { reference } = (await t.client().post('/api/v1/broker-reports', REPORT)).json<BrokerReportReceipt>();
      const officer = t.client();
      await signInStaff(t, officer, OFFICER);
      const clerk = t.client();
      await signInStaff(t, clerk, 'nasr.clerk');
      assert.equal((await t.client().get('/api/v1/broker-reports')).statusCode, 401);
      assert.equal((await clerk.get('/api/v1/broker-reports')).statusCode, 403);
      assert.equal((await clerk.get(`/api/v1/broker-reports/${reference}`)).statusCode, 403);
      assert.equal((await clerk.post(`/api/v1/broker-reports/${reference}/status`, { status: 'investigating' })).statusCode, 403);

      const queue = (await hq.get('/api/v1/broker-reports?status=new')).json<BrokerReportPage>();
      assert.ok(queue.items.some((r) => r.reference === reference));
      const found = (await officer.get(`/api/v1/broker-reports?q=${encodeURIComponent('أبو أحمد')}`)).json<BrokerReportPage>();
      assert.ok(found.items.some((r) => r.reference === reference));

      const officerId = (await t.node.database.db.selectFrom('staff').select('id').where('email', 'like', 'overseas.officer@%').executeTakeFirstOrThrow()).id;
      const assigned = await hq.post(`/api/v1/broker-reports/${reference}/assignment`, { staffId: officerId });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.equal(assigned.json<BrokerReportDetail>().assignedTo?.id, officerId);
      const clerkId = (await t.node.database.db.selectFrom('staff').select('id').where('email', 'like', 'nasr.clerk@%').executeTakeFirstOrThrow()).id;
      assert.equal((await hq.post(`/api/v1/broker-reports/${reference}/assignment`, { staffId: clerkId })).json<{ code: string }>().code, 'broker_report_assignee_invalid');
      const mine = (await officer.get('/api/v1/broker-reports?assigned=me')).json<BrokerReportPage>();
      assert.deepEqual(mine.items.map((r) => r.reference), [reference]);

      const investigating = await officer.post(`/api/v1/broker-reports/${reference}/status`, { status: 'investigating' });
      assert.equal(investigating.statusCode, 200, investigating.body);
      assert.equal((await officer.post(`/api/v1/broker-reports/${reference}/status`, { status: 'investigating' })).json<{ code: string }>().code, 'broker_report_status_unchanged');
      const noNote = await officer.post(`/api/v1/broker-reports/${reference}/status`, { status: 'referred' });
      assert.equal(noNote.statusCode, 400);
      assert.equal(noNote.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer, '/note');
      assert.equal((await officer.post(`/api/v1/broker-reports/${reference}/status`, { status: 'new' })).statusCode, 400);
      const note = await officer.post(`/api/v1/broker-reports/${reference}/notes`, { note: 'تم التواصل مع إدارة مكافحة الهجرة غير الشرعية.' });
      assert.equal(note.statusCode, 200, note.body);
      const referred = await hq.post(`/api/v1/broker-reports/${reference}/status`, { status: 'referred', note: 'أحيل إلى النيابة العامة.' });
      assert.equal(referred.statusCode, 200, referred.body);
      const detail = referred.json<BrokerReportDetail>();
      assert.equal(detail.status, 'referred');
      assert.deepEqual(detail.events.map((e) => e.kind), ['assigned', 'status_changed', 'note_added', 'status_changed']);
      assert.equal(detail.events[3]!.note, 'أحيل إلى النيابة العامة.');
      assert.equal(detail.events[1]!.by.id, officerId);
      assert.deepEqual(await auditActions(reference), ['broker_report.received', 'broker_report.assigned', 'broker_report.status_changed', 'broker_report.note_added', 'broker_report.status_changed']);
      assert.equal((await hq.get('/api/v1/broker-reports/BR-0000-0000')).json<{ code: string }>().code, 'broker_report_not_found');
      assert.equal((await hq.get('/api/v1/broker-reports/not-a-ref')).statusCode, 400);
    });

    test('demo agencies: synthetic, marked, mixed statuses, idempotent; off in the test configuration', async () => {
      assert.equal(t.config.seedDemoData, false);
      assert.equal((await t.client().get('/api/v1/agencies?q=RA-2025-9001')).json<AgencyPage>().total, 0);
      const first = await seedDemoAgencies({ db: t.node.database.db, clock: t.clock.now });
      assert.equal(first.created, DEMO_AGENCIES.length);
      assert.equal((await seedDemoAgencies({ db: t.node.database.db, clock: t.clock.now })).created, 0);
      const page = (await t.client().get(`/api/v1/agencies?q=${encodeURIComponent('بيانات تجريبية')}&pageSize=50`)).json<AgencyPage>();
      assert.equal(page.total, DEMO_AGENCIES.length);
      assert.ok(page.items.every((a) => a.isDemo && a.nameEn.includes('(demo data)')));
      assert.deepEqual(new Set(page.items.map((a) => a.status)), new Set(['valid', 'suspended', 'revoked']));
      assert.ok(page.items.some((a) => a.expired));
      const nile = (await t.client().get(`/api/v1/agencies?q=${encodeURIComponent('وكاله النيل')}`)).json<AgencyPage>();
      assert.equal(nile.items[0]?.licenceNumber, 'RA-2025-9001');
    });
  });
}

describe('agency routes exist only on the Egyptian node', () => {
  test('a partner node answers 404', async () => {
    const t = await createTestNode('pglite', { NODE_COUNTRY: 'SA' });
    try {
      assert.equal((await t.client().get('/api/v1/agencies')).statusCode, 404);
      assert.equal((await t.client().post('/api/v1/broker-reports', REPORT)).statusCode, 404);
    } finally {
      await t.close();
    }
  });
});

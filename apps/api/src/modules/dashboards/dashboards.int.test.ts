import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ApplicationsDashboard, ProblemDetails } from '@rabt/contracts';
import { makeNationalId, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';

const API = '/api/v1';
const HOUR = 3_600_000;

for (const target of testTargets()) {
  describe(`e-services dashboards (${target})`, () => {
    let t: TestNode;
    const clients = new Map<DemoStaff, TestClient>();
    async function as(who: DemoStaff): Promise<TestClient> {
      if (!clients.has(who)) {
        const c = t.client();
        await signInStaff(t, c, who);
        clients.set(who, c);
      }
      return clients.get(who)!;
    }

    /** Known fixture: applications at Nasr City and Shubra (Cairo directorate 01) and Giza (21). */
    before(async () => {
      t = await createTestNode(target);
      const now = t.clock.now();
      const at = (h: number) => new Date(now.getTime() + h * HOUR);
      let serial = 0;
      const app = (office: string, directorate: string, service: string, status: string, o: { submitted?: number; decided?: number; due?: number } = {}) => ({
        id: randomUUID(),
        reference: `FX-${++serial}`,
        service_code: service,
        applicant_citizen_id: null,
        office_id: seedOfficeId(office),
        directorate_code: directorate,
        status: status as 'submitted',
        answers: JSON.stringify({}),
        fee_piastres: 0,
        submitted_at: o.submitted === undefined ? null : at(o.submitted),
        decided_at: o.decided === undefined ? null : at(o.decided),
        step_due_at: o.due === undefined ? null : at(o.due),
        created_at: at(-48),
        updated_at: now,
      });
      await t.node.database.db
        .insertInto('service_applications')
        .values([
          app('CAI-NASR', '01', 'employment_registration', 'submitted', { submitted: -30, due: -1 }), // breached
          app('CAI-NASR', '01', 'employment_registration', 'in_review', { submitted: -5, due: 20 }),
          app('CAI-NASR', '01', 'skill_certificate', 'issued', { submitted: -10, decided: -8 }), // 2 h
          app('CAI-NASR', '01', 'employment_registration', 'rejected', { submitted: -10, decided: -4 }), // 6 h
          app('CAI-NASR', '01', 'employment_registration', 'draft'), // not counted
          app('CAI-SHUB', '01', 'employment_registration', 'issued', { submitted: -20, decided: -10 }), // 10 h
          app('CAI-SHUB', '01', 'craft_licence', 'escalated', { submitted: -40, due: -2 }), // breached
          app('GIZ-GIZA', '21', 'employment_registration', 'submitted', { submitted: -3, due: -1 }), // breached
        ])
        .execute();
      const reg = (office: string, source: 'online' | 'legacy_import', n: number) => ({
        id: randomUUID(),
        registration_number: `${office}-FX-${n}`,
        citizen_id: null,
        office_id: seedOfficeId(office),
        registered_on: '2020-01-01',
        isco: '7411',
        education: 'secondary',
        experience_years: 1,
        age_at_registration: 25,
        created_at: now,
        source,
        national_id: makeNationalId(),
        ...(source === 'legacy_import' ? { legacy_register_number: String(n), holder_name: 'اسم' } : {}),
      });
      await t.node.database.db
        .insertInto('employment_registrations')
        .values([reg('CAI-NASR', 'legacy_import', 1), reg('CAI-NASR', 'legacy_import', 2), reg('CAI-NASR', 'online', 3), reg('GIZ-GIZA', 'online', 4)])
        .execute();
    });
    after(() => t.close());

    async function dashboard(who: DemoStaff, query: string): Promise<ApplicationsDashboard> {
      const res = await (await as(who)).get(`${API}/dashboards/applications?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<ApplicationsDashboard>();
    }

    test('office view (clerk of Nasr City): the office numbers only', async () => {
      const d = await dashboard('nasr.clerk', 'scope=office');
      assert.equal(d.scopeKey, 'CAI-NASR');
      assert.deepEqual([d.scopeNameAr, d.scopeNameEn], ['مكتب عمل مدينة نصر', 'Nasr City Labour Office']);
      assert.deepEqual(d.byStatus, [
        { status: 'in_review', count: 1 },
        { status: 'issued', count: 1 },
        { status: 'rejected', count: 1 },
        { status: 'submitted', count: 1 },
      ]);
      assert.deepEqual(d.byService, [
        { serviceCode: 'employment_registration', count: 3 },
        { serviceCode: 'skill_certificate', count: 1 },
      ]);
      assert.deepEqual(
        d.sla.map((r) => [r.officeCode, r.open, r.breached]),
        [['CAI-NASR', 2, 1]],
      );
      assert.deepEqual(
        d.processing.map((r) => [r.officeCode, r.decided, r.medianHours]),
        [['CAI-NASR', 2, 4]],
      );
      assert.deepEqual(
        d.registrations.map((r) => [r.officeCode, r.imported, r.online]),
        [['CAI-NASR', 2, 1]],
      );
    });

    test('directorate view (Cairo manager): Nasr City and Shubra, not Giza', async () => {
      const d = await dashboard('cairo.manager', 'scope=directorate');
      assert.equal(d.scopeKey, '01');
      assert.deepEqual([d.scopeNameAr, d.scopeNameEn], ['مديرية العمل بمحافظة القاهرة', 'Cairo Labour Directorate']);
      assert.deepEqual(
        d.byStatus.map((r) => [r.status, r.count]),
        [
          ['escalated', 1],
          ['in_review', 1],
          ['issued', 2],
          ['rejected', 1],
          ['submitted', 1],
        ],
      );
      assert.deepEqual(
        d.sla.map((r) => [r.officeCode, r.open, r.breached]),
        [
          ['CAI-NASR', 2, 1],
          ['CAI-SHUB', 1, 1],
        ],
      );
      assert.deepEqual(
        d.processing.map((r) => [r.officeCode, r.decided, r.medianHours]),
        [
          ['CAI-NASR', 2, 4],
          ['CAI-SHUB', 1, 10],
        ],
      );
      // The manager may open one office of the directorate, not another directorate's.
      assert.equal((await dashboard('cairo.manager', 'scope=office&office=CAI-SHUB')).scopeKey, 'CAI-SHUB');
      const res = await (await as('cairo.manager')).get(`${API}/dashboards/applications?scope=office&office=GIZ-GIZA`);
      assert.equal(res.json<ProblemDetails>().code, 'out_of_scope');
    });

    test('HQ view: every office; date range filters on submission', async () => {
      const d = await dashboard('hq.admin', 'scope=hq');
      assert.equal(d.scopeKey, 'EG');
      assert.equal(d.scopeNameAr, 'جميع مكاتب مصر');
      const unknown = await (await as('hq.admin')).get(`${API}/dashboards/applications?scope=directorate&directorate=99`);
      assert.deepEqual([unknown.statusCode, unknown.json<ProblemDetails>().code], [400, 'validation_failed']);
      assert.equal(
        d.byStatus.reduce((s, r) => s + r.count, 0),
        7,
      );
      assert.deepEqual(
        d.sla.map((r) => [r.officeCode, r.open, r.breached]),
        [
          ['CAI-NASR', 2, 1],
          ['CAI-SHUB', 1, 1],
          ['GIZ-GIZA', 1, 1],
        ],
      );
      assert.deepEqual(
        d.registrations.map((r) => [r.officeCode, r.imported, r.online]),
        [
          ['CAI-NASR', 2, 1],
          ['GIZ-GIZA', 0, 1],
        ],
      );
      const tomorrow = new Date(t.clock.now().getTime() + 24 * HOUR).toISOString().slice(0, 10);
      const empty = await dashboard('auditor', `scope=hq&from=${tomorrow}`);
      assert.deepEqual([empty.byStatus, empty.sla, empty.processing, empty.registrations], [[], [], [], []]);
    });

    test('a reversed date range is a 400 pointing at /to with its own code (JSON and CSV)', async () => {
      const hq = await as('hq.admin');
      for (const path of ['applications?scope=hq', 'applications.csv?scope=hq&table=by_status']) {
        const res = await hq.get(`${API}/dashboards/${path}&from=2026-12-31&to=2026-01-01`);
        assert.equal(res.statusCode, 400, res.body);
        const p = res.json<ProblemDetails>();
        assert.equal(p.code, 'validation_failed');
        assert.deepEqual(
          p.errors?.map((e) => [e.pointer, e.code, e.message.ar]),
          [['/to', 'date_range_reversed', 'تاريخ النهاية قبل تاريخ البداية.']],
        );
      }
      // The same day on both ends is a valid one-day range.
      await dashboard('hq.admin', 'scope=hq&from=2026-01-01&to=2026-01-01');
    });

    test('a clerk cannot read the HQ or directorate views; other roles are refused', async () => {
      const clerk = await as('nasr.clerk');
      for (const scope of ['hq', 'directorate']) {
        const res = await clerk.get(`${API}/dashboards/applications?scope=${scope}`);
        assert.deepEqual([res.statusCode, res.json<ProblemDetails>().code], [403, 'out_of_scope']);
      }
      const csv = await clerk.get(`${API}/dashboards/applications.csv?scope=hq&table=sla`);
      assert.equal(csv.statusCode, 403);
      const manager = await as('cairo.manager');
      assert.equal((await manager.get(`${API}/dashboards/applications?scope=hq`)).statusCode, 403);
      const trainer = await as('trainer');
      assert.equal((await trainer.get(`${API}/dashboards/applications?scope=office`)).json<ProblemDetails>().code, 'forbidden');
      assert.equal((await t.client().get(`${API}/dashboards/applications?scope=office`)).statusCode, 401);
    });

    test('each table exports as CSV with the same numbers', async () => {
      const res = await (await as('cairo.manager')).get(`${API}/dashboards/applications.csv?scope=directorate&table=processing`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.ok(res.body.startsWith('\uFEFF'), 'UTF-8 BOM for spreadsheet programs');
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      // Arabic by default: Arabic headers, office names, the code kept in its own column.
      assert.equal(lines[0], 'المكتب,رمز المكتب,طلبات بُت فيها,وسيط مدة الإنجاز (ساعات)');
      assert.deepEqual(
        lines.slice(1).map((l) => l.split(',')),
        [
          ['مكتب عمل مدينة نصر', 'CAI-NASR', '2', '4'],
          ['مكتب عمل شبرا', 'CAI-SHUB', '1', '10'],
        ],
      );
      const en = await (await as('cairo.manager')).get(`${API}/dashboards/applications.csv?scope=directorate&table=processing&lang=en`);
      assert.equal(en.body.replace(/^\uFEFF/, '').split('\r\n')[0], 'Office,Office code,Decided,Median processing time (hours)');
      assert.equal((await (await as('cairo.manager')).get(`${API}/dashboards/applications.csv?scope=directorate&table=processing&lang=fr`)).statusCode, 400);
      // Statuses and services by name, never as codes.
      const byStatus = (await (await as('nasr.clerk')).get(`${API}/dashboards/applications.csv?scope=office&table=by_status`)).body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.deepEqual(byStatus, ['الحالة,العدد', 'قيد المراجعة,1', 'صدر المستند,1', 'مرفوض,1', 'مُرسل,1']);
      const byServiceEn = (await (await as('nasr.clerk')).get(`${API}/dashboards/applications.csv?scope=office&table=by_service&lang=en`)).body.split('\r\n');
      assert.equal(byServiceEn[0], '\uFEFFService,Count');
      assert.ok(!byServiceEn.some((l) => l.includes('employment_registration')), byServiceEn.join('\n'));
      assert.equal(byServiceEn.length, 4); // header, two services, the empty string after the last CRLF
      for (const table of ['by_status', 'by_service', 'sla', 'registrations']) {
        assert.equal((await (await as('hq.admin')).get(`${API}/dashboards/applications.csv?scope=hq&table=${table}`)).statusCode, 200, table);
      }
    });
  });
}

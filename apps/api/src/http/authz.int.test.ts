import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestNode, testTargets, type TestNode } from '../testing/test-node.ts';
import type { TestClient } from '../testing/test-client.ts';
import { registerCitizen, signInStaff, type DemoStaff } from '../testing/factories.ts';
import { seedOfficeId } from '../platform/db/seed.ts';

/**
 * Authorization matrix: role × endpoint × scope (OWASP ASVS 5.0 8.2.1 function level, 8.2.2 object
 * level, 8.4.1 office and governorate isolation). Every cell is an expected HTTP status.
 */
type Caller = 'anonymous' | 'citizen' | DemoStaff;
const CALLERS: Caller[] = ['anonymous', 'citizen', 'nasr.clerk', 'giza.clerk', 'nasr.head', 'cairo.manager', 'hq.admin', 'auditor'];

const NASR = seedOfficeId('CAI-NASR');
const GIZA = seedOfficeId('GIZ-GIZA');

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  expect: Record<Caller, number>;
}
interface Ids {
  gizaClerk: string;
  nasrClerk: string;
  n: number;
}

const all = (status: number, over: Partial<Record<Caller, number>> = {}): Record<Caller, number> =>
  ({ ...Object.fromEntries(CALLERS.map((c) => [c, status])), anonymous: 401, ...over }) as Record<Caller, number>;

const MATRIX: Row[] = [
  { name: 'list directorates', method: 'GET', url: () => '/api/v1/directorates', expect: all(200, { citizen: 403 }) },
  { name: 'list offices', method: 'GET', url: () => '/api/v1/offices', expect: all(200, { citizen: 403 }) },
  { name: 'read own-Cairo office (Nasr City)', method: 'GET', url: () => `/api/v1/offices/${NASR}`, expect: all(200, { citizen: 403, 'giza.clerk': 403 }) },
  { name: 'read Giza office', method: 'GET', url: () => `/api/v1/offices/${GIZA}`, expect: all(200, { citizen: 403, 'nasr.clerk': 403, 'nasr.head': 403, 'cairo.manager': 403 }) },
  {
    name: 'open an office',
    method: 'POST',
    url: () => '/api/v1/offices',
    body: (ids) => ({ code: `TST-${ids.n}`, directorateCode: '21', nameAr: 'مكتب عمل الهرم', nameEn: 'Haram Labour Office', seatAr: 'الهرم', seatEn: 'Haram' }),
    expect: all(403, { 'hq.admin': 201 }),
  },
  { name: 'edit an office', method: 'PATCH', url: () => `/api/v1/offices/${GIZA}`, body: () => ({ seatEn: 'Giza' }), expect: all(403, { 'hq.admin': 200 }) },
  { name: 'list staff', method: 'GET', url: () => '/api/v1/staff', expect: all(200, { citizen: 403, 'nasr.clerk': 403, 'giza.clerk': 403 }) },
  { name: 'read the Giza clerk', method: 'GET', url: (ids) => `/api/v1/staff/${ids.gizaClerk}`, expect: all(403, { 'hq.admin': 200, auditor: 200 }) },
  { name: 'read the Nasr City clerk', method: 'GET', url: (ids) => `/api/v1/staff/${ids.nasrClerk}`, expect: all(403, { 'hq.admin': 200, auditor: 200, 'nasr.head': 200, 'cairo.manager': 200 }) },
  {
    name: 'create staff',
    method: 'POST',
    url: () => '/api/v1/staff',
    body: (ids) => ({ email: `new.${ids.n}@example.org`, nameAr: 'سارة حسن', nameEn: 'Sara Hassan', role: 'clerk', officeId: NASR, password: 'Delta-river-2026' }),
    expect: all(403, { 'hq.admin': 201 }),
  },
  { name: 'change a staff role', method: 'PATCH', url: (ids) => `/api/v1/staff/${ids.gizaClerk}`, body: () => ({ role: 'clerk' }), expect: all(403, { 'hq.admin': 200 }) },
  { name: 'read the audit log', method: 'GET', url: () => '/api/v1/audit-log', expect: all(403, { 'hq.admin': 200, auditor: 200 }) },
  { name: 'verify the audit log', method: 'GET', url: () => '/api/v1/audit-log/verification', expect: all(403, { 'hq.admin': 200, auditor: 200 }) },
  { name: 'read a citizen account', method: 'GET', url: () => '/api/v1/me', expect: all(403, { citizen: 200 }) },
  { name: 'edit a citizen account', method: 'PATCH', url: () => '/api/v1/me', body: () => ({ locale: 'ar' }), expect: all(403, { citizen: 200 }) },
  // Skill-testing centres (issue 5 §3): HQ everywhere, a directorate manager in their governorate, auditors read.
  { name: 'list skill-testing centres', method: 'GET', url: () => '/api/v1/office/testing-centres', expect: all(403, { 'hq.admin': 200, 'cairo.manager': 200, auditor: 200 }) },
  {
    name: 'create a Cairo skill-testing centre',
    method: 'POST',
    url: () => '/api/v1/office/testing-centres',
    body: (ids) => ({ code: `STC-AUTHZ-${ids.n}`, nameAr: 'مركز قياس', nameEn: 'Testing centre', governorateCode: '01', addressAr: 'القاهرة', addressEn: 'Cairo' }),
    expect: all(403, { 'hq.admin': 201, 'cairo.manager': 201 }),
  },
  {
    name: 'create a Giza skill-testing centre',
    method: 'POST',
    url: () => '/api/v1/office/testing-centres',
    body: (ids) => ({ code: `STC-AUTHZ-${ids.n}`, nameAr: 'مركز قياس', nameEn: 'Testing centre', governorateCode: '21', addressAr: 'الجيزة', addressEn: 'Giza' }),
    expect: all(403, { 'hq.admin': 201 }),
  },
];

for (const target of testTargets()) {
  describe(`authorization matrix (${target})`, () => {
    let t: TestNode;
    const clients = new Map<Caller, TestClient>();
    const ids: Ids = { gizaClerk: '', nasrClerk: '', n: 0 };

    before(async () => {
      t = await createTestNode(target);
      for (const caller of CALLERS) {
        const c = t.client();
        if (caller === 'citizen') await registerCitizen(t, c);
        else if (caller !== 'anonymous') await signInStaff(t, c, caller);
        clients.set(caller, c);
      }
      const staff = await t.node.database.db.selectFrom('staff').select(['id', 'email']).execute();
      ids.gizaClerk = staff.find((s) => s.email.startsWith('giza.clerk'))!.id;
      ids.nasrClerk = staff.find((s) => s.email.startsWith('nasr.clerk'))!.id;
    });
    after(() => t.close());

    for (const row of MATRIX) {
      test(row.name, async () => {
        const failures: string[] = [];
        for (const caller of CALLERS) {
          ids.n++;
          const res = await clients.get(caller)!.request(row.method, row.url(ids), row.body?.(ids));
          if (res.statusCode !== row.expect[caller]) failures.push(`${caller}: expected ${row.expect[caller]}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
        assert.deepEqual(failures, []);
      });
    }

    test('lists are cut to the caller scope', async () => {
      const offices = async (c: Caller) => (await clients.get(c)!.get('/api/v1/offices')).json<{ directorateCode: string; id: string }[]>();
      assert.deepEqual((await offices('nasr.clerk')).map((o) => o.id), [NASR]);
      assert.ok((await offices('cairo.manager')).every((o) => o.directorateCode === '01'));
      assert.ok((await offices('hq.admin')).length >= 27);
      const directorates = (await clients.get('cairo.manager')!.get('/api/v1/directorates')).json<{ governorateCode: string }[]>();
      assert.deepEqual(directorates.map((d) => d.governorateCode), ['01']);
      assert.equal((await clients.get('hq.admin')!.get('/api/v1/directorates')).json<unknown[]>().length, 27);
      const staff = (await clients.get('nasr.head')!.get('/api/v1/staff')).json<{ officeId: string }[]>();
      assert.ok(staff.length >= 2 && staff.every((s) => s.officeId === NASR));
    });

    test('disabling a staff account ends its sessions at once', async () => {
      const victim = t.client();
      await signInStaff(t, victim, 'giza.clerk');
      assert.equal((await victim.get('/api/v1/offices')).statusCode, 200);
      const res = await clients.get('hq.admin')!.patch(`/api/v1/staff/${ids.gizaClerk}`, { disabled: true });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await victim.get('/api/v1/offices')).statusCode, 401);
      await clients.get('hq.admin')!.patch(`/api/v1/staff/${ids.gizaClerk}`, { disabled: false });
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testTargets } from '../../testing/test-node.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { registerCitizen } from '../../testing/factories.ts';
import { approvedJobOrder, createPartnerNode, employerBody, jobOrderBody, profile, registerEmployer, shareProfile, signInDemoStaff, verifiedEmployer, type PartnerNode } from './test-kit.ts';

/**
 * Authorization matrix of the destination side (OWASP ASVS 5.0 8.2.1 function level, 8.2.2 object level):
 * every endpoint × anonymous, a citizen, staff roles, an unverified employer, employer A (owner of the job
 * order) and employer B. Every cell is an expected HTTP status.
 */
type Caller = 'anonymous' | 'citizen' | 'nasr.clerk' | 'auditor' | 'hq.admin' | 'overseas.officer' | 'unverified' | 'employerA' | 'employerB';
const CALLERS: Caller[] = ['anonymous', 'citizen', 'nasr.clerk', 'auditor', 'hq.admin', 'overseas.officer', 'unverified', 'employerA', 'employerB'];
const STAFF = ['nasr.clerk', 'auditor', 'hq.admin', 'overseas.officer'] as const;

interface Ids {
  jobA: string;
  approvedA: string;
  profileId: string;
  pendingEmployer: () => Promise<string>;
}
interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: (ids: Ids) => string | Promise<string>;
  body?: (ids: Ids) => unknown;
  expect: Record<Caller, number>;
}

/** Employer-only endpoints: 401 anonymous, 403 everyone who is not an employer. */
const employersOnly = (over: Partial<Record<Caller, number>>): Record<Caller, number> =>
  ({ ...Object.fromEntries(CALLERS.map((c) => [c, 403])), anonymous: 401, ...over }) as Record<Caller, number>;

const MATRIX: Row[] = [
  { name: 'own account', method: 'GET', url: () => '/api/v1/employer/me', expect: employersOnly({ unverified: 200, employerA: 200, employerB: 200 }) },
  { name: 'notifications', method: 'GET', url: () => '/api/v1/employer/notifications', expect: employersOnly({ unverified: 200, employerA: 200, employerB: 200 }) },
  { name: 'list job orders', method: 'GET', url: () => '/api/v1/employer/job-orders', expect: employersOnly({ employerA: 200, employerB: 200 }) },
  { name: 'create a job order', method: 'POST', url: () => '/api/v1/employer/job-orders', body: () => jobOrderBody(), expect: employersOnly({ employerA: 201, employerB: 201 }) },
  { name: "read A's job order", method: 'GET', url: (ids) => `/api/v1/employer/job-orders/${ids.jobA}`, expect: employersOnly({ employerA: 200, employerB: 404 }) },
  { name: "edit A's job order", method: 'PUT', url: (ids) => `/api/v1/employer/job-orders/${ids.jobA}`, body: () => jobOrderBody(), expect: employersOnly({ employerA: 200, employerB: 404 }) },
  { name: "applications to A's job order", method: 'GET', url: (ids) => `/api/v1/employer/job-orders/${ids.approvedA}/applications`, expect: employersOnly({ employerA: 200, employerB: 404 }) },
  { name: 'search candidates', method: 'GET', url: () => '/api/v1/employer/candidates?isco=7411', expect: employersOnly({ employerA: 200, employerB: 200 }) },
  { name: 'open a candidate', method: 'GET', url: (ids) => `/api/v1/employer/candidates/${ids.profileId}`, expect: employersOnly({ employerA: 200, employerB: 200 }) },
  { name: 'list invitations', method: 'GET', url: () => '/api/v1/employer/invitations', expect: employersOnly({ employerA: 200, employerB: 200 }) },
  {
    name: "invite to A's job order",
    method: 'POST',
    url: () => '/api/v1/employer/invitations',
    body: (ids) => ({ profileId: ids.profileId, jobOrderId: ids.approvedA }),
    // A invites once per (job order, candidate): the matrix row runs A before B, so B's 404 is object-level.
    expect: employersOnly({ employerA: 201, employerB: 404 }),
  },
  { name: 'verification queue', method: 'GET', url: () => '/api/v1/employer-verification', expect: employersOnly({ 'hq.admin': 200, 'overseas.officer': 200, unverified: 403, employerA: 403, employerB: 403 }) },
  {
    name: 'decide on an employer',
    method: 'POST',
    url: async (ids) => `/api/v1/employer-verification/${await ids.pendingEmployer()}/decision`,
    body: () => ({ decision: 'verified' }),
    expect: employersOnly({ 'hq.admin': 200, 'overseas.officer': 200 }),
  },
];

for (const target of testTargets()) {
  describe(`destination-side authorization matrix (${target})`, () => {
    let t: PartnerNode;
    const clients = new Map<Caller, TestClient>();
    let ids: Ids;
    before(async () => {
      t = await createPartnerNode(target);
      clients.set('anonymous', t.client());
      const citizen = t.client();
      await registerCitizen(t, citizen);
      clients.set('citizen', citizen);
      for (const s of STAFF) {
        const c = t.client();
        await signInDemoStaff(t, c, s);
        clients.set(s, c);
      }
      const unverified = t.client();
      await registerEmployer(t, unverified);
      clients.set('unverified', unverified);
      const a = await verifiedEmployer(t, clients.get('overseas.officer'));
      clients.set('employerA', a.client);
      clients.set('employerB', (await verifiedEmployer(t, clients.get('overseas.officer'))).client);
      const jobA = (await a.client.post('/api/v1/employer/job-orders', jobOrderBody())).json<{ id: string }>().id;
      const approvedA = await approvedJobOrder(t, a.client);
      const { profileId } = await shareProfile(t, profile());
      ids = {
        jobA,
        approvedA,
        profileId,
        pendingEmployer: async () => (await registerEmployer(t, t.client(), employerBody())).id,
      };
    });
    after(() => t.close());

    for (const row of MATRIX) {
      test(row.name, async () => {
        for (const caller of CALLERS) {
          const client = clients.get(caller)!;
          const url = await row.url(ids);
          const res = await client.request(row.method, url, row.body ? row.body(ids) : row.method === 'GET' ? undefined : {});
          assert.equal(res.statusCode, row.expect[caller], `${caller} ${row.method} ${url}: ${res.body}`);
          if (caller === 'unverified' && res.statusCode === 403 && !row.url.toString().includes('verification')) {
            assert.equal(res.json<{ code: string }>().code, 'employer_not_verified');
          }
        }
      });
    }
  });
}

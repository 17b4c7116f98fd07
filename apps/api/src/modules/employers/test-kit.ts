/**
 * Test helpers of the destination side: a partner test node, an inbox that delivers federation messages
 * to this module's handlers in a database transaction (as the real inbox does), employers at each stage
 * and job-order / profile fixtures. Used by the integration and browser tests only.
 */
import { randomUUID } from 'node:crypto';
import type { ExchangeMessageType, JobOrderInput, SharedProfile } from '@rabt/contracts';
import { currentTotp } from '../staff/totp.ts';
import { DEMO_STAFF_DOMAIN, DEMO_STAFF_PASSWORD } from '../../platform/db/seed.ts';
import { FakeFederation } from '../../testing/fake-federation.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, type TestNode, type TestTarget } from '../../testing/test-node.ts';
import { VALID_PASSWORD } from '../../testing/factories.ts';
import { registerDestinationHandlers } from './employers.routes.ts';

export interface PartnerNode extends TestNode {
  /** Delivers a message from the Egyptian node to this node's handler (throws what the handler throws). */
  deliver<T extends ExchangeMessageType>(type: T, body: unknown, entity?: { type: string; id: string; version: number }, from?: string): Promise<void>;
  /** Messages this node queued for other nodes (federation outbox), oldest first. */
  outbox(type?: string): Promise<{ to: string; type: string; body: Record<string, unknown>; entity: { type: string | null; id: string | null; version: number | null } }[]>;
}

/** A partner node (SA by default) on a fresh database; demo staff come from the template. */
export async function createPartnerNode(target: TestTarget, country = 'SA'): Promise<PartnerNode> {
  const t = await createTestNode(target, { NODE_COUNTRY: country, SEED_DEMO_STAFF: 'false' });
  const inbox = new FakeFederation(country, ['EG']);
  registerDestinationHandlers({ db: t.node.database.db, clock: t.clock.now, config: t.config, federation: inbox });
  return Object.assign(t, {
    deliver: <T extends ExchangeMessageType>(type: T, body: unknown, entity?: { type: string; id: string; version: number }, from = 'EG') =>
      inbox.deliver(t.node.database.db, { type, from, body, entity: entity ?? null }),
    outbox: async (type?: string) => {
      let q = t.node.database.db.selectFrom('federation_outbox').select(['to_country', 'type', 'body', 'entity_type', 'entity_id', 'entity_version']).orderBy('created_at').orderBy('id');
      if (type) q = q.where('type', '=', type);
      const rows = await q.execute();
      return rows.map((r) => ({
        to: r.to_country,
        type: r.type,
        body: r.body,
        entity: { type: r.entity_type, id: r.entity_id, version: r.entity_version === null ? null : Number(r.entity_version) },
      }));
    },
  });
}

let establishment = 7_000_000_000 + Math.floor(Math.random() * 900_000_000);
let mobile = Math.floor(Math.random() * 9_000_000);

export function employerBody(overrides: Record<string, unknown> = {}) {
  establishment += 1;
  mobile = (mobile + 7919) % 10_000_000;
  return {
    establishmentNumber: String(establishment),
    nameAr: 'شركة البناء المتقدم',
    nameEn: 'Advanced Building Co.',
    sector: 'Construction',
    city: 'Riyadh',
    representativeName: 'Fahd Alqahtani',
    representativeEmail: `rep${establishment}@example.sa`,
    representativeMobile: `050${String(mobile).padStart(7, '0')}`,
    password: VALID_PASSWORD,
    ...overrides,
  };
}

/** Registers an employer on `client` (which ends signed in as it) and returns its id and credentials. */
export async function registerEmployer(t: TestNode, client: TestClient, overrides: Record<string, unknown> = {}) {
  const body = employerBody(overrides);
  const res = await client.post('/api/v1/employers', body);
  if (res.statusCode !== 201) throw new Error(`employer registration failed: ${res.body}`);
  return { id: res.json<{ employer: { id: string } }>().employer.id, body };
}

export const OFFICER_EMAIL = `overseas.officer@${DEMO_STAFF_DOMAIN}`;

/** Signs a demo staff member (by email local part) in on `client`. */
export async function signInDemoStaff(t: TestNode, client: TestClient, local = 'overseas.officer'): Promise<void> {
  const email = `${local}@${DEMO_STAFF_DOMAIN}`;
  t.clock.advance(30_000);
  const row = await t.node.database.db.selectFrom('staff').select('totp_secret').where('email', '=', email).executeTakeFirstOrThrow();
  const res = await client.post('/api/v1/session/staff', { email, password: DEMO_STAFF_PASSWORD, totp: currentTotp(row.totp_secret, t.clock.now()) });
  if (res.statusCode !== 200) throw new Error(`staff sign-in failed: ${res.body}`);
}

/** A verified employer signed in on a new client. */
export async function verifiedEmployer(t: TestNode, officer?: TestClient) {
  const client = t.client();
  const { id, body } = await registerEmployer(t, client);
  const staff = officer ?? t.client();
  if (!officer) await signInDemoStaff(t, staff);
  const res = await staff.post(`/api/v1/employer-verification/${id}/decision`, { decision: 'verified' });
  if (res.statusCode !== 200) throw new Error(`verification failed: ${res.body}`);
  return { id, body, client };
}

export function jobOrderBody(overrides: Partial<JobOrderInput> & Record<string, unknown> = {}): Record<string, unknown> {
  return {
    isco: '7411',
    titleAr: 'كهربائي مبانٍ',
    titleEn: 'Building electrician',
    positions: 12,
    wage: { amountMinor: 250_000, currency: 'SAR' },
    allowances: { housing: { amountMinor: 50_000, currency: 'SAR' }, transport: null, food: { amountMinor: 30_000, currency: 'SAR' } },
    hoursPerWeek: 48,
    restDaysPerWeek: 1,
    contractMonths: 24,
    probationDays: 90,
    city: 'Riyadh',
    requirements: { minYears: 3, languages: [{ language: 'ar', level: 'B1' }], certificateLevel: 'skilled', notesAr: '' },
    benefits: { annualTicket: true, endOfService: true, medicalInsurance: true },
    recruitmentCostsBorneByEmployer: true,
    ...overrides,
  };
}

/** Creates, submits and (through a `job_order.decision` from EG) approves a job order; returns its id. */
export async function approvedJobOrder(t: PartnerNode, client: TestClient, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await client.post('/api/v1/employer/job-orders', jobOrderBody(overrides));
  if (created.statusCode !== 201) throw new Error(`job order failed: ${created.body}`);
  const id = created.json<{ id: string }>().id;
  const submitted = await client.post(`/api/v1/employer/job-orders/${id}/submit`);
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  await t.deliver('job_order.decision', { jobOrderId: id, decision: 'approved', reason: null, decidedAt: new Date().toISOString() });
  return id;
}

export function profile(overrides: Partial<SharedProfile> = {}): SharedProfile {
  return {
    profileId: randomUUID(),
    occupations: [{ isco: '7411', years: 6 }],
    education: 'technical_secondary',
    languages: [
      { language: 'ar', level: 'native' },
      { language: 'en', level: 'B1' },
    ],
    certificates: [],
    expectedWage: { amountMinor: 300_000, currency: 'SAR' },
    availableFrom: null,
    ageBand: '25-34',
    ...overrides,
  };
}

export function skillCertificate(level: 'assistant_worker' | 'semi_skilled' | 'skilled' | 'technician' | 'specialised_technician', isco = '7411') {
  return { kind: 'skill_level' as const, isco, level, titleAr: 'شهادة قياس مستوى المهارة', titleEn: 'Skill level certificate', issuedAt: '2025-05-01', verificationCode: 'RABT-TEST-0001' };
}

/** Shares a profile with the node as the Egyptian node would (profile.upsert, entity profile/id/version). */
export async function shareProfile(t: PartnerNode, p: SharedProfile, version = 1): Promise<SharedProfile> {
  await t.deliver('profile.upsert', p, { type: 'profile', id: p.profileId, version });
  return p;
}

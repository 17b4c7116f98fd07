import assert from 'node:assert/strict';
import type { EmployerContract, Invitation, JobOrder, WorkerInvitation } from '@rabt/contracts';
import type { ClusterNode, TestCluster } from '../../testing/federation-cluster.ts';
import { registerCitizen, signInStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { jobOrderBody, verifiedEmployer } from '../employers/test-kit.ts';

export const STORY_PROFILE = {
  occupations: [{ isco: '7411', years: 6 }],
  skills: ['تمديدات كهربائية'],
  education: 'technical_secondary',
  languages: [{ language: 'ar', level: 'native' }],
  preferredCountries: ['SA'],
  expectedWage: { amountMinor: 300_000, currency: 'SAR' },
  availableFrom: null,
  passport: { number: 'A12345678', expiry: '2031-05-01' },
};
export const STORY_WORKER = { nameAr: 'محمود حسن علي', nameLatin: 'Mahmoud Hassan Ali' };

export const ok = <T>(res: { statusCode: number; body: string; json<U>(): U }, status = 200): T => {
  assert.equal(res.statusCode, status, res.body);
  return res.json<T>();
};

export interface ContractStory {
  eg: ClusterNode;
  sa: ClusterNode;
  worker: TestClient;
  reg: { nationalId: string; mobile: string };
  employer: { id: string; client: TestClient; body: { nameEn: string; nameAr: string; establishmentNumber: string } };
  officer1: TestClient;
  officer2: TestClient;
  jobOrderId: string;
  invitationId: string;
}

/**
 * Issue 3's exchange up to an accepted invitation, through the API of a real EG + SA cluster: a worker
 * with a passport consents to SA; an SA job order is attested on EG; the employer invites; the worker accepts.
 */
export async function storyToAcceptedInvitation(cluster: TestCluster): Promise<ContractStory> {
  const { EG: eg, SA: sa } = cluster.nodes as Record<'EG' | 'SA', ClusterNode>;
  const worker = eg.client();
  const reg = await registerCitizen(eg, worker, { nameAr: STORY_WORKER.nameAr, nameLatin: STORY_WORKER.nameLatin });
  const officer1 = eg.client();
  await signInStaff(eg, officer1, 'overseas.officer');
  const officer2 = eg.client();
  await signInStaff(eg, officer2, 'overseas.officer2');
  const employer = (await verifiedEmployer(sa)) as ContractStory['employer'];

  ok(await worker.request('PUT', '/api/v1/worker/profile', STORY_PROFILE));
  const { textVersion } = ok<{ textVersion: string }>(await worker.get('/api/v1/worker/consents'));
  ok(await worker.post('/api/v1/worker/consents', { country: 'SA', textVersion }), 201);

  const job = ok<JobOrder>(await employer.client.post('/api/v1/employer/job-orders', jobOrderBody({ titleAr: 'كهربائي مبانٍ سكنية', titleEn: 'Residential electrician' })), 201);
  ok(await employer.client.post(`/api/v1/employer/job-orders/${job.id}/submit`));
  await cluster.waitFor(async () => (await officer1.get(`/api/v1/attestation/job-orders/${job.id}`)).statusCode === 200, 'the job order on EG');
  ok(await officer1.post(`/api/v1/attestation/job-orders/${job.id}/decision`, { decision: 'approved' }));
  await cluster.waitFor(async () => ok<JobOrder>(await employer.client.get(`/api/v1/employer/job-orders/${job.id}`)).status === 'approved', 'SA to see the approval');

  // This worker's pseudonymous SA profile id (the cluster may already hold other stories' workers).
  const link = await eg.db.selectFrom('worker_country_links').select('profile_id').where('citizen_id', '=', reg.accountId).where('country', '=', 'SA').executeTakeFirstOrThrow();
  const profileId = link.profile_id;
  await cluster.waitFor(async () => {
    const page = ok<{ items: { profileId: string }[] }>(await employer.client.get('/api/v1/employer/candidates?isco=7411&pageSize=50'));
    return page.items.some((i) => i.profileId === profileId);
  }, 'the profile in SA search');
  const sent = ok<Invitation>(await employer.client.post('/api/v1/employer/invitations', { profileId, jobOrderId: job.id }), 201);
  let mine: WorkerInvitation[] = [];
  await cluster.waitFor(async () => (mine = ok<WorkerInvitation[]>(await worker.get('/api/v1/worker/invitations'))).length > 0, 'the invitation on EG');
  ok(await worker.post(`/api/v1/worker/invitations/${mine[0]!.id}/response`, { response: 'accepted' }));
  await cluster.waitFor(async () => ok<Invitation[]>(await employer.client.get('/api/v1/employer/invitations'))[0]?.status === 'accepted', 'SA to see the acceptance');
  return { eg, sa, worker, reg, employer, officer1, officer2, jobOrderId: job.id, invitationId: sent.id };
}

/** The editable part of a contract draft, as the employer form sends it. */
export function draftInput(c: EmployerContract, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const t = c.terms;
  return {
    workplaceCity: t.workplaceCity,
    startDate: t.startDate,
    durationMonths: t.durationMonths,
    probationDays: t.probationDays,
    wage: t.wage,
    allowances: t.allowances,
    hoursPerWeek: t.hoursPerWeek,
    restDaysPerWeek: t.restDaysPerWeek,
    annualLeaveDays: t.annualLeaveDays,
    annualTicket: t.annualTicket,
    endOfService: t.endOfService,
    medicalInsurance: t.medicalInsurance,
    recruitmentCostsBorneByEmployer: t.recruitmentCostsBorneByEmployer,
    workerCosts: t.workerCosts,
    agency: t.agency,
    agencyFee: t.agencyFee,
    passportNumber: t.worker.passportNumber,
    extraClauses: [],
    destinationReference: t.destinationReference,
    ...overrides,
  };
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Invitation, JobOrder, WorkerInvitation } from '@rabt/contracts';
import { createTestCluster, type ClusterNode, type TestCluster } from '../testing/federation-cluster.ts';
import { registerCitizen, signInStaff, toE164 } from '../testing/factories.ts';
import type { TestClient } from '../testing/test-client.ts';
import { testTargets } from '../testing/test-node.ts';
import { jobOrderBody, registerEmployer, signInDemoStaff, verifiedEmployer } from './employers/test-kit.ts';
import { fieldProfileFor } from './workers/workers.sharing.ts';

/**
 * Issue 3's story across three real federated nodes (EG, SA, JO in one process, each on its own database,
 * listening on its own port, talking signed federation v1 messages through their outboxes and relays):
 * a citizen builds a profile on EG and consents to SA; a verified SA employer finds it within 5 s, with
 * reasons and without identifying data; an SA job order is attested on EG and listed there; the employer's
 * view is in the worker's disclosure log; the invitation is accepted on EG and exactly SA's contact fields
 * reach that employer; a JO job order is attested and the worker applies to it; withdrawing consent to SA
 * takes the profile out of SA's search. Every step is checked where a user or partner would see it.
 */
const PROFILE = {
  occupations: [{ isco: '7411', years: 6 }],
  skills: ['تمديدات كهربائية', 'قراءة المخططات'],
  education: 'technical_secondary',
  languages: [
    { language: 'ar', level: 'native' },
    { language: 'en', level: 'B1' },
  ],
  preferredCountries: ['SA', 'JO'],
  expectedWage: { amountMinor: 400_000, currency: 'SAR' },
  availableFrom: null,
  passport: { number: 'A12345678', expiry: '2031-05-01' },
};
const WORKER = { nameAr: 'محمود حسن علي', nameLatin: 'Mahmoud Hassan Ali' };

interface CandidatePage {
  items: { profileId: string; tier: string; matched: { isco: string; years: number }; reasons: { ar: string; en: string }[] }[];
}

let joSerial = 100_000_000 + Math.floor(Math.random() * 800_000_000);
/** A verified employer on the JO node (9-digit establishment number, Jordanian mobile). */
async function verifiedJordanianEmployer(jo: ClusterNode) {
  joSerial += 1;
  const client = jo.client();
  const { id, body } = await registerEmployer(jo, client, {
    establishmentNumber: String(joSerial),
    nameAr: 'فندق البتراء الكبير',
    nameEn: 'Grand Petra Hotel',
    sector: 'Hospitality',
    city: 'Amman',
    representativeMobile: `079${String(joSerial % 10_000_000).padStart(7, '0')}`,
  });
  const officer = jo.client();
  await signInDemoStaff(jo, officer);
  const res = await officer.post(`/api/v1/employer-verification/${id}/decision`, { decision: 'verified' });
  assert.equal(res.statusCode, 200, res.body);
  return { id, body, client };
}

const ok = <T>(res: { statusCode: number; body: string; json<U>(): U }, status = 200): T => {
  assert.equal(res.statusCode, status, res.body);
  return res.json<T>();
};

for (const target of testTargets()) {
  describe(`the exchange story across EG, SA and JO nodes (${target})`, { timeout: 180_000 }, () => {
    let cluster: TestCluster;
    let eg: ClusterNode, sa: ClusterNode, jo: ClusterNode;
    let worker: TestClient;
    let reg: { nationalId: string; mobile: string };
    let saEmployer: { id: string; client: TestClient; body: { nameEn: string } };
    let joEmployer: { id: string; client: TestClient; body: { nameEn: string } };
    let egOfficer: TestClient;
    let textVersion: string;
    let saProfileId: string;
    let saJobId: string;

    before(async () => {
      cluster = await createTestCluster(['EG', 'SA', 'JO'], target);
      ({ EG: eg, SA: sa, JO: jo } = cluster.nodes as Record<'EG' | 'SA' | 'JO', ClusterNode>);
      worker = eg.client();
      reg = await registerCitizen(eg, worker, { nameAr: WORKER.nameAr, nameLatin: WORKER.nameLatin });
      egOfficer = eg.client();
      await signInStaff(eg, egOfficer, 'overseas.officer');
      saEmployer = await verifiedEmployer(sa);
      joEmployer = await verifiedJordanianEmployer(jo);
    });
    after(() => cluster?.close());

    const search = async (client: TestClient, qs = 'isco=7411'): Promise<CandidatePage> => ok<CandidatePage>(await client.get(`/api/v1/employer/candidates?${qs}`));
    const secretsOf = () => [reg.nationalId, reg.mobile, toE164(reg.mobile), toE164(reg.mobile).slice(1), PROFILE.passport.number, WORKER.nameAr, WORKER.nameLatin, 'Mahmoud'];

    test('every node says which ministry it is', async () => {
      for (const [node, country] of [[eg, 'EG'], [sa, 'SA'], [jo, 'JO']] as const) {
        assert.equal(ok<{ country: string }>(await node.client().get('/api/v1/node')).country, country);
      }
    });

    test('the worker saves a profile and consents to SA; within 5 s a verified SA employer finds it, with reasons and nothing identifying', async (t) => {
      const saved = ok<{ version: number; completeness: { percent: number } }>(await worker.request('PUT', '/api/v1/worker/profile', PROFILE));
      assert.equal(saved.version, 1);
      assert.deepEqual(await search(saEmployer.client), { items: [], page: 1, pageSize: 20, hasMore: false }, 'nothing is shared before consent');

      const overview = ok<{ textVersion: string; countries: { country: string }[] }>(await worker.get('/api/v1/worker/consents'));
      textVersion = overview.textVersion;
      assert.deepEqual(overview.countries.map((c) => c.country).sort(), ['JO', 'SA'], 'the peers of the EG node are offered');
      ok(await worker.post('/api/v1/worker/consents', { country: 'SA', textVersion }), 201);

      const consentedAt = Date.now();
      let page: CandidatePage = { items: [] };
      await cluster.waitFor(async () => (page = await search(saEmployer.client)).items.length > 0, 'the profile in SA search', 5_000);
      t.diagnostic(`found on SA ${Date.now() - consentedAt} ms after the consent`);
      assert.equal(page.items.length, 1);
      const hit = page.items[0]!;
      saProfileId = hit.profileId;
      assert.equal(hit.tier, 'unit_group');
      assert.deepEqual([hit.matched.isco, hit.matched.years], ['7411', 6]);
      assert.deepEqual(hit.reasons.slice(0, 3).map((r) => r.en), ['same unit group 7411', '6 years', 'languages: Arabic native, English B1']);
      assert.match(hit.reasons[0]!.ar, /نفس مجموعة الوحدات 7411/);
      const raw = JSON.stringify(page);
      for (const secret of secretsOf()) assert.ok(!raw.includes(secret), `${secret} reached SA search`);
      assert.doesNotMatch(raw, /nationalId|mobile|phone|passport|nameAr|nameLatin|email|address/i);

      // Nothing reaches JO without consent to JO.
      assert.deepEqual((await search(joEmployer.client)).items, []);
      // The worker's disclosure log says what went to SA.
      const log = ok<{ country: string; kind: string; fields: string[] }[]>(await worker.get('/api/v1/worker/disclosures'));
      assert.deepEqual(log.map((l) => [l.country, l.kind]), [['SA', 'profile_sent']]);
      assert.ok(!log[0]!.fields.includes('passport') && log[0]!.fields.includes('occupations'));
    });

    test('the SA employer submits a job order; EG attests it; SA sees it approved and EG lists it publicly', async () => {
      const created = ok<JobOrder>(await saEmployer.client.post('/api/v1/employer/job-orders', jobOrderBody({ titleAr: 'كهربائي مبانٍ سكنية', titleEn: 'Residential electrician' })), 201);
      saJobId = created.id;
      assert.equal(ok<JobOrder>(await saEmployer.client.post(`/api/v1/employer/job-orders/${saJobId}/submit`)).status, 'submitted');

      await cluster.waitFor(async () => ok<{ id: string }[]>(await egOfficer.get('/api/v1/attestation/job-orders')).some((j) => j.id === saJobId), 'the SA order in the EG attestation queue');
      const item = ok<{ country: string; status: string; terms: { employer: { nameEn: string; verified: boolean }; wage: unknown; recruitmentCostsBorneByEmployer: boolean } }>(await egOfficer.get(`/api/v1/attestation/job-orders/${saJobId}`));
      assert.deepEqual([item.country, item.status, item.terms.employer.nameEn, item.terms.employer.verified, item.terms.recruitmentCostsBorneByEmployer], ['SA', 'pending_attestation', saEmployer.body.nameEn, true, true]);
      assert.deepEqual(item.terms.wage, { amountMinor: 250_000, currency: 'SAR' });
      assert.equal((await eg.client().get(`/api/v1/job-orders/${saJobId}`)).statusCode, 404, 'not public before attestation');

      ok(await egOfficer.post(`/api/v1/attestation/job-orders/${saJobId}/decision`, { decision: 'approved' }));
      await cluster.waitFor(async () => ok<JobOrder>(await saEmployer.client.get(`/api/v1/employer/job-orders/${saJobId}`)).status === 'approved', 'SA to see the approval');
      const notes = ok<{ kind: string }[]>(await saEmployer.client.get('/api/v1/employer/notifications'));
      assert.ok(notes.some((n) => n.kind === 'job_order.approved'), JSON.stringify(notes.map((n) => n.kind)));

      const list = ok<{ items: { id: string; country: string; titleAr: string; employer: { nameEn: string; verified: boolean } }[] }>(await eg.client().get('/api/v1/job-orders?country=SA&isco=7411'));
      const listed = list.items.find((i) => i.id === saJobId);
      assert.ok(listed, 'the attested order is in the public list');
      assert.deepEqual([listed.titleAr, listed.employer.nameEn, listed.employer.verified], ['كهربائي مبانٍ سكنية', saEmployer.body.nameEn, true]);
    });

    test('the employer opens the candidate (the worker sees who) and invites; the worker accepts on EG; SA gets exactly its contact fields', async () => {
      const detail = ok<Record<string, unknown>>(await saEmployer.client.get(`/api/v1/employer/candidates/${saProfileId}`));
      for (const secret of secretsOf()) assert.ok(!JSON.stringify(detail).includes(secret), `${secret} in the candidate page before acceptance`);
      await cluster.waitFor(
        async () => ok<{ kind: string; employer: { nameEn: string } | null }[]>(await worker.get('/api/v1/worker/disclosures')).some((l) => l.kind === 'profile_viewed' && l.employer?.nameEn === saEmployer.body.nameEn),
        'the view in the worker’s disclosure log',
      );

      const sent = ok<Invitation>(await saEmployer.client.post('/api/v1/employer/invitations', { profileId: saProfileId, jobOrderId: saJobId, messageAr: 'نرحب بانضمامك إلى فريقنا في الرياض.' }), 201);
      assert.equal(sent.status, 'sent');
      let mine: WorkerInvitation[] = [];
      await cluster.waitFor(async () => (mine = ok<WorkerInvitation[]>(await worker.get('/api/v1/worker/invitations'))).length > 0, 'the invitation on EG');
      assert.equal(mine.length, 1);
      const inv = mine[0]!;
      assert.deepEqual([inv.id, inv.country, inv.status, inv.jobOrder?.id, inv.employer.nameEn, inv.messageAr], [sent.id, 'SA', 'pending', saJobId, saEmployer.body.nameEn, 'نرحب بانضمامك إلى فريقنا في الرياض.']);
      assert.deepEqual(inv.contactFields, fieldProfileFor('SA').contact, 'the worker is told what accepting discloses');
      await cluster.waitFor(async () => (await eg.db.selectFrom('notification_outbox').select('id').where('recipient', '=', toE164(reg.mobile)).where('body_en', 'like', '%invit%').execute()).length === 1, 'the SMS');

      ok(await worker.post(`/api/v1/worker/invitations/${inv.id}/response`, { response: 'accepted' }));
      let theirs: Invitation[] = [];
      await cluster.waitFor(async () => (theirs = ok<Invitation[]>(await saEmployer.client.get('/api/v1/employer/invitations')))[0]?.status === 'accepted', 'SA to see the acceptance');
      const disclosure = theirs[0]!.disclosure as Record<string, string>;
      assert.deepEqual(Object.keys(disclosure).sort(), [...fieldProfileFor('SA').contact].sort());
      assert.deepEqual([disclosure.nameAr, disclosure.nameLatin, disclosure.passportNumber, disclosure.passportExpiry], [WORKER.nameAr, WORKER.nameLatin, 'A12345678', '2031-05-01']);
      const everything = JSON.stringify(await Promise.all([saEmployer.client.get('/api/v1/employer/invitations'), saEmployer.client.get(`/api/v1/employer/candidates/${saProfileId}`)]).then((rs) => rs.map((r) => r.body)));
      for (const secret of [reg.nationalId, reg.mobile, toE164(reg.mobile)]) assert.ok(!everything.includes(secret), `${secret} disclosed to SA`);
      assert.ok(ok<{ kind: string }[]>(await saEmployer.client.get('/api/v1/employer/notifications')).some((n) => n.kind === 'invitation.accepted'));

      // Another verified SA employer sees none of it.
      const other = await verifiedEmployer(sa);
      assert.deepEqual(ok<Invitation[]>(await other.client.get('/api/v1/employer/invitations')), []);
      assert.ok(!(await other.client.get(`/api/v1/employer/candidates/${saProfileId}`)).body.includes(WORKER.nameLatin));
      const log = ok<{ kind: string; country: string }[]>(await worker.get('/api/v1/worker/disclosures'));
      assert.deepEqual(log[0] && [log[0].kind, log[0].country], ['contact_disclosed', 'SA']);
    });

    test('a JO job order is attested on EG; the worker must consent to JO, then applies; the JO employer sees the application', async () => {
      const money = (amountMinor: number) => ({ amountMinor, currency: 'JOD' });
      const body = jobOrderBody({ isco: '7411', titleAr: 'كهربائي صيانة فندق', titleEn: 'Hotel maintenance electrician', city: 'Amman', wage: money(450_000), allowances: { housing: money(100_000), transport: null, food: null } });
      const joJob = ok<JobOrder>(await joEmployer.client.post('/api/v1/employer/job-orders', body), 201);
      ok(await joEmployer.client.post(`/api/v1/employer/job-orders/${joJob.id}/submit`));
      await cluster.waitFor(async () => (await egOfficer.get(`/api/v1/attestation/job-orders/${joJob.id}`)).statusCode === 200, 'the JO order on EG');
      ok(await egOfficer.post(`/api/v1/attestation/job-orders/${joJob.id}/decision`, { decision: 'approved' }));
      await cluster.waitFor(async () => ok<JobOrder>(await joEmployer.client.get(`/api/v1/employer/job-orders/${joJob.id}`)).status === 'approved', 'JO to see the approval');
      const publicJob = ok<{ country: string; wage: unknown; wageMinorUnits: number }>(await eg.client().get(`/api/v1/job-orders/${joJob.id}`));
      assert.deepEqual([publicJob.country, publicJob.wage, publicJob.wageMinorUnits], ['JO', { amountMinor: 450_000, currency: 'JOD' }, 1000]);

      const refused = await worker.post('/api/v1/worker/applications', { jobOrderId: joJob.id });
      assert.equal(refused.json<{ code: string }>().code, 'consent_required', refused.body);
      ok(await worker.post('/api/v1/worker/consents', { country: 'JO', textVersion }), 201);
      ok(await worker.post('/api/v1/worker/applications', { jobOrderId: joJob.id }), 201);

      let apps: { profileId: string; candidate: { occupations: { isco: string; years: number }[] } | null }[] = [];
      await cluster.waitFor(async () => (apps = ok<typeof apps>(await joEmployer.client.get(`/api/v1/employer/job-orders/${joJob.id}/applications`))).length > 0 && apps[0]!.candidate !== null, 'the application on JO');
      assert.equal(apps.length, 1);
      assert.notEqual(apps[0]!.profileId, saProfileId, 'JO knows the worker under another pseudonym');
      assert.deepEqual(apps[0]!.candidate!.occupations.map((o) => [o.isco, o.years]), [['7411', 6]]);
      assert.equal(ok<JobOrder>(await joEmployer.client.get(`/api/v1/employer/job-orders/${joJob.id}`)).applications, 1);
      assert.ok(ok<{ kind: string }[]>(await joEmployer.client.get('/api/v1/employer/notifications')).some((n) => n.kind.startsWith('application')));
      const raw = JSON.stringify(apps);
      for (const secret of secretsOf()) assert.ok(!raw.includes(secret), `${secret} reached JO`);
      assert.deepEqual(ok<{ jobOrderId: string; country: string }[]>(await worker.get('/api/v1/worker/applications')).map((a) => [a.jobOrderId, a.country]), [[joJob.id, 'JO']]);
    });

    test('withdrawing consent to SA takes the profile out of SA search within 5 s; JO keeps its copy', async () => {
      ok(await worker.delete('/api/v1/worker/consents/SA'));
      await cluster.waitFor(async () => (await search(saEmployer.client)).items.length === 0, 'the profile to leave SA search', 5_000);
      assert.equal((await saEmployer.client.get(`/api/v1/employer/candidates/${saProfileId}`)).json<{ code: string }>().code, 'candidate_not_found');
      assert.equal((await search(joEmployer.client)).items.length, 1, 'consent to JO is untouched');
      const log = ok<{ kind: string; country: string }[]>(await worker.get('/api/v1/worker/disclosures'));
      assert.deepEqual(log[0] && [log[0].kind, log[0].country], ['profile_withdrawn', 'SA']);
      // Later edits reach JO only.
      ok(await worker.request('PUT', '/api/v1/worker/profile', { ...PROFILE, occupations: [{ isco: '7411', years: 7 }] }));
      await cluster.waitFor(async () => (await search(joEmployer.client)).items[0]?.matched.years === 7, 'the edit on JO');
      assert.deepEqual((await search(saEmployer.client)).items, []);
    });

    test('auditors of each node see every story message delivered with a verified receipt, none dead', async () => {
      const story = new Map<string, string[]>([
        ['EG', ['profile.upsert', 'profile.withdraw', 'job_order.decision', 'invitation.responded', 'application.submitted']],
        ['SA', ['job_order.submitted', 'profile.viewed', 'invitation.sent']],
        ['JO', ['job_order.submitted']],
      ]);
      for (const node of [eg, sa, jo]) {
        const auditor = node.client();
        await signInStaff(node, auditor, 'auditor');
        let out: { type: string; status: string; receiptStatus: string | null; peer: string }[] = [];
        await cluster.waitFor(async () => (out = ok<{ items: typeof out }>(await auditor.get('/api/v1/federation/messages?direction=out&limit=200')).items).every((m) => m.status !== 'pending'), `${node.country} outbox drained`);
        assert.deepEqual(ok<unknown[]>(await auditor.get('/api/v1/federation/dead-letters')), [], `${node.country} has dead letters`);
        assert.ok(out.every((m) => m.status === 'delivered' && (m.receiptStatus === 'accepted' || m.receiptStatus === 'duplicate')), JSON.stringify(out));
        const types = new Set(out.map((m) => m.type));
        for (const type of story.get(node.country)!) assert.ok(types.has(type), `${node.country} sent no ${type}`);
        const peers = ok<{ country: string; breaker: string; dead: number }[]>(await auditor.get('/api/v1/federation/peers'));
        assert.deepEqual(peers.map((p) => [p.breaker, p.dead]), peers.map(() => ['closed', 0]));
      }
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, sign as edSign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContractAlert, EmployerContract, OriginContract, VerificationResult } from '@rabt/contracts';
import { verifyDocumentBundle, verifyDocumentToken, type DocumentBundle, type TrustBundle } from '@rabt/trust';
import { createTestCluster, type TestCluster } from '../../testing/federation-cluster.ts';
import { toE164 } from '../../testing/factories.ts';
import { testTargets } from '../../testing/test-node.ts';
import { draftInput, ok, storyToAcceptedInvitation, STORY_WORKER, type ContractStory } from './test-kit.ts';

/**
 * Issue 4's contract story across a real EG + SA cluster (each node on its own database and port, signed
 * federation v1 between them): the employer drafts from an accepted invitation; the rules refuse a worker
 * fee, a wage under the minimum, an over-long probation and missing Arabic; SA signs and sends; two distinct
 * EG officers attest (the same one twice, or racing, wins once); the worker accepts; EG signs, registers and
 * issues a code; /verify, the offline bundle and the QR token check out, and every forgery fails; an
 * amendment supersedes, a cancellation shows, and a different contract registered at destination alerts.
 */
for (const target of testTargets()) {
  describe(`contracts across EG and SA (${target})`, { timeout: 240_000 }, () => {
    let cluster: TestCluster;
    let s: ContractStory;
    let draft: EmployerContract;
    let concluded: OriginContract;
    let trust: TrustBundle;
    let bundle: DocumentBundle;

    before(async () => {
      cluster = await createTestCluster(['EG', 'SA'], target);
      s = await storyToAcceptedInvitation(cluster);
    });
    after(() => cluster?.close());

    const egContract = (c: EmployerContract) => s.officer1.get(`/api/v1/attestation/contracts/${c.id}/versions/${c.version}`);
    const saView = async (c: { id: string; version: number }) => ok<EmployerContract>(await s.employer.client.get(`/api/v1/employer/contracts/${c.id}/versions/${c.version}`));

    test('the employer drafts a contract from the accepted invitation: parties, job-order terms and the Saudi template', async () => {
      draft = ok<EmployerContract>(await s.employer.client.post('/api/v1/employer/contracts', { invitationId: s.invitationId }), 201);
      const t = draft.terms;
      assert.equal(draft.status, 'draft');
      assert.deepEqual([t.worker.nameAr, t.worker.nameLatin, t.worker.passportNumber], [STORY_WORKER.nameAr, STORY_WORKER.nameLatin, 'A12345678']);
      assert.deepEqual([t.employer.establishmentNumber, t.isco, t.wage.amountMinor, t.probationDays, t.annualLeaveDays, t.destinationCountry], [s.employer.body.establishmentNumber, '7411', 250_000, 90, 21, 'SA']);
      assert.match(t.governingLaw.ar, /نظام العمل السعودي/);
      assert.ok(draft.checks.every((c) => c.ok), JSON.stringify(draft.checks.filter((c) => !c.ok)));
      const again = await s.employer.client.post('/api/v1/employer/contracts', { invitationId: s.invitationId });
      assert.equal(again.json<{ code: string }>().code, 'contract_exists');
    });

    test('a worker fee, a wage under the minimum, a 120-day probation and a clause without Arabic are refused with reasons; nothing is sent', async () => {
      const bad = draftInput(draft, {
        workerCosts: [{ item: 'رسوم تأشيرة', amount: { amountMinor: 100_000, currency: 'SAR' } }],
        wage: { amountMinor: 100_000, currency: 'SAR' },
        probationDays: 120,
        hoursPerWeek: 60,
        startDate: '2020-01-01',
        extraClauses: [{ ar: 'Overtime is unpaid', en: 'Overtime is unpaid' }],
      });
      const updated = ok<EmployerContract>(await s.employer.client.request('PUT', `/api/v1/employer/contracts/${draft.id}/versions/1`, bad));
      const failed = updated.checks.filter((c) => !c.ok).map((c) => c.code).sort();
      assert.deepEqual(failed, ['arabic_text_present', 'hours_within_limit', 'minimum_wage', 'no_worker_fees', 'not_worse_than_job_order', 'probation_within_limit', 'start_date_not_past']);
      const fee = updated.checks.find((c) => c.code === 'no_worker_fees')!;
      assert.match(fee.message.ar, /لا يجوز أخذ أي مبلغ من العامل/);
      assert.match(fee.source, /Law 14\/2025 Art\. 43/);
      assert.match(updated.checks.find((c) => c.code === 'probation_within_limit')!.message.en, /120 days; the limit is 90/);

      const refused = await s.employer.client.post(`/api/v1/employer/contracts/${draft.id}/versions/1/submit`);
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json<{ code: string }>().code, 'contract_checks_failed');
      assert.equal((await saView(draft)).status, 'draft', 'nothing changed');
      assert.equal((await egContract(draft)).statusCode, 404, 'nothing reached EG');

      // Arabic-Indic digits in numbers are the client's job to normalise; the API refuses non-numbers with a field error.
      const nonsense = await s.employer.client.request('PUT', `/api/v1/employer/contracts/${draft.id}/versions/1`, { ...draftInput(draft), probationDays: 'ninety' });
      assert.equal(nonsense.statusCode, 400);
      assert.equal(nonsense.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer, '/probationDays');
    });

    test('the fixed draft is signed by SA and reaches the EG attestation queue with every check passed', async () => {
      draft = ok<EmployerContract>(await s.employer.client.request('PUT', `/api/v1/employer/contracts/${draft.id}/versions/1`, draftInput(draft, { wage: { amountMinor: 260_000, currency: 'SAR' } })));
      assert.ok(draft.checks.every((c) => c.ok));
      assert.equal(ok<EmployerContract>(await s.employer.client.post(`/api/v1/employer/contracts/${draft.id}/versions/1/submit`)).status, 'submitted');
      await cluster.waitFor(async () => (await egContract(draft)).statusCode === 200, 'the contract on EG');
      const received = ok<OriginContract>(await egContract(draft));
      assert.equal(received.status, 'awaiting_attestation');
      assert.equal(received.terms.wage.amountMinor, 260_000);
      assert.ok(received.checks.length >= 9 && received.checks.every((c) => c.ok));
      await cluster.waitFor(async () => (await saView(draft)).status === 'awaiting_attestation', 'SA to see it awaiting attestation');
      assert.deepEqual(ok<OriginContract[]>(await s.worker.get('/api/v1/worker/contracts')), [], 'the worker sees it only once attested');
    });

    test('dual control: the same officer cannot attest twice (even racing); a second officer offers it to the worker', async () => {
      const [a, b] = await Promise.all([s.officer1.post(`/api/v1/attestation/contracts/${draft.id}/versions/1/attest`), s.officer1.post(`/api/v1/attestation/contracts/${draft.id}/versions/1/attest`)]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409], `${a.body} ${b.body}`);
      assert.equal([a, b].find((r) => r.statusCode === 409)!.json<{ code: string }>().code, 'contract_already_attested_by_you');
      assert.equal(ok<OriginContract>(await egContract(draft)).status, 'awaiting_attestation');
      const offered = ok<OriginContract>(await s.officer2.post(`/api/v1/attestation/contracts/${draft.id}/versions/1/attest`));
      assert.equal(offered.status, 'offered');
      assert.equal(offered.attestations.length, 2);
      const third = await s.officer1.post(`/api/v1/attestation/contracts/${draft.id}/versions/1/attest`);
      assert.equal(third.json<{ code: string }>().code, 'contract_not_awaiting_attestation');
      const clerk = s.eg.client();
      const anonymous = await clerk.post(`/api/v1/attestation/contracts/${draft.id}/versions/1/attest`);
      assert.equal(anonymous.statusCode, 401);
      await cluster.waitFor(async () => (await s.eg.db.selectFrom('notification_outbox').select('id').where('recipient', '=', toE164(s.reg.mobile)).where('body_en', 'like', '%contract%').execute()).length === 1, 'the SMS to the worker');
    });

    test('the worker reads it and accepts; EG signs, registers and issues a code; SA stores EG’s checked signature', async () => {
      const mine = ok<OriginContract[]>(await s.worker.get('/api/v1/worker/contracts'));
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.terms.clauses[0]!.ar.length > 20, true);
      concluded = ok<OriginContract>(await s.worker.post(`/api/v1/worker/contracts/${draft.id}/versions/1/response`, { response: 'accepted' }));
      assert.equal(concluded.status, 'concluded');
      assert.match(concluded.verificationCode!, /^EG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.match(concluded.verifyUrl!, new RegExp(`/verify/${concluded.verificationCode}#ey`));
      const twice = await s.worker.post(`/api/v1/worker/contracts/${draft.id}/versions/1/response`, { response: 'accepted' });
      assert.equal(twice.json<{ code: string }>().code, 'contract_not_offered');
      await cluster.waitFor(async () => (await saView(draft)).status === 'concluded', 'SA to see it concluded');
      assert.equal((await saView(draft)).verificationCode, concluded.verificationCode);
    });

    test('GET /verify/{code}: genuine with key terms and masked names; unknown and malformed codes are not_found', async () => {
      const anyone = s.eg.client();
      const v = ok<VerificationResult>(await anyone.get(`/api/v1/verify/${concluded.verificationCode!.toLowerCase()}`));
      assert.equal(v.status, 'genuine');
      assert.deepEqual(v.keyTerms!.workerName, { ar: 'محمود ح. ع.', en: 'Mahmoud H. A.' });
      assert.equal(v.keyTerms!.wage.amountMinor, 260_000);
      assert.deepEqual(v.signedBy.map((x) => x.country).sort(), ['EG', 'SA']);
      assert.ok(!JSON.stringify(v).includes('A12345678') && !JSON.stringify(v).includes(s.reg.nationalId) && !JSON.stringify(v).includes('Hassan'));
      assert.equal(ok<VerificationResult>(await anyone.get('/api/v1/verify/EG-0000-0000-0000')).status, 'not_found');
      assert.equal(ok<VerificationResult>(await anyone.get('/api/v1/verify/not-a-code')).status, 'not_found');
    });

    test('the register checkpoint is cosigned by SA; the offline bundle verifies with cached keys and no network', async () => {
      await s.eg.node.deps.register.publishCheckpoint();
      await cluster.waitFor(async () => ok<{ size: number; cosignatures: unknown[] }>(await s.eg.client().get('/api/v1/register/checkpoint.json')).cosignatures.length > 0, 'SA’s cosignature of EG’s checkpoint');
      trust = ok<TrustBundle>(await s.eg.client().get('/api/v1/trust/bundle'));
      assert.deepEqual(trust.nodes.map((n) => n.country).sort(), ['EG', 'SA']);
      assert.ok(trust.witnesses.some((w) => w.country === 'SA'));
      bundle = ok<DocumentBundle>(await s.worker.get(`/api/v1/worker/contracts/${draft.id}/versions/1/bundle`));
      const offline = await verifyDocumentBundle(bundle, trust);
      assert.ok(offline.ok, JSON.stringify(offline));
      assert.deepEqual(offline.signedBy.map((x) => x.country).sort(), ['EG', 'SA']);
      assert.ok(offline.register.witnesses.some((w) => w.startsWith('rabt.sa')));
      const token = await verifyDocumentToken(concluded.verifyUrl!.split('#')[1]!, trust);
      assert.ok(token.ok && token.claims.code === concluded.verificationCode);
    });

    test('forgeries fail offline with a plain reason: one changed character, a re-signed payload, a key not in the JWKS, a replayed token, a forged proof', async () => {
      const payload = Buffer.from(bundle.document.payload, 'base64url').toString('utf8');
      const altered = payload.replace('"amountMinor":260000', '"amountMinor":860000');
      assert.notEqual(altered, payload);
      const oneChar = { ...bundle, document: { ...bundle.document, payload: Buffer.from(altered).toString('base64url') } };
      assert.deepEqual(pick(await verifyDocumentBundle(oneChar, trust)), ['bad_signature']);

      // A forger with their own key re-signs the altered payload under EG's name: the key is not trusted.
      const { privateKey } = generateKeyPairSync('ed25519');
      const forgedSigs = oneChar.document.signatures.map((sig) => {
        const header = JSON.parse(Buffer.from(sig.protected, 'base64url').toString('utf8')) as Record<string, string>;
        const p = Buffer.from(JSON.stringify({ ...header, kid: 'forger-key' })).toString('base64url');
        return { protected: p, signature: edSign(null, Buffer.from(`${p}.${oneChar.document.payload}`), createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }))).toString('base64url') };
      });
      assert.deepEqual(pick(await verifyDocumentBundle({ ...oneChar, document: { ...oneChar.document, signatures: forgedSigs } }, trust)), ['unknown_key']);

      // Dropping the partner's signature.
      assert.deepEqual(pick(await verifyDocumentBundle({ ...bundle, document: { ...bundle.document, signatures: bundle.document.signatures.slice(1) } }, trust)), ['missing_signature']);
      // A genuine token of this contract glued to another code.
      assert.deepEqual(pick(await verifyDocumentBundle({ ...bundle, code: 'EG-0000-0000-0000' }, trust)), ['code_mismatch']);
      // A proof element changed.
      const proof = [...bundle.register.proof];
      if (proof.length > 0) {
        proof[0] = Buffer.alloc(32, 7).toString('base64');
        assert.deepEqual(pick(await verifyDocumentBundle({ ...bundle, register: { ...bundle.register, proof } }, trust)), ['not_in_register']);
      }
      assert.deepEqual(pick(await verifyDocumentBundle({ ...bundle, register: { ...bundle.register, index: bundle.register.index + 1 } }, trust)), ['not_in_register']);
      // A checkpoint whose root was changed is no longer signed.
      const cp = bundle.register.checkpoint.split('\n');
      cp[2] = Buffer.alloc(32, 1).toString('base64');
      assert.deepEqual(pick(await verifyDocumentBundle({ ...bundle, register: { ...bundle.register, checkpoint: cp.join('\n') } }, trust)), ['checkpoint_not_signed']);
      // A QR token with one character changed.
      const token = concluded.verifyUrl!.split('#')[1]!;
      const i = token.indexOf('.') + 5;
      const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      const r = await verifyDocumentToken(flipped, trust);
      assert.ok(!r.ok && ['bad_signature', 'malformed'].includes(r.reason), JSON.stringify(r));
      // Without SA's witness key, the checkpoint lacks a cosignature.
      assert.deepEqual(pick(await verifyDocumentBundle(bundle, { ...trust, witnesses: [] , minWitnesses: 1 })), ['not_enough_witnesses']);
    });

    test('the offline CLI says genuine for the file and not genuine, with the reason, for a tampered copy', () => {
      const dir = mkdtempSync(join(tmpdir(), 'rabt-verify-'));
      try {
        writeFileSync(join(dir, 'trust.json'), JSON.stringify(trust));
        writeFileSync(join(dir, 'good.rabt.json'), JSON.stringify(bundle));
        const altered = Buffer.from(Buffer.from(bundle.document.payload, 'base64url').toString('utf8').replace('"amountMinor":260000', '"amountMinor":260001')).toString('base64url');
        writeFileSync(join(dir, 'bad.rabt.json'), JSON.stringify({ ...bundle, document: { ...bundle.document, payload: altered } }));
        const run = (file: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-document.ts', join(dir, file), '--trust', join(dir, 'trust.json')], { encoding: 'utf8' });
        const good = run('good.rabt.json');
        assert.equal(good.status, 0, good.stderr + good.stdout);
        assert.match(good.stdout, /GENUINE/);
        const bad = run('bad.rabt.json');
        assert.equal(bad.status, 1, bad.stderr + bad.stdout);
        assert.match(bad.stdout, /NOT GENUINE — the signature does not match the content/);
        assert.match(bad.stdout, /غير أصلي/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('the PDF downloads for the worker only', async () => {
      const pdf = await s.worker.get(`/api/v1/worker/contracts/${draft.id}/versions/1/pdf`);
      assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal((await s.eg.client().get(`/api/v1/worker/contracts/${draft.id}/versions/1/pdf`)).statusCode, 401);
    });

    test('an amendment is a new version: checked, attested twice, accepted with a diff; the old code then verifies as superseded', async () => {
      const v2 = ok<EmployerContract>(await s.employer.client.post(`/api/v1/employer/contracts/${draft.id}/amendments`), 201);
      assert.deepEqual([v2.version, v2.status, v2.terms.supersedes?.version], [2, 'draft', 1]);
      ok(await s.employer.client.request('PUT', `/api/v1/employer/contracts/${draft.id}/versions/2`, draftInput(v2, { wage: { amountMinor: 300_000, currency: 'SAR' } })));
      ok(await s.employer.client.post(`/api/v1/employer/contracts/${draft.id}/versions/2/submit`));
      await cluster.waitFor(async () => (await egContract(v2)).statusCode === 200, 'v2 on EG');
      ok(await s.officer1.post(`/api/v1/attestation/contracts/${draft.id}/versions/2/attest`));
      ok(await s.officer2.post(`/api/v1/attestation/contracts/${draft.id}/versions/2/attest`));
      const seen = ok<OriginContract>(await s.worker.get(`/api/v1/worker/contracts/${draft.id}/versions/2`));
      assert.deepEqual(seen.diff, [{ path: '/wage/amountMinor', before: 260_000, after: 300_000 }]);
      const v2done = ok<OriginContract>(await s.worker.post(`/api/v1/worker/contracts/${draft.id}/versions/2/response`, { response: 'accepted' }));
      const old = ok<VerificationResult>(await s.eg.client().get(`/api/v1/verify/${concluded.verificationCode}`));
      assert.deepEqual([old.status, old.supersededBy], ['superseded', v2done.verificationCode]);
      await cluster.waitFor(async () => (await saView({ id: draft.id, version: 1 })).status === 'superseded', 'SA to see v1 superseded');
      concluded = v2done;
    });

    test('a contract registered at destination with a lower wage alerts the worker and the officers with the diff', async () => {
      const v2 = await saView({ id: draft.id, version: 2 });
      await cluster.waitFor(async () => (await saView({ id: draft.id, version: 2 })).status === 'concluded', 'v2 concluded on SA');
      const r = ok<{ diff: { path: string }[] }>(await s.employer.client.post(`/api/v1/employer/contracts/${draft.id}/versions/2/destination-registration`, { terms: draftInput(v2, { wage: { amountMinor: 180_000, currency: 'SAR' } }), destinationReference: 'QIWA-2026-7781' }));
      assert.deepEqual(r.diff.map((d) => d.path), ['/wage/amountMinor']);
      let alerts: ContractAlert[] = [];
      await cluster.waitFor(async () => (alerts = ok<ContractAlert[]>(await s.worker.get('/api/v1/worker/contract-alerts'))).length > 0, 'the alert on EG');
      assert.deepEqual(alerts[0]!.diff, [{ path: '/wage/amountMinor', before: 300_000, after: 180_000 }]);
      assert.equal(alerts[0]!.kind, 'destination_registration_differs');
      assert.ok(ok<ContractAlert[]>(await s.officer1.get('/api/v1/attestation/contract-alerts')).some((a) => a.id === alerts[0]!.id));
    });

    test('an officer cancels the concluded contract: /verify says cancelled, SA is told', async () => {
      ok(await s.officer1.post(`/api/v1/attestation/contracts/${draft.id}/versions/2/cancel`, { reason: 'بلاغ احتيال قيد التحقيق' }));
      assert.equal(ok<VerificationResult>(await s.eg.client().get(`/api/v1/verify/${concluded.verificationCode}`)).status, 'cancelled');
      await cluster.waitFor(async () => (await saView({ id: draft.id, version: 2 })).status === 'cancelled', 'SA to see the cancellation');
    });
  });
}

function pick(r: { ok: boolean; reason?: string }): string[] {
  return r.ok ? ['ok'] : [r.reason ?? '?'];
}

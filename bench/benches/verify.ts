/**
 * Issue 4 verification targets.
 *
 * verify-throughput: `GET /api/v1/verify/{code}` on a node (built bundle, as `npm start` runs it) whose
 * database holds 2,000 issued contracts, loaded with random existing codes, against the bare-Fastify floor
 * under the same autocannon load. Target ≥ 0.5 × floor req/s.
 *
 * offline-verify: in this process, with no network, the verifier of packages/trust (the one the CLI and
 * the web page run) checking a real signed contract, against node:crypto's raw Ed25519 verify rate of the
 * same machine. The QR token (one signature: what a border officer scans) is the target, ≥ 0.5 × raw; the
 * full downloaded bundle (three signatures: both ministries' and the token, plus an RFC 9162 inclusion
 * proof from a 2^20-leaf register against a cached, witnessed checkpoint) is reported beside it.
 */
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import {
  ALG_COSIGNATURE_V1,
  ALG_ED25519,
  DOCUMENT_BUNDLE_FORMAT,
  TRUST_BUNDLE_FORMAT,
  cosignCheckpoint,
  documentLeafData,
  encodeVerifierKey,
  formatCheckpoint,
  leafHash,
  newVerifierKey,
  noteKeyId,
  signNote,
  verifyDocumentBundle,
  verifyDocumentToken,
  type DocumentBundle,
  type Ed25519Verify,
  type TrustBundle,
} from '@rabt/trust';
import type { Bench } from '../lib/bench.ts';
import { load } from '../lib/load.ts';
import { startNode } from '../lib/servers.ts';
import { infoRow, ratioRow, type Row } from '../lib/table.ts';
import { openDatabase } from '../../apps/api/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/api/src/platform/db/migrate.ts';
import { seedReferenceData } from '../../apps/api/src/platform/db/seed.ts';
import { newVerificationCode } from '../../apps/api/src/modules/contracts/contract-document.ts';
import { SAMPLE_TERMS } from './verify-sample.ts';

const DOCS = 2_000;
const sha = (d: Uint8Array): Uint8Array => createHash('sha256').update(d).digest();
const b64u = (b: Uint8Array | string): string => Buffer.from(b).toString('base64url');

/** Issued contracts written straight into the node's tables (the HTTP path under test only reads them). */
async function fillIssued(target: { url: string } | { pgliteDir: string }, codes: string[]): Promise<void> {
  const database = await openDatabase(target);
  try {
    await migrateToLatest(database.db);
    await seedReferenceData(database.db);
    const payload = { type: 'rabt.employment-contract', specVersion: 1, salt: b64u(randomBytes(16)), terms: SAMPLE_TERMS };
    const sig = { protected: b64u(JSON.stringify({ alg: 'EdDSA', kid: 'k', typ: 'rabt-contract+jws', iss: 'EG' })), signature: b64u(randomBytes(64)) };
    const rows = codes.map((code, i) => ({
      code,
      kind: 'contract' as const,
      subject_id: crypto.randomUUID(),
      subject_version: 1,
      digest: b64u(sha(Buffer.from(code))),
      payload: JSON.stringify(payload),
      signatures: JSON.stringify([sig, { ...sig, protected: b64u(JSON.stringify({ alg: 'EdDSA', kid: 'k', typ: 'rabt-contract+jws', iss: 'SA' })) }]),
      qr_token: 'x.y.z',
      register_index: i,
      issued_at: new Date(),
    }));
    for (let i = 0; i < rows.length; i += 500) await database.db.insertInto('issued_documents').values(rows.slice(i, i + 500)).execute();
    await sql`ANALYZE issued_documents`.execute(database.db);
  } finally {
    await database.close();
  }
}

export const verifyThroughput: Bench = {
  name: 'verify-throughput',
  async run(ctx) {
    const floor = await ctx.floor();
    const engine = ctx.pgUrl ? 'postgres' : 'pglite';
    const codes = Array.from({ length: DOCS }, () => newVerificationCode('EG'));
    const node = await startNode(engine, ctx.pgUrl, (target) => fillIssued(target, codes));
    try {
      const probe = (await (await fetch(`${node.baseUrl}/api/v1/verify/${codes[0]}`)).json()) as { status: string };
      ctx.log(`node (${engine}) with ${DOCS} issued contracts; probe answers ${probe.status}`);
      if (probe.status !== 'genuine') throw new Error(`verify answered ${probe.status}`);
      const r = await load(node.baseUrl, codes.slice(0, 500).map((c) => `/api/v1/verify/${c}`), ctx.load);
      const health = await load(node.baseUrl, ['/health'], ctx.load);
      const rows: Row[] = [
        infoRow('floor: bare Fastify GET /floor', `${floor.reqPerSec.toFixed(0)} req/s`),
        ratioRow(`GET /api/v1/verify/{code} (${engine}) throughput`, r.reqPerSec, floor.reqPerSec, 'req/s', '>=', 0.5),
        infoRow('  latency p50 / p99', `${r.p50Ms} ms / ${r.p99Ms} ms`),
        infoRow('  same node, GET /health (stack cost)', `${health.reqPerSec.toFixed(0)} req/s`, `${floor.reqPerSec.toFixed(0)} req/s`, `${(health.reqPerSec / floor.reqPerSec).toFixed(2)} ×`),
      ];
      if (r.failures > 0) rows.push({ ...infoRow('  errors/timeouts/non-2xx', String(r.failures)), target: '0', verdict: 'FAIL' });
      return rows;
    } finally {
      await node.child.stop();
    }
  },
};

/** A real concluded contract bundle and its trust bundle, built with fresh keys and a 2^20-leaf register. */
async function realBundle(): Promise<{ bundle: DocumentBundle; trust: TrustBundle }> {
  const eg = generateKeyPairSync('ed25519');
  const sa = generateKeyPairSync('ed25519');
  const jwk = (k: KeyObject, kid: string) => ({ ...(k.export({ format: 'jwk' }) as { kty: string; crv: string; x: string }), kid, alg: 'EdDSA', use: 'sig' });
  const payload = { type: 'rabt.employment-contract', specVersion: 1, salt: b64u(randomBytes(16)), terms: SAMPLE_TERMS };
  const bytes = Buffer.from(canonicalize(payload)!);
  const member = (iss: string, key: KeyObject, typ: string, body: string) => {
    const p = b64u(JSON.stringify({ alg: 'EdDSA', kid: iss.toLowerCase() + '-key', typ, iss }));
    return { protected: p, signature: b64u(edSign(null, Buffer.from(`${p}.${body}`), key)) };
  };
  const digest = b64u(sha(bytes));
  const code = newVerificationCode('EG');

  // Register of 2^20 leaves; ours at a random index: proof of 20 hashes computed level by level.
  const size = 1 << 20;
  const index = Math.floor(Math.random() * size);
  let level: Uint8Array[] = [];
  for (let i = 0; i < size; i++) level.push(i === index ? Buffer.from(leafHash(documentLeafData('contract', digest), sha)) : sha(Buffer.from(`leaf ${i}`)));
  const proof: string[] = [];
  let at = index;
  while (level.length > 1) {
    proof.push(Buffer.from(level[at ^ 1]!).toString('base64'));
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(createHash('sha256').update(Buffer.from([1])).update(level[i]!).update(level[i + 1]!).digest());
    level = next;
    at >>= 1;
  }
  const origin = 'rabt.eg/register';
  const rawEg = Buffer.from(jwk(eg.publicKey, 'eg-key').x, 'base64url');
  const rawSa = Buffer.from(jwk(sa.publicKey, 'sa-key').x, 'base64url');
  const checkpointText = formatCheckpoint({ origin, size, rootHash: level[0]! });
  let note = await signNote(checkpointText, [{ name: origin, keyId: noteKeyId(origin, ALG_ED25519, rawEg), sign: (m) => Promise.resolve(edSign(null, m, eg.privateKey)) }]);
  const witness = 'rabt.sa/witness';
  const cosig = await cosignCheckpoint(checkpointText, { name: witness, keyId: noteKeyId(witness, ALG_COSIGNATURE_V1, rawSa), sign: (m) => Promise.resolve(edSign(null, m, sa.privateKey)) }, Math.floor(Date.now() / 1000));
  note = `${note}${cosig}\n`;

  const claims = { v: 1, code, kind: 'contract', digest, iss: 'EG', iat: Math.floor(Date.now() / 1000), register: { origin, index }, terms: { workerName: { ar: 'محمود ح. ع.', en: 'Mahmoud H. A.' }, employerName: { ar: SAMPLE_TERMS.employer.nameAr, en: SAMPLE_TERMS.employer.nameEn }, establishmentNumber: SAMPLE_TERMS.employer.establishmentNumber, country: 'SA', isco: '7411', title: { ar: SAMPLE_TERMS.titleAr, en: SAMPLE_TERMS.titleEn }, workplaceCity: 'Riyadh', startDate: SAMPLE_TERMS.startDate, durationMonths: 24, wage: SAMPLE_TERMS.wage, version: 1 } };
  const tokenBody = b64u(JSON.stringify(claims));
  const tokenSig = member('EG', eg.privateKey, 'rabt-document-token+jws', tokenBody);
  const bundle: DocumentBundle = {
    format: DOCUMENT_BUNDLE_FORMAT,
    code,
    kind: 'contract',
    document: { payload: b64u(bytes), signatures: [member('SA', sa.privateKey, 'rabt-contract+jws', b64u(bytes)), member('EG', eg.privateKey, 'rabt-contract+jws', b64u(bytes))] },
    register: { origin, index, size, proof, checkpoint: note },
    token: `${tokenSig.protected}.${tokenBody}.${tokenSig.signature}`,
  };
  const trust: TrustBundle = {
    format: TRUST_BUNDLE_FORMAT,
    issuedAt: new Date().toISOString(),
    nodes: [
      { country: 'EG', keys: [jwk(eg.publicKey, 'eg-key')] },
      { country: 'SA', keys: [jwk(sa.publicKey, 'sa-key')] },
    ],
    logs: [{ country: 'EG', origin, vkey: encodeVerifierKey(newVerifierKey(origin, ALG_ED25519, rawEg)) }],
    witnesses: [{ country: 'SA', name: witness, vkey: encodeVerifierKey(newVerifierKey(witness, ALG_COSIGNATURE_V1, rawSa)) }],
    minWitnesses: 1,
  };
  return { bundle, trust };
}

/** Runs `fn` back to back for `seconds` (after a warm-up of the same length / 4); operations per second. */
async function rate(seconds: number, fn: () => unknown): Promise<number> {
  const warmEnd = performance.now() + (seconds * 1000) / 4;
  while (performance.now() < warmEnd) await fn();
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) await fn();
    n += 50;
  }
  return n / ((performance.now() - start) / 1000);
}

export const offlineVerify: Bench = {
  name: 'offline-verify',
  async run(ctx) {
    const { bundle, trust } = await realBundle();
    const keys = new Map<string, KeyObject>();
    const nodeVerify: Ed25519Verify = (jwk, data, sig) => {
      let key = keys.get(jwk.x!);
      if (!key) keys.set(jwk.x!, (key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x! }, format: 'jwk' })));
      return Promise.resolve(edVerify(null, data, key, sig));
    };
    const check = await verifyDocumentBundle(bundle, trust, { verify: nodeVerify });
    if (!check.ok) throw new Error(`bench bundle does not verify: ${check.reason}`);
    const rawKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: trust.nodes[0]!.keys[0]!.x! }, format: 'jwk' });
    const [h, p, s] = bundle.token.split('.') as [string, string, string];
    const msg = Buffer.from(`${h}.${p}`);
    const sig = Buffer.from(s, 'base64url');
    const seconds = Math.max(2, Math.min(ctx.load.seconds, 5));
    ctx.log(`offline verify: ${seconds} s per measure`);
    const raw = await rate(seconds, () => edVerify(null, msg, rawKey, sig));
    const token = await rate(seconds, () => verifyDocumentToken(bundle.token, trust, { verify: nodeVerify }));
    const cache = new Map<string, unknown>();
    const full = await rate(seconds, () => verifyDocumentBundle(bundle, trust, { verify: nodeVerify, sha256: sha, checkpointCache: cache }));
    return [
      infoRow('floor: node:crypto Ed25519 verify (raw)', `${raw.toFixed(0)} /s`),
      ratioRow('offline verification of a contract QR token (1 signature)', token, raw, '/s', '>=', 0.5),
      infoRow('  full bundle: 3 signatures + inclusion proof (2^20 leaves), cached checkpoint', `${full.toFixed(0)} /s`, `${raw.toFixed(0)} /s`, `${(full / raw).toFixed(2)} × (3 verifies: ≤ 0.33 by construction)`),
    ];
  },
};

import assert from 'node:assert/strict';
import { randomBytes, createPrivateKey, sign as edSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import type { RegisterAlert, RegisterCheckpointView, RegisterConsistencyProof, RegisterInclusionProof, RegisterKeys } from '@rabt/contracts';
import {
  ALG_COSIGNATURE_V1,
  ALG_ED25519,
  consistencyProofFromLeafHashes,
  formatCheckpoint,
  inclusionProofFromLeafHashes,
  leafHash,
  noteKeyId,
  openNote,
  parseVerifierKey,
  rootFromLeafHashes,
  signNote,
  tryParseCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@rabt/trust';
import { signInStaff } from '../../testing/factories.ts';
import { createTestCluster, type ClusterNode, type TestCluster } from '../../testing/federation-cluster.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import type { IncomingMessage } from '../federation/federation.port.ts';
import type { KeyFileEntry } from '../federation/keys.ts';
import type { RegisterService } from './register.service.ts';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const unb64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

/** Appends `n` leaves, each in its own transaction (as issuing modules do); returns their leaf hashes. */
async function appendLeaves(t: { node: TestNode['node'] }, n: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const data = randomBytes(32);
    const r = await t.node.database.db.transaction().execute((trx) => t.node.deps.register.append(trx, { kind: 'contract', data }));
    assert.deepEqual(Buffer.from(r.leafHash), Buffer.from(leafHash(data)));
    out.push(r.leafHash);
  }
  return out;
}

for (const target of testTargets()) {
  describe(`transparency register, one node (${target})`, () => {
    let t: TestNode;
    let register: RegisterService;
    const hashes: Uint8Array[] = [];
    before(async () => {
      t = await createTestNode(target);
      register = t.node.deps.register;
    });
    after(() => t.close());

    test('an empty log has no checkpoint: 404 register_no_checkpoint, and publishing signs nothing', async () => {
      const res = await t.client().get('/api/v1/register/checkpoint');
      assert.equal(res.statusCode, 404);
      assert.equal(res.json<{ code: string }>().code, 'register_no_checkpoint');
      assert.equal(await register.publishCheckpoint(), null);
    });

    test('appended leaves get contiguous indexes; the checkpoint is a signed note that verifies with the published log key', async () => {
      hashes.push(...(await appendLeaves(t, 37)));
      await register.publishCheckpoint();
      assert.equal(await register.publishCheckpoint(), null, 'nothing new: no second checkpoint');
      const text = await t.client().get('/api/v1/register/checkpoint');
      assert.equal(text.statusCode, 200);
      assert.match(String(text.headers['content-type']), /^text\/plain; charset=utf-8/);
      assert.match(String(text.headers['cache-control']), /public, max-age=/);
      const keys = (await t.client().get('/api/v1/register/keys')).json<RegisterKeys>();
      assert.equal(keys.origin, 'rabt.eg/register');
      const logKey = parseVerifierKey(keys.log[0]!);
      assert.equal(logKey.alg, ALG_ED25519);
      assert.equal(register.verifierKey(), keys.log[0]);
      const opened = await openNote(text.body, [logKey]);
      assert.ok(opened.ok, 'the note verifies with the log key');
      const cp = tryParseCheckpoint(opened.text);
      assert.ok(cp.ok);
      assert.equal(cp.checkpoint.origin, 'rabt.eg/register');
      assert.equal(cp.checkpoint.size, 37);
      assert.deepEqual(Buffer.from(cp.checkpoint.rootHash), Buffer.from(rootFromLeafHashes(hashes)));
      const json = (await t.client().get('/api/v1/register/checkpoint.json')).json<RegisterCheckpointView>();
      assert.equal(json.size, 37);
      assert.equal(json.rootHash, b64(rootFromLeafHashes(hashes)));
      assert.equal(json.note, text.body);
      assert.deepEqual(json.cosignatures, []);
      const leaves = await t.node.database.db.selectFrom('register_leaves').select('index').orderBy('index').execute();
      assert.deepEqual(
        leaves.map((l) => l.index),
        Array.from({ length: 37 }, (_, i) => i),
      );
    });

    test('every inclusion proof (index < size ≤ 37) verifies and equals the reference generator', async () => {
      for (let size = 1; size <= hashes.length; size++) {
        const tree = hashes.slice(0, size);
        const root = rootFromLeafHashes(tree);
        for (let index = 0; index < size; index++) {
          const p = await register.inclusionProof(index, size);
          assert.deepEqual(Buffer.from(p.leafHash), Buffer.from(hashes[index]!));
          assert.deepEqual(p.proof.map(b64), inclusionProofFromLeafHashes(index, tree).map(b64), `inclusion ${index}/${size}`);
          assert.ok(verifyInclusion(p.leafHash, index, size, p.proof, root), `inclusion ${index}/${size} verifies`);
        }
      }
    });

    test('every consistency proof (1 ≤ first ≤ second ≤ 37) verifies and equals the reference generator', async () => {
      for (let second = 1; second <= hashes.length; second++) {
        const tree = hashes.slice(0, second);
        const secondRoot = rootFromLeafHashes(tree);
        for (let first = 1; first <= second; first++) {
          const proof = await register.consistencyProof(first, second);
          assert.deepEqual(proof.map(b64), consistencyProofFromLeafHashes(first, tree).map(b64), `consistency ${first}→${second}`);
          assert.ok(verifyConsistency(first, second, proof, rootFromLeafHashes(hashes.slice(0, first)), secondRoot), `consistency ${first}→${second} verifies`);
        }
      }
    });

    test('the HTTP proofs are the service proofs, in base64, cacheable; Arabic-Indic digits are accepted', async () => {
      const c = t.client();
      const inc = await c.get('/api/v1/register/proof/inclusion?index=٥&size=٣٧');
      assert.equal(inc.statusCode, 200, inc.body);
      assert.match(String(inc.headers['cache-control']), /immutable/);
      const body = inc.json<RegisterInclusionProof>();
      assert.deepEqual(body, { index: 5, size: 37, leafHash: b64(hashes[5]!), proof: inclusionProofFromLeafHashes(5, hashes).map(b64) });
      assert.ok(verifyInclusion(unb64(body.leafHash), 5, 37, body.proof.map(unb64), rootFromLeafHashes(hashes)));
      const con = (await c.get('/api/v1/register/proof/consistency?first=10&second=37')).json<RegisterConsistencyProof>();
      assert.deepEqual(con.proof, consistencyProofFromLeafHashes(10, hashes).map(b64));
      assert.deepEqual((await c.get('/api/v1/register/proof/consistency?first=37&second=37')).json<RegisterConsistencyProof>().proof, []);
      const bundle = await register.proofBundle(36);
      assert.equal(bundle.size, 37);
      assert.ok(verifyInclusion(unb64(bundle.leafHash), 36, 37, bundle.proof.map(unb64), rootFromLeafHashes(hashes)));
      assert.match(bundle.checkpoint, /^rabt\.eg\/register\n37\n/);
    });

    test('bad parameters answer problem details with stable codes, never a 500', async () => {
      const c = t.client();
      const cases: [string, number, string][] = [
        ['/api/v1/register/proof/inclusion?index=37&size=37', 400, 'register_index_out_of_range'],
        ['/api/v1/register/proof/inclusion?index=0&size=0', 400, 'register_index_out_of_range'],
        ['/api/v1/register/proof/inclusion?index=3&size=38', 400, 'register_size_beyond_checkpoint'],
        ['/api/v1/register/proof/inclusion?index=3&size=9007199254740991', 400, 'register_size_beyond_checkpoint'],
        ['/api/v1/register/proof/inclusion?index=abc&size=5', 400, 'validation_failed'],
        ['/api/v1/register/proof/inclusion?index=-1&size=5', 400, 'validation_failed'],
        ['/api/v1/register/proof/inclusion?index=1.5&size=5', 400, 'validation_failed'],
        ['/api/v1/register/proof/inclusion?index=1e3&size=5', 400, 'validation_failed'],
        ['/api/v1/register/proof/inclusion?index=99999999999999999&size=5', 400, 'validation_failed'],
        ['/api/v1/register/proof/inclusion?size=5', 400, 'validation_failed'],
        ['/api/v1/register/proof/inclusion?index=1&size=5&extra=1', 400, 'validation_failed'],
        ['/api/v1/register/proof/consistency?first=5&second=4', 400, 'register_consistency_range'],
        ['/api/v1/register/proof/consistency?first=0&second=4', 400, 'register_consistency_range'],
        ['/api/v1/register/proof/consistency?first=1&second=38', 400, 'register_size_beyond_checkpoint'],
        ['/api/v1/register/proof/consistency?first=x&second=4', 400, 'validation_failed'],
      ];
      for (const [url, status, code] of cases) {
        const res = await c.get(url);
        assert.equal(res.statusCode, status, `${url}: ${res.body}`);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal(res.json<{ code: string }>().code, code, url);
        assert.equal(res.headers['cache-control'], 'no-store', `${url}: errors are not cached`);
      }
      await assert.rejects(register.proofBundle(37), (err: Error & { code?: string }) => err.code === 'register_entry_pending');
    });

    test('concurrent appends in separate transactions get unique, contiguous indexes', async () => {
      const before = hashes.length;
      const results = await Promise.all(
        Array.from({ length: 24 }, () => t.node.database.db.transaction().execute((trx) => register.append(trx, { kind: 'certificate', data: randomBytes(32) }))),
      );
      const indexes = results.map((r) => r.index).sort((a, b) => a - b);
      assert.deepEqual(
        indexes,
        Array.from({ length: 24 }, (_, i) => before + i),
      );
      const rows = await t.node.database.db.selectFrom('register_leaves').select(['index', 'leaf_hash']).orderBy('index').execute();
      assert.equal(rows.length, before + 24);
      await register.publishCheckpoint();
      const all = rows.map((r) => new Uint8Array(r.leaf_hash));
      const latest = await register.latestCheckpoint();
      assert.equal(latest.size, before + 24);
      assert.equal(latest.rootHash, b64(rootFromLeafHashes(all)));
      const p = await register.consistencyProof(before, before + 24);
      assert.ok(verifyConsistency(before, before + 24, p, rootFromLeafHashes(all.slice(0, before)), rootFromLeafHashes(all)));
    });

    test('a leaf must have a kind and 1–1024 bytes (programming errors, refused before anything is written)', async () => {
      const db = t.node.database.db;
      await assert.rejects(db.transaction().execute((trx) => register.append(trx, { kind: 'Contract!', data: randomBytes(8) })), TypeError);
      await assert.rejects(db.transaction().execute((trx) => register.append(trx, { kind: 'contract', data: new Uint8Array(0) })), TypeError);
      await assert.rejects(db.transaction().execute((trx) => register.append(trx, { kind: 'contract', data: new Uint8Array(1025) })), TypeError);
      // A rolled-back append leaves no gap.
      const size = (await db.selectFrom('register_state').select('tree_size').executeTakeFirstOrThrow()).tree_size;
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await register.append(trx, { kind: 'contract', data: randomBytes(8) });
          throw new Error('caller rolls back');
        }),
      );
      const again = await db.transaction().execute((trx) => register.append(trx, { kind: 'contract', data: randomBytes(8) }));
      assert.equal(again.index, size);
    });

    test('alerts are for HQ administrators, auditors and overseas officers only', async () => {
      assert.equal((await t.client().get('/api/v1/register/alerts')).statusCode, 401);
      const clerk = t.client();
      await signInStaff(t, clerk, 'nasr.clerk');
      assert.equal((await clerk.get('/api/v1/register/alerts')).statusCode, 403);
      const auditor = t.client();
      await signInStaff(t, auditor, 'auditor');
      const res = await auditor.get('/api/v1/register/alerts');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json<RegisterAlert[]>(), []);
      assert.equal(res.headers['cache-control'], 'no-store');
    });
  });

  describe(`transparency register, witnessing between EG and SA (${target})`, () => {
    let cluster: TestCluster;
    let eg: ClusterNode;
    let sa: ClusterNode;
    before(async () => {
      // The push path alone (no witness poller), so the conflict-repair messages below are deterministic;
      // the poller has its own tests (register-witness.int.test.ts).
      cluster = await createTestCluster(['EG', 'SA'], target, { env: { REGISTER_WITNESS_POLL_MS: '0' } });
      eg = cluster.nodes.EG!;
      sa = cluster.nodes.SA!;
    });
    after(() => cluster.close());

    const view = async (n: ClusterNode) => {
      const res = await n.client().get('/api/v1/register/checkpoint.json');
      return res.statusCode === 200 ? res.json<RegisterCheckpointView>() : null;
    };
    const cosignedBy = async (n: ClusterNode, size: number, country: string) => {
      const v = await view(n);
      return v !== null && v.size === size && v.cosignatures.some((c) => c.country === country);
    };

    test("each node's checkpoint gets the other's witness cosignature, which verifies with the published witness key", async () => {
      await appendLeaves(eg, 5);
      await appendLeaves(sa, 3);
      await eg.node.deps.register.publishCheckpoint();
      await sa.node.deps.register.publishCheckpoint();
      await cluster.waitFor(() => cosignedBy(eg, 5, 'SA'), "SA's cosignature of EG's checkpoint");
      await cluster.waitFor(() => cosignedBy(sa, 3, 'EG'), "EG's cosignature of SA's checkpoint");

      const egView = (await view(eg))!;
      assert.deepEqual(
        egView.cosignatures.map((c) => c.witness),
        ['rabt.sa/witness'],
      );
      const keys = (await eg.client().get('/api/v1/register/keys')).json<RegisterKeys>();
      const saWitness = keys.witnesses.find((w) => w.country === 'SA')!;
      assert.equal(saWitness.name, 'rabt.sa/witness');
      const verifiers = [parseVerifierKey(keys.log[0]!), parseVerifierKey(saWitness.vkeys[0]!)];
      assert.equal(verifiers[1]!.alg, ALG_COSIGNATURE_V1);
      const opened = await openNote(egView.note, verifiers);
      assert.ok(opened.ok, 'log signature and cosignature verify');
      assert.deepEqual(
        opened.signatures.filter((s) => s.verified).map((s) => s.name),
        ['rabt.eg/register', 'rabt.sa/witness'],
      );
      const state = await sa.db.selectFrom('register_witness_state').selectAll().where('origin', '=', 'rabt.eg/register').executeTakeFirstOrThrow();
      assert.equal(state.peer_country, 'EG');
      assert.equal(state.tree_size, 5);
    });

    test('a grown log is cosigned again after SA checks the consistency proof from the size it verified', async () => {
      await appendLeaves(eg, 4);
      await eg.node.deps.register.publishCheckpoint();
      await cluster.waitFor(() => cosignedBy(eg, 9, 'SA'), "SA's cosignature of size 9");
      const state = await sa.db.selectFrom('register_witness_state').select('tree_size').where('origin', '=', 'rabt.eg/register').executeTakeFirstOrThrow();
      assert.equal(state.tree_size, 9);
    });

    test('a conflict (the log sends a proof from a size the witness did not verify) is repaired with a proof from the witness size', async () => {
      // EG lost SA's cosignature of size 9 (as if it never arrived): it believes SA last verified 5.
      await eg.db.deleteFrom('register_cosignatures').where('tree_size', '=', 9).execute();
      await appendLeaves(eg, 3);
      await eg.node.deps.register.publishCheckpoint();
      await cluster.waitFor(() => cosignedBy(eg, 12, 'SA'), 'cosignature of size 12 after the conflict');
      const sent = await eg.db.selectFrom('federation_outbox').select(['body', 'entity_version']).where('type', '=', 'register.checkpoint').orderBy('created_at').execute();
      const for12 = sent.map((m) => ({ ...(m.body as { oldSize: number; note: string }), version: m.entity_version })).filter((m) => m.note.startsWith('rabt.eg/register\n12\n'));
      assert.deepEqual(
        for12.map((m) => [m.oldSize, m.version]),
        [
          [5, 12],
          [9, null],
        ],
        'first from the size EG believed, then again from the size SA answered',
      );
      const answers = await sa.db.selectFrom('federation_outbox').select('body').where('type', '=', 'register.cosignature').execute();
      assert.ok(answers.some((a) => (a.body as { result: string; witnessSize?: number }).result === 'conflict' && (a.body as { witnessSize: number }).witnessSize === 9));
      assert.deepEqual(await sa.db.selectFrom('register_alerts').select('id').execute(), [], 'a conflict is not an inconsistency');
      assert.deepEqual(await eg.db.selectFrom('register_alerts').select('id').execute(), []);
    });

    test('an inconsistent checkpoint signed with the peer key raises an alert, an error counter and no cosignature', async () => {
      const egKey = createPrivateKey({ key: (JSON.parse(readFileSync(eg.keysFile, 'utf8')) as KeyFileEntry[])[0]!.privateJwk, format: 'jwk' });
      const egPub = new Uint8Array(Buffer.from((JSON.parse(readFileSync(eg.keysFile, 'utf8')) as KeyFileEntry[])[0]!.privateJwk.x, 'base64url'));
      const forge = (size: number, rootHash: Uint8Array, signWith = egKey, pub = egPub) =>
        signNote(formatCheckpoint({ origin: 'rabt.eg/register', size, rootHash }), [
          { name: 'rabt.eg/register', keyId: noteKeyId('rabt.eg/register', ALG_ED25519, pub), sign: (m) => Promise.resolve(new Uint8Array(edSign(null, m, signWith))) },
        ]);
      const state = await sa.db.selectFrom('register_witness_state').selectAll().where('origin', '=', 'rabt.eg/register').executeTakeFirstOrThrow();
      const witness = sa.node.deps.register;
      const deliver = (body: IncomingMessage<'register.checkpoint'>['body'], version: number) =>
        sa.db.transaction().execute((trx) => witness.onCheckpoint(trx, incoming('register.checkpoint', 'EG', 'SA', body, { type: 'register_checkpoint', id: 'rabt.eg/register', version })));
      const cosignaturesQueued = async () =>
        (await sa.db.selectFrom('federation_outbox').select('body').where('type', '=', 'register.cosignature').execute()).filter((r) => (r.body as { size?: number }).size! > state.tree_size).length;
      const before = await cosignaturesQueued();

      // 1. A bigger tree whose proof does not link it to the verified one (a rewritten history).
      const fakeRoot = randomBytes(32);
      const bogusProof = Array.from({ length: 4 }, () => b64(randomBytes(32)));
      await deliver({ origin: 'rabt.eg/register', note: await forge(state.tree_size + 5, fakeRoot), oldSize: state.tree_size, consistencyProof: bogusProof }, 1_000);
      // 2. The same size with another root (a split view).
      await deliver({ origin: 'rabt.eg/register', note: await forge(state.tree_size, randomBytes(32)), oldSize: state.tree_size, consistencyProof: [] }, 1_001);
      // 3. A smaller size presented as the head.
      await deliver({ origin: 'rabt.eg/register', note: await forge(state.tree_size - 1, randomBytes(32)), oldSize: 0, consistencyProof: [] }, 1_002);
      // 4. Signed by a key that is not EG's pinned key.
      const other = createPrivateKey({ key: (JSON.parse(readFileSync(sa.keysFile, 'utf8')) as KeyFileEntry[])[0]!.privateJwk, format: 'jwk' });
      const otherPub = new Uint8Array(Buffer.from((JSON.parse(readFileSync(sa.keysFile, 'utf8')) as KeyFileEntry[])[0]!.privateJwk.x, 'base64url'));
      await deliver({ origin: 'rabt.eg/register', note: await forge(state.tree_size + 1, randomBytes(32), other, otherPub), oldSize: state.tree_size, consistencyProof: [] }, 1_003);

      const alerts = await sa.db.selectFrom('register_alerts').selectAll().orderBy('id').execute();
      assert.deepEqual(
        alerts.map((a) => a.kind),
        ['inconsistent', 'root_mismatch', 'size_backwards', 'bad_signature'],
      );
      assert.ok(alerts.every((a) => a.origin === 'rabt.eg/register' && a.peer_country === 'EG'));
      assert.equal(await cosignaturesQueued(), before, 'nothing was cosigned');
      const after = await sa.db.selectFrom('register_witness_state').selectAll().where('origin', '=', 'rabt.eg/register').executeTakeFirstOrThrow();
      assert.equal(after.tree_size, state.tree_size, 'the witness state did not move');
      assert.deepEqual(Buffer.from(after.root_hash), Buffer.from(state.root_hash));

      const officer = sa.client();
      await signInStaff(sa, officer, 'auditor');
      const listed = (await officer.get('/api/v1/register/alerts')).json<RegisterAlert[]>();
      assert.deepEqual(
        listed.map((a) => a.kind),
        ['bad_signature', 'size_backwards', 'root_mismatch', 'inconsistent'],
      );
      const metrics = await sa.client().get('/metrics');
      assert.match(metrics.body, /rabt_register_inconsistencies_total\{kind="inconsistent"\} 1/);
      const audit = await sa.db.selectFrom('audit_log').select('action').where('action', '=', 'register.alert').execute();
      assert.equal(audit.length, 4);
    });

    test('a cosignature that does not verify is not stored and raises bad_cosignature on the log', async () => {
      const reg = eg.node.deps.register;
      const cp = await eg.db.selectFrom('register_checkpoints').selectAll().orderBy('tree_size', 'desc').executeTakeFirstOrThrow();
      const good = await eg.db.selectFrom('register_cosignatures').select('line').where('tree_size', '=', cp.tree_size).executeTakeFirstOrThrow();
      // Flip one character of the signature part of SA's line.
      const tampered = good.line.slice(0, -6) + (good.line.at(-6) === 'A' ? 'B' : 'A') + good.line.slice(-5);
      await eg.db.transaction().execute((trx) => reg.onCosignature(trx, incoming('register.cosignature', 'SA', 'EG', { result: 'cosigned', origin: 'rabt.eg/register', size: cp.tree_size, cosignature: tampered }, null)));
      const alerts = await eg.db.selectFrom('register_alerts').select(['kind', 'peer_country']).execute();
      assert.deepEqual(alerts, [{ kind: 'bad_cosignature', peer_country: 'SA' }]);
      const lines = await eg.db.selectFrom('register_cosignatures').select('line').where('tree_size', '=', cp.tree_size).execute();
      assert.deepEqual(
        lines.map((l) => l.line),
        [good.line],
      );
    });
  });
}

function incoming<T extends 'register.checkpoint' | 'register.cosignature'>(
  type: T,
  from: string,
  to: string,
  body: IncomingMessage<T>['body'],
  entity: IncomingMessage<T>['entity'],
): IncomingMessage<T> {
  const now = new Date();
  return { id: uuidv7(), type, from, to, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + 300_000).toISOString(), entity, body };
}

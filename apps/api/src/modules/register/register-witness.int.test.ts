import assert from 'node:assert/strict';
import { createPrivateKey, randomBytes, sign as edSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { RegisterAlert, RegisterCheckpointView, RegisterKeys } from '@rabt/contracts';
import { ALG_ED25519, formatCheckpoint, noteKeyId, openNote, parseVerifierKey, signNote } from '@rabt/trust';
import { signInStaff } from '../../testing/factories.ts';
import { createTestCluster, type ClusterNode, type TestCluster } from '../../testing/federation-cluster.ts';
import { testTargets } from '../../testing/test-node.ts';
import type { KeyFileEntry } from '../federation/keys.ts';

const SILENCE_MS = 60_000;
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

async function appendLeaves(n: ClusterNode, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await n.db.transaction().execute((trx) => n.node.deps.register.append(trx, { kind: 'contract', data: randomBytes(32) }));
  }
}

for (const target of testTargets()) {
  describe(`transparency register, witness poller and silence monitor between EG and SA (${target})`, () => {
    let cluster: TestCluster;
    let eg: ClusterNode;
    let sa: ClusterNode;
    before(async () => {
      cluster = await createTestCluster(['EG', 'SA'], target, { env: { REGISTER_WITNESS_POLL_MS: '100', REGISTER_WITNESS_SILENCE_MS: String(SILENCE_MS) } });
      eg = cluster.nodes.EG!;
      sa = cluster.nodes.SA!;
      // SA's witness ignores EG's pushed checkpoints (the handler survives restarts): only its poller can witness EG's log.
      sa.on('register.checkpoint', async () => undefined);
    });
    after(() => cluster.close());

    const view = async (n: ClusterNode): Promise<RegisterCheckpointView | null> => {
      const res = await n.client().get('/api/v1/register/checkpoint.json');
      return res.statusCode === 200 ? res.json<RegisterCheckpointView>() : null;
    };
    const cosignedBy = async (n: ClusterNode, size: number, country: string): Promise<boolean> => {
      const v = await view(n);
      return v !== null && v.size === size && v.cosignatures.some((c) => c.country === country);
    };
    const alerts = (n: ClusterNode) => n.db.selectFrom('register_alerts').selectAll().orderBy('id').execute();
    const pollRow = (n: ClusterNode, peer: string) => n.db.selectFrom('register_peer_polls').selectAll().where('peer_country', '=', peer).executeTakeFirst();
    const saState = () => sa.db.selectFrom('register_witness_state').selectAll().where('origin', '=', 'rabt.eg/register').executeTakeFirst();

    test("with the push path off, SA's poller fetches EG's checkpoint, verifies it and cosigns it; a grown log is cosigned after the fetched consistency proof verifies", async () => {
      await appendLeaves(eg, 5);
      await eg.node.deps.register.publishCheckpoint();
      await cluster.waitFor(() => cosignedBy(eg, 5, 'SA'), "SA's polled cosignature of size 5");
      // The push did arrive at SA, and was dropped by the replaced handler: the cosignature came from the poller.
      await cluster.waitFor(async () => (await sa.db.selectFrom('federation_inbox').select('id').where('type', '=', 'register.checkpoint').execute()).length >= 1, 'the push to reach SA');
      assert.equal((await saState())?.tree_size, 5);

      await appendLeaves(eg, 4);
      await eg.node.deps.register.publishCheckpoint();
      await cluster.waitFor(() => cosignedBy(eg, 9, 'SA'), "SA's polled cosignature of size 9");
      const state = (await saState())!;
      assert.equal(state.peer_country, 'EG');
      assert.equal(state.tree_size, 9, 'the witness state moved 5 → 9 only through a verified consistency proof');

      const egView = (await view(eg))!;
      const keys = (await eg.client().get('/api/v1/register/keys')).json<RegisterKeys>();
      const saWitness = keys.witnesses.find((w) => w.country === 'SA')!;
      const opened = await openNote(egView.note, [parseVerifierKey(keys.log[0]!), parseVerifierKey(saWitness.vkeys[0]!)]);
      assert.ok(opened.ok, 'the log signature and the polled cosignature verify');
      assert.deepEqual(
        opened.signatures.filter((s) => s.verified).map((s) => s.name),
        ['rabt.eg/register', 'rabt.sa/witness'],
      );
      const poll = await pollRow(sa, 'EG');
      assert.ok(poll?.last_success_at, 'SA recorded its successful fetches of EG');
      assert.equal(poll.failing_since, null);
      assert.deepEqual(await alerts(sa), []);
      assert.deepEqual(await alerts(eg), []);
    });

    test('a split view (EG serves over HTTP a validly signed checkpoint of the verified size with another root) raises ONE root_mismatch with both notes, and nothing is cosigned', async () => {
      const entry = (JSON.parse(readFileSync(eg.keysFile, 'utf8')) as KeyFileEntry[])[0]!;
      const egKey = createPrivateKey({ key: entry.privateJwk, format: 'jwk' });
      const egPub = new Uint8Array(Buffer.from(entry.privateJwk.x, 'base64url'));
      const real = await eg.db.selectFrom('register_checkpoints').selectAll().where('tree_size', '=', 9).executeTakeFirstOrThrow();
      const fakeRoot = randomBytes(32);
      const forged = await signNote(formatCheckpoint({ origin: 'rabt.eg/register', size: 9, rootHash: fakeRoot }), [
        { name: 'rabt.eg/register', keyId: noteKeyId('rabt.eg/register', ALG_ED25519, egPub), sign: (m) => Promise.resolve(new Uint8Array(edSign(null, m, egKey))) },
      ]);
      const verified = (await saState())!;
      const cosignaturesBefore = (await sa.db.selectFrom('federation_outbox').select('id').where('type', '=', 'register.cosignature').execute()).length;
      // What EG publishes, not what it pushed: its public checkpoint now has the same size and another root.
      await eg.db.updateTable('register_checkpoints').set({ note: forged, root_hash: fakeRoot }).where('tree_size', '=', 9).execute();
      try {
        await cluster.waitFor(async () => (await alerts(sa)).some((a) => a.kind === 'root_mismatch'), "SA's root_mismatch alert");
        const first = (await alerts(sa)).find((a) => a.kind === 'root_mismatch')!;
        // Let SA poll the forged checkpoint several more times.
        await cluster.waitFor(async () => {
          const p = await pollRow(sa, 'EG');
          return p?.last_success_at !== null && p!.last_success_at.getTime() > first.created_at.getTime() + 500;
        }, 'more polls of the forged checkpoint');

        const all = await alerts(sa);
        assert.deepEqual(
          all.map((a) => [a.kind, a.origin, a.peer_country, a.tree_size]),
          [['root_mismatch', 'rabt.eg/register', 'EG', 9]],
          'one alert, however many polls saw the split view',
        );
        const evidence = all[0]!.evidence as { via: string; note: string; verifiedNote: string };
        assert.equal(evidence.via, 'poll');
        assert.ok(evidence.note.startsWith(forged), 'the served (forged) note is in the evidence');
        assert.match(evidence.note, new RegExp(`\\n${b64(fakeRoot).replace(/[+/]/g, '\\$&')}\\n`));
        assert.equal(evidence.verifiedNote, verified.note, 'the verified note is in the evidence');
        assert.match(evidence.verifiedNote, new RegExp(`\\n${b64(real.root_hash).replace(/[+/]/g, '\\$&')}\\n`));
        const after = (await saState())!;
        assert.equal(after.tree_size, 9);
        assert.deepEqual(Buffer.from(after.root_hash), Buffer.from(real.root_hash), 'the witness state did not move');
        const cosignaturesAfter = (await sa.db.selectFrom('federation_outbox').select('id').where('type', '=', 'register.cosignature').execute()).length;
        assert.equal(cosignaturesAfter, cosignaturesBefore, 'nothing was cosigned');
        assert.match((await sa.client().get('/metrics')).body, /rabt_register_inconsistencies_total\{kind="root_mismatch"\} 1/);
      } finally {
        await eg.db.updateTable('register_checkpoints').set({ note: real.note, root_hash: real.root_hash }).where('tree_size', '=', 9).execute();
      }
    });

    test('a stopped peer past the silence threshold raises exactly one peer_unreachable (and its silent witness one witness_silent); a second outage after recovery raises another', async () => {
      const countKind = async (n: ClusterNode, kind: RegisterAlert['kind']) => (await alerts(n)).filter((a) => a.kind === kind).length;
      await sa.stop();
      // EG's log grows while SA, which cosigned sizes 5 and 9, is down.
      await appendLeaves(eg, 3);
      await eg.node.deps.register.publishCheckpoint();
      await cluster.waitFor(async () => ((await pollRow(eg, 'SA'))?.consecutive_failures ?? 0) >= 1, "EG's first failed fetch of SA");
      assert.equal(await countKind(eg, 'peer_unreachable'), 0, 'no alert before the threshold');
      assert.equal(await countKind(eg, 'witness_silent'), 0);

      cluster.clock.advance(SILENCE_MS + 1_000);
      await cluster.waitFor(async () => (await countKind(eg, 'peer_unreachable')) >= 1 && (await countKind(eg, 'witness_silent')) >= 1, "EG's silence alerts");
      const failures = (await pollRow(eg, 'SA'))!.consecutive_failures;
      await cluster.waitFor(async () => (await pollRow(eg, 'SA'))!.consecutive_failures >= failures + 3, 'three more failed fetches');
      let all = await alerts(eg);
      const unreachable = all.filter((a) => a.kind === 'peer_unreachable');
      assert.equal(unreachable.length, 1, 'one alert per outage, however many polls fail');
      assert.equal(unreachable[0]!.peer_country, 'SA');
      assert.equal(unreachable[0]!.origin, `${sa.url}/api/v1/register/checkpoint`, "SA's log is empty, so the alert names the URL EG polls");
      const silent = all.filter((a) => a.kind === 'witness_silent');
      assert.deepEqual(
        silent.map((a) => [a.origin, a.peer_country, a.tree_size]),
        [['rabt.eg/register', 'SA', 12]],
      );
      assert.equal((await pollRow(eg, 'SA'))!.unreachable_alerted, true);

      // SA comes back: EG's fetches succeed, and SA's poller cosigns size 12.
      await sa.start();
      await cluster.waitFor(async () => (await pollRow(eg, 'SA'))?.failing_since === null, 'EG to reach SA again');
      await cluster.waitFor(() => cosignedBy(eg, 12, 'SA'), "SA's cosignature of size 12 after the outage");
      assert.equal((await pollRow(eg, 'SA'))!.unreachable_alerted, false);

      // A second outage is a new fact: one more peer_unreachable; no new witness_silent (size 12 was cosigned).
      await sa.stop();
      await cluster.waitFor(async () => ((await pollRow(eg, 'SA'))?.consecutive_failures ?? 0) >= 1, 'the first failed fetch of the second outage');
      cluster.clock.advance(SILENCE_MS + 1_000);
      await cluster.waitFor(async () => (await countKind(eg, 'peer_unreachable')) >= 2, 'the second outage alert');
      const failures2 = (await pollRow(eg, 'SA'))!.consecutive_failures;
      await cluster.waitFor(async () => (await pollRow(eg, 'SA'))!.consecutive_failures >= failures2 + 3, 'three more failed fetches');
      all = await alerts(eg);
      assert.equal(all.filter((a) => a.kind === 'peer_unreachable').length, 2);
      assert.equal(all.filter((a) => a.kind === 'witness_silent').length, 1);
      await sa.start();

      const auditor = eg.client();
      await signInStaff(eg, auditor, 'auditor');
      const listed = (await auditor.get('/api/v1/register/alerts')).json<RegisterAlert[]>();
      assert.deepEqual(
        listed.map((a) => a.kind).sort(),
        ['peer_unreachable', 'peer_unreachable', 'witness_silent'],
        'the new kinds are part of the public alert contract',
      );
      assert.match((await eg.client().get('/metrics')).body, /rabt_register_inconsistencies_total\{kind="peer_unreachable"\} 2/);
    });
  });
}

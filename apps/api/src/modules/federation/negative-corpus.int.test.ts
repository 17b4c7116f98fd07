import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestCluster, type ClusterNode, type TestCluster } from '../../testing/federation-cluster.ts';
import { testTargets } from '../../testing/test-node.ts';
import { negativeCorpus, postMessage, signedMessage, type CorpusContext } from './conformance/corpus.ts';
import { countRows, effects, profileBody, recordProfileEffects } from './federation-test-kit.ts';
import { generateNodeKeys, loadKeyRing } from './keys.ts';
import { sha256Hex, verifyReceipt } from './wire.ts';

/**
 * The negative corpus (≥ 50 forged, tampered, replayed, expired, future-dated, misaddressed, unknown-key,
 * alg-none, HS256, truncated, non-JSON, contract-failing, oversize and prototype-polluting messages) sent to
 * the SA node as if from EG: each is refused with the specified answer, and after each one SA's inbox,
 * entity versions and handler effects are still empty. Finally each refused id is accepted when sent
 * properly, once, which also proves nothing had reserved it.
 */
for (const target of testTargets()) {
  describe(`federation negative corpus (${target})`, () => {
    let cluster: TestCluster;
    let eg: ClusterNode;
    let sa: ClusterNode;
    let ctx: CorpusContext;
    before(async () => {
      cluster = await createTestCluster(['EG', 'SA', 'JO'], target, { env: { FEDERATION_RELAY: 'false' } });
      eg = cluster.nodes.EG!;
      sa = cluster.nodes.SA!;
      await recordProfileEffects(sa);
      const egKeys = await loadKeyRing(JSON.parse(readFileSync(eg.keysFile, 'utf8')));
      const foreign = await loadKeyRing((await generateNodeKeys()).keys);
      const profileId = randomUUID();
      ctx = {
        target: 'SA',
        sender: 'EG',
        key: egKeys.active,
        foreignKey: foreign.active,
        otherPeer: 'JO',
        base: () => ({ type: 'profile.upsert', body: profileBody(profileId), entity: { type: 'profile', id: profileId, version: 1 } }),
        now: () => cluster.clock.now(),
      };
    });
    after(() => cluster.close());

    const post = async (body: string, contentType = 'application/jose') => {
      const res = await postMessage(sa.url, body, contentType);
      return { status: res.status, type: res.contentType, text: res.text };
    };

    test('every corpus message is refused as specified and changes nothing', async () => {
      const corpus = negativeCorpus(ctx);
      assert.ok(corpus.length >= 50, `corpus has ${corpus.length} messages`);
      const refusedIds: string[] = [];
      for (const c of corpus) {
        const { body, id } = await c.build();
        const answer = await post(body, c.contentType);
        const where = `${c.name}: ${answer.status} ${answer.text.slice(0, 160)}`;
        assert.ok(answer.status >= 400 && answer.status < 500, where);
        if ('reason' in c.expect || ('anyRejection' in c.expect && answer.type.startsWith('application/jose'))) {
          assert.ok(id, where);
          // A signed negative receipt, verified as EG's relay would: SA's pinned key, id and hash echoed.
          const receipt = await verifyReceipt(answer.text, { peer: 'SA', messageId: id, messageHash: sha256Hex(body) }, eg.federation.peerKeys);
          assert.equal(receipt.status, 'rejected', where);
          if ('reason' in c.expect) {
            assert.equal(answer.status, c.expect.status, where);
            assert.equal(receipt.reason, c.expect.reason, where);
          }
        } else if ('problem' in c.expect) {
          assert.equal(answer.status, c.expect.status, where);
          assert.match(answer.type, /^application\/problem\+json/, where);
          assert.equal((JSON.parse(answer.text) as { code: string }).code, c.expect.problem, where);
        } else assert.match(answer.type, /^application\/problem\+json/, where);
        assert.equal(await countRows(sa.db, 'federation_inbox'), 0, `${c.name} wrote an inbox row`);
        assert.equal(await countRows(sa.db, 'federation_entity_versions'), 0, `${c.name} wrote an entity version`);
        assert.equal((await effects(sa.db)).length, 0, `${c.name} had an effect`);
        if (id) refusedIds.push(id);
      }

      // Each refused id was left unused: the proper message with it is applied, exactly once.
      assert.ok(refusedIds.length >= 50, `${refusedIds.length} readable ids`);
      let version = 1;
      for (const id of refusedIds) {
        const profileId = randomUUID();
        const answer = await post(await signedMessage(ctx, { id, body: profileBody(profileId), entity: { type: 'profile', id: profileId, version: version++ } }));
        assert.equal(answer.status, 200, answer.text);
      }
      const applied = await effects(sa.db);
      assert.deepEqual(applied.map((e) => e.message_id).sort(), [...refusedIds].sort());
    });

    test('a replay of an accepted message is acknowledged as a duplicate and applies nothing again', async () => {
      const profileId = randomUUID();
      const jws = await signedMessage(ctx, { body: profileBody(profileId), entity: { type: 'profile', id: profileId, version: 1 } });
      const before = (await effects(sa.db)).length;
      for (let i = 0; i < 5; i++) assert.equal((await post(jws)).status, 200);
      assert.equal((await effects(sa.db)).length, before + 1);
    });
  });
}

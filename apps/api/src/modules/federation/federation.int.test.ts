import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import type { FederationDeadLetter, FederationMessagePage, FederationPeerStatus } from '@rabt/contracts';
import { signInStaff } from '../../testing/factories.ts';
import { createTestCluster, type ClusterNode, type TestCluster } from '../../testing/federation-cluster.ts';
import { testTargets } from '../../testing/test-node.ts';
import { envelopeFor, headerFor, rawJws } from './conformance/corpus.ts';
import { effects, profileBody, recordProfileEffects } from './federation-test-kit.ts';
import { generateNodeKeys, loadKeyRing, type KeyFileEntry } from './keys.ts';
import type { PeerEntry } from './peers.ts';
import { sha256Hex, verifyReceipt } from './wire.ts';

/** Federation v1 between two nodes: delivery with evidence, handler failures, dead letters, auditor views, key rotation. */
for (const target of testTargets()) {
  describe(`federation v1 between nodes (${target})`, () => {
    let cluster: TestCluster;
    let eg: ClusterNode;
    let sa: ClusterNode;
    before(async () => {
      cluster = await createTestCluster(['EG', 'SA'], target, { env: { FEDERATION_MAX_ATTEMPTS: '3' } });
      eg = cluster.nodes.EG!;
      sa = cluster.nodes.SA!;
      await recordProfileEffects(sa, { failFor: '00000000-0000-4000-8000-00000000fa11' });
    });
    after(() => cluster.close());

    const send = (profileId: string, version: number) =>
      eg.db.transaction().execute((trx) => eg.federation.enqueue(trx, { to: 'SA', type: 'profile.upsert', body: profileBody(profileId), entity: { type: 'profile', id: profileId, version } }));
    const outbox = (id: string) => eg.db.selectFrom('federation_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('a queued message is delivered once, and both nodes keep the same signed message and the receipt as evidence', async () => {
      const profileId = randomUUID();
      const id = await send(profileId, 1);
      await cluster.waitFor(async () => (await outbox(id)).status === 'delivered', 'delivery');
      const sent = await outbox(id);
      const received = await sa.db.selectFrom('federation_inbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(received.message, sent.message, 'SA stored exactly what EG signed and sent');
      assert.equal(sent.message_hash, sha256Hex(sent.message!));
      assert.equal(sent.receipt, received.receipt);
      const receipt = await verifyReceipt(sent.receipt, { peer: 'SA', messageId: id, messageHash: sent.message_hash }, eg.federation.peerKeys);
      assert.equal(receipt.status, 'accepted');
      assert.deepEqual((await effects(sa.db)).filter((e) => e.profile_id === profileId).map((e) => e.version), [1]);
    });

    test('an invalid body is refused when queued, not when sent', async () => {
      await assert.rejects(
        eg.db.transaction().execute((trx) => eg.federation.enqueue(trx, { to: 'SA', type: 'profile.upsert', body: { profileId: 'nope', occupations: [] } })),
        (err: Error & { code?: string }) => err.code === 'validation_failed',
      );
      await assert.rejects(
        eg.db.transaction().execute((trx) => eg.federation.enqueue(trx, { to: 'EG', type: 'profile.withdraw', body: { profileId: randomUUID() } })),
        (err: Error & { code?: string }) => err.code === 'validation_failed',
      );
    });

    test('a handler that throws: negative receipt, nothing applied, retried until it works', async () => {
      const failing = '00000000-0000-4000-8000-00000000fa11';
      const id = await send(failing, 1);
      await cluster.waitFor(async () => /handler_failed/.test((await outbox(id)).last_error ?? ''), 'a handler_failed rejection');
      assert.equal(await sa.db.selectFrom('federation_inbox').select('id').where('id', '=', id).executeTakeFirst(), undefined, 'no inbox row for a failed handler');
      assert.equal(await sa.db.selectFrom('federation_entity_versions').select('entity_id').where('entity_id', '=', failing).executeTakeFirst(), undefined, 'version not advanced');
      await cluster.waitFor(async () => (await outbox(id)).status === 'dead', 'dead letter after 3 attempts');
      // The dead letter shows up for auditors; HQ puts it back once SA's handler works again.
      const auditor = eg.client();
      await signInStaff(eg, auditor, 'auditor');
      const dead = (await auditor.get('/api/v1/federation/dead-letters')).json<FederationDeadLetter[]>();
      assert.ok(dead.some((d) => d.id === id && d.attempts === 3 && /handler_failed/.test(d.lastError ?? '')));
      assert.equal((await auditor.post(`/api/v1/federation/dead-letters/${id}/retry`)).statusCode, 403, 'auditors read, they do not retry');
      const clerk = eg.client();
      await signInStaff(eg, clerk, 'nasr.clerk');
      assert.equal((await clerk.get('/api/v1/federation/dead-letters')).statusCode, 403);
      assert.equal((await eg.client().get('/api/v1/federation/messages')).statusCode, 401);

      await recordProfileEffects(sa); // a handler that accepts every profile
      const hq = eg.client();
      await signInStaff(eg, hq, 'hq.admin');
      const retried = await hq.post(`/api/v1/federation/dead-letters/${id}/retry`);
      assert.equal(retried.statusCode, 200, retried.body);
      assert.equal((await hq.post(`/api/v1/federation/dead-letters/${id}/retry`)).json<{ code: string }>().code, 'federation_not_dead_letter');
      assert.equal((await hq.post(`/api/v1/federation/dead-letters/${uuidv7()}/retry`)).statusCode, 404);
      await cluster.waitFor(async () => (await outbox(id)).status === 'delivered', 'delivery after retry');
      assert.equal((await effects(sa.db)).filter((e) => e.message_id === id).length, 1);

      const audit = await eg.db.selectFrom('audit_log').select(['action', 'actor_kind', 'subject_id']).where('subject_id', '=', id).orderBy('seq').execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_kind]),
        [
          ['federation.message.dead_lettered', 'system'],
          ['federation.message.retried', 'staff'],
        ],
      );
    });

    test('auditors page through the message log of both directions; peers show breaker state and backlog', async () => {
      const ids: string[] = [];
      for (let v = 1; v <= 5; v++) ids.push(await send(randomUUID(), v));
      await cluster.waitFor(async () => (await Promise.all(ids.map(outbox))).every((r) => r.status === 'delivered'), 'deliveries');
      const auditor = sa.client();
      await signInStaff(sa, auditor, 'auditor');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: FederationMessagePage = (await auditor.get(`/api/v1/federation/messages?limit=2&direction=in${cursor ? `&cursor=${cursor}` : ''}`)).json();
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((i) => i.id));
        assert.ok(page.items.every((i) => i.direction === 'in' && i.peer === 'EG'));
        cursor = page.nextCursor;
      } while (cursor);
      const inbox = await sa.db.selectFrom('federation_inbox').select('id').execute();
      assert.deepEqual([...seen].sort(), inbox.map((r) => r.id).sort(), 'every received message once, across pages');
      assert.ok(ids.every((id) => seen.includes(id)));
      assert.equal((await auditor.get('/api/v1/federation/messages?cursor=not-a-cursor')).statusCode, 400);

      const hq = eg.client();
      await signInStaff(eg, hq, 'hq.admin');
      const out: FederationMessagePage = (await hq.get('/api/v1/federation/messages?direction=out&limit=200')).json();
      assert.ok(ids.every((id) => out.items.some((i) => i.id === id && i.status === 'delivered' && i.receiptStatus === 'accepted')));
      const peers = (await hq.get('/api/v1/federation/peers')).json<FederationPeerStatus[]>();
      assert.deepEqual(
        peers.map((p) => [p.country, p.breaker, p.thumbprints]),
        [['SA', 'closed', [sa.thumbprint]]],
      );
    });

    test('key rotation: the new key signs, the retiring key stays published and accepted', async () => {
      const fresh = await generateNodeKeys();
      const old = JSON.parse(readFileSync(eg.keysFile, 'utf8')) as KeyFileEntry[];
      const oldRing = await loadKeyRing(old);
      // 1. SA pins the new thumbprint next to the old one. 2. EG switches to the new key, keeping the old one as retiring.
      const saPeers = JSON.parse(readFileSync(sa.peersFile, 'utf8')) as PeerEntry[];
      writeFileSync(sa.peersFile, JSON.stringify(saPeers.map((p) => (p.country === 'EG' ? { ...p, thumbprints: [...p.thumbprints, fresh.thumbprint] } : p))));
      await sa.stop();
      await sa.start();
      writeFileSync(eg.keysFile, JSON.stringify([...fresh.keys, { ...old[0]!, status: 'retiring' }]));
      await eg.stop();
      await eg.start();

      const jwks = (await (await fetch(`${eg.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string; status: string }[] };
      assert.deepEqual(
        jwks.keys.map((k) => [k.kid, k.status]),
        [
          [fresh.thumbprint, 'active'],
          [oldRing.active.kid, 'retiring'],
        ],
      );
      const id = await send(randomUUID(), 1);
      await cluster.waitFor(async () => (await outbox(id)).status === 'delivered', 'delivery with the new key');
      const header = JSON.parse(Buffer.from((await outbox(id)).message!.split('.')[0]!, 'base64url').toString()) as { kid: string };
      assert.equal(header.kid, fresh.thumbprint);

      // A message signed a moment ago with the retiring key is still accepted.
      const profileId = randomUUID();
      const env = envelopeFor({ sender: 'EG', target: 'SA', now: () => cluster.clock.now(), base: () => ({ type: 'profile.upsert', body: profileBody(profileId), entity: { type: 'profile', id: profileId, version: 1 } }) });
      const res = await fetch(`${sa.url}/federation/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/jose' }, body: await rawJws(JSON.stringify(headerFor(oldRing.active)), JSON.stringify(env), oldRing.active) });
      assert.equal(res.status, 200, await res.text());
    });
  });
}

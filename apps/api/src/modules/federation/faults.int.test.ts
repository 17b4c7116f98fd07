import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, test } from 'node:test';
import { createTestCluster, type ClusterNode, type TestCluster } from '../../testing/federation-cluster.ts';
import { testTargets } from '../../testing/test-node.ts';
import { countRows, effects, profileBody, recordProfileEffects, type Effect } from './federation-test-kit.ts';

/**
 * Fault tests on one machine (issue 3, "Bad input and faults"; reliability-anchors F1, F4):
 * (a) the partner node is down while EG publishes 1,000 profile changes, then comes back;
 * (b) a fault proxy duplicates (p = 0.3), delays and so reorders deliveries;
 * (c) consent withdrawn while messages are queued: the cancelled ones are never sent.
 * Invariants: every message delivered; each applied message has exactly one effect; per profile the
 * applied versions only go up and end at the latest.
 */
const PROFILES = 100;
const VERSIONS = 10;

async function publish(eg: ClusterNode, to: string, profiles: string[], versions: number): Promise<void> {
  // Versions of one profile are queued next to each other, so several are in flight together and can overtake each other.
  for (const profileId of profiles) {
    await eg.db.transaction().execute(async (trx) => {
      for (let v = 1; v <= versions; v++) {
        await eg.federation.enqueue(trx, { to, type: 'profile.upsert', body: profileBody(profileId), entity: { type: 'profile', id: profileId, version: v } });
      }
    });
  }
}

async function pendingTo(eg: ClusterNode, to: string): Promise<number> {
  const r = await eg.db.selectFrom('federation_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('to_country', '=', to).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The invariants of exactly-once effects and monotonic versions, checked on the receiver's committed data. */
async function assertExactlyOnceAndMonotonic(eg: ClusterNode, receiver: ClusterNode, profiles: string[], versions: number): Promise<{ stale: number }> {
  const to = receiver.country;
  const sent = await eg.db.selectFrom('federation_outbox').select(['id', 'status', 'receipt_status']).where('to_country', '=', to).execute();
  assert.equal(sent.length, profiles.length * versions);
  assert.deepEqual([...new Set(sent.map((s) => s.status))], ['delivered'], 'every message delivered with a verified receipt');

  const inbox = await receiver.db.selectFrom('federation_inbox').select(['id', 'status']).where('from_country', '=', 'EG').execute();
  assert.equal(inbox.length, sent.length, 'each message id is in the inbox once');
  const applied: Effect[] = await effects(receiver.db);
  const ids = applied.map((e) => e.message_id);
  assert.equal(new Set(ids).size, ids.length, 'no message applied twice');
  assert.deepEqual([...ids].sort(), inbox.filter((m) => m.status === 'accepted').map((m) => m.id).sort(), 'effects = accepted inbox rows');

  const byProfile = new Map<string, number[]>();
  for (const e of applied) byProfile.set(e.profile_id, [...(byProfile.get(e.profile_id) ?? []), e.version]);
  for (const profileId of profiles) {
    const seen = byProfile.get(profileId) ?? [];
    assert.ok(seen.length > 0, `profile ${profileId} never applied`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! > seen[i - 1]!, `profile ${profileId} went back: ${seen.join(' → ')}`);
    assert.equal(seen[seen.length - 1], versions, `profile ${profileId} ends at the latest version`);
  }
  const versionsRows = await receiver.db.selectFrom('federation_entity_versions').select(['entity_id', 'last_version']).where('from_country', '=', 'EG').execute();
  assert.equal(versionsRows.length, profiles.length);
  assert.ok(versionsRows.every((r) => Number(r.last_version) === versions));
  return { stale: inbox.filter((m) => m.status === 'stale').length };
}

for (const target of testTargets()) {
  describe(`federation faults (${target})`, () => {
    let cluster: TestCluster | undefined;
    afterEach(async () => {
      await cluster?.close();
      cluster = undefined;
    });

    test('(a) partner down while 1,000 changes are published: all delivered after restart, each applied once, never backwards; other peers unaffected', async () => {
      cluster = await createTestCluster(['EG', 'SA', 'JO'], target);
      const { EG: eg, SA: sa, JO: jo } = cluster.nodes;
      await recordProfileEffects(sa!);
      await recordProfileEffects(jo!);
      await sa!.stop();

      const profiles = Array.from({ length: PROFILES }, () => randomUUID());
      await publish(eg!, 'SA', profiles, VERSIONS);
      const joProfiles = Array.from({ length: 5 }, () => randomUUID());
      await publish(eg!, 'JO', joProfiles, 2);

      // While SA is down: JO still gets everything, and SA's breaker opens instead of hammering it.
      await cluster.waitFor(async () => (await pendingTo(eg!, 'JO')) === 0, 'JO deliveries while SA is down', 60_000);
      await cluster.waitFor(async () => (await eg!.federation.peerStatuses()).find((p) => p.country === 'SA')?.breaker !== 'closed', 'SA breaker to open');
      const sa1 = (await eg!.federation.peerStatuses()).find((p) => p.country === 'SA')!;
      assert.equal(sa1.pending, PROFILES * VERSIONS);
      assert.match(sa1.lastError ?? '', /network/);
      assert.equal(await countRows(sa!.db, 'federation_inbox'), 0);
      // Requests carry batches of 50, so attempts are counted per message: the open breaker stopped the relay
      // after a few failed requests, long before every message was tried, and no message was tried many times.
      const attempts = await eg!.db.selectFrom('federation_outbox').select((eb) => [eb.fn.sum<number>('attempts').as('sum'), eb.fn.max('attempts').as('max')]).where('to_country', '=', 'SA').executeTakeFirstOrThrow();
      assert.ok(Number(attempts.sum) < PROFILES * VERSIONS, `the open breaker limits attempts on a dead peer (${attempts.sum})`);
      // Half-open probes (one request every 300 ms here) add attempts while SA stays down; a loaded CI machine
      // takes longer to deliver JO, so allow some, far below the 50 attempts that would dead-letter a message.
      assert.ok(Number(attempts.max) <= 10, `no message hammered (${attempts.max} attempts)`);

      await sa!.start();
      await cluster.waitFor(async () => (await pendingTo(eg!, 'SA')) === 0, 'all SA deliveries after restart', 180_000);
      await assertExactlyOnceAndMonotonic(eg!, sa!, profiles, VERSIONS);
      await assertExactlyOnceAndMonotonic(eg!, jo!, joProfiles, 2);
      assert.equal((await eg!.federation.peerStatuses()).find((p) => p.country === 'SA')?.breaker, 'closed');
    });

    for (const batch of [1, 10]) {
      test(`(b) a proxy that duplicates (p = 0.3), delays and reorders requests of ${batch} message(s): each applied once, never backwards`, async () => {
        cluster = await createTestCluster(['EG', 'SA'], target, { faults: { 'EG->SA': { duplicate: 0.3, delayMs: [0, 120] } }, env: { FEDERATION_PEER_CONCURRENCY: '8', FEDERATION_BATCH_SIZE: String(batch) } });
        const { EG: eg, SA: sa } = cluster.nodes;
        await recordProfileEffects(sa!);
        const profiles = Array.from({ length: PROFILES }, () => randomUUID());
        await publish(eg!, 'SA', profiles, VERSIONS);
        await cluster.waitFor(async () => (await pendingTo(eg!, 'SA')) === 0, 'all deliveries through the proxy', 180_000);
        const proxy = cluster.proxies['EG->SA']!;
        await proxy.close(); // lets the last duplicates land before checking
        const { stale } = await assertExactlyOnceAndMonotonic(eg!, sa!, profiles, VERSIONS);
        assert.ok(proxy.stats.duplicated >= (0.3 * PROFILES * VERSIONS) / batch / 2, `only ${proxy.stats.duplicated} duplicated requests`);
        assert.ok(stale > 0, 'some versions overtook others (reordering happened) and the late ones were not applied');
        const received = await sql<{ n: number }>`SELECT count(*)::int AS n FROM federation_inbox`.execute(sa!.db);
        assert.equal(received.rows[0]?.n, PROFILES * VERSIONS, 'duplicates added no inbox rows');
      });
    }

    test('(c) consent withdrawn while messages are queued: the cancelled messages are never sent, the withdrawal is', async () => {
      cluster = await createTestCluster(['EG', 'SA'], target);
      const { EG: eg, SA: sa } = cluster.nodes;
      await recordProfileEffects(sa!);
      const withdrawn: string[] = [];
      sa!.on('profile.withdraw', async (_trx, m) => void withdrawn.push(m.body.profileId));
      await sa!.stop();
      const [p, q] = [randomUUID(), randomUUID()];
      await publish(eg!, 'SA', [p, q], 5);
      const cancelled = await eg!.db.transaction().execute(async (trx) => {
        const n = await eg!.federation.cancelPending(trx, { to: 'SA', entityType: 'profile', entityId: p });
        await eg!.federation.enqueue(trx, { to: 'SA', type: 'profile.withdraw', body: { profileId: p }, entity: { type: 'profile', id: p, version: 6 } });
        return n;
      });
      assert.equal(cancelled, 5);
      await sa!.start();
      await cluster.waitFor(async () => (await pendingTo(eg!, 'SA')) === 0, 'queue drained');

      const arrived = await sa!.db.selectFrom('federation_inbox').select(['type', 'entity_id']).execute();
      assert.equal(arrived.filter((m) => m.entity_id === p && m.type === 'profile.upsert').length, 0, 'no cancelled message reached SA');
      assert.deepEqual(arrived.filter((m) => m.entity_id === p).map((m) => m.type), ['profile.withdraw']);
      assert.equal(arrived.filter((m) => m.entity_id === q).length, 5);
      assert.deepEqual(withdrawn, [p]);
      assert.ok((await effects(sa!.db)).every((e) => e.profile_id === q));
      const statuses = await eg!.db.selectFrom('federation_outbox').select(['entity_id', 'type', 'status']).where('entity_id', '=', p).execute();
      assert.deepEqual(statuses.filter((s) => s.type === 'profile.upsert').map((s) => s.status), Array(5).fill('cancelled'));
    });
  });
}

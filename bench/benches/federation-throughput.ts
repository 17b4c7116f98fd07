/**
 * Federation v1 throughput (issue 3 target): two local nodes, EG (this process, createNode on a fresh PGlite
 * directory, listening so SA can fetch its keys) and SA (the built bundle, its own process and PGlite).
 *  0. Warm-up, not measured: 500 messages delivered (JIT, key fetches).
 *  1. Outbox write rate: EG queues N `federation.ping` messages with an entity version, one transaction
 *     each (as a domain change would), relay off.
 *  2. Sustained delivery: EG's relay, with the production defaults (poll 200 ms, 4 requests in flight per
 *     peer), signs each message, POSTs it, verifies SA's signed receipt and marks it delivered; SA verifies,
 *     writes its inbox and version rows and signs the receipt. Rate = N ÷ time to drain.
 *  3. End-to-end lag: messages queued at half the measured delivery rate for BENCH_SECONDS; lag = receipt
 *     verified − queued, p50 and p99.
 * Target: delivery ≥ 0.3 × outbox write rate, same run. BENCH_FEDERATION_MESSAGES sets N (default 5000).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from '../lib/bench.ts';
import { BUILT_NODE, freePort, sleep, spawnNode, waitForOk } from '../lib/children.ts';
import { infoRow, ratioRow } from '../lib/table.ts';
import { loadConfig } from '../../apps/api/src/platform/config.ts';
import { createNode, type RabtNode } from '../../apps/api/src/platform/node.ts';
import { FederationNode } from '../../apps/api/src/modules/federation/federation.service.ts';
import { generateNodeKeys } from '../../apps/api/src/modules/federation/keys.ts';
import type { ExchangeMessageType } from '@rabt/contracts';

const N = Number(process.env.BENCH_FEDERATION_MESSAGES ?? 5000);
const WARM_UP = 500;

async function queue(node: RabtNode, i: number): Promise<string> {
  return node.database.db.transaction().execute((trx) =>
    // federation.ping is the protocol's no-effect type: the bench measures federation, not a domain handler.
    node.federation.enqueue(trx, { to: 'SA', type: 'federation.ping' as ExchangeMessageType, body: { nonce: `bench-${i}` } as never, entity: { type: 'bench', id: `e${Math.abs(i) % 200}`, version: i + WARM_UP } }),
  );
}

async function pending(node: RabtNode): Promise<number> {
  const r = await node.database.db.selectFrom('federation_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(r.n);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const federationThroughput: Bench = {
  name: 'federation-throughput',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'rabt-bench-fed-'));
    const [egKeys, saKeys, egPort, saPort] = await Promise.all([generateNodeKeys(), generateNodeKeys(), freePort(), freePort()]);
    const file = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(content));
      return path;
    };
    const common = { LOG_LEVEL: 'silent', COOKIE_SECURE: 'false', SEED_DEMO_STAFF: 'false', DEV_TOOLS: 'false', HOST: '127.0.0.1' };
    const sa = spawnNode([], BUILT_NODE, [], {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...common,
      // One node, not the demo federation `npm start` launches without DATABASE_URL.
      RABT_NODE_CHILD: '1',
      NODE_COUNTRY: 'SA',
      PORT: String(saPort),
      DATA_DIR: join(dir, 'sa'),
      FEDERATION_KEYS_FILE: file('sa-keys.json', saKeys.keys),
      FEDERATION_PEERS_FILE: file('sa-peers.json', [{ country: 'EG', url: `http://127.0.0.1:${egPort}`, thumbprints: [egKeys.thumbprint] }]),
    });
    const config = loadConfig({
      ...common,
      NODE_COUNTRY: 'EG',
      PORT: String(egPort),
      DATA_DIR: join(dir, 'eg'),
      FEDERATION_RELAY: 'false',
      FEDERATION_KEYS_FILE: file('eg-keys.json', egKeys.keys),
      FEDERATION_PEERS_FILE: file('eg-peers.json', [{ country: 'SA', url: `http://127.0.0.1:${saPort}`, thumbprints: [saKeys.thumbprint] }]),
    });
    const eg = await createNode(config);
    let relay: FederationNode | undefined;
    try {
      await eg.app.listen({ host: '127.0.0.1', port: egPort });
      await waitForOk(`http://127.0.0.1:${saPort}/ready`, sa);

      const relayConfig = { ...config, federation: { ...config.federation, relayEnabled: true } };
      // Warm-up (not measured): both nodes compile their hot paths and fetch each other's keys.
      const warm = await FederationNode.create({ config: relayConfig, db: eg.database.db, clock: () => new Date() });
      warm.start();
      for (let i = 1; i <= WARM_UP; i++) await queue(eg, -i);
      while ((await pending(eg)) > 0) await sleep(20);
      await warm.stop();

      // 1. Outbox writes.
      let t0 = performance.now();
      for (let i = 1; i <= N; i++) await queue(eg, i);
      const writeRate = N / ((performance.now() - t0) / 1000);
      ctx.log(`outbox: ${N} messages at ${writeRate.toFixed(0)} msg/s`);

      // 2. Sustained delivery with the production relay settings.
      relay = await FederationNode.create({ config: relayConfig, db: eg.database.db, clock: () => new Date() });
      t0 = performance.now();
      relay.start();
      while ((await pending(eg)) > 0) await sleep(20);
      const deliveryRate = N / ((performance.now() - t0) / 1000);
      const delivered = await eg.database.db.selectFrom('federation_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'delivered').where('receipt_status', '=', 'accepted').executeTakeFirstOrThrow();
      if (Number(delivered.n) < N) throw new Error(`only ${delivered.n} of ${N} messages were delivered and accepted`);
      const retried = await eg.database.db.selectFrom('federation_outbox').select(['attempts', 'last_error']).where('attempts', '>', 1).execute();
      ctx.log(`delivery: ${deliveryRate.toFixed(0)} msg/s (${retried.length} messages needed more than one attempt${retried[0] ? `, e.g. ${retried[0].last_error ?? ''}` : ''})`);

      // 3. Lag at half the delivery rate.
      const rate = Math.max(1, deliveryRate / 2);
      const ids: string[] = [];
      const start = performance.now();
      for (let i = 0; performance.now() - start < ctx.load.seconds * 1000; i++) {
        ids.push(await queue(eg, N + 1 + i));
        const due = start + ((i + 1) / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      while ((await pending(eg)) > 0) await sleep(20);
      const rows = await eg.database.db.selectFrom('federation_outbox').select(['created_at', 'delivered_at']).where('id', 'in', ids).execute();
      const lags = rows.map((r) => (r.delivered_at ? r.delivered_at.getTime() - r.created_at.getTime() : Infinity)).sort((a, b) => a - b);
      const p50 = percentile(lags, 50);
      const p99 = percentile(lags, 99);
      ctx.log(`lag over ${ids.length} messages at ${rate.toFixed(0)} msg/s: p50 ${p50} ms, p99 ${p99} ms`);
      return [
        infoRow('federation: outbox writes, 1 message per transaction (PGlite)', `${writeRate.toFixed(0)} msg/s`),
        ratioRow(`federation: sustained signed delivery EG → SA, ${N} messages (vs outbox writes)`, deliveryRate, writeRate, 'msg/s', '>=', 0.3),
        infoRow(`federation: end-to-end lag at ${rate.toFixed(0)} msg/s (queued → receipt verified), p50 / p99`, `${p50} / ${p99} ms`),
      ];
    } finally {
      await relay?.stop();
      await eg.close();
      await sa.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

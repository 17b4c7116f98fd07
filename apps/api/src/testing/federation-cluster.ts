/**
 * Several federated Rabt nodes in one test process, for cross-node tests.
 *
 * ```ts
 * const cluster = await createTestCluster(['EG', 'SA', 'JO'], target);   // target from testTargets()
 * const eg = cluster.nodes.EG!, sa = cluster.nodes.SA!;
 * sa.on('profile.upsert', async (trx, msg) => { ... });   // optional: replaces SA's own handler, survives stop()/start()
 * await eg.node.database.db.transaction().execute((trx) => eg.federation.enqueue(trx, { to: 'SA', type, body, entity }));
 * await cluster.waitFor(async () => (await count(sa)) === 1);               // polls until true (default 15 s)
 * const staff = sa.client(); await signInStaff(sa, staff, 'auditor');      // a ClusterNode is a TestNode
 * await cluster.close();
 * ```
 *
 * Each node: `createNode` on its own fresh database (freshDatabase: PGlite copy or PostgreSQL clone), its own
 * Ed25519 key file, listening on 127.0.0.1 on its own port, a peers file pinning every other node's
 * thumbprint, and fast relay settings (poll 20 ms, backoff 20 ms…500 ms, breaker half-open 300 ms). All
 * nodes share one TestClock, so advancing it (e.g. signInStaff's TOTP steps) never skews them apart;
 * federation rejects messages more than 300 s off, so do not give nodes different clocks.
 *
 * Faults: `stop()` closes a node's HTTP listener and relay but keeps its database (as if the process died);
 * `start()` brings it back on the same port and database. `faults: { 'EG->SA': { duplicate: 0.3, delayMs: [0, 200] } }`
 * puts a fault proxy (`startFaultProxy`) on that one direction: EG's peers file points at the proxy instead of SA.
 * `env` overrides any setting for every node (e.g. `{ FEDERATION_RELAY: 'false' }`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage as HttpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ExchangeMessageType } from '@rabt/contracts';
import type { MessageHandler } from '../modules/federation/federation.port.ts';
import type { FederationNode } from '../modules/federation/federation.service.ts';
import { generateNodeKeys } from '../modules/federation/keys.ts';
import type { PeerEntry } from '../modules/federation/peers.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import { createNode, type RabtNode } from '../platform/node.ts';
import { freePort } from './ports.ts';
import { TestClient } from './test-client.ts';
import { freshDatabase, testConfig, TestClock, type TestNode, type TestTarget } from './test-node.ts';

/** Relay settings that make tests fast; each can be overridden with `env`. */
export const FAST_FEDERATION_ENV: Record<string, string> = {
  FEDERATION_RELAY_POLL_MS: '20',
  FEDERATION_BACKOFF_BASE_MS: '20',
  FEDERATION_BACKOFF_CAP_MS: '500',
  FEDERATION_BREAKER_HALF_OPEN_MS: '300',
  FEDERATION_HTTP_TIMEOUT_MS: '3000',
  FEDERATION_JWKS_REFRESH_MS: '100',
};

export interface ClusterNode extends TestNode {
  country: string;
  /** Where this node listens, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** RFC 7638 thumbprint of its active key (what peers pin). */
  thumbprint: string;
  keysFile: string;
  peersFile: string;
  /** The running node's federation (changes after stop/start). */
  readonly federation: FederationNode;
  readonly db: Kysely<DB>;
  readonly running: boolean;
  /** Sets the handler of `type` (replacing the one the node's modules registered), now and after every restart. */
  on<T extends ExchangeMessageType>(type: T, handler: MessageHandler<T>): void;
  /** Closes the HTTP listener and stops the relay; the database stays. */
  stop(): Promise<void>;
  /** Starts the node again on the same database, keys and port. */
  start(): Promise<void>;
}

export interface TestCluster {
  nodes: Record<string, ClusterNode>;
  clock: TestClock;
  proxies: Record<string, FaultProxy>;
  /** Polls `check` until it returns true; throws with `what` after `timeoutMs`. */
  waitFor(check: () => Promise<boolean> | boolean, what?: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  env?: Record<string, string>;
  /** Fault proxies per direction, keyed `FROM->TO`. */
  faults?: Record<string, FaultSettings>;
}

export async function createTestCluster(countries: string[], target: TestTarget, options: ClusterOptions = {}): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'rabt-cluster-'));
  const clock = new TestClock();
  const identities = await Promise.all(
    countries.map(async (country) => {
      const keys = await generateNodeKeys();
      const keysFile = join(dir, `${country.toLowerCase()}-keys.json`);
      writeFileSync(keysFile, JSON.stringify(keys.keys), { mode: 0o600 });
      return { country, keysFile, thumbprint: keys.thumbprint, port: await freePort(), peersFile: join(dir, `${country.toLowerCase()}-peers.json`) };
    }),
  );
  const proxies: Record<string, FaultProxy> = {};
  for (const [link, settings] of Object.entries(options.faults ?? {})) {
    const to = identities.find((i) => i.country === link.split('->')[1]);
    if (!to) throw new Error(`fault link ${link}: unknown country`);
    proxies[link] = await startFaultProxy(`http://127.0.0.1:${to.port}`, settings);
  }
  for (const me of identities) {
    const peers: PeerEntry[] = identities
      .filter((p) => p.country !== me.country)
      .map((p) => ({ country: p.country, url: proxies[`${me.country}->${p.country}`]?.url ?? `http://127.0.0.1:${p.port}`, thumbprints: [p.thumbprint] }));
    writeFileSync(me.peersFile, JSON.stringify(peers, null, 2));
  }

  const nodes: Record<string, ClusterNode> = {};
  const drops: (() => Promise<void>)[] = [];
  try {
    for (const id of identities) {
      const fresh = await freshDatabase(target);
      drops.push(() => fresh.drop());
      const config = testConfig({
        NODE_COUNTRY: id.country,
        HOST: '127.0.0.1',
        PORT: String(id.port),
        PUBLIC_URL: `http://127.0.0.1:${id.port}`,
        FEDERATION_KEYS_FILE: id.keysFile,
        FEDERATION_PEERS_FILE: id.peersFile,
        ...FAST_FEDERATION_ENV,
        ...options.env,
      });
      nodes[id.country] = await startClusterNode({ ...id, config, database: fresh.database, clock });
    }
  } catch (err) {
    await Promise.allSettled(Object.values(nodes).map((n) => n.stop()));
    await Promise.allSettled(drops.map((d) => d()));
    throw err;
  }

  return {
    nodes,
    clock,
    proxies,
    waitFor,
    close: async () => {
      await Promise.allSettled(Object.values(nodes).map((n) => n.close()));
      await Promise.allSettled(Object.values(proxies).map((p) => p.close()));
      // pg-pool's end() resolves before its sockets have closed; dropping a database WITH (FORCE) at that
      // moment terminates them and the client raises an unhandled error. Let them finish closing first.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await Promise.allSettled(drops.map((d) => d()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startClusterNode(id: { country: string; port: number; thumbprint: string; keysFile: string; peersFile: string; config: Config; database: Database; clock: TestClock }): Promise<ClusterNode> {
  const handlers: [ExchangeMessageType, MessageHandler<ExchangeMessageType>][] = [];
  let current: RabtNode | undefined;
  let closed = false;
  const boot = async (): Promise<void> => {
    const node = await createNode(id.config, { database: id.database, clock: id.clock.now });
    for (const [type, handler] of handlers) node.federation.replaceHandler(type, handler);
    try {
      await node.app.listen({ host: '127.0.0.1', port: id.port });
    } catch (err) {
      // A node that cannot listen must not keep its relay and register timers alive (they would keep the test
      // process running until CI's time limit).
      await node.deps.register.stop();
      await node.federation.stop();
      await node.app.close();
      throw err;
    }
    current = node;
  };
  const halt = async (): Promise<void> => {
    const node = current;
    current = undefined;
    if (!node) return;
    await node.deps.register.stop();
    await node.federation.stop();
    await node.app.close();
  };
  await boot();
  const running = (): RabtNode => {
    if (!current) throw new Error(`node ${id.country} is stopped`);
    return current;
  };
  return {
    country: id.country,
    url: `http://127.0.0.1:${id.port}`,
    port: id.port,
    thumbprint: id.thumbprint,
    keysFile: id.keysFile,
    peersFile: id.peersFile,
    clock: id.clock,
    config: id.config,
    get node() {
      return running();
    },
    get federation() {
      return running().federation;
    },
    get db() {
      return id.database.db;
    },
    get running() {
      return current !== undefined;
    },
    client: () => new TestClient(running().app),
    on(type, handler) {
      handlers.push([type, handler as unknown as MessageHandler<ExchangeMessageType>]);
      current?.federation.replaceHandler(type, handler);
    },
    stop: halt,
    start: async () => {
      if (closed) throw new Error(`node ${id.country} is closed`);
      if (!current) await boot();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await halt();
      await id.database.close();
    },
  };
}

/** Polls `check` every 25 ms until it is true. */
export async function waitFor(check: () => Promise<boolean> | boolean, what = 'condition', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// ---- fault proxy ----

export interface FaultSettings {
  /** Probability that a message POST (single or batch) is delivered a second time (after its own random delay). */
  duplicate?: number;
  /** Each message POST (and each duplicate) waits a uniform random delay in this range first, which reorders concurrent messages. */
  delayMs?: [number, number];
  /** Probability that a message POST is answered 502 without being forwarded (lost on the way there). */
  drop?: number;
}

export interface FaultProxy {
  url: string;
  settings: FaultSettings;
  stats: { forwarded: number; duplicated: number; dropped: number; other: number };
  close(): Promise<void>;
}

/**
 * A small HTTP fault proxy (Toxiproxy-like, in Node): forwards everything to `target`; message POSTs
 * (/federation/v1/messages and /federation/v1/batch) are delayed, sometimes duplicated (the copy's answer is
 * discarded), sometimes dropped.
 */
export async function startFaultProxy(target: string, settings: FaultSettings, random: () => number = Math.random): Promise<FaultProxy> {
  const stats = { forwarded: 0, duplicated: 0, dropped: 0, other: 0 };
  const pending = new Set<Promise<unknown>>();
  const delay = (): Promise<void> => {
    const [min, max] = settings.delayMs ?? [0, 0];
    return new Promise((resolve) => setTimeout(resolve, min + random() * (max - min)));
  };
  const forward = (req: HttpRequest, body: Buffer): Promise<Response> =>
    fetch(`${target}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers: { ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}), accept: req.headers.accept ?? '*/*' },
      ...(req.method === 'POST' ? { body: new Uint8Array(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isMessage = req.method === 'POST' && (req.url === '/federation/v1/messages' || req.url === '/federation/v1/batch');
      const work = (async () => {
        if (!isMessage) stats.other++;
        else {
          await delay();
          if (random() < (settings.drop ?? 0)) {
            stats.dropped++;
            res.writeHead(502).end();
            return;
          }
          if (random() < (settings.duplicate ?? 0)) {
            stats.duplicated++;
            const copy = delay()
              .then(() => forward(req, body))
              .then((r) => r.arrayBuffer())
              .catch(() => undefined);
            pending.add(copy);
            void copy.finally(() => pending.delete(copy));
          }
          stats.forwarded++;
        }
        try {
          const r = await forward(req, body);
          const answer = Buffer.from(await r.arrayBuffer());
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' }).end(answer);
        } catch {
          res.writeHead(502).end();
        }
      })();
      pending.add(work);
      void work.finally(() => pending.delete(work));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    settings,
    stats,
    close: async () => {
      await Promise.allSettled([...pending]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

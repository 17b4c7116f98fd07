/** Starts the processes under test (floor server, Rabt node) and waits until they answer. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin, createBenchDatabase } from './bench-database.ts';
import { BUILT_NODE, freePort, spawnNode, spawnTsx, waitForOk, type Child } from './children.ts';

export interface Server {
  child: Child;
  baseUrl: string;
  /** Spawn to ready, in seconds. */
  startSeconds: number;
}

/** The bare Fastify floor (bench/floor-server.ts), which prints `LISTENING <port>`. */
export async function startFloor(): Promise<Server> {
  const child = spawnTsx('bench/floor-server.ts', [], process.env);
  const m = await child.waitFor(/^LISTENING (\d+)$/m);
  return { child, baseUrl: `http://127.0.0.1:${m[1]}`, startSeconds: (performance.now() - child.spawnedAt) / 1000 };
}

const BENCH_DB = 'rabt_bench';


/**
 * A Rabt node as `npm start` runs it (the built bundle, plain Node), on a fresh PostgreSQL database
 * `rabt_bench` on `pgUrl` or a fresh PGlite directory; quiet logs, no demo staff or dev tools on either
 * engine so the two compare like for like. Stopping it removes its database.
 */
export async function startNode(engine: 'postgres' | 'pglite', pgUrl?: string, prepare?: (target: { url: string } | { pgliteDir: string }) => Promise<void>): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_COUNTRY: 'EG', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent', COOKIE_SECURE: 'false', SEED_DEMO_STAFF: 'false', SEED_DEMO_DATA: 'false', DEV_TOOLS: 'false', RABT_DEMO_NODES: '' };
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    if (!pgUrl) throw new Error('postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
    env.DATABASE_URL = await createBenchDatabase(pgUrl, BENCH_DB);
    // The node is a child process that has exited by now: nothing of ours holds the database.
    cleanup = () => admin(pgUrl, `DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'rabt-bench-pglite-'));
    env.DATA_DIR = dir;
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  }
  // Data the bench needs before the node starts (PGlite is one session: filled first, then handed over).
  if (prepare && env.DATA_DIR) mkdirSync(join(env.DATA_DIR, 'eg'), { recursive: true });
  if (prepare) await prepare(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: join(env.DATA_DIR!, 'eg', 'pglite') });
  // BENCH_PROF=<dir>: the node writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const child = spawnNode(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [], BUILT_NODE, [], env);
  const baseUrl = `http://127.0.0.1:${port}`;
  const readyAt = await waitForOk(`${baseUrl}/ready`, child);
  const stop = child.stop.bind(child);
  child.stop = async (graceMs?: number) => {
    await stop(graceMs);
    await cleanup();
  };
  return { child, baseUrl, startSeconds: (readyAt - child.spawnedAt) / 1000 };
}

/**
 * Start-up time of `node apps/api/dist/main.mjs` (what `npm start` runs after building the web app
 * and the api bundle: the demo federation of three nodes), from spawn until `GET /ready` answers 200: first on an empty data directory (PGlite created,
 * migrated, seeded), then again on the same directory. Absolute targets from the issue: ≤ 20 s and ≤ 8 s.
 * The floor process's spawn-to-listen time is printed for context (node + tsx + Fastify alone).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from '../lib/bench.ts';
import { BUILT_NODE, freePort, spawnNode, waitForOk } from '../lib/children.ts';
import { startFloor } from '../lib/servers.ts';
import { absoluteRow, infoRow } from '../lib/table.ts';

/**
 * One `npm start`-equivalent run on `dataDir`: the built bundle with no DATABASE_URL starts the demo
 * federation (EG, SA, JO, one process each). Seconds from spawn until every node's /ready answers 200.
 */
async function timeStart(dataDir: string): Promise<number> {
  const ports = [await freePort(), await freePort(), await freePort()];
  const spec = ['EG', 'SA', 'JO'].map((c, i) => `${c}:${ports[i]}`).join(',');
  // A clean environment: an inherited DATABASE_URL (or other setting) must not change what is measured.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', RABT_DEMO_NODES: spec };
  const child = spawnNode([], BUILT_NODE, [], env);
  try {
    const readyAt = await Promise.all(ports.map((p) => waitForOk(`http://127.0.0.1:${p}/ready`, child)));
    return (Math.max(...readyAt) - child.spawnedAt) / 1000;
  } finally {
    await child.stop(30_000);
  }
}

export const startup: Bench = {
  name: 'startup',
  async run(ctx) {
    const floor = await startFloor();
    await floor.child.stop();
    const dataDir = mkdtempSync(join(tmpdir(), 'rabt-bench-start-'));
    try {
      const first = await timeStart(dataDir);
      ctx.log(`first start ${first.toFixed(1)} s`);
      const later = await timeStart(dataDir);
      ctx.log(`later start ${later.toFixed(1)} s`);
      return [
        absoluteRow('npm start: all 3 nodes /ready, empty data dir', first, 's', 20),
        absoluteRow('npm start: all 3 nodes /ready, same data dir', later, 's', 8),
        infoRow('floor: bare Fastify spawn to listen', `${floor.startSeconds.toFixed(1)} s`),
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

/**
 * Start-up time of `node apps/api/dist/main.mjs` (what `npm start` runs after building the web app
 * and the api bundle), from spawn until `GET /ready` answers 200: first on an empty data directory (PGlite created,
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

/** One start of the built node on `dataDir`; seconds from spawn to the first 200 from /ready. Stops it gracefully. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  // A clean environment: an inherited DATABASE_URL (or other setting) must not change what is measured.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_COUNTRY: 'EG', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const child = spawnNode([], BUILT_NODE, [], env);
  try {
    const readyAt = await waitForOk(`http://127.0.0.1:${port}/ready`, child);
    return (readyAt - child.spawnedAt) / 1000;
  } finally {
    await child.stop();
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
        absoluteRow('start-up to /ready 200, empty data dir (PGlite)', first, 's', 20),
        absoluteRow('start-up to /ready 200, same data dir again', later, 's', 8),
        infoRow('floor: bare Fastify spawn to listen', `${floor.startSeconds.toFixed(1)} s`),
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

/**
 * Idle memory: resident set (VmRSS) of a node process after start-up and a few requests, then 3 s of
 * quiet. Target from the issue: the app's own idle memory ≤ 150 MB per node, measured against PostgreSQL
 * (the database server's memory is not the app's). The same node on PGlite carries the embedded
 * database in its process: the difference is printed as the PGlite overhead. Floor RSS for context.
 */
import type { Bench } from '../lib/bench.ts';
import { sleep } from '../lib/children.ts';
import { occupationPaths } from '../lib/queries.ts';
import { rssMb } from '../lib/rss.ts';
import { startFloor, startNode, type Server } from '../lib/servers.ts';
import { infoRow, type Row } from '../lib/table.ts';

const SETTLE_MS = 3_000;
const LIMIT_MB = 150;

/** A few requests of each path, a pause, then the process's RSS in MB. */
async function idleRss(server: Server, paths: string[]): Promise<number> {
  for (let i = 0; i < 5; i++) {
    for (const path of paths) {
      const res = await fetch(server.baseUrl + path);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
    }
  }
  await sleep(SETTLE_MS);
  return rssMb(server.child.pid);
}

async function measure(start: () => Promise<Server>, paths: string[]): Promise<number> {
  const server = await start();
  try {
    return await idleRss(server, paths);
  } finally {
    await server.child.stop();
  }
}

export const idleMemory: Bench = {
  name: 'idle-memory',
  async run(ctx) {
    const nodePaths = ['/health', '/ready', '/api/v1/governorates', '/api/v1/countries', ...occupationPaths()];
    const floor = await measure(startFloor, ['/floor']);
    const pg = ctx.pgUrl ? await measure(() => startNode('postgres', ctx.pgUrl), nodePaths) : undefined;
    const lite = await measure(() => startNode('pglite'), nodePaths);
    ctx.log(`idle RSS: floor ${floor.toFixed(0)} MB, postgres ${pg?.toFixed(0) ?? '—'} MB, pglite ${lite.toFixed(0)} MB`);
    const mb = (v: number): string => `${v.toFixed(0)} MB`;
    const rows: Row[] = [];
    if (pg === undefined) {
      rows.push(infoRow('idle RSS, node on PostgreSQL', 'not measured: set BENCH_DATABASE_URL'));
    } else {
      rows.push({
        measure: 'idle RSS, node on PostgreSQL (app own)',
        value: mb(pg),
        floor: mb(floor),
        ratio: `${(pg / floor).toFixed(2)} ×`,
        target: `≤ ${LIMIT_MB} MB (absolute)`,
        verdict: pg <= LIMIT_MB ? 'PASS' : 'FAIL',
      });
    }
    rows.push(infoRow('idle RSS, node on PGlite', mb(lite), mb(floor), `${(lite / floor).toFixed(2)} ×`));
    if (pg !== undefined) rows.push(infoRow('  PGlite overhead (PGlite − PostgreSQL)', mb(lite - pg)));
    rows.push(infoRow('floor: bare Fastify idle RSS', mb(floor)));
    return rows;
  },
};

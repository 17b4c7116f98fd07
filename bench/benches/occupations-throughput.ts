/**
 * Occupation search throughput: `GET /api/v1/occupations?q=…` (in-memory search over the 619 ISCO-08
 * groups, through the full Rabt app: helmet, cookies, CSRF hook, zod validation and serialisation,
 * metrics) against the bare-Fastify floor under the same autocannon load. Target: ≥ 0.4 × floor req/s.
 * For diagnosis, the same node's cheapest route (`GET /health`) is loaded too: it separates the cost of
 * the app's plugin stack from the cost of the search itself (context only, no target).
 */
import type { Bench } from '../lib/bench.ts';
import { load } from '../lib/load.ts';
import { checkOccupations, occupationPaths } from '../lib/queries.ts';
import { startNode } from '../lib/servers.ts';
import { infoRow, ratioRow, type Row } from '../lib/table.ts';

export const occupationsThroughput: Bench = {
  name: 'occupations-throughput',
  async run(ctx) {
    const floor = await ctx.floor();
    const engine = ctx.pgUrl ? 'postgres' : 'pglite';
    const node = await startNode(engine, ctx.pgUrl);
    try {
      ctx.log(`node (${engine}) listening; results per query: ${await checkOccupations(node.baseUrl)}`);
      const r = await load(node.baseUrl, occupationPaths(), ctx.load);
      const health = await load(node.baseUrl, ['/health'], ctx.load);
      const ms = (v: number): string => (v < 1 ? '< 1 ms' : `${v} ms`);
      const rows: Row[] = [
        infoRow('floor: bare Fastify GET /floor', `${floor.reqPerSec.toFixed(0)} req/s`),
        ratioRow(`GET /api/v1/occupations?q= (${engine}) throughput`, r.reqPerSec, floor.reqPerSec, 'req/s', '>=', 0.4),
        infoRow('  latency p50', ms(r.p50Ms), ms(floor.p50Ms)),
        infoRow('  latency p99', ms(r.p99Ms), ms(floor.p99Ms)),
        infoRow('  same node, GET /health (stack cost)', `${health.reqPerSec.toFixed(0)} req/s`, `${floor.reqPerSec.toFixed(0)} req/s`, `${(health.reqPerSec / floor.reqPerSec).toFixed(2)} ×`),
      ];
      const failures = r.failures + health.failures + floor.failures;
      if (failures > 0) {
        rows.push({ ...infoRow('  errors/timeouts/non-2xx (occupations, health, floor)', `${r.failures}, ${health.failures}, ${floor.failures}`), target: '0', verdict: 'FAIL' });
      }
      return rows;
    } finally {
      await node.child.stop();
    }
  },
};

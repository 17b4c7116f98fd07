/**
 * `npm run bench`: runs every bench in BENCHES and prints one table. Targets are ratios against a floor
 * (a bare Fastify process) measured in the same run on the same machine, except the few absolute limits
 * the issues set, which are labelled "(absolute)". Benchmarks report, they do not gate: the exit code is
 * 0 even when a target FAILs, and 1 only when a bench crashes.
 *
 * Environment: BENCH_SECONDS (measured load, default 8), BENCH_WARM_SECONDS (warm-up, default the same),
 * BENCH_CONNECTIONS (default 10), BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server for the
 * PostgreSQL-backed node; otherwise PGlite only), BENCH_ONLY (comma-separated bench names).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import type { Bench, Context } from './lib/bench.ts';
import { killAllChildren } from './lib/children.ts';
import { load, type LoadResult } from './lib/load.ts';
import { startFloor } from './lib/servers.ts';
import { printTable, type Row } from './lib/table.ts';
import { occupationsThroughput } from './benches/occupations-throughput.ts';
import { startup } from './benches/startup.ts';
import { idleMemory } from './benches/idle-memory.ts';
import { candidateSearch } from './benches/candidate-search.ts';
import { federationThroughput } from './benches/federation-throughput.ts';
import { offlineVerify, verifyThroughput } from './benches/verify.ts';
import { webBundle } from './benches/web-bundle.ts';
import { registerProof } from './benches/register-proof.ts';
import { officeQueue } from './benches/office-queue.ts';
import { legacyImport } from './benches/legacy-import.ts';
import { elearning } from './benches/elearning.ts';

/** Every bench, in run order. Add new ones here. */
const BENCHES: Bench[] = [occupationsThroughput, startup, idleMemory, candidateSearch, federationThroughput, registerProof, verifyThroughput, offlineVerify, officeQueue, elearning, legacyImport, webBundle];

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return n;
}

const seconds = positive('BENCH_SECONDS', 8);
const settings = { seconds, warmSeconds: positive('BENCH_WARM_SECONDS', seconds), connections: positive('BENCH_CONNECTIONS', 10) };
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

let floorResult: Promise<LoadResult> | undefined;
async function measureFloor(): Promise<LoadResult> {
  const floor = await startFloor();
  try {
    log(`floor listening; loading /floor for ${settings.warmSeconds} s warm-up + ${settings.seconds} s`);
    const r = await load(floor.baseUrl, ['/floor'], settings);
    log(`floor ${r.reqPerSec.toFixed(0)} req/s`);
    return r;
  } finally {
    await floor.child.stop();
  }
}

const ctx: Context = {
  load: settings,
  pgUrl: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL,
  floor: () => (floorResult ??= measureFloor()),
  log,
};

// Benchmark the node as `npm start` runs it: build the bundle first.
const built = spawnSync(process.execPath, ['scripts/build-api.mjs'], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('building the api bundle failed');

const cpu = cpus();
// The load average is printed because other work on the machine skews the floor and the app alike, but not always equally.
console.log(`Rabt benchmarks — node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  `load: autocannon, ${settings.connections} connections, ${settings.warmSeconds} s warm-up + ${settings.seconds} s measured; ` +
    `database for the node: ${ctx.pgUrl ? 'PostgreSQL (rabt_bench) and PGlite' : 'PGlite (set BENCH_DATABASE_URL for PostgreSQL)'}`,
);

const rows: Row[] = [];
let crashed = false;
try {
  for (const bench of BENCHES) {
    if (only && !only.includes(bench.name)) continue;
    log(`— ${bench.name}`);
    try {
      rows.push(...(await bench.run(ctx)));
    } catch (err) {
      crashed = true;
      console.error(`bench ${bench.name} crashed:`, err);
      rows.push({ measure: `${bench.name}: crashed (see above)`, value: '—', floor: '—', ratio: '—', target: '—', verdict: 'FAIL' });
    }
  }
  console.log('');
  printTable(rows);
  const pass = rows.filter((r) => r.verdict === 'PASS').length;
  const fail = rows.filter((r) => r.verdict === 'FAIL').length;
  console.log(`\n${pass} PASS, ${fail} FAIL${crashed ? ' (a bench crashed: exit code 1)' : ''}`);
} finally {
  killAllChildren();
}
process.exit(crashed ? 1 : 0);

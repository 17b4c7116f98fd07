/**
 * Transparency register at scale (issue 4 target): a 1,000,000-leaf RFC 9162 log is built quickly — leaf
 * hashes and every perfect-subtree hash computed in Node (node:crypto SHA-256), written in batches with
 * INSERT … SELECT over generate_series, slicing one bytea parameter per batch (COPY-like) — then a
 * checkpoint is signed by the register service itself (its root from the stored subtrees must equal the
 * root computed in memory). Then the service's inclusionProof for random indexes against the full tree
 * (one indexed select + folding) is timed against a primary-key lookup of a leaf, interleaved, same
 * connection, same run. PGlite always; PostgreSQL too when the bench has a server URL.
 *
 * Target: median inclusion proof ≤ 5 × median primary-key lookup at 1M leaves.
 */
import { createHash, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { rootFromInclusionProof, verifyInclusion } from '@rabt/trust';
import type { Bench } from '../lib/bench.ts';
import { createBenchDatabase, dropDatabase } from '../lib/bench-database.ts';
import { infoRow, ratioRow, type Row } from '../lib/table.ts';
import { openDatabase, type Database } from '../../apps/api/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/api/src/platform/db/migrate.ts';
import { generateNodeKeys, loadKeyRing } from '../../apps/api/src/modules/federation/keys.ts';
import type { Federation } from '../../apps/api/src/modules/federation/federation.port.ts';
import { RegisterService } from '../../apps/api/src/modules/register/register.service.ts';

const DB_NAME = 'rabt_bench_register';
const LEAVES = Number(process.env.BENCH_REGISTER_LEAVES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_REGISTER_ROUNDS ?? 500);
const BATCH = 50_000;

const sha256 = (d: Uint8Array): Buffer => createHash('sha256').update(d).digest();



/** Level-by-level hashes of the perfect subtrees: levels[L] holds (n >> L) hashes of 32 bytes, concatenated. */
function buildLevels(n: number): Buffer[] {
  const leafData = Buffer.alloc(n * 32);
  const level0 = Buffer.alloc(n * 32);
  const prefix = Buffer.alloc(33);
  for (let i = 0; i < n; i++) {
    // Leaf data stands for a salted digest of a document: 32 pseudo-random bytes.
    const data = sha256(Buffer.from(`bench-leaf-${i}`));
    data.copy(leafData, i * 32);
    prefix[0] = 0x00;
    data.copy(prefix, 1);
    sha256(prefix).copy(level0, i * 32);
  }
  const levels = [level0];
  const node = Buffer.alloc(65);
  node[0] = 0x01;
  for (let L = 1; n >> L > 0; L++) {
    const below = levels[L - 1]!;
    const count = n >> L;
    const here = Buffer.alloc(count * 32);
    for (let i = 0; i < count; i++) {
      below.copy(node, 1, 2 * i * 32, (2 * i + 2) * 32);
      sha256(node).copy(here, i * 32);
    }
    levels.push(here);
  }
  levels.unshift(leafData); // levels[0] = leaf data, levels[1] = level 0 hashes, …
  return levels;
}

/** Writes leaves, subtrees and the state row: INSERT … SELECT generate_series, one bytea slice per row. */
async function fill(database: Database, n: number, levels: Buffer[]): Promise<void> {
  const db = database.db;
  const data = levels[0]!;
  const leafHashes = levels[1]!;
  for (let start = 0; start < n; start += BATCH) {
    const count = Math.min(BATCH, n - start);
    const d = data.subarray(start * 32, (start + count) * 32);
    const h = leafHashes.subarray(start * 32, (start + count) * 32);
    await sql`
      INSERT INTO register_leaves (index, kind, data, leaf_hash, appended_at)
      SELECT ${start}::bigint + g, 'contract', substring(${d}::bytea FROM g * 32 + 1 FOR 32), substring(${h}::bytea FROM g * 32 + 1 FOR 32), now()
      FROM generate_series(0, ${count - 1}) AS g`.execute(db);
  }
  for (let level = 0; level + 1 < levels.length; level++) {
    const hashes = levels[level + 1]!;
    const total = hashes.length / 32;
    for (let start = 0; start < total; start += BATCH) {
      const count = Math.min(BATCH, total - start);
      const h = hashes.subarray(start * 32, (start + count) * 32);
      await sql`
        INSERT INTO register_subtrees (level, index, hash)
        SELECT ${level}::smallint, ${start}::bigint + g, substring(${h}::bytea FROM g * 32 + 1 FOR 32)
        FROM generate_series(0, ${count - 1}) AS g`.execute(db);
    }
  }
  await db.updateTable('register_state').set({ tree_size: n }).where('id', '=', true).execute();
  await sql`ANALYZE register_leaves`.execute(db);
  await sql`ANALYZE register_subtrees`.execute(db);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Root of n leaves from the in-memory levels (RFC 9162 §2.1.1: fold the perfect subtrees right to left). */
function memoryRoot(levels: Buffer[], n: number): Buffer {
  const parts: Buffer[] = [];
  let lo = 0;
  for (let L = Math.floor(Math.log2(n)); L >= 0; L--) {
    if (lo + 2 ** L <= n) {
      const i = lo / 2 ** L;
      parts.push(levels[L + 1]!.subarray(i * 32, (i + 1) * 32));
      lo += 2 ** L;
    }
  }
  let h = parts[parts.length - 1]!;
  for (let k = parts.length - 2; k >= 0; k--) h = sha256(Buffer.concat([Buffer.of(0x01), parts[k]!, h]));
  return h;
}

async function run(database: Database, engine: string, levels: Buffer[], log: (m: string) => void): Promise<Row[]> {
  const db = database.db;
  await migrateToLatest(db);
  let t0 = performance.now();
  await fill(database, LEAVES, levels);
  const fillSeconds = (performance.now() - t0) / 1000;
  log(`${engine}: ${LEAVES.toLocaleString('en')} leaves and their subtrees written in ${fillSeconds.toFixed(1)} s`);

  const stub: Federation = { country: 'EG', peers: () => [], enqueue: () => Promise.resolve(''), cancelPending: () => Promise.resolve(0), on: () => undefined };
  const keys = await loadKeyRing((await generateNodeKeys()).keys);
  const register = new RegisterService({
    db,
    clock: () => new Date(),
    country: 'EG',
    origin: 'rabt.eg/register',
    checkpointIntervalMs: 5000,
    keys,
    federation: stub,
    peerKeys: { peer: () => undefined, keyFor: () => Promise.resolve(undefined) },
  });
  t0 = performance.now();
  const cp = await register.publishCheckpoint();
  const publishMs = performance.now() - t0;
  const expected = memoryRoot(levels, LEAVES);
  if (!cp || !Buffer.from(cp.rootHash).equals(expected)) throw new Error(`${engine}: the checkpoint root does not match the in-memory tree`);

  const proof: number[] = [];
  const pk: number[] = [];
  for (let round = -50; round < ROUNDS; round++) {
    const index = randomInt(LEAVES);
    let t = performance.now();
    const p = await register.inclusionProof(index, LEAVES);
    const proofMs = performance.now() - t;
    t = performance.now();
    const row = await db.selectFrom('register_leaves').selectAll().where('index', '=', index).executeTakeFirst();
    const pkMs = performance.now() - t;
    if (!row) throw new Error(`leaf ${index} missing`);
    if (round < 0 && !verifyInclusion(p.leafHash, index, LEAVES, p.proof, cp.rootHash)) {
      throw new Error(`${engine}: proof for ${index} does not verify (root ${String(rootFromInclusionProof(p.leafHash, index, LEAVES, p.proof))})`);
    }
    if (round >= 0) {
      proof.push(proofMs);
      pk.push(pkMs);
    }
  }
  const proofMedian = median(proof);
  const pkMedian = median(pk);
  log(`${engine}: inclusion proof median ${proofMedian.toFixed(3)} ms, primary-key lookup median ${pkMedian.toFixed(3)} ms`);
  const subtrees = (await sql<{ n: string }>`SELECT count(*)::text AS n FROM register_subtrees`.execute(db)).rows[0]?.n ?? '?';
  return [
    ratioRow(`register inclusion proof median vs primary-key lookup, ${LEAVES.toLocaleString('en')} leaves (${engine})`, proofMedian, pkMedian, 'ms', '<=', 5, 3),
    infoRow(`register (${engine}): build ${fillSeconds.toFixed(1)} s for ${subtrees} subtree rows; checkpoint signed in ${publishMs.toFixed(1)} ms`, '—'),
  ];
}

export const registerProof: Bench = {
  name: 'register-proof',
  async run(ctx): Promise<Row[]> {
    let t0 = performance.now();
    const levels = buildLevels(LEAVES);
    ctx.log(`register: ${LEAVES.toLocaleString('en')} leaf and subtree hashes computed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const rows: Row[] = [];

    const dir = mkdtempSync(join(tmpdir(), 'rabt-bench-register-'));
    const lite = await openDatabase({ pgliteDir: dir });
    try {
      rows.push(...(await run(lite, 'PGlite', levels, (m) => ctx.log(m))));
    } finally {
      await lite.close();
      rmSync(dir, { recursive: true, force: true });
    }

    if (ctx.pgUrl) {
      t0 = performance.now();
      const database = await openDatabase({ url: await createBenchDatabase(ctx.pgUrl, DB_NAME) });
      try {
        rows.push(...(await run(database, 'PostgreSQL', levels, (m) => ctx.log(m))));
      } finally {
        await database.close();
        await dropDatabase(ctx.pgUrl, DB_NAME).catch(() => undefined);
      }
    } else rows.push(infoRow('register proof on PostgreSQL: needs BENCH_DATABASE_URL or TEST_DATABASE_URL', 'skipped'));
    return rows;
  },
};

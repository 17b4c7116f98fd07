/**
 * Legacy register import at scale (issue 5 target): on PostgreSQL, a fresh database with every
 * migration, reference data and the demo staff; 100,000 generated legacy rows written as one CSV file
 * (valid rows of the Nasr City office, unique national IDs and register numbers). Same run, same file:
 * - floor: a plain `COPY legacy_bare FROM STDIN (FORMAT csv, HEADER)` of the file into a bare table of
 *   text columns (no index, no validation), through psql's `\copy` (COPY … FROM STDIN);
 * - value: the real import service (imports.service.ts startImport + run: the file streamed to disk,
 *   parsed, validated row by row, written in batches with ON CONFLICT DO NOTHING, counts, report, audit).
 * - ceiling (info): one INSERT … SELECT of the same, already valid rows from that bare table into the
 *   registry table (rolled back): the cost of the registry's indexes, CHECKs and foreign keys alone.
 * Target: import rate ≥ 0.2 × COPY rate. Memory stays flat (the file is streamed, never held whole): the
 * live heap after a full GC once a tenth and once nine tenths of the rows are imported (target: grows by
 * ≤ FLAT_MB); the process RSS before, at its peak and after is shown too (RSS also moves with V8's lazy
 * collection of garbage, so it is context, not the check).
 * PGlite is not measured here (its COPY needs a file in its virtual FS); the import runs there in tests.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { nationalIdCheckDigit } from '@rabt/contracts';
import type { Bench } from '../lib/bench.ts';
import { createBenchDatabase, dropDatabase } from '../lib/bench-database.ts';
import { infoRow, ratioRow, type Row } from '../lib/table.ts';
import { openDatabase } from '../../apps/api/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/api/src/platform/db/migrate.ts';
import { DEMO_STAFF_DOMAIN, seedDemoStaff, seedReferenceData } from '../../apps/api/src/platform/db/seed.ts';
import { startImport } from '../../apps/api/src/modules/imports/imports.service.ts';

const DB_NAME = 'rabt_bench_import';
/** Thrown to roll the ceiling's transaction back. */
class RolledBack extends Error {}
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const MB = 1024 * 1024;
/**
 * "Memory stays flat": the live heap may grow by at most this much between a tenth and nine tenths of the
 * rows. Holding the file (8 MB of CSV, twice that as JS strings) or the parsed rows would exceed it.
 */
const FLAT_MB = 8;

/** A full GC (the flag is set at run time: the bench runs without --expose-gc). */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};



/** Row i's national ID: born 1970-01-01 + (i mod 10,000) days, serial i div 10,000, valid check digit. */
function nationalId(i: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + (i % 10_000) * 86_400_000);
  const yy = String(birth.getUTCFullYear()).slice(2);
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const first13 = `2${yy}${mm}${dd}01${String(Math.floor(i / 10_000)).padStart(4, '0')}`;
  return first13 + String(nationalIdCheckDigit(first13));
}

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const isco = ['7411', '2512', '7112', '8322', '5223', '9313'];
  const qual = ['secondary', 'technical_secondary', 'bachelor', 'preparatory'];
  out.write('register_number,national_id,name,registration_date,office_code,isco,qualification,experience_years\n');
  for (let i = 0; i < rows; i++) {
    const line = `${i + 1},${nationalId(i)},محمد أحمد ${i},${2015 + (i % 5)}-0${1 + (i % 9)}-1${i % 10},CAI-NASR,${isco[i % isco.length]},${qual[i % qual.length]},${i % 30}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export const legacyImport: Bench = {
  name: 'legacy-import',
  async run(ctx): Promise<Row[]> {
    if (!ctx.pgUrl) return [infoRow('legacy import: needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL)', 'skipped')];
    const url = await createBenchDatabase(ctx.pgUrl, DB_NAME);
    const database = await openDatabase({ url });
    const dir = mkdtempSync(join(tmpdir(), 'rabt-bench-import-'));
    try {
      const db = database.db;
      await migrateToLatest(db);
      await seedReferenceData(db);
      await seedDemoStaff(db, new Date());
      const file = join(dir, 'register.csv');
      await writeCsv(file, ROWS);
      ctx.log(`${ROWS} legacy rows written as CSV`);

      // Floor: COPY … FROM STDIN of the same file into a bare table (psql \copy), same run.
      await sql`CREATE TABLE legacy_bare (register_number text, national_id text, name text, registration_date text, office_code text, isco text, qualification text, experience_years text)`.execute(db);
      const t0 = performance.now();
      const copy = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy legacy_bare FROM '${file}' WITH (FORMAT csv, HEADER true)`], { encoding: 'utf8' });
      const copyMs = performance.now() - t0;
      if (copy.status !== 0) throw new Error(`psql \\copy failed: ${copy.stderr}`);
      const copyRate = ROWS / (copyMs / 1000);
      ctx.log(`COPY: ${copyMs.toFixed(0)} ms (${copyRate.toFixed(0)} rows/s)`);

      // Ceiling: the same rows, already valid, written from the bare table into employment_registrations
      // by ONE INSERT … SELECT (every index, CHECK and foreign key of the registry; no parsing, no
      // validation, no report), then rolled back and vacuumed. No import design that writes into the
      // registry can beat it; it shows how much of the gap to COPY is the registry's own upkeep.
      const t2 = performance.now();
      await db
        .transaction()
        .execute(async (trx) => {
          await sql`INSERT INTO employment_registrations (id, registration_number, office_id, registered_on, isco, education, experience_years, age_at_registration, created_at, source, legacy_register_number, national_id, holder_name)
            SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(row_number() OVER ()), 12, '0'))::uuid, 'CAI-NASR-L-' || b.register_number, o.id, b.registration_date::date, b.isco,
                   b.qualification, b.experience_years::smallint, 30, now(), 'legacy_import', b.register_number, b.national_id, b.name
              FROM legacy_bare b JOIN offices o ON o.code = b.office_code
            ON CONFLICT DO NOTHING`.execute(trx);
          throw new RolledBack();
        })
        .catch((e: unknown) => {
          if (!(e instanceof RolledBack)) throw e;
        });
      const ceilingMs = performance.now() - t2;
      const ceilingRate = ROWS / (ceilingMs / 1000);
      await sql`VACUUM employment_registrations`.execute(db);
      ctx.log(`ceiling INSERT … SELECT into the registry: ${ceilingMs.toFixed(0)} ms (${ceilingRate.toFixed(0)} rows/s)`);

      const head = await db.selectFrom('staff').select(['id', 'office_id']).where('email', '=', `nasr.head@${DEMO_STAFF_DOMAIN}`).executeTakeFirstOrThrow();
      gc();
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      // Flat memory: the live heap (after a full GC) once a tenth of the rows is imported and once nine
      // tenths are (rows_read is committed batch by batch; polled on its own connection). Two forced GCs
      // cost a few tens of ms of a run of seconds.
      const heapAt: { tenth?: number; ninth?: number } = {};
      const watched: { jobId?: string } = {};
      let polling = false;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        if (heapAt.ninth !== undefined || !watched.jobId || polling) return;
        polling = true;
        void db
          .selectFrom('import_jobs')
          .select('rows_read')
          .where('id', '=', watched.jobId)
          .executeTakeFirst()
          .then((j) => {
            const read = j?.rows_read ?? 0;
            if (heapAt.tenth === undefined && read >= ROWS / 10) heapAt.tenth = liveHeap();
            else if (heapAt.tenth !== undefined && read >= (ROWS * 9) / 10) heapAt.ninth = liveHeap();
          })
          .finally(() => (polling = false));
      }, 50);
      const t1 = performance.now();
      const started = await startImport(
        { db, clock: () => new Date() },
        { kind: 'staff', staffId: head.id, role: 'office_head', officeId: head.office_id, directorateCode: null },
        { body: createReadStream(file), contentType: 'text/csv' },
      );
      watched.jobId = started.job.id;
      await started.run();
      const importMs = performance.now() - t1;
      clearInterval(sampler);
      const rssAfter = process.memoryUsage().rss;
      const job = await db.selectFrom('import_jobs').selectAll().where('id', '=', started.job.id).executeTakeFirstOrThrow();
      if (job.status !== 'done' || job.rows_imported !== ROWS) throw new Error(`import: ${job.status}, ${job.rows_imported}/${ROWS} imported, ${job.rows_error} errors (${job.failure ?? ''})`);
      const importRate = ROWS / (importMs / 1000);
      ctx.log(`import: ${importMs.toFixed(0)} ms (${importRate.toFixed(0)} rows/s); RSS ${(rssBefore / MB).toFixed(0)} → peak ${(rssPeak / MB).toFixed(0)} → ${(rssAfter / MB).toFixed(0)} MB`);
      const tenth = heapAt.tenth ?? NaN;
      const ninth = heapAt.ninth ?? liveHeap();
      const growth = (ninth - tenth) / MB;
      return [
        ratioRow(`legacy import rate vs plain COPY, ${ROWS} rows (PostgreSQL)`, importRate, copyRate, 'rows/s', '>=', 0.2),
        { ...infoRow('  ceiling: one INSERT … SELECT of the valid rows into the registry (indexes, FKs), vs COPY', `${ceilingRate.toFixed(0)} rows/s`), floor: `${copyRate.toFixed(0)} rows/s`, ratio: `${(ceilingRate / copyRate).toFixed(2)} ×` },
        { ...infoRow('  import rate vs that ceiling', `${importRate.toFixed(0)} rows/s`), floor: `${ceilingRate.toFixed(0)} rows/s`, ratio: `${(importRate / ceilingRate).toFixed(2)} ×` },
        infoRow('legacy import: process RSS before → peak → after (MB)', `${(rssBefore / MB).toFixed(0)} → ${(rssPeak / MB).toFixed(0)} → ${(rssAfter / MB).toFixed(0)}`),
        {
          ...infoRow(`legacy import: live heap after GC at ${ROWS / 10} → ${(ROWS * 9) / 10} rows (MB)`, `${(tenth / MB).toFixed(1)} → ${(ninth / MB).toFixed(1)} (${growth >= 0 ? '+' : ''}${growth.toFixed(1)})`),
          target: `≤ +${FLAT_MB} MB`,
          verdict: growth <= FLAT_MB ? 'PASS' : 'FAIL',
        },
        infoRow('legacy import: file size (MB)', ((Number(job.file_bytes) || 0) / MB).toFixed(1)),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await database.close();
      await dropDatabase(ctx.pgUrl, DB_NAME).catch(() => undefined);
    }
  },
};

/**
 * Office queue at scale (issue 5 target): on PostgreSQL, a fresh database with every migration and the
 * office network is filled with 100,000 e-service applications (INSERT … SELECT generate_series: spread
 * over every labour office, about 20 % still open — submitted, in review, waiting for the applicant or
 * escalated — with SLA deadlines from 4 days overdue to 4 days ahead, the rest decided) and one applicant each (at most one open application per applicant and service).
 * applicants. Typical queue pages (the repository's own query with its count: default open queue pages 1
 * and 3, one status, SLA-breached only, one service) for a random office are timed against a
 * primary-key lookup of an application, interleaved, same connection, same run.
 *
 * Target: median queue page ≤ 10 × median primary-key lookup.
 */
import { sql } from 'kysely';
import type { Bench } from '../lib/bench.ts';
import { createBenchDatabase, dropDatabase } from '../lib/bench-database.ts';
import { infoRow, ratioRow, type Row } from '../lib/table.ts';
import { openDatabase, type Database } from '../../apps/api/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/api/src/platform/db/migrate.ts';
import { seedReferenceData } from '../../apps/api/src/platform/db/seed.ts';
import { queuePage, type QueueFilter } from '../../apps/api/src/modules/eservices/eservices.repository.ts';

const DB_NAME = 'rabt_bench_office_queue';
const APPLICATIONS = 100_000;
const ROUNDS = Number(process.env.BENCH_QUEUE_ROUNDS ?? 300);



async function fill(database: Database, now: Date): Promise<void> {
  const db = database.db;
  await sql`
    INSERT INTO citizens (id, national_id, national_id_check_ok, birth_date, sex, governorate_code, name_ar, name_latin, mobile, password_hash, created_at, updated_at)
    SELECT md5('c' || i)::uuid, '2900101' || lpad(i::text, 7, '0'), true, DATE '1990-01-01', 'male', '01', 'مواطن ' || i, 'Citizen ' || i,
           '+2010' || lpad(i::text, 8, '0'), 'x', ${now}, ${now}
    FROM generate_series(1, ${APPLICATIONS}::int) AS i`.execute(db);
  await sql`
    WITH o AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(directorate_code ORDER BY code) AS dirs, count(*)::int AS n FROM offices)
    INSERT INTO service_applications (id, reference, service_code, applicant_citizen_id, office_id, directorate_code, status, current_step, step_due_at,
                                      answers, declared_documents, fee_piastres, submitted_at, decided_at, created_at, updated_at)
    SELECT md5('a' || i)::uuid, 'ER-2026-' || lpad(i::text, 6, '0'), 'employment_registration', md5('c' || i)::uuid,
           o.ids[1 + i % o.n], o.dirs[1 + i % o.n],
           s.status,
           CASE WHEN s.open THEN CASE WHEN s.status = 'escalated' THEN 'directorate_decision' ELSE 'office_review' END END,
           CASE WHEN s.open AND s.status <> 'info_requested' THEN ${now}::timestamptz + ((i * 7919) % 192 - 96) * interval '1 hour' END,
           '{"isco":"7411","education":"secondary","experienceYears":3}'::jsonb, '["national_id_copy","photo"]'::jsonb, 0,
           ${now}::timestamptz - (i % 400) * interval '1 day', CASE WHEN NOT s.open THEN ${now}::timestamptz - (i % 300) * interval '1 day' END,
           ${now}::timestamptz - (i % 400) * interval '1 day', ${now}
    FROM generate_series(1, ${APPLICATIONS}::int) AS i, o,
         LATERAL (SELECT (ARRAY['submitted','in_review','info_requested','escalated','issued','issued','issued','issued','rejected','withdrawn',
                                'issued','issued','issued','issued','issued','issued','issued','issued','rejected','withdrawn'])[1 + (i / 7) % 20] AS status) st,
         LATERAL (SELECT st.status AS status, st.status IN ('submitted','in_review','info_requested','escalated') AS open) s`.execute(db);
  await sql`ANALYZE citizens`.execute(db);
  await sql`ANALYZE service_applications`.execute(db);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function measure(database: Database, offices: string[], now: Date): Promise<{ queue: number; pk: number; rows: number }> {
  const db = database.db;
  const pages: ((officeId: string) => QueueFilter)[] = [
    (officeId) => ({ scope: { kind: 'office', officeId }, status: 'open', now, page: 1, pageSize: 25 }),
    (officeId) => ({ scope: { kind: 'office', officeId }, status: 'open', now, page: 3, pageSize: 25 }),
    (officeId) => ({ scope: { kind: 'office', officeId }, status: 'in_review', now, page: 1, pageSize: 25 }),
    (officeId) => ({ scope: { kind: 'office', officeId }, status: 'open', breached: true, now, page: 1, pageSize: 25 }),
    (officeId) => ({ scope: { kind: 'office', officeId }, status: 'open', service: 'employment_registration', now, page: 1, pageSize: 25 }),
  ];
  const q: number[] = [];
  const p: number[] = [];
  let rows = 0;
  for (let round = -30; round < ROUNDS; round++) {
    const office = offices[((round + 30) * 7919) % offices.length]!;
    const build = pages[(round + 30) % pages.length]!;
    const id = Math.floor(Math.random() * APPLICATIONS) + 1;
    let t0 = performance.now();
    const page = await queuePage(db, build(office));
    const queueMs = performance.now() - t0;
    t0 = performance.now();
    await db.selectFrom('service_applications').selectAll().where('id', '=', sql<string>`md5(${'a' + id})::uuid`).executeTakeFirst();
    const pkMs = performance.now() - t0;
    if (round >= 0) {
      q.push(queueMs);
      p.push(pkMs);
      rows += page.items.length;
    }
    if (round === -30 && page.items.length === 0) throw new Error('empty queue: the generator is broken');
  }
  return { queue: median(q), pk: median(p), rows };
}

export const officeQueue: Bench = {
  name: 'office-queue',
  async run(ctx): Promise<Row[]> {
    if (!ctx.pgUrl) return [infoRow('office queue: needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL)', 'skipped')];
    const database = await openDatabase({ url: await createBenchDatabase(ctx.pgUrl, DB_NAME) });
    try {
      await migrateToLatest(database.db);
      await seedReferenceData(database.db);
      const now = new Date();
      const t0 = performance.now();
      await fill(database, now);
      ctx.log(`${APPLICATIONS.toLocaleString('en')} applications generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const offices = (await database.db.selectFrom('offices').select('id').orderBy('code').execute()).map((r) => r.id);
      const m = await measure(database, offices, now);
      ctx.log(`office queue median ${m.queue.toFixed(3)} ms, primary-key lookup ${m.pk.toFixed(3)} ms`);
      const open = (await sql<{ n: string }>`SELECT count(*)::text AS n FROM service_applications WHERE status IN ('submitted','in_review','info_requested','escalated')`.execute(database.db)).rows[0]?.n ?? '?';
      return [
        ratioRow('office queue page median vs primary-key lookup, 100k applications (PostgreSQL)', m.queue, m.pk, 'ms', '<=', 10, 3),
        infoRow('office queue: open applications of 100k / offices', `${open} / ${offices.length}`),
      ];
    } finally {
      await database.close();
      await dropDatabase(ctx.pgUrl, DB_NAME).catch(() => undefined);
    }
  },
};

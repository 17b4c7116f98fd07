/**
 * Candidate search at scale (issue 3 target): on PostgreSQL only, a fresh database with the destination
 * schema (all migrations) is filled with 100,000 and then 1,000,000 synthetic shared profiles (INSERT …
 * SELECT generate_series: about 1.33 occupations per profile, uniform over the ISCO-08 unit groups), and
 * typical employer searches (the repository's own query: unit group, minimum years, language level,
 * certificate and availability filters, pages 1 and 3) are timed against a primary-key lookup of a
 * profile on the same tables, same connection, same run.
 *
 * Targets: median search ≤ 10 × median primary-key lookup at 1M, and median search at 1M ≤ 2 × at 100k
 * (index-driven: the cost depends on the page, not on the number of profiles).
 */
import type { Bench } from '../lib/bench.ts';
import { createBenchDatabase, dropDatabase } from '../lib/bench-database.ts';
import { infoRow, ratioRow, type Row } from '../lib/table.ts';
import { openDatabase, type Database } from '../../apps/api/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/api/src/platform/db/migrate.ts';
import { seedReferenceData } from '../../apps/api/src/platform/db/seed.ts';
import { searchCandidates, type SearchFilter } from '../../apps/api/src/modules/employers/candidates.repository.ts';
import { sql } from 'kysely';

const DB_NAME = 'rabt_bench_candidates';
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 300);



/** Adds profiles `from`..`to` (inclusive): shared_profiles rows and their search rows, in one statement each. */
async function addProfiles(database: Database, from: number, to: number): Promise<void> {
  const db = database.db;
  await sql`
    INSERT INTO shared_profiles (profile_id, from_country, version, profile, received_at)
    SELECT md5('p' || i)::uuid, 'EG', 1,
           jsonb_build_object('profileId', md5('p' || i)::uuid, 'occupations', '[]'::jsonb, 'education', 'technical_secondary',
                              'languages', jsonb_build_array(jsonb_build_object('language', 'ar', 'level', 'native')), 'ageBand', '25-34'),
           now()
    FROM generate_series(${from}::int, ${to}::int) AS i`.execute(db);
  // First occupation for every profile, a second one for every third profile.
  await sql`
    WITH codes AS (SELECT array_agg(code ORDER BY code) AS a, count(*)::int AS n FROM occupations WHERE level = 4),
    rows AS (
      SELECT md5('p' || i)::uuid AS profile_id, codes.a[1 + floor(random() * codes.n)::int] AS isco, i
      FROM generate_series(${from}::int, ${to}::int) AS i, codes
      UNION ALL
      SELECT md5('p' || i)::uuid, codes.a[1 + floor(random() * codes.n)::int], i
      FROM generate_series(${from}::int, ${to}::int) AS i, codes WHERE i % 3 = 0
    )
    INSERT INTO candidate_occupations (profile_id, isco, isco_minor, isco_sub_major, years, cert_rank, available_from, languages)
    SELECT profile_id, isco, left(isco, 3), left(isco, 2), floor(random() * 25)::int, (i % 6), CASE WHEN i % 4 = 0 THEN DATE '2026-01-01' + (i % 365) END,
           CASE i % 5 WHEN 0 THEN ARRAY['ar:A1','ar:A2','ar:B1','ar:B2','ar:C1','ar:C2','ar:native','en:A1','en:A2','en:B1','en:B2']
                      WHEN 1 THEN ARRAY['ar:A1','ar:A2','ar:B1','ar:B2','ar:C1','ar:C2','ar:native','en:A1','en:A2']
                      ELSE ARRAY['ar:A1','ar:A2','ar:B1','ar:B2','ar:C1','ar:C2','ar:native'] END
    FROM rows
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`ANALYZE shared_profiles`.execute(db);
  await sql`ANALYZE candidate_occupations`.execute(db);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Median milliseconds of typical searches and of a primary-key lookup, interleaved so that drift hits both alike. */
async function measure(database: Database, profiles: number, codes: string[]): Promise<{ search: number; pk: number }> {
  const db = database.db;
  const searches: ((isco: string) => SearchFilter)[] = [
    (isco) => ({ isco, minYears: 0, languageKey: null, minCertRank: 0, availableBy: null, offset: 0, limit: 21 }),
    (isco) => ({ isco, minYears: 5, languageKey: null, minCertRank: 0, availableBy: null, offset: 0, limit: 21 }),
    (isco) => ({ isco, minYears: 0, languageKey: 'en:B1', minCertRank: 0, availableBy: null, offset: 0, limit: 21 }),
    (isco) => ({ isco, minYears: 2, languageKey: null, minCertRank: 3, availableBy: '2026-06-30', offset: 0, limit: 21 }),
    (isco) => ({ isco, minYears: 0, languageKey: null, minCertRank: 0, availableBy: null, offset: 40, limit: 21 }),
  ];
  const s: number[] = [];
  const p: number[] = [];
  for (let round = -30; round < ROUNDS; round++) {
    const isco = codes[(round + 30) * 7919 % codes.length]!;
    const build = searches[(round + 30) % searches.length]!;
    const id = Math.floor(Math.random() * profiles) + 1;
    let t0 = performance.now();
    const rows = await searchCandidates(db, build(isco));
    const searchMs = performance.now() - t0;
    t0 = performance.now();
    await db.selectFrom('shared_profiles').select(['profile_id', 'profile']).where('profile_id', '=', sql<string>`md5(${'p' + id})::uuid`).executeTakeFirst();
    const pkMs = performance.now() - t0;
    if (round >= 0) {
      s.push(searchMs);
      p.push(pkMs);
    }
    if (rows.length === 0 && round === 0) throw new Error(`no candidates for ${isco}: the generator is broken`);
  }
  return { search: median(s), pk: median(p) };
}

export const candidateSearch: Bench = {
  name: 'candidate-search',
  async run(ctx): Promise<Row[]> {
    if (!ctx.pgUrl) return [infoRow('candidate search: needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL)', 'skipped')];
    const database = await openDatabase({ url: await createBenchDatabase(ctx.pgUrl, DB_NAME) });
    try {
      await migrateToLatest(database.db);
      await seedReferenceData(database.db);
      const codes = (await database.db.selectFrom('occupations').select('code').where('level', '=', 4).orderBy('code').execute()).map((r) => r.code);
      let t0 = performance.now();
      await addProfiles(database, 1, 100_000);
      ctx.log(`100,000 profiles generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const small = await measure(database, 100_000, codes);
      ctx.log(`100k: search median ${small.search.toFixed(3)} ms, primary-key lookup ${small.pk.toFixed(3)} ms`);
      t0 = performance.now();
      await addProfiles(database, 100_001, 1_000_000);
      ctx.log(`1,000,000 profiles in ${((performance.now() - t0) / 1000).toFixed(1)} s more`);
      const large = await measure(database, 1_000_000, codes);
      ctx.log(`1M: search median ${large.search.toFixed(3)} ms, primary-key lookup ${large.pk.toFixed(3)} ms`);
      const rows = (await sql<{ n: string }>`SELECT count(*)::text AS n FROM candidate_occupations`.execute(database.db)).rows[0]?.n ?? '?';
      return [
        ratioRow('candidate search median vs primary-key lookup, 1M profiles (PostgreSQL)', large.search, large.pk, 'ms', '<=', 10, 3),
        ratioRow('candidate search median, 1M vs 100k profiles (PostgreSQL)', large.search, small.search, 'ms', '<=', 2, 3),
        infoRow('candidate search: search rows at 1M profiles', rows),
      ];
    } finally {
      await database.close();
      await dropDatabase(ctx.pgUrl, DB_NAME).catch(() => undefined);
    }
  },
};

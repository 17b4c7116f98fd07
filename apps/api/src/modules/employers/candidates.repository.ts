import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { SharedProfile, SkillLevel } from '@rabt/contracts';
import type { DB } from '../../platform/db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;

/** 1 assistant worker … 5 specialised technician; 0 no certificate. */
export function certRank(level: SkillLevel | null | undefined): number {
  return level ? SkillLevel.options.indexOf(level) + 1 : 0;
}

/** Highest verified skill-level certificate of a profile. */
export function highestCertificate(p: SharedProfile): SkillLevel | null {
  let best: SkillLevel | null = null;
  for (const c of p.certificates ?? []) if (c.kind === 'skill_level' && c.level && certRank(c.level) > certRank(best)) best = c.level;
  return best;
}

/** `en:A1 … en:B2` for an English B2 speaker: a "at least level X" filter becomes one array containment test. */
export function languageKeys(p: SharedProfile): string[] {
  const keys = new Set<string>();
  for (const l of p.languages ?? []) for (const level of CEFR.slice(0, CEFR.indexOf(l.level) + 1)) keys.add(`${l.language}:${level}`);
  return [...keys].sort();
}

/**
 * Stores (or replaces) a shared profile exactly as received and rebuilds its search rows: one per
 * occupation (the highest years when a unit group repeats), with the profile-level ranking attributes.
 */
export async function upsertSharedProfile(trx: Transaction<DB>, p: SharedProfile, from: string, version: number, now: Date): Promise<void> {
  await trx
    .insertInto('shared_profiles')
    .values({ profile_id: p.profileId, from_country: from, version, profile: JSON.stringify(p), received_at: now })
    .onConflict((oc) => oc.column('profile_id').doUpdateSet({ from_country: from, version, profile: JSON.stringify(p), received_at: now }))
    .execute();
  await trx.deleteFrom('candidate_occupations').where('profile_id', '=', p.profileId).execute();
  const years = new Map<string, number>();
  for (const o of p.occupations) years.set(o.isco, Math.max(years.get(o.isco) ?? 0, o.years));
  if (years.size === 0) return;
  const rank = certRank(highestCertificate(p));
  const languages = languageKeys(p);
  await trx
    .insertInto('candidate_occupations')
    .values(
      [...years].map(([isco, y]) => ({
        profile_id: p.profileId,
        isco,
        isco_minor: isco.slice(0, 3),
        isco_sub_major: isco.slice(0, 2),
        years: y,
        cert_rank: rank,
        available_from: p.availableFrom ?? null,
        languages,
      })),
    )
    .execute();
}

/** Removes a profile from this node: its search rows go with it (ON DELETE CASCADE), in the same transaction. */
export async function deleteSharedProfile(trx: Transaction<DB>, profileId: string): Promise<boolean> {
  const r = await trx.deleteFrom('shared_profiles').where('profile_id', '=', profileId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function findSharedProfile(db: Db, profileId: string): Promise<{ profile: SharedProfile; from: string } | undefined> {
  const r = await db.selectFrom('shared_profiles').select(['profile', 'from_country']).where('profile_id', '=', profileId).executeTakeFirst();
  return r ? { profile: SharedProfile.parse(r.profile), from: r.from_country } : undefined;
}

export async function findSharedProfiles(db: Db, ids: readonly string[]): Promise<Map<string, SharedProfile>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('shared_profiles').select(['profile_id', 'profile']).where('profile_id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.profile_id, SharedProfile.parse(r.profile)]));
}

export interface SearchFilter {
  isco: string;
  minYears: number;
  /** `en:B1`: the profile meets at least this level of this language. */
  languageKey: string | null;
  minCertRank: number;
  availableBy: string | null;
  offset: number;
  limit: number;
}

export interface SearchRow {
  profile_id: string;
  isco: string;
  years: number;
  cert_rank: number;
  available_from: string | null;
  tier: number;
  profile: unknown;
}

const ORDER = sql`ORDER BY c.years DESC, c.cert_rank DESC, c.available_from ASC NULLS FIRST, c.profile_id`;

/**
 * Ranked candidate search. Tier 1: the same ISCO unit group; tier 2: the same minor group (first 3
 * digits); tier 3: the same sub-major group (first 2). Within a tier: years in that occupation, then
 * certificate level, then earliest availability, then profile id (a stable order for pagination).
 *
 * Each tier is one range scan of its b-tree index (isco | isco_minor | isco_sub_major, years DESC,
 * cert_rank DESC, available_from, profile_id) that stops after offset + limit rows, so the cost depends on
 * the page, not on the number of profiles. A profile is listed once, in its best tier, through its best
 * occupation: the NOT EXISTS probes (primary key prefix) skip a row when the same profile has a better one.
 */
export async function searchCandidates(db: Db, f: SearchFilter): Promise<SearchRow[]> {
  const minor = f.isco.slice(0, 3);
  const sub = f.isco.slice(0, 2);
  const n = f.offset + f.limit;
  const filters: RawBuilder<unknown>[] = [sql`c.years >= ${f.minYears}`];
  if (f.languageKey) filters.push(sql`c.languages @> ARRAY[${f.languageKey}]::text[]`);
  if (f.minCertRank > 0) filters.push(sql`c.cert_rank >= ${f.minCertRank}`);
  if (f.availableBy) filters.push(sql`(c.available_from IS NULL OR c.available_from <= ${f.availableBy}::date)`);
  const where = sql.join(filters, sql` AND `);
  const better = sql`(b.years > c.years OR (b.years = c.years AND b.isco < c.isco))`;
  const result = await sql<SearchRow>`
    SELECT x.profile_id, x.isco, x.years, x.cert_rank, x.available_from::text AS available_from, x.tier, p.profile
    FROM (
      (SELECT c.profile_id, c.isco, c.years, c.cert_rank, c.available_from, 1 AS tier
         FROM candidate_occupations c
        WHERE c.isco = ${f.isco} AND ${where}
        ${ORDER} LIMIT ${n})
      UNION ALL
      (SELECT c.profile_id, c.isco, c.years, c.cert_rank, c.available_from, 2 AS tier
         FROM candidate_occupations c
        WHERE c.isco_minor = ${minor} AND c.isco <> ${f.isco} AND ${where}
          AND NOT EXISTS (SELECT 1 FROM candidate_occupations b
                           WHERE b.profile_id = c.profile_id AND b.isco <> c.isco AND b.years >= ${f.minYears}
                             AND (b.isco = ${f.isco} OR (b.isco_minor = ${minor} AND ${better})))
        ${ORDER} LIMIT ${n})
      UNION ALL
      (SELECT c.profile_id, c.isco, c.years, c.cert_rank, c.available_from, 3 AS tier
         FROM candidate_occupations c
        WHERE c.isco_sub_major = ${sub} AND c.isco_minor <> ${minor} AND ${where}
          AND NOT EXISTS (SELECT 1 FROM candidate_occupations b
                           WHERE b.profile_id = c.profile_id AND b.isco <> c.isco AND b.years >= ${f.minYears}
                             AND (b.isco_minor = ${minor} OR (b.isco_sub_major = ${sub} AND ${better})))
        ${ORDER} LIMIT ${n})
    ) x
    JOIN shared_profiles p ON p.profile_id = x.profile_id
    ORDER BY x.tier, x.years DESC, x.cert_rank DESC, x.available_from ASC NULLS FIRST, x.profile_id
    OFFSET ${f.offset} LIMIT ${f.limit}`.execute(db);
  return result.rows;
}

/** Records that an employer opened a profile today; true only the first time that day (one message per day). */
export async function recordView(trx: Transaction<DB>, employerId: string, profileId: string, day: string): Promise<boolean> {
  const r = await trx.insertInto('candidate_views').values({ employer_id: employerId, profile_id: profileId, viewed_on: day }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** SQL of the pre-departure orientation module (0022). No logic beyond the queries. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ContractOrientationsTable, DB } from '../../platform/db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type OrientationRecordRow = Selectable<ContractOrientationsTable>;

/** Statuses of a contract version on which the worker is expected to complete the orientation. */
export const EXPECTING_STATUSES = ['offered', 'concluded'] as const;

/**
 * Serialises orientation recording for one worker: the completion hook and the contract hooks take this row
 * lock first, so whichever runs second sees the other's committed row (READ COMMITTED: each statement after the
 * lock sees fresh data). FOR NO KEY UPDATE does not block inserts that merely reference the citizen.
 */
export async function lockCitizen(trx: Transaction<DB>, citizenId: string): Promise<void> {
  await trx.selectFrom('citizens').select('id').where('id', '=', citizenId).forNoKeyUpdate().executeTakeFirst();
}

/**
 * The citizen's contracts with `country` that have a version offered or concluded, each with the version to
 * record on: the concluded one when there is one, else the latest offered one.
 */
export async function expectingContracts(db: Db, citizenId: string, country: string): Promise<{ id: string; version: number }[]> {
  const rows = await db
    .selectFrom('received_contracts')
    .select(['id', 'version', 'status'])
    .where('citizen_id', '=', citizenId)
    .where('country', '=', country)
    .where('status', 'in', [...EXPECTING_STATUSES])
    .orderBy('id')
    .orderBy('version', 'desc')
    .execute();
  const best = new Map<string, { version: number; concluded: boolean }>();
  for (const r of rows) {
    const b = best.get(r.id);
    const concluded = r.status === 'concluded';
    if (!b || (concluded && !b.concluded)) best.set(r.id, { version: r.version, concluded });
  }
  return [...best.entries()].map(([id, b]) => ({ id, version: b.version }));
}

/** The worker's latest completed enrolment in an orientation course of `country` (any content version). */
export function completedOrientation(db: Db, citizenId: string, country: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('orientation_courses as oc', 'oc.course_id', 'e.course_id')
    .select(['e.id as enrolment_id', 'e.course_id', 'e.completed_at', 'e.certificate_code'])
    .where('e.citizen_id', '=', citizenId)
    .where('oc.country', '=', country)
    .where('e.completed_at', 'is not', null)
    .where('e.certificate_code', 'is not', null)
    .orderBy('e.completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts the record unless the contract already has one; true when inserted. */
export async function insertRecord(trx: Transaction<DB>, row: OrientationRecordRow): Promise<boolean> {
  const r = await trx.insertInto('contract_orientations').values(row).onConflict((oc) => oc.column('contract_id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export function recordOf(db: Db, contractId: string): Promise<OrientationRecordRow | undefined> {
  return db.selectFrom('contract_orientations').selectAll().where('contract_id', '=', contractId).executeTakeFirst();
}

/** The current course of each destination (or one), with its lesson and question counts. */
export function currentCourses(db: Db, country?: string) {
  let q = db
    .selectFrom('orientation_courses as oc')
    .innerJoin('courses as c', 'c.id', 'oc.course_id')
    .innerJoin('countries as k', 'k.iso2', 'oc.country')
    .select([
      'oc.country',
      'oc.course_id',
      'oc.content_version',
      'c.title_ar',
      'c.title_en',
      'c.description_ar',
      'c.description_en',
      'c.quiz_question_count',
      'c.quiz_pass_percent',
      'k.name_ar as country_ar',
      'k.name_en as country_en',
      sql<number>`(SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id)`.as('lesson_count'),
    ])
    .where('oc.retired_at', 'is', null)
    .where('c.status', '=', 'published');
  if (country) q = q.where('oc.country', '=', country);
  return q.orderBy('oc.country').execute();
}

/** The worker's most relevant enrolment in `country`'s orientation: the current course's first, else the latest. */
export function enrolmentFor(db: Db, citizenId: string, country: string) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('orientation_courses as oc', 'oc.course_id', 'e.course_id')
    .select(['e.id', 'e.course_id', 'e.completed_at'])
    .where('e.citizen_id', '=', citizenId)
    .where('oc.country', '=', country)
    .orderBy(sql`(oc.retired_at IS NULL)`, 'desc')
    .orderBy('e.enrolled_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Latest version of each of the worker's contracts that the worker can see (offered and later). */
export async function workerContracts(db: Db, citizenId: string) {
  const rows = await db
    .selectFrom('received_contracts')
    .select(['id', 'version', 'country', 'status'])
    .where('citizen_id', '=', citizenId)
    .where('offered_at', 'is not', null)
    .orderBy('received_at', 'desc')
    .orderBy('version', 'desc')
    .limit(200)
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

export function countryNames(db: Db) {
  return db.selectFrom('countries').select(['iso2', 'name_ar', 'name_en']).execute();
}

/** Concluded contract versions with their orientation record, newest first; `limit` + 1 rows to detect truncation. */
export function concludedWithRecords(db: Db, filter: { country?: string | undefined; status?: 'completed' | 'pending' | undefined }, limit: number) {
  let q = db
    .selectFrom('received_contracts as rc')
    .leftJoin('contract_orientations as co', 'co.contract_id', 'rc.id')
    .select([
      'rc.id',
      'rc.version',
      'rc.country',
      'rc.payload',
      'rc.concluded_at',
      'rc.verification_code',
      'co.version as record_version',
      'co.course_id',
      'co.completed_at',
      'co.recorded_at',
      'co.certificate_code',
    ])
    .where('rc.status', '=', 'concluded');
  if (filter.country) q = q.where('rc.country', '=', filter.country);
  if (filter.status === 'completed') q = q.where('co.contract_id', 'is not', null);
  if (filter.status === 'pending') q = q.where('co.contract_id', 'is', null);
  return q.orderBy('rc.concluded_at', 'desc').orderBy('rc.id').limit(limit + 1).execute();
}

/** Per destination: concluded contracts and how many have a recorded orientation. */
export async function summaryByCountry(db: Db) {
  const r = await sql<{ country: string; concluded: number; completed: number }>`
    SELECT rc.country, count(*)::int AS concluded, count(co.contract_id)::int AS completed
    FROM received_contracts rc
    LEFT JOIN contract_orientations co ON co.contract_id = rc.id
    WHERE rc.status = 'concluded'
    GROUP BY rc.country
    ORDER BY rc.country`.execute(db);
  return r.rows;
}

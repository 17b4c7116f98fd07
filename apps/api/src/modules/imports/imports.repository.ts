import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB, ImportJobRowsTable, ImportJobsTable } from '../../platform/db/schema.ts';

/** SQL of legacy register imports (migration 0019). */
type Db = Kysely<DB> | Transaction<DB>;

export function allOffices(db: Db) {
  return db.selectFrom('offices').select(['id', 'code', 'directorate_code']).execute();
}

export async function iscoUnitGroups(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('occupations').select('code').where('level', '=', 4).execute();
  return new Set(rows.map((r) => r.code));
}

export async function insertJob(trx: Transaction<DB>, row: Insertable<ImportJobsTable>): Promise<void> {
  await trx.insertInto('import_jobs').values(row).execute();
}

export function findJob(db: Db, id: string) {
  return db
    .selectFrom('import_jobs')
    .leftJoin('offices', 'offices.id', 'import_jobs.office_id')
    .selectAll('import_jobs')
    .select('offices.code as office_code')
    .where('import_jobs.id', '=', id)
    .executeTakeFirst();
}

export async function markRunning(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('import_jobs').set({ status: 'running', started_at: at }).where('id', '=', id).execute();
}

/** Adds a batch's counts to the job (the CHECK keeps rows_read = imported + duplicate + error). */
export async function addCounts(trx: Transaction<DB>, id: string, c: { read: number; imported: number; duplicate: number; error: number }): Promise<void> {
  await trx
    .updateTable('import_jobs')
    .set((eb) => ({
      rows_read: eb('rows_read', '+', c.read),
      rows_imported: eb('rows_imported', '+', c.imported),
      rows_duplicate: eb('rows_duplicate', '+', c.duplicate),
      rows_error: eb('rows_error', '+', c.error),
    }))
    .where('id', '=', id)
    .execute();
}

export async function finishJob(trx: Transaction<DB>, id: string, status: 'done' | 'failed', at: Date, failure: string | null) {
  return trx.updateTable('import_jobs').set({ status, finished_at: at, failure }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Citizen accounts of the given national IDs (to link imported rows). */
export async function citizensByNationalId(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: string; national_id: string }>`SELECT id, national_id FROM citizens WHERE national_id = ANY(${ids}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.national_id, r.id]));
}

/**
 * One INSERT … SELECT FROM unnest(arrays) … ON CONFLICT DO NOTHING for a whole batch (a dozen array
 * parameters instead of one parameter per cell: much cheaper to bind); returns the file rows inserted.
 * Ids are UUIDv7 (RFC 9562, time-ordered): a batch appends to the primary-key index instead of writing
 * all over it, as random ids would.
 */
export async function insertRegistrations(trx: Transaction<DB>, jobId: string, at: Date, rows: LegacyInsert[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const col = <K extends keyof LegacyInsert>(k: K) => rows.map((r) => r[k]);
  const ids = rows.map(() => uuidv7());
  const inserted = await sql<{ import_row: number }>`
    INSERT INTO employment_registrations (id, registration_number, citizen_id, office_id, registered_on, isco, education, experience_years,
                                          age_at_registration, created_at, source, legacy_register_number, national_id, holder_name, import_job_id, import_row)
    SELECT u.id, u.number, u.citizen_id, u.office_id, u.registered_on, u.isco, u.education, u.experience, u.age,
           ${at.toISOString()}::timestamptz, 'legacy_import', u.legacy, u.national_id, u.name, ${jobId}::uuid, u.line
      FROM unnest(${ids}::uuid[], ${col('registrationNumber')}::text[], ${col('citizenId')}::uuid[], ${col('officeId')}::uuid[], ${col('registeredOn')}::date[],
                  ${col('isco')}::text[], ${col('education')}::text[], ${col('experienceYears')}::smallint[], ${col('age')}::smallint[],
                  ${col('legacyNumber')}::text[], ${col('nationalId')}::text[], ${col('name')}::text[], ${col('line')}::integer[])
           AS u(id, number, citizen_id, office_id, registered_on, isco, education, experience, age, legacy, national_id, name, line)
    ON CONFLICT DO NOTHING
    RETURNING import_row`.execute(trx);
  return new Set(inserted.rows.map((r) => Number(r.import_row)));
}

export interface LegacyInsert {
  registrationNumber: string;
  citizenId: string | null;
  officeId: string;
  registeredOn: string;
  isco: string;
  education: string;
  experienceYears: number;
  age: number;
  legacyNumber: string;
  nationalId: string;
  name: string;
  line: number;
}

/** Existing registrations under the given (office, legacy register number) keys. */
export async function existingLegacy(trx: Transaction<DB>, keys: { officeId: string; number: string }[]) {
  if (keys.length === 0) return [];
  const r = await sql<{ office_id: string; legacy_register_number: string; national_id: string | null; registration_number: string; import_job_id: string | null; import_row: number | null }>`
    SELECT e.office_id, e.legacy_register_number, e.national_id, e.registration_number, e.import_job_id, e.import_row
      FROM unnest(${keys.map((k) => k.officeId)}::uuid[], ${keys.map((k) => k.number)}::text[]) AS k(office_id, number)
      JOIN employment_registrations e ON e.office_id = k.office_id AND e.legacy_register_number = k.number`.execute(trx);
  return r.rows;
}

export async function insertIssues(trx: Transaction<DB>, rows: ImportJobRowsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('import_job_rows').values(rows.slice(i, i + 2000)).execute();
}

/** Report rows with file row numbers in [from, to): imported registrations and the recorded issues. */
export async function reportWindow(db: Db, jobId: string, from: number, to: number) {
  const [imported, issues] = await Promise.all([
    db.selectFrom('employment_registrations').select('import_row').where('import_job_id', '=', jobId).where('import_row', '>=', from).where('import_row', '<', to).execute(),
    db.selectFrom('import_job_rows').selectAll().where('job_id', '=', jobId).where('row_number', '>=', from).where('row_number', '<', to).execute(),
  ]);
  return { imported: imported.map((r) => r.import_row!), issues };
}

export async function lastRow(db: Db, jobId: string): Promise<number> {
  const r = await sql<{ n: number | null }>`SELECT greatest(
      (SELECT max(import_row) FROM employment_registrations WHERE import_job_id = ${jobId}),
      (SELECT max(row_number) FROM import_job_rows WHERE job_id = ${jobId})) AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export function issues(db: Db, jobId: string, limit: number) {
  return db.selectFrom('import_job_rows').selectAll().where('job_id', '=', jobId).orderBy('row_number').limit(limit).execute();
}

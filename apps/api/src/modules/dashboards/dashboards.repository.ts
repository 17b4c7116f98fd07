import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/**
 * Aggregates of the e-services dashboards (issue 5 §11) over service_applications (0014) and
 * employment_registrations (0014, 0019). One scope filter for every query; plain SQL aggregates that
 * run the same on PostgreSQL and PGlite (percentile_cont is an ordered-set aggregate of PostgreSQL core).
 */
export type Filter =
  | { kind: 'office'; officeId: string }
  | { kind: 'directorate'; directorateCode: string }
  | { kind: 'all' };

export interface Range {
  /** Inclusive lower bound, UTC midnight. */
  from: Date | null;
  /** Exclusive upper bound (the day after `to`), UTC midnight. */
  to: Date | null;
}

const OPEN = sql`('submitted', 'in_review', 'info_requested', 'escalated')`;

function appWhere(f: Filter, r: Range): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`a.submitted_at IS NOT NULL`];
  if (f.kind === 'office') parts.push(sql`a.office_id = ${f.officeId}`);
  if (f.kind === 'directorate') parts.push(sql`a.directorate_code = ${f.directorateCode}`);
  if (r.from) parts.push(sql`a.submitted_at >= ${r.from.toISOString()}`);
  if (r.to) parts.push(sql`a.submitted_at < ${r.to.toISOString()}`);
  return sql.join(parts, sql` AND `);
}

type OfficeCols = { office_code: string; office_name_ar: string; office_name_en: string };

export async function byStatus(db: Kysely<DB>, f: Filter, r: Range) {
  const q = await sql<{ status: string; n: string }>`SELECT a.status, count(*) AS n FROM service_applications a WHERE ${appWhere(f, r)} GROUP BY a.status ORDER BY a.status`.execute(db);
  return q.rows.map((x) => ({ status: x.status, count: Number(x.n) }));
}

export async function byService(db: Kysely<DB>, f: Filter, r: Range) {
  const q = await sql<{ service_code: string; n: string }>`SELECT a.service_code, count(*) AS n FROM service_applications a WHERE ${appWhere(f, r)} GROUP BY a.service_code ORDER BY a.service_code`.execute(db);
  return q.rows.map((x) => ({ serviceCode: x.service_code, count: Number(x.n) }));
}

/** Per office: open applications and those whose current step is past its deadline at `now`. */
export async function sla(db: Kysely<DB>, f: Filter, r: Range, now: Date) {
  const q = await sql<OfficeCols & { open: string; breached: string }>`
    SELECT o.code AS office_code, o.name_ar AS office_name_ar, o.name_en AS office_name_en,
           count(*) AS open, count(*) FILTER (WHERE a.step_due_at < ${now.toISOString()}) AS breached
      FROM service_applications a JOIN offices o ON o.id = a.office_id
     WHERE ${appWhere(f, r)} AND a.status IN ${OPEN}
     GROUP BY o.code, o.name_ar, o.name_en ORDER BY o.code`.execute(db);
  return q.rows.map((x) => ({ ...office(x), open: Number(x.open), breached: Number(x.breached) }));
}

/** Per office: decided applications and the median hours from submission to decision. */
export async function processing(db: Kysely<DB>, f: Filter, r: Range) {
  const q = await sql<OfficeCols & { decided: string; median_hours: string | number | null }>`
    SELECT o.code AS office_code, o.name_ar AS office_name_ar, o.name_en AS office_name_en, count(*) AS decided,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.decided_at - a.submitted_at) / 3600.0) AS median_hours
      FROM service_applications a JOIN offices o ON o.id = a.office_id
     WHERE ${appWhere(f, r)} AND a.decided_at IS NOT NULL
     GROUP BY o.code, o.name_ar, o.name_en ORDER BY o.code`.execute(db);
  return q.rows.map((x) => ({ ...office(x), decided: Number(x.decided), medianHours: x.median_hours === null ? null : Math.round(Number(x.median_hours) * 10) / 10 }));
}

/** Per office: employment registrations recorded in the range (created_at), by source. */
export async function registrations(db: Kysely<DB>, f: Filter, r: Range) {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (f.kind === 'office') parts.push(sql`e.office_id = ${f.officeId}`);
  if (f.kind === 'directorate') parts.push(sql`o.directorate_code = ${f.directorateCode}`);
  if (r.from) parts.push(sql`e.created_at >= ${r.from.toISOString()}`);
  if (r.to) parts.push(sql`e.created_at < ${r.to.toISOString()}`);
  const q = await sql<OfficeCols & { imported: string; online: string }>`
    SELECT o.code AS office_code, o.name_ar AS office_name_ar, o.name_en AS office_name_en,
           count(*) FILTER (WHERE e.source = 'legacy_import') AS imported, count(*) FILTER (WHERE e.source = 'online') AS online
      FROM employment_registrations e JOIN offices o ON o.id = e.office_id
     WHERE ${sql.join(parts, sql` AND `)}
     GROUP BY o.code, o.name_ar, o.name_en ORDER BY o.code`.execute(db);
  return q.rows.map((x) => ({ ...office(x), imported: Number(x.imported), online: Number(x.online) }));
}

function office(x: OfficeCols) {
  return { officeCode: x.office_code, officeNameAr: x.office_name_ar, officeNameEn: x.office_name_en };
}

export function findOfficeByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('offices').select(['id', 'code', 'directorate_code', 'name_ar', 'name_en']).where('code', '=', code).executeTakeFirst();
}

export function findOfficeById(db: Kysely<DB>, id: string) {
  return db.selectFrom('offices').select(['id', 'code', 'directorate_code', 'name_ar', 'name_en']).where('id', '=', id).executeTakeFirst();
}

/** A directorate's names, or undefined for a code that has none. */
export function findDirectorate(db: Kysely<DB>, governorateCode: string) {
  return db.selectFrom('directorates').select(['name_ar', 'name_en']).where('governorate_code', '=', governorateCode).executeTakeFirst();
}

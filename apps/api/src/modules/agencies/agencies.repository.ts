import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Agency, AgencyStatus, AgencyStatusChange, BrokerReport, BrokerReportEvent, BrokerReportStatus } from '@rabt/contracts';
import type { AgenciesTable, BrokerReportsTable, DB } from '../../platform/db/schema.ts';

/** SQL of the agencies registry, worker authorisations and broker reports (migration 0011). */

type Db = Kysely<DB> | Transaction<DB>;
export type AgencyRow = Selectable<AgenciesTable>;
export type BrokerReportRow = Selectable<BrokerReportsTable>;

const iso = (d: Date | string): string => new Date(d).toISOString();

/** The public shape of an agency row; `today` is `YYYY-MM-DD` (UTC) to tell whether the licence has expired. */
export function toAgency(r: AgencyRow, today: string): Agency {
  const expired = r.licence_expires_on < today;
  return {
    licenceNumber: r.licence_number,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    legalForm: r.legal_form,
    scope: r.scope,
    paidInCapitalPiastres: Number(r.paid_in_capital_piastres),
    governorateCode: r.governorate_code,
    address: r.address,
    phone: r.phone,
    licenceIssuedOn: r.licence_issued_on,
    licenceExpiresOn: r.licence_expires_on,
    status: r.status,
    statusReason: r.status_reason,
    statusChangedAt: iso(r.status_changed_at),
    expired,
    mayOperate: r.status === 'valid' && !expired,
    isDemo: r.is_demo,
  };
}

// ---------- agencies ----------

export async function insertAgency(trx: Transaction<DB>, row: Insertable<AgenciesTable>): Promise<void> {
  await trx.insertInto('agencies').values(row).execute();
}

export function findAgencyByLicence(db: Db, licence: string) {
  return db.selectFrom('agencies').selectAll().where('licence_number', '=', licence).executeTakeFirst();
}

/** The agency row locked for a status decision (SELECT … FOR UPDATE), so two decisions serialise. */
export function findAgencyForUpdate(trx: Transaction<DB>, licence: string) {
  return trx.selectFrom('agencies').selectAll().where('licence_number', '=', licence).forUpdate().executeTakeFirst();
}

export interface AgencyFilter {
  /** Already folded with foldForSearch; every word must occur. */
  words: string[];
  status?: AgencyStatus | undefined;
  governorate?: string | undefined;
}

function agencyQuery(db: Db, f: AgencyFilter) {
  let q = db.selectFrom('agencies');
  for (const w of f.words) q = q.where('search_text', 'like', `%${escapeLike(w)}%`);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.governorate) q = q.where('governorate_code', '=', f.governorate);
  return q;
}

/** Agencies matching `f`, by Arabic name then licence number, one page, with the total. */
export async function searchAgencies(db: Db, f: AgencyFilter, page: { offset: number; limit: number }) {
  const [rows, count] = await Promise.all([
    agencyQuery(db, f).selectAll().orderBy('name_ar').orderBy('licence_number').offset(page.offset).limit(page.limit).execute(),
    agencyQuery(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function setAgencyStatus(trx: Transaction<DB>, id: string, s: { status: AgencyStatus; reason: string; now: Date }): Promise<void> {
  await trx.updateTable('agencies').set({ status: s.status, status_reason: s.reason, status_changed_at: s.now, updated_at: s.now }).where('id', '=', id).execute();
}

export async function insertStatusChange(
  trx: Transaction<DB>,
  c: { id: string; agencyId: string; from: AgencyStatus | null; to: AgencyStatus; reason: string; by: string | null; at: Date },
): Promise<void> {
  await trx
    .insertInto('agency_status_changes')
    .values({ id: c.id, agency_id: c.agencyId, from_status: c.from, to_status: c.to, reason: c.reason, changed_by: c.by, changed_at: c.at })
    .execute();
}

export async function listStatusChanges(db: Db, agencyId: string): Promise<AgencyStatusChange[]> {
  const rows = await db.selectFrom('agency_status_changes').selectAll().where('agency_id', '=', agencyId).orderBy('changed_at').orderBy('id').execute();
  return rows.map((r) => ({ from: r.from_status, to: r.to_status, reason: r.reason, at: iso(r.changed_at) }));
}

export async function governorateExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('governorates').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

// ---------- worker authorisations ----------

export function findActiveAuthorisation(db: Db, agencyId: string, citizenId: string) {
  return db
    .selectFrom('agency_authorisations')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('citizen_id', '=', citizenId)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
}

export async function insertAuthorisation(trx: Transaction<DB>, a: { id: string; agencyId: string; citizenId: string; now: Date }): Promise<void> {
  await trx.insertInto('agency_authorisations').values({ id: a.id, agency_id: a.agencyId, citizen_id: a.citizenId, granted_at: a.now }).execute();
}

/** Withdraws the active authorisation, if any; returns its id. */
export async function withdrawAuthorisation(trx: Transaction<DB>, agencyId: string, citizenId: string, now: Date): Promise<string | undefined> {
  const row = await trx
    .updateTable('agency_authorisations')
    .set({ withdrawn_at: now })
    .where('agency_id', '=', agencyId)
    .where('citizen_id', '=', citizenId)
    .where('withdrawn_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The citizen's authorisations (active and withdrawn) with their agencies, newest first. */
export function listAuthorisations(db: Db, citizenId: string) {
  return db
    .selectFrom('agency_authorisations as x')
    .innerJoin('agencies as a', 'a.id', 'x.agency_id')
    .selectAll('a')
    .select(['x.id as authorisation_id', 'x.granted_at', 'x.withdrawn_at'])
    .where('x.citizen_id', '=', citizenId)
    .orderBy('x.granted_at', 'desc')
    .orderBy('x.id')
    .execute();
}

// ---------- broker reports ----------

export async function insertBrokerReport(trx: Transaction<DB>, row: Insertable<BrokerReportsTable>): Promise<void> {
  await trx.insertInto('broker_reports').values(row).execute();
}

export function findBrokerReport(db: Db, reference: string) {
  return db.selectFrom('broker_reports').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export function findBrokerReportForUpdate(trx: Transaction<DB>, reference: string) {
  return trx.selectFrom('broker_reports').selectAll().where('reference', '=', reference).forUpdate().executeTakeFirst();
}

export interface BrokerReportFilter {
  status?: BrokerReportStatus | undefined;
  /** A staff id, or `none` for unassigned. */
  assignedTo?: string | undefined;
  country?: string | undefined;
  q?: string | undefined;
}

function reportQuery(db: Db, f: BrokerReportFilter) {
  let q = db.selectFrom('broker_reports');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.assignedTo === 'none') q = q.where('assigned_to', 'is', null);
  else if (f.assignedTo) q = q.where('assigned_to', '=', f.assignedTo);
  if (f.country) q = q.where('promised_country', '=', f.country);
  if (f.q) {
    const like = `%${escapeLike(f.q.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['broker_name']), 'like', like),
        eb(eb.fn('lower', ['broker_phone']), 'like', like),
        eb(eb.fn('lower', ['broker_link']), 'like', like),
        eb(eb.fn('lower', ['reference']), 'like', like),
      ]),
    );
  }
  return q;
}

/** The HQ queue, oldest first (first in, first handled), one page with the total. */
export async function listBrokerReports(db: Db, f: BrokerReportFilter, page: { offset: number; limit: number }) {
  const [rows, count] = await Promise.all([
    reportQuery(db, f).selectAll().orderBy('created_at').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    reportQuery(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function updateBrokerReport(trx: Transaction<DB>, id: string, patch: { status?: BrokerReportStatus; assigned_to?: string | null; now: Date }): Promise<void> {
  const { now, ...rest } = patch;
  await trx
    .updateTable('broker_reports')
    .set({ ...rest, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function insertBrokerReportEvent(
  trx: Transaction<DB>,
  e: { id: string; reportId: string; staffId: string; kind: BrokerReportEvent['kind']; from?: string | null; to?: string | null; assignedTo?: string | null; note?: string | null; at: Date },
): Promise<void> {
  await trx
    .insertInto('broker_report_events')
    .values({
      id: e.id,
      report_id: e.reportId,
      staff_id: e.staffId,
      kind: e.kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      assigned_to: e.assignedTo ?? null,
      note: e.note ?? null,
      at: e.at,
    })
    .execute();
}

export function listBrokerReportEvents(db: Db, reportId: string) {
  return db.selectFrom('broker_report_events').selectAll().where('report_id', '=', reportId).orderBy('at').orderBy('id').execute();
}

/** Names of staff members by id, for queue rows and events. */
export async function staffNames(db: Db, ids: string[]): Promise<Map<string, { id: string; nameAr: string; nameEn: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'name_ar', 'name_en']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, nameAr: r.name_ar, nameEn: r.name_en }]));
}

export function findStaff(db: Db, id: string) {
  return db.selectFrom('staff').select(['id', 'role', 'disabled_at']).where('id', '=', id).executeTakeFirst();
}

export function toBrokerReport(r: BrokerReportRow, names: Map<string, { id: string; nameAr: string; nameEn: string }>): BrokerReport {
  return {
    reference: r.reference,
    status: r.status,
    claimedOffer: r.claimed_offer,
    brokerName: r.broker_name,
    brokerPhone: r.broker_phone,
    brokerLink: r.broker_link,
    promisedCountry: r.promised_country,
    amountAsked: r.amount_asked_minor !== null && r.amount_currency !== null ? { amountMinor: Number(r.amount_asked_minor), currency: r.amount_currency } : null,
    description: r.description,
    reporterContact: r.reporter_contact,
    assignedTo: r.assigned_to ? (names.get(r.assigned_to) ?? null) : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** Escapes LIKE wildcards so user text matches literally. */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

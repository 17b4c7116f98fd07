import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  AGENCY_CAPITAL_MINIMUM_PIASTRES,
  LICENCE_NUMBER_PATTERN,
  normalizeDigits,
  type Agency,
  type AgencyAuthorisation,
  type AgencyDetail,
  type AgencyPage,
  type AgencySearchQuery,
  type BrokerReportAssignRequest,
  type BrokerReportDetail,
  type BrokerReportNoteRequest,
  type BrokerReportPage,
  type BrokerReportQueueQuery,
  type BrokerReportReceipt,
  type BrokerReportStatusRequest,
  type ChangeAgencyStatusRequest,
  type CreateAgencyRequest,
  type CreateBrokerReportRequest,
} from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { foldForSearch } from '../reference/arabic.ts';
import * as repo from './agencies.repository.ts';

/**
 * Licensed private recruitment agencies and broker reports (Egyptian node, issue 4 part 9).
 * Law 14/2025: Art. 40 (only the Ministry, public bodies, companies for their own staff and private
 * agencies licensed by the Ministry may place workers), Art. 41 (capital minima), Art. 42 (the Ministry
 * supervises agencies), Art. 43 (nothing may be taken from the worker, save ≤ 1 % of the first-year wage
 * by a licensed agency). An agency acts for a worker only with the worker's consent (Law 151/2020 Art. 2).
 */
export type AgencyDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;
type Db = Kysely<DB> | Transaction<DB>;

/** Staff roles that work the broker-report queue. */
export const BROKER_QUEUE_ROLES = ['hq_admin', 'overseas_officer'] as const;

const today = (now: Date): string => now.toISOString().slice(0, 10);

/** The folded text the public search matches: both names and the licence number. */
export function agencySearchText(a: { nameAr: string; nameEn: string; licenceNumber: string }): string {
  return foldForSearch(`${a.nameAr} ${a.nameEn} ${a.licenceNumber}`);
}

// ---------- public registry ----------

/**
 * Public search of the registry: `q` matches the Arabic or English name (Arabic folded: hamza forms,
 * ta marbuta, alef maqsura, diacritics, Arabic-Indic digits) or the licence number, every word;
 * filters `status` and `governorate`; pages of `pageSize`, by Arabic name.
 */
export async function searchAgencies(deps: Pick<AgencyDeps, 'db' | 'clock'>, q: AgencySearchQuery): Promise<AgencyPage> {
  const words = q.q ? foldForSearch(q.q).split(' ').filter(Boolean) : [];
  const { rows, total } = await repo.searchAgencies(deps.db, { words, status: q.status, governorate: q.governorate }, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  const d = today(deps.clock());
  return { items: rows.map((r) => repo.toAgency(r, d)), total, page: q.page, pageSize: q.pageSize };
}

/** One agency with its licence status history (oldest first). 404 `agency_not_found`. */
export async function getAgency(deps: Pick<AgencyDeps, 'db' | 'clock'>, licence: string): Promise<AgencyDetail> {
  const row = await repo.findAgencyByLicence(deps.db, licence);
  if (!row) throw new AppError('agency_not_found');
  return { ...repo.toAgency(row, today(deps.clock())), history: await repo.listStatusChanges(deps.db, row.id) };
}

// ---------- HQ: licences ----------

/**
 * HQ registers a licensed agency (status `valid`). Art. 41: paid-in capital at least EGP 250,000 for
 * domestic placement and EGP 500,000 for placement abroad or both (`validation_failed` with
 * `agency_capital_below_minimum` on `/paidInCapitalPiastres`). Errors: 409 `agency_licence_taken`.
 * Audited `agency.created`.
 */
export async function createAgency(deps: AgencyDeps, caller: StaffPrincipal, input: CreateAgencyRequest): Promise<AgencyDetail> {
  if (input.paidInCapitalPiastres < AGENCY_CAPITAL_MINIMUM_PIASTRES[input.scope]) invalidField('/paidInCapitalPiastres', 'agency_capital_below_minimum');
  if (!(await repo.governorateExists(deps.db, input.governorateCode))) invalidField('/governorateCode', 'invalid_value');
  const now = deps.clock();
  const id = randomUUID();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertAgency(trx, {
        id,
        licence_number: input.licenceNumber,
        name_ar: input.nameAr,
        name_en: input.nameEn,
        search_text: agencySearchText(input),
        legal_form: input.legalForm,
        scope: input.scope,
        paid_in_capital_piastres: input.paidInCapitalPiastres,
        governorate_code: input.governorateCode,
        address: input.address,
        phone: input.phone,
        licence_issued_on: input.licenceIssuedOn,
        licence_expires_on: input.licenceExpiresOn,
        status: 'valid',
        status_reason: null,
        status_changed_at: now,
        is_demo: false,
        created_by: caller.staffId,
        created_at: now,
        updated_at: now,
      });
      await repo.insertStatusChange(trx, { id: randomUUID(), agencyId: id, from: null, to: 'valid', reason: 'licence registered', by: caller.staffId, at: now });
      await appendAudit(
        trx,
        { kind: 'staff', id: caller.staffId },
        { action: 'agency.created', subjectType: 'agency', subjectId: input.licenceNumber, details: { scope: input.scope, legalForm: input.legalForm, governorate: input.governorateCode } },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err, 'agencies_licence_key')) throw new AppError('agency_licence_taken');
    throw err;
  }
  return getAgency(deps, input.licenceNumber);
}

/**
 * HQ changes a licence's status with a published reason: valid ↔ suspended, valid | suspended → revoked.
 * Revoked is final (also enforced by a database trigger). The row is locked so decisions serialise.
 * Errors: 404 `agency_not_found`, 409 `agency_revoked_final` | `agency_status_unchanged`.
 * Audited `agency.status_changed`. Active worker authorisations stay recorded, but `agencyMayActFor`
 * refuses while the licence is not valid.
 */
export async function changeAgencyStatus(deps: AgencyDeps, caller: StaffPrincipal, licence: string, input: ChangeAgencyStatusRequest): Promise<AgencyDetail> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findAgencyForUpdate(trx, licence);
    if (!row) throw new AppError('agency_not_found');
    if (row.status === 'revoked') throw new AppError('agency_revoked_final');
    if (row.status === input.status) throw new AppError('agency_status_unchanged');
    await repo.setAgencyStatus(trx, row.id, { status: input.status, reason: input.reason, now });
    await repo.insertStatusChange(trx, { id: randomUUID(), agencyId: row.id, from: row.status, to: input.status, reason: input.reason, by: caller.staffId, at: now });
    await appendAudit(
      trx,
      { kind: 'staff', id: caller.staffId },
      { action: 'agency.status_changed', subjectType: 'agency', subjectId: licence, details: { from: row.status, to: input.status, reason: input.reason } },
      now,
    );
  });
  return getAgency(deps, licence);
}

// ---------- worker authorisations ----------

/** The worker's agency authorisations, active and withdrawn, newest first. */
export async function listAuthorisations(deps: Pick<AgencyDeps, 'db' | 'clock'>, citizenId: string): Promise<AgencyAuthorisation[]> {
  const d = today(deps.clock());
  return (await repo.listAuthorisations(deps.db, citizenId)).map((r) => ({
    id: r.authorisation_id,
    agency: repo.toAgency(r, d),
    grantedAt: new Date(r.granted_at).toISOString(),
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
    active: r.withdrawn_at === null,
  }));
}

/**
 * The worker allows one agency to act for them. Only an agency whose licence is valid and not expired.
 * Errors: 404 `agency_not_found`, 409 `agency_not_valid` | `agency_authorisation_exists`.
 * Audited `agency.authorisation_granted` (actor: the citizen).
 */
export async function grantAuthorisation(deps: AgencyDeps, citizenId: string, licence: string): Promise<AgencyAuthorisation[]> {
  const now = deps.clock();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const row = await repo.findAgencyByLicence(trx, licence);
      if (!row) throw new AppError('agency_not_found');
      if (!repo.toAgency(row, today(now)).mayOperate) throw new AppError('agency_not_valid');
      if (await repo.findActiveAuthorisation(trx, row.id, citizenId)) throw new AppError('agency_authorisation_exists');
      const id = randomUUID();
      await repo.insertAuthorisation(trx, { id, agencyId: row.id, citizenId, now });
      await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'agency.authorisation_granted', subjectType: 'agency_authorisation', subjectId: id, details: { licence } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'agency_authorisations_active_key')) throw new AppError('agency_authorisation_exists');
    throw err;
  }
  return listAuthorisations(deps, citizenId);
}

/** The worker withdraws an authorisation (kept, marked withdrawn). Errors: 404 `agency_not_found` | `agency_authorisation_not_active`. Audited. */
export async function withdrawAuthorisation(deps: AgencyDeps, citizenId: string, licence: string): Promise<AgencyAuthorisation[]> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findAgencyByLicence(trx, licence);
    if (!row) throw new AppError('agency_not_found');
    const id = await repo.withdrawAuthorisation(trx, row.id, citizenId, now);
    if (!id) throw new AppError('agency_authorisation_not_active');
    await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'agency.authorisation_withdrawn', subjectType: 'agency_authorisation', subjectId: id, details: { licence } }, now);
  });
  return listAuthorisations(deps, citizenId);
}

export type AgencyMayActResult = { ok: true; agency: Agency } | { ok: false; reason: 'unknown_agency' | 'licence_not_valid' | 'no_worker_authorisation' };

/**
 * May the agency with `licenceNumber` act for the citizen (e.g. be named on their contract)? For the
 * contracts module; runs on the caller's connection or transaction. In order:
 * `unknown_agency` (no such licence), `licence_not_valid` (suspended, revoked, or past its expiry date
 * on `now`'s UTC date: Law 14/2025 Art. 40 needs a licensed agency), `no_worker_authorisation` (the
 * worker has not allowed it, or withdrew). The licence number may be typed loosely (Arabic-Indic digits,
 * lower case, spaces).
 */
export async function agencyMayActFor(db: Db, input: { licenceNumber: string; citizenId: string }, now: Date = new Date()): Promise<AgencyMayActResult> {
  const licence = normalizeDigits(input.licenceNumber).replace(/\s/g, '').toUpperCase();
  if (!LICENCE_NUMBER_PATTERN.test(licence)) return { ok: false, reason: 'unknown_agency' };
  const row = await repo.findAgencyByLicence(db, licence);
  if (!row) return { ok: false, reason: 'unknown_agency' };
  const agency = repo.toAgency(row, today(now));
  if (!agency.mayOperate) return { ok: false, reason: 'licence_not_valid' };
  if (!(await repo.findActiveAuthorisation(db, row.id, input.citizenId))) return { ok: false, reason: 'no_worker_authorisation' };
  return { ok: true, agency };
}

// ---------- broker reports ----------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random reference `BR-XXXX-XXXX` (40 bits, Crockford base32: no I, L, O, U). */
export function newBrokerReportReference(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let s = '';
  for (let i = 0; i < 8; i++) s = CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)]! + s;
  return `BR-${s.slice(0, 4)}-${s.slice(4)}`;
}

/**
 * Receives a report of a broker (anonymous allowed). Stores only what the reporter typed: no IP
 * address, user agent or account. Returns a reference to quote later. Audited `broker_report.received`
 * as the system (the reporter stays anonymous).
 */
export async function createBrokerReport(deps: AgencyDeps, input: CreateBrokerReportRequest): Promise<BrokerReportReceipt> {
  const now = deps.clock();
  for (let attempt = 0; ; attempt++) {
    const reference = newBrokerReportReference();
    try {
      await deps.db.transaction().execute(async (trx) => {
        const id = randomUUID();
        await repo.insertBrokerReport(trx, {
          id,
          reference,
          claimed_offer: input.claimedOffer,
          broker_name: input.brokerName,
          broker_phone: input.brokerPhone,
          broker_link: input.brokerLink,
          promised_country: input.promisedCountry,
          amount_asked_minor: input.amountAsked?.amountMinor ?? null,
          amount_currency: input.amountAsked?.currency ?? null,
          description: input.description,
          reporter_contact: input.reporterContact,
          created_at: now,
          updated_at: now,
        });
        await appendAudit(trx, { kind: 'system' }, { action: 'broker_report.received', subjectType: 'broker_report', subjectId: reference, details: { promisedCountry: input.promisedCountry } }, now);
      });
      return { reference, receivedAt: now.toISOString() };
    } catch (err) {
      if (attempt < 3 && isUniqueViolation(err, 'broker_reports_reference_key')) continue;
      throw err;
    }
  }
}

/** The HQ queue, oldest first: filters status, assigned (`me` | `none`), promised country, text in broker fields or reference. */
export async function listBrokerReports(deps: Pick<AgencyDeps, 'db'>, caller: StaffPrincipal, q: BrokerReportQueueQuery): Promise<BrokerReportPage> {
  const assignedTo = q.assigned === 'me' ? caller.staffId : q.assigned;
  const { rows, total } = await repo.listBrokerReports(deps.db, { status: q.status, assignedTo, country: q.country, q: q.q }, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  const names = await repo.staffNames(deps.db, rows.flatMap((r) => (r.assigned_to ? [r.assigned_to] : [])));
  return { items: rows.map((r) => repo.toBrokerReport(r, names)), total, page: q.page, pageSize: q.pageSize };
}

/** One report with what staff did with it (oldest first). 404 `broker_report_not_found`. */
export async function getBrokerReport(deps: Pick<AgencyDeps, 'db'>, reference: string): Promise<BrokerReportDetail> {
  const row = await repo.findBrokerReport(deps.db, reference);
  if (!row) throw new AppError('broker_report_not_found');
  const events = await repo.listBrokerReportEvents(deps.db, row.id);
  const names = await repo.staffNames(deps.db, [...(row.assigned_to ? [row.assigned_to] : []), ...events.flatMap((e) => [e.staff_id, ...(e.assigned_to ? [e.assigned_to] : [])])]);
  const unknown = { nameAr: '', nameEn: '' };
  return {
    ...repo.toBrokerReport(row, names),
    events: events.map((e) => ({
      kind: e.kind,
      by: names.get(e.staff_id) ?? { id: e.staff_id, ...unknown },
      fromStatus: (e.from_status as BrokerReportDetail['status'] | null) ?? null,
      toStatus: (e.to_status as BrokerReportDetail['status'] | null) ?? null,
      assignedTo: e.assigned_to ? (names.get(e.assigned_to) ?? { id: e.assigned_to, ...unknown }) : null,
      note: e.note,
      at: new Date(e.at).toISOString(),
    })),
  };
}

async function onReport(deps: AgencyDeps, reference: string, work: (trx: Transaction<DB>, row: repo.BrokerReportRow, now: Date) => Promise<void>): Promise<BrokerReportDetail> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.findBrokerReportForUpdate(trx, reference);
    if (!row) throw new AppError('broker_report_not_found');
    await work(trx, row, now);
  });
  return getBrokerReport(deps, reference);
}

/**
 * Moves a report: to investigating, referred (e.g. to the public prosecution or the anti-trafficking
 * committee) or closed; referred and closed need a note. Any status but `new` may follow any other.
 * Errors: 404 `broker_report_not_found`, 409 `broker_report_status_unchanged`. Audited `broker_report.status_changed`.
 */
export function changeBrokerReportStatus(deps: AgencyDeps, caller: StaffPrincipal, reference: string, input: BrokerReportStatusRequest): Promise<BrokerReportDetail> {
  return onReport(deps, reference, async (trx, row, now) => {
    if (row.status === input.status) throw new AppError('broker_report_status_unchanged');
    await repo.updateBrokerReport(trx, row.id, { status: input.status, now });
    await repo.insertBrokerReportEvent(trx, { id: randomUUID(), reportId: row.id, staffId: caller.staffId, kind: 'status_changed', from: row.status, to: input.status, note: input.note, at: now });
    await appendAudit(trx, { kind: 'staff', id: caller.staffId }, { action: 'broker_report.status_changed', subjectType: 'broker_report', subjectId: reference, details: { from: row.status, to: input.status } }, now);
  });
}

/**
 * Assigns the report to an active HQ administrator or overseas-employment officer, or unassigns it (`null`).
 * Errors: 404 `broker_report_not_found`, 422 `broker_report_assignee_invalid`. Audited `broker_report.assigned`.
 */
export function assignBrokerReport(deps: AgencyDeps, caller: StaffPrincipal, reference: string, input: BrokerReportAssignRequest): Promise<BrokerReportDetail> {
  return onReport(deps, reference, async (trx, row, now) => {
    if (input.staffId) {
      const s = await repo.findStaff(trx, input.staffId);
      if (!s || s.disabled_at || !(BROKER_QUEUE_ROLES as readonly string[]).includes(s.role)) throw new AppError('broker_report_assignee_invalid');
    }
    await repo.updateBrokerReport(trx, row.id, { assigned_to: input.staffId, now });
    await repo.insertBrokerReportEvent(trx, { id: randomUUID(), reportId: row.id, staffId: caller.staffId, kind: 'assigned', assignedTo: input.staffId, at: now });
    await appendAudit(trx, { kind: 'staff', id: caller.staffId }, { action: 'broker_report.assigned', subjectType: 'broker_report', subjectId: reference, details: { assignedTo: input.staffId } }, now);
  });
}

/** Adds an internal note. 404 `broker_report_not_found`. Audited `broker_report.note_added` (the note text stays in the report). */
export function addBrokerReportNote(deps: AgencyDeps, caller: StaffPrincipal, reference: string, input: BrokerReportNoteRequest): Promise<BrokerReportDetail> {
  return onReport(deps, reference, async (trx, row, now) => {
    await repo.updateBrokerReport(trx, row.id, { now });
    await repo.insertBrokerReportEvent(trx, { id: randomUUID(), reportId: row.id, staffId: caller.staffId, kind: 'note_added', note: input.note, at: now });
    await appendAudit(trx, { kind: 'staff', id: caller.staffId }, { action: 'broker_report.note_added', subjectType: 'broker_report', subjectId: reference }, now);
  });
}

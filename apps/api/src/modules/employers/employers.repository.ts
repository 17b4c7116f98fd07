import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { EmployerAccount, EmployerNotification, EmployerStatus, EmployerSummary, JobOrder, JobOrderInput, Money } from '@rabt/contracts';
import type { DB, EmployersTable, JobOrdersTable } from '../../platform/db/schema.ts';
import { cityNameAr } from '../reference/cities.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type EmployerRow = Selectable<EmployersTable>;
export type JobOrderRow = Selectable<JobOrdersTable>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

// ---------------------------------------------------------------- employers

export async function insertEmployer(trx: Transaction<DB>, row: Insertable<EmployersTable>): Promise<void> {
  await trx.insertInto('employers').values(row).execute();
}

export function findEmployerById(db: Db, id: string): Promise<EmployerRow | undefined> {
  return db.selectFrom('employers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEmployerForUpdate(trx: Transaction<DB>, id: string): Promise<EmployerRow | undefined> {
  return trx.selectFrom('employers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findEmployerByLogin(db: Db, country: string, login: { establishmentNumber?: string | undefined; email?: string | undefined }): Promise<EmployerRow | undefined> {
  const q = db.selectFrom('employers').selectAll().where('country', '=', country);
  return (login.email ? q.where('rep_email', '=', login.email.toLowerCase()) : q.where('establishment_number', '=', login.establishmentNumber ?? '')).executeTakeFirst();
}

export function listEmployersByStatus(db: Db, country: string, status: EmployerStatus): Promise<EmployerRow[]> {
  return db.selectFrom('employers').selectAll().where('country', '=', country).where('status', '=', status).orderBy('created_at').orderBy('id').limit(500).execute();
}

export async function setEmployerDecision(trx: Transaction<DB>, id: string, d: { status: 'verified' | 'rejected'; reason: string | null; by: string | null; now: Date }): Promise<void> {
  await trx.updateTable('employers').set({ status: d.status, decision_reason: d.reason, decided_at: d.now, decided_by: d.by, updated_at: d.now }).where('id', '=', id).execute();
}

export function toEmployerAccount(r: EmployerRow): EmployerAccount {
  return {
    id: r.id,
    country: r.country,
    establishmentNumber: r.establishment_number,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    sector: r.sector,
    city: r.city,
    representativeName: r.rep_name,
    representativeEmail: r.rep_email,
    representativeMobile: r.rep_mobile,
    status: r.status,
    decisionReason: r.decision_reason,
    decidedAt: iso(r.decided_at),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** What partners and the Egyptian node see of an employer (federation messages). */
export function toEmployerSummary(r: EmployerRow): EmployerSummary {
  return {
    employerId: r.id,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    establishmentNumber: r.establishment_number,
    sector: r.sector,
    city: r.city,
    verified: r.status === 'verified',
    verifiedAt: r.status === 'verified' ? iso(r.decided_at) : null,
  };
}

// ---------------------------------------------------------------- reference data

export async function countryCurrency(db: Db, country: string): Promise<{ currency: string; minorUnits: number } | undefined> {
  const r = await db.selectFrom('countries').select(['currency', 'currency_minor_units']).where('iso2', '=', country).executeTakeFirst();
  return r ? { currency: r.currency, minorUnits: r.currency_minor_units } : undefined;
}

/** Titles of the given ISCO-08 unit groups (level 4) that exist. */
export async function unitGroupTitles(db: Db, codes: readonly string[]): Promise<Map<string, { titleAr: string; titleEn: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('occupations').select(['code', 'title_ar', 'title_en']).where('level', '=', 4).where('code', 'in', [...new Set(codes)]).execute();
  return new Map(rows.map((r) => [r.code, { titleAr: r.title_ar, titleEn: r.title_en }]));
}

// ---------------------------------------------------------------- job orders

const money = (amount: string | null, currency: string): Money | null => (amount === null ? null : { amountMinor: Number(amount), currency });

export function jobOrderColumns(input: JobOrderInput) {
  return {
    isco: input.isco,
    title_ar: input.titleAr,
    title_en: input.titleEn,
    positions: input.positions,
    currency: input.wage.currency,
    wage_minor: input.wage.amountMinor,
    housing_minor: input.allowances.housing?.amountMinor ?? null,
    transport_minor: input.allowances.transport?.amountMinor ?? null,
    food_minor: input.allowances.food?.amountMinor ?? null,
    hours_per_week: input.hoursPerWeek,
    rest_days_per_week: input.restDaysPerWeek,
    contract_months: input.contractMonths,
    probation_days: input.probationDays,
    city: input.city,
    min_years: input.requirements.minYears,
    languages: JSON.stringify(input.requirements.languages),
    certificate_level: input.requirements.certificateLevel,
    notes_ar: input.requirements.notesAr,
    annual_ticket: input.benefits.annualTicket,
    end_of_service: input.benefits.endOfService,
    medical_insurance: input.benefits.medicalInsurance,
    recruitment_costs_borne_by_employer: input.recruitmentCostsBorneByEmployer,
  };
}

export async function insertJobOrder(trx: Transaction<DB>, row: Insertable<JobOrdersTable>): Promise<void> {
  await trx.insertInto('job_orders').values(row).execute();
}

export async function updateJobOrder(trx: Transaction<DB>, id: string, patch: Partial<Insertable<JobOrdersTable>>): Promise<void> {
  await trx.updateTable('job_orders').set(patch).where('id', '=', id).execute();
}

export function findJobOrderForUpdate(trx: Transaction<DB>, id: string): Promise<JobOrderRow | undefined> {
  return trx.selectFrom('job_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

type JobOrderView = JobOrderRow & { occupation_title_ar: string; occupation_title_en: string; applications: number };

function jobOrderQuery(db: Db) {
  return db
    .selectFrom('job_orders as j')
    .innerJoin('occupations as o', 'o.code', 'j.isco')
    .selectAll('j')
    .select(['o.title_ar as occupation_title_ar', 'o.title_en as occupation_title_en'])
    .select((eb) => eb.selectFrom('job_applications as a').whereRef('a.job_order_id', '=', 'j.id').select(sql<number>`count(*)::int`.as('n')).as('applications'));
}

export async function findJobOrder(db: Db, id: string): Promise<JobOrderView | undefined> {
  const r = await jobOrderQuery(db).where('j.id', '=', id).executeTakeFirst();
  return r ? { ...r, applications: Number(r.applications ?? 0) } : undefined;
}

export async function listJobOrders(db: Db, employerId: string): Promise<JobOrderView[]> {
  const rows = await jobOrderQuery(db).where('j.employer_id', '=', employerId).orderBy('j.created_at', 'desc').orderBy('j.id').limit(2000).execute();
  return rows.map((r) => ({ ...r, applications: Number(r.applications ?? 0) }));
}

export function toJobOrder(r: JobOrderView): JobOrder {
  return {
    id: r.id,
    employerId: r.employer_id,
    country: r.country,
    status: r.status,
    version: r.version,
    isco: r.isco,
    occupationTitleAr: r.occupation_title_ar,
    occupationTitleEn: r.occupation_title_en,
    titleAr: r.title_ar,
    titleEn: r.title_en,
    positions: r.positions,
    wage: { amountMinor: Number(r.wage_minor), currency: r.currency },
    allowances: { housing: money(r.housing_minor, r.currency), transport: money(r.transport_minor, r.currency), food: money(r.food_minor, r.currency) },
    hoursPerWeek: r.hours_per_week,
    restDaysPerWeek: r.rest_days_per_week,
    contractMonths: r.contract_months,
    probationDays: r.probation_days,
    city: r.city,
    cityAr: cityNameAr(r.country, r.city),
    requirements: {
      minYears: r.min_years,
      languages: r.languages as JobOrder['requirements']['languages'],
      certificateLevel: r.certificate_level as JobOrder['requirements']['certificateLevel'],
      notesAr: r.notes_ar,
    },
    benefits: { annualTicket: r.annual_ticket, endOfService: r.end_of_service, medicalInsurance: r.medical_insurance },
    recruitmentCostsBorneByEmployer: true,
    postedOn: r.posted_on,
    submittedAt: iso(r.submitted_at),
    decisionReason: r.decision_reason,
    decidedAt: iso(r.decided_at),
    applications: r.applications,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

// ---------------------------------------------------------------- notifications

/** An in-app notification, written in the caller's transaction (so it commits with the event). */
export async function notifyEmployer(trx: Transaction<DB>, employerId: string, kind: string, body: { ar: string; en: string }, now: Date): Promise<void> {
  await trx.insertInto('employer_notifications').values({ id: randomUUID(), employer_id: employerId, kind, body_ar: body.ar, body_en: body.en, created_at: now }).execute();
}

export async function listNotifications(db: Db, employerId: string): Promise<EmployerNotification[]> {
  const rows = await db.selectFrom('employer_notifications').selectAll().where('employer_id', '=', employerId).orderBy('created_at', 'desc').orderBy('id').limit(100).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, bodyAr: r.body_ar, bodyEn: r.body_en, createdAt: new Date(r.created_at).toISOString() }));
}

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { FieldError, JobOrder, JobOrderInput, JobOrderTerms } from '@rabt/contracts';
import { AppError, fieldError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { EmployerPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { IncomingMessage } from '../federation/federation.port.ts';
import { ORIGIN_COUNTRY, type DestinationDeps } from './deps.ts';
import { requireVerifiedEmployer } from './employers.service.ts';
import * as repo from './employers.repository.ts';

/**
 * Checks a job order's terms against the rules a destination ministry cannot waive:
 * - recruitment costs borne by the employer (Egypt Law 14/2025 Art. 43; ILO General Principles for Fair
 *   Recruitment, principle 7): refused with its own problem, `recruitment_costs_not_on_employer` (422);
 * - every amount in this node's currency (ISO 4217), as integer minor units, the wage above zero;
 * - the occupation an existing ISCO-08 unit group.
 * Other field errors: `validation_failed` with `currency_not_country`, `wage_positive`, `isco_unknown`.
 */
export async function assertTermsAcceptable(deps: Pick<DestinationDeps, 'db' | 'config'>, input: JobOrderInput): Promise<void> {
  if (!input.recruitmentCostsBorneByEmployer) {
    throw new AppError('recruitment_costs_not_on_employer', { fieldErrors: [fieldError('/recruitmentCostsBorneByEmployer', 'employer_pays_required')] });
  }
  const errors: FieldError[] = [];
  const currency = await repo.countryCurrency(deps.db, deps.config.country);
  const amounts: [string, { currency: string } | null][] = [
    ['/wage/currency', input.wage],
    ['/allowances/housing/currency', input.allowances.housing],
    ['/allowances/transport/currency', input.allowances.transport],
    ['/allowances/food/currency', input.allowances.food],
  ];
  for (const [pointer, m] of amounts) if (m && m.currency !== currency?.currency) errors.push(fieldError(pointer, 'currency_not_country'));
  if (input.wage.amountMinor <= 0) errors.push(fieldError('/wage/amountMinor', 'wage_positive'));
  if (!(await repo.unitGroupTitles(deps.db, [input.isco])).has(input.isco)) errors.push(fieldError('/isco', 'isco_unknown'));
  if (errors.length) throw new AppError('validation_failed', { fieldErrors: errors });
}

/** A job order of the caller's own establishment; another employer's is `job_order_not_found` (404: existence is not revealed). */
async function ownJobOrderForUpdate(trx: Transaction<DB>, employerId: string, id: string): Promise<repo.JobOrderRow> {
  const j = await repo.findJobOrderForUpdate(trx, id);
  if (!j || j.employer_id !== employerId) throw new AppError('job_order_not_found');
  return j;
}

export async function getOwnJobOrder(deps: Pick<DestinationDeps, 'db'>, caller: EmployerPrincipal, id: string): Promise<JobOrder> {
  await requireVerifiedEmployer(deps, caller);
  const j = await repo.findJobOrder(deps.db, id);
  if (!j || j.employer_id !== caller.employerId) throw new AppError('job_order_not_found');
  return repo.toJobOrder(j);
}

export async function listOwnJobOrders(deps: Pick<DestinationDeps, 'db'>, caller: EmployerPrincipal): Promise<JobOrder[]> {
  await requireVerifiedEmployer(deps, caller);
  return (await repo.listJobOrders(deps.db, caller.employerId)).map(repo.toJobOrder);
}

/** Creates a draft job order (verified employers only). Errors: see `assertTermsAcceptable`, `employer_not_verified`. */
export async function createJobOrder(deps: DestinationDeps, caller: EmployerPrincipal, input: JobOrderInput): Promise<JobOrder> {
  await requireVerifiedEmployer(deps, caller);
  await assertTermsAcceptable(deps, input);
  const now = deps.clock();
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertJobOrder(trx, { id, employer_id: caller.employerId, country: deps.config.country, ...repo.jobOrderColumns(input), created_at: now, updated_at: now });
    await appendAudit(trx, { kind: 'employer', id: caller.employerId }, { action: 'job_order.created', subjectType: 'job_order', subjectId: id, details: { isco: input.isco, positions: input.positions } }, now);
  });
  return getOwnJobOrder(deps, caller, id);
}

/** Replaces the terms of a draft or of an order returned for changes. Errors: `job_order_not_found`, `job_order_not_editable` (409). */
export async function updateJobOrder(deps: DestinationDeps, caller: EmployerPrincipal, id: string, input: JobOrderInput): Promise<JobOrder> {
  await requireVerifiedEmployer(deps, caller);
  await assertTermsAcceptable(deps, input);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const j = await ownJobOrderForUpdate(trx, caller.employerId, id);
    if (j.status !== 'draft' && j.status !== 'changes_requested') throw new AppError('job_order_not_editable');
    await repo.updateJobOrder(trx, id, { ...repo.jobOrderColumns(input), updated_at: now });
    await appendAudit(trx, { kind: 'employer', id: caller.employerId }, { action: 'job_order.updated', subjectType: 'job_order', subjectId: id }, now);
  });
  return getOwnJobOrder(deps, caller, id);
}

/** The job order as it travels to the Egyptian node (JobOrderTerms). */
export function termsOf(j: repo.JobOrderRow, employer: repo.EmployerRow): JobOrderTerms {
  const money = (amount: string | null) => (amount === null ? null : { amountMinor: Number(amount), currency: j.currency });
  return {
    jobOrderId: j.id,
    country: j.country,
    employer: repo.toEmployerSummary(employer),
    isco: j.isco,
    titleAr: j.title_ar,
    titleEn: j.title_en,
    positions: j.positions,
    wage: { amountMinor: Number(j.wage_minor), currency: j.currency },
    allowances: { housing: money(j.housing_minor), transport: money(j.transport_minor), food: money(j.food_minor) },
    hoursPerWeek: j.hours_per_week,
    restDaysPerWeek: j.rest_days_per_week,
    contractMonths: j.contract_months,
    probationDays: j.probation_days,
    city: j.city,
    requirements: { minYears: j.min_years, languages: j.languages as JobOrderTerms['requirements']['languages'], certificateLevel: j.certificate_level as JobOrderTerms['requirements']['certificateLevel'], notesAr: j.notes_ar },
    benefits: { annualTicket: j.annual_ticket, endOfService: j.end_of_service, medicalInsurance: j.medical_insurance },
    recruitmentCostsBorneByEmployer: true,
    postedOn: j.posted_on ?? new Date().toISOString().slice(0, 10),
  };
}

/**
 * Submits a draft (or a changed order) to the Egyptian ministry for attestation: queues
 * `job_order.submitted` to EG in the same transaction (entity job_order/id/version; each resubmission
 * bumps the version so the Egyptian node never applies an older copy over a newer one).
 * Errors: `job_order_not_found`, `job_order_not_editable` (409), `employer_not_verified`.
 */
export async function submitJobOrder(deps: DestinationDeps, caller: EmployerPrincipal, id: string): Promise<JobOrder> {
  const employer = await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const j = await ownJobOrderForUpdate(trx, caller.employerId, id);
    if (j.status !== 'draft' && j.status !== 'changes_requested') throw new AppError('job_order_not_editable');
    await submitLocked(deps, trx, j, employer, now);
    await appendAudit(trx, { kind: 'employer', id: caller.employerId }, { action: 'job_order.submitted', subjectType: 'job_order', subjectId: id, details: { version: j.version + 1 } }, now);
  });
  return getOwnJobOrder(deps, caller, id);
}

/** The state change and the outgoing message of a submission, for a row the caller has locked. */
export async function submitLocked(deps: Pick<DestinationDeps, 'federation'>, trx: Transaction<DB>, j: repo.JobOrderRow, employer: repo.EmployerRow, now: Date, postedOn = now.toISOString().slice(0, 10)): Promise<void> {
  const version = j.version + 1;
  await repo.updateJobOrder(trx, j.id, { status: 'submitted', version, submitted_at: now, posted_on: postedOn, decision_reason: null, decided_at: null, updated_at: now });
  const terms = termsOf({ ...j, version, posted_on: postedOn }, employer);
  await deps.federation.enqueue(trx, { to: ORIGIN_COUNTRY, type: 'job_order.submitted', body: terms, entity: { type: 'job_order', id: j.id, version } });
}

const DECISION_TEXT = {
  approved: { ar: 'صدّقت الوزارة المصرية على طلب الاستقدام', en: 'The Egyptian ministry attested job order' },
  rejected: { ar: 'رفضت الوزارة المصرية طلب الاستقدام', en: 'The Egyptian ministry rejected job order' },
  changes_requested: { ar: 'طلبت الوزارة المصرية تعديل طلب الاستقدام', en: 'The Egyptian ministry asked for changes to job order' },
} as const;

/**
 * `job_order.decision` from the Egyptian node: approved, rejected or changes requested, with a reason.
 * Applied only to an order waiting for a decision (a late copy of an earlier decision changes nothing);
 * the employer is notified in the same transaction. An unknown job order or a sender other than the
 * Egyptian node is refused (negative receipt).
 */
export async function onJobOrderDecision(trx: Transaction<DB>, message: IncomingMessage<'job_order.decision'>, now: Date): Promise<void> {
  if (message.from !== ORIGIN_COUNTRY) throw new Error(`job_order.decision is accepted from ${ORIGIN_COUNTRY} only`);
  const b = message.body;
  const j = await repo.findJobOrderForUpdate(trx, b.jobOrderId);
  if (!j) throw new Error('unknown job order');
  if (j.status !== 'submitted') return;
  await repo.updateJobOrder(trx, j.id, { status: b.decision, decision_reason: b.reason, decided_at: b.decidedAt, updated_at: now });
  const t = DECISION_TEXT[b.decision];
  const reason = b.reason ? { ar: ` السبب: ${b.reason}`, en: ` Reason: ${b.reason}` } : { ar: '', en: '' };
  await repo.notifyEmployer(trx, j.employer_id, `job_order.${b.decision}`, { ar: `${t.ar} «${j.title_ar}».${reason.ar}`, en: `${t.en} "${j.title_en || j.title_ar}".${reason.en}` }, now);
  await appendAudit(trx, { kind: 'system' }, { action: 'job_order.attestation_decision', subjectType: 'job_order', subjectId: j.id, details: { decision: b.decision, version: j.version, messageId: message.id } }, now);
}

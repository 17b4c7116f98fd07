import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ApplicationFeeStatus, CheckoutResponse, DevCheckoutView, PaymentRecord } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Principal, StaffPrincipal } from '../../platform/auth/principal.ts';
import type { DB, ServicePaymentsTable } from '../../platform/db/schema.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { assertStaffScope, findApplicationRow, readableApplication, type AccessRow } from '../uploads/application-access.ts';
import { signCallback, SIGNATURE_HEADER, type PaymentProvider } from './provider.ts';

/**
 * Fees of e-service applications (issue 5 §6). The fee (piastres) is computed by the service
 * definition at creation and shown before submission; this module records how it is settled: cash at
 * the office counter (a clerk, with the paper receipt's number), online through a PaymentProvider
 * (pending until its HMAC-signed callback says paid; idempotent per provider reference), or waived by
 * an exemption. An application whose fee is neither paid nor waived cannot be approved.
 */
export type PaymentsDeps = Pick<AppDeps, 'db' | 'clock'> & { provider: PaymentProvider; webhookSecret: string };

type Db = Kysely<DB> | Transaction<DB>;
type PaymentRow = ServicePaymentsTable & { created_at: Date; paid_at: Date | null };

/** Application states in which a fee can still be paid (not closed). */
const PAYABLE = ['draft', 'submitted', 'in_review', 'info_requested', 'escalated', 'approved'];
const CASH_ROLES = ['clerk', 'office_head'] as const;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function view(r: PaymentRow): PaymentRecord {
  return { id: r.id, amountPiastres: r.amount_piastres, status: r.status, method: r.method, receiptNumber: r.receipt_number, providerRef: r.provider_ref, createdAt: iso(r.created_at)!, paidAt: iso(r.paid_at) };
}

function listPayments(db: Db, applicationId: string) {
  return db.selectFrom('service_payments').selectAll().where('application_id', '=', applicationId).orderBy('created_at').orderBy('id').execute() as Promise<PaymentRow[]>;
}

async function settled(db: Db, applicationId: string): Promise<boolean> {
  const r = await db.selectFrom('service_payments').select('id').where('application_id', '=', applicationId).where('status', 'in', ['paid', 'waived']).executeTakeFirst();
  return r !== undefined;
}

function statusOf(app: Pick<AccessRow, 'fee_piastres' | 'fee_exemption'>, payments: PaymentRow[]): ApplicationFeeStatus['status'] {
  if (payments.some((p) => p.status === 'paid')) return 'paid';
  if (payments.some((p) => p.status === 'waived')) return 'waived';
  if (app.fee_piastres === 0) return app.fee_exemption ? 'waived' : 'not_required';
  return payments.some((p) => p.status === 'pending') ? 'pending' : 'due';
}

/** The fee of an application and its payments (applicant, or staff of its scope once submitted). */
export async function feeStatus(deps: PaymentsDeps, principal: Principal, applicationId: string): Promise<ApplicationFeeStatus> {
  const app = await readableApplication(deps.db, principal, applicationId);
  const payments = await listPayments(deps.db, app.id);
  return { applicationId: app.id, reference: app.reference, amountPiastres: app.fee_piastres, exemption: app.fee_exemption, status: statusOf(app, payments), payments: payments.map(view) };
}

/**
 * Approval gate (called by the workflow inside the approve transaction): 409 `fee_not_paid` unless the
 * fee is zero (free or exempted) or a payment is recorded as paid or waived.
 */
export async function assertFeeSettled(db: Db, app: { id: string; fee_piastres: number }): Promise<void> {
  if (app.fee_piastres === 0) return;
  if (!(await settled(db, app.id))) throw new AppError('fee_not_paid');
}

/** On submission: an exempted application (fee 0 with an exemption code) gets its `waived` record. */
export async function recordWaiver(trx: Transaction<DB>, app: { id: string; fee_piastres: number; fee_exemption: string | null; office_id: string | null }, now: Date): Promise<void> {
  if (app.fee_piastres !== 0 || !app.fee_exemption || (await settled(trx, app.id))) return;
  await trx.insertInto('service_payments').values({ id: randomUUID(), application_id: app.id, amount_piastres: 0, status: 'waived', method: 'exemption', office_id: app.office_id, created_at: now, paid_at: now }).execute();
}

/**
 * Citizen: starts an online payment of their application's fee with the provider; a pending payment
 * is recorded with the provider's reference. Errors: 404; 409 `fee_not_due` (nothing to pay),
 * `fee_already_settled`, `service_application_state` (closed application).
 */
export async function startOnline(deps: PaymentsDeps, citizenId: string, applicationId: string): Promise<CheckoutResponse> {
  const app = await findApplicationRow(deps.db, applicationId);
  if (!app || app.applicant_citizen_id !== citizenId) throw new AppError('service_application_not_found');
  if (!PAYABLE.includes(app.status)) throw new AppError('service_application_state');
  if (app.fee_piastres === 0) throw new AppError('fee_not_due');
  if (await settled(deps.db, app.id)) throw new AppError('fee_already_settled');
  const checkout = await deps.provider.createCheckout({ id: app.id, reference: app.reference }, app.fee_piastres);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_payments')
      .values({ id: randomUUID(), application_id: app.id, amount_piastres: app.fee_piastres, status: 'pending', method: 'online', provider: deps.provider.name, provider_ref: checkout.providerRef, office_id: app.office_id, created_at: now })
      .execute();
    await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'service_payment.checkout_started', subjectType: 'service_application', subjectId: app.id, officeId: app.office_id, details: { provider: deps.provider.name, providerRef: checkout.providerRef, amountPiastres: app.fee_piastres } }, now);
  });
  return checkout;
}

/**
 * Clerk or office head of the application's office: records a cash payment taken at the counter, with the
 * paper receipt's number; the amount is the application's fee. Audited. Errors: 403 `forbidden` (role),
 * `out_of_scope`; 404; 409 `fee_not_due`, `fee_already_settled`, `receipt_number_used`, `service_application_state`.
 */
export async function recordCash(deps: PaymentsDeps, staff: StaffPrincipal, applicationId: string, receiptNumber: string): Promise<ApplicationFeeStatus> {
  if (!(CASH_ROLES as readonly string[]).includes(staff.role)) throw new AppError('forbidden');
  const now = deps.clock();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const app = await findApplicationRow(trx, applicationId, true);
      if (!app || app.status === 'draft') throw new AppError('service_application_not_found');
      assertStaffScope(staff, app);
      if (!PAYABLE.includes(app.status)) throw new AppError('service_application_state');
      if (app.fee_piastres === 0) throw new AppError('fee_not_due');
      if (await settled(trx, app.id)) throw new AppError('fee_already_settled');
      const id = randomUUID();
      await trx
        .insertInto('service_payments')
        .values({ id, application_id: app.id, amount_piastres: app.fee_piastres, status: 'paid', method: 'cash', receipt_number: receiptNumber, recorded_by_staff_id: staff.staffId, office_id: staff.officeId ?? app.office_id, created_at: now, paid_at: now })
        .execute();
      // The application's history shows the payment (method and receipt), like every other step.
      await trx.insertInto('application_events').values({ application_id: app.id, at: now, actor_kind: 'staff', actor_id: staff.staffId, action: 'fee_paid_cash', from_status: app.status, to_status: app.status, step: null, note: receiptNumber }).execute();
      await appendAudit(trx, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, { action: 'service_payment.cash_recorded', subjectType: 'service_application', subjectId: app.id, officeId: app.office_id, details: { payment: id, receiptNumber, amountPiastres: app.fee_piastres } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'service_payments_receipt_unique')) throw new AppError('receipt_number_used');
    if (isUniqueViolation(err, 'service_payments_one_settled')) throw new AppError('fee_already_settled');
    throw err;
  }
  return feeStatus(deps, staff, applicationId);
}

/**
 * The provider's callback: the signature is verified over the raw body first (401
 * `payment_signature_invalid`: nothing is read or recorded), then, under the payment's row lock, a
 * `paid` result settles the pending payment once. The same callback again is acknowledged without a
 * second record (idempotent by provider reference). If the fee was meanwhile settled another way
 * (cash), the online payment is marked `refunded` (to be returned by the provider) instead of paid.
 */
export async function handleCallback(deps: PaymentsDeps, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<{ providerRef: string; status: string; duplicate: boolean }> {
  const cb = deps.provider.verifyCallback(headers, rawBody);
  const now = deps.clock();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const p = await trx.selectFrom('service_payments').selectAll().where('provider_ref', '=', cb.providerRef).where('provider', '=', deps.provider.name).forUpdate().executeTakeFirst();
      if (!p) throw new AppError('payment_not_found');
      if (p.status !== 'pending') return { providerRef: cb.providerRef, status: p.status, duplicate: true };
      const app = await findApplicationRow(trx, p.application_id, true);
      if (cb.status === 'failed') {
        await appendAudit(trx, { kind: 'system' }, { action: 'service_payment.failed', subjectType: 'service_application', subjectId: p.application_id, officeId: app?.office_id ?? null, details: { providerRef: cb.providerRef, eventId: cb.eventId } }, now);
        return { providerRef: cb.providerRef, status: 'pending', duplicate: false };
      }
      const status = (await settled(trx, p.application_id)) ? 'refunded' : 'paid';
      await trx.updateTable('service_payments').set({ status, paid_at: now }).where('id', '=', p.id).execute();
      if (status === 'paid' && app) {
        await trx.insertInto('application_events').values({ application_id: p.application_id, at: now, actor_kind: 'system', actor_id: null, action: 'fee_paid_online', from_status: app.status, to_status: app.status, step: null, note: null }).execute();
      }
      await appendAudit(
        trx,
        { kind: 'system' },
        { action: status === 'paid' ? 'service_payment.paid_online' : 'service_payment.duplicate_refund_due', subjectType: 'service_application', subjectId: p.application_id, officeId: app?.office_id ?? null, details: { payment: p.id, providerRef: cb.providerRef, eventId: cb.eventId, amountPiastres: p.amount_piastres } },
        now,
      );
      return { providerRef: cb.providerRef, status, duplicate: false };
    });
  } catch (err) {
    // Two identical callbacks racing: the loser finds the row settled on retry.
    if (isUniqueViolation(err, 'service_payments_one_settled')) return { providerRef: cb.providerRef, status: 'paid', duplicate: true };
    throw err;
  }
}

async function pendingByRef(deps: PaymentsDeps, citizenId: string, ref: string) {
  const p = await deps.db
    .selectFrom('service_payments')
    .innerJoin('service_applications', 'service_applications.id', 'service_payments.application_id')
    .select(['service_payments.provider_ref', 'service_payments.amount_piastres', 'service_payments.status', 'service_applications.reference', 'service_applications.id as application_id', 'service_applications.applicant_citizen_id'])
    .where('service_payments.provider_ref', '=', ref)
    .where('service_payments.provider', '=', 'fake')
    .executeTakeFirst();
  if (!p || p.applicant_citizen_id !== citizenId) throw new AppError('payment_not_found');
  return p;
}

/** Development (fake provider): what the checkout page `/dev/pay/<ref>` shows. The payer's own checkouts only. */
export async function devCheckout(deps: PaymentsDeps, citizenId: string, ref: string): Promise<DevCheckoutView> {
  const p = await pendingByRef(deps, citizenId, ref);
  return { providerRef: ref, amountPiastres: p.amount_piastres, reference: p.reference, status: p.status, returnUrl: `/my-applications/${p.application_id}` };
}

/**
 * Development (fake provider): the citizen clicked Pay. The fake provider signs a `paid` callback with the
 * shared secret and delivers it to the node's callback handler — the same path a real provider's call takes.
 */
export async function devPay(deps: PaymentsDeps, citizenId: string, ref: string): Promise<DevCheckoutView> {
  await pendingByRef(deps, citizenId, ref);
  const rawBody = JSON.stringify({ providerRef: ref, status: 'paid', eventId: randomUUID() });
  await handleCallback(deps, { [SIGNATURE_HEADER]: signCallback(deps.webhookSecret, rawBody, deps.clock()) }, rawBody);
  return devCheckout(deps, citizenId, ref);
}

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { EmployerAccount, EmployerDecisionRequest, EmployerSignInRequest, EmployerStatus, RegisterEmployerRequest } from '@rabt/contracts';
import { AppError, invalidField } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { DUMMY_HASH, assertPasswordAcceptable, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import type { EmployerPrincipal, StaffPrincipal } from '../../platform/auth/principal.ts';
import { startSession } from '../../platform/auth/sessions.ts';
import type { DB } from '../../platform/db/schema.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { sessionPolicy } from '../identity/identity.service.ts';
import { isValidEstablishmentNumber, normalizeMobile } from './country-rules.ts';
import type { DestinationDeps } from './deps.ts';
import * as repo from './employers.repository.ts';

type Deps = Pick<DestinationDeps, 'db' | 'clock' | 'config'>;

/**
 * Registers an establishment of this node's country; the account waits for the ministry's verification
 * and is signed in at once (it can see its status, nothing else).
 * Rules: establishment number in the country's format and unique per country; representative mobile
 * valid for the country (E.164); representative email unique; password not common (ASVS 6.2.12).
 * Errors: `validation_failed` (establishment_number_format, mobile_invalid_country, password_common),
 * `employer_establishment_taken` (409), `employer_email_taken` (409). Nothing is written on error.
 */
export async function registerEmployer(deps: Deps, input: RegisterEmployerRequest, previousToken?: string): Promise<{ token: string; employer: EmployerAccount }> {
  const country = deps.config.country;
  if (!isValidEstablishmentNumber(country, input.establishmentNumber)) invalidField('/establishmentNumber', 'establishment_number_format');
  const mobile = normalizeMobile(country, input.representativeMobile) ?? invalidField('/representativeMobile', 'mobile_invalid_country');
  assertPasswordAcceptable(input.password);
  const now = deps.clock();
  const row = {
    id: randomUUID(),
    country,
    establishment_number: input.establishmentNumber,
    name_ar: input.nameAr,
    name_en: input.nameEn,
    sector: input.sector,
    city: input.city,
    rep_name: input.representativeName,
    rep_email: input.representativeEmail.toLowerCase(),
    rep_mobile: mobile,
    password_hash: await hashPassword(input.password),
    created_at: now,
    updated_at: now,
  };
  try {
    const token = await deps.db.transaction().execute(async (trx) => {
      await repo.insertEmployer(trx, row);
      await appendAudit(trx, { kind: 'employer', id: row.id }, { action: 'employer.registered', subjectType: 'employer', subjectId: row.id, details: { sector: row.sector, city: row.city } }, now);
      return startSession(trx, { employerId: row.id }, sessionPolicy(deps), now, previousToken);
    });
    return { token, employer: repo.toEmployerAccount({ ...row, status: 'pending', decision_reason: null, decided_at: null, decided_by: null, disabled_at: null }) };
  } catch (err) {
    if (isUniqueViolation(err, 'employers_establishment_key')) throw new AppError('employer_establishment_taken');
    if (isUniqueViolation(err, 'employers_email_key')) throw new AppError('employer_email_taken');
    throw err;
  }
}

/**
 * Employer sign-in with the establishment number or the representative's email, and the password.
 * Errors: `employer_invalid_credentials` (401, the same for an unknown account and a wrong password),
 * `account_disabled` (403). Failed attempts on a real account are audited (ASVS 16.3.1).
 */
export async function signInEmployer(deps: Deps, input: EmployerSignInRequest, previousToken?: string): Promise<{ token: string; employer: EmployerAccount }> {
  const employer = await repo.findEmployerByLogin(deps.db, deps.config.country, input);
  const ok = await verifyPassword(employer?.password_hash ?? DUMMY_HASH, input.password);
  if (!employer) throw new AppError('employer_invalid_credentials');
  const now = deps.clock();
  const actor = { kind: 'employer' as const, id: employer.id };
  const result = await deps.db.transaction().execute(async (trx) => {
    if (!ok) {
      await appendAudit(trx, actor, { action: 'employer.sign_in_failed', subjectType: 'employer', subjectId: employer.id }, now);
      return { error: 'employer_invalid_credentials' as const };
    }
    if (employer.disabled_at) return { error: 'account_disabled' as const };
    await appendAudit(trx, actor, { action: 'employer.signed_in', subjectType: 'employer', subjectId: employer.id }, now);
    return { error: undefined, token: await startSession(trx, { employerId: employer.id }, sessionPolicy(deps), now, previousToken) };
  });
  if (result.error) throw new AppError(result.error);
  return { token: result.token, employer: repo.toEmployerAccount(employer) };
}

export async function getEmployerAccount(deps: Pick<Deps, 'db'>, id: string): Promise<EmployerAccount> {
  const e = await repo.findEmployerById(deps.db, id);
  if (!e) throw new AppError('employer_not_found');
  return repo.toEmployerAccount(e);
}

/** The calling employer's row if the ministry verified it. Errors: `employer_not_verified` (403). */
export async function requireVerifiedEmployer(deps: Pick<Deps, 'db'>, caller: EmployerPrincipal): Promise<repo.EmployerRow> {
  const e = await repo.findEmployerById(deps.db, caller.employerId);
  if (!e || e.disabled_at) throw new AppError('unauthenticated');
  if (e.status !== 'verified') throw new AppError('employer_not_verified');
  return e;
}

/** Employers of this node waiting for (or past) the ministry's decision, oldest first. */
export async function listForVerification(deps: Deps, status: EmployerStatus): Promise<EmployerAccount[]> {
  return (await repo.listEmployersByStatus(deps.db, deps.config.country, status)).map(repo.toEmployerAccount);
}

/**
 * The ministry verifies or rejects an employer (overseas officers and HQ administrators), once.
 * The employer is notified in the same transaction; the decision is audited.
 * Errors: `employer_not_found` (404), `employer_already_decided` (409).
 */
export async function decideEmployer(deps: Deps, caller: StaffPrincipal, id: string, input: EmployerDecisionRequest): Promise<EmployerAccount> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const e = await repo.findEmployerForUpdate(trx, id);
    if (!e || e.country !== deps.config.country) throw new AppError('employer_not_found');
    if (e.status !== 'pending') throw new AppError('employer_already_decided');
    await applyDecision(trx, e.id, { status: input.decision, reason: input.reason, by: caller.staffId, now });
    await appendAudit(trx, { kind: 'staff', id: caller.staffId }, { action: `employer.${input.decision}`, subjectType: 'employer', subjectId: id, details: { reason: input.reason } }, now);
  });
  return getEmployerAccount(deps, id);
}

async function applyDecision(trx: Transaction<DB>, id: string, d: { status: 'verified' | 'rejected'; reason: string | null; by: string | null; now: Date }): Promise<void> {
  await repo.setEmployerDecision(trx, id, d);
  const body =
    d.status === 'verified'
      ? { ar: 'وثّقت الوزارة منشأتك. يمكنك الآن إنشاء طلبات الاستقدام والبحث عن المرشحين.', en: 'The ministry verified your establishment. You can now create job orders and search candidates.' }
      : { ar: `رفضت الوزارة توثيق منشأتك. السبب: ${d.reason ?? ''}`, en: `The ministry did not verify your establishment. Reason: ${d.reason ?? ''}` };
  await repo.notifyEmployer(trx, id, `employer.${d.status}`, body, d.now);
}

/** Verifies an employer as the system (demo seed), audited as such. */
export async function verifyAsSystem(trx: Transaction<DB>, id: string, now: Date): Promise<void> {
  await applyDecision(trx, id, { status: 'verified', reason: null, by: null, now });
  await appendAudit(trx, { kind: 'system' }, { action: 'employer.verified', subjectType: 'employer', subjectId: id, details: { demo: true } }, now);
}

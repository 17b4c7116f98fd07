import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Transaction } from 'kysely';
import { parseNationalId, type CitizenAccount, type PendingVerification, type RegisterCitizenRequest, type UpdateCitizenAccountRequest } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { DUMMY_HASH, assertPasswordAcceptable, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { startSession } from '../../platform/auth/sessions.ts';
import type { DB } from '../../platform/db/schema.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import * as repo from './identity.repository.ts';
import { maskMobile, normalizeEgyptianMobile } from './phone.ts';

/** One-time codes: valid 10 minutes, 5 wrong tries, single use (OWASP ASVS 5.0 6.5.1, 6.5.5, 6.6.3). */
export const OTP_TTL_MS = 10 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;

type Deps = Pick<AppDeps, 'db' | 'notifier' | 'clock' | 'config'>;

function codeHash(id: string, code: string): string {
  return createHash('sha256').update(`${id}:${code}`).digest('hex');
}

async function issueCode(trx: Transaction<DB>, citizenId: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + OTP_TTL_MS);
  await repo.insertOneTimeCode(trx, { id, citizenId, codeHash: codeHash(id, code), expiresAt, now });
  return { code, expiresAt };
}

async function sendCode(deps: Deps, mobile: string, code: string): Promise<void> {
  await deps.notifier.send({
    channel: 'sms',
    to: mobile,
    bodyAr: `رمز التحقق في ربط: ${code}. صالح لمدة ١٠ دقائق. لا تشاركه مع أحد.`,
    bodyEn: `Your Rabt verification code: ${code}. Valid for 10 minutes. Do not share it.`,
  });
}

/**
 * Registers a citizen and sends a one-time code to the mobile number.
 *
 * Rules: national ID structure (domain-data.md §2; a check-digit mismatch only flags for review),
 * one account per national ID and per mobile, Egyptian mobile normalised to E.164, password not on the
 * common list (ASVS 6.2.12), argon2id hash (ASVS 11.4.2).
 * Errors: `validation_failed` (mobile_invalid, password_common), `national_id_already_registered` (409),
 * `mobile_already_registered` (409). Nothing is written when any check fails.
 */
export async function registerCitizen(deps: Deps, input: RegisterCitizenRequest): Promise<PendingVerification> {
  const nid = parseNationalId(input.nationalId, deps.clock());
  if (!nid.ok) invalidField('/nationalId', nid.error);
  const mobile = normalizeEgyptianMobile(input.mobile) ?? invalidField('/mobile', 'mobile_invalid');
  assertPasswordAcceptable(input.password);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock();
  const id = randomUUID();
  let issued: { code: string; expiresAt: Date };
  try {
    issued = await deps.db.transaction().execute(async (trx) => {
      if (await repo.findCitizenByNationalId(trx, nid.id.value)) throw new AppError('national_id_already_registered');
      if (await repo.mobileTaken(trx, mobile)) throw new AppError('mobile_already_registered');
      await repo.insertCitizen(trx, {
        id,
        national_id: nid.id.value,
        national_id_check_ok: nid.id.checkDigitValid,
        birth_date: nid.id.birthDate,
        sex: nid.id.sex,
        governorate_code: nid.id.governorateCode,
        name_ar: input.nameAr,
        name_latin: input.nameLatin,
        mobile,
        password_hash: passwordHash,
        locale: input.locale,
        created_at: now,
        updated_at: now,
      });
      await appendAudit(trx, { kind: 'citizen', id }, { action: 'citizen.registered', subjectType: 'citizen', subjectId: id, details: { needsReview: !nid.id.checkDigitValid } }, now);
      return issueCode(trx, id, now);
    });
  } catch (err) {
    // Two registrations racing for the same ID or number: the UNIQUE constraint decides.
    if (isUniqueViolation(err, 'citizens_national_id_key')) throw new AppError('national_id_already_registered');
    if (isUniqueViolation(err, 'citizens_mobile_key')) throw new AppError('mobile_already_registered');
    throw err;
  }
  await sendCode(deps, mobile, issued.code);
  return { accountId: id, mobileMasked: maskMobile(mobile), codeExpiresAt: issued.expiresAt.toISOString() };
}

/** Sends a fresh code (older ones stop working). Errors: `not_found`, `forbidden` when already confirmed. */
export async function resendCode(deps: Deps, accountId: string): Promise<PendingVerification> {
  const now = deps.clock();
  const { mobile, issued } = await deps.db.transaction().execute(async (trx) => {
    const c = await repo.findCitizenById(trx, accountId);
    if (!c) throw new AppError('not_found');
    if (c.mobile_verified_at) throw new AppError('forbidden', { detail: 'The mobile number is already confirmed.' });
    return { mobile: c.mobile, issued: await issueCode(trx, c.id, now) };
  });
  await sendCode(deps, mobile, issued.code);
  return { accountId, mobileMasked: maskMobile(mobile), codeExpiresAt: issued.expiresAt.toISOString() };
}

/**
 * Confirms the mobile number with the code and signs the citizen in (returns the session token).
 * Errors: `otp_invalid` (wrong code, counted), `otp_expired` (expired, used or superseded),
 * `otp_attempts_exceeded` after 5 wrong codes (ASVS 6.6.3), `not_found` for an unknown account.
 */
export async function verifyMobile(deps: Deps, input: { accountId: string; code: string }, previousToken?: string): Promise<{ token: string; account: CitizenAccount }> {
  const now = deps.clock();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const citizen = await repo.findCitizenById(trx, input.accountId);
    if (!citizen) throw new AppError('not_found');
    const code = await repo.lockLatestCode(trx, citizen.id);
    if (!code || code.consumed_at || code.expires_at.getTime() <= now.getTime()) return { error: 'otp_expired' as const };
    if (code.attempts >= OTP_MAX_ATTEMPTS) return { error: 'otp_attempts_exceeded' as const };
    const ok = timingSafeEqual(Buffer.from(codeHash(code.id, input.code)), Buffer.from(code.code_hash));
    await repo.recordCodeAttempt(trx, code.id, ok ? now : null);
    if (!ok) return { error: 'otp_invalid' as const };
    await repo.updateCitizen(trx, citizen.id, { mobile_verified_at: now }, now);
    await appendAudit(trx, { kind: 'citizen', id: citizen.id }, { action: 'citizen.mobile_verified', subjectType: 'citizen', subjectId: citizen.id }, now);
    const token = await startSession(trx, { citizenId: citizen.id }, sessionPolicy(deps), now, previousToken);
    return { error: undefined, token, account: repo.toCitizenAccount({ ...citizen, mobile_verified_at: now }) };
  });
  // The attempt counter is committed before the error is raised, so wrong codes always count.
  if (outcome.error) throw new AppError(outcome.error);
  return { token: outcome.token, account: outcome.account };
}

export function sessionPolicy(deps: Pick<AppDeps, 'config'>) {
  return { idleMs: deps.config.sessionIdleMs, absoluteMs: deps.config.sessionAbsoluteMs };
}

/**
 * Signs a citizen in with national ID and password; returns the new session token (the old one is revoked).
 * Errors: `invalid_credentials` (same answer and similar time whether or not the ID exists),
 * `account_disabled`, `mobile_not_verified` (a new code is sent; `pendingAccountId` lets the page continue).
 */
export async function signInCitizen(deps: Deps, input: { nationalId: string; password: string }, previousToken?: string): Promise<{ token: string; account: CitizenAccount }> {
  const citizen = await repo.findCitizenByNationalId(deps.db, input.nationalId);
  const valid = await verifyPassword(citizen?.password_hash ?? DUMMY_HASH, input.password);
  if (!citizen || !valid) throw new AppError('invalid_credentials');
  if (citizen.disabled_at) throw new AppError('account_disabled');
  if (!citizen.mobile_verified_at) {
    await resendCode(deps, citizen.id);
    throw new AppError('mobile_not_verified', { extensions: { pendingAccountId: citizen.id, mobileMasked: maskMobile(citizen.mobile) } });
  }
  const now = deps.clock();
  const token = await deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, { kind: 'citizen', id: citizen.id }, { action: 'citizen.signed_in', subjectType: 'citizen', subjectId: citizen.id }, now);
    return startSession(trx, { citizenId: citizen.id }, sessionPolicy(deps), now, previousToken);
  });
  return { token, account: repo.toCitizenAccount(citizen) };
}

/** The signed-in citizen's own account. */
export async function getCitizenAccount(deps: Pick<AppDeps, 'db'>, citizenId: string): Promise<CitizenAccount> {
  const c = await repo.findCitizenById(deps.db, citizenId);
  if (!c) throw new AppError('not_found');
  return repo.toCitizenAccount(c);
}

/** Updates names, email or language. The national ID, birth date and mobile are not editable here. */
export async function updateCitizenAccount(deps: Deps, citizenId: string, patch: UpdateCitizenAccountRequest): Promise<CitizenAccount> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateCitizen(
      trx,
      citizenId,
      {
        ...(patch.nameAr !== undefined ? { name_ar: patch.nameAr } : {}),
        ...(patch.nameLatin !== undefined ? { name_latin: patch.nameLatin } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      },
      now,
    );
    await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'citizen.account_updated', subjectType: 'citizen', subjectId: citizenId, details: { fields: Object.keys(patch).sort() } }, now);
  });
  return getCitizenAccount(deps, citizenId);
}

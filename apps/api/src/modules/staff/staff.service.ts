import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { CreateStaffRequest, StaffMember, StaffRole, UpdateStaffRequest } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { DUMMY_HASH, assertPasswordAcceptable, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import { revokeAllSessions, startSession } from '../../platform/auth/sessions.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { officeInScope, officeScopeOf } from '../offices/office-scope.ts';
import { directorateExists, findOffice } from '../offices/offices.repository.ts';
import { sessionPolicy } from '../identity/identity.service.ts';
import * as repo from './staff.repository.ts';
import { matchTotpStep, newTotpSecret, totpFor } from './totp.ts';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/**
 * Staff sign-in: password plus a TOTP code (RFC 6238; ASVS 6.3.3 multi-factor). A code is accepted once.
 * Errors: `staff_invalid_credentials` (401, the same for unknown email, wrong password or wrong code),
 * `account_disabled` (403). Failed attempts on a real account are audited (ASVS 16.3.1).
 */
export async function signInStaff(deps: Deps, input: { email: string; password: string; totp: string }, previousToken?: string): Promise<{ token: string; staff: StaffMember }> {
  const staff = await repo.findStaffByEmail(deps.db, input.email);
  const passwordOk = await verifyPassword(staff?.password_hash ?? DUMMY_HASH, input.password);
  if (!staff) throw new AppError('staff_invalid_credentials');
  const now = deps.clock();
  const step = passwordOk ? matchTotpStep(staff.totp_secret, input.totp, now) : undefined;
  const result = await deps.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('staff').select(['totp_last_step', 'disabled_at']).where('id', '=', staff.id).forUpdate().executeTakeFirstOrThrow();
    const actor = { kind: 'staff' as const, id: staff.id };
    if (step === undefined || step <= locked.totp_last_step) {
      await appendAudit(trx, actor, { action: 'staff.sign_in_failed', subjectType: 'staff', subjectId: staff.id, officeId: staff.office_id, details: { reason: passwordOk ? 'totp' : 'password' } }, now);
      return { error: 'staff_invalid_credentials' as const };
    }
    if (locked.disabled_at) return { error: 'account_disabled' as const };
    await repo.updateStaff(trx, staff.id, { totp_last_step: step }, now);
    await appendAudit(trx, actor, { action: 'staff.signed_in', subjectType: 'staff', subjectId: staff.id, officeId: staff.office_id }, now);
    return { error: undefined, token: await startSession(trx, { staffId: staff.id }, sessionPolicy(deps), now, previousToken) };
  });
  if (result.error) throw new AppError(result.error);
  return { token: result.token, staff: repo.toStaffMember(staff) };
}

/** A staff member by id (no scope check: used for the caller's own session). */
export async function getStaffMember(deps: Pick<AppDeps, 'db'>, id: string): Promise<StaffMember> {
  const s = await repo.findStaffById(deps.db, id);
  if (!s) throw new AppError('staff_not_found');
  return repo.toStaffMember(s);
}

/** Staff the caller may see: HQ all; a directorate manager their governorate; office roles their office. */
export function listStaff(deps: Pick<AppDeps, 'db'>, caller: StaffPrincipal, filter: { officeId?: string | undefined; directorate?: string | undefined }): Promise<StaffMember[]> {
  return repo.listStaff(deps.db, officeScopeOf(caller), filter);
}

/** One staff member inside the caller's scope. Errors: `staff_not_found` (404), `out_of_scope` (403). */
export async function getStaffInScope(deps: Pick<AppDeps, 'db'>, caller: StaffPrincipal, id: string): Promise<StaffMember> {
  const s = await repo.findStaffById(deps.db, id);
  if (!s) throw new AppError('staff_not_found');
  const scope = officeScopeOf(caller);
  if (scope.kind !== 'all') {
    const office = s.office_id ? await findOffice(deps.db, s.office_id) : undefined;
    const inScope = office ? officeInScope(scope, office) : scope.kind === 'directorate' && s.directorate_code === scope.directorateCode;
    if (!inScope) throw new AppError('out_of_scope');
  }
  return repo.toStaffMember(s);
}

/** Checks that a role has the scope it needs (office roles an office, directorate managers a directorate, HQ roles — administrators, auditors, overseas officers — neither). */
async function assertScopeFits(deps: Pick<AppDeps, 'db'>, role: StaffRole, officeId: string | null, directorateCode: string | null): Promise<void> {
  // Trainers and centre managers need a training centre, which this API does not set yet (seeded accounts only).
  if (role === 'trainer' || role === 'training_centre_manager') throw new AppError('staff_scope_mismatch');
  const needsOffice = role === 'clerk' || role === 'office_head';
  const needsDirectorate = role === 'directorate_manager';
  if (needsOffice !== (officeId !== null) || needsDirectorate !== (directorateCode !== null)) throw new AppError('staff_scope_mismatch');
  if (officeId && !(await findOffice(deps.db, officeId))) throw new AppError('office_not_found');
  if (directorateCode && !(await directorateExists(deps.db, directorateCode))) throw new AppError('staff_scope_mismatch');
}

/**
 * Creates a staff account (HQ administrators) with a fresh TOTP secret, returned once as base32,
 * otpauth URI and QR (SVG). Errors: `staff_email_taken` (409), `staff_scope_mismatch` (400),
 * `office_not_found` (404), `validation_failed` (password_common).
 */
export async function createStaff(deps: Deps, caller: StaffPrincipal, input: CreateStaffRequest) {
  assertPasswordAcceptable(input.password);
  await assertScopeFits(deps, input.role, input.officeId, input.directorateCode);
  const now = deps.clock();
  const id = randomUUID();
  const secret = newTotpSecret();
  const row = {
    id,
    email: input.email.toLowerCase(),
    name_ar: input.nameAr,
    name_en: input.nameEn,
    role: input.role,
    office_id: input.officeId,
    directorate_code: input.directorateCode,
    training_centre_id: null,
    password_hash: await hashPassword(input.password),
    totp_secret: secret,
    created_at: now,
    updated_at: now,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertStaff(trx, row);
      await appendAudit(trx, { kind: 'staff', id: caller.staffId }, { action: 'staff.created', subjectType: 'staff', subjectId: id, officeId: input.officeId, details: { role: input.role, directorateCode: input.directorateCode } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'staff_email_key')) throw new AppError('staff_email_taken');
    throw err;
  }
  const uri = totpFor(secret, row.email).toString();
  return {
    staff: repo.toStaffMember({ ...row, totp_last_step: 0, disabled_at: null }),
    totpSecret: secret,
    totpUri: uri,
    totpQrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1 }),
  };
}

/**
 * Changes a staff member's role, scope or disabled state (HQ administrators). Disabling revokes every
 * session at once (ASVS 7.4.2). Errors: `staff_not_found`, `staff_scope_mismatch`,
 * `cannot_change_own_account` (an administrator cannot lock themselves out).
 */
export async function updateStaff(deps: Deps, caller: StaffPrincipal, id: string, patch: UpdateStaffRequest): Promise<StaffMember> {
  const now = deps.clock();
  if (id === caller.staffId && (patch.disabled === true || (patch.role !== undefined && patch.role !== caller.role))) throw new AppError('cannot_change_own_account');
  const existing = await repo.findStaffById(deps.db, id);
  if (!existing) throw new AppError('staff_not_found');
  const role = patch.role ?? existing.role;
  const officeId = patch.officeId !== undefined ? patch.officeId : existing.office_id;
  const directorateCode = patch.directorateCode !== undefined ? patch.directorateCode : existing.directorate_code;
  await assertScopeFits(deps, role, officeId, directorateCode);
  await deps.db.transaction().execute(async (trx) => {
    const disabledAt = patch.disabled === undefined ? existing.disabled_at : patch.disabled ? (existing.disabled_at ?? now) : null;
    await repo.updateStaff(trx, id, { role, office_id: officeId, directorate_code: directorateCode, disabled_at: disabledAt }, now);
    if (patch.disabled) await revokeAllSessions(trx, { staffId: id }, now);
    await appendAudit(trx, { kind: 'staff', id: caller.staffId }, { action: 'staff.updated', subjectType: 'staff', subjectId: id, officeId, details: { changes: patch } }, now);
  });
  return getStaffMember(deps, id);
}

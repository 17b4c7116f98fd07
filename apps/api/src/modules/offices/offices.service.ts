import { randomUUID } from 'node:crypto';
import type { CreateOfficeRequest, Directorate, Office, UpdateOfficeRequest } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { officeInScope, officeScopeOf } from './office-scope.ts';
import * as repo from './offices.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** Directorates the caller may see, with office counts. */
export function listDirectorates(deps: Deps, staff: StaffPrincipal): Promise<Directorate[]> {
  return repo.listDirectorates(deps.db, officeScopeOf(staff));
}

/** Offices the caller may see, optionally filtered to one directorate. */
export function listOffices(deps: Deps, staff: StaffPrincipal, directorateCode?: string): Promise<Office[]> {
  return repo.listOffices(deps.db, officeScopeOf(staff), directorateCode);
}

/** One office. Errors: `office_not_found` (404); `out_of_scope` (403) for an office outside the caller's scope. */
export async function getOffice(deps: Deps, staff: StaffPrincipal, id: string): Promise<Office> {
  const office = await repo.findOffice(deps.db, id);
  if (!office) throw new AppError('office_not_found');
  if (!officeInScope(officeScopeOf(staff), office)) throw new AppError('out_of_scope');
  return office;
}

/** Opens a labour office in a directorate (HQ administrators). Errors: `office_code_taken` (409), unknown directorate (400). */
export async function createOffice(deps: Deps, staff: StaffPrincipal, input: CreateOfficeRequest): Promise<Office> {
  if (!(await repo.directorateExists(deps.db, input.directorateCode))) invalidField('/directorateCode', 'invalid_value');
  const office = { id: randomUUID(), ...input };
  const now = deps.clock();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertOffice(trx, office);
      await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'office.created', subjectType: 'office', subjectId: office.id, officeId: office.id, details: { code: office.code } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'offices_code_key')) throw new AppError('office_code_taken');
    throw err;
  }
  return { ...office, active: true };
}

/** Renames, moves the seat of, or (de)activates an office (HQ administrators). */
export async function updateOffice(deps: Deps, staff: StaffPrincipal, id: string, patch: UpdateOfficeRequest): Promise<Office> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findOffice(trx, id);
    if (!existing) throw new AppError('office_not_found');
    await repo.updateOffice(trx, id, {
      ...(patch.nameAr !== undefined ? { name_ar: patch.nameAr } : {}),
      ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
      ...(patch.seatAr !== undefined ? { seat_ar: patch.seatAr } : {}),
      ...(patch.seatEn !== undefined ? { seat_en: patch.seatEn } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'office.updated', subjectType: 'office', subjectId: id, officeId: id, details: { changes: patch } }, now);
  });
  return getOffice(deps, staff, id);
}

import type { Kysely, Selectable, Transaction } from 'kysely';
import type { StaffMember } from '@rabt/contracts';
import type { DB, StaffTable } from '../../platform/db/schema.ts';
import type { OfficeScope } from '../offices/office-scope.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type StaffRow = Selectable<StaffTable>;

export function toStaffMember(r: StaffRow): StaffMember {
  return {
    id: r.id,
    email: r.email,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    role: r.role,
    officeId: r.office_id,
    directorateCode: r.directorate_code,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at.toISOString(),
  };
}

export function findStaffById(db: Db, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findStaffByEmail(db: Db, email: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/**
 * Staff inside an office scope. Office staff belong to their office; directorate managers to their
 * directorate; HQ staff are listed only for the `all` scope.
 */
export async function listStaff(db: Db, scope: OfficeScope, filter: { officeId?: string | undefined; directorate?: string | undefined }): Promise<StaffMember[]> {
  let q = db.selectFrom('staff as s').leftJoin('offices as o', 'o.id', 's.office_id').selectAll('s');
  if (scope.kind === 'office') q = q.where('s.office_id', '=', scope.officeId);
  if (scope.kind === 'directorate') q = q.where((eb) => eb.or([eb('o.directorate_code', '=', scope.directorateCode), eb('s.directorate_code', '=', scope.directorateCode)]));
  if (filter.officeId) q = q.where('s.office_id', '=', filter.officeId);
  if (filter.directorate) {
    const d = filter.directorate;
    q = q.where((eb) => eb.or([eb('o.directorate_code', '=', d), eb('s.directorate_code', '=', d)]));
  }
  return (await q.orderBy('s.role').orderBy('s.email').execute()).map(toStaffMember);
}

export async function insertStaff(trx: Transaction<DB>, row: Omit<StaffRow, 'totp_last_step' | 'disabled_at'>): Promise<void> {
  await trx.insertInto('staff').values({ ...row, disabled_at: null }).execute();
}

export async function updateStaff(trx: Transaction<DB>, id: string, patch: Partial<Pick<StaffRow, 'role' | 'office_id' | 'directorate_code' | 'disabled_at' | 'totp_last_step'>>, now: Date): Promise<void> {
  await trx.updateTable('staff').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

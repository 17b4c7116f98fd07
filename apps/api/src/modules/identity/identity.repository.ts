import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CitizenAccount } from '@rabt/contracts';
import { maskNationalId } from '@rabt/contracts';
import type { CitizensTable, DB } from '../../platform/db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type CitizenRow = Selectable<CitizensTable>;

/** Re-parses a citizen row into the contract shape (the national ID leaves only masked). */
export function toCitizenAccount(r: CitizenRow): CitizenAccount {
  return {
    id: r.id,
    nationalIdMasked: maskNationalId(r.national_id),
    nameAr: r.name_ar,
    nameLatin: r.name_latin,
    mobile: r.mobile,
    email: r.email,
    birthDate: r.birth_date,
    sex: r.sex,
    governorateCode: r.governorate_code,
    locale: r.locale,
    mobileVerified: r.mobile_verified_at !== null,
    needsReview: !r.national_id_check_ok,
    createdAt: r.created_at.toISOString(),
  };
}

export function findCitizenById(db: Db, id: string): Promise<CitizenRow | undefined> {
  return db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCitizenByNationalId(db: Db, nationalId: string): Promise<CitizenRow | undefined> {
  return db.selectFrom('citizens').selectAll().where('national_id', '=', nationalId).executeTakeFirst();
}

export async function mobileTaken(db: Db, mobile: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('citizens').select('id').where('mobile', '=', mobile);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertCitizen(trx: Transaction<DB>, row: Omit<CitizenRow, 'mobile_verified_at' | 'disabled_at' | 'email'>): Promise<void> {
  await trx.insertInto('citizens').values({ ...row, email: null, mobile_verified_at: null, disabled_at: null }).execute();
}

export async function updateCitizen(trx: Transaction<DB>, id: string, patch: Partial<Pick<CitizenRow, 'name_ar' | 'name_latin' | 'email' | 'locale' | 'mobile_verified_at'>>, now: Date): Promise<void> {
  await trx.updateTable('citizens').set({ ...patch, updated_at: now }).where('id', '=', id).execute();
}

/** Invalidates older codes and stores a new one (hash only). */
export async function insertOneTimeCode(trx: Transaction<DB>, row: { id: string; citizenId: string; codeHash: string; expiresAt: Date; now: Date }): Promise<void> {
  await trx
    .updateTable('one_time_codes')
    .set({ consumed_at: row.now })
    .where('citizen_id', '=', row.citizenId)
    .where('purpose', '=', 'verify_mobile')
    .where('consumed_at', 'is', null)
    .execute();
  await trx
    .insertInto('one_time_codes')
    .values({ id: row.id, citizen_id: row.citizenId, purpose: 'verify_mobile', code_hash: row.codeHash, expires_at: row.expiresAt, created_at: row.now, consumed_at: null })
    .execute();
}

/** The newest code for a citizen, row-locked so attempts are counted exactly (no race past the limit). */
export function lockLatestCode(trx: Transaction<DB>, citizenId: string) {
  return trx
    .selectFrom('one_time_codes')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .where('purpose', '=', 'verify_mobile')
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function recordCodeAttempt(trx: Transaction<DB>, id: string, consumedAt: Date | null): Promise<void> {
  await trx
    .updateTable('one_time_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), ...(consumedAt ? { consumed_at: consumedAt } : {}) }))
    .where('id', '=', id)
    .execute();
}

import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Directorate, Office } from '@rabt/contracts';
import type { DB, OfficesTable } from '../../platform/db/schema.ts';
import type { OfficeScope } from './office-scope.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function toOffice(r: Selectable<OfficesTable>): Office {
  return {
    id: r.id,
    code: r.code,
    directorateCode: r.directorate_code,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    seatAr: r.seat_ar,
    seatEn: r.seat_en,
    active: r.active,
  };
}

/** Offices inside `scope`, optionally one directorate, ordered by directorate then code. */
export async function listOffices(db: Db, scope: OfficeScope, directorateCode?: string): Promise<Office[]> {
  let q = db.selectFrom('offices').selectAll();
  if (scope.kind === 'directorate') q = q.where('directorate_code', '=', scope.directorateCode);
  if (scope.kind === 'office') q = q.where('id', '=', scope.officeId);
  if (directorateCode) q = q.where('directorate_code', '=', directorateCode);
  return (await q.orderBy('directorate_code').orderBy('code').execute()).map(toOffice);
}

export async function findOffice(db: Db, id: string): Promise<Office | undefined> {
  const r = await db.selectFrom('offices').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toOffice(r);
}

/** Directorates inside `scope` with their office counts. */
export async function listDirectorates(db: Db, scope: OfficeScope): Promise<Directorate[]> {
  let q = db
    .selectFrom('directorates as d')
    .leftJoin('offices as o', 'o.directorate_code', 'd.governorate_code')
    .select((eb) => ['d.governorate_code', 'd.name_ar', 'd.name_en', eb.fn.count<number>('o.id').as('office_count')])
    .groupBy(['d.governorate_code', 'd.name_ar', 'd.name_en']);
  if (scope.kind === 'directorate') q = q.where('d.governorate_code', '=', scope.directorateCode);
  if (scope.kind === 'office') q = q.where('d.governorate_code', '=', (eb) => eb.selectFrom('offices').select('directorate_code').where('id', '=', scope.officeId));
  const rows = await q.orderBy('d.governorate_code').execute();
  return rows.map((r) => ({ governorateCode: r.governorate_code, nameAr: r.name_ar, nameEn: r.name_en, officeCount: Number(r.office_count) }));
}

export async function directorateExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('directorates').select('governorate_code').where('governorate_code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertOffice(trx: Transaction<DB>, o: Omit<Office, 'active'>): Promise<void> {
  await trx
    .insertInto('offices')
    .values({ id: o.id, code: o.code, directorate_code: o.directorateCode, name_ar: o.nameAr, name_en: o.nameEn, seat_ar: o.seatAr, seat_en: o.seatEn })
    .execute();
}

export async function updateOffice(trx: Transaction<DB>, id: string, patch: Partial<Pick<Selectable<OfficesTable>, 'name_ar' | 'name_en' | 'seat_ar' | 'seat_en' | 'active'>>): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await trx.updateTable('offices').set(patch).where('id', '=', id).execute();
}

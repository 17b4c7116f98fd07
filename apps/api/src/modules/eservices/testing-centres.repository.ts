import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** SQL of the staff upkeep of skill-testing centres and their sessions (migrations 0017, 0020). */
type Db = Kysely<DB> | Transaction<DB>;

/** Bookings that hold a seat: of applications neither withdrawn nor rejected (as when booking). */
const RELEASED = ['withdrawn', 'rejected'] as const;

/** Centres, optionally of one governorate, with their sessions from `fromDate` counted; by governorate and code. */
export function listCentres(db: Db, f: { governorate?: string | undefined; fromDate: string }) {
  let q = db
    .selectFrom('skill_testing_centres as c')
    .selectAll('c')
    .select((eb) => eb.selectFrom('skill_test_sessions as s').select((e) => e.fn.countAll<string>().as('n')).whereRef('s.centre_id', '=', 'c.id').where('s.session_date', '>=', f.fromDate).as('upcoming'));
  if (f.governorate) q = q.where('c.governorate_code', '=', f.governorate);
  return q.orderBy('c.governorate_code').orderBy('c.code').limit(500).execute();
}

export function findCentre(db: Db, id: string, lock = false) {
  let q = db.selectFrom('skill_testing_centres').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type CentreRow = NonNullable<Awaited<ReturnType<typeof findCentre>>>;

export async function insertCentre(trx: Transaction<DB>, row: { id: string; code: string; name_ar: string; name_en: string; governorate_code: string; address_ar: string; address_en: string; active: boolean; created_at: Date }): Promise<void> {
  await trx.insertInto('skill_testing_centres').values({ ...row, demo: false, updated_at: null }).execute();
}

export async function updateCentre(trx: Transaction<DB>, id: string, patch: Partial<Pick<CentreRow, 'name_ar' | 'name_en' | 'governorate_code' | 'address_ar' | 'address_en' | 'active'>>, at: Date): Promise<void> {
  await trx.updateTable('skill_testing_centres').set({ ...patch, updated_at: at }).where('id', '=', id).execute();
}

export async function governorateExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('governorates').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** The ISCO-08 unit groups (level 4) among `codes` that are in the reference table. */
export async function knownUnitGroups(db: Db, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom('occupations').select('code').where('code', 'in', codes).where('level', '=', 4).execute();
  return new Set(rows.map((r) => r.code));
}

/** A centre's sessions from `fromDate` on, with seats booked; by date. */
export function sessionsOfCentre(db: Db, centreId: string, fromDate: string) {
  return db
    .selectFrom('skill_test_sessions as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('skill_test_bookings as b')
        .innerJoin('service_applications as a', 'a.id', 'b.application_id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('b.session_id', '=', 's.id')
        .where('a.status', 'not in', [...RELEASED])
        .as('booked'),
    )
    .where('s.centre_id', '=', centreId)
    .where('s.session_date', '>=', fromDate)
    .orderBy('s.session_date')
    .orderBy('s.start_time')
    .orderBy('s.created_at')
    .limit(500)
    .execute();
}

/** One session with seats booked; `lock` takes the session's row lock, the one bookings take (skill-certificate.ts onCreate). */
export async function findSession(db: Db, id: string, lock = false) {
  let q = db.selectFrom('skill_test_sessions as s').selectAll('s').where('s.id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const booked = await db
    .selectFrom('skill_test_bookings as b')
    .innerJoin('service_applications as a', 'a.id', 'b.application_id')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('b.session_id', '=', id)
    .where('a.status', 'not in', [...RELEASED])
    .executeTakeFirstOrThrow();
  return { ...row, booked: booked.n };
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** The ISCO codes that live bookings of a session are for. */
export async function bookedIscos(db: Db, sessionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('skill_test_bookings as b')
    .innerJoin('service_applications as a', 'a.id', 'b.application_id')
    .select('b.isco')
    .distinct()
    .where('b.session_id', '=', sessionId)
    .where('a.status', 'not in', [...RELEASED])
    .execute();
  return new Set(rows.map((r) => r.isco));
}

export async function insertSession(trx: Transaction<DB>, row: { id: string; centre_id: string; session_date: string; start_time: string; capacity: number; isco_codes: string[]; created_at: Date }): Promise<void> {
  await trx.insertInto('skill_test_sessions').values({ ...row, updated_at: null }).execute();
}

export async function updateSession(trx: Transaction<DB>, id: string, patch: { session_date?: string; start_time?: string; capacity?: number; isco_codes?: string[] }, at: Date): Promise<void> {
  await trx.updateTable('skill_test_sessions').set({ ...patch, updated_at: at }).where('id', '=', id).execute();
}

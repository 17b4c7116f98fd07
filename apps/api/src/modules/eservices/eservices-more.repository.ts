import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { OfficeScope } from '../offices/office-scope.ts';

/** SQL of the skill-test sessions and work permits (migration 0017). */
type Db = Kysely<DB> | Transaction<DB>;

const SESSION_COLUMNS = [
  's.id',
  's.session_date',
  's.start_time',
  's.capacity',
  's.isco_codes',
  'c.id as centre_id',
  'c.code as centre_code',
  'c.name_ar',
  'c.name_en',
  'c.governorate_code',
  'c.address_ar',
  'c.address_en',
  'c.demo',
] as const;

/**
 * Sessions not yet started — after `fromDate`, or on it with a start after `fromTime` (`HH:MM`, Cairo local
 * time like the columns) — testing `isco` at active centres (optionally of one governorate), with live
 * bookings counted; by date and time.
 */
export function upcomingSessions(db: Db, f: { isco: string; fromDate: string; fromTime: string; governorate?: string | undefined }) {
  let q = db
    .selectFrom('skill_test_sessions as s')
    .innerJoin('skill_testing_centres as c', 'c.id', 's.centre_id')
    .select(SESSION_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('skill_test_bookings as b')
        .innerJoin('service_applications as a', 'a.id', 'b.application_id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('b.session_id', '=', 's.id')
        .where('a.status', 'not in', ['withdrawn', 'rejected'])
        .as('taken'),
    )
    .where('c.active', '=', true)
    .where((eb) => eb.or([eb('s.session_date', '>', f.fromDate), eb.and([eb('s.session_date', '=', f.fromDate), eb('s.start_time', '>', `${f.fromTime}:59`)])]))
    .where((eb) => eb(eb.val(f.isco), '=', eb.fn.any('s.isco_codes')));
  if (f.governorate) q = q.where('c.governorate_code', '=', f.governorate);
  return q.orderBy('s.session_date').orderBy('s.start_time').orderBy('c.code').limit(100).execute();
}

export type SessionRow = Awaited<ReturnType<typeof upcomingSessions>>[number];

/** One application's booking with its session and centre. */
export function bookingOf(db: Db, applicationId: string) {
  return db
    .selectFrom('skill_test_bookings as b')
    .innerJoin('skill_test_sessions as s', 's.id', 'b.session_id')
    .innerJoin('skill_testing_centres as c', 'c.id', 's.centre_id')
    .select(SESSION_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('skill_test_bookings as b2')
        .innerJoin('service_applications as a', 'a.id', 'b2.application_id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('b2.session_id', '=', 's.id')
        .where('a.status', 'not in', ['withdrawn', 'rejected'])
        .as('taken'),
    )
    .select(['b.application_id', 'b.isco', 'b.theoretical_score', 'b.practical_score', 'b.grade', 'b.results_at'])
    .where('b.application_id', '=', applicationId)
    .executeTakeFirst();
}

export async function saveResults(trx: Transaction<DB>, applicationId: string, r: { theoretical: number; practical: number; grade: DB['skill_test_bookings']['grade']; examinerId: string; at: Date }): Promise<void> {
  await trx
    .updateTable('skill_test_bookings')
    .set({ theoretical_score: r.theoretical, practical_score: r.practical, grade: r.grade, examiner_staff_id: r.examinerId, results_at: r.at })
    .where('application_id', '=', applicationId)
    .execute();
}

export function permitsOfRepresentative(db: Db, citizenId: string) {
  return db.selectFrom('work_permits').selectAll().where('representative_citizen_id', '=', citizenId).orderBy('created_at', 'desc').limit(500).execute();
}

/** Permits in a staff scope, newest first. */
export function permitsInScope(db: Db, scope: OfficeScope) {
  let q = db.selectFrom('work_permits').selectAll();
  if (scope.kind === 'office') q = q.where('office_id', '=', scope.officeId);
  else if (scope.kind === 'directorate') q = q.where('directorate_code', '=', scope.directorateCode);
  return q.orderBy('created_at', 'desc').limit(500).execute();
}

export function findPermit(db: Db, id: string, lock = false) {
  let q = db.selectFrom('work_permits').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type PermitRow = NonNullable<Awaited<ReturnType<typeof findPermit>>>;

export async function cancelPermit(trx: Transaction<DB>, id: string, reason: string, at: Date): Promise<void> {
  await trx.updateTable('work_permits').set({ status: 'cancelled', cancelled_at: at, cancel_reason: reason }).where('id', '=', id).execute();
}

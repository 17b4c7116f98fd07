import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { ApplicationEventsTable, DB, ServiceApplicationsTable } from '../../platform/db/schema.ts';
import type { OfficeScope } from '../offices/office-scope.ts';

/** SQL of the e-services module (migration 0014). Rows are returned raw; the services shape them. */
type Db = Kysely<DB> | Transaction<DB>;

/** Statuses an office still has to act on (the default queue; the partial indexes cover exactly these). */
export const OPEN_STATUSES = ['submitted', 'in_review', 'info_requested', 'escalated'] as const;

// ---------- applicants and offices ----------

export function findCitizen(db: Db, citizenId: string) {
  return db.selectFrom('citizens').select(['id', 'name_ar', 'name_latin', 'birth_date', 'sex', 'governorate_code']).where('id', '=', citizenId).executeTakeFirstOrThrow();
}

export function activeOfficesOfGovernorate(db: Db, governorateCode: string) {
  return db.selectFrom('offices').select(['id', 'code', 'name_ar', 'name_en', 'directorate_code']).where('directorate_code', '=', governorateCode).where('active', '=', true).orderBy('code').execute();
}

export function findOffice(db: Db, id: string) {
  return db.selectFrom('offices').select(['id', 'code', 'name_ar', 'name_en', 'directorate_code', 'active']).where('id', '=', id).executeTakeFirst();
}

/** Every active labour office (transfer targets: a citizen may move anywhere). */
export function activeOffices(db: Db) {
  return db.selectFrom('offices').select(['id', 'code', 'name_ar', 'name_en', 'directorate_code']).where('active', '=', true).orderBy('directorate_code').orderBy('code').execute();
}

/** Active clerks and heads of an office: who a case can be assigned to. */
export function officeAssignees(db: Db, officeId: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'name_ar', 'name_en'])
    .where('office_id', '=', officeId)
    .where('role', 'in', ['clerk', 'office_head'])
    .where('disabled_at', 'is', null)
    .orderBy('name_en')
    .execute();
}

/**
 * Who may take a directorate-level step of a case: active staff of the step's roles in directorate
 * `directorateCode` — its directorate managers, and office clerks/heads of its offices if the step allows them.
 */
export function directorateAssignees(db: Db, directorateCode: string, roles: readonly string[]) {
  const officeRoles = roles.filter((r): r is 'clerk' | 'office_head' => r === 'clerk' || r === 'office_head');
  return db
    .selectFrom('staff')
    .select(['id', 'name_ar', 'name_en'])
    .where('disabled_at', 'is', null)
    .where((eb) => {
      const ors = [];
      if (roles.includes('directorate_manager')) ors.push(eb.and([eb('role', '=', 'directorate_manager'), eb('directorate_code', '=', directorateCode)]));
      if (officeRoles.length) ors.push(eb.and([eb('role', 'in', officeRoles), eb('office_id', 'in', eb.selectFrom('offices').select('id').where('directorate_code', '=', directorateCode))]));
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .orderBy('name_en')
    .execute();
}

export function staffNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('staff').select(['id', 'name_ar', 'name_en']).where('id', 'in', ids).execute();
}

// ---------- applications ----------

export async function nextSerial(trx: Transaction<DB>): Promise<string> {
  const r = await sql<{ serial: string }>`SELECT nextval('service_application_serial')::text AS serial`.execute(trx);
  return r.rows[0]!.serial;
}

export async function insertApplication(trx: Transaction<DB>, row: Insertable<ServiceApplicationsTable>): Promise<void> {
  await trx.insertInto('service_applications').values(row).execute();
}

/** One application; `lock` takes the row lock (`FOR UPDATE`) that serialises staff actions on it. */
export function findApplication(db: Db, id: string, lock = false) {
  let q = db.selectFrom('service_applications').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** Statuses covered by the one-open rules (indexes service_applications_one_open and _one_open_subject): draft to approved. */
export const UNDECIDED_STATUSES = ['draft', ...OPEN_STATUSES, 'approved'] as const;

/** The applicant's undecided application of a service (the one the one-open rule allows), if any. */
export function findOpenOfCitizen(db: Db, citizenId: string, serviceCode: string) {
  return db
    .selectFrom('service_applications')
    .select(['id', 'reference'])
    .where('applicant_citizen_id', '=', citizenId)
    .where('service_code', '=', serviceCode)
    .where('status', 'in', [...UNDECIDED_STATUSES])
    .orderBy('created_at')
    .executeTakeFirst();
}

/** The undecided application of a service about the same subject (`subject_key`), other than `exceptId`. */
export function findOpenBySubject(db: Db, serviceCode: string, subjectKey: string, exceptId?: string) {
  let q = db
    .selectFrom('service_applications')
    .select(['id', 'reference'])
    .where('service_code', '=', serviceCode)
    .where('subject_key', '=', subjectKey)
    .where('status', 'in', [...UNDECIDED_STATUSES]);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.orderBy('created_at').executeTakeFirst();
}

export async function updateApplication(trx: Transaction<DB>, id: string, patch: Updateable<ServiceApplicationsTable>): Promise<void> {
  await trx.updateTable('service_applications').set(patch).where('id', '=', id).execute();
}

export function listForCitizen(db: Db, citizenId: string) {
  return db.selectFrom('service_applications').selectAll().where('applicant_citizen_id', '=', citizenId).orderBy('created_at', 'desc').limit(200).execute();
}

export async function insertEvent(trx: Transaction<DB>, row: Insertable<ApplicationEventsTable>): Promise<void> {
  await trx.insertInto('application_events').values(row).execute();
}

export function listEvents(db: Db, applicationId: string) {
  return db
    .selectFrom('application_events as e')
    .leftJoin('staff as s', (j) => j.onRef('s.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'staff'))
    .select(['e.at', 'e.actor_kind', 'e.action', 'e.from_status', 'e.to_status', 'e.step', 'e.note', 's.name_ar as staff_name_ar', 's.name_en as staff_name_en'])
    .where('e.application_id', '=', applicationId)
    .orderBy('e.id')
    .execute();
}

export async function insertMessage(trx: Transaction<DB>, row: { application_id: string; at: Date; author_kind: 'citizen' | 'staff'; author_staff_id: string | null; body: string }): Promise<void> {
  await trx.insertInto('application_messages').values(row).execute();
}

export function listMessages(db: Db, applicationId: string) {
  return db
    .selectFrom('application_messages as m')
    .leftJoin('staff as s', 's.id', 'm.author_staff_id')
    .select(['m.id', 'm.at', 'm.author_kind', 'm.body', 's.name_ar as staff_name_ar', 's.name_en as staff_name_en'])
    .where('m.application_id', '=', applicationId)
    .orderBy('m.id')
    .execute();
}

export function findRegistration(db: Db, applicationId: string) {
  return db.selectFrom('employment_registrations').select(['registration_number', 'registered_on']).where('application_id', '=', applicationId).executeTakeFirst();
}

// ---------- the office queue ----------

export interface QueueFilter {
  scope: OfficeScope;
  status: string;
  service?: string | undefined;
  breached?: boolean | undefined;
  officeId?: string | undefined;
  now: Date;
  page: number;
  pageSize: number;
}

/**
 * One page of the office queue, oldest due first (then by id), with the total. Scoped in SQL: an office
 * (clerks, heads), a directorate (managers) or everything (HQ). Uses the partial indexes
 * service_applications_queue_idx / _directorate_idx for open applications.
 */
export async function queuePage(db: Db, f: QueueFilter) {
  let q = db.selectFrom('service_applications as a');
  if (f.scope.kind === 'office') q = q.where('a.office_id', '=', f.scope.officeId);
  else if (f.scope.kind === 'directorate') q = q.where('a.directorate_code', '=', f.scope.directorateCode);
  if (f.officeId) q = q.where('a.office_id', '=', f.officeId);
  q = f.status === 'open' ? q.where('a.status', 'in', [...OPEN_STATUSES]) : q.where('a.status', '=', f.status as ServiceApplicationsTable['status']);
  if (f.service) q = q.where('a.service_code', '=', f.service);
  if (f.breached === true) q = q.where('a.step_due_at', '<', f.now);
  if (f.breached === false) q = q.where((eb) => eb.or([eb('a.step_due_at', '>=', f.now), eb('a.step_due_at', 'is', null)]));
  const [items, total] = await Promise.all([
    q
      .leftJoin('citizens as c', 'c.id', 'a.applicant_citizen_id')
      .leftJoin('offices as o', 'o.id', 'a.office_id')
      .leftJoin('staff as s', 's.id', 'a.assigned_staff_id')
      .selectAll('a')
      .select(['c.name_ar as applicant_name_ar', 'c.name_latin as applicant_name_latin', 'o.code as office_code', 'o.name_ar as office_name_ar', 'o.name_en as office_name_en', 's.name_ar as assignee_name_ar', 's.name_en as assignee_name_en'])
      .orderBy(sql`a.step_due_at ASC NULLS LAST`)
      .orderBy('a.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

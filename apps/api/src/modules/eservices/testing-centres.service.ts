import { randomUUID } from 'node:crypto';
import type { CreateTestSessionRequest, CreateTestingCentreRequest, FieldError, StaffRole, StaffTestSession, TestingCentre, UpdateTestSessionRequest, UpdateTestingCentreRequest } from '@rabt/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import * as repo from './testing-centres.repository.ts';
import { cairoDay } from '../../platform/clock.ts';

/**
 * Staff upkeep of the skill-testing centres and their test sessions (Law 14/2025 Art. 27: the minister
 * sets the testing bodies and places; Decree 266/2025: tests at testing centres on set dates). HQ
 * administrators keep every centre; a directorate manager keeps the centres of their own governorate
 * (the office-scope model: their directorate is their governorate); auditors read. Every change runs in
 * one transaction with its audit entry. A session's row is locked while it is edited, the same lock a
 * booking takes, so a capacity is never set below the seats booked at that moment.
 */
export type TestingCentresDeps = Pick<AppDeps, 'db' | 'clock'>;

/** May change centres and sessions (in their scope). */
export const CENTRE_KEEPERS: readonly StaffRole[] = ['hq_admin', 'directorate_manager'];
/** May read them. */
export const CENTRE_READERS: readonly StaffRole[] = [...CENTRE_KEEPERS, 'auditor'];

/** The requests after parsing (digits normalised, codes upper-cased, duplicates dropped). */
type CreateCentre = z.output<typeof CreateTestingCentreRequest>;
type UpdateCentre = z.output<typeof UpdateTestingCentreRequest>;
type CreateSession = z.output<typeof CreateTestSessionRequest>;
type UpdateSession = z.output<typeof UpdateTestSessionRequest>;

/** Today's date in Cairo (the ministry's calendar day). */
const todayOf = cairoDay;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The governorate a keeper is limited to, or null for all (HQ, auditors). */
function governorateOf(staff: StaffPrincipal): string | null {
  return staff.role === 'directorate_manager' ? (staff.directorateCode ?? '') : null;
}

function assertInScope(staff: StaffPrincipal, governorateCode: string): void {
  const g = governorateOf(staff);
  if (g !== null && g !== governorateCode) throw new AppError('out_of_scope');
}

function centreView(r: repo.CentreRow & { upcoming?: string | number | null }): TestingCentre {
  return {
    id: r.id,
    code: r.code,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    governorateCode: r.governorate_code,
    addressAr: r.address_ar,
    addressEn: r.address_en,
    active: r.active,
    demo: r.demo,
    upcomingSessions: Number(r.upcoming ?? 0),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at),
  };
}

/** `HH:MM` of a `time` column (`HH:MM:SS` from PostgreSQL and PGlite). */
export const hhmm = (t: string): string => t.slice(0, 5);

function sessionView(r: { id: string; centre_id: string; session_date: string; start_time: string; capacity: number; isco_codes: string[]; booked?: string | number | null; created_at: Date | string; updated_at: Date | string | null }, today: string): StaffTestSession {
  const booked = Number(r.booked ?? 0);
  return {
    id: r.id,
    centreId: r.centre_id,
    date: r.session_date,
    startTime: hhmm(r.start_time),
    capacity: r.capacity,
    booked,
    seatsLeft: Math.max(0, r.capacity - booked),
    iscoCodes: r.isco_codes,
    past: r.session_date < today,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at),
  };
}

/** A real calendar date (the schema has checked the shape). */
function isRealDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

async function sessionFieldErrors(deps: TestingCentresDeps, input: { date?: string | undefined; iscoCodes?: string[] | undefined }, today: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.date !== undefined) {
    if (!isRealDate(input.date)) errors.push(fieldError('/date', 'invalid_value'));
    else if (input.date < today) errors.push(fieldError('/date', 'date_in_past'));
  }
  if (input.iscoCodes) {
    const known = await repo.knownUnitGroups(deps.db, input.iscoCodes);
    input.iscoCodes.forEach((c, i) => {
      if (!known.has(c)) errors.push(fieldError(`/iscoCodes/${i}`, 'isco_unknown'));
    });
  }
  return errors;
}

// ---------------------------------------------------------------- centres

/** The centres in the caller's scope (a directorate manager: their governorate), with their upcoming sessions counted. */
export async function listCentres(deps: TestingCentresDeps, staff: StaffPrincipal): Promise<TestingCentre[]> {
  const rows = await repo.listCentres(deps.db, { governorate: governorateOf(staff) ?? undefined, fromDate: todayOf(deps.clock()) });
  return rows.map(centreView);
}

/**
 * Creates a centre (never a demo one). Errors: 400 `validation_failed` at `/governorateCode` (no such
 * governorate); 403 `out_of_scope` (a directorate manager, another governorate); 409 `testing_centre_code_taken`.
 */
export async function createCentre(deps: TestingCentresDeps, staff: StaffPrincipal, input: CreateCentre): Promise<TestingCentre> {
  assertInScope(staff, input.governorateCode);
  if (!(await repo.governorateExists(deps.db, input.governorateCode))) throw new AppError('validation_failed', { fieldErrors: [fieldError('/governorateCode', 'invalid_value')] });
  const now = deps.clock();
  const id = randomUUID();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertCentre(trx, { id, code: input.code, name_ar: input.nameAr, name_en: input.nameEn, governorate_code: input.governorateCode, address_ar: input.addressAr, address_en: input.addressEn, active: input.active ?? true, created_at: now });
      await appendAudit(trx, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, { action: 'testing_centre.created', subjectType: 'skill_testing_centre', subjectId: id, officeId: null, details: { code: input.code, governorate: input.governorateCode, active: input.active ?? true } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('testing_centre_code_taken');
    throw err;
  }
  return centreView((await repo.findCentre(deps.db, id))!);
}

/**
 * Edits a centre's names, address, governorate or active flag (the code stays). The audit entry lists the
 * changed fields with their old and new values. Errors: 404 `testing_centre_not_found`; 403 `out_of_scope`
 * (the centre, or the new governorate, outside a directorate manager's); 400 at `/governorateCode`.
 */
export async function updateCentre(deps: TestingCentresDeps, staff: StaffPrincipal, id: string, patch: UpdateCentre): Promise<TestingCentre> {
  const now = deps.clock();
  if (patch.governorateCode !== undefined && !(await repo.governorateExists(deps.db, patch.governorateCode))) throw new AppError('validation_failed', { fieldErrors: [fieldError('/governorateCode', 'invalid_value')] });
  await deps.db.transaction().execute(async (trx) => {
    const c = await repo.findCentre(trx, id, true);
    if (!c) throw new AppError('testing_centre_not_found');
    assertInScope(staff, c.governorate_code);
    if (patch.governorateCode !== undefined) assertInScope(staff, patch.governorateCode);
    const next = { name_ar: patch.nameAr, name_en: patch.nameEn, governorate_code: patch.governorateCode, address_ar: patch.addressAr, address_en: patch.addressEn, active: patch.active };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Parameters<typeof repo.updateCentre>[2] = {};
    for (const [k, v] of Object.entries(next) as [keyof typeof next, string | boolean | undefined][]) {
      if (v === undefined || v === c[k]) continue;
      changes[k] = { from: c[k], to: v };
      (set as Record<string, unknown>)[k] = v;
    }
    if (!Object.keys(changes).length) return;
    await repo.updateCentre(trx, id, set, now);
    await appendAudit(trx, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, { action: 'testing_centre.updated', subjectType: 'skill_testing_centre', subjectId: id, officeId: null, details: { code: c.code, changes } }, now);
  });
  const rows = await repo.listCentres(deps.db, { fromDate: todayOf(now) });
  return centreView(rows.find((r) => r.id === id)!);
}

// ---------------------------------------------------------------- sessions

async function centreInScope(deps: TestingCentresDeps, staff: StaffPrincipal, centreId: string): Promise<repo.CentreRow> {
  const c = await repo.findCentre(deps.db, centreId);
  if (!c) throw new AppError('testing_centre_not_found');
  assertInScope(staff, c.governorate_code);
  return c;
}

/** A centre's sessions from 30 days ago on (recent past ones shown read-only), by date. 404, 403 `out_of_scope`. */
export async function listSessions(deps: TestingCentresDeps, staff: StaffPrincipal, centreId: string): Promise<StaffTestSession[]> {
  await centreInScope(deps, staff, centreId);
  const now = deps.clock();
  const from = todayOf(new Date(now.getTime() - 30 * 86_400_000));
  return (await repo.sessionsOfCentre(deps.db, centreId, from)).map((r) => sessionView(r, todayOf(now)));
}

/**
 * Schedules a session: a date from today on, a start time (`HH:MM` Cairo local time, 09:00 if left out), a capacity of 1–1000 seats, the ISCO-08 unit groups it tests
 * (in the reference table). Bookable at once if the centre is active. Errors: 400 `validation_failed` at
 * `/date` (`date_in_past`, `invalid_value`) or `/iscoCodes/<i>` (`isco_unknown`); 404; 403 `out_of_scope`.
 */
export async function createSession(deps: TestingCentresDeps, staff: StaffPrincipal, centreId: string, input: CreateSession): Promise<StaffTestSession> {
  const centre = await centreInScope(deps, staff, centreId);
  const now = deps.clock();
  const today = todayOf(now);
  const errors = await sessionFieldErrors(deps, input, today);
  if (errors.length) throw new AppError('validation_failed', { fieldErrors: errors });
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, { id, centre_id: centreId, session_date: input.date, start_time: input.startTime ?? '09:00', capacity: input.capacity, isco_codes: input.iscoCodes, created_at: now });
    await appendAudit(trx, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, { action: 'test_session.created', subjectType: 'skill_test_session', subjectId: id, officeId: null, details: { centre: centre.code, date: input.date, startTime: input.startTime ?? '09:00', capacity: input.capacity, iscoCodes: input.iscoCodes } }, now);
  });
  return sessionView((await repo.findSession(deps.db, id))!, today);
}

/**
 * Changes a session's date, start time, capacity or occupations, under the session's row lock (the lock bookings
 * take). Rules: a past session is not changed (409 `test_session_past`); the new date is today or later;
 * the capacity is at least the seats booked (`capacity_below_booked` at `/capacity`); an occupation with
 * live bookings stays (`isco_has_bookings` at `/iscoCodes`). The audit entry lists old and new values.
 * Errors also: 404 `test_session_not_found`, 403 `out_of_scope`.
 */
export async function updateSession(deps: TestingCentresDeps, staff: StaffPrincipal, sessionId: string, patch: UpdateSession): Promise<StaffTestSession> {
  const now = deps.clock();
  const today = todayOf(now);
  const fieldErrors = await sessionFieldErrors(deps, patch, today);
  await deps.db.transaction().execute(async (trx) => {
    const s = await repo.findSession(trx, sessionId, true);
    if (!s) throw new AppError('test_session_not_found');
    const centre = await repo.findCentre(trx, s.centre_id);
    assertInScope(staff, centre!.governorate_code);
    if (s.session_date < today) throw new AppError('test_session_past');
    const errors = [...fieldErrors];
    const booked = Number(s.booked);
    if (patch.capacity !== undefined && patch.capacity < booked) errors.push(fieldError('/capacity', 'capacity_below_booked'));
    if (patch.iscoCodes) {
      const kept = new Set(patch.iscoCodes);
      if ([...(await repo.bookedIscos(trx, sessionId))].some((c) => !kept.has(c))) errors.push(fieldError('/iscoCodes', 'isco_has_bookings'));
    }
    if (errors.length) throw new AppError('validation_failed', { fieldErrors: errors });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (patch.date !== undefined && patch.date !== s.session_date) changes.date = { from: s.session_date, to: patch.date };
    if (patch.startTime !== undefined && patch.startTime !== hhmm(s.start_time)) changes.startTime = { from: hhmm(s.start_time), to: patch.startTime };
    if (patch.capacity !== undefined && patch.capacity !== s.capacity) changes.capacity = { from: s.capacity, to: patch.capacity };
    if (patch.iscoCodes && patch.iscoCodes.join() !== s.isco_codes.join()) changes.iscoCodes = { from: s.isco_codes, to: patch.iscoCodes };
    if (!Object.keys(changes).length) return;
    await repo.updateSession(trx, sessionId, { ...(changes.date ? { session_date: patch.date } : {}), ...(changes.startTime ? { start_time: patch.startTime } : {}), ...(changes.capacity ? { capacity: patch.capacity } : {}), ...(changes.iscoCodes ? { isco_codes: patch.iscoCodes } : {}) }, now);
    await appendAudit(trx, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, { action: 'test_session.updated', subjectType: 'skill_test_session', subjectId: sessionId, officeId: null, details: { centre: centre!.code, booked, changes } }, now);
  });
  return sessionView((await repo.findSession(deps.db, sessionId))!, today);
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** SQL of SCORM lessons (0026, 0029, 0030): packages, their SCOs and prerequisites, their files, trainees' run-time data and session times. */
type Db = Kysely<DB> | Transaction<DB>;

export function packageOfLesson(db: Db, lessonId: string) {
  return db.selectFrom('scorm_packages').selectAll().where('lesson_id', '=', lessonId).executeTakeFirst();
}

export function packageById(db: Db, id: string) {
  return db.selectFrom('scorm_packages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function storageIdsOf(db: Db, packageId: string): Promise<{ storage_id: string }[]> {
  return db.selectFrom('scorm_package_files').select('storage_id').where('package_id', '=', packageId).execute();
}

/** A file of a package by its path; package authors on Windows often differ in letter case, so an exact match wins, else a case-insensitive one. */
export async function findFile(db: Db, packageId: string, path: string) {
  const exact = await db.selectFrom('scorm_package_files').selectAll().where('package_id', '=', packageId).where('path', '=', path).executeTakeFirst();
  if (exact) return exact;
  return db
    .selectFrom('scorm_package_files')
    .selectAll()
    .where('package_id', '=', packageId)
    .where(sql<string>`lower(path)`, '=', path.toLowerCase())
    .orderBy('path')
    .limit(1)
    .executeTakeFirst();
}

/** The run-time data of one SCO (by position, 0 the first) of a lesson for an enrolment. */
export function runtimeOf(db: Db, enrolmentId: string, lessonId: string, sco = 0) {
  return db.selectFrom('scorm_runtime').selectAll().where('enrolment_id', '=', enrolmentId).where('lesson_id', '=', lessonId).where('sco', '=', sco).executeTakeFirst();
}

/** The SCOs of a package in delivery order. */
export function scosOf(db: Db, packageId: string) {
  return db.selectFrom('scorm_scos').selectAll().where('package_id', '=', packageId).orderBy('position').execute();
}

/** The prerequisites of a package's SCOs (0030): which SCO (position) requires which earlier one. */
export function prerequisitesOf(db: Db, packageId: string): Promise<{ position: number; requires: number }[]> {
  return db.selectFrom('scorm_sco_prerequisites').select(['position', 'requires']).where('package_id', '=', packageId).orderBy('position').orderBy('requires').execute();
}

/** Each SCO's last lesson_status for an enrolment in a lesson (SCOs never launched are absent). */
export function statusesOf(db: Db, enrolmentId: string, lessonId: string): Promise<{ sco: number; lesson_status: string }[]> {
  return db.selectFrom('scorm_runtime').select(['sco', 'lesson_status']).where('enrolment_id', '=', enrolmentId).where('lesson_id', '=', lessonId).execute();
}

/** The last session time (centiseconds) a launch reported, 0 when it reported none yet. */
export async function sessionTimeOf(db: Db, enrolmentId: string, lessonId: string, sco: number, launchKey: string): Promise<number> {
  const row = await db.selectFrom('scorm_sessions').select('session_time_cs').where('enrolment_id', '=', enrolmentId).where('lesson_id', '=', lessonId).where('sco', '=', sco).where('launch_key', '=', launchKey).executeTakeFirst();
  return row ? Number(row.session_time_cs) : 0;
}

/**
 * Records a launch's latest session time and moves the lesson's total by the difference from the one it
 * replaces (0029), so the SCO's total stays the sum over its launches. Call under the enrolment's lock, after the
 * scorm_runtime row exists.
 */
export async function recordSessionTime(db: Db, enrolmentId: string, lessonId: string, sco: number, launchKey: string, sessionCs: number, now: Date): Promise<void> {
  const previous = await sessionTimeOf(db, enrolmentId, lessonId, sco, launchKey);
  await db
    .insertInto('scorm_sessions')
    .values({ enrolment_id: enrolmentId, lesson_id: lessonId, sco, launch_key: launchKey, session_time_cs: sessionCs, updated_at: now })
    .onConflict((oc) => oc.columns(['enrolment_id', 'lesson_id', 'sco', 'launch_key']).doUpdateSet({ session_time_cs: sessionCs, updated_at: now }))
    .execute();
  if (sessionCs !== previous) {
    await db
      .updateTable('scorm_runtime')
      .set({ total_time_cs: sql<string>`total_time_cs + ${sessionCs - previous}` })
      .where('enrolment_id', '=', enrolmentId)
      .where('lesson_id', '=', lessonId)
      .where('sco', '=', sco)
      .execute();
  }
}

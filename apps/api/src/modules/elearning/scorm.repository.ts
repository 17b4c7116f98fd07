import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** SQL of SCORM lessons (0026): packages, their files, trainees' run-time data. */
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

export function runtimeOf(db: Db, enrolmentId: string, lessonId: string) {
  return db.selectFrom('scorm_runtime').selectAll().where('enrolment_id', '=', enrolmentId).where('lesson_id', '=', lessonId).executeTakeFirst();
}

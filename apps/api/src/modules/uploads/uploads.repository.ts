import type { Insertable, Kysely, Transaction } from 'kysely';
import type { ApplicationDocumentsTable, DB } from '../../platform/db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function insertDocument(trx: Transaction<DB>, row: Insertable<ApplicationDocumentsTable>): Promise<void> {
  await trx.insertInto('application_documents').values(row).execute();
}

export function listDocuments(db: Db, applicationId: string) {
  return db.selectFrom('application_documents').selectAll().where('application_id', '=', applicationId).orderBy('created_at').orderBy('id').execute();
}

export function findDocument(db: Db, applicationId: string, docId: string) {
  return db.selectFrom('application_documents').selectAll().where('application_id', '=', applicationId).where('id', '=', docId).executeTakeFirst();
}

/** Distinct document types uploaded to an application. */
export async function uploadedTypes(db: Db, applicationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('application_documents').select('document_type').distinct().where('application_id', '=', applicationId).execute();
  return new Set(rows.map((r) => r.document_type));
}

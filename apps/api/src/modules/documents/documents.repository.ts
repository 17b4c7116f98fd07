/** SQL of issued signed documents (issued_documents). */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB, IssuedDocumentKind, IssuedDocumentsTable } from '../../platform/db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type IssuedDocumentRow = Selectable<IssuedDocumentsTable>;

export async function insertIssued(trx: Transaction<DB>, row: Insertable<IssuedDocumentsTable>): Promise<void> {
  await trx.insertInto('issued_documents').values(row).execute();
}

export function findIssuedByCode(db: Db, code: string): Promise<IssuedDocumentRow | undefined> {
  return db.selectFrom('issued_documents').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findIssuedFor(db: Db, kind: IssuedDocumentKind, subjectId: string, version: number): Promise<IssuedDocumentRow | undefined> {
  return db.selectFrom('issued_documents').selectAll().where('kind', '=', kind).where('subject_id', '=', subjectId).where('subject_version', '=', version).executeTakeFirst();
}

export function issuedOfHolder(db: Db, citizenId: string): Promise<IssuedDocumentRow[]> {
  return db.selectFrom('issued_documents').selectAll().where('holder_citizen_id', '=', citizenId).orderBy('issued_at', 'desc').limit(200).execute();
}

export async function setIssuedStatus(trx: Transaction<DB>, code: string, status: 'cancelled' | 'superseded' | 'revoked', now: Date, supersededBy: string | null = null, reason: string | null = null): Promise<void> {
  await trx.updateTable('issued_documents').set({ status, status_changed_at: now, superseded_by: supersededBy, status_reason: reason }).where('code', '=', code).execute();
}

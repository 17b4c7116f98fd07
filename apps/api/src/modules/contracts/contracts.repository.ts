/** SQL of the contracts module (both sides). No logic beyond the queries. */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { ContractAlertsTable, ContractsTable, DB, ReceivedContractsTable } from '../../platform/db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type ContractRow = Selectable<ContractsTable>;
export type ReceivedContractRow = Selectable<ReceivedContractsTable>;

// ---------------------------------------------------------------- destination side

export function findContract(db: Db, id: string, version: number, lock = false): Promise<ContractRow | undefined> {
  const q = db.selectFrom('contracts').selectAll().where('id', '=', id).where('version', '=', version);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Every version of a contract, newest first (locked when asked: amendments serialize on it). */
export function versionsOf(db: Db, id: string, lock = false): Promise<ContractRow[]> {
  const q = db.selectFrom('contracts').selectAll().where('id', '=', id).orderBy('version', 'desc');
  return (lock ? q.forUpdate() : q).execute();
}

export function listContractsOfEmployer(db: Db, employerId: string): Promise<ContractRow[]> {
  return db.selectFrom('contracts').selectAll().where('employer_id', '=', employerId).orderBy('updated_at', 'desc').orderBy('id').orderBy('version', 'desc').limit(500).execute();
}

export function contractForInvitation(db: Db, invitationId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('contracts').select('id').where('invitation_id', '=', invitationId).executeTakeFirst();
}

export async function insertContract(trx: Transaction<DB>, row: Insertable<ContractsTable>): Promise<void> {
  await trx.insertInto('contracts').values(row).execute();
}

export async function updateContract(trx: Transaction<DB>, id: string, version: number, patch: Updateable<ContractsTable>): Promise<void> {
  await trx.updateTable('contracts').set(patch).where('id', '=', id).where('version', '=', version).execute();
}

/**
 * The next federation entity version for messages this node sends about contract `id` (a per-contract
 * counter across versions, so a receiver never applies an older message over a newer one).
 */
export async function nextOutSeq(trx: Transaction<DB>, table: 'contracts' | 'received_contracts', id: string): Promise<number> {
  const r = await sql<{ seq: number }>`UPDATE ${sql.table(table)} SET out_seq = out_seq + 1 WHERE id = ${id} RETURNING out_seq AS seq`.execute(trx);
  return Math.max(0, ...r.rows.map((x) => Number(x.seq)));
}

// ---------------------------------------------------------------- origin side

export function findReceived(db: Db, id: string, version: number, lock = false): Promise<ReceivedContractRow | undefined> {
  const q = db.selectFrom('received_contracts').selectAll().where('id', '=', id).where('version', '=', version);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export function receivedVersions(db: Db, id: string): Promise<ReceivedContractRow[]> {
  return db.selectFrom('received_contracts').selectAll().where('id', '=', id).orderBy('version', 'desc').execute();
}

export async function insertReceived(trx: Transaction<DB>, row: Insertable<ReceivedContractsTable>): Promise<void> {
  await trx.insertInto('received_contracts').values(row).execute();
}

export async function updateReceived(trx: Transaction<DB>, id: string, version: number, patch: Updateable<ReceivedContractsTable>): Promise<void> {
  await trx.updateTable('received_contracts').set(patch).where('id', '=', id).where('version', '=', version).execute();
}

export function receivedByStatus(db: Db, status: ReceivedContractRow['status'] | undefined): Promise<ReceivedContractRow[]> {
  let q = db.selectFrom('received_contracts').selectAll();
  if (status) q = q.where('status', '=', status);
  return q.orderBy('received_at').orderBy('id').limit(500).execute();
}

export function receivedOfCitizen(db: Db, citizenId: string): Promise<ReceivedContractRow[]> {
  return db.selectFrom('received_contracts').selectAll().where('citizen_id', '=', citizenId).orderBy('received_at', 'desc').orderBy('version', 'desc').limit(200).execute();
}

/** Concluded contracts of a worker with a destination (for the substitution check). */
export function concludedOfCitizen(db: Db, citizenId: string, country: string): Promise<ReceivedContractRow[]> {
  return db.selectFrom('received_contracts').selectAll().where('citizen_id', '=', citizenId).where('country', '=', country).where('status', '=', 'concluded').execute();
}

export function attestationsOf(db: Db, id: string, version: number) {
  return db
    .selectFrom('contract_attestations as a')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .select(['a.staff_id', 's.name_ar as name', 'a.attested_at'])
    .where('a.contract_id', '=', id)
    .where('a.version', '=', version)
    .orderBy('a.attested_at')
    .execute();
}

/** Inserts one officer's attestation; returns false when that officer already attested this version. */
export async function insertAttestation(trx: Transaction<DB>, id: string, version: number, staffId: string, now: Date): Promise<boolean> {
  const r = await trx.insertInto('contract_attestations').values({ contract_id: id, version, staff_id: staffId, attested_at: now }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function countAttestations(trx: Transaction<DB>, id: string, version: number): Promise<number> {
  const r = await trx.selectFrom('contract_attestations').select((eb) => eb.fn.countAll<string>().as('n')).where('contract_id', '=', id).where('version', '=', version).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertAlert(trx: Transaction<DB>, row: Insertable<ContractAlertsTable>): Promise<void> {
  await trx.insertInto('contract_alerts').values(row).execute();
}

export function alertsOfCitizen(db: Db, citizenId: string) {
  return db.selectFrom('contract_alerts').selectAll().where('citizen_id', '=', citizenId).orderBy('created_at', 'desc').limit(100).execute();
}

export function latestAlerts(db: Db) {
  return db.selectFrom('contract_alerts').selectAll().orderBy('created_at', 'desc').limit(500).execute();
}

/**
 * SQL of the transparency register (migrations 0012_register.sql, 0025_register_witness_poll.sql). No logic here: the service decides
 * what to read and write. Every function takes the caller's connection or transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RegisterAlertsTable } from '../../platform/db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface SubtreeKey {
  level: number;
  index: number;
}

/** Locks the single state row (FOR UPDATE) and returns the number of leaves appended so far. */
export async function lockTreeSize(trx: Transaction<DB>): Promise<number> {
  const row = await trx.selectFrom('register_state').select('tree_size').where('id', '=', true).forUpdate().executeTakeFirstOrThrow();
  return row.tree_size;
}

/** Number of committed leaves (no lock). */
export async function treeSize(db: Db): Promise<number> {
  const row = await db.selectFrom('register_state').select('tree_size').where('id', '=', true).executeTakeFirstOrThrow();
  return row.tree_size;
}

export async function setTreeSize(trx: Transaction<DB>, size: number): Promise<void> {
  await trx.updateTable('register_state').set({ tree_size: size }).where('id', '=', true).execute();
}

export async function insertLeaf(trx: Transaction<DB>, leaf: { index: number; kind: string; data: Buffer; leafHash: Buffer; at: Date }): Promise<void> {
  await trx.insertInto('register_leaves').values({ index: leaf.index, kind: leaf.kind, data: leaf.data, leaf_hash: leaf.leafHash, appended_at: leaf.at }).execute();
}

export async function insertSubtrees(trx: Transaction<DB>, rows: { level: number; index: number; hash: Buffer }[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('register_subtrees').values(rows).execute();
}

/**
 * Hashes of the given perfect subtrees in ONE indexed select (a join of the key list with the primary
 * key), keyed `level:index`. Missing subtrees are simply absent from the map.
 */
export async function subtreeHashes(db: Db, keys: SubtreeKey[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (keys.length === 0) return out;
  const levels = keys.map((k) => k.level);
  const indexes = keys.map((k) => k.index);
  const { rows } = await sql<{ level: number; index: number; hash: Buffer }>`
    SELECT s.level, s.index, s.hash
    FROM unnest(${levels}::smallint[], ${indexes}::bigint[]) AS k(level, index)
    JOIN register_subtrees s ON s.level = k.level AND s.index = k.index`.execute(db);
  for (const r of rows) out.set(`${r.level}:${r.index}`, r.hash);
  return out;
}

export async function leaf(db: Db, index: number): Promise<{ index: number; kind: string; data: Buffer; leaf_hash: Buffer; appended_at: Date } | undefined> {
  return db.selectFrom('register_leaves').selectAll().where('index', '=', index).executeTakeFirst();
}

// ---- checkpoints and cosignatures (this node as a log) ----

export interface CheckpointRow {
  tree_size: number;
  root_hash: Buffer;
  note: string;
  created_at: Date;
}

export async function latestCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
  return db.selectFrom('register_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
}

export async function checkpointOfSize(db: Db, size: number): Promise<CheckpointRow | undefined> {
  return db.selectFrom('register_checkpoints').selectAll().where('tree_size', '=', size).executeTakeFirst();
}

/** Inserts a checkpoint; false when one of that size exists already (another publisher won). */
export async function insertCheckpoint(trx: Transaction<DB>, row: CheckpointRow): Promise<boolean> {
  const r = await trx.insertInto('register_checkpoints').values(row).onConflict((oc) => oc.column('tree_size').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function cosignaturesOf(db: Db, size: number): Promise<{ witness_name: string; peer_country: string; cosigned_at: number; line: string }[]> {
  return db.selectFrom('register_cosignatures').select(['witness_name', 'peer_country', 'cosigned_at', 'line']).where('tree_size', '=', size).orderBy('witness_name').execute();
}

/** Stores a verified cosignature; a second one from the same witness for the same size is ignored. */
export async function insertCosignature(
  trx: Transaction<DB>,
  row: { tree_size: number; witness_name: string; peer_country: string; cosigned_at: number; line: string; received_at: Date },
): Promise<void> {
  await trx
    .insertInto('register_cosignatures')
    .values(row)
    .onConflict((oc) => oc.columns(['tree_size', 'witness_name']).doNothing())
    .execute();
}

/** Largest checkpoint size each peer's witness has cosigned, as this log knows it. */
export async function cosignedSizeByPeer(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('register_cosignatures').select(['peer_country', (eb) => eb.fn.max('tree_size').as('size')]).groupBy('peer_country').execute();
  return new Map(rows.map((r) => [r.peer_country, Number(r.size)]));
}

// ---- witness state (this node as a witness of its peers' logs) ----

export interface WitnessStateRow {
  origin: string;
  peer_country: string;
  tree_size: number;
  root_hash: Buffer;
  note: string;
  updated_at: Date;
}

/** The last verified checkpoint of `origin`, locked until the end of the transaction (one witness decision at a time). */
export async function lockWitnessState(trx: Transaction<DB>, origin: string): Promise<WitnessStateRow | undefined> {
  return trx.selectFrom('register_witness_state').selectAll().where('origin', '=', origin).forUpdate().executeTakeFirst();
}

export async function upsertWitnessState(trx: Transaction<DB>, row: WitnessStateRow): Promise<void> {
  await trx
    .insertInto('register_witness_state')
    .values(row)
    .onConflict((oc) => oc.column('origin').doUpdateSet({ tree_size: row.tree_size, root_hash: row.root_hash, note: row.note, updated_at: row.updated_at, peer_country: row.peer_country }))
    .execute();
}

export async function witnessStates(db: Db): Promise<WitnessStateRow[]> {
  return db.selectFrom('register_witness_state').selectAll().orderBy('origin').execute();
}

/** The witness state of `origin` without a lock (the poller's observation before it fetches a proof). */
export async function witnessState(db: Db, origin: string): Promise<WitnessStateRow | undefined> {
  return db.selectFrom('register_witness_state').selectAll().where('origin', '=', origin).executeTakeFirst();
}

/** An origin this witness has verified for `peer` (to name the log in a peer_unreachable alert), if any. */
export async function witnessOriginOf(db: Db, peer: string): Promise<string | undefined> {
  return (await db.selectFrom('register_witness_state').select('origin').where('peer_country', '=', peer).orderBy('origin').limit(1).executeTakeFirst())?.origin;
}

/** The oldest checkpoint of this log larger than `size` (the one a silent witness has left waiting longest). */
export async function firstCheckpointAfter(db: Db, size: number): Promise<CheckpointRow | undefined> {
  return db.selectFrom('register_checkpoints').selectAll().where('tree_size', '>', size).orderBy('tree_size').limit(1).executeTakeFirst();
}

// ---- witness poller: fetch outcome per peer (migration 0025) ----

export interface PeerPollRow {
  peer_country: string;
  last_success_at: Date | null;
  failing_since: Date | null;
  consecutive_failures: number;
  last_error: string | null;
  unreachable_alerted: boolean;
  updated_at: Date;
}

/** Records a successful fetch of the peer's checkpoint: the outage (if any) is over. */
export async function recordPollSuccess(db: Db, peer: string, now: Date): Promise<void> {
  const clean = { last_success_at: now, failing_since: null, consecutive_failures: 0, last_error: null, unreachable_alerted: false, updated_at: now };
  await db
    .insertInto('register_peer_polls')
    .values({ peer_country: peer, ...clean })
    .onConflict((oc) => oc.column('peer_country').doUpdateSet(clean))
    .execute();
}

/** The peer's poll row, created if missing, locked until the end of the transaction (one decision at a time). */
export async function lockPeerPoll(trx: Transaction<DB>, peer: string, now: Date): Promise<PeerPollRow> {
  await trx
    .insertInto('register_peer_polls')
    .values({ peer_country: peer, updated_at: now })
    .onConflict((oc) => oc.column('peer_country').doNothing())
    .execute();
  return trx.selectFrom('register_peer_polls').selectAll().where('peer_country', '=', peer).forUpdate().executeTakeFirstOrThrow();
}

export async function updatePeerPoll(trx: Transaction<DB>, peer: string, set: Partial<Omit<PeerPollRow, 'peer_country'>>): Promise<void> {
  await trx.updateTable('register_peer_polls').set(set).where('peer_country', '=', peer).execute();
}

export async function peerPolls(db: Db): Promise<PeerPollRow[]> {
  return db.selectFrom('register_peer_polls').selectAll().orderBy('peer_country').execute();
}

// ---- alerts ----

export async function insertAlert(
  trx: Transaction<DB>,
  row: { origin: string; peer_country: string | null; kind: RegisterAlertsTable['kind']; tree_size: number | null; detail: string; evidence: Record<string, unknown>; created_at: Date },
): Promise<number> {
  const r = await trx
    .insertInto('register_alerts')
    .values({ ...row, evidence: JSON.stringify(row.evidence) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Whether an alert of this kind was already raised for (origin, peer, size) — and, when `note` is given, for
 * that same presented note (evidence->>'note'). Lets the poller and the silence monitor raise one alert per
 * fact instead of one per poll.
 */
export async function alertRaised(db: Db, a: { origin: string; peer: string; kind: RegisterAlertsTable['kind']; size: number | null; note?: string }): Promise<boolean> {
  let q = db.selectFrom('register_alerts').select('id').where('origin', '=', a.origin).where('peer_country', '=', a.peer).where('kind', '=', a.kind);
  q = a.size === null ? q.where('tree_size', 'is', null) : q.where('tree_size', '=', a.size);
  if (a.note !== undefined) q = q.where(sql<string>`evidence->>'note'`, '=', a.note);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

export async function listAlerts(db: Db, limit: number) {
  return db.selectFrom('register_alerts').select(['id', 'origin', 'peer_country', 'kind', 'tree_size', 'detail', 'created_at']).orderBy('id', 'desc').limit(limit).execute();
}

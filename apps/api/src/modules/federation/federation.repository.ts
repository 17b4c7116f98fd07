/** Federation SQL (Kysely only): outbox, inbox, entity versions and the auditors' views. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, FederationInboxTable, FederationOutboxTable } from '../../platform/db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type OutboxRow = Selectable<FederationOutboxTable>;
export type InboxRow = Selectable<FederationInboxTable>;

export async function insertOutbox(
  trx: Db,
  row: { id: string; to: string; type: string; entity: { type: string; id: string; version: number } | null; body: unknown; now: Date },
): Promise<void> {
  await trx
    .insertInto('federation_outbox')
    .values({
      id: row.id,
      to_country: row.to,
      type: row.type,
      entity_type: row.entity?.type ?? null,
      entity_id: row.entity?.id ?? null,
      entity_version: row.entity?.version ?? null,
      body: JSON.stringify(row.body),
      status: 'pending',
      next_attempt_at: row.now,
      created_at: row.now,
    })
    .execute();
}

export async function cancelPending(trx: Db, f: { to: string; entityType: string; entityId: string }): Promise<number> {
  const r = await trx
    .updateTable('federation_outbox')
    .set({ status: 'cancelled' })
    .where('status', '=', 'pending')
    .where('to_country', '=', f.to)
    .where('entity_type', '=', f.entityType)
    .where('entity_id', '=', f.entityId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Claims up to `limit` due messages for `peer`: counts the attempt and pushes `next_attempt_at` to
 * `leaseUntil`, so another relay process skips them (SKIP LOCKED) and a crashed relay's rows come back.
 */
export async function claimDue(db: Kysely<DB>, peer: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  return db
    .updateTable('federation_outbox')
    .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1), last_attempt_at: now }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('federation_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('to_country', '=', peer)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Delivered: a verified receipt. A row cancelled while it was on the wire is recorded as delivered too, because it was. */
export async function markDelivered(db: Db, id: string, r: { message: string; hash: string; receipt: string; status: 'accepted' | 'duplicate' | 'stale'; at: Date }): Promise<void> {
  await db
    .updateTable('federation_outbox')
    .set({ status: 'delivered', delivered_at: r.at, message: r.message, message_hash: r.hash, receipt: r.receipt, receipt_status: r.status, last_error: null })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'cancelled'])
    .execute();
}

/** `markDelivered` for many rows in one statement (a batch's receipts). */
export async function markDeliveredMany(db: Db, rows: { id: string; message: string; hash: string; receipt: string; status: 'accepted' | 'duplicate' | 'stale' }[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.message}, ${r.hash}, ${r.receipt}, ${r.status})`));
  await sql`UPDATE federation_outbox AS o
    SET status = 'delivered', delivered_at = ${at}, message = v.message, message_hash = v.hash, receipt = v.receipt, receipt_status = v.rs, last_error = NULL
    FROM (VALUES ${values}) AS v(id, message, hash, receipt, rs)
    WHERE o.id = v.id AND o.status IN ('pending', 'cancelled')`.execute(db);
}

/** Failed attempt: retry at `nextAttemptAt` unless cancelled meanwhile. */
export async function markRetry(db: Db, id: string, r: { nextAttemptAt: Date; error: string; message: string | null; receipt: string | null }): Promise<void> {
  await db
    .updateTable('federation_outbox')
    .set({ next_attempt_at: r.nextAttemptAt, last_error: r.error, ...(r.message ? { message: r.message, message_hash: null } : {}), ...(r.receipt ? { receipt: r.receipt, receipt_status: 'rejected' as const } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Gives up on a message; returns false if it was no longer pending (cancelled meanwhile). */
export async function markDead(trx: Db, id: string, r: { error: string; receipt: string | null }): Promise<boolean> {
  const res = await trx
    .updateTable('federation_outbox')
    .set({ status: 'dead', last_error: r.error, ...(r.receipt ? { receipt: r.receipt, receipt_status: 'rejected' as const } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A relay stopping mid-send gives its rows back at once instead of waiting out the lease. */
export async function releaseClaim(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('federation_outbox')
    .set((eb) => ({ next_attempt_at: now, attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function findOutbox(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('federation_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function requeueDead(trx: Db, id: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('federation_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- inbox ----

export async function findInbox(db: Db, id: string): Promise<InboxRow | undefined> {
  return db.selectFrom('federation_inbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts the inbox row first, so a concurrent delivery of the same id waits on it and then sees a duplicate. */
export async function insertInbox(
  trx: Transaction<DB>,
  row: Omit<InboxRow, 'receipt' | 'status' | 'issued_at' | 'received_at'> & { issued_at: Date; received_at: Date },
): Promise<boolean> {
  const r = await trx
    .insertInto('federation_inbox')
    .values({ ...row, status: 'accepted', receipt: '' })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function completeInbox(trx: Transaction<DB>, id: string, status: 'accepted' | 'stale', receipt: string): Promise<void> {
  await trx.updateTable('federation_inbox').set({ status, receipt }).where('id', '=', id).execute();
}

/** Records `version` as the entity's last applied version if it is newer; returns whether it was. */
export async function advanceVersion(trx: Transaction<DB>, v: { from: string; type: string; id: string; version: number; messageId: string; at: Date }): Promise<boolean> {
  const r = await trx
    .insertInto('federation_entity_versions')
    .values({ from_country: v.from, entity_type: v.type, entity_id: v.id, last_version: v.version, last_message_id: v.messageId, updated_at: v.at })
    .onConflict((oc) =>
      oc
        .columns(['from_country', 'entity_type', 'entity_id'])
        .doUpdateSet((eb) => ({ last_version: eb.ref('excluded.last_version'), last_message_id: eb.ref('excluded.last_message_id'), updated_at: eb.ref('excluded.updated_at') }))
        .where('federation_entity_versions.last_version', '<', (eb) => eb.ref('excluded.last_version')),
    )
    .returning('last_version')
    .executeTakeFirst();
  return r !== undefined;
}

// ---- views ----

export interface LogFilter {
  direction?: 'in' | 'out' | undefined;
  peer?: string | undefined;
  type?: string | undefined;
  before?: { at: Date; id: string } | undefined;
  limit: number;
}

/** Newest first, keyset-paginated on (time, id), both directions merged. */
export async function listLog(db: Kysely<DB>, f: LogFilter): Promise<({ direction: 'out'; row: OutboxRow } | { direction: 'in'; row: InboxRow })[]> {
  const out =
    f.direction === 'in'
      ? []
      : await (() => {
          let q = db.selectFrom('federation_outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit);
          if (f.peer) q = q.where('to_country', '=', f.peer);
          if (f.type) q = q.where('type', '=', f.type);
          if (f.before) q = q.where(sql<boolean>`(created_at, id) < (${f.before.at}, ${f.before.id}::uuid)`);
          return q.execute();
        })();
  const inn =
    f.direction === 'out'
      ? []
      : await (() => {
          let q = db.selectFrom('federation_inbox').selectAll().orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit);
          if (f.peer) q = q.where('from_country', '=', f.peer);
          if (f.type) q = q.where('type', '=', f.type);
          if (f.before) q = q.where(sql<boolean>`(received_at, id) < (${f.before.at}, ${f.before.id}::uuid)`);
          return q.execute();
        })();
  const merged = [...out.map((row) => ({ direction: 'out' as const, row, at: row.created_at })), ...inn.map((row) => ({ direction: 'in' as const, row, at: row.received_at }))];
  merged.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.row.id < b.row.id ? 1 : a.row.id > b.row.id ? -1 : 0));
  return merged.slice(0, f.limit).map(({ at: _at, ...rest }) => rest);
}

export async function listDead(db: Kysely<DB>, f: { peer?: string | undefined; limit: number }): Promise<OutboxRow[]> {
  let q = db.selectFrom('federation_outbox').selectAll().where('status', '=', 'dead').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit);
  if (f.peer) q = q.where('to_country', '=', f.peer);
  return q.execute();
}

export async function outboxStatsByPeer(db: Kysely<DB>): Promise<Map<string, { pending: number; dead: number; oldestPendingAt: Date | null }>> {
  const rows = await db
    .selectFrom('federation_outbox')
    .select((eb) => [
      'to_country',
      eb.fn.count<number>('id').filterWhere('status', '=', 'pending').as('pending'),
      eb.fn.count<number>('id').filterWhere('status', '=', 'dead').as('dead'),
      eb.fn.min('created_at').filterWhere('status', '=', 'pending').as('oldest'),
    ])
    .where('status', 'in', ['pending', 'dead'])
    .groupBy('to_country')
    .execute();
  return new Map(rows.map((r) => [r.to_country, { pending: Number(r.pending), dead: Number(r.dead), oldestPendingAt: r.oldest ? new Date(r.oldest) : null }]));
}

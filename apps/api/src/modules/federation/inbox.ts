/**
 * Receiving messages (docs/federation-v1.md §5–§6): the wire checks (wire.ts), then the idempotent inbox
 * and per-entity versions, and the handler's effect, all in one transaction; answered with signed receipts.
 * Rejected messages change nothing: no inbox row, no version, no effect.
 *
 * A batch (POST /federation/v1/batch) gets exactly the answers its messages would get one by one. It is
 * applied in one transaction with set-based statements; if any handler throws, that transaction is rolled
 * back and the batch's messages are applied one by one, so a failing handler only refuses its own message.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { FEDERATION_REJECT_REASONS, type FederationReceipt, type FederationRejectReason } from '@rabt/contracts';
import type { DB } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { IncomingMessage } from './federation.port.ts';
import * as repo from './federation.repository.ts';
import type { KeyRing } from './keys.ts';
import { signReceipt, verifyMessage, type KeyResolver } from './wire.ts';

export type InternalHandler = (trx: Transaction<DB>, message: IncomingMessage) => Promise<void>;

export interface InboxDeps {
  db: Kysely<DB>;
  clock: Clock;
  self: string;
  keys: KeyRing;
  peers: KeyResolver;
  maxBytes: number;
  handler(type: string): InternalHandler | undefined;
  log(err: unknown, message: string): void;
}

/** What one message gets: a signed receipt (JWS) with its HTTP status, or problem details. */
export type ReceiveResult =
  | { kind: 'receipt'; httpStatus: number; status: FederationReceipt['status']; reason?: FederationRejectReason; jws: string }
  | { kind: 'problem'; code: 'payload_too_large' | 'federation_malformed_message'; detail: string };

interface Verified {
  compact: string;
  message: IncomingMessage;
  hash: string;
  contentHash: string;
  handler: InternalHandler;
}

class HandlerFailed extends Error {}

function answers(deps: InboxDeps, now: Date) {
  const receipt = async (r: Omit<FederationReceipt, 'from' | 'receivedAt'>, httpStatus: number): Promise<ReceiveResult> => {
    const payload: FederationReceipt = { ...r, from: deps.self, receivedAt: now.toISOString() };
    return { kind: 'receipt', httpStatus, status: r.status, ...(r.reason ? { reason: r.reason } : {}), jws: await signReceipt(payload, deps.keys.active) };
  };
  const rejected = (id: string, hash: string, to: string | undefined, reason: FederationRejectReason) =>
    receipt({ messageId: id, messageHash: hash, status: 'rejected', reason, ...(to ? { to } : {}) }, FEDERATION_REJECT_REASONS[reason]);
  const duplicate = (v: Verified, existing: repo.InboxRow): Promise<ReceiveResult> =>
    existing.content_hash === v.contentHash
      ? receipt({ messageId: v.message.id, messageHash: v.hash, status: 'duplicate', to: v.message.from, originalReceipt: existing.receipt }, 200)
      : rejected(v.message.id, v.hash, v.message.from, 'id_reused');
  return { receipt, rejected, duplicate };
}

/** The wire checks plus the handler lookup; either a message ready to apply or the final answer. */
async function check(deps: InboxDeps, compact: string, now: Date): Promise<Verified | ReceiveResult> {
  const verdict = await verifyMessage(compact, { self: deps.self, now, maxBytes: deps.maxBytes, pinCheck: (c, k) => deps.peers.pinCheck(c, k), keyFor: (c, k) => deps.peers.keyFor(c, k) });
  if (!verdict.ok && verdict.kind === 'problem') return { kind: 'problem', code: verdict.code, detail: verdict.detail };
  const { rejected } = answers(deps, now);
  if (!verdict.ok) return rejected(verdict.id, verdict.hash, verdict.from, verdict.reason);
  const handler = deps.handler(verdict.type);
  if (!handler) return rejected(verdict.envelope.id, verdict.hash, verdict.envelope.from, 'unsupported_type');
  const message: IncomingMessage = { ...verdict.envelope, type: verdict.type as IncomingMessage['type'], body: verdict.body as IncomingMessage['body'] };
  return { compact, message, hash: verdict.hash, contentHash: verdict.contentHash, handler };
}

function inboxRow(v: Verified, now: Date) {
  const e = v.message.entity;
  return {
    id: v.message.id,
    from_country: v.message.from,
    type: v.message.type,
    entity_type: e?.type ?? null,
    entity_id: e?.id ?? null,
    entity_version: e?.version ?? null,
    message: v.compact,
    message_hash: v.hash,
    content_hash: v.contentHash,
    issued_at: new Date(v.message.issuedAt),
    received_at: now,
  };
}

/** Applies one verified message in its own transaction. */
async function applyOne(deps: InboxDeps, v: Verified, now: Date): Promise<ReceiveResult> {
  const { receipt, rejected, duplicate } = answers(deps, now);
  const seen = await repo.findInbox(deps.db, v.message.id);
  if (seen) return duplicate(v, seen);
  try {
    const done = await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.insertInbox(trx, inboxRow(v, now)))) return undefined; // a concurrent delivery of the same id committed first
      const e = v.message.entity;
      const fresh = e ? await repo.advanceVersion(trx, { from: v.message.from, type: e.type, id: e.id, version: e.version, messageId: v.message.id, at: now }) : true;
      if (fresh) {
        try {
          await v.handler(trx, v.message);
        } catch (err) {
          throw new HandlerFailed('handler failed', { cause: err });
        }
      }
      const status = fresh ? ('accepted' as const) : ('stale' as const);
      const answer = await receipt({ messageId: v.message.id, messageHash: v.hash, status, to: v.message.from }, 200);
      if (answer.kind === 'receipt') await repo.completeInbox(trx, v.message.id, status, answer.jws);
      return answer;
    });
    if (done) return done;
    const existing = await repo.findInbox(deps.db, v.message.id);
    if (!existing) throw new Error('inbox row vanished');
    return duplicate(v, existing);
  } catch (err) {
    if (!(err instanceof HandlerFailed)) throw err;
    deps.log(err.cause, `federation handler for ${v.message.type} failed; message ${v.message.id} rejected`);
    return rejected(v.message.id, v.hash, v.message.from, 'handler_failed');
  }
}

/** POST /federation/v1/messages: one compact JWS. */
export async function receiveMessage(deps: InboxDeps, compact: string): Promise<ReceiveResult> {
  const now = deps.clock();
  const checked = await check(deps, compact, now);
  return 'kind' in checked ? checked : applyOne(deps, checked, now);
}

/** POST /federation/v1/batch: answers in the order of `messages`, each as `receiveMessage` would answer it. */
export async function receiveBatch(deps: InboxDeps, messages: string[]): Promise<ReceiveResult[]> {
  const now = deps.clock();
  const results: (ReceiveResult | undefined)[] = [];
  const firsts: { index: number; v: Verified }[] = [];
  const repeats: { index: number; v: Verified }[] = [];
  const ids = new Set<string>();
  for (const [index, compact] of messages.entries()) {
    const checked = await check(deps, compact, now);
    if ('kind' in checked) results[index] = checked;
    else (ids.has(checked.message.id) ? repeats : firsts).push({ index, v: checked });
    if (!('kind' in checked)) ids.add(checked.message.id);
  }
  if (firsts.length > 0) {
    let applied: Map<string, ReceiveResult> | undefined;
    try {
      applied = await applyBatch(deps, firsts.map((f) => f.v), now);
    } catch (err) {
      if (!(err instanceof HandlerFailed)) throw err;
      applied = undefined; // rolled back: apply one by one so only the failing message is refused
    }
    for (const { index, v } of firsts) results[index] = applied?.get(v.message.id) ?? (await applyOne(deps, v, now));
  }
  for (const { index, v } of repeats) results[index] = await applyOne(deps, v, now);
  return results.map((r) => {
    if (!r) throw new Error('batch result missing');
    return r;
  });
}

/**
 * One transaction for the whole batch: inbox rows (ON CONFLICT DO NOTHING: the ones already there are
 * answered as duplicates after commit), entity versions (one upsert; within a batch only the highest version
 * of an entity can be applied, the others are stale, as if they had arrived after it), handlers, receipts.
 * Returns undefined entries for ids that were already in the inbox (answered by the caller one by one).
 */
async function applyBatch(deps: InboxDeps, batch: Verified[], now: Date): Promise<Map<string, ReceiveResult>> {
  const { receipt } = answers(deps, now);
  const out = new Map<string, ReceiveResult>();
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('federation_inbox')
      .values(batch.map((v) => ({ ...inboxRow(v, now), status: 'accepted' as const, receipt: '' })))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    const fresh = new Set(inserted.map((r) => r.id));
    const mine = batch.filter((v) => fresh.has(v.message.id));
    // The highest version per entity is the candidate; equal or lower ones in the same batch are stale.
    const candidates = new Map<string, Verified>();
    for (const v of mine) {
      const e = v.message.entity;
      if (!e) continue;
      const key = JSON.stringify([v.message.from, e.type, e.id]);
      const best = candidates.get(key);
      if (!best || best.message.entity!.version < e.version) candidates.set(key, v);
    }
    const advanced = new Set<string>();
    if (candidates.size > 0) {
      const rows = await trx
        .insertInto('federation_entity_versions')
        .values([...candidates.values()].map((v) => ({ from_country: v.message.from, entity_type: v.message.entity!.type, entity_id: v.message.entity!.id, last_version: v.message.entity!.version, last_message_id: v.message.id, updated_at: now })))
        .onConflict((oc) =>
          oc
            .columns(['from_country', 'entity_type', 'entity_id'])
            .doUpdateSet((eb) => ({ last_version: eb.ref('excluded.last_version'), last_message_id: eb.ref('excluded.last_message_id'), updated_at: eb.ref('excluded.updated_at') }))
            .where('federation_entity_versions.last_version', '<', (eb) => eb.ref('excluded.last_version')),
        )
        .returning('last_message_id')
        .execute();
      for (const r of rows) advanced.add(r.last_message_id);
    }
    const updates: { id: string; status: 'accepted' | 'stale'; receipt: string }[] = [];
    for (const v of mine) {
      const apply = !v.message.entity || advanced.has(v.message.id);
      if (apply) {
        try {
          await v.handler(trx, v.message);
        } catch (err) {
          throw new HandlerFailed('handler failed', { cause: err });
        }
      }
      const status = apply ? ('accepted' as const) : ('stale' as const);
      const answer = await receipt({ messageId: v.message.id, messageHash: v.hash, status, to: v.message.from }, 200);
      if (answer.kind === 'receipt') updates.push({ id: v.message.id, status, receipt: answer.jws });
      out.set(v.message.id, answer);
    }
    if (updates.length > 0) {
      const values = sql.join(updates.map((u) => sql`(${u.id}::uuid, ${u.status}, ${u.receipt})`));
      await sql`UPDATE federation_inbox AS i SET status = v.status, receipt = v.receipt FROM (VALUES ${values}) AS v(id, status, receipt) WHERE i.id = v.id`.execute(trx);
    }
  });
  return out;
}

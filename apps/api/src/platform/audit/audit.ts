import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, AuditVerification } from '@rabt/contracts';
import type { DB } from '../db/schema.ts';

/** Who did it. Staff and citizens by id; `system` for start-up seeding and jobs. */
export type Actor = { kind: 'staff'; id: string; officeId?: string | null } | { kind: 'citizen'; id: string } | { kind: 'employer'; id: string } | { kind: 'system' };

export interface AuditEvent {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  officeId?: string | null;
  /** Must not hold personal data (no national ID, phone, password): it is shown to auditors. */
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

function rowHash(prevHash: string, row: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalize(row) ?? '')
    .digest('hex');
}

/**
 * Appends one event to the hash-chained audit log inside the caller's transaction, so the audit row
 * commits or rolls back with the change it records. Serialised by a row lock on `audit_head`.
 * Sources: OWASP ASVS 5.0 16.2.1 (who/what/when/where), 16.4.2 (logs cannot be modified).
 */
export async function appendAudit(trx: Transaction<DB>, actor: Actor, event: AuditEvent, at: Date): Promise<void> {
  const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  const row = {
    seq: head.seq + 1,
    at: at.toISOString(),
    actorKind: actor.kind,
    actorId: actor.kind === 'system' ? null : actor.id,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId ?? null,
    officeId: event.officeId ?? null,
    details: event.details ?? {},
  } satisfies Omit<AuditEntry, 'hash'>;
  const hash = rowHash(head.hash, row);
  await trx
    .insertInto('audit_log')
    .values({
      seq: row.seq,
      at: row.at,
      actor_kind: row.actorKind,
      actor_id: row.actorId,
      action: row.action,
      subject_type: row.subjectType,
      subject_id: row.subjectId,
      office_id: row.officeId,
      details: JSON.stringify(row.details),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
}

type AuditRow = DB['audit_log'] extends infer T ? { [K in keyof T]: T[K] extends { __select__: infer S } ? S : T[K] } : never;

/** Re-parses a stored row into the contract shape. */
export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    officeId: r.office_id,
    details: r.details,
    hash: r.hash,
  };
}

/**
 * Recomputes the whole chain in pages of `pageSize` rows. Detects an edited row (hash mismatch), a
 * deleted row (gap in `seq` or broken `prev_hash`) and deleted tail rows (tip differs from `audit_head`).
 */
export async function verifyAuditChain(db: Kysely<DB>, pageSize = 1000): Promise<AuditVerification> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) {
      const entry = toAuditEntry(r);
      if (r.seq !== expectedSeq) return { ok: false, checked, firstBadSeq: expectedSeq, reason: `row ${expectedSeq} is missing` };
      if (r.prev_hash !== prev) return { ok: false, checked, firstBadSeq: r.seq, reason: `row ${r.seq} does not link to the previous row` };
      const { hash: _stored, ...content } = entry;
      if (rowHash(prev, content) !== r.hash) return { ok: false, checked, firstBadSeq: r.seq, reason: `row ${r.seq} was altered` };
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (head.seq !== checked || head.hash !== prev) {
    return { ok: false, checked, firstBadSeq: checked + 1, reason: `the log ends at row ${checked} but its head says ${head.seq}: rows were removed` };
  }
  return { ok: true, checked, firstBadSeq: null, reason: null };
}

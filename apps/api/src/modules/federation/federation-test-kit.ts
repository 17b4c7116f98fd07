/**
 * Test helpers for federation tests (not used in production code): a recorder of handler effects kept in
 * the receiving node's database, so "each effect exactly once" is checked on committed data, and message
 * bodies that pass the contracts.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ExchangeMessageBody } from '@rabt/contracts';
import type { ClusterNode } from '../../testing/federation-cluster.ts';
import type { DB } from '../../platform/db/schema.ts';

export interface Effect {
  seq: number;
  message_id: string;
  profile_id: string;
  version: number;
}

/**
 * Registers a `profile.upsert` handler on `node` that appends one row per applied message to
 * `test_federation_effects` inside the inbox transaction (so it commits or rolls back with the inbox row).
 * `failFor` makes the handler throw for one profile id (handler-failure tests).
 */
export async function recordProfileEffects(node: ClusterNode, options: { failFor?: string } = {}): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS test_federation_effects (seq bigserial PRIMARY KEY, message_id uuid NOT NULL, profile_id text NOT NULL, version bigint NOT NULL)`.execute(node.db);
  node.on('profile.upsert', async (trx, message) => {
    if (message.body.profileId === options.failFor) throw new Error('test handler refuses this profile');
    await sql`INSERT INTO test_federation_effects (message_id, profile_id, version) VALUES (${message.id}, ${message.body.profileId}, ${message.entity?.version ?? -1})`.execute(trx);
  });
}

export async function effects(db: Kysely<DB>): Promise<Effect[]> {
  const r = await sql<Effect>`SELECT seq, message_id::text AS message_id, profile_id, version FROM test_federation_effects ORDER BY seq`.execute(db);
  return r.rows.map((e) => ({ ...e, seq: Number(e.seq), version: Number(e.version) }));
}

export async function countRows(db: Kysely<DB>, table: 'federation_inbox' | 'federation_entity_versions' | 'federation_outbox'): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function profileBody(profileId: string = randomUUID()): ExchangeMessageBody<'profile.upsert'> {
  return { profileId, occupations: [{ isco: '7411', years: 6 }], languages: [{ language: 'ar', level: 'native' }], education: 'technical_secondary' };
}

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export const SESSION_COOKIE = 'rabt_session';

export type SessionSubject = { citizenId: string } | { staffId: string } | { employerId: string };

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Starts a session for `subject` and returns the cookie token (256 bits from the CSPRNG, ASVS 7.2.3).
 * `previousToken`, the cookie the browser sent, is revoked: the session id rotates at sign-in (ASVS 7.2.4).
 */
export async function startSession(trx: Transaction<DB>, subject: SessionSubject, policy: SessionPolicy, now: Date, previousToken?: string): Promise<string> {
  if (previousToken) await trx.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', hashToken(previousToken)).execute();
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      citizen_id: 'citizenId' in subject ? subject.citizenId : null,
      staff_id: 'staffId' in subject ? subject.staffId : null,
      employer_id: 'employerId' in subject ? subject.employerId : null,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + policy.absoluteMs),
    })
    .execute();
  return token;
}

/**
 * The live session for `token`, or undefined when it is unknown, revoked, past its absolute timeout
 * or idle longer than the idle timeout (ASVS 7.3.1, 7.3.2). Touches `last_seen_at` at most once a minute.
 */
export async function resolveSession(db: Kysely<DB>, token: string, policy: SessionPolicy, now: Date): Promise<SessionSubject | undefined> {
  const tokenHash = hashToken(token);
  const s = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!s || s.revoked_at) return undefined;
  if (s.expires_at.getTime() <= now.getTime() || s.last_seen_at.getTime() + policy.idleMs <= now.getTime()) return undefined;
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  if (s.citizen_id) return { citizenId: s.citizen_id };
  if (s.staff_id) return { staffId: s.staff_id };
  if (s.employer_id) return { employerId: s.employer_id };
  return undefined;
}

/** Revokes one session server-side (sign-out, ASVS 7.4.1). */
export async function revokeSession(db: Kysely<DB> | Transaction<DB>, token: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).execute();
}

/** Revokes every session of a subject: used when an account is disabled (ASVS 7.4.2). */
export async function revokeAllSessions(trx: Transaction<DB>, subject: SessionSubject, now: Date): Promise<void> {
  const q = trx.updateTable('sessions').set({ revoked_at: now }).where('revoked_at', 'is', null);
  if ('citizenId' in subject) await q.where('citizen_id', '=', subject.citizenId).execute();
  else if ('staffId' in subject) await q.where('staff_id', '=', subject.staffId).execute();
  else await q.where('employer_id', '=', subject.employerId).execute();
}

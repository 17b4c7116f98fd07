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
  if (previousToken) {
    citizenSessions.delete(previousToken);
    await trx.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', hashToken(previousToken)).execute();
  }
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
  return (await resolveSessionUntil(db, token, policy, now))?.subject;
}

/** resolveSession, with the instant (node clock, ms) at which the session would lapse if not used again: the earlier of its absolute and idle deadlines. */
export async function resolveSessionUntil(db: Kysely<DB>, token: string, policy: SessionPolicy, now: Date): Promise<{ subject: SessionSubject; lapsesAt: number } | undefined> {
  const tokenHash = hashToken(token);
  const s = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!s || s.revoked_at) return undefined;
  if (s.expires_at.getTime() <= now.getTime() || s.last_seen_at.getTime() + policy.idleMs <= now.getTime()) return undefined;
  let lastSeen = s.last_seen_at.getTime();
  if (now.getTime() - lastSeen > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
    lastSeen = now.getTime();
  }
  const lapsesAt = Math.min(s.expires_at.getTime(), lastSeen + policy.idleMs);
  if (s.citizen_id) return { subject: { citizenId: s.citizen_id }, lapsesAt };
  if (s.staff_id) return { subject: { staffId: s.staff_id }, lapsesAt };
  if (s.employer_id) return { subject: { employerId: s.employer_id }, lapsesAt };
  return undefined;
}

/**
 * Citizen sessions checked against the database in the last CITIZEN_SESSION_CACHE_MS, so that the several
 * reads of one page ask the database once (issue 6 target: the lesson page at ≥ 0.4 × the bare-route
 * floor). For safe requests only (GET, HEAD: http/principal-hook.ts); a request that changes state always
 * asks the database. Bounds: an entry belongs to one node (its database handle); it never outlives the
 * session's own idle and absolute deadlines (on the node's clock); signing out, a rotated session and
 * revokeAllSessions on this node drop it at once; a revocation made by another process of a scaled-out
 * node applies to that session's reads here within 2 s. Staff and employer sessions are never kept: their
 * role and scope may change at any time.
 */
export const CITIZEN_SESSION_CACHE_MS = 2_000;
const CITIZEN_SESSION_CACHE_MAX = 50_000;
/** Keyed by the cookie's token itself (this process's memory only; the database keeps only its hash). */
const citizenSessions = new Map<string, { db: object; citizenId: string; from: number; until: number }>();

/** The citizen of a session checked in the last CITIZEN_SESSION_CACHE_MS on this node (`db`), else undefined. */
export function cachedCitizenSession(db: Kysely<DB>, token: string, now: Date): string | undefined {
  const e = citizenSessions.get(token);
  if (!e || e.db !== db) return undefined;
  const t = now.getTime();
  if (t < e.from || t >= e.until) {
    citizenSessions.delete(token);
    return undefined;
  }
  return e.citizenId;
}

/** Remembers a citizen session just checked against the database (see cachedCitizenSession). `lapsesAt` from resolveSessionUntil. */
export function rememberCitizenSession(db: Kysely<DB>, token: string, citizenId: string, now: Date, lapsesAt: number): void {
  if (citizenSessions.size >= CITIZEN_SESSION_CACHE_MAX) {
    const oldest = citizenSessions.keys().next();
    if (!oldest.done) citizenSessions.delete(oldest.value);
  }
  const t = now.getTime();
  citizenSessions.set(token, { db, citizenId, from: t, until: Math.min(t + CITIZEN_SESSION_CACHE_MS, lapsesAt) });
}

/** Revokes one session server-side (sign-out, ASVS 7.4.1). */
export async function revokeSession(db: Kysely<DB> | Transaction<DB>, token: string, now: Date): Promise<void> {
  citizenSessions.delete(token);
  await db.updateTable('sessions').set({ revoked_at: now }).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).execute();
}

/** Revokes every session of a subject: used when an account is disabled (ASVS 7.4.2). */
export async function revokeAllSessions(trx: Transaction<DB>, subject: SessionSubject, now: Date): Promise<void> {
  if ('citizenId' in subject) for (const [key, e] of citizenSessions) if (e.citizenId === subject.citizenId) citizenSessions.delete(key);
  const q = trx.updateTable('sessions').set({ revoked_at: now }).where('revoked_at', 'is', null);
  if ('citizenId' in subject) await q.where('citizen_id', '=', subject.citizenId).execute();
  else if ('staffId' in subject) await q.where('staff_id', '=', subject.staffId).execute();
  else await q.where('employer_id', '=', subject.employerId).execute();
}

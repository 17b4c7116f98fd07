import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { ProblemError, post } from '../api/client.ts';
import { useApp } from '../session.tsx';

/**
 * Lesson completions made offline (issue 6 §8 "progress synced when back online"). A completion that fails
 * for lack of network is kept on this device (localStorage, per account) and sent again when the browser
 * comes back online, when the tab is shown again, or on the next load. The API's completion is idempotent
 * (POST …/lessons/{id}/complete keeps the first completion and answers the same state), so a completion sent
 * twice — two tabs, a retry after an answer lost on the way back — is recorded once: nothing to reconcile here.
 */

const KEY = 'rabt.pendingCompletions.v1';
const SYNCED_EVENT = 'rabt:progress-synced';

export interface PendingCompletion {
  /** The citizen account the completion belongs to: only replayed while that account is signed in. */
  user: string;
  enrolmentId: string;
  courseId: string;
  lessonId: string;
  /** RFC 3339, when it was kept. */
  queuedAt: string;
}

export interface ReplayResult {
  synced: string[];
  /** Refused for good by the server (the enrolment or lesson no longer exists): removed, and reported. */
  refused: number;
}

export const completionUrl = (p: Pick<PendingCompletion, 'enrolmentId' | 'lessonId'>): string => `/api/v1/elearning/enrolments/${encodeURIComponent(p.enrolmentId)}/lessons/${encodeURIComponent(p.lessonId)}/complete`;

// Private browsing may refuse localStorage: the list then lives in this page only.
let memory: string | null = null;
const listeners = new Set<() => void>();

function raw(): string {
  if (memory !== null) return memory;
  try {
    return localStorage.getItem(KEY) ?? '[]';
  } catch {
    return '[]';
  }
}

function isPending(v: unknown): v is PendingCompletion {
  const p = v as Partial<PendingCompletion> | null;
  return typeof p === 'object' && p !== null && [p.user, p.enrolmentId, p.courseId, p.lessonId, p.queuedAt].every((x) => typeof x === 'string');
}

function parse(text: string): PendingCompletion[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter(isPending) : [];
  } catch {
    return [];
  }
}

function write(list: PendingCompletion[]): void {
  const text = JSON.stringify(list);
  try {
    localStorage.setItem(KEY, text);
    memory = null;
  } catch {
    memory = text;
  }
  listeners.forEach((l) => l());
}

const same = (a: PendingCompletion, b: Pick<PendingCompletion, 'user' | 'enrolmentId' | 'lessonId'>) => a.user === b.user && a.enrolmentId === b.enrolmentId && a.lessonId === b.lessonId;

function remove(item: PendingCompletion): void {
  write(parse(raw()).filter((p) => !same(p, item)));
}

/**
 * When `err` is the API client's network failure (`network_error`: no answer at all), keeps the completion for
 * later and answers true; any answer from the server (a refusal, a server error) is the caller's to show.
 * `user` is the account it is kept for (`useTrainee()`: the last citizen seen on this device when the session
 * is unknown offline); with none, nothing can be kept.
 */
export function queueIfOffline(err: unknown, item: Omit<PendingCompletion, 'user' | 'queuedAt'> & { user: string | null }): boolean {
  if (!item.user || !(err instanceof ProblemError) || err.code !== 'network_error') return false;
  const user = item.user;
  const list = parse(raw());
  if (!list.some((p) => same(p, { ...item, user }))) list.push({ ...item, user, queuedAt: new Date().toISOString() });
  write(list);
  return true;
}

// ---------------------------------------------------------------- the last trainee seen on this device

const LAST_TRAINEE = 'rabt.lastTrainee.v1';
let lastMemory: string | null | undefined;

/** The citizen account last seen signed in on this device (its opaque account id), or null. */
export function lastTrainee(): string | null {
  if (lastMemory !== undefined) return lastMemory;
  try {
    return localStorage.getItem(LAST_TRAINEE);
  } catch {
    return null;
  }
}

/** Notes (or, with null, forgets: signing out, another kind of account) the citizen account signed in on this device. */
export function rememberTrainee(user: string | null): void {
  if (lastTrainee() === user) return;
  try {
    if (user) localStorage.setItem(LAST_TRAINEE, user);
    else localStorage.removeItem(LAST_TRAINEE);
    lastMemory = undefined;
  } catch {
    lastMemory = user;
  }
  listeners.forEach((l) => l());
}

/**
 * The account whose completions this page keeps and shows: the signed-in citizen; while the session is unknown
 * (still loading, or no answer offline: the page then looks signed out) the citizen last seen signed in on this
 * device, so a completion made offline is still kept for them (and replayed only once they are signed in
 * again); nobody for a staff or employer session.
 */
export function useTrainee(): string | null {
  const { session } = useApp();
  const citizen = session?.kind === 'citizen' ? session.account.id : null;
  const other = session !== null && session.kind !== 'citizen' && session.kind !== 'anonymous';
  useEffect(() => {
    if (citizen) rememberTrainee(citizen);
    else if (other) rememberTrainee(null);
  }, [citizen, other]);
  const last = useSyncExternalStore(subscribe, lastTrainee, () => null);
  return citizen ?? (other ? null : last);
}

let running: Promise<unknown> = Promise.resolve();

/**
 * Sends `user`'s kept completions, oldest first, one at a time (never two replays at once in this page).
 * Stops at the first network failure, sign-in problem (401/403) or server error, keeping the rest; a 4xx
 * refusal for good (404 enrolment or lesson gone, 409, 400) is removed and counted. Announces the synced
 * lessons with a `rabt:progress-synced` window event.
 */
export function replayPending(user: string): Promise<ReplayResult> {
  const next = running.then(async (): Promise<ReplayResult> => {
    const synced: string[] = [];
    let refused = 0;
    for (const item of parse(raw()).filter((p) => p.user === user)) {
      try {
        await post(completionUrl(item));
        remove(item);
        synced.push(item.lessonId);
      } catch (err) {
        const status = err instanceof ProblemError ? err.problem.status : 0;
        if (status === 400 || status === 404 || status === 409) {
          remove(item);
          refused++;
          continue;
        }
        break;
      }
    }
    if (synced.length) window.dispatchEvent(new CustomEvent(SYNCED_EVENT, { detail: synced }));
    return { synced, refused };
  });
  running = next.catch(() => undefined);
  return next;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab kept or synced a completion.
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY || e.key === LAST_TRAINEE) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** `user`'s completions kept on this device, live. */
export function usePendingCompletions(user: string | null): PendingCompletion[] {
  const text = useSyncExternalStore(subscribe, raw, () => '[]');
  return useMemo(() => (user ? parse(text).filter((p) => p.user === user) : []), [text, user]);
}

/** Calls `onSynced` after kept completions were recorded by the server (to reload a page's progress). */
export function useOnProgressSynced(onSynced: () => void): void {
  useEffect(() => {
    const handler = () => onSynced();
    window.addEventListener(SYNCED_EVENT, handler);
    return () => window.removeEventListener(SYNCED_EVENT, handler);
  }, [onSynced]);
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** The browser's idea of being online (`navigator.onLine`), live. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

/** A registration waiting for its mobile code; kept in sessionStorage so a reload of /verify-mobile keeps it. */
export interface Pending {
  accountId: string;
  mobileMasked?: string;
}

const KEY = 'rabt.pendingVerification';

export function savePending(p: Pending): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage unavailable: router state still carries it.
  }
}

export function loadPending(state: unknown): Pending | null {
  if (typeof state === 'object' && state !== null && 'accountId' in state && typeof state.accountId === 'string') return state as Pending;
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Pending) : null;
  } catch {
    return null;
  }
}

export function clearPending(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}

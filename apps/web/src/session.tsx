import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Country, SessionInfo } from '@rabt/contracts';
import { get } from './api/client.ts';

export interface NodeInfo {
  country: string;
  devTools: boolean;
  countryName?: { ar: string; en: string };
}

interface AppState {
  /** null while the first GET /api/v1/session is in flight. */
  session: SessionInfo | null;
  setSession: (next: SessionInfo) => void;
  refreshSession: () => Promise<void>;
  node: NodeInfo | null;
}

const AppContext = createContext<AppState | null>(null);

export function AppProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<SessionInfo | null>(null);
  const [node, setNode] = useState<NodeInfo | null>(null);

  const refreshSession = useCallback(async () => {
    try {
      setSessionState(await get<SessionInfo>('/api/v1/session'));
    } catch {
      setSessionState({ kind: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    get<SessionInfo>('/api/v1/session').then(setSessionState, () => setSessionState({ kind: 'anonymous' }));
    get<{ country: string; devTools: boolean }>('/api/v1/node')
      .then(async (n) => {
        if (n.country === 'EG') return setNode(n);
        const countries = await get<Country[]>('/api/v1/countries').catch(() => [] as Country[]);
        const c = countries.find((x) => x.iso2 === n.country);
        setNode({ ...n, countryName: c ? { ar: c.nameAr, en: c.nameEn } : undefined });
      })
      .catch(() => setNode({ country: '', devTools: false }));
  }, []);

  const value = useMemo<AppState>(() => ({ session, setSession: setSessionState, refreshSession, node }), [session, refreshSession, node]);
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
}

import { useEffect, useRef, useState } from 'react';
import { useApp } from '../session.tsx';
import { useLocale } from '../ui/hooks.ts';
import { replayPending, useOnline, usePendingCompletions, useTrainee } from './queue.ts';
import { useOfflineL } from './strings.ts';

const count = (n: number, locale: 'ar' | 'en') => new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB').format(n);

/**
 * The offline indicator (in the page header) and the replay of completions kept offline: on load, when the
 * browser comes back online and when the tab is shown again, while a citizen is signed in. A polite live
 * region that is always present, so changes are announced.
 */
export function OfflineStatus() {
  const l = useOfflineL();
  const locale = useLocale();
  const online = useOnline();
  const { session, refreshSession } = useApp();
  // Replayed only for the citizen the server says is signed in; shown as kept for the last one seen while the session is unknown.
  const user = session?.kind === 'citizen' ? session.account.id : null;
  const pending = usePendingCompletions(useTrainee());
  const [result, setResult] = useState<{ synced: number; refused: number }>({ synced: 0, refused: 0 });

  // Opened offline without a kept session: ask who is signed in once the network is back, so the kept completions can sync.
  const anonymous = session?.kind === 'anonymous';
  const wasOffline = useRef(!online);
  useEffect(() => {
    if (!online) wasOffline.current = true;
    else if (wasOffline.current && session) {
      wasOffline.current = false;
      if (anonymous) void refreshSession();
    }
  }, [online, session, anonymous, refreshSession]);

  // Completions kept while the session was unknown, and online again: that first question may have gone out before
  // the link really worked (the browser says online a moment early), so ask again a few times, further apart.
  const waiting = online && anonymous && pending.length > 0;
  useEffect(() => {
    if (!waiting) return;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout>;
    const later = () => {
      if (tries < 4) timer = setTimeout(ask, 1500 * 2 ** tries++);
    };
    const ask = () => void refreshSession().finally(later);
    later();
    return () => clearTimeout(timer);
  }, [waiting, refreshSession]);

  useEffect(() => {
    if (!user || !online) return;
    let live = true;
    const sync = () =>
      void replayPending(user).then(
        (r) => {
          if (live && (r.synced.length || r.refused)) setResult((prev) => ({ synced: prev.synced + r.synced.length, refused: prev.refused + r.refused }));
        },
        () => undefined,
      );
    sync();
    const onVisible = () => {
      if (document.visibilityState === 'visible') sync();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [user, online]);

  return (
    <div className="offline-status" role="status" data-online={online}>
      {!online && <p className="alert alert-warn">{l.offline}</p>}
      {pending.length > 0 && <p className="alert alert-warn">{l.pending(count(pending.length, locale))}</p>}
      {online && pending.length === 0 && result.synced > 0 && <p className="alert">{l.synced(count(result.synced, locale))}</p>}
      {result.refused > 0 && <p className="alert alert-error">{l.refused(count(result.refused, locale))}</p>}
    </div>
  );
}

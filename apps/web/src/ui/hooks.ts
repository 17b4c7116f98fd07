import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Occupation } from '@rabt/contracts';
import { fieldErrors, get } from '../api/client.ts';
import { formValues } from './forms.tsx';
import { currentLocale, type UiLocale } from '../i18n/index.ts';

interface LoadState<T> {
  path: string | null;
  data?: T;
  error?: unknown;
}

/** GETs `path` (skipped when null) and re-fetches on `reload()`; stale answers for an old path are dropped. */
export function useLoad<T>(path: string | null) {
  const [state, setState] = useState<LoadState<T>>({ path: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    get<T>(path).then(
      (data) => {
        if (live) setState({ path, data });
      },
      (error: unknown) => {
        if (live) setState({ path, error });
      },
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const current: LoadState<T> = state.path === path ? state : { path };
  return { data: current.data, error: current.error, loading: path !== null && current.data === undefined && current.error === undefined, reload };
}

/** Sets the document title for the page (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const suffix = t('app.titleSuffix');
  useEffect(() => {
    document.title = `${title} — ${suffix}`;
  }, [title, suffix]);
}

/** The UI locale, re-rendering when it changes. */
export function useLocale(): UiLocale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : currentLocale();
}

export function formatDate(iso: string, locale: UiLocale): string {
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/** A wall-clock time `HH:MM` (24-hour): «٩:١٥ ص» in Arabic (Arabic-Indic digits, ص/م), "09:15" in English. */
export function formatClock(hhmm: string, locale: UiLocale): string {
  if (locale === 'en') return hhmm;
  return new Intl.DateTimeFormat('ar-EG', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date(`1970-01-01T${hhmm}:00Z`));
}

/** A date and time to the minute, no seconds (the browser's time zone): «٣٠‏/١١‏/٢٠٢٦، ١٢:٠٠ م», "30 Nov 2026, 12:00". */
export function formatDateTime(iso: string, locale: UiLocale): string {
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * One request at a time for a page's action buttons: `run(fn)` starts `fn` unless one is already running
 * (a double click sends one request, so the page never shows a success and a state-conflict error together),
 * and `pending` is true until it settles — give it to `BusyButton` to disable the buttons meanwhile.
 */
export function usePending() {
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const run = useCallback(async (fn: () => Promise<void>): Promise<void> => {
    if (running.current) return;
    running.current = true;
    setPending(true);
    try {
      await fn();
    } finally {
      running.current = false;
      setPending(false);
    }
  }, []);
  return { pending, run };
}

/**
 * A form's submit cycle: reads the form's values, runs `action`, and keeps `busy` and the last error
 * (with its per-field messages in the UI language) for the page to show. `action` may throw to show
 * a problem; it handles any navigation itself.
 */
export function useFormAction(action: (values: Record<string, string>) => Promise<void>) {
  const locale = useLocale();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function run(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const values = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await action(values);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, errs: fieldErrors(error, locale), onSubmit: (e: FormEvent<HTMLFormElement>) => void run(e) };
}

/**
 * ISCO-08 occupation search as the user types (GET /api/v1/occupations, Arabic and English titles,
 * debounced 250 ms). `unitGroups` limits results to 4-digit unit groups; an empty query searches
 * nothing unless `listWhenEmpty` (then the first groups in code order are shown).
 */
export function useOccupationSearch(options: { limit: number; unitGroups?: boolean; listWhenEmpty?: boolean }) {
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const level = options.unitGroups ? '&level=4' : '';
  const path = debounced || options.listWhenEmpty ? `/api/v1/occupations?q=${encodeURIComponent(debounced)}${level}&limit=${options.limit}` : null;
  return { q, setQ, results: useLoad<Occupation[]>(path) };
}

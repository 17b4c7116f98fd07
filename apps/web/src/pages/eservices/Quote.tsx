import { useEffect, useRef, useState } from 'react';
import type { EligibilityResult } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { formValues } from '../../ui/forms.tsx';
import { useLocale } from '../../ui/hooks.ts';

const T = {
  ar: { title: 'قبل الإرسال: شروط غير مستوفاة بهذه البيانات', hint: 'عدّل البيانات أعلاه أو راجع مكتب العمل.' },
  en: { title: 'Before you send: rules these answers do not meet', hint: 'Change the answers above or ask the labour office.' },
};
/** Form fields that are not answers (the office, the claimed exemption, declared documents). */
const NOT_ANSWERS = /^(officeId|exemption|doc-.*)$/;
const DEBOUNCE_MS = 400;

/**
 * Placed inside an application form: after each change (debounced) it sends the answers typed so far to
 * POST /api/v1/services/{code}/quote — nothing is saved — and hands the answer (each rule's verdict and
 * the fee for these answers, e.g. a work permit's higher above-quota fee or a short assignment's share of
 * the wage) to `onQuote`. It shows the rules the answers do not meet, with the API's reasons, before the
 * application is sent (issue 5 §6, §9). Announced politely to screen readers.
 */
/** `onQuote` should be stable (a state setter): a new function re-attaches the listeners. */
export function LiveChecks({ code, onQuote }: { code: string; onQuote: (q: EligibilityResult | null) => void }) {
  const locale = useLocale();
  const t = T[locale];
  const ref = useRef<HTMLDivElement>(null);
  const [quote, setQuote] = useState<EligibilityResult | null>(null);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest = 0;
    const run = () => {
      const values = formValues(form);
      const answers: Record<string, string> = {};
      for (const [k, v] of Object.entries(values)) if (!NOT_ANSWERS.test(k) && v.trim() !== '') answers[k] = v;
      const exemption = values.exemption || undefined;
      const mine = ++latest;
      post<EligibilityResult>(`/api/v1/services/${encodeURIComponent(code)}/quote`, { answers, ...(exemption ? { exemption } : {}) }).then(
        (q) => {
          if (mine !== latest) return;
          setQuote(q);
          onQuote(q);
        },
        () => undefined,
      );
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    };
    form.addEventListener('input', schedule);
    form.addEventListener('change', schedule);
    run();
    return () => {
      clearTimeout(timer);
      latest = -1;
      form.removeEventListener('input', schedule);
      form.removeEventListener('change', schedule);
    };
  }, [code, onQuote]);
  const failing = quote?.checks.filter((c) => !c.ok) ?? [];
  return (
    <div ref={ref} aria-live="polite" data-testid="live-checks">
      {failing.length > 0 && (
        <div className="alert alert-error">
          <p>
            <strong>{t.title}</strong>
          </p>
          <ul>
            {failing.map((c) => (
              <li key={c.key}>{c.reason?.[locale] ?? c.label[locale]}</li>
            ))}
          </ul>
          <p className="hint">{t.hint}</p>
        </div>
      )}
    </div>
  );
}

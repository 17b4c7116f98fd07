import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentOverview } from '@rabt/contracts';
import { del, post } from '../../api/client.ts';
import { Notice, ProblemAlert } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireCitizen, WorkerNav } from './common.tsx';

export function WorkerConsentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('exchange.consentsTitle'));
  return <RequireCitizen title={t('exchange.consentsTitle')}>{() => <Consents />}</RequireCitizen>;
}

function Consents() {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoad<ConsentOverview>('/api/v1/worker/consents');
  const [overview, setOverview] = useState<ConsentOverview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const o = overview ?? loaded.data;
  if (!o) return loaded.error ? <ProblemAlert error={loaded.error} /> : <p>{t('common.loading')}</p>;

  async function act(country: string, grant: boolean) {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      setOverview(grant ? await post<ConsentOverview>('/api/v1/worker/consents', { country, textVersion: o!.textVersion }) : await del<ConsentOverview>(`/api/v1/worker/consents/${country}`));
      setNotice(grant ? t('exchange.consentGranted') : t('exchange.consentWithdrawn'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('exchange.consentsTitle')}</h1>
      <WorkerNav />
      <p>{t('exchange.consentsIntro')}</p>
      {notice && <Notice>{notice}</Notice>}
      <ProblemAlert error={error} />
      {o.countries.map((c) => {
        const name = locale === 'ar' ? c.nameAr : c.nameEn;
        return (
          <section key={c.country} aria-labelledby={`consent-${c.country}`} className="card">
            <h2 id={`consent-${c.country}`}>{name}</h2>
            <p>{c.active ? t('exchange.consentActive', { date: formatDateTime(c.active.grantedAt, locale) }) : t('exchange.consentNone')}</p>
            <h3>{t('exchange.fieldsSent')}</h3>
            <ul>
              {c.profileFields.map((f) => (
                <li key={f}>{t(`exchange.fields.${f}`)}</li>
              ))}
            </ul>
            <h3>{t('exchange.contactSent')}</h3>
            <ul>
              {c.contactFields.map((f) => (
                <li key={f}>{t(`exchange.fields.${f}`)}</li>
              ))}
            </ul>
            {!c.active && (
              <details>
                <summary>{t('exchange.consentText', { version: o.textVersion })}</summary>
                <p>{o.text[locale].replace('{country}', name)}</p>
              </details>
            )}
            {c.active ? (
              <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void act(c.country, false)}>
                {t('exchange.withdrawButton', { country: name })}
              </button>
            ) : (
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act(c.country, true)}>
                {t('exchange.consentButton', { country: name })}
              </button>
            )}
          </section>
        );
      })}
    </>
  );
}

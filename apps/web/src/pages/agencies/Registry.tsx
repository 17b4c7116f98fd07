import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AgencyDetail, AgencyPage } from '@rabt/contracts';
import { Field, ProblemAlert, SelectField, formValues } from '../../ui/forms.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { LicenceStatusBadge, agencyName, formatEgp, governorateName } from './common.tsx';

const STATUSES = ['valid', 'suspended', 'revoked'] as const;

/** Public registry of licensed recruitment agencies (Law 14/2025 Art. 40–43): search by name or licence number. */
export function AgenciesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  usePageTitle(t('agencies.registryTitle'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const query = new URLSearchParams({ ...(q ? { q } : {}), ...(status ? { status } : {}), page: String(page), pageSize: '20' });
  const result = useLoad<AgencyPage>(`/api/v1/agencies?${query.toString()}`);
  const [typed, setTyped] = useState(q);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const next: Record<string, string> = {};
    if (v.q?.trim()) next.q = v.q.trim();
    if (v.status) next.status = v.status;
    setParams(next);
  }

  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <h1>{t('agencies.registryTitle')}</h1>
      <p className="lead">{t('agencies.registryIntro')}</p>
      <p className="alert alert-warn">{t('agencies.feeRule')}</p>
      <form className="form" role="search" onSubmit={submit} aria-label={t('agencies.registryTitle')}>
        <Field name="q" type="search" label={t('agencies.searchLabel')} hint={t('agencies.searchHint')} value={typed} onChange={(e) => setTyped(e.target.value)} maxLength={100} />
        <SelectField name="status" label={t('agencies.statusFilter')} defaultValue={status}>
          <option value="">{t('agencies.anyStatus')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`agencies.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn btn-primary">
          {t('agencies.searchButton')}
        </button>
      </form>
      <ProblemAlert error={result.error} />
      <p className="result-count" role="status">
        {data ? t('agencies.resultCount', { count: data.total }) : result.loading ? t('common.loading') : ''}
      </p>
      {data && data.items.length === 0 && (
        <p>
          {t('agencies.noResults')} <Link to="/report-broker">{t('agencies.reportLink')}</Link>
        </p>
      )}
      {data && data.items.length > 0 && (
        <ul className="plain-list cards agency-list" aria-label={t('agencies.resultsLabel')}>
          {data.items.map((a) => (
            <li key={a.licenceNumber}>
              <article className="card" aria-labelledby={`agency-${a.licenceNumber}`}>
                <h2 id={`agency-${a.licenceNumber}`}>
                  <Link to={`/agencies/${a.licenceNumber}`}>{agencyName(a, locale)}</Link>
                </h2>
                <p>
                  <LicenceStatusBadge agency={a} />
                </p>
                <dl className="facts">
                  <dt>{t('agencies.licenceNumber')}</dt>
                  <dd>
                    <bdi dir="ltr">{a.licenceNumber}</bdi>
                  </dd>
                  <dt>{t('agencies.governorate')}</dt>
                  <dd>{governorateName(a.governorateCode, locale)}</dd>
                  <dt>{t('agencies.expiresOn')}</dt>
                  <dd>{formatDate(a.licenceExpiresOn, locale)}</dd>
                </dl>
                {a.isDemo && <p className="small">{t('agencies.demo')}</p>}
              </article>
            </li>
          ))}
        </ul>
      )}
      {data && pages > 1 && (
        <nav aria-label={t('exchange.page', { page })} className="actions">
          {page > 1 && <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page - 1) }).toString()}`}>{t('exchange.previous')}</Link>}
          <span>{t('exchange.page', { page })}</span>
          {page < pages && <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page + 1) }).toString()}`}>{t('exchange.next')}</Link>}
        </nav>
      )}
      <p>
        <Link to="/report-broker">{t('agencies.reportLink')}</Link>
      </p>
    </>
  );
}

/** One agency: licence facts, status with its published reason, and the status history. */
export function AgencyDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { licence = '' } = useParams();
  const loaded = useLoad<AgencyDetail>(`/api/v1/agencies/${encodeURIComponent(licence)}`);
  const a = loaded.data;
  usePageTitle(a ? agencyName(a, locale) : t('agencies.registryTitle'));
  const statusLabel = (s: string) => t(`agencies.statuses.${s}`);
  return (
    <>
      <p>
        <Link to="/agencies">{t('agencies.backToRegistry')}</Link>
      </p>
      <ProblemAlert error={loaded.error} />
      {loaded.loading && <p>{t('common.loading')}</p>}
      {a && (
        <>
          <h1>{agencyName(a, locale)}</h1>
          <p lang={locale === 'ar' ? 'en' : 'ar'} dir={locale === 'ar' ? 'ltr' : 'rtl'}>
            {locale === 'ar' ? a.nameEn : a.nameAr}
          </p>
          <p>
            <LicenceStatusBadge agency={a} /> — {a.mayOperate ? t('agencies.mayOperate') : t('agencies.mayNotOperate')}
          </p>
          {a.isDemo && <p className="alert alert-warn">{t('agencies.demo')}</p>}
          <dl className="facts">
            <dt>{t('agencies.licenceNumber')}</dt>
            <dd>
              <bdi dir="ltr">{a.licenceNumber}</bdi>
            </dd>
            {a.statusReason && (
              <>
                <dt>{t('agencies.statusReason')}</dt>
                <dd>{a.statusReason}</dd>
              </>
            )}
            <dt>{t('agencies.legalForm')}</dt>
            <dd>{t(`agencies.legalForms.${a.legalForm}`)}</dd>
            <dt>{t('agencies.scope')}</dt>
            <dd>{t(`agencies.scopes.${a.scope}`)}</dd>
            <dt>{t('agencies.capital')}</dt>
            <dd>{formatEgp(a.paidInCapitalPiastres, locale)}</dd>
            <dt>{t('agencies.governorate')}</dt>
            <dd>{governorateName(a.governorateCode, locale)}</dd>
            <dt>{t('agencies.address')}</dt>
            <dd>{a.address}</dd>
            <dt>{t('agencies.phone')}</dt>
            <dd>
              <bdi dir="ltr">{a.phone}</bdi>
            </dd>
            <dt>{t('agencies.issuedOn')}</dt>
            <dd>{formatDate(a.licenceIssuedOn, locale)}</dd>
            <dt>{t('agencies.expiresOn')}</dt>
            <dd>{formatDate(a.licenceExpiresOn, locale)}</dd>
          </dl>
          <p className="alert alert-warn">{t('agencies.feeRule')}</p>
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('agencies.history')}</h2>
            <ol>
              {a.history.map((h) => (
                <li key={`${h.at}-${h.to}`}>
                  {formatDate(h.at, locale)}: {h.from === null ? t('agencies.historyRegistered') : t('agencies.historyChange', { from: statusLabel(h.from), to: statusLabel(h.to) })}
                  {h.from !== null && <> — {h.reason}</>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}

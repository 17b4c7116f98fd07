import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AgencyAuthorisation } from '@rabt/contracts';
import { del, post } from '../../api/client.ts';
import { Field, Notice, ProblemAlert } from '../../ui/forms.tsx';
import { formatDateTime, useFormAction, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireCitizen, WorkerNav } from '../worker/common.tsx';
import { LicenceStatusBadge, agencyName } from './common.tsx';

/** The worker's "agencies allowed to act for me": grant by licence number (valid licences only), withdraw any time. */
export function WorkerAgenciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('agencies.worker.title'));
  return <RequireCitizen title={t('agencies.worker.title')}>{() => <WorkerAgencies />}</RequireCitizen>;
}

function WorkerAgencies() {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoad<AgencyAuthorisation[]>('/api/v1/worker/agency-authorisations');
  const [list, setList] = useState<AgencyAuthorisation[] | null>(null);
  const [notice, setNotice] = useState('');
  const [withdrawError, setWithdrawError] = useState<unknown>(null);
  const items = list ?? loaded.data;
  const grant = useFormAction(async (v) => {
    setNotice('');
    setList(await post<AgencyAuthorisation[]>('/api/v1/worker/agency-authorisations', { licenceNumber: v.licenceNumber ?? '' }));
    setNotice(t('agencies.worker.granted'));
  });

  async function withdraw(licence: string) {
    setNotice('');
    setWithdrawError(null);
    try {
      setList(await del<AgencyAuthorisation[]>(`/api/v1/worker/agency-authorisations/${encodeURIComponent(licence)}`));
      setNotice(t('agencies.worker.withdrawn'));
    } catch (err) {
      setWithdrawError(err);
    }
  }

  return (
    <>
      <h1>{t('agencies.worker.title')}</h1>
      <WorkerNav />
      <p>{t('agencies.worker.intro')}</p>
      <p className="alert alert-warn">{t('agencies.feeRule')}</p>
      {notice && <Notice>{notice}</Notice>}
      <ProblemAlert error={withdrawError ?? loaded.error} />
      <form className="form" onSubmit={grant.onSubmit} noValidate>
        <ProblemAlert error={grant.error} />
        <Field name="licenceNumber" dir="ltr" label={t('agencies.worker.licenceLabel')} hint={t('agencies.worker.licenceHint')} error={grant.errs.licenceNumber} maxLength={40} autoComplete="off" required />
        <button type="submit" className="btn btn-primary" disabled={grant.busy}>
          {t('agencies.worker.grant')}
        </button>
      </form>
      <p>
        <Link to="/agencies">{t('agencies.navRegistry')}</Link>
      </p>
      {items && items.length === 0 && <p>{t('agencies.worker.none')}</p>}
      {items && items.length > 0 && (
        <ul className="plain-list" aria-label={t('agencies.worker.listLabel')}>
          {items.map((a) => (
            <li key={a.id}>
              <article className="card" aria-labelledby={`auth-${a.id}`}>
                <h2 id={`auth-${a.id}`}>
                  <Link to={`/agencies/${a.agency.licenceNumber}`}>{agencyName(a.agency, locale)}</Link>
                </h2>
                <p>
                  <bdi dir="ltr">{a.agency.licenceNumber}</bdi> · <LicenceStatusBadge agency={a.agency} />
                </p>
                <p>{a.active ? t('agencies.worker.activeSince', { date: formatDateTime(a.grantedAt, locale) }) : t('agencies.worker.withdrawnOn', { date: formatDateTime(a.withdrawnAt ?? a.grantedAt, locale) })}</p>
                {a.active && (
                  <button type="button" className="btn btn-secondary" onClick={() => void withdraw(a.agency.licenceNumber)}>
                    {t('agencies.worker.withdraw', { name: agencyName(a.agency, locale) })}
                  </button>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

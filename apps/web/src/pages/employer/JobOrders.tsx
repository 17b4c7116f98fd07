import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { JobOrder } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { Notice, ProblemAlert } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { EmployerNav, RequireEmployer, formatMoney, useNodeCurrency } from './common.tsx';

function List() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { state } = useLocation() as { state: { saved?: boolean } | null };
  const money = useNodeCurrency();
  const orders = useLoad<JobOrder[]>('/api/v1/employer/job-orders');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(state?.saved ? t('employer.saved') : null);

  async function submit(id: string) {
    setError(null);
    try {
      await post(`/api/v1/employer/job-orders/${id}/submit`);
      setNotice(t('employer.submitted'));
      orders.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <p>
        <Link className="btn btn-primary" to="/employer/job-orders/new">
          {t('employer.newJobOrder')}
        </Link>
      </p>
      {notice && <Notice>{notice}</Notice>}
      <ProblemAlert error={error ?? orders.error} />
      {orders.data?.length === 0 && <p>{t('employer.noJobOrders')}</p>}
      <ul className="plain-list cards">
        {orders.data?.map((j) => (
          <li key={j.id}>
            <article className="card" aria-labelledby={`jo-${j.id}`}>
              <h2 id={`jo-${j.id}`}>{locale === 'ar' ? j.titleAr : j.titleEn || j.titleAr}</h2>
              <p>
                <bdi dir="ltr">ISCO {j.isco}</bdi> {locale === 'ar' ? j.occupationTitleAr : j.occupationTitleEn} · {locale === 'ar' ? (j.cityAr ?? j.city) : j.city} · {t('employer.positions')}: {j.positions} ·{' '}
                {money ? formatMoney(j.wage.amountMinor, j.wage.currency, money.minorUnits, locale) : ''}
              </p>
              <p>
                <strong className="status" data-testid={`status-${j.id}`}>
                  {t(`employer.jobStatuses.${j.status}`)}
                </strong>
                {j.version > 0 && <span className="small"> · {t('employer.version', { version: j.version })}</span>}
              </p>
              {j.decisionReason && <p>{t('employer.decisionReason', { reason: j.decisionReason })}</p>}
              <p className="actions">
                {(j.status === 'draft' || j.status === 'changes_requested') && (
                  <>
                    <Link to={`/employer/job-orders/${j.id}/edit`}>{t('employer.edit')}</Link>{' '}
                    <button type="button" className="btn btn-secondary" onClick={() => void submit(j.id)}>
                      {t('employer.submit')}
                    </button>
                  </>
                )}
                {j.status === 'approved' && <Link to={`/employer/job-orders/${j.id}/applications`}>{t('employer.applications', { count: j.applications })}</Link>}
              </p>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

export function JobOrdersPage() {
  const { t } = useTranslation();
  usePageTitle(t('employer.jobOrdersTitle'));
  return (
    <RequireEmployer title={t('employer.jobOrdersTitle')}>
      {() => (
        <>
          <h1>{t('employer.jobOrdersTitle')}</h1>
          <EmployerNav />
          <List />
        </>
      )}
    </RequireEmployer>
  );
}

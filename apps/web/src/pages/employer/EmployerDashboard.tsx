import { useTranslation } from 'react-i18next';
import type { EmployerAccount, EmployerNotification } from '@rabt/contracts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { EmployerNav, RequireEmployer } from './common.tsx';

function Dashboard() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useLoad<EmployerAccount>('/api/v1/employer/me');
  const notes = useLoad<EmployerNotification[]>('/api/v1/employer/notifications');
  const e = me.data;
  return (
    <>
      <h1>{t('employer.dashboardTitle')}</h1>
      <EmployerNav />
      <ProblemAlert error={me.error ?? notes.error} />
      {e && (
        <section aria-labelledby="est-name">
          <h2 id="est-name">{locale === 'ar' ? e.nameAr : e.nameEn}</h2>
          <dl className="facts">
            <dt>{t('employer.establishmentNumber')}</dt>
            <dd>
              <bdi dir="ltr">{e.establishmentNumber}</bdi>
            </dd>
            <dt>{t('employer.status')}</dt>
            <dd>
              <strong data-testid="employer-status">{t(`employer.statuses.${e.status}`)}</strong>
            </dd>
          </dl>
          {e.status === 'pending' && <p>{t('employer.pendingNote')}</p>}
          {e.status === 'rejected' && <p>{t('employer.rejectedNote', { reason: e.decisionReason ?? '' })}</p>}
        </section>
      )}
      <section aria-labelledby="notes">
        <h2 id="notes">{t('employer.notifications')}</h2>
        {notes.data?.length === 0 && <p>{t('employer.noNotifications')}</p>}
        <ul className="plain-list">
          {notes.data?.map((n) => (
            <li key={n.id}>
              <p>{locale === 'ar' ? n.bodyAr : n.bodyEn}</p>
              <p className="small">{formatDateTime(n.createdAt, locale)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function EmployerDashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('employer.dashboardTitle'));
  return (
    <RequireEmployer title={t('employer.dashboardTitle')} verified={false}>
      {() => <Dashboard />}
    </RequireEmployer>
  );
}

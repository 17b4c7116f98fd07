import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { JobApplication, JobOrder } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { EmployerNav, RequireEmployer } from './common.tsx';
import { CandidateFacts } from './CandidateSummary.tsx';

function List({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const order = useLoad<JobOrder>(`/api/v1/employer/job-orders/${id}`);
  const apps = useLoad<JobApplication[]>(`/api/v1/employer/job-orders/${id}/applications`);
  const [error, setError] = useState<unknown>(null);
  async function invite(a: JobApplication) {
    setError(null);
    try {
      await post('/api/v1/employer/invitations', { profileId: a.profileId, jobOrderId: id, applicationId: a.id });
      apps.reload();
    } catch (err) {
      setError(err);
    }
  }
  const title = order.data ? (locale === 'ar' ? order.data.titleAr : order.data.titleEn || order.data.titleAr) : '';
  return (
    <>
      <h2>{t('employer.applicationsTitle', { title })}</h2>
      <ProblemAlert error={error ?? apps.error ?? order.error} />
      {apps.data?.length === 0 && <p>{t('employer.noApplications')}</p>}
      <ul className="plain-list cards">
        {apps.data?.map((a) => (
          <li key={a.id}>
            <article className="card">
              <p className="small">{formatDateTime(a.submittedAt, locale)}</p>
              {a.candidate ? <CandidateFacts c={a.candidate} /> : <p>{t('employer.withdrawn')}</p>}
              {a.invitation ? (
                <p>
                  <strong>{t(`employer.invitationStatuses.${a.invitation.status}`)}</strong>
                </p>
              ) : (
                a.candidate && (
                  <p>
                    <button type="button" className="btn btn-secondary" onClick={() => void invite(a)}>
                      {t('employer.inviteApplicant')}
                    </button>{' '}
                    <Link to={`/employer/candidates/${a.profileId}`}>{t('employer.open')}</Link>
                  </p>
                )
              )}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ApplicationsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  usePageTitle(t('employer.jobOrdersTitle'));
  return (
    <RequireEmployer title={t('employer.jobOrdersTitle')}>
      {() => (
        <>
          <h1>{t('employer.jobOrdersTitle')}</h1>
          <EmployerNav />
          <List id={id} />
        </>
      )}
    </RequireEmployer>
  );
}

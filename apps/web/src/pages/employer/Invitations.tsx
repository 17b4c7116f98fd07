import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '@rabt/contracts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { EmployerNav, RequireEmployer } from './common.tsx';
import { DisclosureFacts } from './Disclosure.tsx';

function List() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useLoad<Invitation[]>('/api/v1/employer/invitations');
  return (
    <>
      <ProblemAlert error={list.error} />
      {list.data?.length === 0 && <p>{t('employer.noInvitations')}</p>}
      <ul className="plain-list cards">
        {list.data?.map((i) => (
          <li key={i.id}>
            <article className="card" aria-labelledby={`inv-${i.id}`}>
              <h2 id={`inv-${i.id}`}>{locale === 'ar' ? i.jobOrderTitleAr : i.jobOrderTitleEn || i.jobOrderTitleAr}</h2>
              <p>
                <strong>{t(`employer.invitationStatuses.${i.status}`)}</strong> · {formatDateTime(i.sentAt, locale)} ·{' '}
                <Link to={`/employer/candidates/${i.profileId}`}>{t('employer.open')}</Link>
              </p>
              {i.disclosure && <DisclosureFacts d={i.disclosure} />}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

export function InvitationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('employer.invitationsTitle'));
  return (
    <RequireEmployer title={t('employer.invitationsTitle')}>
      {() => (
        <>
          <h1>{t('employer.invitationsTitle')}</h1>
          <EmployerNav />
          <List />
        </>
      )}
    </RequireEmployer>
  );
}

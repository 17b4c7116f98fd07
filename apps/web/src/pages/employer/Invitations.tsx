import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EmployerContract, Invitation } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { EmployerNav, RequireEmployer } from './common.tsx';
import { DisclosureFacts } from './Disclosure.tsx';

function List() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useLoad<Invitation[]>('/api/v1/employer/invitations');
  const contracts = useLoad<EmployerContract[]>('/api/v1/employer/contracts');
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const contractOf = (invitationId: string) => contracts.data?.find((c) => c.terms.invitationId === invitationId);

  async function draft(invitationId: string) {
    setBusy(true);
    setError(null);
    try {
      const c = await post<EmployerContract>('/api/v1/employer/contracts', { invitationId });
      await navigate(`/employer/contracts/${c.id}/${c.version}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <>
      <ProblemAlert error={error ?? list.error} />
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
              {i.status === 'accepted' && contracts.data && (
                <p>
                  {contractOf(i.id) ? (
                    <Link to={`/employer/contracts/${contractOf(i.id)!.id}/${contractOf(i.id)!.version}`}>{t('contracts.openContract')}</Link>
                  ) : (
                    <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void draft(i.id)}>
                      {t('contracts.draftContract')}
                    </button>
                  )}
                </p>
              )}
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

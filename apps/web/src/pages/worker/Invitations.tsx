import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkerInvitation } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireCitizen, WorkerNav } from './common.tsx';

export function WorkerInvitationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('exchange.invitationsTitle'));
  return <RequireCitizen title={t('exchange.invitationsTitle')}>{() => <Invitations />}</RequireCitizen>;
}

function Invitations() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useLoad<WorkerInvitation[]>('/api/v1/worker/invitations');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function respond(id: string, response: 'accepted' | 'declined') {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/worker/invitations/${id}/response`, { response });
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('exchange.invitationsTitle')}</h1>
      <WorkerNav />
      <ProblemAlert error={error ?? list.error} />
      {list.data?.length === 0 && <p>{t('exchange.noInvitations')}</p>}
      {list.data?.map((inv) => (
        <article key={inv.id} className="card" aria-labelledby={`inv-${inv.id}`}>
          <h2 id={`inv-${inv.id}`}>{locale === 'ar' ? inv.employer.nameAr : inv.employer.nameEn}</h2>
          {inv.jobOrder && <p>{locale === 'ar' ? inv.jobOrder.titleAr : inv.jobOrder.titleEn || inv.jobOrder.titleAr}</p>}
          {inv.messageAr && (
            <p lang="ar" dir="rtl">
              {inv.messageAr}
            </p>
          )}
          <p className="small">
            {formatDateTime(inv.sentAt, locale)} · {t(`exchange.statuses.${inv.status}`)}
          </p>
          {inv.status === 'pending' && (
            <>
              <p>{t('exchange.acceptNote')}</p>
              <ul>
                {inv.contactFields.map((f) => (
                  <li key={f}>{t(`exchange.fields.${f}`)}</li>
                ))}
              </ul>
              <div className="actions">
                <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void respond(inv.id, 'accepted')}>
                  {t('exchange.accept')}
                </button>
                <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void respond(inv.id, 'declined')}>
                  {t('exchange.decline')}
                </button>
              </div>
            </>
          )}
        </article>
      ))}
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmployerAccount } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { Notice, ProblemAlert } from '../../ui/forms.tsx';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';

const VERIFIERS = ['overseas_officer', 'hq_admin'] as const;

function Queue() {
  const { t } = useTranslation();
  const locale = useLocale();
  const queue = useLoad<EmployerAccount[]>('/api/v1/employer-verification?status=pending');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState(false);
  const [reasons, setReasons] = useState<Record<string, string>>({});

  async function decide(id: string, decision: 'verified' | 'rejected') {
    setError(null);
    setNotice(false);
    try {
      await post(`/api/v1/employer-verification/${id}/decision`, { decision, reason: reasons[id]?.trim() || null });
      setNotice(true);
      queue.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      {notice && <Notice>{t('employer.decided')}</Notice>}
      <ProblemAlert error={error ?? queue.error} />
      {queue.data?.length === 0 && <p>{t('employer.noPending')}</p>}
      <ul className="plain-list cards">
        {queue.data?.map((e) => (
          <li key={e.id}>
            <article className="card" aria-labelledby={`emp-${e.id}`}>
              <h2 id={`emp-${e.id}`}>
                {e.nameAr} — <span lang="en">{e.nameEn}</span>
              </h2>
              <dl className="facts">
                <dt>{t('employer.establishmentNumber')}</dt>
                <dd>
                  <bdi dir="ltr">{e.establishmentNumber}</bdi>
                </dd>
                <dt>{t('employer.sector')}</dt>
                <dd>{e.sector}</dd>
                <dt>{t('employer.city')}</dt>
                <dd>{e.city}</dd>
                <dt>{t('employer.representative')}</dt>
                <dd>
                  {e.representativeName} · <bdi dir="ltr">{e.representativeEmail}</bdi> · <bdi dir="ltr">{e.representativeMobile}</bdi>
                </dd>
              </dl>
              <p className="small">{t('employer.registeredOn', { date: formatDate(e.createdAt, locale) })}</p>
              <div className="field">
                <label htmlFor={`reason-${e.id}`}>{t('employer.rejectReason')}</label>
                <input id={`reason-${e.id}`} value={reasons[e.id] ?? ''} onChange={(ev) => setReasons({ ...reasons, [e.id]: ev.target.value })} maxLength={2000} />
              </div>
              <p className="actions">
                <button type="button" className="btn btn-primary" onClick={() => void decide(e.id, 'verified')}>
                  {t('employer.verify')}
                </button>{' '}
                <button type="button" className="btn btn-secondary" onClick={() => void decide(e.id, 'rejected')}>
                  {t('employer.reject')}
                </button>
              </p>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

export function VerificationQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('employer.verificationTitle'));
  return (
    <RequireStaff roles={VERIFIERS} title={t('employer.verificationTitle')}>
      {() => (
        <>
          <h1>{t('employer.verificationTitle')}</h1>
          <p>{t('employer.verificationIntro')}</p>
          <Queue />
        </>
      )}
    </RequireStaff>
  );
}

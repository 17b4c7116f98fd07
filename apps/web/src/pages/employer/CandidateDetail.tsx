import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CandidateDetail, JobOrder } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { Notice, ProblemAlert, SelectField, formValues } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { EmployerNav, RequireEmployer } from './common.tsx';
import { CandidateFacts } from './CandidateSummary.tsx';
import { DisclosureFacts } from './Disclosure.tsx';

function Detail({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const candidate = useLoad<CandidateDetail>(`/api/v1/employer/candidates/${profileId}`);
  const orders = useLoad<JobOrder[]>('/api/v1/employer/job-orders');
  const approved = orders.data?.filter((j) => j.status === 'approved') ?? [];
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function invite(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setError(null);
    try {
      await post('/api/v1/employer/invitations', { profileId, jobOrderId: v.jobOrderId ?? '', ...(v.messageAr ? { messageAr: v.messageAr } : {}) });
      setDone(true);
      candidate.reload();
    } catch (err) {
      setError(err);
    }
  }

  if (candidate.error) return <ProblemAlert error={candidate.error} />;
  const c = candidate.data;
  if (!c) return <p>{t('common.loading')}</p>;
  return (
    <>
      <CandidateFacts c={c} />
      {c.skills.length > 0 && (
        <p>
          {t('employer.skills')}: {c.skills.join(locale === 'ar' ? '، ' : ', ')}
        </p>
      )}
      {c.certificates.length > 0 && (
        <section aria-labelledby="certs">
          <h2 id="certs">{t('employer.certificates')}</h2>
          <ul>
            {c.certificates.map((x) => (
              <li key={`${x.titleEn}-${x.issuedAt}`}>
                <strong>{t(`employer.certificateKinds.${x.kind}`)}</strong>: {locale === 'ar' ? x.titleAr : x.titleEn}
                {x.level && ` (${x.kind === 'training' ? t('employer.courseLevel', { level: t(`employer.skillLevels.${x.level}`) }) : t(`employer.skillLevels.${x.level}`)})`} <bdi dir="ltr">{x.issuedAt}</bdi>
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.invitations.map((i) => (
        <article className="card" key={i.id}>
          <p>
            {locale === 'ar' ? i.jobOrderTitleAr : i.jobOrderTitleEn || i.jobOrderTitleAr}: <strong>{t(`employer.invitationStatuses.${i.status}`)}</strong>
          </p>
          {i.disclosure && <DisclosureFacts d={i.disclosure} />}
        </article>
      ))}
      <section aria-labelledby="invite">
        <h2 id="invite">{t('employer.invite')}</h2>
        {done && <Notice>{t('employer.invited')}</Notice>}
        <ProblemAlert error={error ?? orders.error} />
        {orders.data && approved.length === 0 && <p>{t('employer.noApprovedOrders')}</p>}
        {approved.length > 0 && (
          <form className="form" noValidate onSubmit={(e) => void invite(e)}>
            <SelectField name="jobOrderId" label={t('employer.inviteJobOrder')}>
              {approved.map((j) => (
                <option key={j.id} value={j.id}>
                  {locale === 'ar' ? j.titleAr : j.titleEn || j.titleAr}
                </option>
              ))}
            </SelectField>
            <div className="field">
              <label htmlFor="f-messageAr">{t('employer.inviteMessage')}</label>
              <textarea id="f-messageAr" name="messageAr" maxLength={2000} rows={3} lang="ar" dir="rtl" />
            </div>
            <button className="btn btn-primary" type="submit">
              {t('employer.inviteSubmit')}
            </button>
          </form>
        )}
      </section>
    </>
  );
}

export function CandidateDetailPage() {
  const { t } = useTranslation();
  const { profileId = '' } = useParams();
  usePageTitle(t('employer.candidateTitle'));
  return (
    <RequireEmployer title={t('employer.candidateTitle')}>
      {() => (
        <>
          <h1>{t('employer.candidateTitle')}</h1>
          <EmployerNav />
          <Detail profileId={profileId} />
        </>
      )}
    </RequireEmployer>
  );
}

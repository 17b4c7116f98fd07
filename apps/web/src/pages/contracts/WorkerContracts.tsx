import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OriginContract } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { Notice, ProblemAlert } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireCitizen, WorkerNav } from '../worker/common.tsx';
import { AlertList } from './OfficerContracts.tsx';
import { ContractOrientationCard } from '../orientation/cards.tsx';
import { DiffList, History, MoneyText, QrCode, ReasonAction, StatusText, TermsView, contractTitle, formatDateTime, useCurrencyDigits } from './common.tsx';

/** The worker's contracts (offered and later), with substitution alerts on top. */
export function WorkerContractsPage() {
  const { t } = useTranslation();
  usePageTitle(t('contracts.workerTitle'));
  return <RequireCitizen title={t('contracts.workerTitle')}>{() => <List />}</RequireCitizen>;
}

/** Substitution alerts, prominent, with what to do. */
function WorkerAlerts() {
  const { t } = useTranslation();
  const alerts = useLoad<unknown[]>('/api/v1/worker/contract-alerts');
  if (!alerts.data || alerts.data.length === 0) return null;
  return (
    <section className="alert alert-error" aria-labelledby="walerts-title">
      <h2 id="walerts-title">{t('contracts.workerAlertsTitle')}</h2>
      <p>{t('contracts.workerAlertsWhat')}</p>
      <ul>
        <li>{t('contracts.workerAlertsAttache')}</li>
        <li>{t('contracts.workerAlertsDontSign')}</li>
        <li>
          <Link to="/report-broker">{t('contracts.workerAlertsReport')}</Link>
        </li>
      </ul>
      <AlertList path="/api/v1/worker/contract-alerts" linkTo={(a) => `/worker/contracts/${a.contractId}/${a.version}`} headingLevel={3} />
    </section>
  );
}

function List() {
  const { t } = useTranslation();
  const locale = useLocale();
  const digits = useCurrencyDigits();
  const list = useLoad<OriginContract[]>('/api/v1/worker/contracts');
  return (
    <>
      <h1>{t('contracts.workerTitle')}</h1>
      <WorkerNav />
      <WorkerAlerts />
      <p>{t('contracts.workerIntro')}</p>
      <ProblemAlert error={list.error} />
      {list.data?.length === 0 && <p>{t('contracts.noWorkerContracts')}</p>}
      {list.data?.map((c) => (
        <article key={`${c.id}-${c.version}`} className="card" aria-labelledby={`wc-${c.id}-${c.version}`}>
          <h2 id={`wc-${c.id}-${c.version}`}>
            <Link to={`/worker/contracts/${c.id}/${c.version}`}>
              {contractTitle(c.terms, locale)} — {locale === 'ar' ? c.terms.employer.nameAr : c.terms.employer.nameEn}
            </Link>
          </h2>
          <p>
            {locale === 'ar' ? c.countryNameAr : c.countryNameEn} · {t('contracts.fields.wage')}: <MoneyText money={c.terms.wage} digits={digits} />
          </p>
          <p>
            <StatusText status={c.status} /> · {t('contracts.versionN', { n: c.version })} · {formatDateTime(c.updatedAt, locale)}
          </p>
          {c.status === 'offered' && <p className="ok-text">{t('contracts.waitingForYou')}</p>}
        </article>
      ))}
    </>
  );
}

/** One contract version: the whole text in Arabic (English alongside on demand), the diff, the answer, and once concluded the code, QR and downloads. */
export function WorkerContractPage() {
  const { t } = useTranslation();
  const { id = '', version = '1' } = useParams();
  usePageTitle(t('contracts.workerDetailTitle'));
  return <RequireCitizen title={t('contracts.workerDetailTitle')}>{() => <Detail id={id} version={version} />}</RequireCitizen>;
}

type Answer = 'accepted' | 'rejected' | 'amendment_requested';

function Detail({ id, version }: { id: string; version: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const c = useLoad<OriginContract>(`/api/v1/worker/contracts/${id}/versions/${version}`);
  const [showEnglish, setShowEnglish] = useState(false);
  const [confirm, setConfirm] = useState<'accepted' | 'rejected' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/worker/contracts/${id}/versions/${version}`;

  async function respond(response: Answer, note?: string) {
    setBusy(true);
    setError(null);
    try {
      await post(`${base}/response`, { response, ...(note ? { note } : {}) });
      setDone(response);
      setConfirm(null);
      c.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const k = c.data;
  return (
    <>
      <h1>{t('contracts.workerDetailTitle')}</h1>
      <WorkerNav />
      <p>
        <Link to="/worker/contracts">{t('contracts.backToList')}</Link>
      </p>
      <WorkerAlerts />
      <ProblemAlert error={error ?? c.error} />
      {done && <Notice>{t(`contracts.answered.${done}`)}</Notice>}
      {!k ? (
        !c.error && <p>{t('common.loading')}</p>
      ) : (
        <>
          <p className="lead">
            {contractTitle(k.terms, locale)} — {locale === 'ar' ? k.terms.employer.nameAr : k.terms.employer.nameEn} ({locale === 'ar' ? k.countryNameAr : k.countryNameEn})
          </p>
          <p>
            <StatusText status={k.status} /> · {t('contracts.versionN', { n: k.version })}
          </p>
          {k.statusReason && <p>{t('contracts.reason')}: {k.statusReason}</p>}
          {k.status === 'concluded' && k.verificationCode && k.verifyUrl && <Concluded contract={k} base={base} />}
          <ContractOrientationCard path={base} audience="worker" />
          {k.diff.length > 0 && (
            <section aria-labelledby="wdiff-title" className="card">
              <h2 id="wdiff-title">{t('contracts.workerDiffTitle')}</h2>
              <p>{t('contracts.workerDiffIntro')}</p>
              <DiffList diff={k.diff} currency={k.terms.wage.currency} />
            </section>
          )}
          <section aria-labelledby="wterms-title">
            <h2 id="wterms-title">{t('contracts.wholeContract')}</h2>
            <p className="hint">{t('contracts.arabicPrevails')}</p>
            <button type="button" className="btn btn-secondary btn-small" aria-pressed={showEnglish} onClick={() => setShowEnglish(!showEnglish)}>
              {showEnglish ? t('contracts.hideEnglish') : t('contracts.showEnglish')}
            </button>
            <div className={showEnglish ? 'two-languages' : undefined}>
              <TermsView terms={k.terms} cityAr={k.workplaceCityAr} lang="ar" headingLevel={3} idPrefix="ar" />
              {showEnglish && <TermsView terms={k.terms} cityAr={k.workplaceCityAr} lang="en" headingLevel={3} idPrefix="en" />}
            </div>
          </section>
          {k.status === 'offered' && (
            <section aria-labelledby="answer-title" className="card">
              <h2 id="answer-title">{t('contracts.answerTitle')}</h2>
              <p>{t('contracts.answerIntro')}</p>
              {confirm ? (
                <div className="alert alert-warn" role="group" aria-labelledby="confirm-text">
                  <p id="confirm-text">{t(`contracts.confirm.${confirm}`)}</p>
                  <div className="actions">
                    <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void respond(confirm)}>
                      {t(`contracts.confirmYes.${confirm}`)}
                    </button>
                    <button type="button" className="btn btn-secondary" onClick={() => setConfirm(null)}>
                      {t('contracts.back')}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="actions">
                  <button type="button" className="btn btn-primary" disabled={busy} onClick={() => setConfirm('accepted')}>
                    {t('contracts.accept')}
                  </button>
                  <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => setConfirm('rejected')}>
                    {t('contracts.reject')}
                  </button>
                  <ReasonAction id="amend" busy={busy} label={t('contracts.requestAmendment')} confirmLabel={t('contracts.sendAmendment')} hint={t('contracts.amendmentHint')} onSubmit={(note) => respond('amendment_requested', note)} />
                </div>
              )}
            </section>
          )}
          <History history={k.history} />
        </>
      )}
    </>
  );
}

function Concluded({ contract, base }: { contract: OriginContract; base: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="concluded-title" className="card concluded">
      <h2 id="concluded-title">{t('contracts.concludedTitle')}</h2>
      <p>{t('contracts.concludedIntro')}</p>
      <div className="reference-box">
        <p>{t('contracts.code')}</p>
        <p>
          <bdi dir="ltr" className="reference" data-testid="verification-code">
            {contract.verificationCode}
          </bdi>
        </p>
      </div>
      <QrCode text={contract.verifyUrl!} label={t('contracts.qrLabel', { code: contract.verificationCode })} />
      <ul className="actions">
        <li>
          <a className="btn btn-primary" href={`${base}/pdf`} download>
            {t('contracts.downloadPdf')}
          </a>
        </li>
        <li>
          <a className="btn btn-secondary" href={`${base}/bundle`} download>
            {t('contracts.downloadBundle')}
          </a>
        </li>
        <li>
          <a className="btn btn-secondary" href={contract.verifyUrl!}>
            {t('contracts.openVerify')}
          </a>
        </li>
      </ul>
      <p className="hint">{t('contracts.bundleHint')}</p>
    </section>
  );
}

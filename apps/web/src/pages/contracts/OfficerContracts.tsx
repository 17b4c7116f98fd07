import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ContractStatus, type ContractAlert, type OriginContract } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { Notice, ProblemAlert } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { ChecksList, DiffList, History, MoneyText, ReasonAction, StatusText, TermsView, contractTitle, formatDateTime, useCurrencyDigits } from './common.tsx';
import { ContractOrientationCard, OrientationLink } from '../orientation/cards.tsx';

const READERS = ['overseas_officer', 'hq_admin', 'auditor'] as const;
const FILTERS = ['awaiting_attestation', 'offered', 'concluded', 'checks_failed', 'amendment_requested', 'rejected', 'cancelled', 'superseded'] as const;

/** The EG officers' contract queue (default: awaiting attestation). */
export function OfficerContractsPage() {
  const { t } = useTranslation();
  usePageTitle(t('contracts.officerTitle'));
  return <RequireStaff roles={READERS} title={t('contracts.officerTitle')}>{() => <Queue />}</RequireStaff>;
}

function Queue() {
  const { t } = useTranslation();
  const locale = useLocale();
  const digits = useCurrencyDigits();
  const [params, setParams] = useSearchParams();
  const status = ContractStatus.safeParse(params.get('status')).data ?? 'awaiting_attestation';
  const list = useLoad<OriginContract[]>(`/api/v1/attestation/contracts?status=${status}`);
  return (
    <>
      <h1>{t('contracts.officerTitle')}</h1>
      <p>
        <Link to="/attestation">{t('contracts.backToAttestation')}</Link> · <Link to="/attestation/contract-alerts">{t('contracts.alertsTitle')}</Link> · <OrientationLink />
      </p>
      <p>{t('contracts.officerIntro')}</p>
      <div className="actions" role="group" aria-label={t('contracts.status')}>
        {FILTERS.map((s) => (
          <button key={s} type="button" className="btn btn-secondary btn-small" aria-pressed={s === status} onClick={() => setParams({ status: s })}>
            {t(`contracts.statuses.${s}`)}
          </button>
        ))}
      </div>
      <ProblemAlert error={list.error} />
      {list.data?.length === 0 && <p>{t('contracts.noContracts')}</p>}
      <ul className="plain-list">
        {list.data?.map((c) => (
          <li key={`${c.id}-${c.version}`}>
            <article className="card" aria-labelledby={`c-${c.id}-${c.version}`}>
              <h2 id={`c-${c.id}-${c.version}`}>
                <Link to={`/attestation/contracts/${c.id}/${c.version}`}>
                  {contractTitle(c.terms, locale)} — {t('contracts.versionN', { n: c.version })}
                </Link>
              </h2>
              <p>
                {locale === 'ar' ? c.terms.employer.nameAr : c.terms.employer.nameEn} ({locale === 'ar' ? c.countryNameAr : c.countryNameEn}) · {locale === 'ar' ? c.terms.worker.nameAr : c.terms.worker.nameLatin}
              </p>
              <p>
                {t('contracts.fields.wage')}: <MoneyText money={c.terms.wage} digits={digits} /> · <StatusText status={c.status} /> · {t('contracts.attestationsN', { n: c.attestations.length })}
              </p>
              <p className="small">{formatDateTime(c.receivedAt, locale)}</p>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One received version: terms, checks, attestations, diff; attest, refuse or cancel. */
export function OfficerContractPage() {
  const { t } = useTranslation();
  const { id = '', version = '1' } = useParams();
  const title = t('contracts.officerDetailTitle', { version });
  usePageTitle(title);
  return <RequireStaff roles={READERS} title={title}>{(staff) => <Detail id={id} version={version} title={title} canAct={staff.role === 'overseas_officer'} staffId={staff.id} />}</RequireStaff>;
}

function Detail({ id, version, title, canAct, staffId }: { id: string; version: string; title: string; canAct: boolean; staffId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const c = useLoad<OriginContract>(`/api/v1/attestation/contracts/${id}/versions/${version}`);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/attestation/contracts/${id}/versions/${version}`;

  async function act(what: string, fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await fn();
      setDone(what);
      c.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const k = c.data;
  // Dual control: an officer attests a version once; after that they wait for a second officer (the API refuses a repeat).
  const mine = k?.attestations.find((a) => a.staffId === staffId);
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link to="/attestation/contracts">{t('contracts.backToQueue')}</Link>
      </p>
      <ProblemAlert error={error ?? c.error} />
      {done && <Notice>{t(`contracts.done.${done}`)}</Notice>}
      {!k ? (
        !c.error && <p>{t('common.loading')}</p>
      ) : (
        <>
          <dl className="facts terms-facts">
            <dt>{t('contracts.status')}</dt>
            <dd>
              <StatusText status={k.status} />
            </dd>
            <dt>{t('contracts.country')}</dt>
            <dd>{locale === 'ar' ? k.countryNameAr : k.countryNameEn}</dd>
            {k.statusReason && (
              <>
                <dt>{t('contracts.reason')}</dt>
                <dd>{k.statusReason}</dd>
              </>
            )}
            {k.workerNote && (
              <>
                <dt>{t('contracts.workerNote')}</dt>
                <dd>{k.workerNote}</dd>
              </>
            )}
            {k.verificationCode && (
              <>
                <dt>{t('contracts.code')}</dt>
                <dd>
                  <bdi dir="ltr">{k.verificationCode}</bdi> · <Link to={`/verify/${k.verificationCode}`}>{t('contracts.checkCode')}</Link>
                </dd>
              </>
            )}
          </dl>
          {(k.status === 'concluded' || k.status === 'offered') && <ContractOrientationCard path={base} audience="officer" />}
          <section aria-labelledby="att-title">
            <h2 id="att-title">{t('contracts.attestationsTitle')}</h2>
            <p>{t('contracts.dualControl')}</p>
            {k.attestations.length === 0 ? (
              <p>{t('contracts.noAttestations')}</p>
            ) : (
              <ol>
                {k.attestations.map((a) => (
                  <li key={a.staffId}>
                    {a.staffName} · <time dateTime={a.at}>{formatDateTime(a.at, locale)}</time>
                  </li>
                ))}
              </ol>
            )}
          </section>
          {canAct && (
            <div className="actions">
              {k.status === 'awaiting_attestation' && (
                <>
                  {mine ? (
                    <p className="ok-text" data-testid="attested-by-me">
                      {t('contracts.attestedByYou', { date: formatDateTime(mine.at, locale) })}
                    </p>
                  ) : (
                    <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act('attested', () => post(`${base}/attest`))}>
                      {t('contracts.attest')}
                    </button>
                  )}
                  <ReasonAction id="refuse" busy={busy} label={t('contracts.refuse')} confirmLabel={t('contracts.confirmRefuse')} onSubmit={(reason) => act('refused', () => post(`${base}/refuse`, { reason }))} />
                </>
              )}
              {k.status === 'concluded' && (
                <ReasonAction id="cancel" busy={busy} label={t('contracts.cancel')} confirmLabel={t('contracts.confirmCancel')} onSubmit={(reason) => act('cancelled', () => post(`${base}/cancel`, { reason }))} />
              )}
            </div>
          )}
          {k.diff.length > 0 && (
            <section aria-labelledby="diff-title">
              <h2 id="diff-title">{t('contracts.diffTitle')}</h2>
              <DiffList diff={k.diff} currency={k.terms.wage.currency} />
            </section>
          )}
          <ChecksList checks={k.checks} />
          <section aria-labelledby="terms-title">
            <h2 id="terms-title">{t('contracts.termsTitle')}</h2>
            <TermsView terms={k.terms} cityAr={k.workplaceCityAr} lang={locale} headingLevel={3} />
          </section>
          <History history={k.history} />
        </>
      )}
    </>
  );
}

/** Substitution alerts: the destination registered terms that differ from the concluded contract. */
export function ContractAlertsPage() {
  const { t } = useTranslation();
  usePageTitle(t('contracts.alertsTitle'));
  return (
    <RequireStaff roles={READERS} title={t('contracts.alertsTitle')}>
      {() => (
        <>
          <h1>{t('contracts.alertsTitle')}</h1>
          <p>
            <Link to="/attestation/contracts">{t('contracts.backToQueue')}</Link>
          </p>
          <p>{t('contracts.alertsIntro')}</p>
          <AlertList path="/api/v1/attestation/contract-alerts" linkTo={(a) => `/attestation/contracts/${a.contractId}/${a.version}`} />
        </>
      )}
    </RequireStaff>
  );
}

/** Alerts with their diffs (officers and the worker). */
export function AlertList({ path, linkTo, headingLevel = 2 }: { path: string; linkTo: (a: ContractAlert) => string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const alerts = useLoad<ContractAlert[]>(path);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <ProblemAlert error={alerts.error} />
      {alerts.data?.length === 0 && <p>{t('contracts.noAlerts')}</p>}
      {alerts.data?.map((a) => (
        <article key={a.id} className="card alert-card" aria-labelledby={`alert-${a.id}`}>
          <H id={`alert-${a.id}`}>{t(`contracts.alertKinds.${a.kind}`)}</H>
          <p className="small">
            {formatDateTime(a.createdAt, locale)} · <bdi dir="ltr">{a.country}</bdi>
            {a.destinationReference && (
              <>
                {' '}
                · {t('contracts.fields.destinationReference')}: <bdi dir="ltr">{a.destinationReference}</bdi>
              </>
            )}{' '}
            · <Link to={linkTo(a)}>{t('contracts.openContract')}</Link>
          </p>
          <DiffList diff={a.diff} currency={currencyOf(a)} />
        </article>
      ))}
    </>
  );
}

/** The currency of an alert's amounts (diffs carry amounts only; every amount of a contract is in its wage currency). */
function currencyOf(a: ContractAlert): string {
  const c = a.diff.find((d) => d.path.endsWith('/currency'));
  if (c && typeof c.after === 'string') return c.after;
  return { SA: 'SAR', JO: 'JOD', AE: 'AED', KW: 'KWD', QA: 'QAR', OM: 'OMR', BH: 'BHD' }[a.country] ?? 'USD';
}

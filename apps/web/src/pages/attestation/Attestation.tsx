import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AttestationItem } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { Notice, ProblemAlert } from '../../ui/forms.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { formatMoney, minorPerMajor } from '../worker/common.tsx';
import { OrientationLink } from '../orientation/cards.tsx';

const STATUSES = ['pending_attestation', 'approved', 'rejected', 'changes_requested'] as const;

/** Overseas officers' attestation queue: decide each partner job order once. */
export function AttestationPage() {
  const { t } = useTranslation();
  usePageTitle(t('exchange.attestationTitle'));
  return (
    <RequireStaff roles={['overseas_officer', 'hq_admin', 'auditor']} title={t('exchange.attestationTitle')}>
      {(staff) => <Queue canDecide={staff.role === 'overseas_officer'} />}
    </RequireStaff>
  );
}

function Queue({ canDecide }: { canDecide: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? params.get('status')! : 'pending_attestation';
  const list = useLoad<AttestationItem[]>(`/api/v1/attestation/job-orders?status=${status}`);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState(false);
  const [reasons, setReasons] = useState<Record<string, string>>({});

  async function decide(id: string, decision: 'approved' | 'rejected' | 'changes_requested') {
    setError(null);
    setNotice(false);
    try {
      const reason = reasons[id]?.trim();
      await post(`/api/v1/attestation/job-orders/${id}/decision`, { decision, ...(reason ? { reason } : {}) });
      setNotice(true);
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <h1>{t('exchange.attestationTitle')}</h1>
      <p>{t('exchange.attestationIntro')}</p>
      <ul className="actions">
        <li>
          <Link className="btn btn-secondary" to="/attestation/contracts">
            {t('contracts.officerTitle')}
          </Link>
        </li>
        <li>
          <Link className="btn btn-secondary" to="/attestation/contract-alerts">
            {t('contracts.alertsTitle')}
          </Link>
        </li>
        <li>
          <OrientationLink className="btn btn-secondary" />
        </li>
      </ul>
      <div className="actions" role="group" aria-label={t('exchange.status')}>
        {STATUSES.map((s) => (
          <button key={s} type="button" className="btn btn-secondary btn-small" aria-pressed={s === status} onClick={() => setParams({ status: s })}>
            {t(`exchange.attestationStatuses.${s}`)}
          </button>
        ))}
      </div>
      {notice && <Notice>{t('exchange.decided')}</Notice>}
      <ProblemAlert error={error ?? list.error} />
      {list.data?.length === 0 && <p>{t('exchange.noOrders')}</p>}
      {list.data?.map((o) => (
        <article key={o.id} className="card" aria-labelledby={`order-${o.id}`}>
          <h2 id={`order-${o.id}`}>{locale === 'ar' ? o.terms.titleAr : o.terms.titleEn || o.terms.titleAr}</h2>
          <p>
            {locale === 'ar' ? o.terms.employer.nameAr : o.terms.employer.nameEn} — {locale === 'ar' ? (o.cityAr ?? o.terms.city) : o.terms.city} (<bdi dir="ltr">{o.country}</bdi>) · <bdi dir="ltr">ISCO {o.terms.isco}</bdi>
          </p>
          <p>
            {t('exchange.wage')}: <bdi>{formatMoney(o.terms.wage.amountMinor, o.terms.wage.currency, minorPerMajor(o.terms.wage.currency), locale)}</bdi> ·{' '}
            {t('exchange.positions')}: {o.terms.positions} · {t('exchange.contract', { months: o.terms.contractMonths })}
          </p>
          <p>{o.terms.recruitmentCostsBorneByEmployer ? t('exchange.employerPays') : '—'}</p>
          <p className="small">
            {t('exchange.receivedOn', { date: formatDate(o.receivedAt, locale) })} · {t(`exchange.attestationStatuses.${o.status}`)}
            {o.decisionReason ? ` · ${o.decisionReason}` : ''}
          </p>
          {canDecide && o.status === 'pending_attestation' && (
            <>
              <div className="field">
                <label htmlFor={`reason-${o.id}`}>{t('exchange.reason')}</label>
                <textarea id={`reason-${o.id}`} value={reasons[o.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [o.id]: e.target.value })} rows={2} />
              </div>
              <div className="actions">
                <button type="button" className="btn btn-primary" onClick={() => void decide(o.id, 'approved')}>
                  {t('exchange.approve')}
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => void decide(o.id, 'changes_requested')}>
                  {t('exchange.requestChanges')}
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => void decide(o.id, 'rejected')}>
                  {t('exchange.reject')}
                </button>
              </div>
            </>
          )}
        </article>
      ))}
    </>
  );
}

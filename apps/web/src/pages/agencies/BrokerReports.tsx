import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BrokerReport, BrokerReportDetail, BrokerReportPage, StaffMember } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, formValues } from '../../ui/forms.tsx';
import { formatDateTime, useFormAction, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import type { UiLocale } from '../../i18n/index.ts';
import { formatMoney, minorPerMajor } from '../worker/common.tsx';

/** Staff who work the broker-report queue (the API enforces the same). */
const QUEUE_ROLES = ['hq_admin', 'overseas_officer'] as const;
const STATUSES = ['new', 'investigating', 'referred', 'closed'] as const;

function countryName(code: string, locale: UiLocale): string {
  try {
    return new Intl.DisplayNames([locale === 'ar' ? 'ar-EG' : 'en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The HQ queue of broker reports, oldest first, with status and assignment filters. */
export function BrokerReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('agencies.queue.title'));
  return (
    <RequireStaff roles={QUEUE_ROLES} title={t('agencies.queue.title')}>
      {() => <Queue />}
    </RequireStaff>
  );
}

function Queue() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'new';
  const assigned = params.get('assigned') ?? '';
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(assigned ? { assigned } : {}), pageSize: '100' });
  const list = useLoad<BrokerReportPage>(`/api/v1/broker-reports?${query.toString()}`);

  function filter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setParams({ status: v.status ?? '', ...(v.assigned ? { assigned: v.assigned } : {}) });
  }

  return (
    <>
      <h1>{t('agencies.queue.title')}</h1>
      <p>{t('agencies.queue.intro')}</p>
      <form className="form" onSubmit={filter} aria-label={t('agencies.queue.listLabel')}>
        <SelectField name="status" idPrefix="queue" label={t('agencies.queue.filterStatus')} defaultValue={status}>
          <option value="">{t('agencies.queue.assignedAny')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`agencies.queue.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField name="assigned" idPrefix="queue" label={t('agencies.queue.filterAssigned')} defaultValue={assigned}>
          <option value="">{t('agencies.queue.assignedAny')}</option>
          <option value="me">{t('agencies.queue.assignedMe')}</option>
          <option value="none">{t('agencies.queue.assignedNone')}</option>
        </SelectField>
        <button type="submit" className="btn btn-secondary">
          {t('agencies.searchButton')}
        </button>
      </form>
      <ProblemAlert error={list.error} />
      {list.loading && <p>{t('common.loading')}</p>}
      {list.data && <p className="result-count">{t('agencies.resultCount', { count: list.data.total })}</p>}
      {list.data?.items.length === 0 && <p>{t('agencies.queue.empty')}</p>}
      <ul className="plain-list" aria-label={t('agencies.queue.listLabel')}>
        {list.data?.items.map((r) => (
          <li key={r.reference}>
            <article className="card" aria-labelledby={`report-${r.reference}`}>
              <h2 id={`report-${r.reference}`}>
                <Link to={`/staff/broker-reports/${r.reference}`} aria-label={t('agencies.queue.open', { reference: r.reference })}>
                  <bdi dir="ltr">{r.reference}</bdi>
                </Link>
              </h2>
              <ReportFacts report={r} locale={locale} />
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}

function ReportFacts({ report: r, locale }: { report: BrokerReport; locale: UiLocale }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('agencies.queue.filterStatus')}</dt>
      <dd>{t(`agencies.queue.statuses.${r.status}`)}</dd>
      <dt>{t('agencies.report.claimedOffer')}</dt>
      <dd>{r.claimedOffer}</dd>
      {r.brokerName && (
        <>
          <dt>{t('agencies.report.brokerName')}</dt>
          <dd>{r.brokerName}</dd>
        </>
      )}
      {r.brokerPhone && (
        <>
          <dt>{t('agencies.report.brokerPhone')}</dt>
          <dd>
            <bdi dir="ltr">{r.brokerPhone}</bdi>
          </dd>
        </>
      )}
      {r.brokerLink && (
        <>
          <dt>{t('agencies.report.brokerLink')}</dt>
          <dd>
            {/* Shown as text, never a live link: a reported page may be malicious. */}
            <bdi dir="ltr">{r.brokerLink}</bdi>
          </dd>
        </>
      )}
      {r.promisedCountry && (
        <>
          <dt>{t('agencies.report.promisedCountry')}</dt>
          <dd>{countryName(r.promisedCountry, locale)}</dd>
        </>
      )}
      {r.amountAsked && (
        <>
          <dt>{t('agencies.report.amount')}</dt>
          <dd>
            <bdi>{formatMoney(r.amountAsked.amountMinor, r.amountAsked.currency, minorPerMajor(r.amountAsked.currency), locale)}</bdi>
          </dd>
        </>
      )}
      <dt>{t('agencies.queue.assignee')}</dt>
      <dd>{r.assignedTo ? (locale === 'ar' ? r.assignedTo.nameAr : r.assignedTo.nameEn) : t('agencies.queue.unassigned')}</dd>
      <dt>{t('agencies.queue.received')}</dt>
      <dd>{formatDateTime(r.createdAt, locale)}</dd>
    </dl>
  );
}

/** One report: full text, reporter contact (if given), assignment, status changes and notes. */
export function BrokerReportDetailPage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  usePageTitle(t('agencies.queue.detailTitle', { reference }));
  return (
    <RequireStaff roles={QUEUE_ROLES} title={t('agencies.queue.detailTitle', { reference })}>
      {(staff) => <ReportDetail reference={reference} staff={staff} />}
    </RequireStaff>
  );
}

function ReportDetail({ reference, staff }: { reference: string; staff: StaffMember }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoad<BrokerReportDetail>(`/api/v1/broker-reports/${encodeURIComponent(reference)}`);
  const [current, setCurrent] = useState<BrokerReportDetail | null>(null);
  const [notice, setNotice] = useState(false);
  const [assignError, setAssignError] = useState<unknown>(null);
  const r = current ?? loaded.data;

  function saved(d: BrokerReportDetail) {
    setCurrent(d);
    setNotice(true);
  }
  const statusForm = useFormAction(async (v) => {
    setNotice(false);
    saved(await post<BrokerReportDetail>(`/api/v1/broker-reports/${reference}/status`, { status: v.status ?? '', note: v.note?.trim() ? v.note : null }));
  });
  const noteForm = useFormAction(async (v) => {
    setNotice(false);
    saved(await post<BrokerReportDetail>(`/api/v1/broker-reports/${reference}/notes`, { note: v.note ?? '' }));
  });
  async function assign(staffId: string | null) {
    setNotice(false);
    setAssignError(null);
    try {
      saved(await post<BrokerReportDetail>(`/api/v1/broker-reports/${reference}/assignment`, { staffId }));
    } catch (err) {
      setAssignError(err);
    }
  }

  const name = (s: { nameAr: string; nameEn: string }) => (locale === 'ar' ? s.nameAr : s.nameEn);
  const statusName = (s: string | null) => (s ? t(`agencies.queue.statuses.${s}`) : '');
  return (
    <>
      <p>
        <Link to="/staff/broker-reports">{t('agencies.queue.backToQueue')}</Link>
      </p>
      <h1>{t('agencies.queue.detailTitle', { reference })}</h1>
      {notice && <Notice>{t('agencies.queue.saved')}</Notice>}
      <ProblemAlert error={loaded.error ?? assignError} />
      {loaded.loading && <p>{t('common.loading')}</p>}
      {r && (
        <>
          <ReportFacts report={r} locale={locale} />
          <h2>{t('agencies.report.description')}</h2>
          <p className="card">{r.description}</p>
          <p>
            {t('agencies.queue.reporterContact')}: {r.reporterContact ? <bdi dir="ltr">{r.reporterContact}</bdi> : t('agencies.queue.anonymous')}
          </p>
          <p className="row-actions">
            {r.assignedTo?.id !== staff.id && (
              <button type="button" className="btn btn-secondary" onClick={() => void assign(staff.id)}>
                {t('agencies.queue.assignToMe')}
              </button>
            )}
            {r.assignedTo && (
              <button type="button" className="btn btn-secondary" onClick={() => void assign(null)}>
                {t('agencies.queue.unassign')}
              </button>
            )}
          </p>
          <section aria-labelledby="status-title">
            <h2 id="status-title">{t('agencies.queue.changeStatus')}</h2>
            <form className="form" onSubmit={statusForm.onSubmit} noValidate>
              <ProblemAlert error={statusForm.error} />
              <SelectField name="status" idPrefix="report-status" label={t('agencies.queue.moveTo')} error={statusForm.errs.status} defaultValue={r.status === 'new' ? 'investigating' : ''}>
                {r.status !== 'new' && <option value="">—</option>}
                {STATUSES.filter((s) => s !== 'new' && s !== r.status).map((s) => (
                  <option key={s} value={s}>
                    {t(`agencies.queue.statuses.${s}`)}
                  </option>
                ))}
              </SelectField>
              <Field name="note" idPrefix="report-status" label={t('agencies.queue.note')} error={statusForm.errs.note} maxLength={2000} />
              <button type="submit" className="btn btn-primary" disabled={statusForm.busy}>
                {t('agencies.queue.changeStatus')}
              </button>
            </form>
          </section>
          <section aria-labelledby="note-title">
            <h2 id="note-title">{t('agencies.queue.addNoteLabel')}</h2>
            <form className="form" onSubmit={noteForm.onSubmit} noValidate>
              <ProblemAlert error={noteForm.error} />
              <Field name="note" idPrefix="report-note" label={t('agencies.queue.addNoteLabel')} error={noteForm.errs.note} maxLength={2000} required />
              <button type="submit" className="btn btn-secondary" disabled={noteForm.busy}>
                {t('agencies.queue.addNote')}
              </button>
            </form>
          </section>
          <section aria-labelledby="events-title">
            <h2 id="events-title">{t('agencies.queue.history')}</h2>
            {r.events.length === 0 && <p>{t('agencies.queue.noHistory')}</p>}
            <ol>
              {r.events.map((e, i) => (
                <li key={`${e.at}-${i}`}>
                  {formatDateTime(e.at, locale)} — {name(e.by)}:{' '}
                  {e.kind === 'status_changed'
                    ? t('agencies.queue.events.status_changed', { from: statusName(e.fromStatus), to: statusName(e.toStatus) })
                    : e.kind === 'assigned'
                      ? e.assignedTo
                        ? t('agencies.queue.events.assigned', { name: name(e.assignedTo) })
                        : t('agencies.queue.events.unassigned')
                      : t('agencies.queue.events.note_added')}
                  {e.note && <> — {e.note}</>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}

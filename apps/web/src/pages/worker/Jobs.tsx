import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Country, JobOrderDetail, JobOrderPage } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { useApp } from '../../session.tsx';
import { Field, Notice, ProblemAlert, SelectField, formValues } from '../../ui/forms.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { formatMoney, JobCard } from './common.tsx';

/** Public list of attested job orders with filters. */
export function JobsPage() {
  const { t } = useTranslation();
  usePageTitle(t('exchange.jobsTitle'));
  const [params, setParams] = useSearchParams();
  const countries = useLoad<Country[]>('/api/v1/countries');
  const page = Number(params.get('page') ?? '1') || 1;
  const query = new URLSearchParams();
  for (const k of ['country', 'q', 'city']) if (params.get(k)) query.set(k, params.get(k)!);
  query.set('page', String(page));
  const list = useLoad<JobOrderPage>(`/api/v1/job-orders?${query.toString()}`);
  const locale = useLocale();

  function search(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const next: Record<string, string> = {};
    for (const k of ['country', 'q', 'city'] as const) if (v[k]?.trim()) next[k] = v[k].trim();
    setParams(next);
  }

  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;
  return (
    <>
      <h1>{t('exchange.jobsTitle')}</h1>
      <p>{t('exchange.jobsIntro')}</p>
      <form className="form search-form" role="search" onSubmit={search}>
        <SelectField name="country" label={t('exchange.filterCountry')} defaultValue={params.get('country') ?? ''}>
          <option value="">{t('exchange.filterAll')}</option>
          {(countries.data ?? [])
            .filter((c) => c.iso2 !== 'EG')
            .map((c) => (
              <option key={c.iso2} value={c.iso2}>
                {locale === 'ar' ? c.nameAr : c.nameEn}
              </option>
            ))}
        </SelectField>
        <Field name="q" type="search" label={t('exchange.filterQ')} defaultValue={params.get('q') ?? ''} />
        <Field name="city" label={t('exchange.filterCity')} defaultValue={params.get('city') ?? ''} />
        <button className="btn btn-primary" type="submit">
          {t('exchange.filter')}
        </button>
      </form>
      <p role="status" aria-live="polite" className="result-count">
        {list.data ? t('exchange.jobsCount', { count: list.data.total }) : ''}
      </p>
      <ProblemAlert error={list.error} />
      {list.data?.items.length === 0 && <p>{t('exchange.noJobs')}</p>}
      {list.data?.items.map((job) => <JobCard key={job.id} job={job} />)}
      {pages > 1 && (
        <nav aria-label={t('exchange.page', { page })} className="actions">
          {page > 1 && <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page - 1) }).toString()}`}>{t('exchange.previous')}</Link>}
          <span>{t('exchange.page', { page })}</span>
          {page < pages && <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page + 1) }).toString()}`}>{t('exchange.next')}</Link>}
        </nav>
      )}
    </>
  );
}

/** One attested job order with its terms, the schema.org JobPosting as JSON-LD, and the apply button. */
export function JobDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id } = useParams();
  const { session } = useApp();
  const job = useLoad<JobOrderDetail>(id ? `/api/v1/job-orders/${id}` : null);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState(false);
  const title = job.data ? (locale === 'ar' ? job.data.titleAr : job.data.titleEn || job.data.titleAr) : t('exchange.jobsTitle');
  usePageTitle(title);
  if (!job.data) return job.error ? <ProblemAlert error={job.error} /> : <p>{t('common.loading')}</p>;
  const j = job.data;
  const terms = j.terms;

  async function apply() {
    setError(null);
    try {
      await post('/api/v1/worker/applications', { jobOrderId: j.id });
      setApplied(true);
    } catch (err) {
      setError(err);
    }
  }

  const money = (m: { amountMinor: number; currency: string }) => formatMoney(m.amountMinor, m.currency, j.wageMinorUnits, locale);
  return (
    <>
      <script type="application/ld+json">{JSON.stringify(j.jsonLd)}</script>
      <h1>{title}</h1>
      <p>
        {locale === 'ar' ? j.employer.nameAr : j.employer.nameEn} — {locale === 'ar' ? `${j.cityAr ?? j.city}، ${j.countryNameAr}` : `${j.city}, ${j.countryNameEn}`}
      </p>
      <p className="ok-text">{t('exchange.employerPays')}</p>
      <p>{j.employer.verified ? t('exchange.verifiedEmployer') : t('exchange.unverifiedEmployer')}</p>
      <p className="small">{t('exchange.attestedOn', { date: formatDate(j.attestedAt, locale) })}</p>
      <dl className="details">
        <div>
          <dt>{t('exchange.wage')}</dt>
          <dd>
            <bdi>{money(j.wage)}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('exchange.positions')}</dt>
          <dd>{j.positions}</dd>
        </div>
        <div>
          <dt>{t('exchange.occupations')}</dt>
          <dd>
            <bdi dir="ltr">{j.isco}</bdi> {locale === 'ar' ? j.occupationTitleAr : j.occupationTitleEn}
          </dd>
        </div>
        <div>
          <dt>{t('exchange.city')}</dt>
          <dd>{locale === 'ar' ? (j.cityAr ?? j.city) : j.city}</dd>
        </div>
      </dl>
      <p>
        {t('exchange.contract', { months: terms.contractMonths })} · {t('exchange.hours', { hours: terms.hoursPerWeek })}
      </p>
      <h2>{t('exchange.requirements')}</h2>
      <p>{t('exchange.minYears', { years: terms.requirements.minYears })}</p>
      {terms.requirements.notesAr && (
        <p lang="ar" dir="rtl">
          {terms.requirements.notesAr}
        </p>
      )}
      <h2>{t('exchange.benefits')}</h2>
      <ul>
        {terms.benefits.annualTicket && <li>{t('exchange.ticket')}</li>}
        {terms.benefits.endOfService && <li>{t('exchange.endOfService')}</li>}
        {terms.benefits.medicalInsurance && <li>{t('exchange.medical')}</li>}
      </ul>
      {applied && <Notice>{t('exchange.applied')}</Notice>}
      <ProblemAlert error={error} />
      {session?.kind === 'citizen' ? (
        !applied && (
          <button type="button" className="btn btn-primary" onClick={() => void apply()}>
            {t('exchange.apply')}
          </button>
        )
      ) : (
        <p>
          <Link to="/sign-in">{t('exchange.applySignIn')}</Link>
        </p>
      )}
    </>
  );
}

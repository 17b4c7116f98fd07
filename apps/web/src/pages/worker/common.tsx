import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { toArabicDigits, type JobOrderListing } from '@rabt/contracts';
import { useApp } from '../../session.tsx';
import { useLocale } from '../../ui/hooks.ts';

/** Renders `children` for a signed-in citizen, else a sign-in prompt. */
export function RequireCitizen({ title, children }: { title: string; children: () => ReactNode }) {
  const { t } = useTranslation();
  const { session } = useApp();
  if (!session) return <p>{t('common.loading')}</p>;
  if (session.kind !== 'citizen') {
    return (
      <>
        <h1>{title}</h1>
        <p>{t('exchange.signInCitizen')}</p>
        <p>
          <Link to="/sign-in">{t('nav.signIn')}</Link>
        </p>
      </>
    );
  }
  return <>{children()}</>;
}

/** Sub-navigation of the worker's pages. */
export function WorkerNav() {
  const { t } = useTranslation();
  const links: [string, string][] = [
    ['/worker/profile', t('exchange.navProfile')],
    ['/worker/consents', t('exchange.navConsents')],
    ['/worker/disclosures', t('exchange.navDisclosures')],
    ['/worker/recommendations', t('exchange.navRecommendations')],
    ['/worker/invitations', t('exchange.navInvitations')],
    ['/worker/contracts', t('contracts.navWorker')],
    ['/worker/agencies', t('agencies.navWorker')],
    ['/jobs', t('exchange.navJobs')],
  ];
  return (
    <nav aria-label={t('exchange.workerMenu')} className="sub-nav">
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to}>{label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const THREE_DIGIT = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
/** Minor units per major unit (ISO 4217 exponent 3 for the listed currencies, else 2). */
export function minorPerMajor(currency: string): number {
  return THREE_DIGIT.has(currency) ? 1000 : 100;
}

/** A code or count written in the UI language's digits: Arabic-Indic in Arabic (ISCO `7411` → `٧٤١١`), Latin in English; no grouping. */
export function localDigits(value: string | number, locale: 'ar' | 'en'): string {
  return locale === 'ar' ? toArabicDigits(value) : String(value);
}

/** An ISO 4217 currency as a person reads it: its name in the UI language with the code («ريال سعودي (SAR)», "Saudi Riyal (SAR)"). */
export function currencyLabel(code: string, locale: 'ar' | 'en'): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: 'currency' }).of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/** Money in minor units shown in major units with its ISO 4217 code. */
export function formatMoney(amountMinor: number, currency: string, minorPerMajor: number, locale: 'ar' | 'en'): string {
  const digits = Math.round(Math.log10(minorPerMajor));
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }).format(amountMinor / minorPerMajor);
}

/** One attested job order as a card (list, recommendations, invitations). */
export function JobCard({ job, children }: { job: JobOrderListing; children?: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <article className="card" aria-labelledby={`job-${job.id}`}>
      <h3 id={`job-${job.id}`}>
        <Link to={`/jobs/${job.id}`}>{locale === 'ar' ? job.titleAr : job.titleEn || job.titleAr}</Link>
      </h3>
      <p>
        {locale === 'ar' ? job.employer.nameAr : job.employer.nameEn} — {locale === 'ar' ? `${job.cityAr ?? job.city}، ${job.countryNameAr}` : `${job.city}, ${job.countryNameEn}`}
      </p>
      <p>
        {t('exchange.wage')}: <bdi>{formatMoney(job.wage.amountMinor, job.wage.currency, job.wageMinorUnits, locale)}</bdi> · {t('exchange.positions')}: {job.positions}
      </p>
      <p className="small">
        {job.employer.verified ? t('exchange.verifiedEmployer') : t('exchange.unverifiedEmployer')} · <bdi dir="ltr">ISCO {job.isco}</bdi>
      </p>
      {children}
    </article>
  );
}

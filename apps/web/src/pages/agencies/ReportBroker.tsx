import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BrokerReportReceipt, Country } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { Field, ProblemAlert, SelectField } from '../../ui/forms.tsx';
import { formatDateTime, useFormAction, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { minorPerMajor } from '../worker/common.tsx';
import { toMinorUnits } from './common.tsx';

const CURRENCIES = ['EGP', 'SAR', 'AED', 'KWD', 'QAR', 'JOD', 'OMR', 'BHD', 'USD', 'EUR'] as const;

/**
 * "Report a broker" (anonymous): explains in plain Arabic that no legal job abroad requires paying a
 * broker (Law 14/2025 Art. 43), takes the report and shows the reference to quote later.
 */
export function ReportBrokerPage() {
  const { t } = useTranslation();
  usePageTitle(t('agencies.report.title'));
  const [receipt, setReceipt] = useState<BrokerReportReceipt | null>(null);
  return (
    <>
      <h1>{t('agencies.report.title')}</h1>
      <p className="lead">{t('agencies.report.intro')}</p>
      <p>{t('agencies.report.intro2')}</p>
      {receipt ? <Receipt receipt={receipt} onAnother={() => setReceipt(null)} /> : <ReportForm onSent={setReceipt} />}
      <p>
        <Link to="/agencies">{t('agencies.navRegistry')}</Link>
      </p>
    </>
  );
}

function Receipt({ receipt, onAnother }: { receipt: BrokerReportReceipt; onAnother: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="reference-box" role="status" tabIndex={-1} ref={ref} aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t('agencies.report.sentTitle')}</h2>
      <p>
        {t('agencies.report.sentReference')}
        <br />
        <bdi dir="ltr" className="reference">
          {receipt.reference}
        </bdi>
      </p>
      <p>{t('agencies.report.sentKeep')}</p>
      <p className="small">{formatDateTime(receipt.receivedAt, locale)}</p>
      <button type="button" className="btn btn-secondary" onClick={onAnother}>
        {t('agencies.report.another')}
      </button>
    </div>
  );
}

function ReportForm({ onSent }: { onSent: (r: BrokerReportReceipt) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const countries = useLoad<Country[]>('/api/v1/countries');
  const { error, busy, errs, onSubmit } = useFormAction(async (v) => {
    const amount = (v.amount ?? '').trim();
    const currency = v.currency ?? 'EGP';
    onSent(
      await post<BrokerReportReceipt>('/api/v1/broker-reports', {
        claimedOffer: v.claimedOffer ?? '',
        brokerName: v.brokerName ?? '',
        brokerPhone: v.brokerPhone ?? '',
        brokerLink: v.brokerLink ?? '',
        promisedCountry: v.promisedCountry || null,
        amountAsked: amount ? { amountMinor: toMinorUnits(amount, minorPerMajor(currency)), currency } : null,
        description: v.description ?? '',
        reporterContact: v.reporterContact ?? '',
      }),
    );
  });
  const sorted = [...(countries.data ?? [])].filter((c) => c.iso2 !== 'EG').sort((a, b) => (locale === 'ar' ? a.nameAr.localeCompare(b.nameAr, 'ar') : a.nameEn.localeCompare(b.nameEn, 'en')));
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="report-form-title">
      <h2 id="report-form-title" className="visually-hidden">
        {t('agencies.report.title')}
      </h2>
      <ProblemAlert error={error} />
      <Field name="claimedOffer" label={t('agencies.report.claimedOffer')} hint={t('agencies.report.claimedOfferHint')} error={errs.claimedOffer} required maxLength={500} />
      <Field name="brokerName" label={t('agencies.report.brokerName')} error={errs.brokerName} maxLength={200} />
      <Field name="brokerPhone" type="tel" inputMode="tel" dir="ltr" label={t('agencies.report.brokerPhone')} error={errs.brokerPhone} maxLength={40} autoComplete="off" />
      <Field name="brokerLink" dir="ltr" label={t('agencies.report.brokerLink')} error={errs.brokerLink} maxLength={500} autoComplete="off" />
      <SelectField name="promisedCountry" label={t('agencies.report.promisedCountry')} error={errs.promisedCountry} defaultValue="">
        <option value="">{t('agencies.report.countryUnknown')}</option>
        {sorted.map((c) => (
          <option key={c.iso2} value={c.iso2}>
            {locale === 'ar' ? c.nameAr : c.nameEn}
          </option>
        ))}
      </SelectField>
      <Field name="amount" inputMode="decimal" label={t('agencies.report.amount')} hint={t('agencies.report.amountHint')} error={errs.amountAsked} maxLength={20} autoComplete="off" />
      <SelectField name="currency" label={t('agencies.report.currency')} defaultValue="EGP">
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {new Intl.DisplayNames([locale === 'ar' ? 'ar-EG' : 'en-GB'], { type: 'currency' }).of(c) ?? c} ({c})
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label htmlFor="f-description">{t('agencies.report.description')}</label>
        <p className="hint" id="f-description-hint">
          {t('agencies.report.descriptionHint')}
        </p>
        <textarea
          id="f-description"
          name="description"
          rows={6}
          maxLength={5000}
          required
          aria-invalid={errs.description ? true : undefined}
          aria-describedby={errs.description ? 'f-description-hint f-description-error' : 'f-description-hint'}
        />
        {errs.description && (
          <p className="field-error" id="f-description-error">
            {errs.description}
          </p>
        )}
      </div>
      <Field name="reporterContact" label={t('agencies.report.contact')} hint={t('agencies.report.contactHint')} error={errs.reporterContact} maxLength={200} autoComplete="off" />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('agencies.report.submit')}
      </button>
    </form>
  );
}

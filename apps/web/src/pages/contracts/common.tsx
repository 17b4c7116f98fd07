import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { citationAr, type ContractCheck, type ContractStatus, type ContractTerms, type Country, type TermDiff } from '@rabt/contracts';
import { useLoad, useLocale, formatDate, formatDateTime } from '../../ui/hooks.ts';
import type { UiLocale } from '../../i18n/index.ts';

/** Shared pieces of the contract pages (employer, officer, worker, verification): money, terms, checks, diffs, QR. */

type Money = { amountMinor: number; currency: string };
type Bilingual = { ar: string; en: string };

const THREE_DIGIT = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/**
 * ISO 4217 minor units of each currency, from the countries reference list (GET /api/v1/countries); until it
 * loads, or offline, the exponent is 3 for the dinars and rials listed in ISO 4217 with three, else 2.
 */
export function useCurrencyDigits(): (currency: string) => number {
  const countries = useLoad<Country[]>('/api/v1/countries');
  return useMemo(() => {
    const map = new Map((countries.data ?? []).map((c) => [c.currency, c.currencyMinorUnits]));
    return (currency: string) => map.get(currency) ?? (THREE_DIGIT.has(currency) ? 3 : 2);
  }, [countries.data]);
}

/** Integer minor units shown in major units with the currency (Arabic-Indic digits in Arabic). */
export function formatMinor(amountMinor: number, currency: string, digits: number, locale: UiLocale): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }).format(amountMinor / 10 ** digits);
}

export function MoneyText({ money, digits }: { money: Money | null; digits: (c: string) => number }) {
  const locale = useLocale();
  const { t } = useTranslation();
  if (!money) return <>{t('contracts.none')}</>;
  return <bdi>{formatMinor(money.amountMinor, money.currency, digits(money.currency), locale)}</bdi>;
}

export function pick(text: Bilingual, locale: UiLocale): string {
  return locale === 'ar' ? text.ar : text.en || text.ar;
}

export function formatNumber(n: number, locale: UiLocale): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB').format(n);
}

/** The status as words, with a marker class for colour (never colour alone). */
export function StatusText({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return <strong className={`contract-status contract-status-${status}`}>{t(`contracts.statuses.${status}`)}</strong>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * The whole contract, read-only, in one language (`lang`): parties, work, pay and benefits, costs,
 * governing law and every numbered clause. Used by the worker (Arabic first), the officers and the employer.
 * `cityAr` is the Arabic name of the workplace city from the destination city list (the API's `workplaceCityAr`,
 * not part of the signed terms): the Arabic side shows it, the English side the city as signed.
 */
export function TermsView({ terms, cityAr, lang, headingLevel = 2, idPrefix = 'terms' }: { terms: ContractTerms; cityAr?: string | null | undefined; lang: UiLocale; headingLevel?: 2 | 3; idPrefix?: string }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(lang);
  const digits = useCurrencyDigits();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const yes = (b: boolean) => (b ? t('contracts.yes') : t('contracts.no'));
  const money = (m: Money | null) => (m ? <bdi>{formatMinor(m.amountMinor, m.currency, digits(m.currency), lang)}</bdi> : t('contracts.none'));
  const n = (x: number) => formatNumber(x, lang);
  return (
    <div className="contract-terms" lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
      <section aria-labelledby={`${idPrefix}-parties`}>
        <H id={`${idPrefix}-parties`}>{t('contracts.sections.parties')}</H>
        <dl className="facts terms-facts">
          <Row label={t('contracts.fields.employer')}>
            {lang === 'ar' ? terms.employer.nameAr : terms.employer.nameEn || terms.employer.nameAr}
            {' — '}
            {t('contracts.fields.establishmentNumber')} <bdi dir="ltr">{terms.employer.establishmentNumber}</bdi>
          </Row>
          <Row label={t('contracts.fields.worker')}>{lang === 'ar' ? terms.worker.nameAr : terms.worker.nameLatin || terms.worker.nameAr}</Row>
          <Row label={t('contracts.fields.passportNumber')}>{terms.worker.passportNumber ? <bdi dir="ltr">{terms.worker.passportNumber}</bdi> : t('contracts.none')}</Row>
          <Row label={t('contracts.fields.agency')}>{terms.agency ? <>{terms.agency.nameAr} (<bdi dir="ltr">{terms.agency.licenceNumber}</bdi>)</> : t('contracts.none')}</Row>
        </dl>
      </section>
      <section aria-labelledby={`${idPrefix}-work`}>
        <H id={`${idPrefix}-work`}>{t('contracts.sections.work')}</H>
        <dl className="facts terms-facts">
          <Row label={t('contracts.fields.title')}>
            {lang === 'ar' ? terms.titleAr : terms.titleEn || terms.titleAr} (<bdi dir="ltr">ISCO {terms.isco}</bdi>)
          </Row>
          <Row label={t('contracts.fields.workplaceCity')}>{lang === 'ar' && cityAr ? cityAr : terms.workplaceCity}</Row>
          <Row label={t('contracts.fields.startDate')}>{formatDate(terms.startDate, lang)}</Row>
          <Row label={t('contracts.fields.durationMonths')}>{t('contracts.months', { n: n(terms.durationMonths) })}</Row>
          <Row label={t('contracts.fields.probationDays')}>{t('contracts.days', { n: n(terms.probationDays) })}</Row>
          <Row label={t('contracts.fields.hoursPerWeek')}>{n(terms.hoursPerWeek)}</Row>
          <Row label={t('contracts.fields.restDaysPerWeek')}>{n(terms.restDaysPerWeek)}</Row>
          <Row label={t('contracts.fields.annualLeaveDays')}>{t('contracts.days', { n: n(terms.annualLeaveDays) })}</Row>
        </dl>
      </section>
      <section aria-labelledby={`${idPrefix}-pay`}>
        <H id={`${idPrefix}-pay`}>{t('contracts.sections.pay')}</H>
        <dl className="facts terms-facts">
          <Row label={t('contracts.fields.wage')}>{money(terms.wage)}</Row>
          <Row label={t('contracts.fields.housing')}>{money(terms.allowances.housing)}</Row>
          <Row label={t('contracts.fields.transport')}>{money(terms.allowances.transport)}</Row>
          <Row label={t('contracts.fields.food')}>{money(terms.allowances.food)}</Row>
          <Row label={t('contracts.fields.annualTicket')}>{yes(terms.annualTicket)}</Row>
          <Row label={t('contracts.fields.endOfService')}>{yes(terms.endOfService)}</Row>
          <Row label={t('contracts.fields.medicalInsurance')}>{yes(terms.medicalInsurance)}</Row>
          <Row label={t('contracts.fields.recruitmentCostsBorneByEmployer')}>{yes(terms.recruitmentCostsBorneByEmployer)}</Row>
          <Row label={t('contracts.fields.workerCosts')}>
            {terms.workerCosts.length === 0 ? (
              t('contracts.noWorkerCosts')
            ) : (
              <ul className="plain-list">
                {terms.workerCosts.map((c, i) => (
                  <li key={i}>
                    {c.item}: {money(c.amount)}
                  </li>
                ))}
              </ul>
            )}
          </Row>
          <Row label={t('contracts.fields.agencyFee')}>{money(terms.agencyFee)}</Row>
        </dl>
      </section>
      <section aria-labelledby={`${idPrefix}-law`}>
        <H id={`${idPrefix}-law`}>{t('contracts.sections.law')}</H>
        <p>{pick(terms.governingLaw, lang)}</p>
        {terms.destinationReference && (
          <p>
            {t('contracts.fields.destinationReference')}: <bdi dir="ltr">{terms.destinationReference}</bdi>
          </p>
        )}
      </section>
      <section aria-labelledby={`${idPrefix}-clauses`}>
        <H id={`${idPrefix}-clauses`}>{t('contracts.sections.clauses')}</H>
        <ol className="clauses">
          {terms.clauses.map((c, i) => (
            <li key={i}>{pick(c, lang)}</li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** A check's legal source: the Arabic rendering in the Arabic UI (English original when no rendering is known). */
function CheckSource({ source, locale }: { source: string; locale: UiLocale }) {
  const ar = locale === 'ar' ? citationAr(source) : null;
  return ar ? (
    <span className="small check-source">{ar}</span>
  ) : (
    <span className="small check-source" lang="en" dir="ltr">
      {source}
    </span>
  );
}

/** The rule checks: ✓ or ✗ (with the word, not only the sign), the message in the UI language, its legal source. */
export function ChecksList({ checks, idPrefix = 'checks' }: { checks: ContractCheck[]; idPrefix?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const failed = checks.filter((c) => !c.ok).length;
  return (
    <section aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>{t('contracts.checksTitle')}</h2>
      <p role="status" className={failed ? 'error-text' : 'ok-text'}>
        {failed ? t('contracts.checksFailed', { n: formatNumber(failed, locale) }) : t('contracts.checksPassed')}
      </p>
      <ul className="plain-list checks">
        {checks.map((c) => (
          <li key={c.code} className={c.ok ? 'check-ok' : 'check-failed'} data-check={c.code}>
            <span aria-hidden="true" className="check-mark">
              {c.ok ? '✓' : '✗'}
            </span>{' '}
            <span className="visually-hidden">{c.ok ? t('contracts.checkOk') : t('contracts.checkFailed')}: </span>
            {pick(c.message, locale)}
            <br />
            <CheckSource source={c.source} locale={locale} />
          </li>
        ))}
      </ul>
    </section>
  );
}

const MONEY_FIELDS = new Set(['wage', 'housing', 'transport', 'food', 'agencyFee', 'amount']);

/** A JSON-pointer path of the terms (`/allowances/housing/amountMinor`, `/clauses/3/ar`) in words. */
export function fieldLabel(path: string, lang: UiLocale, t: (key: string, opts?: Record<string, unknown>) => string): string {
  const parts = path.split('/').filter(Boolean);
  const words: string[] = [];
  for (const p of parts) {
    if (/^\d+$/.test(p)) words.push(formatNumber(Number(p) + 1, lang));
    else if (p === 'allowances' || p === 'amountMinor' || p === 'currency') continue;
    else {
      const key = `contracts.fields.${p}`;
      const w = t(key);
      words.push(w === key ? p : w);
    }
  }
  return words.join(' › ');
}

function diffValue(path: string, value: unknown, currency: string, digits: (c: string) => number, lang: UiLocale, t: (key: string) => string): string {
  if (value === null || value === undefined) return t('contracts.none');
  if (typeof value === 'boolean') return value ? t('contracts.yes') : t('contracts.no');
  const parts = path.split('/').filter(Boolean);
  const money = parts.some((p) => MONEY_FIELDS.has(p));
  if (typeof value === 'number') return money && parts.at(-1) === 'amountMinor' ? formatMinor(value, currency, digits(currency), lang) : formatNumber(value, lang);
  if (typeof value === 'object' && value && 'amountMinor' in value && 'currency' in value) {
    const m = value as Money;
    return formatMinor(m.amountMinor, m.currency, digits(m.currency), lang);
  }
  if (typeof value === 'object' && value && 'ar' in value) return pick(value as Bilingual, lang);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Differences between two versions: each field in words, before → after. */
export function DiffList({ diff, currency, title }: { diff: TermDiff[]; currency: string; title?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const digits = useCurrencyDigits();
  if (diff.length === 0) return null;
  return (
    <div className="diff">
      {title && <h3>{title}</h3>}
      <ul className="plain-list">
        {diff.map((d) => (
          <li key={d.path} className="diff-row">
            <strong>{fieldLabel(d.path, locale, t)}</strong>
            <br />
            <span>
              {t('contracts.before')}: <del>{diffValue(d.path, d.before, currency, digits, locale, t)}</del>
            </span>{' '}
            <span aria-hidden="true">{locale === 'ar' ? '←' : '→'}</span>{' '}
            <span>
              {t('contracts.after')}: <ins>{diffValue(d.path, d.after, currency, digits, locale, t)}</ins>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The status timeline of a version (both nodes keep one). */
export function History({ history }: { history: { status: ContractStatus; at: string; note: string | null }[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('contracts.historyTitle')}</h2>
      <ol className="timeline">
        {history.map((h, i) => (
          <li key={i}>
            <StatusText status={h.status} /> · <time dateTime={h.at}>{formatDateTime(h.at, locale)}</time>
            {h.note && <p className="small">{h.note}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A QR code (ISO/IEC 18004, error correction M) drawn as SVG; `label` is its accessible name. */
export function QrCode({ text, label, size = 220 }: { text: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    let d = '';
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(y, x)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    return { d, n: n + 8 };
  }, [text]);
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${path.n} ${path.n}`} width={size} height={size} shapeRendering="crispEdges">
      <rect width={path.n} height={path.n} fill="#ffffff" />
      <path d={path.d} fill="#000000" />
    </svg>
  );
}

/**
 * A button that opens a reason box, then sends the reason (min 3 characters, as the API requires). Used
 * for refusing, cancelling, withdrawing and the worker's amendment request.
 */
export function ReasonAction({ id, label, confirmLabel, hint, onSubmit, busy, minLength = 3 }: { id: string; label: string; confirmLabel: string; hint?: string; onSubmit: (reason: string) => Promise<void>; busy: boolean; minLength?: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  if (!open) {
    return (
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)} disabled={busy}>
        {label}
      </button>
    );
  }
  return (
    <form
      className="form reason-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < minLength) return setTooShort(true);
        setTooShort(false);
        void onSubmit(reason.trim()).then(() => setOpen(false));
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('contracts.reason')}</label>
        {hint && (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        <textarea
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={2000}
          aria-invalid={tooShort ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : '', tooShort ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
        />
        {tooShort && (
          <p className="field-error" id={`${id}-error`}>
            {t('contracts.reasonRequired')}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
          {t('contracts.back')}
        </button>
      </div>
    </form>
  );
}

/** Contract title for lists: the job title in the UI language. */
export function contractTitle(terms: ContractTerms, locale: UiLocale): string {
  return locale === 'ar' ? terms.titleAr : terms.titleEn || terms.titleAr;
}

export { formatDate, formatDateTime };

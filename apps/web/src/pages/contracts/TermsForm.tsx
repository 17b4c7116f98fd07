import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractDraftInput, ContractTerms, ProblemDetails } from '@rabt/contracts';
import { ProblemError } from '../../api/client.ts';
import { Field } from '../../ui/forms.tsx';
import { CityField } from '../employer/CityField.tsx';
import { minorToInput, parseMoney, parseWhole } from '../employer/common.tsx';

/**
 * The employer's contract terms form (a draft, or the terms registered at destination): the editable part
 * of a contract (ContractDraftInput) held as typed text, so that Arabic-Indic digits and decimal amounts
 * in the contract's currency can be typed and converted on save.
 */
export interface TermsState {
  workplaceCity: string;
  startDate: string;
  durationMonths: string;
  probationDays: string;
  wage: string;
  housing: string;
  transport: string;
  food: string;
  hoursPerWeek: string;
  restDaysPerWeek: string;
  annualLeaveDays: string;
  annualTicket: boolean;
  endOfService: boolean;
  medicalInsurance: boolean;
  recruitmentCostsBorneByEmployer: boolean;
  workerCosts: { item: string; amount: string }[];
  agencyLicence: string;
  agencyName: string;
  agencyFee: string;
  passportNumber: string;
  extraClauses: { ar: string; en: string }[];
  destinationReference: string;
}

const NUMBERS = ['durationMonths', 'probationDays', 'hoursPerWeek', 'restDaysPerWeek', 'annualLeaveDays'] as const;
const BOOLEANS = ['annualTicket', 'endOfService', 'medicalInsurance', 'recruitmentCostsBorneByEmployer'] as const;

/** The form's text from a version's terms; clauses after the template's are the employer's own. */
export function stateFromTerms(terms: ContractTerms, digits: number, templateClauseCount: number): TermsState {
  const m = (x: { amountMinor: number } | null) => minorToInput(x?.amountMinor ?? null, digits);
  return {
    workplaceCity: terms.workplaceCity,
    startDate: terms.startDate,
    durationMonths: String(terms.durationMonths),
    probationDays: String(terms.probationDays),
    wage: m(terms.wage),
    housing: m(terms.allowances.housing),
    transport: m(terms.allowances.transport),
    food: m(terms.allowances.food),
    hoursPerWeek: String(terms.hoursPerWeek),
    restDaysPerWeek: String(terms.restDaysPerWeek),
    annualLeaveDays: String(terms.annualLeaveDays),
    annualTicket: terms.annualTicket,
    endOfService: terms.endOfService,
    medicalInsurance: terms.medicalInsurance,
    recruitmentCostsBorneByEmployer: terms.recruitmentCostsBorneByEmployer,
    workerCosts: terms.workerCosts.map((c) => ({ item: c.item, amount: m(c.amount) })),
    agencyLicence: terms.agency?.licenceNumber ?? '',
    agencyName: terms.agency?.nameAr ?? '',
    agencyFee: m(terms.agencyFee),
    passportNumber: terms.worker.passportNumber ?? '',
    extraClauses: terms.clauses.slice(templateClauseCount).map((c) => ({ ...c })),
    destinationReference: terms.destinationReference ?? '',
  };
}

function invalid(fields: string[]): ProblemError {
  const problem: ProblemDetails = {
    type: 'about:blank',
    title: 'Some fields are not valid.',
    status: 400,
    code: 'validation_failed',
    titles: { ar: 'بعض الحقول غير صحيحة.', en: 'Some fields are not valid.' },
    errors: fields.map((k) => ({ pointer: `/${k}`, code: 'invalid_format', message: { ar: 'أدخل رقمًا صحيحًا.', en: 'Enter a valid number.' } })),
    correlationId: '',
  };
  return new ProblemError(problem);
}

/** Converts the form to a ContractDraftInput (amounts to minor units of `currency`); throws a field-error problem for bad numbers. */
export function toDraftInput(s: TermsState, currency: string, digits: number): ContractDraftInput {
  const bad: string[] = [];
  const money = (name: string, text: string, required = false) => {
    const n = parseMoney(text, digits);
    if (n === null) {
      if (required) bad.push(name);
      return null;
    }
    if (Number.isNaN(n)) {
      bad.push(name);
      return null;
    }
    return { amountMinor: n, currency };
  };
  const whole = (name: (typeof NUMBERS)[number]) => {
    const n = parseWhole(s[name]);
    if (Number.isNaN(n)) bad.push(name);
    return n;
  };
  const numbers = Object.fromEntries(NUMBERS.map((k) => [k, whole(k)])) as Record<(typeof NUMBERS)[number], number>;
  const wage = money('wage', s.wage, true);
  const allowances = { housing: money('housing', s.housing), transport: money('transport', s.transport), food: money('food', s.food) };
  const workerCosts = s.workerCosts.map((c, i) => ({ item: c.item.trim(), amount: money(`workerCosts-${i}`, c.amount, true) }));
  const agencyFee = money('agencyFee', s.agencyFee);
  if (bad.length) throw invalid(bad);
  return {
    workplaceCity: s.workplaceCity.trim(),
    startDate: s.startDate,
    ...numbers,
    wage: wage!,
    allowances,
    annualTicket: s.annualTicket,
    endOfService: s.endOfService,
    medicalInsurance: s.medicalInsurance,
    recruitmentCostsBorneByEmployer: s.recruitmentCostsBorneByEmployer,
    workerCosts: workerCosts.map((c) => ({ item: c.item, amount: c.amount! })),
    agency: s.agencyLicence.trim() ? { licenceNumber: s.agencyLicence.trim(), nameAr: s.agencyName.trim() } : null,
    agencyFee,
    passportNumber: s.passportNumber.trim() ? s.passportNumber.trim().toUpperCase() : null,
    extraClauses: s.extraClauses.filter((c) => c.ar.trim() || c.en.trim()),
    destinationReference: s.destinationReference.trim() || null,
  };
}

/** The fields of a TermsState; `errs` are field errors by name (top-level pointer segment); `country` (ISO 3166-1) lists its cities for the workplace city. */
export function TermsFields({ value, onChange, currency, country, errs, idPrefix = 'f', children }: { value: TermsState; onChange: (next: TermsState) => void; currency: string; country?: string | undefined; errs: Record<string, string>; idPrefix?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const set = <K extends keyof TermsState>(k: K, v: TermsState[K]) => onChange({ ...value, [k]: v });
  const text = (name: keyof TermsState, label: string, extra: Record<string, unknown> = {}) => (
    <Field idPrefix={idPrefix} name={name} label={label} error={errs[name]} value={value[name] as string} onChange={(e) => set(name, e.target.value as never)} {...extra} />
  );
  const num = { inputMode: 'numeric', dir: 'ltr', required: true } as const;
  const amount = { inputMode: 'decimal', dir: 'ltr', autoComplete: 'off' } as const;
  return (
    <>
      <fieldset>
        <legend>{t('contracts.sections.work')}</legend>
        <CityField idPrefix={idPrefix} country={country} name="workplaceCity" label={t('contracts.fields.workplaceCity')} error={errs.workplaceCity} value={value.workplaceCity} onChange={(city) => set('workplaceCity', city)} />
        {text('startDate', t('contracts.fields.startDate'), { type: 'date', dir: 'ltr', required: true })}
        {text('durationMonths', t('contracts.form.durationMonths'), num)}
        {text('probationDays', t('contracts.form.probationDays'), num)}
        {text('hoursPerWeek', t('contracts.fields.hoursPerWeek'), num)}
        {text('restDaysPerWeek', t('contracts.fields.restDaysPerWeek'), num)}
        {text('annualLeaveDays', t('contracts.form.annualLeaveDays'), num)}
        {text('passportNumber', t('contracts.fields.passportNumber'), { dir: 'ltr', autoComplete: 'off', maxLength: 12 })}
      </fieldset>
      <fieldset>
        <legend>{t('contracts.sections.pay')}</legend>
        <p className="hint">{t('contracts.form.moneyHint', { currency })}</p>
        {text('wage', t('contracts.form.amount', { field: t('contracts.fields.wage'), currency }), { ...amount, required: true })}
        {text('housing', t('contracts.form.amount', { field: t('contracts.fields.housing'), currency }), amount)}
        {text('transport', t('contracts.form.amount', { field: t('contracts.fields.transport'), currency }), amount)}
        {text('food', t('contracts.form.amount', { field: t('contracts.fields.food'), currency }), amount)}
        {BOOLEANS.map((b) => (
          <div className="check" key={b}>
            <input type="checkbox" id={`${idPrefix}-${b}`} checked={value[b]} onChange={(e) => set(b, e.target.checked)} />
            <label htmlFor={`${idPrefix}-${b}`}>{t(`contracts.fields.${b}`)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('contracts.fields.workerCosts')}</legend>
        <p className="hint">{t('contracts.form.workerCostsHint')}</p>
        {value.workerCosts.map((c, i) => (
          <div className="list-row" key={i}>
            <Field idPrefix={`${idPrefix}-wc${i}`} name="item" label={t('contracts.form.costItem', { n: i + 1 })} value={c.item} onChange={(e) => set('workerCosts', value.workerCosts.map((x, j) => (j === i ? { ...x, item: e.target.value } : x)))} />
            <Field
              idPrefix={`${idPrefix}-wc${i}`}
              name="amount"
              label={t('contracts.form.amount', { field: t('contracts.form.costAmount', { n: i + 1 }), currency })}
              error={errs[`workerCosts-${i}`]}
              value={c.amount}
              onChange={(e) => set('workerCosts', value.workerCosts.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))}
              {...amount}
            />
            <button type="button" className="btn btn-secondary btn-small" onClick={() => set('workerCosts', value.workerCosts.filter((_, j) => j !== i))}>
              {t('contracts.form.removeCost', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-secondary btn-small" onClick={() => set('workerCosts', [...value.workerCosts, { item: '', amount: '' }])}>
          {t('contracts.form.addCost')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('contracts.form.agency')}</legend>
        <p className="hint">{t('contracts.form.agencyHint')}</p>
        {text('agencyLicence', t('contracts.form.agencyLicence'), { dir: 'ltr', autoComplete: 'off' })}
        {text('agencyName', t('contracts.form.agencyName'), { lang: 'ar', dir: 'rtl' })}
        {text('agencyFee', t('contracts.form.amount', { field: t('contracts.fields.agencyFee'), currency }), amount)}
      </fieldset>
      <fieldset>
        <legend>{t('contracts.form.extraClauses')}</legend>
        <p className="hint">{t('contracts.form.extraClausesHint')}</p>
        {value.extraClauses.map((c, i) => (
          <div className="list-row" key={i}>
            <div className="field">
              <label htmlFor={`${idPrefix}-cl${i}-ar`}>{t('contracts.form.clauseAr', { n: i + 1 })}</label>
              <textarea id={`${idPrefix}-cl${i}-ar`} lang="ar" dir="rtl" rows={3} maxLength={4000} value={c.ar} onChange={(e) => set('extraClauses', value.extraClauses.map((x, j) => (j === i ? { ...x, ar: e.target.value } : x)))} />
            </div>
            <div className="field">
              <label htmlFor={`${idPrefix}-cl${i}-en`}>{t('contracts.form.clauseEn', { n: i + 1 })}</label>
              <textarea id={`${idPrefix}-cl${i}-en`} lang="en" dir="ltr" rows={3} maxLength={4000} value={c.en} onChange={(e) => set('extraClauses', value.extraClauses.map((x, j) => (j === i ? { ...x, en: e.target.value } : x)))} />
            </div>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => set('extraClauses', value.extraClauses.filter((_, j) => j !== i))}>
              {t('contracts.form.removeClause', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-secondary btn-small" onClick={() => set('extraClauses', [...value.extraClauses, { ar: '', en: '' }])}>
          {t('contracts.form.addClause')}
        </button>
      </fieldset>
      {children}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SKILL_LEVELS, type JobOrder } from '@rabt/contracts';
import { ProblemError, api, fieldErrors } from '../../api/client.ts';
import { Field, ProblemAlert, SelectField, formValues } from '../../ui/forms.tsx';
import { useLoad, useLocale, useOccupationSearch, usePageTitle } from '../../ui/hooks.ts';
import { useApp } from '../../session.tsx';
import { CityField } from './CityField.tsx';
import { EmployerNav, RequireEmployer, minorToInput, parseMoney, parseWhole, useNodeCurrency } from './common.tsx';

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
const LANGUAGES = ['ar', 'en', 'fr', 'ur', 'hi'] as const;

/** ISCO-08 unit-group search (our occupation index, Arabic and English) with a chosen code. */
function OccupationField({ value, onChange, error }: { value: { code: string; title: string } | null; onChange: (o: { code: string; title: string }) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { q, setQ, results } = useOccupationSearch({ limit: 8, unitGroups: true });
  return (
    <fieldset className="field">
      <legend>{t('employer.occupation')}</legend>
      <p className="hint" id="occ-hint">
        {t('employer.occupationHint')}
      </p>
      <label htmlFor="occ-search">{t('employer.occupationSearch')}</label>
      <input id="occ-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="occ-hint" autoComplete="off" maxLength={100} aria-invalid={error ? true : undefined} />
      {results.data && results.data.length > 0 && (
        <ul className="plain-list picker">
          {results.data.map((o) => (
            <li key={o.code}>
              <button type="button" className="link-button" onClick={() => onChange({ code: o.code, title: locale === 'ar' ? o.titleAr : o.titleEn })}>
                <bdi dir="ltr">{o.code}</bdi> {locale === 'ar' ? o.titleAr : o.titleEn}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" aria-live="polite">
        {value ? t('employer.chosenOccupation', { code: value.code, title: value.title }) : ''}
      </p>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

function Form({ existing }: { existing: JobOrder | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const money = useNodeCurrency();
  const { node } = useApp();
  const [city, setCity] = useState(existing?.city ?? '');
  const [occupation, setOccupation] = useState<{ code: string; title: string } | null>(
    existing ? { code: existing.isco, title: locale === 'ar' ? existing.occupationTitleAr : existing.occupationTitleEn } : null,
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);
  if (!money) return <p>{t('common.loading')}</p>;
  const { currency, minorUnits } = money;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const checked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
    const amount = (name: string) => {
      const n = parseMoney(v[name] ?? '', minorUnits);
      return n === null ? null : { amountMinor: n, currency };
    };
    const wage = amount('wage');
    const numbers = ['positions', 'hoursPerWeek', 'restDaysPerWeek', 'contractMonths', 'probationDays', 'minYears'].map((k) => [k, parseWhole(v[k] ?? '')] as const);
    const bad = [...numbers.filter(([, n]) => Number.isNaN(n)).map(([k]) => k), ...['wage', 'housing', 'transport', 'food'].filter((k) => Number.isNaN(amount(k)?.amountMinor))];
    if (!wage) bad.push('wage');
    if (bad.length) {
      setError(
        new ProblemError({
          type: 'about:blank',
          title: t('employer.numberInvalid'),
          status: 400,
          code: 'validation_failed',
          titles: { ar: 'بعض الحقول غير صحيحة.', en: 'Some fields are not valid.' },
          errors: bad.map((k) => ({ pointer: `/${k}`, code: 'invalid_format', message: { ar: 'أدخل رقمًا صحيحًا.', en: 'Enter a valid number.' } })),
          correlationId: '',
        }),
      );
      return;
    }
    const n = Object.fromEntries(numbers);
    const body = {
      isco: occupation?.code ?? '',
      titleAr: v.titleAr ?? '',
      titleEn: v.titleEn ?? '',
      positions: n.positions,
      wage,
      allowances: { housing: amount('housing'), transport: amount('transport'), food: amount('food') },
      hoursPerWeek: n.hoursPerWeek,
      restDaysPerWeek: n.restDaysPerWeek,
      contractMonths: n.contractMonths,
      probationDays: n.probationDays,
      city,
      requirements: {
        minYears: n.minYears,
        languages: v.language ? [{ language: v.language, level: v.languageLevel || 'A1' }] : [],
        certificateLevel: v.certificateLevel || null,
        notesAr: v.notesAr ?? '',
      },
      benefits: { annualTicket: checked('annualTicket'), endOfService: checked('endOfService'), medicalInsurance: checked('medicalInsurance') },
      recruitmentCostsBorneByEmployer: checked('employerPays'),
    };
    setBusy(true);
    setError(null);
    try {
      if (existing) await api('PUT', `/api/v1/employer/job-orders/${existing.id}`, body);
      else await api('POST', '/api/v1/employer/job-orders', body);
      await navigate('/employer/job-orders', { state: { saved: true } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const req = existing?.requirements;
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ProblemAlert error={error} />
      <OccupationField value={occupation} onChange={setOccupation} error={errs.isco} />
      <Field name="titleAr" label={t('employer.titleAr')} error={errs.titleAr} defaultValue={existing?.titleAr} lang="ar" dir="rtl" required />
      <Field name="titleEn" label={t('employer.titleEn')} error={errs.titleEn} defaultValue={existing?.titleEn} lang="en" dir="ltr" />
      <Field name="positions" label={t('employer.positions')} error={errs.positions} defaultValue={existing?.positions ?? ''} inputMode="numeric" dir="ltr" required />
      <Field name="wage" label={t('employer.wage', { currency })} hint={t('employer.moneyHint')} error={errs.wage} defaultValue={minorToInput(existing?.wage.amountMinor, minorUnits)} inputMode="decimal" dir="ltr" required />
      <Field name="housing" label={t('employer.housing', { currency })} error={errs.allowances ?? errs.housing} defaultValue={minorToInput(existing?.allowances.housing?.amountMinor, minorUnits)} inputMode="decimal" dir="ltr" />
      <Field name="transport" label={t('employer.transport', { currency })} error={errs.transport} defaultValue={minorToInput(existing?.allowances.transport?.amountMinor, minorUnits)} inputMode="decimal" dir="ltr" />
      <Field name="food" label={t('employer.food', { currency })} error={errs.food} defaultValue={minorToInput(existing?.allowances.food?.amountMinor, minorUnits)} inputMode="decimal" dir="ltr" />
      <Field name="hoursPerWeek" label={t('employer.hoursPerWeek')} error={errs.hoursPerWeek} defaultValue={existing?.hoursPerWeek ?? 48} inputMode="numeric" dir="ltr" required />
      <Field name="restDaysPerWeek" label={t('employer.restDays')} error={errs.restDaysPerWeek} defaultValue={existing?.restDaysPerWeek ?? 1} inputMode="numeric" dir="ltr" required />
      <Field name="contractMonths" label={t('employer.contractMonths')} error={errs.contractMonths} defaultValue={existing?.contractMonths ?? 24} inputMode="numeric" dir="ltr" required />
      <Field name="probationDays" label={t('employer.probationDays')} error={errs.probationDays} defaultValue={existing?.probationDays ?? 90} inputMode="numeric" dir="ltr" required />
      <CityField country={node?.country} name="city" label={t('employer.city')} error={errs.city} value={city} onChange={setCity} />
      <Field name="minYears" label={t('employer.minYears')} error={errs.requirements ?? errs.minYears} defaultValue={req?.minYears ?? 0} inputMode="numeric" dir="ltr" required />
      <SelectField name="language" label={t('employer.language')} defaultValue={req?.languages[0]?.language ?? ''}>
        <option value="">{t('employer.none')}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {new Intl.DisplayNames([locale], { type: 'language' }).of(l)}
          </option>
        ))}
      </SelectField>
      <SelectField name="languageLevel" label={t('employer.languageLevel')} defaultValue={req?.languages[0]?.level ?? 'B1'}>
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </SelectField>
      <SelectField name="certificateLevel" label={t('employer.certificateLevel')} defaultValue={req?.certificateLevel ?? ''}>
        <option value="">{t('employer.none')}</option>
        {SKILL_LEVELS.map((l) => (
          <option key={l} value={l}>
            {t(`employer.skillLevels.${l}`)}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label htmlFor="f-notesAr">{t('employer.notesAr')}</label>
        <textarea id="f-notesAr" name="notesAr" defaultValue={req?.notesAr ?? ''} maxLength={2000} rows={3} lang="ar" dir="rtl" />
      </div>
      <fieldset className="field">
        <legend>{t('employer.benefits')}</legend>
        {(['annualTicket', 'endOfService', 'medicalInsurance'] as const).map((b) => (
          <div className="check" key={b}>
            <input type="checkbox" id={`f-${b}`} name={b} defaultChecked={existing ? existing.benefits[b] : true} />
            <label htmlFor={`f-${b}`}>{t(`employer.${b === 'medicalInsurance' ? 'medical' : b}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <div className="check">
          <input type="checkbox" id="f-employerPays" name="employerPays" defaultChecked={existing !== null} aria-describedby="f-employerPays-hint" aria-invalid={errs.recruitmentCostsBorneByEmployer ? true : undefined} />
          <label htmlFor="f-employerPays">{t('employer.employerPays')}</label>
        </div>
        <p className="hint" id="f-employerPays-hint">
          {t('employer.employerPaysHint')}
        </p>
        {errs.recruitmentCostsBorneByEmployer && <p className="field-error">{errs.recruitmentCostsBorneByEmployer}</p>}
      </div>
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {t('employer.save')}
      </button>
    </form>
  );
}

export function JobOrderFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const title = id ? t('employer.editTitle') : t('employer.formTitle');
  usePageTitle(title);
  const existing = useLoad<JobOrder>(id ? `/api/v1/employer/job-orders/${id}` : null);
  return (
    <RequireEmployer title={title}>
      {() => (
        <>
          <h1>{title}</h1>
          <EmployerNav />
          <ProblemAlert error={existing.error} />
          {id && !existing.data ? !existing.error && <p>{t('common.loading')}</p> : <Form existing={existing.data ?? null} />}
        </>
      )}
    </RequireEmployer>
  );
}

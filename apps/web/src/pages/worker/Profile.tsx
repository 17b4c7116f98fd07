import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseLocaleInteger, parseMinorUnits, type Country, type Occupation, type WorkerProfile } from '@rabt/contracts';
import { api, fieldErrors, ProblemError } from '../../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, formValues } from '../../ui/forms.tsx';
import { useLoad, useLocale, useOccupationSearch, usePageTitle } from '../../ui/hooks.ts';
import { currencyLabel, localDigits, minorPerMajor, RequireCitizen, WorkerNav } from './common.tsx';

const EDUCATION = ['none', 'primary', 'preparatory', 'secondary', 'technical_secondary', 'post_secondary', 'bachelor', 'master', 'doctorate'] as const;
const LANGS = ['ar', 'en', 'fr', 'de', 'it'] as const;
const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;

/** A parsed number, or the text as typed when it is not one (JSON has no NaN: it would be sent as null). */
const numberOrText = (n: number, typed: string): number | string => (Number.isNaN(n) ? typed : n);

export function WorkerProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('exchange.profileTitle'));
  return <RequireCitizen title={t('exchange.profileTitle')}>{() => <ProfileEditor />}</RequireCitizen>;
}

function OccupationPicker({ onPick }: { onPick: (o: Occupation) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { q, setQ, results } = useOccupationSearch({ limit: 8, unitGroups: true });
  return (
    <div className="field">
      <label htmlFor="occ-search">{t('exchange.occupationSearch')}</label>
      <p className="hint" id="occ-search-hint">
        {t('exchange.occupationHint')}
      </p>
      <input id="occ-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="occ-search-hint" autoComplete="off" maxLength={100} />
      {results.data && results.data.length > 0 && (
        <ul className="picker-results">
          {results.data.map((o) => (
            <li key={o.code}>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => {
                  onPick(o);
                  setQ('');
                }}
              >
                {t('exchange.add')}: <bdi dir="ltr">{localDigits(o.code, locale)}</bdi> {locale === 'ar' ? o.titleAr : o.titleEn}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProfileEditor() {
  const { t } = useTranslation();
  const locale = useLocale();
  const loaded = useLoad<WorkerProfile>('/api/v1/worker/profile');
  const countries = useLoad<Country[]>('/api/v1/countries');
  const [occupations, setOccupations] = useState<{ isco: string; years: string; titleAr: string; titleEn: string }[] | null>(null);
  const [profile, setProfile] = useState<WorkerProfile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const p = profile ?? loaded.data;
  const occ = occupations ?? p?.occupations.map((o) => ({ ...o, years: String(o.years) })) ?? [];
  const errs = fieldErrors(error, locale);
  const expiryError = error instanceof ProblemError ? error.problem.errors?.find((e) => e.pointer === '/passport/expiry')?.message[locale] : undefined;

  if (!p) return loaded.error ? <ProblemAlert error={loaded.error} /> : <p>{t('common.loading')}</p>;

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const currency = v.wageCurrency ?? 'SAR';
      const amount = parseMinorUnits(v.wageAmount ?? '', Math.round(Math.log10(minorPerMajor(currency))));
      const body = {
        version: p!.version,
        // Not a number: the text goes as typed, so that the API names the field.
        occupations: occ.map((o) => ({ isco: o.isco, years: numberOrText(parseLocaleInteger(o.years) ?? 0, o.years) })),
        skills: (v.skills ?? '').split(/[,،]/).map((s) => s.trim()).filter(Boolean),
        education: v.education ? v.education : null,
        languages: LANGS.filter((l) => v[`lang-${l}`]).map((l) => ({ language: l, level: v[`lang-${l}`] ?? '' })),
        preferredCountries: data.getAll('preferredCountries').filter((x): x is string => typeof x === 'string'),
        expectedWage: amount === null ? null : { amountMinor: numberOrText(amount, v.wageAmount ?? ''), currency },
        availableFrom: v.availableFrom ? v.availableFrom : null,
        passport: v.passportNumber ? { number: v.passportNumber, expiry: v.passportExpiry ?? '' } : null,
      };
      const next = await api<WorkerProfile>('PUT', '/api/v1/worker/profile', body);
      setProfile(next);
      setOccupations(null);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const partnerCountries = (countries.data ?? []).filter((c) => c.iso2 !== 'EG');
  return (
    <>
      <h1>{t('exchange.profileTitle')}</h1>
      <WorkerNav />
      <p>{t('exchange.profileIntro')}</p>
      <p>
        <strong>{t('exchange.completeness', { percent: new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB').format(p.completeness.percent) })}</strong> · {t('exchange.version', { version: localDigits(p.version, locale) })}
      </p>
      {p.completeness.missing.length > 0 && (
        <section aria-labelledby="missing-title" className="alert alert-warn">
          <h2 id="missing-title">{t('exchange.missingTitle')}</h2>
          <ul>
            {p.completeness.missing.map((m, i) => (
              <li key={i}>{m.message[locale]}</li>
            ))}
          </ul>
        </section>
      )}
      {saved && <Notice>{t('common.saved')}</Notice>}
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void save(e)} key={p.version}>
        <fieldset>
          <legend>{t('exchange.occupations')}</legend>
          {occ.length === 0 && <p>{t('exchange.noOccupations')}</p>}
          {errs.occupations && <p className="field-error">{errs.occupations}</p>}
          {occ.map((o, i) => (
            <div className="occupation-row" key={o.isco}>
              <p>
                <bdi dir="ltr">{localDigits(o.isco, locale)}</bdi> {locale === 'ar' ? o.titleAr : o.titleEn}
              </p>
              <Field
                idPrefix={`occ-${o.isco}`}
                name="years"
                label={t('exchange.years')}
                inputMode="numeric"
                value={o.years}
                onChange={(e) => setOccupations(occ.map((x, j) => (j === i ? { ...x, years: e.target.value } : x)))}
              />
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setOccupations(occ.filter((_, j) => j !== i))}>
                {t('exchange.remove')} <span className="visually-hidden">{localDigits(o.isco, locale)}</span>
              </button>
            </div>
          ))}
          {occ.length < 5 && <OccupationPicker onPick={(o) => !occ.some((x) => x.isco === o.code) && setOccupations([...occ, { isco: o.code, years: '0', titleAr: o.titleAr, titleEn: o.titleEn }])} />}
        </fieldset>
        <Field name="skills" label={t('exchange.skills')} error={errs.skills} defaultValue={p.skills.join('، ')} />
        <SelectField name="education" label={t('exchange.education')} error={errs.education} defaultValue={p.education ?? ''}>
          <option value="">{t('exchange.educationNone')}</option>
          {EDUCATION.map((e) => (
            <option key={e} value={e}>
              {t(`exchange.educationLevels.${e}`)}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>{t('exchange.languages')}</legend>
          {LANGS.map((l) => (
            <SelectField key={l} name={`lang-${l}`} label={t(`exchange.langNames.${l}`)} defaultValue={p.languages.find((x) => x.language === l)?.level ?? ''}>
              <option value="">{t('exchange.notSpoken')}</option>
              {LEVELS.map((lv) => (
                <option key={lv} value={lv}>
                  {lv === 'native' ? t('employer.nativeLevel') : lv}
                </option>
              ))}
            </SelectField>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('exchange.preferredCountries')}</legend>
          {errs.preferredCountries && <p className="field-error">{errs.preferredCountries}</p>}
          <div className="check-grid">
            {partnerCountries.map((c) => (
              <div className="check" key={c.iso2}>
                <input type="checkbox" id={`pc-${c.iso2}`} name="preferredCountries" value={c.iso2} defaultChecked={p.preferredCountries.includes(c.iso2)} />
                <label htmlFor={`pc-${c.iso2}`}>{locale === 'ar' ? c.nameAr : c.nameEn}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('exchange.expectedWage')}</legend>
          <Field name="wageAmount" label={t('exchange.amount')} error={errs.expectedWage} inputMode="decimal" defaultValue={p.expectedWage ? String(p.expectedWage.amountMinor / minorPerMajor(p.expectedWage.currency)) : ''} dir="ltr" />
          {/* Remounted when the partner list arrives: a select's defaultValue only applies to options present at mount. */}
          <SelectField key={`currency-${partnerCountries.length}`} name="wageCurrency" label={t('exchange.currency')} defaultValue={p.expectedWage?.currency ?? 'SAR'}>
            {[...new Set([...(p.expectedWage ? [p.expectedWage.currency] : []), ...partnerCountries.map((c) => c.currency), 'USD'])].map((c) => (
              <option key={c} value={c}>
                {currencyLabel(c, locale)}
              </option>
            ))}
          </SelectField>
        </fieldset>
        <Field name="availableFrom" type="date" label={t('exchange.availableFrom')} error={errs.availableFrom} defaultValue={p.availableFrom ?? ''} />
        <fieldset>
          <legend>{t('exchange.passport')}</legend>
          <Field name="passportNumber" label={t('exchange.passportNumber')} error={expiryError ? undefined : errs.passport} defaultValue={p.passport?.number ?? ''} dir="ltr" autoComplete="off" />
          <Field name="passportExpiry" type="date" label={t('exchange.passportExpiry')} error={expiryError} defaultValue={p.passport?.expiry ?? ''} />
        </fieldset>
        <section aria-labelledby="cert-title">
          <h2 id="cert-title">{t('exchange.certificates')}</h2>
          {p.certificates.length === 0 ? (
            <p>{t('exchange.noCertificates')}</p>
          ) : (
            <ul>
              {p.certificates.map((c, i) => (
                <li key={i}>
                  {t(`employer.certificateKinds.${c.kind}`)}: {locale === 'ar' ? c.titleAr : c.titleEn}
                  {c.level && ` (${c.kind === 'training' ? t('employer.courseLevel', { level: t(`employer.skillLevels.${c.level}`) }) : t(`employer.skillLevels.${c.level}`)})`}
                </li>
              ))}
            </ul>
          )}
        </section>
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}

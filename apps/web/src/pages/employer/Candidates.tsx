import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { normalizeDigits, SKILL_LEVELS, type CandidatePage, type Occupation } from '@rabt/contracts';
import { Field, ProblemAlert, SelectField, formValues } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { EmployerNav, RequireEmployer } from './common.tsx';
import { CandidateFacts } from './CandidateSummary.tsx';

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;

function Search() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const [occQuery, setOccQuery] = useState('');
  const occupations = useLoad<Occupation[]>(occQuery.trim().length >= 2 && !/^\d{4}$/.test(normalizeDigits(occQuery.trim())) ? `/api/v1/occupations?q=${encodeURIComponent(occQuery.trim())}&level=4&limit=6` : null);
  const qs = params.toString();
  const results = useLoad<CandidatePage>(params.get('isco') ? `/api/v1/employer/candidates?${qs}` : null);
  const page = Number(params.get('page') ?? '1');

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const next = new URLSearchParams();
    const isco = normalizeDigits(v.isco ?? '').trim();
    next.set('isco', isco);
    for (const k of ['minYears', 'language', 'level', 'certificateLevel', 'availableBy'] as const) {
      const value = normalizeDigits(v[k] ?? '').trim();
      if (value && !(k === 'level' && !v.language)) next.set(k, value);
    }
    setParams(next);
  }
  const go = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };

  return (
    <>
      <form className="form search-form" role="search" noValidate onSubmit={submit}>
        <Field
          name="isco"
          label={t('employer.occupation')}
          hint={t('employer.occupationHint')}
          defaultValue={params.get('isco') ?? ''}
          onChange={(e) => setOccQuery(e.target.value)}
          list="isco-options"
          autoComplete="off"
          dir="ltr"
          required
        />
        <datalist id="isco-options">
          {occupations.data?.map((o) => (
            <option key={o.code} value={o.code}>
              {locale === 'ar' ? o.titleAr : o.titleEn}
            </option>
          ))}
        </datalist>
        <Field name="minYears" label={t('employer.minYears')} defaultValue={params.get('minYears') ?? ''} inputMode="numeric" dir="ltr" />
        <SelectField name="language" label={t('employer.language')} defaultValue={params.get('language') ?? ''}>
          <option value="">{t('employer.none')}</option>
          {['ar', 'en', 'fr'].map((l) => (
            <option key={l} value={l}>
              {new Intl.DisplayNames([locale], { type: 'language' }).of(l)}
            </option>
          ))}
        </SelectField>
        <SelectField name="level" label={t('employer.languageLevel')} defaultValue={params.get('level') ?? 'A1'}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l === 'native' ? t('employer.nativeLevel') : l}
            </option>
          ))}
        </SelectField>
        <SelectField name="certificateLevel" label={t('employer.certificateLevel')} hint={t('employer.certificateLevelHint')} defaultValue={params.get('certificateLevel') ?? ''}>
          <option value="">{t('employer.none')}</option>
          {SKILL_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`employer.skillLevels.${l}`)}
            </option>
          ))}
        </SelectField>
        <Field name="availableBy" label={t('employer.availableBy')} type="date" defaultValue={params.get('availableBy') ?? ''} dir="ltr" />
        <button className="btn btn-primary" type="submit">
          {t('employer.search')}
        </button>
      </form>
      <ProblemAlert error={results.error} />
      <p role="status" aria-live="polite" className="result-count">
        {results.data ? (results.data.items.length ? t('employer.resultsCount', { count: results.data.items.length }) : t('employer.noResults')) : ''}
      </p>
      {results.data && results.data.items.length > 0 && (
        <section aria-label={t('employer.results')}>
          <ol className="plain-list cards" start={(page - 1) * results.data.pageSize + 1}>
            {results.data.items.map((c) => (
              <li key={c.profileId}>
                <article className="card" aria-labelledby={`c-${c.profileId}`}>
                  <h2 id={`c-${c.profileId}`}>
                    {t(`employer.tiers.${c.tier}`)}: <bdi dir="ltr">{c.matched.isco}</bdi> {locale === 'ar' ? c.matched.titleAr : c.matched.titleEn}
                  </h2>
                  <p className="small">{t('employer.reasons')}:</p>
                  <ul className="reasons">
                    {c.reasons.map((r) => (
                      <li key={r.en}>{r[locale]}</li>
                    ))}
                  </ul>
                  <CandidateFacts c={c} />
                  <p>
                    <Link to={`/employer/candidates/${c.profileId}`}>{t('employer.open')}</Link>
                  </p>
                </article>
              </li>
            ))}
          </ol>
          <nav className="pager" aria-label={t('employer.page', { page })}>
            <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => go(page - 1)}>
              {t('employer.previous')}
            </button>
            <span>{t('employer.page', { page })}</span>
            <button type="button" className="btn btn-secondary" disabled={!results.data.hasMore} onClick={() => go(page + 1)}>
              {t('employer.next')}
            </button>
          </nav>
        </section>
      )}
    </>
  );
}

export function CandidatesPage() {
  const { t } = useTranslation();
  usePageTitle(t('employer.candidatesTitle'));
  return (
    <RequireEmployer title={t('employer.candidatesTitle')}>
      {() => (
        <>
          <h1>{t('employer.candidatesTitle')}</h1>
          <EmployerNav />
          <p>{t('employer.candidatesIntro')}</p>
          <Search />
        </>
      )}
    </RequireEmployer>
  );
}

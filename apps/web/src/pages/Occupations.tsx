import { useTranslation } from 'react-i18next';
import { ProblemAlert, TableWrap } from '../ui/forms.tsx';
import { useOccupationSearch, usePageTitle } from '../ui/hooks.ts';

export function OccupationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('occupations.title'));
  const { q, setQ, results } = useOccupationSearch({ limit: 20, listWhenEmpty: true });

  return (
    <>
      <h1>{t('occupations.title')}</h1>
      <p>{t('occupations.intro')}</p>
      <form className="form search-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="occ-q">{t('occupations.search')}</label>
          <p className="hint" id="occ-q-hint">
            {t('occupations.hint')}
          </p>
          <input id="occ-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="occ-q-hint" autoComplete="off" maxLength={100} />
        </div>
      </form>
      <p role="status" aria-live="polite" className="result-count">
        {results.data ? t('occupations.count', { count: results.data.length }) : ''}
      </p>
      <ProblemAlert error={results.error} />
      {results.data && results.data.length > 0 && (
        <TableWrap label={t('occupations.results')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('occupations.code')}</th>
                <th scope="col">{t('occupations.titleAr')}</th>
                <th scope="col">{t('occupations.titleEn')}</th>
              </tr>
            </thead>
            <tbody>
              {results.data.map((o) => (
                <tr key={o.code}>
                  <td>
                    <bdi dir="ltr">{o.code}</bdi>
                  </td>
                  <td lang="ar" dir="rtl">
                    {o.titleAr}
                  </td>
                  <td lang="en" dir="ltr">
                    {o.titleEn}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { Recommendation } from '@rabt/contracts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { JobCard, RequireCitizen, WorkerNav } from './common.tsx';

export function WorkerRecommendationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('exchange.recommendationsTitle'));
  return <RequireCitizen title={t('exchange.recommendationsTitle')}>{() => <Recommendations />}</RequireCitizen>;
}

function Recommendations() {
  const { t } = useTranslation();
  const locale = useLocale();
  const recs = useLoad<Recommendation[]>('/api/v1/worker/recommendations');
  return (
    <>
      <h1>{t('exchange.recommendationsTitle')}</h1>
      <WorkerNav />
      <ProblemAlert error={recs.error} />
      {recs.loading && <p>{t('common.loading')}</p>}
      {recs.data?.length === 0 && <p>{t('exchange.noRecommendations')}</p>}
      {recs.data?.map((r) => (
        <JobCard key={r.jobOrder.id} job={r.jobOrder}>
          <ul className="reasons">
            {r.reasons.map((reason, i) => (
              <li key={i}>{reason[locale]}</li>
            ))}
          </ul>
        </JobCard>
      ))}
    </>
  );
}

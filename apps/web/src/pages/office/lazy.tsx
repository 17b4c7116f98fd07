import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

/** The dashboard page, fetched on first visit so recharts stays out of the main bundle. */
const Dashboard = lazy(() => import('./Dashboard.tsx'));

function Loading() {
  const { t } = useTranslation();
  return <p aria-live="polite">{t('common.loading')}</p>;
}

/** `/office/dashboard`, lazy-loaded (React.lazy + Suspense). */
export function LazyOfficeDashboardPage() {
  return (
    <Suspense fallback={<Loading />}>
      <Dashboard />
    </Suspense>
  );
}

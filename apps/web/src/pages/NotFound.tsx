import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../ui/hooks.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}

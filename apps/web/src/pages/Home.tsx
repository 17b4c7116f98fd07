import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../ui/hooks.ts';

const PARTS = ['eservices', 'elearning', 'offices', 'overseas', 'infoCentre'] as const;

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.home'));
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <section aria-labelledby="parts-title">
        <h2 id="parts-title">{t('home.partsTitle')}</h2>
        <ul className="parts">
          {PARTS.map((p) => (
            <li key={p}>{t(`home.parts.${p}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="start-title">
        <h2 id="start-title">{t('home.startTitle')}</h2>
        <ul className="actions">
          <li>
            <Link className="btn btn-primary" to="/register">
              {t('nav.register')}
            </Link>
          </li>
          <li>
            <Link className="btn btn-secondary" to="/sign-in">
              {t('nav.signIn')}
            </Link>
          </li>
          <li>
            <Link className="btn btn-secondary" to="/staff/sign-in">
              {t('nav.staffSignIn')}
            </Link>
          </li>
          <li>
            <Link className="btn btn-secondary" to="/occupations">
              {t('nav.occupations')}
            </Link>
          </li>
        </ul>
      </section>
    </>
  );
}

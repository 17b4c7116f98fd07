import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { del } from '../api/client.ts';
import { setLocale } from '../i18n/index.ts';
import { useApp } from '../session.tsx';
import { useLocale } from './hooks.ts';
import { CAN_LIST_STAFF, CAN_READ_AUDIT } from './roles.ts';
import { OfflineStatus } from '../offline/OfflineStatus.tsx';
import { rememberTrainee } from '../offline/queue.ts';

function NodeLine() {
  const { t } = useTranslation();
  const { node } = useApp();
  const locale = useLocale();
  if (!node?.country) return <p className="node-line">{t('app.ministry')}</p>;
  const country = node.country === 'EG' ? t('app.egypt') : (node.countryName?.[locale] ?? node.country);
  // Arabic names the node by its country («عقدة مصر»), not by its ISO code; English keeps the code («node EG»).
  const nodeName = locale === 'ar' ? (node.country === 'EG' ? t('app.egyptShort') : (node.countryName?.ar ?? node.country)) : node.country;
  return (
    <p className="node-line">
      {t('app.ministry')} — {country}
      {/* The node code repeats the country: kept whole on wide screens, dropped on phones (styles.css). */}
      <span className="node-code">
        {' · '}
        {t('app.node', { code: nodeName })}
      </span>
    </p>
  );
}

/** The header, main region and footer; `children` replaces the route's page (the route error page uses it). */
export function Layout({ children }: { children?: ReactNode } = {}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session, refreshSession, node } = useApp();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const firstPath = useRef(true);
  // Narrow screens: the links collapse behind a menu button (disclosure pattern, WAI-ARIA APG); wide ones never see the button.
  // The menu is open for the page it was opened on: following a link closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  function closeOnEscape(e: KeyboardEvent) {
    if (e.key === 'Escape' && menuOpen) {
      setMenuOpenOn(null);
      menuButton.current?.focus();
    }
  }

  // After client-side navigation, move focus to the new page's main region so screen readers start there.
  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);

  async function signOut() {
    await del('/api/v1/session').catch(() => undefined);
    // Completions made offline are no longer kept for this trainee once they signed out here.
    rememberTrainee(null);
    await navigate('/');
    await refreshSession();
  }

  const other = locale === 'ar' ? 'en' : 'ar';
  const staff = session?.kind === 'staff' ? session.staff : null;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="site-header">
        <div className="header-top">
          <div className="brand">
            <Link to="/" className="brand-name">
              {t('app.name')}
            </Link>
            <NodeLine />
          </div>
          <button type="button" className="btn btn-secondary lang-toggle" lang={other} onClick={() => setLocale(other)}>
            {t('lang.switchTo')}
          </button>
        </div>
        <nav aria-label={t('nav.main')} className={menuOpen ? 'main-nav open' : 'main-nav'} onKeyDown={closeOnEscape}>
          <button ref={menuButton} type="button" className="btn btn-secondary menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav-list" onClick={() => setMenuOpenOn(menuOpen ? null : pathname)}>
            <span aria-hidden="true" className="menu-icon">
              ☰
            </span>{' '}
            {t('nav.menu')}
          </button>
          <ul id="main-nav-list">
            <li>
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            </li>
            {session?.kind === 'anonymous' && (
              <>
                <li>
                  <NavLink to="/register">{t('nav.register')}</NavLink>
                </li>
                <li>
                  <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
                </li>
                <li>
                  <NavLink to="/staff/sign-in">{t('nav.staffSignIn')}</NavLink>
                </li>
              </>
            )}
            {session?.kind === 'anonymous' && node?.country && node.country !== 'EG' && (
              <li>
                <NavLink to="/employer/sign-in">{t('employer.navSignIn')}</NavLink>
              </li>
            )}
            {session?.kind === 'employer' && (
              <li>
                <NavLink to="/employer">{t('employer.navDashboard')}</NavLink>
              </li>
            )}
            {staff && node?.country && node.country !== 'EG' && ['overseas_officer', 'hq_admin'].includes(staff.role) && (
              <li>
                <NavLink to="/staff/employer-verification">{t('employer.navVerification')}</NavLink>
              </li>
            )}
            {session?.kind === 'citizen' && (
              <li>
                <NavLink to="/account">{t('nav.account')}</NavLink>
              </li>
            )}
            {session?.kind === 'citizen' && node?.country === 'EG' && (
              <li>
                <NavLink to="/worker/profile">{t('exchange.navProfile')}</NavLink>
              </li>
            )}
            {staff && (
              <>
                <li>
                  <NavLink to="/staff" end>
                    {t('nav.dashboard')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/staff/offices">{t('nav.offices')}</NavLink>
                </li>
                {CAN_LIST_STAFF.includes(staff.role) && (
                  <li>
                    <NavLink to="/staff/people">{t('nav.people')}</NavLink>
                  </li>
                )}
                {CAN_READ_AUDIT.includes(staff.role) && (
                  <li>
                    <NavLink to="/staff/audit">{t('nav.audit')}</NavLink>
                  </li>
                )}
              </>
            )}
            {staff && node?.country === 'EG' && ['overseas_officer', 'hq_admin', 'auditor'].includes(staff.role) && (
              <li>
                <NavLink to="/attestation">{t('exchange.navAttestation')}</NavLink>
              </li>
            )}
            {node?.country === 'EG' && (
              <li>
                <NavLink to="/jobs">{t('exchange.navJobs')}</NavLink>
              </li>
            )}
            {node?.country === 'EG' && (
              <>
                <li>
                  <NavLink to="/agencies">{t('agencies.navRegistry')}</NavLink>
                </li>
                <li>
                  <NavLink to="/report-broker">{t('agencies.navReport')}</NavLink>
                </li>
              </>
            )}
            {staff && node?.country === 'EG' && staff.role === 'hq_admin' && (
              <li>
                <NavLink to="/staff/agencies">{t('agencies.navStaffAgencies')}</NavLink>
              </li>
            )}
            {staff && node?.country === 'EG' && ['overseas_officer', 'hq_admin'].includes(staff.role) && (
              <li>
                <NavLink to="/staff/broker-reports">{t('agencies.navBrokerReports')}</NavLink>
              </li>
            )}
            {node?.country === 'EG' && (
              <li>
                <NavLink to="/services">{t('nav.eservices')}</NavLink>
              </li>
            )}
            {session?.kind === 'citizen' && node?.country === 'EG' && (
              <li>
                <NavLink to="/my-applications">{t('nav.myApplications')}</NavLink>
              </li>
            )}
            {staff && node?.country === 'EG' && ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'].includes(staff.role) && (
              <li>
                <NavLink to="/office/queue">{t('nav.officeQueue')}</NavLink>
              </li>
            )}
            {staff && node?.country === 'EG' && ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'].includes(staff.role) && (
              <li>
                <NavLink to="/office/dashboard">{t('nav.officeDashboard')}</NavLink>
              </li>
            )}
            {staff && node?.country === 'EG' && ['office_head', 'directorate_manager'].includes(staff.role) && (
              <li>
                <NavLink to="/office/import">{t('nav.officeImport')}</NavLink>
              </li>
            )}
            {staff && node?.country === 'EG' && ['hq_admin', 'directorate_manager', 'auditor'].includes(staff.role) && (
              <li>
                <NavLink to="/staff/testing-centres">{t('nav.testingCentres')}</NavLink>
              </li>
            )}
            {node?.country === 'EG' && (
              <li>
                <NavLink to="/courses">{t('nav.courses')}</NavLink>
              </li>
            )}
            {session?.kind === 'citizen' && node?.country === 'EG' && (
              <li>
                <NavLink to="/my-learning">{t('nav.myLearning')}</NavLink>
              </li>
            )}
            {staff && node?.country === 'EG' && ['trainer', 'training_centre_manager', 'training_hq'].includes(staff.role) && (
              <li>
                <NavLink to="/training">{t('nav.training')}</NavLink>
              </li>
            )}
            {node?.country === 'EG' && (
              <li>
                <NavLink to="/verify">{t('contracts.navVerify')}</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/occupations">{t('nav.occupations')}</NavLink>
            </li>
            {node?.devTools && (
              <li>
                <NavLink to="/dev/outbox">{t('nav.devOutbox')}</NavLink>
              </li>
            )}
            {session && session.kind !== 'anonymous' && (
              <li>
                <button type="button" className="link-button" onClick={() => void signOut()}>
                  {t('nav.signOut')}
                </button>
              </li>
            )}
          </ul>
        </nav>
        <OfflineStatus />
      </header>
      <main id="main" tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
      <footer className="site-footer">
        <p lang="ar" dir="rtl">
          {t('footer.esco')}
        </p>
        <p lang="en" dir="ltr">
          {t('footer.escoEn')}
        </p>
        <p>{t('footer.arabicTitles')}</p>
        <p>
          <Link to="/transparency">{t('transparency.footerLink')}</Link>
        </p>
      </footer>
    </>
  );
}

import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { parseLocaleInteger, parseMinorUnits, type Country, type EmployerAccount } from '@rabt/contracts';
import { useApp } from '../../session.tsx';
import { useLoad } from '../../ui/hooks.ts';

/** Renders `children` for a signed-in employer (verified when `verified`), else a sign-in prompt or the status. */
export function RequireEmployer({ title, verified = true, children }: { title: string; verified?: boolean; children: (employer: EmployerAccount) => ReactNode }) {
  const { t } = useTranslation();
  const { session } = useApp();
  if (!session) return <p>{t('common.loading')}</p>;
  if (session.kind !== 'employer') {
    return (
      <>
        <h1>{title}</h1>
        <p>{t('employer.signInEmployer')}</p>
        <p>
          <Link to="/employer/sign-in">{t('employer.navSignIn')}</Link>
        </p>
      </>
    );
  }
  if (verified && session.employer.status !== 'verified') {
    return (
      <>
        <h1>{title}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t(`employer.statuses.${session.employer.status}`)}</p>
        </div>
        <p>
          <Link to="/employer">{t('employer.navDashboard')}</Link>
        </p>
      </>
    );
  }
  return <>{children(session.employer)}</>;
}

/** Sub-navigation of the employer pages. */
export function EmployerNav() {
  const { t } = useTranslation();
  const links: [string, string][] = [
    ['/employer', t('employer.navDashboard')],
    ['/employer/job-orders', t('employer.navJobOrders')],
    ['/employer/candidates', t('employer.navCandidates')],
    ['/employer/invitations', t('employer.navInvitations')],
    ['/employer/contracts', t('contracts.navEmployer')],
  ];
  return (
    <nav aria-label={t('employer.menu')} className="sub-nav">
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** This node's currency and its minor units (ISO 4217), from the countries reference list. */
export function useNodeCurrency(): { currency: string; minorUnits: number } | null {
  const { node } = useApp();
  const countries = useLoad<Country[]>(node?.country ? '/api/v1/countries' : null);
  const c = countries.data?.find((x) => x.iso2 === node?.country);
  return c ? { currency: c.currency, minorUnits: c.currencyMinorUnits } : null;
}

/**
 * Money typed by a person (Western or Arabic-Indic digits, `.` or `٫` as the decimal point, `٬`, `,` or a space
 * between groups of three digits) as integer minor units; null when empty, NaN when not a number.
 * The one parser is `parseMinorUnits` in @rabt/contracts.
 */
export function parseMoney(input: string, minorUnits: number): number | null {
  return parseMinorUnits(input, minorUnits);
}

/** A whole number typed with any digits and grouping (`١٬٠٠٠`); NaN when empty or not one. */
export function parseWhole(input: string): number {
  return parseLocaleInteger(input) ?? NaN;
}

export function formatMoney(amountMinor: number, currency: string, minorUnits: number, locale: 'ar' | 'en'): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: minorUnits }).format(amountMinor / 10 ** minorUnits);
}

export function minorToInput(amountMinor: number | undefined | null, minorUnits: number): string {
  return amountMinor === undefined || amountMinor === null ? '' : String(amountMinor / 10 ** minorUnits);
}

import { useTranslation } from 'react-i18next';
import { GOVERNORATES, parseMinorUnits, type Agency } from '@rabt/contracts';
import type { UiLocale } from '../../i18n/index.ts';

/** The licence as a reader should understand it: expired outranks a stale `valid`. */
export type LicenceState = Agency['status'] | 'expired';

export function licenceState(a: Pick<Agency, 'status' | 'expired'>): LicenceState {
  return a.status === 'valid' && a.expired ? 'expired' : a.status;
}

const MARK: Record<LicenceState, string> = { valid: '✓', suspended: '!', revoked: '✕', expired: '!' };

/**
 * Licence status as text AND colour (WCAG 1.4.1: colour is never the only cue), with a symbol that is
 * hidden from screen readers since the text says it all.
 */
export function LicenceStatusBadge({ agency }: { agency: Pick<Agency, 'status' | 'expired'> }) {
  const { t } = useTranslation();
  const state = licenceState(agency);
  return (
    <span className={`licence-status licence-${state}`}>
      <span aria-hidden="true">{MARK[state]}</span> {state === 'expired' ? t('agencies.expired') : t(`agencies.statuses.${state}`)}
    </span>
  );
}

export function agencyName(a: Pick<Agency, 'nameAr' | 'nameEn'>, locale: UiLocale): string {
  return locale === 'ar' ? a.nameAr : a.nameEn;
}

export function governorateName(code: string, locale: UiLocale): string {
  const g = GOVERNORATES.find((x) => x.code === code);
  return g ? g[locale] : code;
}

/** Governorates an agency can be seated in (not 88, "born abroad"). */
export const AGENCY_GOVERNORATES = GOVERNORATES.filter((g) => g.code !== '88');

/** Egyptian pounds from piastres, in the UI language's digits. */
export function formatEgp(piastres: number, locale: UiLocale): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { style: 'currency', currency: 'EGP', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(piastres / 100);
}

/**
 * A decimal amount as typed (Arabic-Indic digits, Arabic or Latin thousands separators and decimal
 * mark) in minor units, or the raw text when it is not a number so that the API reports the field.
 */
export function toMinorUnits(typed: string, minorPerMajor: number): number | string {
  const n = parseMinorUnits(typed, Math.round(Math.log10(minorPerMajor)));
  return n === null || Number.isNaN(n) ? typed : n;
}

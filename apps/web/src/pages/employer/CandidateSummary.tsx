import { useTranslation } from 'react-i18next';
import type { CandidateSummary } from '@rabt/contracts';
import { useLocale } from '../../ui/hooks.ts';
import { formatMoney, useNodeCurrency } from './common.tsx';

/** The shared facts of a candidate (never a name or a contact: those come only with an accepted invitation). */
export function CandidateFacts({ c }: { c: CandidateSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useNodeCurrency();
  const lang = new Intl.DisplayNames([locale], { type: 'language' });
  return (
    <dl className="facts">
      <dt>{t('employer.occupations')}</dt>
      <dd>
        {c.occupations.map((o) => (
          <span key={o.isco} className="chip">
            <bdi dir="ltr">{o.isco}</bdi> {locale === 'ar' ? o.titleAr : o.titleEn} — {t('employer.years', { count: o.years })}
          </span>
        ))}
      </dd>
      {c.languages.length > 0 && (
        <>
          <dt>{t('employer.languages')}</dt>
          <dd>{c.languages.map((l) => `${lang.of(l.language) ?? l.language} ${l.level === 'native' ? t('employer.nativeLevel') : l.level}`).join(locale === 'ar' ? '، ' : ', ')}</dd>
        </>
      )}
      {c.certificateLevel && (
        <>
          <dt>{t('employer.skillLevelCertificate')}</dt>
          <dd>{t(`employer.skillLevels.${c.certificateLevel}`)}</dd>
        </>
      )}
      <dt>{t('employer.availableFrom')}</dt>
      <dd>{c.availableFrom ? <bdi dir="ltr">{c.availableFrom}</bdi> : t('employer.availableNow')}</dd>
      {c.expectedWage && money && (
        <>
          <dt>{t('employer.expectedWage')}</dt>
          <dd>{formatMoney(c.expectedWage.amountMinor, c.expectedWage.currency, c.expectedWage.currency === money.currency ? money.minorUnits : 2, locale)}</dd>
        </>
      )}
    </dl>
  );
}

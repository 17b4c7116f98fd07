import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DestinationCity } from '@rabt/contracts';
import { Field, SelectField } from '../../ui/forms.tsx';
import { useLoad, useLocale } from '../../ui/hooks.ts';

const OTHER = '__other__';

/**
 * The workplace city of a job order or contract: picked from the destination's city list (GET
 * /api/v1/cities, shown in the UI language, stored by its English name), with "another city" as the
 * fallback, whose text is stored exactly as typed. While the list loads, or if it cannot be loaded or
 * is empty for this country, it is a plain text field. The value is also posted as `name` (hidden
 * input or the text field), so uncontrolled forms read it with formValues.
 */
export function CityField({ country, name, label, value, onChange, error, idPrefix = 'f' }: { country: string | null | undefined; name: string; label: string; value: string; onChange: (city: string) => void; error?: string | undefined; idPrefix?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cities = useLoad<DestinationCity[]>(country ? `/api/v1/cities?country=${encodeURIComponent(country)}` : null);
  // Typing "another city" keeps the text field even when the text happens to match a listed city.
  const [typing, setTyping] = useState(false);
  const list = cities.data ?? [];
  if (list.length === 0) {
    return <Field idPrefix={idPrefix} name={name} label={label} error={error} value={value} onChange={(e) => onChange(e.target.value)} required />;
  }
  const listed = list.some((c) => c.nameEn === value);
  const choice = !typing && listed ? value : !typing && value === '' ? '' : OTHER;
  return (
    <>
      <SelectField
        idPrefix={idPrefix}
        name={`${name}Choice`}
        label={label}
        hint={t('cities.hint')}
        error={choice === OTHER ? undefined : error}
        value={choice}
        required
        onChange={(e) => {
          const v = e.target.value;
          setTyping(v === OTHER);
          onChange(v === OTHER ? (listed ? '' : value) : v);
        }}
      >
        <option value="">{t('cities.choose')}</option>
        {list.map((c) => (
          <option key={c.nameEn} value={c.nameEn} lang={locale === 'ar' ? 'ar' : 'en'}>
            {locale === 'ar' ? c.nameAr : c.nameEn}
          </option>
        ))}
        <option value={OTHER}>{t('cities.other')}</option>
      </SelectField>
      {choice === OTHER ? (
        <Field idPrefix={idPrefix} name={name} label={t('cities.otherLabel')} hint={t('cities.otherHint')} error={error} value={value} onChange={(e) => onChange(e.target.value)} required maxLength={120} />
      ) : (
        <input type="hidden" name={name} value={value} />
      )}
    </>
  );
}

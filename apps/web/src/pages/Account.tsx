import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { toArabicDigits, type CitizenAccount, type Governorate } from '@rabt/contracts';
import { del, fieldErrors, patch } from '../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, formValues } from '../ui/forms.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../ui/hooks.ts';
import { useApp } from '../session.tsx';
import { OrientationPrompts } from './orientation/cards.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { session, setSession, refreshSession } = useApp();
  usePageTitle(t('account.title'));
  const governorates = useLoad<Governorate[]>('/api/v1/governorates');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);

  if (!session) return <p>{t('common.loading')}</p>;
  if (session.kind !== 'citizen') return <Navigate to="/sign-in" replace />;
  const a = session.account;
  const gov = governorates.data?.find((g) => g.code === a.governorateCode);

  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const email = (v.email ?? '').trim();
      const account = await patch<CitizenAccount>('/api/v1/me', {
        nameAr: v.nameAr ?? '',
        nameLatin: v.nameLatin ?? '',
        email: email === '' ? null : email,
        locale: v.locale === 'en' ? 'en' : 'ar',
      });
      setSession({ kind: 'citizen', account });
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function signOut() {
    await del('/api/v1/session').catch(() => undefined);
    await navigate('/');
    await refreshSession();
  }

  // Numbers in the UI's digits (Arabic-Indic in Arabic), kept left-to-right in <bdi dir="ltr"> below.
  const digits = (v: string) => (locale === 'ar' ? toArabicDigits(v) : v);
  const rows: [string, string, boolean?][] = [
    [t('account.nationalId'), digits(a.nationalIdMasked), true],
    [t('account.nameAr'), a.nameAr],
    [t('account.nameLatin'), a.nameLatin],
    [t('account.mobile'), digits(a.mobile), true],
    [t('account.birthDate'), formatDate(a.birthDate, locale)],
    [t('account.sex'), t(`account.${a.sex}`)],
    [t('account.governorate'), gov ? (locale === 'ar' ? gov.nameAr : gov.nameEn) : a.governorateCode],
    [t('account.email'), a.email ?? t('account.emailNone'), a.email !== null],
  ];

  return (
    <>
      <h1>{t('account.title')}</h1>
      <OrientationPrompts />
      {a.needsReview && (
        <div className="alert alert-warn">
          <p>{t('account.needsReview')}</p>
        </div>
      )}
      <section aria-labelledby="details-title">
        <h2 id="details-title">{t('account.details')}</h2>
        <dl className="details">
          {rows.map(([k, v, ltr]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{ltr ? <bdi dir="ltr">{v}</bdi> : v}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{t('account.edit')}</h2>
        {saved && <Notice>{t('common.saved')}</Notice>}
        <ProblemAlert error={error} />
        <form className="form" noValidate onSubmit={(e) => void save(e)} key={a.id}>
          <Field name="nameAr" label={t('account.nameAr')} error={errs.nameAr} defaultValue={a.nameAr} autoComplete="name" lang="ar" dir="rtl" />
          <Field name="nameLatin" label={t('account.nameLatin')} error={errs.nameLatin} defaultValue={a.nameLatin} autoComplete="name" lang="en" dir="ltr" />
          <Field name="email" label={`${t('account.email')} ${t('common.optional')}`} error={errs.email} defaultValue={a.email ?? ''} type="email" autoComplete="email" dir="ltr" />
          <SelectField name="locale" label={t('account.locale')} error={errs.locale} defaultValue={a.locale}>
            <option value="ar">{t('account.localeAr')}</option>
            <option value="en">{t('account.localeEn')}</option>
          </SelectField>
          <button className="btn btn-primary" type="submit" disabled={busy}>
            {t('common.save')}
          </button>
        </form>
      </section>
      <p>
        <button type="button" className="btn btn-secondary" onClick={() => void signOut()}>
          {t('account.signOut')}
        </button>
      </p>
    </>
  );
}

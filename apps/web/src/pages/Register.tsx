import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PendingVerification } from '@rabt/contracts';
import { fieldErrors, post } from '../api/client.ts';
import { Field, ProblemAlert, formValues } from '../ui/forms.tsx';
import { useLocale, usePageTitle } from '../ui/hooks.ts';
import { savePending } from './pending.ts';

export function RegisterPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  usePageTitle(t('register.title'));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await post<PendingVerification>('/api/v1/citizens', {
        nationalId: v.nationalId ?? '',
        nameAr: v.nameAr ?? '',
        nameLatin: v.nameLatin ?? '',
        mobile: v.mobile ?? '',
        password: v.password ?? '',
        locale,
      });
      const pending = { accountId: res.accountId, mobileMasked: res.mobileMasked };
      savePending(pending);
      await navigate('/verify-mobile', { state: pending });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field name="nationalId" label={t('register.nationalId')} hint={t('register.nationalIdHint')} error={errs.nationalId} type="text" inputMode="numeric" autoComplete="off" dir="ltr" required />
        <Field name="nameAr" label={t('register.nameAr')} error={errs.nameAr} type="text" autoComplete="name" lang="ar" dir="rtl" required />
        <Field name="nameLatin" label={t('register.nameLatin')} error={errs.nameLatin} type="text" autoComplete="name" lang="en" dir="ltr" required />
        <Field name="mobile" label={t('register.mobile')} hint={t('register.mobileHint')} error={errs.mobile} type="text" inputMode="numeric" autoComplete="tel" dir="ltr" required />
        <Field name="password" label={t('register.password')} hint={t('register.passwordHint')} error={errs.password} type="password" autoComplete="new-password" dir="ltr" required />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to="/sign-in">{t('nav.signIn')}</Link>
      </p>
    </>
  );
}

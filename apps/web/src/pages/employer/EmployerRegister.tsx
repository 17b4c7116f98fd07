import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@rabt/contracts';
import { fieldErrors, post } from '../../api/client.ts';
import { Field, ProblemAlert, formValues } from '../../ui/forms.tsx';
import { useLocale, usePageTitle } from '../../ui/hooks.ts';
import { useApp } from '../../session.tsx';

export function EmployerRegisterPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { setSession } = useApp();
  usePageTitle(t('employer.registerTitle'));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      setSession(
        await post<SessionInfo>('/api/v1/employers', {
          establishmentNumber: v.establishmentNumber ?? '',
          nameAr: v.nameAr ?? '',
          nameEn: v.nameEn ?? '',
          sector: v.sector ?? '',
          city: v.city ?? '',
          representativeName: v.representativeName ?? '',
          representativeEmail: v.representativeEmail ?? '',
          representativeMobile: v.representativeMobile ?? '',
          password: v.password ?? '',
        }),
      );
      await navigate('/employer');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('employer.registerTitle')}</h1>
      <p>{t('employer.registerIntro')}</p>
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field name="establishmentNumber" label={t('employer.establishmentNumber')} hint={t('employer.establishmentHint')} error={errs.establishmentNumber} inputMode="numeric" dir="ltr" autoComplete="off" required />
        <Field name="nameAr" label={t('employer.nameAr')} error={errs.nameAr} lang="ar" dir="rtl" autoComplete="organization" required />
        <Field name="nameEn" label={t('employer.nameEn')} error={errs.nameEn} lang="en" dir="ltr" required />
        <Field name="sector" label={t('employer.sector')} error={errs.sector} required />
        <Field name="city" label={t('employer.city')} error={errs.city} autoComplete="address-level2" required />
        <Field name="representativeName" label={t('employer.repName')} error={errs.representativeName} autoComplete="name" required />
        <Field name="representativeEmail" label={t('employer.repEmail')} error={errs.representativeEmail} type="email" autoComplete="email" dir="ltr" required />
        <Field name="representativeMobile" label={t('employer.repMobile')} hint={t('employer.repMobileHint')} error={errs.representativeMobile} type="tel" inputMode="tel" autoComplete="tel" dir="ltr" required />
        <Field name="password" label={t('employer.password')} hint={t('employer.passwordHint')} error={errs.password} type="password" autoComplete="new-password" dir="ltr" required />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('employer.registerSubmit')}
        </button>
      </form>
      <p>
        <Link to="/employer/sign-in">{t('employer.haveAccount')}</Link>
      </p>
    </>
  );
}

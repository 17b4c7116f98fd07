import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@rabt/contracts';
import { fieldErrors, post } from '../api/client.ts';
import { Field, ProblemAlert, formValues } from '../ui/forms.tsx';
import { useLocale, usePageTitle } from '../ui/hooks.ts';
import { useApp } from '../session.tsx';

export function StaffSignInPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { setSession } = useApp();
  usePageTitle(t('staffSignIn.title'));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      setSession(await post<SessionInfo>('/api/v1/session/staff', { email: v.email ?? '', password: v.password ?? '', totp: v.totp ?? '' }));
      await navigate('/staff');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('staffSignIn.title')}</h1>
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field name="email" label={t('staffSignIn.email')} error={errs.email} type="email" autoComplete="username" dir="ltr" required />
        <Field name="password" label={t('staffSignIn.password')} error={errs.password} type="password" autoComplete="current-password" dir="ltr" required />
        <Field name="totp" label={t('staffSignIn.totp')} hint={t('staffSignIn.totpHint')} error={errs.totp} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={12} dir="ltr" required />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('staffSignIn.submit')}
        </button>
      </form>
    </>
  );
}

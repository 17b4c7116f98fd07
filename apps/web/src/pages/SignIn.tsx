import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@rabt/contracts';
import { ProblemError, fieldErrors, post } from '../api/client.ts';
import { Field, ProblemAlert, formValues } from '../ui/forms.tsx';
import { useLocale, usePageTitle } from '../ui/hooks.ts';
import { useApp } from '../session.tsx';
import { savePending } from './pending.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { setSession } = useApp();
  usePageTitle(t('signIn.title'));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      setSession(await post<SessionInfo>('/api/v1/session/citizen', { nationalId: v.nationalId ?? '', password: v.password ?? '' }));
      await navigate('/account');
    } catch (err) {
      if (err instanceof ProblemError && err.code === 'mobile_not_verified' && err.problem.pendingAccountId) {
        const pending = { accountId: err.problem.pendingAccountId, mobileMasked: err.problem.mobileMasked };
        savePending(pending);
        await navigate('/verify', { state: pending });
        return;
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field name="nationalId" label={t('signIn.nationalId')} error={errs.nationalId} type="text" inputMode="numeric" autoComplete="username" dir="ltr" required />
        <Field name="password" label={t('signIn.password')} error={errs.password} type="password" autoComplete="current-password" dir="ltr" required />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <p>
        {t('signIn.noAccount')} <Link to="/register">{t('nav.register')}</Link>
      </p>
      <p>
        {t('signIn.staff')} <Link to="/staff/sign-in">{t('nav.staffSignIn')}</Link>
      </p>
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@rabt/contracts';
import { fieldErrors, post } from '../../api/client.ts';
import { Field, ProblemAlert, formValues } from '../../ui/forms.tsx';
import { useLocale, usePageTitle } from '../../ui/hooks.ts';
import { useApp } from '../../session.tsx';

export function EmployerSignInPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { setSession } = useApp();
  usePageTitle(t('employer.signInTitle'));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const login = (v.login ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const body = login.includes('@') ? { email: login, password: v.password ?? '' } : { establishmentNumber: login, password: v.password ?? '' };
      setSession(await post<SessionInfo>('/api/v1/session/employer', body));
      await navigate('/employer');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('employer.signInTitle')}</h1>
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field name="login" label={t('employer.login')} error={errs.establishmentNumber ?? errs.email} autoComplete="username" dir="ltr" required />
        <Field name="password" label={t('employer.password')} error={errs.password} type="password" autoComplete="current-password" dir="ltr" required />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('employer.signInSubmit')}
        </button>
      </form>
      <p>
        <Link to="/employer/register">{t('employer.noAccount')}</Link>
      </p>
    </>
  );
}

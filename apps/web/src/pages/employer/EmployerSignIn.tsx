import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { Field, ProblemAlert } from '../../ui/forms.tsx';
import { useFormAction, usePageTitle } from '../../ui/hooks.ts';
import { useApp } from '../../session.tsx';

export function EmployerSignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { setSession } = useApp();
  usePageTitle(t('employer.signInTitle'));
  const { error, busy, errs, onSubmit } = useFormAction(async (v) => {
    const login = (v.login ?? '').trim();
    const body = login.includes('@') ? { email: login, password: v.password ?? '' } : { establishmentNumber: login, password: v.password ?? '' };
    setSession(await post<SessionInfo>('/api/v1/session/employer', body));
    await navigate('/employer');
  });

  return (
    <>
      <h1>{t('employer.signInTitle')}</h1>
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={onSubmit}>
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

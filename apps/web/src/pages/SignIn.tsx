import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@rabt/contracts';
import { ProblemError, post } from '../api/client.ts';
import { Field, ProblemAlert } from '../ui/forms.tsx';
import { useFormAction, usePageTitle } from '../ui/hooks.ts';
import { useApp } from '../session.tsx';
import { savePending } from './pending.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { setSession } = useApp();
  usePageTitle(t('signIn.title'));
  const { error, busy, errs, onSubmit } = useFormAction(async (v) => {
    try {
      setSession(await post<SessionInfo>('/api/v1/session/citizen', { nationalId: v.nationalId ?? '', password: v.password ?? '' }));
      await navigate('/account');
    } catch (err) {
      if (!(err instanceof ProblemError && err.code === 'mobile_not_verified' && err.problem.pendingAccountId)) throw err;
      // Registered but not confirmed: a new code was sent; continue on the code page.
      const pending = { accountId: err.problem.pendingAccountId, mobileMasked: err.problem.mobileMasked };
      savePending(pending);
      await navigate('/verify-mobile', { state: pending });
    }
  });

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={onSubmit}>
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

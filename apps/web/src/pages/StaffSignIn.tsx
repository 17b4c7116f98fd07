import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@rabt/contracts';
import { post } from '../api/client.ts';
import { Field, ProblemAlert } from '../ui/forms.tsx';
import { useFormAction, usePageTitle } from '../ui/hooks.ts';
import { useApp } from '../session.tsx';

export function StaffSignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { setSession } = useApp();
  usePageTitle(t('staffSignIn.title'));
  const { error, busy, errs, onSubmit } = useFormAction(async (v) => {
    setSession(await post<SessionInfo>('/api/v1/session/staff', { email: v.email ?? '', password: v.password ?? '', totp: v.totp ?? '' }));
    await navigate('/staff');
  });

  return (
    <>
      <h1>{t('staffSignIn.title')}</h1>
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={onSubmit}>
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

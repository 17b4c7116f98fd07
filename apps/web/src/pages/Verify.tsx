import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { toArabicDigits, type PendingVerification, type SessionInfo } from '@rabt/contracts';
import { fieldErrors, post } from '../api/client.ts';
import { Field, Notice, ProblemAlert, formValues } from '../ui/forms.tsx';
import { useLocale, usePageTitle } from '../ui/hooks.ts';
import { useApp } from '../session.tsx';
import { clearPending, loadPending, savePending } from './pending.ts';

export function VerifyPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  const navigate = useNavigate();
  const { setSession, node } = useApp();
  usePageTitle(t('verify.title'));
  const [pending, setPending] = useState(() => loadPending(location.state));
  const [error, setError] = useState<unknown>(null);
  const [resent, setResent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);
  /** The masked number in the UI's digits (Arabic-Indic in Arabic); shown left-to-right in <bdi dir="ltr">. */
  const digits = (v: string) => (locale === 'ar' ? toArabicDigits(v) : v);

  if (!pending) {
    return (
      <>
        <h1>{t('verify.title')}</h1>
        <p>{t('verify.noPending')}</p>
        <p>
          <Link to="/register">{t('nav.register')}</Link> · <Link to="/sign-in">{t('nav.signIn')}</Link>
        </p>
      </>
    );
  }
  const accountId = pending.accountId;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const session = await post<SessionInfo>('/api/v1/citizens/verify-mobile', { accountId, code: v.code ?? '' });
      clearPending();
      setSession(session);
      await navigate('/account');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    setError(null);
    setResent(null);
    try {
      const res = await post<PendingVerification>('/api/v1/citizens/resend-code', { accountId });
      const next = { accountId, mobileMasked: res.mobileMasked };
      savePending(next);
      setPending(next);
      setResent(res.mobileMasked);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <h1>{t('verify.title')}</h1>
      <p>
        {pending.mobileMasked ? (
          <>
            {t('verify.intro')}{' '}
            <bdi dir="ltr">{digits(pending.mobileMasked)}</bdi>
          </>
        ) : (
          t('verify.introNoMobile')
        )}
      </p>
      {node?.devTools && (
        <p className="dev-note">
          {t('verify.devNote')} <Link to="/dev/outbox">{t('verify.devLink')}</Link>.
        </p>
      )}
      {resent && (
        <Notice>
          {t('verify.resent')} <bdi dir="ltr">{digits(resent)}</bdi>
        </Notice>
      )}
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field name="code" label={t('verify.code')} hint={t('verify.codeHint')} error={errs.code} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={12} dir="ltr" required />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('verify.submit')}
        </button>
      </form>
      <p>
        <button type="button" className="btn btn-secondary" onClick={() => void resend()}>
          {t('verify.resend')}
        </button>
      </p>
    </>
  );
}

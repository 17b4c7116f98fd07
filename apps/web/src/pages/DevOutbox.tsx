import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, TableWrap } from '../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../ui/hooks.ts';
import { useApp } from '../session.tsx';

interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string;
  bodyAr: string;
  bodyEn: string;
  createdAt: string;
}
interface DemoStaff {
  email: string;
  role: string;
  nameAr: string;
  nameEn: string;
  totp: string;
}

const DEMO_PASSWORD = 'Rabt-demo-2026!';

export function DevOutboxPage() {
  const { t } = useTranslation();
  const { node } = useApp();
  usePageTitle(t('dev.title'));
  if (!node) return <p>{t('common.loading')}</p>;
  if (!node.devTools) {
    return (
      <>
        <h1>{t('dev.title')}</h1>
        <p>{t('dev.unavailable')}</p>
      </>
    );
  }
  return <DevOutboxView />;
}

function DevOutboxView() {
  const { t } = useTranslation();
  const locale = useLocale();
  const outbox = useLoad<OutboxMessage[]>('/api/v1/dev/outbox');
  const demo = useLoad<DemoStaff[]>('/api/v1/dev/demo-staff');
  const reloadOutbox = outbox.reload;
  const reloadDemo = demo.reload;
  useEffect(() => {
    const timer = setInterval(() => {
      reloadOutbox();
      reloadDemo();
    }, 5000);
    return () => clearInterval(timer);
  }, [reloadOutbox, reloadDemo]);

  return (
    <>
      <h1>{t('dev.title')}</h1>
      <p>{t('dev.intro')}</p>
      <section aria-labelledby="outbox-title">
        <h2 id="outbox-title">{t('dev.outbox')}</h2>
        <ProblemAlert error={outbox.error} />
        {outbox.data && outbox.data.length === 0 && <p>{t('dev.none')}</p>}
        {outbox.data && outbox.data.length > 0 && (
          <TableWrap label={t('dev.outbox')}>
            <table className="outbox">
              <thead>
                <tr>
                  <th scope="col">{t('dev.channel')}</th>
                  <th scope="col">{t('dev.recipient')}</th>
                  <th scope="col">{t('dev.bodyAr')}</th>
                  <th scope="col">{t('dev.bodyEn')}</th>
                  <th scope="col">{t('dev.time')}</th>
                </tr>
              </thead>
              <tbody>
                {outbox.data.map((m) => (
                  <tr key={m.id}>
                    <td>{m.channel === 'email' ? t('dev.channelEmail') : t('dev.channelSms')}</td>
                    <td>
                      <bdi dir="ltr">{m.recipient}</bdi>
                    </td>
                    <td lang="ar" dir="rtl" style={{ whiteSpace: 'pre-line' }}>
                      {m.bodyAr}
                    </td>
                    <td lang="en" dir="ltr" style={{ whiteSpace: 'pre-line' }}>
                      {m.bodyEn}
                    </td>
                    <td>{formatDateTime(m.createdAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section aria-labelledby="demo-title">
        <h2 id="demo-title">{t('dev.demoStaff')}</h2>
        <p>
          {t('dev.passwordNote')} <code dir="ltr">{DEMO_PASSWORD}</code>
        </p>
        <ProblemAlert error={demo.error} />
        {demo.data && (
          <TableWrap label={t('dev.demoStaff')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dev.email')}</th>
                  <th scope="col">{t('dev.role')}</th>
                  <th scope="col">{t('dev.totp')}</th>
                </tr>
              </thead>
              <tbody>
                {demo.data.map((s) => (
                  <tr key={s.email}>
                    <td>
                      <bdi dir="ltr">{s.email}</bdi>
                    </td>
                    <td>{t(`roles.${s.role}`, { defaultValue: s.role })}</td>
                    <td>
                      <code dir="ltr" className="totp">
                        {s.totp}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

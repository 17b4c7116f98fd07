import { useTranslation } from 'react-i18next';
import type { RegisterAlert, RegisterCheckpointView, StaffRole } from '@rabt/contracts';
import { ProblemError } from '../api/client.ts';
import { useApp } from '../session.tsx';
import { ProblemAlert, TableWrap } from '../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../ui/hooks.ts';

/** Staff who may read the register's alerts (the API enforces the same list). */
const CAN_READ_REGISTER_ALERTS: readonly StaffRole[] = ['hq_admin', 'auditor', 'overseas_officer'];

const noteStyle = {
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  background: 'var(--bg-soft)',
  paddingBlock: '0.75rem',
  paddingInline: '1rem',
  borderRadius: '4px',
  fontSize: '0.9rem',
} as const;

/** A country's name in the UI language (ISO 3166-1 alpha-2 through Intl.DisplayNames), or the code. */
function countryName(code: string, locale: 'ar' | 'en'): string {
  try {
    return new Intl.DisplayNames([locale === 'ar' ? 'ar-EG' : 'en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Public page of the transparency register (issue 4 §7): what it is in plain words, this node's latest
 * signed checkpoint (origin, number of entries, root hash, time), the partner ministries that cosigned
 * it as witnesses, the raw signed note (C2SP tlog-checkpoint), and for HQ, auditors and overseas
 * officers the alerts the witness/monitor raised.
 */
export function TransparencyPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { session } = useApp();
  usePageTitle(t('transparency.title'));
  const checkpoint = useLoad<RegisterCheckpointView>('/api/v1/register/checkpoint.json');
  const empty = checkpoint.error instanceof ProblemError && checkpoint.error.code === 'register_no_checkpoint';
  const staff = session?.kind === 'staff' ? session.staff : null;
  const canSeeAlerts = staff !== null && CAN_READ_REGISTER_ALERTS.includes(staff.role);
  const cp = checkpoint.data;

  return (
    <>
      <h1>{t('transparency.title')}</h1>
      <p className="lead">{t('transparency.lead')}</p>
      <section aria-labelledby="transparency-how">
        <h2 id="transparency-how">{t('transparency.howTitle')}</h2>
        <ul className="parts">
          <li>{t('transparency.how1')}</li>
          <li>{t('transparency.how2')}</li>
          <li>{t('transparency.how3')}</li>
          <li>{t('transparency.how4')}</li>
        </ul>
      </section>

      <section aria-labelledby="transparency-latest">
        <h2 id="transparency-latest">{t('transparency.latestTitle')}</h2>
        {checkpoint.loading && <p>{t('common.loading')}</p>}
        {empty ? <p>{t('transparency.empty')}</p> : <ProblemAlert error={checkpoint.error} />}
        {cp && (
          <>
            <dl className="facts">
              <dt>{t('transparency.origin')}</dt>
              <dd>
                <code dir="ltr">{cp.origin}</code>
              </dd>
              <dt>{t('transparency.size')}</dt>
              <dd>{new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB').format(cp.size)}</dd>
              <dt>{t('transparency.root')}</dt>
              <dd>
                <code dir="ltr" className="break">
                  {cp.rootHash}
                </code>
              </dd>
              <dt>{t('transparency.time')}</dt>
              <dd>{formatDateTime(cp.createdAt, locale)}</dd>
            </dl>

            <h3>{t('transparency.witnessesTitle')}</h3>
            {cp.cosignatures.length === 0 ? (
              <p>{t('transparency.noWitnesses')}</p>
            ) : (
              <ul className="plain-list">
                {cp.cosignatures.map((c) => (
                  <li key={c.witness}>
                    <span className="ok-text">✓ </span>
                    {t('transparency.witnessLine', { country: countryName(c.country, locale), time: formatDateTime(c.time, locale) })}{' '}
                    <code dir="ltr">{c.witness}</code>
                  </li>
                ))}
              </ul>
            )}

            <h3 id="transparency-note">{t('transparency.noteTitle')}</h3>
            <p className="small">{t('transparency.noteHint')}</p>
            <pre dir="ltr" lang="en" style={noteStyle} tabIndex={0} aria-labelledby="transparency-note">
              {cp.note}
            </pre>
            <p className="small">
              {t('transparency.apiLinks')} <a href="/api/v1/register/checkpoint">checkpoint</a> · <a href="/api/v1/register/keys">keys</a> ·{' '}
              <a href="/api/docs">API</a>
            </p>
          </>
        )}
      </section>

      {canSeeAlerts && <AlertsSection />}
    </>
  );
}

function AlertsSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const alerts = useLoad<RegisterAlert[]>('/api/v1/register/alerts?limit=50');
  return (
    <section aria-labelledby="transparency-alerts">
      <h2 id="transparency-alerts">{t('transparency.alertsTitle')}</h2>
      <p className="small">{t('transparency.alertsHint')}</p>
      {alerts.loading && <p>{t('common.loading')}</p>}
      <ProblemAlert error={alerts.error} />
      {alerts.data && alerts.data.length === 0 && <p className="ok-text">{t('transparency.noAlerts')}</p>}
      {alerts.data && alerts.data.length > 0 && (
        <TableWrap label={t('transparency.alertsTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('transparency.alertTime')}</th>
                <th scope="col">{t('transparency.alertKind')}</th>
                <th scope="col">{t('transparency.alertLog')}</th>
                <th scope="col">{t('transparency.alertDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.createdAt, locale)}</td>
                  <th scope="row" className="error-text">
                    {t(`transparency.kinds.${a.kind}`)}
                  </th>
                  <td>
                    <code dir="ltr">{a.origin}</code>
                    {a.peerCountry ? ` (${countryName(a.peerCountry, locale)})` : ''}
                    {a.size !== null ? ` · ${t('transparency.size')}: ${a.size}` : ''}
                  </td>
                  <td dir="ltr" lang="en">
                    {a.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

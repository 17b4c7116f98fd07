import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditVerification } from '@rabt/contracts';
import { get } from '../api/client.ts';
import { ProblemAlert, TableWrap } from '../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../ui/hooks.ts';
import { RequireStaff } from '../ui/RequireStaff.tsx';
import { CAN_READ_AUDIT } from '../ui/roles.ts';

const PAGE = 50;

export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  return (
    <RequireStaff roles={CAN_READ_AUDIT} title={t('audit.title')}>
      {() => <AuditView />}
    </RequireStaff>
  );
}

function AuditView() {
  const { t } = useTranslation();
  const locale = useLocale();
  const first = useLoad<AuditEntry[]>(`/api/v1/audit-log?limit=${PAGE}`);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [busy, setBusy] = useState(false);
  const entries = [...(first.data ?? []), ...older];

  async function loadOlder() {
    const last = entries[entries.length - 1];
    if (!last) return;
    setError(null);
    try {
      const page = await get<AuditEntry[]>(`/api/v1/audit-log?limit=${PAGE}&before=${last.seq}`);
      setOlder([...older, ...page]);
      if (page.length < PAGE) setExhausted(true);
    } catch (err) {
      setError(err);
    }
  }

  async function verify() {
    setBusy(true);
    setError(null);
    setVerification(null);
    try {
      setVerification(await get<AuditVerification>('/api/v1/audit-log/verification'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const noMore = exhausted || (first.data !== undefined && first.data.length < PAGE);

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <div className="verify-box">
        <button type="button" className="btn btn-primary" onClick={() => void verify()} disabled={busy}>
          {t('audit.verify')}
        </button>
        <div role="status" className="verify-result">
          {verification &&
            (verification.ok ? (
              <p className="ok-text">{t('audit.verifyOk', { count: verification.checked })}</p>
            ) : (
              <p className="error-text">{t('audit.verifyBad', { seq: verification.firstBadSeq ?? '?', reason: verification.reason ?? '' })}</p>
            ))}
        </div>
      </div>
      <ProblemAlert error={error ?? first.error} />
      {first.loading && <p>{t('common.loading')}</p>}
      {first.data && entries.length === 0 && <p>{t('audit.none')}</p>}
      {entries.length > 0 && (
        <TableWrap label={t('audit.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.seq')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{formatDateTime(e.at, locale)}</td>
                  <td>{t(`audit.actors.${e.actorKind}`)}</td>
                  <td>
                    {t(`audit.actions.${e.action}`, { defaultValue: e.action })}{' '}
                    <code dir="ltr" className="small">
                      {e.action}
                    </code>
                  </td>
                  <td>
                    {t(`audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType })}{' '}
                    {e.subjectId && <bdi dir="ltr">{e.subjectId.slice(0, 8)}</bdi>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {noMore ? (
        entries.length > 0 && <p>{t('audit.end')}</p>
      ) : (
        <p>
          <button type="button" className="btn btn-secondary" onClick={() => void loadOlder()}>
            {t('audit.older')}
          </button>
        </p>
      )}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { DisclosureEntry } from '@rabt/contracts';
import { ProblemAlert, TableWrap } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireCitizen, WorkerNav } from './common.tsx';

export function WorkerDisclosuresPage() {
  const { t } = useTranslation();
  usePageTitle(t('exchange.disclosuresTitle'));
  return <RequireCitizen title={t('exchange.disclosuresTitle')}>{() => <Disclosures />}</RequireCitizen>;
}

function Disclosures() {
  const { t } = useTranslation();
  const locale = useLocale();
  const log = useLoad<DisclosureEntry[]>('/api/v1/worker/disclosures');
  return (
    <>
      <h1>{t('exchange.disclosuresTitle')}</h1>
      <WorkerNav />
      <p>{t('exchange.disclosuresIntro')}</p>
      <ProblemAlert error={log.error} />
      {log.loading && <p>{t('common.loading')}</p>}
      {log.data?.length === 0 && <p>{t('exchange.noDisclosures')}</p>}
      {log.data && log.data.length > 0 && (
        <TableWrap label={t('exchange.disclosuresTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('exchange.when')}</th>
                <th scope="col">{t('exchange.country')}</th>
                <th scope="col">{t('exchange.what')}</th>
                <th scope="col">{t('exchange.employer')}</th>
                <th scope="col">{t('exchange.fieldsCol')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((d) => (
                <tr key={d.id}>
                  <td>{formatDateTime(d.at, locale)}</td>
                  <td>
                    <bdi dir="ltr">{d.country}</bdi>
                  </td>
                  <td>{t(`exchange.kinds.${d.kind}`)}</td>
                  <td>{d.employer ? (locale === 'ar' ? d.employer.nameAr : d.employer.nameEn) : '—'}</td>
                  <td>{d.fields.map((f) => t(`exchange.fields.${f}`, { defaultValue: f })).join('، ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

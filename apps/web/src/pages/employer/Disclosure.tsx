import { useTranslation } from 'react-i18next';
import type { ContactDisclosure } from '@rabt/contracts';

/** Contact fields a worker disclosed to this employer on accepting its invitation. */
export function DisclosureFacts({ d }: { d: ContactDisclosure }) {
  const { t } = useTranslation();
  const rows: [string, string | undefined][] = [
    [t('employer.workerNameAr'), d.nameAr],
    [t('employer.nameLatin'), d.nameLatin],
    [t('employer.birthDate'), d.birthDate],
    [t('employer.passportNumber'), d.passportNumber],
    [t('employer.passportExpiry'), d.passportExpiry],
  ];
  return (
    <section className="disclosure" aria-label={t('employer.disclosed')}>
      <h3>{t('employer.disclosed')}</h3>
      <dl className="facts">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>
                <bdi>{v}</bdi>
              </dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Directorate, Office, StaffMember } from '@rabt/contracts';
import { useLoad, useLocale, usePageTitle } from '../ui/hooks.ts';
import { RequireStaff } from '../ui/RequireStaff.tsx';
import { CAN_LIST_STAFF, CAN_READ_AUDIT } from '../ui/roles.ts';

function Scope({ staff }: { staff: StaffMember }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const office = useLoad<Office>(staff.officeId ? `/api/v1/offices/${staff.officeId}` : null);
  const directorates = useLoad<Directorate[]>(staff.directorateCode ? '/api/v1/directorates' : null);
  if (staff.officeId) {
    const name = office.data ? (locale === 'ar' ? office.data.nameAr : office.data.nameEn) : '…';
    return <>{t('staff.office', { name })}</>;
  }
  if (staff.directorateCode) {
    const d = directorates.data?.find((x) => x.governorateCode === staff.directorateCode);
    // The name, never the bare governorate code ("01" means nothing to a reader): an ellipsis while loading.
    const name = d ? (locale === 'ar' ? d.nameAr : d.nameEn) : '…';
    return <>{t('staff.directorate', { name })}</>;
  }
  return <>{t('staff.nationwide')}</>;
}

export function StaffDashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  usePageTitle(t('staff.title'));
  return (
    <RequireStaff title={t('staff.title')}>
      {(staff) => (
        <>
          <h1>{t('staff.title')}</h1>
          <section aria-labelledby="me-title">
            <h2 id="me-title">{t('staff.whoami')}</h2>
            <dl className="details">
              <div>
                <dt>{t('staff.name')}</dt>
                <dd>{locale === 'ar' ? staff.nameAr : staff.nameEn}</dd>
              </div>
              <div>
                <dt>{t('staff.email')}</dt>
                <dd>
                  <bdi dir="ltr">{staff.email}</bdi>
                </dd>
              </div>
              <div>
                <dt>{t('staff.role')}</dt>
                <dd>{t(`roles.${staff.role}`)}</dd>
              </div>
              <div>
                <dt>{t('staff.scope')}</dt>
                <dd>
                  <Scope staff={staff} />
                </dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">{t('staff.tasks')}</h2>
            <ul className="actions">
              <li>
                <Link className="btn btn-secondary" to="/staff/offices">
                  {t('nav.offices')}
                </Link>
              </li>
              {CAN_LIST_STAFF.includes(staff.role) && (
                <li>
                  <Link className="btn btn-secondary" to="/staff/people">
                    {t('nav.people')}
                  </Link>
                </li>
              )}
              {staff.role !== 'overseas_officer' && (
                <li>
                  <Link className="btn btn-secondary" to="/office/queue">
                    {t('nav.officeQueue')}
                  </Link>
                </li>
              )}
              {['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'].includes(staff.role) && (
                <li>
                  <Link className="btn btn-secondary" to="/office/dashboard">
                    {t('nav.officeDashboard')}
                  </Link>
                </li>
              )}
              {['office_head', 'directorate_manager'].includes(staff.role) && (
                <li>
                  <Link className="btn btn-secondary" to="/office/import">
                    {t('nav.officeImport')}
                  </Link>
                </li>
              )}
              {CAN_READ_AUDIT.includes(staff.role) && (
                <li>
                  <Link className="btn btn-secondary" to="/staff/audit">
                    {t('nav.audit')}
                  </Link>
                </li>
              )}
            </ul>
          </section>
        </>
      )}
    </RequireStaff>
  );
}

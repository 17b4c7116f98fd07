import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { StaffMember, StaffRole } from '@rabt/contracts';
import { useApp } from '../session.tsx';

/** Renders `children` for a signed-in staff member with one of `roles` (any role when omitted). */
export function RequireStaff({ roles, title, children }: { roles?: readonly StaffRole[]; title: string; children: (staff: StaffMember) => ReactNode }) {
  const { t } = useTranslation();
  const { session } = useApp();
  if (!session) return <p>{t('common.loading')}</p>;
  if (session.kind !== 'staff') {
    return (
      <>
        <h1>{title}</h1>
        <p>{t('common.signInFirst')}</p>
        <p>
          <Link to="/staff/sign-in">{t('nav.staffSignIn')}</Link>
        </p>
      </>
    );
  }
  if (roles && !roles.includes(session.staff.role)) {
    return (
      <>
        <h1>{title}</h1>
        <div className="alert alert-error" role="alert">
          <p>{t('common.notAllowed')}</p>
        </div>
      </>
    );
  }
  return <>{children(session.staff)}</>;
}

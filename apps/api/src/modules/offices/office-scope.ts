import type { StaffPrincipal } from '../../platform/auth/principal.ts';

/**
 * The part of the office network a staff member may see (OWASP ASVS 5.0 8.2.2, 8.4.1: each office
 * and each governorate is a scope):
 * - HQ administrators, auditors and overseas-employment officers (HQ staff): everything;
 * - a directorate manager: the offices of their governorate;
 * - an office head or clerk: their own office.
 */
export type OfficeScope = { kind: 'all' } | { kind: 'directorate'; directorateCode: string } | { kind: 'office'; officeId: string };

export function officeScopeOf(staff: StaffPrincipal): OfficeScope {
  switch (staff.role) {
    case 'hq_admin':
    case 'auditor':
    case 'overseas_officer':
      return { kind: 'all' };
    case 'directorate_manager':
      return { kind: 'directorate', directorateCode: staff.directorateCode ?? '' };
    case 'clerk':
    case 'office_head':
      return { kind: 'office', officeId: staff.officeId ?? '' };
    // Training staff work on courses, not on the office network: an office scope matching no office.
    case 'trainer':
    case 'training_centre_manager':
    case 'training_hq':
      return { kind: 'office', officeId: '00000000-0000-0000-0000-000000000000' };
  }
}

/** True when an office (by id and directorate) lies inside `scope`. */
export function officeInScope(scope: OfficeScope, office: { id: string; directorateCode: string }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'directorate':
      return office.directorateCode === scope.directorateCode;
    case 'office':
      return office.id === scope.officeId;
  }
}

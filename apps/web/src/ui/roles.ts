import type { StaffRole } from '@rabt/contracts';

/** What each staff area needs; the server enforces the same rules, this only hides links. */
export const CAN_LIST_STAFF: readonly StaffRole[] = ['hq_admin', 'auditor', 'directorate_manager', 'office_head'];
export const CAN_READ_AUDIT: readonly StaffRole[] = ['auditor', 'hq_admin'];
export const ALL_ROLES: readonly StaffRole[] = ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor', 'overseas_officer', 'trainer', 'training_centre_manager', 'training_hq'];

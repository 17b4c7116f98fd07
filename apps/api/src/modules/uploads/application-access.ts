import type { Kysely, Transaction } from 'kysely';
import type { StaffRole } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import type { Principal, StaffPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import { officeInScope, officeScopeOf } from '../offices/office-scope.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Staff roles that read applications in their scope (same as the e-services workflow). */
export const APPLICATION_READERS: readonly StaffRole[] = ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'];

export interface AccessRow {
  id: string;
  reference: string;
  service_code: string;
  status: string;
  applicant_citizen_id: string | null;
  office_id: string | null;
  directorate_code: string | null;
  fee_piastres: number;
  fee_exemption: string | null;
}

/** The application row with the columns documents and fees need; `forUpdate` takes its row lock. */
export async function findApplicationRow(db: Db, id: string, forUpdate = false): Promise<AccessRow | undefined> {
  let q = db
    .selectFrom('service_applications')
    .select(['id', 'reference', 'service_code', 'status', 'applicant_citizen_id', 'office_id', 'directorate_code', 'fee_piastres', 'fee_exemption'])
    .where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** 403 `out_of_scope` unless the application is in the staff member's office/directorate (HQ: all). */
export function assertStaffScope(staff: StaffPrincipal, app: Pick<AccessRow, 'office_id' | 'directorate_code'>): void {
  const scope = officeScopeOf(staff);
  if (scope.kind === 'all') return;
  if (scope.kind === 'directorate' && app.directorate_code === scope.directorateCode) return;
  if (app.office_id && officeInScope(scope, { id: app.office_id, directorateCode: app.directorate_code ?? '' })) return;
  throw new AppError('out_of_scope');
}

/**
 * Who may read an application's documents and fee: its applicant (any state), or staff of its scope
 * once submitted (drafts are the citizen's own). 401 signed out; 404 `service_application_not_found`
 * for another citizen's application or a draft seen by staff; 403 `forbidden` (role) / `out_of_scope`.
 */
export async function readableApplication(db: Db, principal: Principal, id: string): Promise<AccessRow> {
  if (principal.kind === 'anonymous') throw new AppError('unauthenticated');
  const app = await findApplicationRow(db, id);
  if (principal.kind === 'citizen') {
    if (!app || app.applicant_citizen_id !== principal.citizenId) throw new AppError('service_application_not_found');
    return app;
  }
  if (principal.kind !== 'staff' || !APPLICATION_READERS.includes(principal.role)) throw new AppError('forbidden');
  if (!app || app.status === 'draft') throw new AppError('service_application_not_found');
  assertStaffScope(principal, app);
  return app;
}

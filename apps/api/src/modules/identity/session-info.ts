import type { SessionInfo } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { getCitizenAccount } from './identity.service.ts';
import { getStaffMember } from '../staff/staff.service.ts';
import { getEmployerAccount } from '../employers/employers.service.ts';

/** Describes the caller for the web app's header and routing. */
export async function getSessionInfo(deps: Pick<AppDeps, 'db'>, p: Principal): Promise<SessionInfo> {
  switch (p.kind) {
    case 'anonymous':
      return { kind: 'anonymous' };
    case 'citizen':
      return { kind: 'citizen', account: await getCitizenAccount(deps, p.citizenId) };
    case 'staff':
      return { kind: 'staff', staff: await getStaffMember(deps, p.staffId) };
    case 'employer':
      return { kind: 'employer', employer: await getEmployerAccount(deps, p.employerId) };
  }
}

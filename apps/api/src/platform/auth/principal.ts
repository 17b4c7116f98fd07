import type { StaffRole } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';

/** Who is calling, resolved from the session cookie on every API request. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; citizenId: string }
  | { kind: 'staff'; staffId: string; role: StaffRole; officeId: string | null; directorateCode: string | null; /** Trainers and training-centre managers: their centre (0016). */ trainingCentreId?: string | null }
  | { kind: 'employer'; employerId: string };

export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
export type EmployerPrincipal = Extract<Principal, { kind: 'employer' }>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    sessionToken: string | undefined;
  }
}

/** The calling citizen, or `unauthenticated` (401). */
export function requireCitizen(p: Principal): Extract<Principal, { kind: 'citizen' }> {
  if (p.kind !== 'citizen') throw new AppError(p.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
  return p;
}

/** The calling staff member if their role is in `roles`; 401 when signed out, 403 otherwise. */
export function requireStaff(p: Principal, roles?: readonly StaffRole[]): StaffPrincipal {
  if (p.kind === 'anonymous') throw new AppError('unauthenticated');
  if (p.kind !== 'staff') throw new AppError('forbidden');
  if (roles && !roles.includes(p.role)) throw new AppError('forbidden');
  return p;
}

/** The calling employer (partner nodes), or 401 when signed out, 403 for citizens and staff. Verification is checked by the service. */
export function requireEmployer(p: Principal): EmployerPrincipal {
  if (p.kind === 'anonymous') throw new AppError('unauthenticated');
  if (p.kind !== 'employer') throw new AppError('forbidden');
  return p;
}

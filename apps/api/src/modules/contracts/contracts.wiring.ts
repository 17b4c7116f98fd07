import type { AppDeps } from '../../http/context.ts';
import { agencyMayActFor } from '../agencies/agencies.service.ts';
import type { VerifyDeps } from '../documents/verify.service.ts';
import type { ContractDestinationDeps } from './destination.service.ts';
import type { ContractOriginDeps } from './origin.service.ts';

export function contractOriginDeps(deps: AppDeps, documents: VerifyDeps): ContractOriginDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    notifier: deps.notifier,
    config: deps.config,
    federation: deps.federation,
    signer: deps.signer,
    register: documents.register,
    verifyCache: documents.verifyCache,
    agencyCheck: (db, q) => agencyMayActFor(db, q, deps.clock()),
  };
}

export function contractDestinationDeps(deps: AppDeps): ContractDestinationDeps {
  return { db: deps.db, clock: deps.clock, config: deps.config, federation: deps.federation, signer: deps.signer };
}

import type { AppDeps } from '../../http/context.ts';
import { documentRegister } from './register-port.ts';
import type { VerifyDeps } from './verify.service.ts';

/** The documents module's dependencies: every issuer shares the node's one verification cache (AppDeps.verifyCache). */
export function documentsDeps(deps: AppDeps): VerifyDeps {
  return { db: deps.db, clock: deps.clock, config: deps.config, signer: deps.signer, register: documentRegister(deps), verifyCache: deps.verifyCache };
}

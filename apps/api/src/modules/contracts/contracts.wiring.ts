import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { agencyMayActFor } from '../agencies/agencies.service.ts';
import type { ContractDestinationDeps } from './destination.service.ts';
import type { ContractOriginDeps, DocumentRegister } from './origin.service.ts';

/** The node's transparency register as the contracts module sees it (modules/register). */
export function documentRegister(deps: Pick<AppDeps, 'register' | 'config'>): DocumentRegister {
  const r = deps.register;
  return {
    origin: r.origin,
    append: (trx, entry) => r.append(trx, entry),
    proofBundle: async (index) => {
      try {
        const b = await r.proofBundle(index);
        return { origin: b.origin, index: b.index, size: b.size, proof: b.proof, checkpoint: b.checkpoint };
      } catch (err) {
        if (err instanceof AppError && err.code === 'register_entry_pending') return null;
        throw err;
      }
    },
    trustKeys: async () => {
      const k = await r.keys();
      return {
        logs: k.log.map((vkey) => ({ country: deps.config.country, origin: k.origin, vkey })),
        // A register does not witness itself: only the peers' cosignatures count.
        witnesses: k.witnesses.filter((w) => w.country !== deps.config.country).flatMap((w) => w.vkeys.map((vkey) => ({ country: w.country, name: w.name, vkey }))),
      };
    },
  };
}

export function contractOriginDeps(deps: AppDeps): ContractOriginDeps {
  return { db: deps.db, clock: deps.clock, notifier: deps.notifier, config: deps.config, federation: deps.federation, signer: deps.signer, register: documentRegister(deps), agencyCheck: (db, q) => agencyMayActFor(db, q, deps.clock()) };
}

export function contractDestinationDeps(deps: AppDeps): ContractDestinationDeps {
  return { db: deps.db, clock: deps.clock, config: deps.config, federation: deps.federation, signer: deps.signer };
}

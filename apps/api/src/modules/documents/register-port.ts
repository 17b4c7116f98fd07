import type { Transaction } from 'kysely';
import type { TrustBundle } from '@rabt/trust';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { DB } from '../../platform/db/schema.ts';

/** What document-issuing modules need of the node's transparency register (modules/register). */
export interface DocumentRegister {
  /** Register origin (C2SP checkpoint origin line). */
  readonly origin: string;
  append(trx: Transaction<DB>, entry: { kind: string; data: Uint8Array }): Promise<{ index: number }>;
  /** Inclusion proof of leaf `index` against the latest checkpoint covering it; null until one does (≤ the checkpoint interval). */
  proofBundle(index: number): Promise<{ origin: string; index: number; size: number; proof: string[]; checkpoint: string } | null>;
  /** Verifier keys for offline checks: this register's and the peers' witness keys. */
  trustKeys(): Promise<{ logs: TrustBundle['logs']; witnesses: TrustBundle['witnesses'] }>;
}

/** The node's RegisterService seen through DocumentRegister. */
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

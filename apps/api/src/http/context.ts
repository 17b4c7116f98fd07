import type { Kysely } from 'kysely';
import type { Config } from '../platform/config.ts';
import type { DB } from '../platform/db/schema.ts';
import type { DatabaseKind } from '../platform/db/database.ts';
import type { Notifier } from '../platform/notify/notifier.ts';
import type { Clock } from '../platform/clock.ts';
import type { Federation } from '../modules/federation/federation.port.ts';
import type { DocumentSigner } from '../modules/federation/document-signing.ts';
import type { VerificationCache } from '../modules/documents/verification-cache.ts';
import type { RegisterService } from '../modules/register/register.service.ts';

/** Everything a route or service may depend on, passed explicitly (no container, no globals). */
export interface AppDeps {
  config: Config;
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  notifier: Notifier;
  clock: Clock;
  /** Development tools: the notification outbox page and demo TOTP codes. Off in production. */
  devTools: boolean;
  /** Where logs go (default stdout); tests capture them to prove no personal data is written. */
  logStream?: NodeJS.WritableStream;
  /** Federation v1: queue messages to peer nodes in your transaction, handle incoming ones (federation.port.ts). */
  federation: Federation;
  /** Transparency register (RFC 9162 Merkle log): `append(trx, { kind, data })` in your transaction; proofs and checkpoints. */
  register: RegisterService;
  /** Signs documents issued with peers (contracts) with this node's federation key; checks peers' signatures against pinned keys. */
  signer: DocumentSigner;
  /** /verify answers of issued documents (one per node process): whoever changes a document's status invalidates its entry. */
  verifyCache: VerificationCache;
}

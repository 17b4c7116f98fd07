/**
 * Federation v1 for one node: implements the port domain modules use (enqueue, cancelPending, on), owns the
 * inbox (receive), the relay and the key material, and serves the auditors' views. Created and started by
 * createNode (platform/node.ts), stopped before the database closes.
 */
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  FederationMessageBodies,
  type ExchangeMessageType,
  type FederationDeadLetter,
  type FederationMessageListQuery,
  type FederationMessageLogItem,
  type FederationMessagePage,
  type FederationPeerStatus,
} from '@rabt/contracts';
import { AppError, fieldError } from '../../http/errors.ts';
import { appendAudit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Federation, MessageHandler, OutgoingMessage } from './federation.port.ts';
import * as repo from './federation.repository.ts';
import { receiveBatch, receiveMessage, type InboxDeps, type InternalHandler, type ReceiveResult } from './inbox.ts';
import { defaultKeysFile, loadKeyRing, readOrCreateKeyFile, type KeyFileEntry, type KeyRing, type PublicJwk } from './keys.ts';
import { PeerKeys, readPeersFile, type PeerEntry } from './peers.ts';
import { Relay } from './relay.ts';
import { createDocumentSigner, type DocumentSigner } from './document-signing.ts';

type LogFn = (level: 'warn' | 'error', obj: Record<string, unknown>, message: string) => void;

export interface FederationOptions {
  config: Config;
  db: Kysely<DB>;
  clock: Clock;
  /** Key-file entries to use instead of FEDERATION_KEYS_FILE / the default file (tests, launchers). */
  keys?: KeyFileEntry[];
  /** Peers to use instead of FEDERATION_PEERS_FILE. */
  peers?: PeerEntry[];
  fetch?: typeof fetch;
}

export class FederationNode implements Federation {
  readonly country: string;
  readonly peerEntries: PeerEntry[];
  readonly peerKeys: PeerKeys;
  private readonly handlers = new Map<string, InternalHandler>();
  private readonly relay: Relay;
  private logFn: LogFn = () => undefined;

  private constructor(
    private readonly options: FederationOptions,
    readonly keys: KeyRing,
    peers: PeerEntry[],
  ) {
    const { config } = options;
    this.country = config.country;
    this.peerEntries = peers.filter((p) => p.country !== config.country);
    const f = config.federation;
    this.peerKeys = new PeerKeys(this.peerEntries, { refreshMs: f.jwksRefreshMs, timeoutMs: f.httpTimeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
    this.relay = new Relay({
      db: options.db,
      clock: options.clock,
      self: this.country,
      keys,
      peerKeys: this.peerKeys,
      peers: this.peerEntries,
      settings: {
        pollMs: f.relayPollMs,
        maxAttempts: f.maxAttempts,
        backoffBaseMs: f.backoffBaseMs,
        backoffCapMs: f.backoffCapMs,
        breakerThreshold: f.breakerThreshold,
        breakerHalfOpenMs: f.breakerHalfOpenMs,
        httpTimeoutMs: f.httpTimeoutMs,
        peerConcurrency: f.peerConcurrency,
        messageTtlSeconds: f.messageTtlSeconds,
        batchSize: f.batchSize,
      },
      ...(options.fetch ? { fetch: options.fetch } : {}),
      log: (level, obj, message) => this.logFn(level, obj, message),
    });
    // The protocol's own no-effect message (conformance suite, liveness).
    this.handlers.set('federation.ping', async () => undefined);
  }

  /** Loads keys (generating the default key file on first start) and peers; fails fast on a bad file. */
  static async create(options: FederationOptions): Promise<FederationNode> {
    const f = options.config.federation;
    const entries = options.keys ?? (await readOrCreateKeyFile(f.keysFile ?? defaultKeysFile(options.config.dataDir, options.config.country), !f.keysFile));
    const keys = await loadKeyRing(entries);
    const peers = options.peers ?? readPeersFile(f.peersFile);
    return new FederationNode(options, keys, peers);
  }

  /** Where relay warnings go (the app's pino logger once it exists). */
  setLogger(log: LogFn): void {
    this.logFn = log;
  }

  start(): void {
    if (this.options.config.federation.relayEnabled) this.relay.start();
  }

  stop(): Promise<void> {
    return this.relay.stop();
  }

  /** Makes the relay look for due messages now instead of at its next poll. */
  kick(): void {
    this.relay.kick();
  }

  peers(): string[] {
    return this.peerEntries.map((p) => p.country);
  }

  /** Signs and checks documents issued with peers (contracts) with this node's keys and the peers' pinned keys. */
  documentSigner(): DocumentSigner {
    return (this.signer ??= createDocumentSigner(this.country, this.keys, this.peerKeys, () => this.peers()));
  }
  private signer: DocumentSigner | undefined;

  jwks(): { keys: PublicJwk[] } {
    return { keys: this.keys.published };
  }

  async enqueue<T extends ExchangeMessageType>(trx: Transaction<DB>, message: OutgoingMessage<T>): Promise<string> {
    if (!/^[A-Z]{2}$/.test(message.to) || message.to === this.country) throw new AppError('validation_failed', { fieldErrors: [fieldError('/to', 'invalid_value')] });
    const schema = FederationMessageBodies[message.type] as (typeof FederationMessageBodies)[ExchangeMessageType] | undefined;
    if (!schema) throw new AppError('validation_failed', { fieldErrors: [fieldError('/type', 'invalid_value')] });
    const body = schema.safeParse(message.body);
    if (!body.success) {
      throw new AppError('validation_failed', { fieldErrors: body.error.issues.map((i) => fieldError(`/body/${i.path.join('/')}`, 'invalid_format')) });
    }
    const e = message.entity;
    if (e && (!/^[a-z][a-z0-9_.-]{0,63}$/.test(e.type) || e.id.length < 1 || e.id.length > 128 || !Number.isSafeInteger(e.version) || e.version < 0)) {
      throw new AppError('validation_failed', { fieldErrors: [fieldError('/entity', 'invalid_format')] });
    }
    const id = uuidv7();
    await repo.insertOutbox(trx, { id, to: message.to, type: message.type, entity: e ?? null, body: body.data, now: this.options.clock() });
    return id;
  }

  cancelPending(trx: Transaction<DB>, filter: { to: string; entityType: string; entityId: string }): Promise<number> {
    return repo.cancelPending(trx, filter);
  }

  on<T extends ExchangeMessageType>(type: T, handler: MessageHandler<T>): void {
    if (this.handlers.has(type)) throw new Error(`a federation handler for ${type} is already registered`);
    this.handlers.set(type, handler as unknown as InternalHandler);
  }

  /** Sets the handler of `type`, replacing the one a module registered (tests: record effects instead). */
  replaceHandler<T extends ExchangeMessageType>(type: T, handler: MessageHandler<T>): void {
    this.handlers.set(type, handler as unknown as InternalHandler);
  }

  /** Verifies and applies one incoming compact JWS (POST /federation/v1/messages). */
  receive(compact: string): Promise<ReceiveResult> {
    return receiveMessage(this.inboxDeps(), compact);
  }

  /** Verifies and applies a batch (POST /federation/v1/batch); one result per message, in order. */
  receiveBatch(messages: string[]): Promise<ReceiveResult[]> {
    return receiveBatch(this.inboxDeps(), messages);
  }

  private inboxDeps(): InboxDeps {
    return {
      db: this.options.db,
      clock: this.options.clock,
      self: this.country,
      keys: this.keys,
      peers: this.peerKeys,
      maxBytes: this.options.config.federation.maxMessageBytes,
      handler: (type) => this.handlers.get(type),
      log: (err, message) => this.logFn('error', { err }, message),
    };
  }

  // ---- views ----

  async listMessages(q: FederationMessageListQuery): Promise<FederationMessagePage> {
    const before = q.cursor ? decodeCursor(q.cursor) : undefined;
    const rows = await repo.listLog(this.options.db, { direction: q.direction, peer: q.peer, type: q.type, before, limit: q.limit });
    const items = rows.map(toLogItem);
    const last = rows[rows.length - 1];
    const nextCursor = rows.length === q.limit && last ? encodeCursor(last.direction === 'out' ? last.row.created_at : last.row.received_at, last.row.id) : null;
    return { items, nextCursor };
  }

  async listDeadLetters(q: { peer?: string | undefined; limit: number }): Promise<FederationDeadLetter[]> {
    return (await repo.listDead(this.options.db, q)).map((r) => ({
      id: r.id,
      peer: r.to_country,
      type: r.type,
      entity: entityOf(r),
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
    }));
  }

  /** Puts a dead letter back in the queue (attempts reset), audited; 404 if unknown, 409 if not dead. */
  async retryDeadLetter(id: string, actor: Actor): Promise<void> {
    const now = this.options.clock();
    await this.options.db.transaction().execute(async (trx) => {
      const row = await repo.findOutbox(trx, id);
      if (!row) throw new AppError('not_found');
      if (!(await repo.requeueDead(trx, id, now))) throw new AppError('federation_not_dead_letter');
      await appendAudit(trx, actor, { action: 'federation.message.retried', subjectType: 'federation_message', subjectId: id, details: { to: row.to_country, type: row.type, previousAttempts: row.attempts } }, now);
    });
    this.relay.kick();
  }

  async peerStatuses(): Promise<FederationPeerStatus[]> {
    const stats = await repo.outboxStatsByPeer(this.options.db);
    return this.peerEntries.map((p) => {
      const rt = this.relay.runtimes.get(p.country);
      const s = stats.get(p.country);
      const breaker = rt?.breaker;
      breaker?.allowance(1); // moves an expired open breaker to half_open for display
      return {
        country: p.country,
        url: p.url,
        thumbprints: p.thumbprints,
        breaker: breaker?.state ?? 'closed',
        consecutiveFailures: breaker?.failures ?? 0,
        lastSuccessAt: rt?.lastSuccessAt?.toISOString() ?? null,
        lastFailureAt: rt?.lastFailureAt?.toISOString() ?? null,
        lastError: rt?.lastError ?? null,
        pending: s?.pending ?? 0,
        dead: s?.dead ?? 0,
        oldestPendingAt: s?.oldestPendingAt?.toISOString() ?? null,
      };
    });
  }
}

function entityOf(r: { entity_type: string | null; entity_id: string | null; entity_version: number | null }) {
  return r.entity_type !== null && r.entity_id !== null && r.entity_version !== null ? { type: r.entity_type, id: r.entity_id, version: Number(r.entity_version) } : null;
}

function toLogItem(x: { direction: 'out'; row: repo.OutboxRow } | { direction: 'in'; row: repo.InboxRow }): FederationMessageLogItem {
  if (x.direction === 'out') {
    const r = x.row;
    return {
      direction: 'out',
      id: r.id,
      type: r.type,
      peer: r.to_country,
      status: r.status,
      entity: entityOf(r),
      attempts: r.attempts,
      lastError: r.last_error,
      receiptStatus: r.receipt_status,
      messageHash: r.message_hash,
      createdAt: r.created_at.toISOString(),
      completedAt: r.delivered_at?.toISOString() ?? null,
    };
  }
  const r = x.row;
  return {
    direction: 'in',
    id: r.id,
    type: r.type,
    peer: r.from_country,
    status: r.status,
    entity: entityOf(r),
    attempts: null,
    lastError: null,
    receiptStatus: r.status,
    messageHash: r.message_hash,
    createdAt: r.issued_at.toISOString(),
    completedAt: r.received_at.toISOString(),
  };
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new AppError('validation_failed', { fieldErrors: [fieldError('/cursor', 'invalid_format')] });
  }
}

/** True when `f` is the real federation (not a test double), so its HTTP endpoints can be served. */
export function isFederationNode(f: Federation | undefined): f is FederationNode {
  return f instanceof FederationNode;
}

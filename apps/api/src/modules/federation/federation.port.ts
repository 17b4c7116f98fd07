import type { Transaction } from 'kysely';
import type { ExchangeMessageBody, ExchangeMessageType } from '@rabt/contracts';
import type { DB } from '../../platform/db/schema.ts';

/**
 * What domain modules see of federation v1 (docs/federation-v1.md). Domain code never signs, sends or
 * verifies anything itself: it queues messages in its own transaction (transactional outbox) and
 * registers handlers that run in the inbox transaction of a verified, non-duplicate, non-stale message.
 */
export interface OutgoingMessage<T extends ExchangeMessageType = ExchangeMessageType> {
  /** ISO 3166-1 alpha-2 of the peer node. */
  to: string;
  type: T;
  body: ExchangeMessageBody<T>;
  /**
   * Per-entity version: the receiver applies a message only if `version` is greater than the last
   * version it applied for (from, entity type, entity id), so reordered messages never regress state.
   */
  entity?: { type: string; id: string; version: number };
}

export interface IncomingMessage<T extends ExchangeMessageType = ExchangeMessageType> {
  id: string;
  type: T;
  /** Sender country (authenticated by its pinned key). */
  from: string;
  to: string;
  issuedAt: string;
  expiresAt: string;
  entity: { type: string; id: string; version: number } | null;
  body: ExchangeMessageBody<T>;
}

/** Applies a message's effect inside the inbox transaction; throw to reject it (negative receipt, nothing applied). */
export type MessageHandler<T extends ExchangeMessageType = ExchangeMessageType> = (trx: Transaction<DB>, message: IncomingMessage<T>) => Promise<void>;

export interface Federation {
  /** This node's country. */
  readonly country: string;
  /** Peer countries this node is pinned to. */
  peers(): string[];
  /** Queues a message in the caller's transaction; returns its id (UUIDv7). The body is validated against its contract schema. */
  enqueue<T extends ExchangeMessageType>(trx: Transaction<DB>, message: OutgoingMessage<T>): Promise<string>;
  /** Cancels queued, not yet delivered messages to `to` about one entity (consent withdrawal). Returns how many. */
  cancelPending(trx: Transaction<DB>, filter: { to: string; entityType: string; entityId: string }): Promise<number>;
  /** Registers the handler of one message type (one per type). */
  on<T extends ExchangeMessageType>(type: T, handler: MessageHandler<T>): void;
}

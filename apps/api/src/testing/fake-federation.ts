import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { ExchangeMessageBodies, type ExchangeMessageType } from '@rabt/contracts';
import type { Federation, IncomingMessage, MessageHandler, OutgoingMessage } from '../modules/federation/federation.port.ts';
import type { DB } from '../platform/db/schema.ts';

export interface FakeSent extends OutgoingMessage {
  id: string;
  status: 'queued' | 'cancelled';
}

/**
 * In-memory Federation port for domain-module tests: records what was enqueued (bodies validated
 * against their contract schemas, as the real outbox does), cancels by entity, and delivers incoming
 * messages to the registered handler inside a database transaction, as the real inbox does.
 * Limitation: a recorded message is not removed if the enqueuing transaction rolls back.
 */
export class FakeFederation implements Federation {
  readonly sent: FakeSent[] = [];
  private readonly handlers = new Map<string, unknown>();

  constructor(
    readonly country: string,
    private readonly peerList: string[] = ['SA', 'JO'],
  ) {}

  peers(): string[] {
    return [...this.peerList];
  }

  enqueue<T extends ExchangeMessageType>(_trx: Transaction<DB>, message: OutgoingMessage<T>): Promise<string> {
    if (!this.peerList.includes(message.to)) return Promise.reject(new Error(`not a peer: ${message.to}`));
    const body = ExchangeMessageBodies[message.type].parse(message.body) as OutgoingMessage<T>['body'];
    const id = randomUUID();
    this.sent.push({ ...(message as OutgoingMessage), body, id, status: 'queued' });
    return Promise.resolve(id);
  }

  cancelPending(_trx: Transaction<DB>, filter: { to: string; entityType: string; entityId: string }): Promise<number> {
    let n = 0;
    for (const m of this.sent) {
      if (m.status === 'queued' && m.to === filter.to && m.entity?.type === filter.entityType && m.entity.id === filter.entityId) {
        m.status = 'cancelled';
        n++;
      }
    }
    return Promise.resolve(n);
  }

  on<T extends ExchangeMessageType>(type: T, handler: MessageHandler<T>): void {
    if (this.handlers.has(type)) throw new Error(`handler already registered for ${type}`);
    this.handlers.set(type, handler);
  }

  /** Queued (not cancelled) messages, optionally of one type and/or to one peer. */
  queued(filter: { type?: ExchangeMessageType; to?: string } = {}): FakeSent[] {
    return this.sent.filter((m) => m.status === 'queued' && (!filter.type || m.type === filter.type) && (!filter.to || m.to === filter.to));
  }

  /** Delivers an incoming message to its handler in a transaction of `db` (throws what the handler throws). */
  async deliver<T extends ExchangeMessageType>(
    db: { transaction(): { execute<R>(fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> } },
    message: { type: T; from: string; body: unknown; entity?: { type: string; id: string; version: number } | null },
  ): Promise<void> {
    const handler = this.handlers.get(message.type) as MessageHandler<T> | undefined;
    if (!handler) throw new Error(`no handler for ${message.type}`);
    const body = ExchangeMessageBodies[message.type].parse(message.body) as IncomingMessage<T>['body'];
    const now = new Date();
    const incoming: IncomingMessage<T> = {
      id: randomUUID(),
      type: message.type,
      from: message.from,
      to: this.country,
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 300_000).toISOString(),
      entity: message.entity ?? null,
      body,
    };
    await db.transaction().execute((trx) => handler(trx, incoming));
  }
}

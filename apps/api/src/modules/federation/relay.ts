/**
 * The outbox relay (docs/federation-v1.md §8): delivers due outbox rows to each peer, at least once.
 * Each message is signed at send time (fresh issuedAt/expiresAt, same id), POSTed, and marked delivered only
 * with a verified receipt that echoes its hash. Failures back off exponentially with full jitter (capped),
 * and dead-letter after `maxAttempts`. Each peer has its own circuit breaker and concurrency limit, and every
 * request has a timeout, so a dead or slow peer never holds up the others or exhausts connections.
 */
import type { Kysely } from 'kysely';
import { FEDERATION_MAX_BATCH_BYTES, FEDERATION_PERMANENT_REASONS, FederationBatchResponse, FederationRejectReasonSchema, type FederationReceipt } from '@rabt/contracts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/db/schema.ts';
import * as repo from './federation.repository.ts';
import type { KeyRing } from './keys.ts';
import type { PeerEntry, PeerKeys } from './peers.ts';
import { ReceiptError, sha256Hex, signMessage, verifyReceipt } from './wire.ts';

export interface RelaySettings {
  pollMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  breakerThreshold: number;
  breakerHalfOpenMs: number;
  httpTimeoutMs: number;
  peerConcurrency: number;
  messageTtlSeconds: number;
  /** Messages per request (POST /federation/v1/batch). */
  batchSize: number;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}


/** Full-jitter exponential backoff (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in [0, min(cap, base·2^(attempt−1))]. */
export function backoffMs(attempt: number, base: number, cap: number, random: () => number = Math.random): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export type BreakerState = 'closed' | 'open' | 'half_open';

/** Per-peer circuit breaker: opens after `threshold` consecutive failures; after `halfOpenMs` lets one trial through. */
export class CircuitBreaker {
  state: BreakerState = 'closed';
  failures = 0;
  private openedAt = 0;

  constructor(
    private readonly threshold: number,
    private readonly halfOpenMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How many requests may be in flight right now. */
  allowance(concurrency: number): number {
    if (this.state === 'open' && this.now() - this.openedAt >= this.halfOpenMs) this.state = 'half_open';
    if (this.state === 'closed') return concurrency;
    return this.state === 'half_open' ? 1 : 0;
  }

  success(): void {
    this.failures = 0;
    this.state = 'closed';
  }

  failure(): void {
    this.failures++;
    if (this.state === 'half_open' || (this.state === 'closed' && this.failures >= this.threshold)) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }
}

export interface PeerRuntime {
  peer: PeerEntry;
  breaker: CircuitBreaker;
  inFlight: Map<string, Promise<void>>;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
}

export interface RelayDeps {
  db: Kysely<DB>;
  clock: Clock;
  self: string;
  keys: KeyRing;
  peerKeys: PeerKeys;
  peers: PeerEntry[];
  settings: RelaySettings;
  fetch?: typeof fetch;
  log(level: 'warn' | 'error', obj: Record<string, unknown>, message: string): void;
}

type Outcome =
  | { kind: 'delivered'; receipt: FederationReceipt; jws: string }
  | { kind: 'rejected'; receipt: FederationReceipt; jws: string }
  | { kind: 'failed'; error: string };

export class Relay {
  readonly runtimes: Map<string, PeerRuntime>;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private again = false;
  private stopped = true;
  private readonly stopController = new AbortController();

  constructor(private readonly deps: RelayDeps) {
    this.runtimes = new Map(
      deps.peers.map((peer) => [
        peer.country,
        { peer, breaker: new CircuitBreaker(deps.settings.breakerThreshold, deps.settings.breakerHalfOpenMs), inFlight: new Map(), lastSuccessAt: null, lastFailureAt: null, lastError: null },
      ]),
    );
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling, aborts requests in flight and gives their rows back; resolves when nothing is running. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopController.abort();
    while (this.ticking || [...this.runtimes.values()].some((r) => r.inFlight.size > 0)) {
      await Promise.allSettled([...this.runtimes.values()].flatMap((r) => [...r.inFlight.values()]));
      if (this.ticking) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Looks for due messages now (e.g. after a delivery freed a slot). */
  kick(): void {
    if (this.ticking) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    // The relay alone never keeps a process alive (the HTTP server does).
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      for (const rt of this.runtimes.values()) {
        if (this.stopped) break;
        try {
          await this.fill(rt);
        } catch (err) {
          this.deps.log('error', { err, peer: rt.peer.country }, 'federation relay: claiming messages failed');
        }
      }
    } finally {
      this.ticking = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      } else this.schedule(this.deps.settings.pollMs);
    }
  }

  private async fill(rt: PeerRuntime): Promise<void> {
    const slots = rt.breaker.allowance(this.deps.settings.peerConcurrency) - rt.inFlight.size;
    if (slots <= 0) return;
    const now = this.deps.clock();
    // The lease outlasts the request timeout, so a live relay never sees its own in-flight rows as due.
    const leaseUntil = new Date(now.getTime() + this.deps.settings.httpTimeoutMs * 2 + 5_000);
    // Half-open: a single one-message trial.
    const size = rt.breaker.state === 'half_open' ? 1 : this.deps.settings.batchSize;
    const rows = await repo.claimDue(this.deps.db, rt.peer.country, now, leaseUntil, slots * size);
    for (let i = 0; i < rows.length; i += size) {
      const batch = rows.slice(i, i + size);
      const key = batch[0]!.id;
      const job = this.deliver(rt, batch)
        .catch((err: unknown) => this.deps.log('error', { err, peer: rt.peer.country }, 'federation relay: recording a delivery attempt failed'))
        .finally(() => {
          rt.inFlight.delete(key);
          if (!this.stopped) this.kick();
        });
      rt.inFlight.set(key, job);
    }
  }

  private async sign(row: repo.OutboxRow, issuedAt: Date): Promise<{ row: repo.OutboxRow; jws: string; hash: string }> {
    const entity = row.entity_type !== null && row.entity_id !== null && row.entity_version !== null ? { type: row.entity_type, id: row.entity_id, version: Number(row.entity_version) } : null;
    const jws = await signMessage(
      {
        id: row.id,
        type: row.type,
        from: this.deps.self,
        to: row.to_country,
        issuedAt: issuedAt.toISOString(),
        expiresAt: new Date(issuedAt.getTime() + this.deps.settings.messageTtlSeconds * 1000).toISOString(),
        entity,
        body: row.body,
      },
      this.deps.keys.active,
    );
    return { row, jws, hash: sha256Hex(jws) };
  }

  /** Signs the rows at send time (same ids, fresh times), sends them in one request and records each outcome. */
  private async deliver(rt: PeerRuntime, rows: repo.OutboxRow[]): Promise<void> {
    const { clock } = this.deps;
    const issuedAt = clock();
    const signed = await Promise.all(rows.map((row) => this.sign(row, issuedAt)));
    const outcomes = signed.length === 1 ? [await this.post(rt, signed[0]!.row.id, signed[0]!.jws, signed[0]!.hash)] : await this.postBatch(rt, signed);
    if (outcomes.includes('stopped')) {
      for (const { row } of signed) await repo.releaseClaim(this.deps.db, row.id, clock()).catch(() => undefined);
      return;
    }
    const results = outcomes as Outcome[];
    const at = clock();
    // The breaker counts requests, not messages: any signed answer means the peer is up.
    if (results.every((o) => o.kind === 'failed')) {
      rt.breaker.failure();
      rt.lastFailureAt = at;
      rt.lastError = (results[0] as { error: string }).error;
    } else {
      rt.breaker.success();
      rt.lastSuccessAt = at;
    }
    const delivered: Parameters<typeof repo.markDeliveredMany>[1] = [];
    for (const [i, outcome] of results.entries()) {
      const { row, jws, hash } = signed[i]!;
      if (outcome.kind === 'delivered') delivered.push({ id: row.id, message: jws, hash, receipt: outcome.jws, status: outcome.receipt.status as 'accepted' | 'duplicate' | 'stale' });
      else await this.failed(rt, row, outcome, at);
    }
    await repo.markDeliveredMany(this.deps.db, delivered, at);
  }

  private async failed(rt: PeerRuntime, row: repo.OutboxRow, outcome: Exclude<Outcome, { kind: 'delivered' }>, at: Date): Promise<void> {
    const { settings } = this.deps;
    const error = outcome.kind === 'rejected' ? `rejected: ${outcome.receipt.reason ?? 'unspecified'}` : outcome.error;
    if (outcome.kind === 'rejected') rt.lastError = error;
    const reason = outcome.kind === 'rejected' ? FederationRejectReasonSchema.safeParse(outcome.receipt.reason) : undefined;
    const permanent = reason?.success === true && FEDERATION_PERMANENT_REASONS.includes(reason.data);
    const receiptJws = outcome.kind === 'rejected' ? outcome.jws : null;
    if (permanent || row.attempts >= settings.maxAttempts) {
      await this.deps.db.transaction().execute(async (trx) => {
        if (!(await repo.markDead(trx, row.id, { error, receipt: receiptJws }))) return;
        await appendAudit(
          trx,
          { kind: 'system' },
          { action: 'federation.message.dead_lettered', subjectType: 'federation_message', subjectId: row.id, details: { to: row.to_country, type: row.type, attempts: row.attempts, error, permanent } },
          at,
        );
      });
      this.deps.log('warn', { messageId: row.id, peer: row.to_country, attempts: row.attempts, error }, 'federation message dead-lettered');
      return;
    }
    const delay = backoffMs(row.attempts, settings.backoffBaseMs, settings.backoffCapMs);
    await repo.markRetry(this.deps.db, row.id, { nextAttemptAt: new Date(at.getTime() + delay), error, message: null, receipt: receiptJws });
  }

  /** POST /federation/v1/batch; a peer without it (404) gets the messages one by one. */
  private async postBatch(rt: PeerRuntime, signed: { row: repo.OutboxRow; jws: string; hash: string }[]): Promise<(Outcome | 'stopped')[]> {
    const body = JSON.stringify({ messages: signed.map((s) => s.jws) });
    const single = async () => {
      const out: (Outcome | 'stopped')[] = [];
      for (const s of signed) out.push(await this.post(rt, s.row.id, s.jws, s.hash));
      return out;
    };
    if (Buffer.byteLength(body) > FEDERATION_MAX_BATCH_BYTES) return single();
    const answer = await this.request(rt, '/federation/v1/batch', 'application/json', body);
    if (answer === 'stopped') return signed.map(() => 'stopped');
    if ('error' in answer) return signed.map(() => ({ kind: 'failed', error: answer.error }));
    if (answer.status === 404) return single();
    const parsed = FederationBatchResponse.safeParse(answer.status === 200 && answer.type.startsWith('application/json') ? safeJson(answer.text) : undefined);
    if (!parsed.success || parsed.data.results.length !== signed.length) return signed.map(() => ({ kind: 'failed', error: `HTTP ${answer.status}: not a batch answer` }));
    return Promise.all(
      parsed.data.results.map((r, i) => {
        const s = signed[i]!;
        return r.receipt !== undefined
          ? this.judge(rt, s.row.id, s.hash, r.status, 'application/jose', r.receipt)
          : Promise.resolve<Outcome>({ kind: 'failed', error: `HTTP ${r.status} ${r.problem?.code ?? 'problem'}` });
      }),
    );
  }

  private async request(rt: PeerRuntime, path: string, contentType: string, body: string): Promise<{ status: number; type: string; text: string } | { error: string } | 'stopped'> {
    try {
      const res = await (this.deps.fetch ?? fetch)(`${rt.peer.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/jose, application/json, application/problem+json' },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(this.deps.settings.httpTimeoutMs), this.stopController.signal]),
      });
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    } catch (err) {
      if (this.stopped) return 'stopped';
      const e = err as Error & { cause?: { code?: string } };
      return { error: e.name === 'TimeoutError' ? `timeout after ${this.deps.settings.httpTimeoutMs} ms` : `network: ${e.cause?.code ?? e.message}` };
    }
  }

  /** Classifies one answer: a verified receipt (delivered or rejected) or a failure. */
  private async judge(rt: PeerRuntime, id: string, hash: string, status: number, type: string, text: string): Promise<Outcome> {
    if (!type.startsWith('application/jose')) return { kind: 'failed', error: `HTTP ${status} without a receipt` };
    let receipt: FederationReceipt;
    try {
      receipt = await verifyReceipt(text, { peer: rt.peer.country, messageId: id, messageHash: hash }, this.deps.peerKeys);
    } catch (err) {
      return { kind: 'failed', error: err instanceof ReceiptError ? `bad receipt: ${err.message}` : String(err) };
    }
    if (receipt.status === 'rejected') return { kind: 'rejected', receipt, jws: text };
    if (status !== 200) return { kind: 'failed', error: `HTTP ${status} with a ${receipt.status} receipt` };
    return { kind: 'delivered', receipt, jws: text };
  }

  private async post(rt: PeerRuntime, id: string, jws: string, hash: string): Promise<Outcome | 'stopped'> {
    const answer = await this.request(rt, '/federation/v1/messages', 'application/jose', jws);
    if (answer === 'stopped') return 'stopped';
    if ('error' in answer) return { kind: 'failed', error: answer.error };
    return this.judge(rt, id, hash, answer.status, answer.type, answer.text);
  }
}

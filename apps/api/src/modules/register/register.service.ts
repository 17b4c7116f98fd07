/**
 * The transparency register of one node (issue 4 §7), as a log and as a witness.
 *
 * As a LOG: an RFC 9162 Merkle tree of the documents this node issues. Other modules `append` a leaf (a
 * salted digest, never personal data) inside their own transaction; appends are serialized by a row
 * lock, so indexes are contiguous, and each append stores the perfect subtrees the new leaf completes
 * (register_subtrees), so a proof or root is one indexed select. A timer signs a checkpoint (C2SP
 * tlog-checkpoint in a C2SP signed note, Ed25519 with the node's active federation key, key name = origin)
 * when there are new leaves, at least every 10 s, and sends it to every peer over federation v1
 * (`register.checkpoint`) with a consistency proof from the size that peer last cosigned. The cosignatures
 * the peers return (`register.cosignature`, C2SP tlog-cosignature v1) are verified with the peer's pinned
 * key and appended to the published note.
 *
 * As a WITNESS (and monitor) of each peer's log: verifies the note with the peer's pinned key, checks
 * consistency (RFC 9162 §2.1.4.2) with the last checkpoint it verified for that origin, then cosigns
 * (name `rabt.<own country>/witness`). A bad signature, a failing proof, a smaller size or the same size
 * with another root raises an alert (row, error log line, counter rabt_register_inconsistencies_total) and
 * nothing is cosigned. Checkpoints reach the witness two ways, judged by ONE function (witnessCheckpoint):
 *  - PUSH: the log's `register.checkpoint` message (above), in the inbox transaction.
 *  - POLL (C2SP tlog-witness; RFC 9162 §8.2, monitors fetch the log's published checkpoints themselves): every
 *    REGISTER_WITNESS_POLL_MS (default 30 s; 0 = no poller) a timer GETs each peer's public
 *    `{url}/api/v1/register/checkpoint` (url from the federation peers file, timeout FEDERATION_HTTP_TIMEOUT_MS)
 *    and, when it is larger than the verified one, `/api/v1/register/proof/consistency?first=&second=`. A log
 *    that stops pushing is still witnessed; a log that serves the public another tree than it pushed to its
 *    witnesses (a split view) is caught: the same size with another root raises root_mismatch with both notes
 *    (`note` fetched, `verifiedNote`) as evidence. If the served checkpoint is the verified one but does not
 *    carry this witness's cosignature yet, it is cosigned again (once per size per process), which repairs a
 *    lost cosignature. A poll whose observation went stale (the witness state moved meanwhile, e.g. by a push)
 *    does nothing; the next poll looks again. A fact found by polling is alerted once (same kind, size and note).
 * SILENCE (same timer, so only when the poller runs; threshold REGISTER_WITNESS_SILENCE_MS, default 10 min):
 *  - peer_unreachable (witness side): every fetch of a peer's checkpoint has failed (network error, timeout, a
 *    status other than 200 — a 404 `register_no_checkpoint` of an empty log counts as reachable —, another
 *    content type, an unusable proof answer) since the first failure after the last success, for at least the
 *    threshold: ONE alert, then none until a fetch succeeds again (register_peer_polls.unreachable_alerted).
 *  - witness_silent (log side): a peer whose witness cosigned some checkpoint of this log has cosigned no later
 *    one, and the oldest later checkpoint was signed at least the threshold ago: one alert per (peer, size of that
 *    checkpoint). (Looking at the oldest uncosigned checkpoint, not only the latest, keeps a busy log, whose
 *    latest checkpoint is always young, from hiding a silent witness.)
 * This state is in the database under row locks, so restarts and several API processes do not repeat alerts.
 */
import { createHash, sign as edSign, type KeyObject } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { Counter } from 'prom-client';
import { RegisterConsistencyProof, type RegisterAlert, type RegisterKeys } from '@rabt/contracts';
import {
  ALG_COSIGNATURE_V1,
  ALG_ED25519,
  appendSignatureLines,
  consistencyProofPlan,
  cosignCheckpoint,
  encodeVerifierKey,
  foldSubtreeHashes,
  formatCheckpoint,
  inclusionProofPlan,
  leafHash as merkleLeafHash,
  newVerifierKey,
  nodeHash,
  noteKeyId,
  openNote,
  parseNote,
  tryParseCheckpoint,
  rootPlan,
  signNote,
  subtreesCompletedBy,
  verifyConsistency,
  verifyCosignature,
  type ProofPlan,
  type Sha256,
  type SubtreeCoord,
} from '@rabt/trust';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB, RegisterAlertsTable } from '../../platform/db/schema.ts';
import type { Federation, IncomingMessage } from '../federation/federation.port.ts';
import type { KeyRing } from '../federation/keys.ts';
import * as repo from './register.repository.ts';

/** SHA-256 from node:crypto (the same function @rabt/trust defaults to with @noble/hashes, faster here). */
export const sha256: Sha256 = (d) => createHash('sha256').update(d).digest();

/** Name of the prom-client counter of inconsistencies found (alerts raised). */
export const INCONSISTENCY_METRIC = 'rabt_register_inconsistencies_total';

/** What a leaf may record; lower-case word, e.g. `contract`, `certificate`, `permit`. */
const KIND = /^[a-z][a-z0-9_]{0,31}$/;
const MAX_LEAF_BYTES = 1024;

type LogFn = (level: 'info' | 'warn' | 'error', obj: Record<string, unknown>, message: string) => void;

/** Pinned Ed25519 keys of peers (the federation's PeerKeys): thumbprints (and base URL) per country and the keys themselves. */
export interface PeerKeySource {
  peer(country: string): { thumbprints: string[]; url?: string } | undefined;
  keyFor(country: string, kid: string): Promise<KeyObject | undefined>;
}

export interface RegisterDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** This node's country (ISO 3166-1 alpha-2) and register settings. */
  country: string;
  origin: string;
  checkpointIntervalMs: number;
  /** The node's federation key ring: the active Ed25519 key signs checkpoints and cosignatures. */
  keys: KeyRing;
  /** Federation v1: queue register messages in our transactions, receive the peers'. */
  federation: Federation;
  peerKeys: PeerKeySource;
  /** Makes the relay send now (optional; the relay polls anyway). */
  kick?: () => void;
  /** The witness poller and silence monitor; absent (or pollMs 0): the push path works alone. */
  witness?: WitnessPollSettings;
}

/** Settings of the witness poller and silence monitor (REGISTER_WITNESS_POLL_MS, REGISTER_WITNESS_SILENCE_MS). */
export interface WitnessPollSettings {
  /** Interval between two polls of every peer, ms (0 = no poller and no silence monitor). */
  pollMs: number;
  /** How long a peer may stay unreachable, or a peer's witness silent, before an alert, ms. */
  silenceMs: number;
  /** Timeout of each HTTP request to a peer, ms. */
  httpTimeoutMs: number;
  fetch?: typeof fetch;
}

/** A peer's checkpoint presented to this witness: pushed over federation v1 or fetched over HTTP. */
interface PresentedCheckpoint {
  peer: string;
  /** Push: the origin the message names (must be the note's). Poll: undefined, the note's own origin line counts. */
  origin: string | undefined;
  note: string;
  /** Size the consistency proof starts from (0: none). */
  oldSize: number;
  /** Base64 hashes (RFC 9162 §2.1.4). */
  consistencyProof: string[];
  evidence: Record<string, unknown>;
  /** Push: `head` = a log head message (with an entity), not a repeat. Poll: the witness state read before fetching. */
  via: { kind: 'push'; head: boolean } | { kind: 'poll'; seen: { size: number; rootHash: Uint8Array } | null };
}

/** What the witness did with a presented checkpoint: cosigned it, raised an alert, answered a conflict, or nothing (stale poll). */
export type WitnessOutcome = 'cosigned' | 'alert' | 'conflict' | 'stale';

/** What one poll of a peer came to: a witness outcome, `unchanged` (already verified and cosigned), `empty` (no checkpoint yet), `unreachable`. */
export type PollOutcome = WitnessOutcome | 'unchanged' | 'empty' | 'unreachable';

/** A peer's checkpoint or proof could not be fetched (counts towards peer_unreachable, never an inconsistency). */
class PeerFetchError extends Error {}

/** Largest answer the poller reads from a peer (a note is at most 16 KiB; a proof ≤ 128 hashes). */
const MAX_PEER_ANSWER_BYTES = 65_536;

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Signed note with the log's signature only. */
  note: string;
  createdAt: Date;
}

export interface LatestCheckpoint {
  origin: string;
  size: number;
  /** Base64 root hash. */
  rootHash: string;
  /** Signed note followed by the cosignature lines received so far. */
  note: string;
  createdAt: Date;
  cosignatures: { witness: string; country: string; time: Date }[];
}

/** Offline proof material for one entry: verify the inclusion proof against the (cosigned) checkpoint note. */
export interface ProofBundle {
  origin: string;
  index: number;
  size: number;
  leafHash: string;
  /** Inclusion proof, base64 hashes, leaf upwards (RFC 9162 §2.1.3). */
  proof: string[];
  /** The signed checkpoint note of `size` leaves, with its cosignatures. */
  checkpoint: string;
}

const key = (c: SubtreeCoord): string => `${c.level}:${c.index}`;
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const equalBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** The raw 32-byte Ed25519 public key of a KeyObject (the JWK `x`). */
function rawPublicKey(k: KeyObject): Uint8Array {
  const jwk = k.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
}

/** The raw 32-byte Ed25519 public key of a published JWK. */
function rawOfJwk(jwk: { x: string }): Uint8Array {
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}

/** Origin, size, root and signer names of a note, WITHOUT verifying anything (the poller's cheap look before it verifies). */
function peekCheckpoint(note: string): { origin: string; size: number; rootHash: Uint8Array; signers: string[] } | null {
  const parsed = parseNote(note);
  if (!parsed.ok) return null;
  const cp = tryParseCheckpoint(parsed.text);
  if (!cp.ok) return null;
  return { origin: cp.checkpoint.origin, size: cp.checkpoint.size, rootHash: cp.checkpoint.rootHash, signers: parsed.signatures.map((s) => s.name) };
}

/** The `code` of a problem-details body, if it is one. */
function problemCode(body: string): string | undefined {
  try {
    const p = JSON.parse(body) as { code?: unknown };
    return typeof p.code === 'string' ? p.code : undefined;
  } catch {
    return undefined;
  }
}

/** Witness key name of a node: `rabt.<country lower-case>/witness`. */
export function witnessNameOf(country: string): string {
  return `rabt.${country.toLowerCase()}/witness`;
}

/**
 * Appends one leaf in the caller's transaction (RFC 9162 §2.1.1: leaf hash = SHA-256(0x00 ‖ data)).
 * Locks the register's state row until the caller commits, so concurrent appends get contiguous indexes
 * in commit order; stores the leaf and every perfect subtree it completes (amortized O(1) rows).
 * `data` (1–1,024 bytes) must not contain personal data: give a salted digest of the document.
 * Throws TypeError on a bad kind or size (a programming error, not a client one).
 */
export async function appendLeaf(trx: Transaction<DB>, entry: { kind: string; data: Uint8Array }, now: Date): Promise<{ index: number; leafHash: Uint8Array }> {
  if (!KIND.test(entry.kind)) throw new TypeError(`register: bad leaf kind ${JSON.stringify(entry.kind)}`);
  if (!(entry.data instanceof Uint8Array) || entry.data.length < 1 || entry.data.length > MAX_LEAF_BYTES) throw new TypeError('register: leaf data must be 1–1024 bytes');
  const index = await repo.lockTreeSize(trx);
  const lh = Buffer.from(merkleLeafHash(entry.data, sha256));
  const completed = subtreesCompletedBy(index);
  // Each completed subtree at level L ≥ 1 is nodeHash(left sibling at L-1, the one just completed at L-1).
  const siblings = completed.slice(0, -1).map((c) => ({ level: c.level, index: c.index - 1 }));
  const found = await repo.subtreeHashes(trx, siblings);
  const rows = [{ level: 0, index, hash: lh }];
  let h: Uint8Array = lh;
  for (let i = 1; i < completed.length; i++) {
    const left = found.get(key(siblings[i - 1]!));
    if (!left) throw new Error(`register: subtree ${key(siblings[i - 1]!)} is missing (storage corrupted)`);
    h = nodeHash(left, h, sha256);
    rows.push({ level: completed[i]!.level, index: completed[i]!.index, hash: Buffer.from(h) });
  }
  await repo.insertLeaf(trx, { index, kind: entry.kind, data: Buffer.from(entry.data), leafHash: lh, at: now });
  await repo.insertSubtrees(trx, rows);
  await repo.setTreeSize(trx, index + 1);
  return { index, leafHash: lh };
}

/** Hashes of a plan's elements, from ONE select of the stored perfect subtrees (plus extra keys if given). */
async function resolvePlan(db: Kysely<DB> | Transaction<DB>, plan: ProofPlan, extra: SubtreeCoord[] = []): Promise<{ elements: Uint8Array[]; extra: Uint8Array[] }> {
  const wanted = [...plan.flat(), ...extra];
  const hashes = await repo.subtreeHashes(db, wanted);
  const get = (c: SubtreeCoord): Uint8Array => {
    const h = hashes.get(key(c));
    if (!h) throw new Error(`register: subtree ${key(c)} is missing`);
    return h;
  };
  return { elements: plan.map((el) => foldSubtreeHashes(el.map(get), sha256)), extra: extra.map(get) };
}

/** Root hash of the first `size` leaves (size ≥ 1), from the stored subtrees (RFC 9162 §2.1.1). */
async function rootAt(db: Kysely<DB> | Transaction<DB>, size: number): Promise<Uint8Array> {
  const { elements } = await resolvePlan(db, [rootPlan(size)]);
  return elements[0]!;
}

export class RegisterService {
  readonly origin: string;
  readonly witnessName: string;
  /** Alerts raised (prom-client counter, registered on the app's /metrics registry by the routes). */
  readonly inconsistencies: Counter;
  /** Size of the latest checkpoint seen; checkpoints only grow, so a size ≤ this needs no database check. */
  private checkpointedSize = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private inFlight: Promise<unknown> | undefined;
  private logFn: LogFn = () => undefined;
  private handlersRegistered = false;
  private witnessTimer: NodeJS.Timeout | undefined;
  private witnessInFlight: Promise<unknown> | undefined;
  /** Aborts the poller's requests in flight when the service stops. */
  private witnessAbort = new AbortController();
  /** origin → size this witness cosigned after a poll (so a served note still without our line is not cosigned at every poll). */
  private readonly polledCosigned = new Map<string, number>();

  constructor(private readonly deps: RegisterDeps) {
    this.origin = deps.origin;
    this.witnessName = witnessNameOf(deps.country);
    this.inconsistencies = new Counter({
      name: INCONSISTENCY_METRIC,
      help: 'Alerts raised by the transparency-register witness and monitor, by kind (inconsistencies, and peer_unreachable / witness_silent)',
      labelNames: ['kind'],
      registers: [],
    });
  }

  setLogger(log: LogFn): void {
    this.logFn = log;
  }

  // ---- log: append, checkpoints ----

  /** See appendLeaf: appends in the caller's transaction, with this service's clock. */
  append(trx: Transaction<DB>, entry: { kind: string; data: Uint8Array }): Promise<{ index: number; leafHash: Uint8Array }> {
    return appendLeaf(trx, entry, this.deps.clock());
  }

  private get logPublicKey(): Uint8Array {
    return new Uint8Array(Buffer.from(this.deps.keys.active.publicJwk.x, 'base64url'));
  }

  /** C2SP vkey of this log's active key (Ed25519, key name = origin). */
  verifierKey(): string {
    return encodeVerifierKey(newVerifierKey(this.origin, ALG_ED25519, this.logPublicKey));
  }

  /**
   * Signs a checkpoint of the current tree if it has leaves beyond the latest checkpoint, and queues it
   * to every peer (register.checkpoint, entity register_checkpoint/origin/size) with a consistency proof
   * from the size that peer last cosigned, in the same transaction. Returns the new checkpoint or null.
   */
  async publishCheckpoint(): Promise<Checkpoint | null> {
    const now = this.deps.clock();
    const cp = await this.deps.db.transaction().execute(async (trx) => {
      const size = await repo.treeSize(trx);
      const latest = await repo.latestCheckpoint(trx);
      if (size === 0 || (latest && latest.tree_size >= size)) return null;
      const rootHash = await rootAt(trx, size);
      const text = formatCheckpoint({ origin: this.origin, size, rootHash });
      const active = this.deps.keys.active;
      const note = await signNote(text, [
        { name: this.origin, keyId: noteKeyId(this.origin, ALG_ED25519, this.logPublicKey), sign: (m) => Promise.resolve(new Uint8Array(edSign(null, m, active.privateKey))) },
      ]);
      if (!(await repo.insertCheckpoint(trx, { tree_size: size, root_hash: Buffer.from(rootHash), note, created_at: now }))) return null;
      const cosigned = await repo.cosignedSizeByPeer(trx);
      for (const peer of this.deps.federation.peers()) {
        await this.sendCheckpoint(trx, peer, { size, note }, cosigned.get(peer) ?? 0, true);
      }
      return { origin: this.origin, size, rootHash, note, createdAt: now };
    });
    if (cp) {
      this.checkpointedSize = Math.max(this.checkpointedSize, cp.size);
      if (this.deps.federation.peers().length > 0) this.deps.kick?.();
    }
    return cp;
  }

  /** Queues `register.checkpoint` to one peer with a consistency proof from `fromSize` (0 = none). */
  private async sendCheckpoint(trx: Transaction<DB>, peer: string, cp: { size: number; note: string }, fromSize: number, withEntity: boolean): Promise<void> {
    const from = fromSize > 0 && fromSize <= cp.size ? fromSize : 0;
    const { elements } = await resolvePlan(trx, consistencyProofPlan(from, cp.size));
    await this.deps.federation.enqueue(trx, {
      to: peer,
      type: 'register.checkpoint',
      body: { origin: this.origin, note: cp.note, oldSize: from, consistencyProof: elements.map(b64) },
      ...(withEntity ? { entity: { type: 'register_checkpoint', id: this.origin, version: cp.size } } : {}),
    });
  }

  /**
   * Starts the checkpoint timer (every `checkpointIntervalMs`, never two runs at once) and, when configured,
   * the witness poller and silence monitor (every `witness.pollMs`, never two rounds at once).
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.startWitness();
    const tick = (): void => {
      const run = this.publishCheckpoint()
        .catch((err: unknown) => this.logFn('error', { err }, 'register: publishing a checkpoint failed'))
        .finally(() => {
          this.inFlight = undefined;
          if (this.running) this.timer = setTimeout(tick, this.deps.checkpointIntervalMs);
        });
      this.inFlight = run;
    };
    this.timer = setTimeout(tick, this.deps.checkpointIntervalMs);
  }

  /** Stops both timers, aborts the poller's requests and waits for the work in progress (before the database closes). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.witnessTimer) clearTimeout(this.witnessTimer);
    this.timer = undefined;
    this.witnessTimer = undefined;
    this.witnessAbort.abort();
    await Promise.allSettled([this.inFlight, this.witnessInFlight]);
    this.witnessAbort = new AbortController();
  }

  // ---- log: reads and proofs ----

  /** The latest checkpoint with the cosignature lines received so far; 404 `register_no_checkpoint` when none. */
  async latestCheckpoint(): Promise<LatestCheckpoint> {
    const row = await repo.latestCheckpoint(this.deps.db);
    if (!row) throw new AppError('register_no_checkpoint');
    this.checkpointedSize = Math.max(this.checkpointedSize, row.tree_size);
    return this.withCosignatures(this.deps.db, row);
  }

  private async withCosignatures(db: Kysely<DB> | Transaction<DB>, row: repo.CheckpointRow): Promise<LatestCheckpoint> {
    const cosigs = await repo.cosignaturesOf(db, row.tree_size);
    return {
      origin: this.origin,
      size: row.tree_size,
      rootHash: b64(row.root_hash),
      note: cosigs.length > 0 ? appendSignatureLines(row.note, cosigs.map((c) => c.line)) : row.note,
      createdAt: row.created_at,
      cosignatures: cosigs.map((c) => ({ witness: c.witness_name, country: c.peer_country, time: new Date(c.cosigned_at * 1000) })),
    };
  }

  /** Throws `register_size_beyond_checkpoint` unless a checkpoint of at least `size` leaves exists. */
  private async requireCheckpointed(size: number): Promise<void> {
    if (size <= this.checkpointedSize) return;
    const latest = await repo.latestCheckpoint(this.deps.db);
    this.checkpointedSize = Math.max(this.checkpointedSize, latest?.tree_size ?? 0);
    if (size > this.checkpointedSize) throw new AppError('register_size_beyond_checkpoint');
  }

  /**
   * Inclusion proof (RFC 9162 §2.1.3.1) of leaf `index` in the tree of `size` leaves, and the leaf hash,
   * in one select. 400 `register_index_out_of_range` unless index < size; `register_size_beyond_checkpoint`
   * when size exceeds the latest checkpoint.
   */
  async inclusionProof(index: number, size: number): Promise<{ leafHash: Uint8Array; proof: Uint8Array[] }> {
    if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) throw new AppError('register_index_out_of_range');
    await this.requireCheckpointed(size);
    const r = await resolvePlan(this.deps.db, inclusionProofPlan(index, size), [{ level: 0, index }]);
    return { leafHash: r.extra[0]!, proof: r.elements };
  }

  /**
   * Consistency proof (RFC 9162 §2.1.4.1) from `first` to `second` leaves, in one select.
   * 400 `register_consistency_range` unless 1 ≤ first ≤ second; `register_size_beyond_checkpoint`.
   */
  async consistencyProof(first: number, second: number): Promise<Uint8Array[]> {
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) throw new AppError('register_consistency_range');
    await this.requireCheckpointed(second);
    return (await resolvePlan(this.deps.db, consistencyProofPlan(first, second))).elements;
  }

  /**
   * Everything an offline verifier needs for entry `index`: its inclusion proof against the latest
   * checkpoint, and that checkpoint's signed note with cosignatures. 409 `register_entry_pending` while
   * the entry is not yet in a checkpoint (at most the checkpoint interval).
   */
  async proofBundle(index: number): Promise<ProofBundle> {
    const row = await repo.latestCheckpoint(this.deps.db);
    if (!row || !Number.isSafeInteger(index) || index < 0 || index >= row.tree_size) throw new AppError('register_entry_pending');
    const cp = await this.withCosignatures(this.deps.db, row);
    const { leafHash, proof } = await this.inclusionProof(index, row.tree_size);
    return { origin: this.origin, index, size: row.tree_size, leafHash: b64(leafHash), proof: proof.map(b64), checkpoint: cp.note };
  }

  /** Verifier keys for offline checking: this log's (all published federation keys) and the peers' witness keys. */
  async keys(): Promise<RegisterKeys> {
    const log = this.deps.keys.published.map((k) => encodeVerifierKey(newVerifierKey(this.origin, ALG_ED25519, rawOfJwk(k))));
    const witnesses: RegisterKeys['witnesses'] = [];
    for (const country of this.deps.federation.peers()) {
      const name = witnessNameOf(country);
      const keys = await this.peerPublicKeys(country);
      witnesses.push({ country, name, vkeys: keys.map((k) => encodeVerifierKey(newVerifierKey(name, ALG_COSIGNATURE_V1, k))) });
    }
    witnesses.push({
      country: this.deps.country,
      name: this.witnessName,
      vkeys: this.deps.keys.published.map((k) => encodeVerifierKey(newVerifierKey(this.witnessName, ALG_COSIGNATURE_V1, rawOfJwk(k)))),
    });
    return { origin: this.origin, log, witnesses };
  }

  /** Alerts, newest first. */
  async alerts(limit: number): Promise<RegisterAlert[]> {
    return (await repo.listAlerts(this.deps.db, limit)).map((a) => ({
      id: a.id,
      origin: a.origin,
      peerCountry: a.peer_country,
      kind: a.kind,
      size: a.tree_size,
      detail: a.detail,
      createdAt: a.created_at.toISOString(),
    }));
  }

  // ---- witnessing over federation v1 ----

  /** Registers the `register.checkpoint` (witness side) and `register.cosignature` (log side) handlers once. */
  registerHandlers(): void {
    if (this.handlersRegistered) return;
    this.handlersRegistered = true;
    this.deps.federation.on('register.checkpoint', (trx, m) => this.onCheckpoint(trx, m));
    this.deps.federation.on('register.cosignature', (trx, m) => this.onCosignature(trx, m));
  }

  /** The raw Ed25519 keys pinned for `country` (federation peers file), fetched through its JWKS cache. */
  private async peerPublicKeys(country: string): Promise<Uint8Array[]> {
    const peer = this.deps.peerKeys.peer(country);
    if (!peer) return [];
    const out: Uint8Array[] = [];
    for (const kid of peer.thumbprints) {
      const k = await this.deps.peerKeys.keyFor(country, kid);
      if (k) out.push(rawPublicKey(k));
    }
    return out;
  }

  private async raiseAlert(
    trx: Transaction<DB>,
    alert: { origin: string; peer: string | null; kind: RegisterAlertsTable['kind']; size: number | null; detail: string; evidence: Record<string, unknown> },
  ): Promise<void> {
    const now = this.deps.clock();
    const id = await repo.insertAlert(trx, { origin: alert.origin, peer_country: alert.peer, kind: alert.kind, tree_size: alert.size, detail: alert.detail, evidence: alert.evidence, created_at: now });
    await appendAudit(trx, { kind: 'system' }, { action: 'register.alert', subjectType: 'register_alert', subjectId: String(id), details: { origin: alert.origin, peer: alert.peer, kind: alert.kind, size: alert.size } }, now);
    this.inconsistencies.inc({ kind: alert.kind });
    const what = alert.kind === 'peer_unreachable' || alert.kind === 'witness_silent' ? 'silence' : 'inconsistency';
    this.logFn('error', { alertId: id, origin: alert.origin, peer: alert.peer, kind: alert.kind, size: alert.size }, `register: ${what} (${alert.kind}): ${alert.detail}`);
  }

  /**
   * Witness, push path: a peer's log presents a checkpoint over federation v1 (`register.checkpoint`).
   * Judged by witnessCheckpoint in the inbox transaction; never throws for a bad checkpoint (the alert must be
   * committed with the message).
   */
  async onCheckpoint(trx: Transaction<DB>, message: IncomingMessage<'register.checkpoint'>): Promise<void> {
    const { origin, note, oldSize, consistencyProof } = message.body;
    await this.witnessCheckpoint(trx, {
      peer: message.from,
      origin,
      note,
      oldSize,
      consistencyProof,
      evidence: { messageId: message.id, note, oldSize, consistencyProof },
      via: { kind: 'push', head: message.entity !== null },
    });
  }

  /**
   * The witness's one judgement of a peer's checkpoint, pushed or polled (C2SP tlog-witness rules):
   * 1. The note must be signed by the peer's pinned key under the key name = origin (and, pushed, the origin
   *    must be the message's); an origin already witnessed for another peer is refused. Else bad_signature.
   * 2. Polled: if the witness state is no longer what the poller saw before fetching, nothing (`stale`).
   * 3. Same size as verified: the root must be equal (then cosign again), else root_mismatch (evidence: both
   *    notes). Smaller: size_backwards — except a pushed repeat (no entity), answered with a conflict. Larger:
   *    the proof's old size must be the verified size (pushed: else a conflict answer with our size) and the
   *    consistency proof (RFC 9162 §2.1.4.2) must verify, else inconsistent.
   * 4. Then store the new state (first contact: trust on first use, as a C2SP witness does) and queue the
   *    cosignature (`register.cosignature`), in the caller's transaction.
   * An alert means nothing is cosigned and the state does not move. Polled alerts are raised once per fact.
   */
  private async witnessCheckpoint(trx: Transaction<DB>, p: PresentedCheckpoint): Promise<WitnessOutcome> {
    const { peer, note, oldSize, consistencyProof, evidence } = p;
    const origin = p.origin ?? peekCheckpoint(note)?.origin ?? '(unparsable note)';
    const alert = async (a: { kind: RegisterAlertsTable['kind']; size: number | null; detail: string; evidence?: Record<string, unknown> }): Promise<WitnessOutcome> => {
      if (p.via.kind === 'poll' && (await repo.alertRaised(trx, { origin, peer, kind: a.kind, size: a.size, note }))) return 'alert';
      await this.raiseAlert(trx, { origin, peer, kind: a.kind, size: a.size, detail: a.detail, evidence: a.evidence ?? evidence });
      return 'alert';
    };
    const verifiers = (await this.peerPublicKeys(peer)).map((k) => newVerifierKey(origin, ALG_ED25519, k));
    const opened = await openNote(note, verifiers);
    const parsed = opened.ok ? tryParseCheckpoint(opened.text) : opened;
    const problem = !parsed.ok ? `${parsed.reason}: ${parsed.detail}` : parsed.checkpoint.origin !== origin ? 'the checkpoint origin is not the message origin' : null;
    if (!parsed.ok || problem) return alert({ kind: 'bad_signature', size: null, detail: `checkpoint not signed by ${peer}'s pinned key (${problem})` });
    const cp = parsed.checkpoint;
    const state = await repo.lockWitnessState(trx, origin);
    if (state && state.peer_country !== peer) return alert({ kind: 'bad_signature', size: cp.size, detail: `origin ${origin} belongs to ${state.peer_country}, not ${peer}` });
    if (p.via.kind === 'poll') {
      const seen = p.via.seen;
      const unchanged = state ? seen !== null && seen.size === state.tree_size && equalBytes(seen.rootHash, state.root_hash) : seen === null;
      if (!unchanged) return 'stale';
    }
    const conflict = async (witnessSize: number): Promise<WitnessOutcome> => {
      await this.deps.federation.enqueue(trx, { to: peer, type: 'register.cosignature', body: { result: 'conflict', origin, size: cp.size, witnessSize } });
      return 'conflict';
    };
    if (state) {
      if (cp.size < state.tree_size) {
        if (p.via.kind === 'push' && !p.via.head) return conflict(state.tree_size);
        return alert({ kind: 'size_backwards', size: cp.size, detail: `size ${cp.size} is smaller than the verified ${state.tree_size}` });
      }
      if (cp.size === state.tree_size) {
        if (!equalBytes(cp.rootHash, state.root_hash)) {
          const split = p.via.kind === 'poll' ? ' (served over HTTP: a split view)' : '';
          return alert({ kind: 'root_mismatch', size: cp.size, detail: `size ${cp.size} has another root than the one verified${split}`, evidence: { ...evidence, verifiedNote: state.note } });
        }
        await this.cosign(trx, peer, origin, cp, note);
        return 'cosigned';
      }
      if (oldSize > cp.size) return alert({ kind: 'inconsistent', size: cp.size, detail: `old size ${oldSize} is larger than the checkpoint size ${cp.size}` });
      if (oldSize !== state.tree_size) return p.via.kind === 'push' ? conflict(state.tree_size) : 'stale';
      const proof = consistencyProof.map((h) => new Uint8Array(Buffer.from(h, 'base64')));
      if (!verifyConsistency(state.tree_size, cp.size, proof, state.root_hash, cp.rootHash, sha256)) {
        return alert({
          kind: 'inconsistent',
          size: cp.size,
          detail: `the consistency proof from ${state.tree_size} to ${cp.size} does not verify`,
          evidence: { ...evidence, verifiedNote: state.note },
        });
      }
    }
    await repo.upsertWitnessState(trx, { origin, peer_country: peer, tree_size: cp.size, root_hash: Buffer.from(cp.rootHash), note, updated_at: this.deps.clock() });
    await this.cosign(trx, peer, origin, cp, note);
    return 'cosigned';
  }

  // ---- witness poller and silence monitor ----

  private startWitness(): void {
    const w = this.deps.witness;
    if (!w || w.pollMs <= 0) return;
    const tick = (): void => {
      const run = this.monitorOnce()
        .catch((err: unknown) => this.logFn('error', { err }, 'register: a witness poll round failed'))
        .finally(() => {
          this.witnessInFlight = undefined;
          if (this.running) this.witnessTimer = setTimeout(tick, w.pollMs);
        });
      this.witnessInFlight = run;
    };
    this.witnessTimer = setTimeout(tick, w.pollMs);
  }

  /** One round of the poller and monitor: polls every peer (in parallel), then looks for silent witnesses of this log. */
  async monitorOnce(): Promise<void> {
    await Promise.all(
      this.deps.federation.peers().map((peer) => this.pollPeer(peer).catch((err: unknown) => this.logFn('error', { err, peer }, 'register: polling a peer checkpoint failed'))),
    );
    await this.checkWitnessSilence();
  }

  /**
   * Witness, poll path: fetches `peer`'s public checkpoint (and a consistency proof from the verified size when
   * it is larger), judges it with witnessCheckpoint and records whether the peer was reachable (register_peer_polls;
   * peer_unreachable after `witness.silenceMs` of failures). Database errors are thrown, not counted as unreachable.
   */
  async pollPeer(peer: string): Promise<PollOutcome> {
    const w = this.deps.witness;
    if (!w) return 'unreachable';
    const base = this.deps.peerKeys.peer(peer)?.url;
    let outcome: PollOutcome;
    try {
      if (!base) throw new PeerFetchError('no URL for this peer in the federation peers file');
      outcome = await this.fetchAndWitness(peer, base);
    } catch (err) {
      if (!(err instanceof PeerFetchError)) throw err;
      // A request aborted by stop() says nothing about the peer.
      if (this.running) await this.recordUnreachable(peer, base, err.message);
      return 'unreachable';
    }
    await repo.recordPollSuccess(this.deps.db, peer, this.deps.clock());
    return outcome;
  }

  private async fetchAndWitness(peer: string, base: string): Promise<PollOutcome> {
    const url = `${base}/api/v1/register/checkpoint`;
    const res = await this.fetchPeer(url, 'text/plain');
    if (res.status === 404 && problemCode(res.body) === 'register_no_checkpoint') return 'empty';
    if (res.status !== 200) throw new PeerFetchError(`GET ${url}: HTTP ${res.status}`);
    if (!/^text\/plain\b/i.test(res.contentType)) throw new PeerFetchError(`GET ${url}: content type ${JSON.stringify(res.contentType)} is not text/plain`);
    const note = res.body;
    const peek = peekCheckpoint(note);
    const seenRow = peek ? await repo.witnessState(this.deps.db, peek.origin) : undefined;
    const observed = seenRow ? { size: seenRow.tree_size, rootHash: new Uint8Array(seenRow.root_hash) } : null;
    // An origin witnessed for another peer is refused by witnessCheckpoint (bad_signature); fetch nothing for it.
    const seen = seenRow?.peer_country === peer ? observed : null;
    if (peek && seen && peek.size === seen.size && equalBytes(peek.rootHash, seen.rootHash)) {
      // The verified checkpoint itself: nothing to check; cosign again only if our cosignature has not reached the log.
      if (peek.signers.includes(this.witnessName) || this.polledCosigned.get(peek.origin) === peek.size) return 'unchanged';
    }
    let oldSize = 0;
    let proof: string[] = [];
    if (peek && seen && peek.size > seen.size) {
      oldSize = seen.size;
      proof = await this.fetchConsistencyProof(base, seen.size, peek.size);
    }
    const evidence = { via: 'poll', url, note, oldSize, consistencyProof: proof };
    const outcome = await this.deps.db
      .transaction()
      .execute((trx) => this.witnessCheckpoint(trx, { peer, origin: undefined, note, oldSize, consistencyProof: proof, evidence, via: { kind: 'poll', seen: observed } }));
    if (outcome === 'cosigned' && peek) {
      this.polledCosigned.set(peek.origin, peek.size);
      this.deps.kick?.();
    }
    return outcome;
  }

  /** GET `/api/v1/register/proof/consistency?first=&second=` of the peer; the proof as base64 hashes. */
  private async fetchConsistencyProof(base: string, first: number, second: number): Promise<string[]> {
    const url = `${base}/api/v1/register/proof/consistency?first=${first}&second=${second}`;
    const res = await this.fetchPeer(url, 'application/json');
    if (res.status !== 200) throw new PeerFetchError(`GET ${url}: HTTP ${res.status}`);
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      throw new PeerFetchError(`GET ${url}: the answer is not JSON`);
    }
    const parsed = RegisterConsistencyProof.safeParse(json);
    if (!parsed.success || parsed.data.first !== first || parsed.data.second !== second) throw new PeerFetchError(`GET ${url}: not a consistency proof from ${first} to ${second}`);
    return parsed.data.proof;
  }

  /** One GET to a peer with the timeout (and the service's stop signal); any failure is a PeerFetchError. */
  private async fetchPeer(url: string, accept: string): Promise<{ status: number; contentType: string; body: string }> {
    const w = this.deps.witness!;
    try {
      const res = await (w.fetch ?? fetch)(url, { headers: { accept }, redirect: 'error', signal: AbortSignal.any([AbortSignal.timeout(w.httpTimeoutMs), this.witnessAbort.signal]) });
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.length > MAX_PEER_ANSWER_BYTES) throw new Error(`answer larger than ${MAX_PEER_ANSWER_BYTES} bytes`);
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: new TextDecoder().decode(bytes) };
    } catch (err) {
      throw new PeerFetchError(`GET ${url}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Counts a failed fetch; raises peer_unreachable once per outage, when it has lasted `silenceMs`. */
  private async recordUnreachable(peer: string, base: string | undefined, error: string): Promise<void> {
    const silenceMs = this.deps.witness!.silenceMs;
    await this.deps.db.transaction().execute(async (trx) => {
      const now = this.deps.clock();
      const row = await repo.lockPeerPoll(trx, peer, now);
      const since = row.failing_since ?? now;
      const failures = row.consecutive_failures + 1;
      const raise = !row.unreachable_alerted && now.getTime() - since.getTime() >= silenceMs;
      await repo.updatePeerPoll(trx, peer, { failing_since: since, consecutive_failures: failures, last_error: error.slice(0, 500), unreachable_alerted: row.unreachable_alerted || raise, updated_at: now });
      if (!raise) return;
      const origin = (await repo.witnessOriginOf(trx, peer)) ?? `${base ?? peer}/api/v1/register/checkpoint`;
      await this.raiseAlert(trx, {
        origin,
        peer,
        kind: 'peer_unreachable',
        size: null,
        detail: `${peer}'s checkpoint could not be fetched for ${Math.round((now.getTime() - since.getTime()) / 1000)} s (${failures} attempts): ${error}`,
        evidence: { url: base ? `${base}/api/v1/register/checkpoint` : null, failingSince: since.toISOString(), lastSuccessAt: row.last_success_at?.toISOString() ?? null, failures, lastError: error },
      });
    });
  }

  /**
   * Log side: raises witness_silent for each peer whose witness cosigned some checkpoint of this log but none of
   * the later ones, when the oldest later one is at least `silenceMs` old; once per (peer, that size). Returns
   * how many alerts it raised.
   */
  async checkWitnessSilence(): Promise<number> {
    const w = this.deps.witness;
    if (!w) return 0;
    const now = this.deps.clock();
    const cosigned = await repo.cosignedSizeByPeer(this.deps.db);
    let raised = 0;
    for (const peer of this.deps.federation.peers()) {
      const last = cosigned.get(peer);
      if (last === undefined) continue;
      const waiting = await repo.firstCheckpointAfter(this.deps.db, last);
      if (!waiting || now.getTime() - waiting.created_at.getTime() < w.silenceMs) continue;
      const did = await this.deps.db.transaction().execute(async (trx) => {
        await repo.lockPeerPoll(trx, peer, now);
        if ((await repo.cosignedSizeByPeer(trx)).get(peer) !== last) return false;
        if (await repo.alertRaised(trx, { origin: this.origin, peer, kind: 'witness_silent', size: waiting.tree_size })) return false;
        await this.raiseAlert(trx, {
          origin: this.origin,
          peer,
          kind: 'witness_silent',
          size: waiting.tree_size,
          detail: `${peer}'s witness cosigned size ${last} but has not cosigned size ${waiting.tree_size}, signed ${Math.round((now.getTime() - waiting.created_at.getTime()) / 1000)} s ago`,
          evidence: { lastCosignedSize: last, note: waiting.note, checkpointCreatedAt: waiting.created_at.toISOString() },
        });
        return true;
      });
      if (did) raised++;
    }
    return raised;
  }

  /** Signs cosignature/v1 over the checkpoint text and queues it back to the log. */
  private async cosign(trx: Transaction<DB>, peer: string, origin: string, cp: { size: number; rootHash: Uint8Array }, _note: string): Promise<void> {
    const t = Math.floor(this.deps.clock().getTime() / 1000);
    const text = formatCheckpoint({ origin, size: cp.size, rootHash: cp.rootHash });
    const active = this.deps.keys.active;
    const line = await cosignCheckpoint(text, { name: this.witnessName, keyId: noteKeyId(this.witnessName, ALG_COSIGNATURE_V1, rawOfJwk(active.publicJwk)), sign: (m) => Promise.resolve(new Uint8Array(edSign(null, m, active.privateKey))) }, t);
    await this.deps.federation.enqueue(trx, { to: peer, type: 'register.cosignature', body: { result: 'cosigned', origin, size: cp.size, cosignature: line } });
  }

  /**
   * Log: a peer's witness answers. A cosignature is verified (name `rabt.<peer>/witness`, the peer's pinned
   * key, cosignature/v1 over our checkpoint of that size) and stored; a bad one raises bad_cosignature.
   * A conflict answer makes the log send its latest checkpoint again with a proof from the witness's size
   * (no entity: it repeats a head already sent); a witness claiming a size this log never signed raises
   * witness_ahead.
   */
  async onCosignature(trx: Transaction<DB>, message: IncomingMessage<'register.cosignature'>): Promise<void> {
    const body = message.body;
    const peer = message.from;
    if (body.origin !== this.origin) throw new Error(`register.cosignature for another log (${body.origin})`);
    if (body.result === 'conflict') {
      const latest = await repo.latestCheckpoint(trx);
      const known = body.witnessSize === 0 ? true : Boolean(await repo.checkpointOfSize(trx, body.witnessSize));
      if (!latest || body.witnessSize > latest.tree_size || !known) {
        return this.raiseAlert(trx, { origin: this.origin, peer, kind: 'witness_ahead', size: body.witnessSize, detail: `${peer}'s witness says it verified size ${body.witnessSize}, which this log never signed`, evidence: { messageId: message.id, ...body } });
      }
      if (body.witnessSize < latest.tree_size) await this.sendCheckpoint(trx, peer, { size: latest.tree_size, note: latest.note }, body.witnessSize, false);
      return;
    }
    const cp = await repo.checkpointOfSize(trx, body.size);
    const evidence = { messageId: message.id, ...body };
    if (!cp) {
      return this.raiseAlert(trx, { origin: this.origin, peer, kind: 'witness_ahead', size: body.size, detail: `${peer}'s witness cosigned size ${body.size}, which this log never signed`, evidence });
    }
    const name = witnessNameOf(peer);
    const text = formatCheckpoint({ origin: this.origin, size: cp.tree_size, rootHash: cp.root_hash });
    let timestamp: number | null = null;
    for (const k of await this.peerPublicKeys(peer)) {
      const r = await verifyCosignature(text, body.cosignature, newVerifierKey(name, ALG_COSIGNATURE_V1, k));
      if (r.ok) timestamp = r.timestamp;
    }
    if (timestamp === null) {
      return this.raiseAlert(trx, { origin: this.origin, peer, kind: 'bad_cosignature', size: body.size, detail: `the cosignature from ${peer} does not verify with its pinned key`, evidence });
    }
    await repo.insertCosignature(trx, { tree_size: cp.tree_size, witness_name: name, peer_country: peer, cosigned_at: timestamp, line: body.cosignature, received_at: this.deps.clock() });
  }
}

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
 * nothing is cosigned.
 */
import { createHash, sign as edSign, type KeyObject } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { Counter } from 'prom-client';
import type { RegisterAlert, RegisterKeys } from '@rabt/contracts';
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

/** Pinned Ed25519 keys of peers (the federation's PeerKeys): thumbprints per country and the keys themselves. */
export interface PeerKeySource {
  peer(country: string): { thumbprints: string[] } | undefined;
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
}

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

  constructor(private readonly deps: RegisterDeps) {
    this.origin = deps.origin;
    this.witnessName = witnessNameOf(deps.country);
    this.inconsistencies = new Counter({ name: INCONSISTENCY_METRIC, help: 'Inconsistencies found by the transparency-register witness and monitor (alerts raised)', labelNames: ['kind'], registers: [] });
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

  /** Starts the checkpoint timer (every `checkpointIntervalMs`, never two runs at once). */
  start(): void {
    if (this.running) return;
    this.running = true;
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

  /** Stops the timer and waits for a publication in progress (before the database closes). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
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
    this.logFn('error', { alertId: id, origin: alert.origin, peer: alert.peer, kind: alert.kind, size: alert.size }, `register: inconsistency (${alert.kind}): ${alert.detail}`);
  }

  /**
   * Witness: a peer's log presents a checkpoint (C2SP tlog-witness rules, over federation v1).
   * 1. The note must be signed by the peer's pinned key under the key name = origin.
   * 2. Same size as verified: the root must be equal (then re-cosign), else alert root_mismatch.
   *    Smaller: alert size_backwards for the log's head messages (entity versions keep them in order), a
   *    conflict answer for re-sends. Larger: the claimed old size must be the one verified (else conflict
   *    answer with our size) and the consistency proof must verify (else alert inconsistent).
   * 3. Then store the new state and answer with the cosignature, in the inbox transaction.
   * Never throws for a bad checkpoint: the alert must be committed with the message.
   */
  async onCheckpoint(trx: Transaction<DB>, message: IncomingMessage<'register.checkpoint'>): Promise<void> {
    const { origin, note, oldSize, consistencyProof } = message.body;
    const peer = message.from;
    const evidence = { messageId: message.id, note, oldSize, consistencyProof };
    const verifiers = (await this.peerPublicKeys(peer)).map((k) => newVerifierKey(origin, ALG_ED25519, k));
    const opened = await openNote(note, verifiers);
    const parsed = opened.ok ? tryParseCheckpoint(opened.text) : opened;
    const problem = !parsed.ok ? `${parsed.reason}: ${parsed.detail}` : parsed.checkpoint.origin !== origin ? 'the checkpoint origin is not the message origin' : null;
    if (!parsed.ok || problem) {
      return this.raiseAlert(trx, { origin, peer, kind: 'bad_signature', size: null, detail: `checkpoint not signed by ${peer}'s pinned key (${problem})`, evidence });
    }
    const cp = parsed.checkpoint;
    const state = await repo.lockWitnessState(trx, origin);
    if (state && state.peer_country !== peer) {
      return this.raiseAlert(trx, { origin, peer, kind: 'bad_signature', size: cp.size, detail: `origin ${origin} belongs to ${state.peer_country}, not ${peer}`, evidence });
    }
    const conflict = (witnessSize: number) =>
      this.deps.federation.enqueue(trx, { to: peer, type: 'register.cosignature', body: { result: 'conflict', origin, size: cp.size, witnessSize } });
    if (state) {
      if (cp.size < state.tree_size) {
        if (message.entity === null) return void (await conflict(state.tree_size));
        return this.raiseAlert(trx, { origin, peer, kind: 'size_backwards', size: cp.size, detail: `size ${cp.size} is smaller than the verified ${state.tree_size}`, evidence });
      }
      if (cp.size === state.tree_size) {
        if (!equalBytes(cp.rootHash, state.root_hash)) {
          return this.raiseAlert(trx, { origin, peer, kind: 'root_mismatch', size: cp.size, detail: `size ${cp.size} has another root than the one verified`, evidence: { ...evidence, verifiedNote: state.note } });
        }
        return this.cosign(trx, peer, origin, cp, note);
      }
      if (oldSize > cp.size) {
        return this.raiseAlert(trx, { origin, peer, kind: 'inconsistent', size: cp.size, detail: `old size ${oldSize} is larger than the checkpoint size ${cp.size}`, evidence });
      }
      if (oldSize !== state.tree_size) return void (await conflict(state.tree_size));
      const proof = consistencyProof.map((p) => new Uint8Array(Buffer.from(p, 'base64')));
      if (!verifyConsistency(state.tree_size, cp.size, proof, state.root_hash, cp.rootHash, sha256)) {
        return this.raiseAlert(trx, {
          origin,
          peer,
          kind: 'inconsistent',
          size: cp.size,
          detail: `the consistency proof from ${state.tree_size} to ${cp.size} does not verify`,
          evidence: { ...evidence, verifiedNote: state.note },
        });
      }
    }
    // First contact (no state): trust on first use, as a C2SP witness does.
    await repo.upsertWitnessState(trx, { origin, peer_country: peer, tree_size: cp.size, root_hash: Buffer.from(cp.rootHash), note, updated_at: this.deps.clock() });
    return this.cosign(trx, peer, origin, cp, note);
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

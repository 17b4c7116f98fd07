import { z } from 'zod';
import { normalizeDigits } from './digits.ts';

/**
 * Transparency register (issue 4 §7): every node keeps an RFC 9162 Merkle log of the documents it issues,
 * publishes signed checkpoints (C2SP tlog-checkpoint, https://c2sp.org/tlog-checkpoint) and has them
 * cosigned by its peers' witnesses (C2SP tlog-cosignature, https://c2sp.org/tlog-cosignature). These are
 * the shapes of its public HTTP answers and of the two federation v1 messages that carry witnessing.
 */

/** Checkpoint origin line (also the note key name): printable ASCII, no spaces, no '+', e.g. `rabt.eg/register`. */
export const RegisterOrigin = z.string().regex(/^[\x21-\x2a\x2c-\x7e]{1,128}$/, { message: 'invalid_format' });
/** A SHA-256 hash in standard base64 (RFC 4648 §4), as in checkpoints and proofs. */
export const RegisterHash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'invalid_format' });
/** A tree size or leaf index: a non-negative integer below 2^53. */
export const RegisterCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A query-string count: ASCII or Arabic-Indic digits (normalised), a non-negative integer below 2^53. */
const QueryCount = z.preprocess(
  (v) => (typeof v === 'string' && /^[0-9\u0660-\u0669\u06F0-\u06F9]{1,16}$/.test(v.trim()) ? Number(normalizeDigits(v.trim())) : v),
  z.number({ message: 'invalid_format' }).int({ message: 'invalid_format' }).min(0, { message: 'invalid_format' }).max(Number.MAX_SAFE_INTEGER, { message: 'invalid_format' }),
);

/** GET /api/v1/register/proof/inclusion query: leaf `index` in the tree of `size` leaves (0 ≤ index < size). */
export const RegisterInclusionQuery = z.strictObject({ index: QueryCount, size: QueryCount });
/** GET /api/v1/register/proof/consistency query: from tree size `first` to `second` (1 ≤ first ≤ second). */
export const RegisterConsistencyQuery = z.strictObject({ first: QueryCount, second: QueryCount });

export const RegisterInclusionProof = z.object({
  index: RegisterCount,
  size: RegisterCount,
  /** Base64 leaf hash SHA-256(0x00 ‖ data) of the entry (RFC 9162 §2.1.1). */
  leafHash: RegisterHash,
  /** Audit path, leaf upwards (RFC 9162 §2.1.3.1). */
  proof: z.array(RegisterHash),
});
export type RegisterInclusionProof = z.infer<typeof RegisterInclusionProof>;

export const RegisterConsistencyProof = z.object({
  first: RegisterCount,
  second: RegisterCount,
  /** RFC 9162 §2.1.4.1 consistency proof. */
  proof: z.array(RegisterHash),
});
export type RegisterConsistencyProof = z.infer<typeof RegisterConsistencyProof>;

export const RegisterCosignatureInfo = z.object({
  /** Witness key name, e.g. `rabt.sa/witness`. */
  witness: z.string(),
  /** ISO 3166-1 alpha-2 of the peer node that runs the witness. */
  country: z.string(),
  /** When the witness cosigned (its signed timestamp), RFC 3339. */
  time: z.iso.datetime(),
});

/** GET /api/v1/register/checkpoint.json: the latest checkpoint, parsed, with the raw signed note. */
export const RegisterCheckpointView = z.object({
  origin: RegisterOrigin,
  size: RegisterCount,
  rootHash: RegisterHash,
  /** The signed note (checkpoint, log signature, then the cosignature lines received so far). */
  note: z.string(),
  createdAt: z.iso.datetime(),
  cosignatures: z.array(RegisterCosignatureInfo),
});
export type RegisterCheckpointView = z.infer<typeof RegisterCheckpointView>;

/** GET /api/v1/register/keys: verifier keys (C2SP signed-note vkeys) an offline verifier pins. */
export const RegisterKeys = z.object({
  origin: RegisterOrigin,
  /** This log's note verifier keys (active first; retiring keys still verify older checkpoints). */
  log: z.array(z.string()),
  /** Witnesses of this log (the peers' cosignature/v1 vkeys), and this node's own witness key. */
  witnesses: z.array(z.object({ country: z.string(), name: z.string(), vkeys: z.array(z.string()) })),
});
export type RegisterKeys = z.infer<typeof RegisterKeys>;

/**
 * Kinds of register alerts (migration 0012, extended by 0025): inconsistencies of a peer log or witness, and
 * silence: `peer_unreachable` (a peer's checkpoint could not be fetched for longer than the threshold) and
 * `witness_silent` (a peer that cosigned earlier checkpoints of this log stopped cosigning).
 */
export const RegisterAlertKind = z.enum(['bad_signature', 'inconsistent', 'root_mismatch', 'size_backwards', 'bad_cosignature', 'witness_ahead', 'peer_unreachable', 'witness_silent']);
export const RegisterAlert = z.object({
  id: z.number().int(),
  origin: z.string(),
  peerCountry: z.string().nullable(),
  kind: RegisterAlertKind,
  size: RegisterCount.nullable(),
  detail: z.string(),
  createdAt: z.iso.datetime(),
});
export type RegisterAlert = z.infer<typeof RegisterAlert>;
export const RegisterAlertsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/**
 * Federation v1 bodies of witnessing (docs/federation-v1.md §10).
 * `register.checkpoint` (log → witness): the signed checkpoint note and a consistency proof from `oldSize`,
 * the size the log believes the witness last verified (0 for the first contact).
 */
export const RegisterCheckpointMessage = z.strictObject({
  origin: RegisterOrigin,
  note: z.string().min(1).max(16_384),
  oldSize: RegisterCount,
  consistencyProof: z.array(RegisterHash).max(128),
});

/**
 * `register.cosignature` (witness → log): either the cosignature line (C2SP tlog-cosignature v1) for the
 * checkpoint of `size`, or, when the witness could not check consistency from the claimed old size, the
 * size it has verified (`witnessSize`), so the log sends a proof from there.
 */
export const RegisterCosignatureMessage = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('cosigned'), origin: RegisterOrigin, size: RegisterCount, cosignature: z.string().min(1).max(1024) }),
  z.strictObject({ result: z.literal('conflict'), origin: RegisterOrigin, size: RegisterCount, witnessSize: RegisterCount }),
]);

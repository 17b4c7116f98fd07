import { z } from 'zod';
import { CountryCode, ExchangeMessageBodies } from './exchange.ts';

/**
 * Federation v1 wire format (docs/federation-v1.md) and the REST views of the message log.
 * A message is a JWS (RFC 7515) in compact serialisation, signed with Ed25519 (`alg: EdDSA`, RFC 8037),
 * whose payload is a `FederationEnvelope`. The receiver answers with a `FederationReceipt`, also a JWS.
 */

export const FEDERATION_MESSAGE_TYP = 'rabt-federation+jws';
export const FEDERATION_RECEIPT_TYP = 'rabt-federation-receipt+jws';
/** Maximum distance, in seconds, between the sender's `issuedAt` and the receiver's clock. */
export const FEDERATION_CLOCK_SKEW_SECONDS = 300;

/**
 * Message types: the exchange types (packages/contracts/src/exchange.ts) plus `federation.ping`, a protocol
 * message without effect that every node accepts (conformance suite, liveness checks).
 */
export const FederationMessageBodies = {
  ...ExchangeMessageBodies,
  /** Any node → any peer: no effect beyond the inbox row and the receipt. Entity optional. */
  'federation.ping': z.object({ nonce: z.string().min(1).max(64) }),
} as const;
export type FederationMessageType = keyof typeof FederationMessageBodies;
export const FEDERATION_MESSAGE_TYPES = Object.keys(FederationMessageBodies) as FederationMessageType[];

/** Lower-case canonical UUIDv7 (RFC 9562): the version nibble is 7, the variant is 10xx. */
export const Uuid7 = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, { message: 'invalid_format' });

/** RFC 3339 timestamp in UTC with a `Z` offset. */
const Instant = z.iso.datetime();

export const FederationEntity = z.strictObject({
  /** Entity kind, e.g. `profile`, `job_order`. */
  type: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, { message: 'invalid_format' }),
  id: z.string().min(1).max(128),
  /** Per-entity version chosen by the sender: increases with every change of the entity, across message types. */
  version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type FederationEntity = z.infer<typeof FederationEntity>;

/** JWS protected header of a message. Exactly these three members; anything else (`crit`, `jwk`, `jku`, `b64` …) is refused. */
export const FederationMessageHeader = z.strictObject({
  alg: z.literal('EdDSA'),
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the signing key, which must be pinned for `from`. */
  kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'invalid_format' }),
  typ: z.literal(FEDERATION_MESSAGE_TYP),
});

/** The signed payload of a message. `body` is checked separately against `FederationMessageBodies[type]`. */
export const FederationEnvelope = z.strictObject({
  id: Uuid7,
  /** A key of `FederationMessageBodies`; an unknown type is refused with `unsupported_type` after the signature check. */
  type: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, { message: 'invalid_format' }),
  from: CountryCode,
  to: CountryCode,
  issuedAt: Instant,
  expiresAt: Instant,
  entity: FederationEntity.nullable(),
  body: z.record(z.string(), z.unknown()),
});
export type FederationEnvelope = z.infer<typeof FederationEnvelope>;

export const FederationReceiptStatus = z.enum(['accepted', 'duplicate', 'stale', 'rejected']);
export type FederationReceiptStatus = z.infer<typeof FederationReceiptStatus>;

/** Why a message was rejected (receipt `reason`), with the HTTP status of the negative receipt. */
export const FEDERATION_REJECT_REASONS = {
  malformed_envelope: 400,
  bad_header: 400,
  unsupported_algorithm: 400,
  unknown_sender: 401,
  key_not_pinned: 401,
  bad_signature: 401,
  wrong_recipient: 403,
  not_yet_valid: 401,
  expired: 401,
  unsupported_type: 422,
  invalid_body: 422,
  id_reused: 409,
  handler_failed: 422,
  key_unavailable: 503,
} as const;
export type FederationRejectReason = keyof typeof FEDERATION_REJECT_REASONS;
export const FederationRejectReasonSchema = z.enum(Object.keys(FEDERATION_REJECT_REASONS) as [FederationRejectReason, ...FederationRejectReason[]]);
/** Reasons a sender must not retry: the same message would be rejected again. The others are retried with backoff. */
export const FEDERATION_PERMANENT_REASONS: readonly FederationRejectReason[] = ['malformed_envelope', 'wrong_recipient', 'unsupported_type', 'invalid_body', 'id_reused'];

export const FederationReceiptHeader = z.strictObject({
  alg: z.literal('EdDSA'),
  kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  typ: z.literal(FEDERATION_RECEIPT_TYP),
});

/** The signed payload of a receipt. */
export const FederationReceipt = z.strictObject({
  messageId: Uuid7,
  /** Lower-case hex SHA-256 of the received compact JWS (its ASCII bytes, exactly as received). */
  messageHash: z.string().regex(/^[0-9a-f]{64}$/),
  status: FederationReceiptStatus,
  reason: FederationRejectReasonSchema.optional(),
  /** The receiving node (issuer of the receipt). */
  from: CountryCode,
  /** The sender named in the message, when it could be read. */
  to: CountryCode.optional(),
  receivedAt: Instant,
  /** With `duplicate`: the receipt issued when the message id was first received (compact JWS). */
  originalReceipt: z.string().optional(),
});
export type FederationReceipt = z.infer<typeof FederationReceipt>;

/** POST /federation/v1/batch: up to 100 compact JWS messages and 1 MiB in one request (transport only: each is signed and answered on its own). */
export const FEDERATION_MAX_BATCH_MESSAGES = 100;
export const FEDERATION_MAX_BATCH_BYTES = 1_048_576;
export const FederationBatchRequest = z.strictObject({ messages: z.array(z.string()).min(1).max(FEDERATION_MAX_BATCH_MESSAGES) });
/** One answer per message, in order: what POST /federation/v1/messages would have answered for it alone. */
export const FederationBatchResult = z.object({
  /** The HTTP status the single endpoint would have used. */
  status: z.number().int(),
  /** The signed receipt (compact JWS), when the message could be identified. */
  receipt: z.string().optional(),
  /** Otherwise the problem (its `code`: federation_malformed_message or payload_too_large). */
  problem: z.object({ code: z.string(), detail: z.string().optional() }).optional(),
});
export const FederationBatchResponse = z.object({ results: z.array(FederationBatchResult) });

/** A public key in `GET /.well-known/jwks.json`. */
export const FederationPublicJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
  /** `active` signs new messages and receipts; `retiring` keys stay published (and accepted) during a rotation. */
  status: z.enum(['active', 'retiring']).optional(),
});
export const FederationJwks = z.object({ keys: z.array(FederationPublicJwk) });

// ---- REST views (auditors, HQ administrators) ----

export const FederationDirection = z.enum(['in', 'out']);

export const FederationMessageListQuery = z.strictObject({
  direction: FederationDirection.optional(),
  peer: CountryCode.optional(),
  type: z.string().max(64).optional(),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type FederationMessageListQuery = z.infer<typeof FederationMessageListQuery>;

export const FederationMessageLogItem = z.object({
  direction: FederationDirection,
  id: z.string(),
  type: z.string(),
  /** The other node: the recipient of an outgoing message, the sender of an incoming one. */
  peer: z.string(),
  /**
   * Outgoing: pending | delivered | dead | cancelled. Incoming: accepted | stale (rejected messages are
   * not stored; they change nothing).
   */
  status: z.string(),
  entity: z.object({ type: z.string(), id: z.string(), version: z.number().int() }).nullable(),
  attempts: z.number().int().nullable(),
  lastError: z.string().nullable(),
  receiptStatus: FederationReceiptStatus.nullable(),
  messageHash: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** Delivered (outgoing) or received (incoming). */
  completedAt: z.iso.datetime().nullable(),
});
export type FederationMessageLogItem = z.infer<typeof FederationMessageLogItem>;

export const FederationMessagePage = z.object({ items: z.array(FederationMessageLogItem), nextCursor: z.string().nullable() });
export type FederationMessagePage = z.infer<typeof FederationMessagePage>;

export const FederationDeadLetterQuery = z.strictObject({
  peer: CountryCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const FederationDeadLetter = z.object({
  id: z.string(),
  peer: z.string(),
  type: z.string(),
  entity: z.object({ type: z.string(), id: z.string(), version: z.number().int() }).nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastAttemptAt: z.iso.datetime().nullable(),
});
export type FederationDeadLetter = z.infer<typeof FederationDeadLetter>;

export const FederationIdParam = z.strictObject({ id: z.uuid() });

export const FederationPeerStatus = z.object({
  country: z.string(),
  url: z.string(),
  thumbprints: z.array(z.string()),
  /** closed = sending; open = paused after consecutive failures; half_open = one trial message in flight. */
  breaker: z.enum(['closed', 'open', 'half_open']),
  consecutiveFailures: z.number().int(),
  lastSuccessAt: z.iso.datetime().nullable(),
  lastFailureAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  pending: z.number().int(),
  dead: z.number().int(),
  /** Creation time of the oldest message still queued for this peer (backlog age). */
  oldestPendingAt: z.iso.datetime().nullable(),
});
export type FederationPeerStatus = z.infer<typeof FederationPeerStatus>;

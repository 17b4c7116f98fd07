/**
 * Federation v1 on the wire (docs/federation-v1.md §3–§6): strict parsing of compact JWS, the ordered
 * checks a receiver runs on a message, signing of messages and receipts, and receipt verification.
 * Pure functions: no database, no HTTP. Keys come in through callbacks so tests can drive every branch.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  FEDERATION_CLOCK_SKEW_SECONDS,
  FEDERATION_MESSAGE_TYP,
  FEDERATION_RECEIPT_TYP,
  FederationEnvelope,
  FederationMessageBodies,
  FederationMessageHeader,
  FederationReceipt,
  FederationReceiptHeader,
  Uuid7,
  type FederationMessageType,
  type FederationRejectReason,
} from '@rabt/contracts';
import type { SigningKey } from './keys.ts';

export type Envelope = FederationEnvelope;

const B64U = /^[A-Za-z0-9_-]+$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Base64url without padding, and only its one canonical spelling (no malleable trailing bits). */
export function decodeB64u(segment: string): Buffer | undefined {
  if (!B64U.test(segment)) return undefined;
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

/**
 * JSON.parse that also refuses duplicate member names and the names `__proto__`, `constructor` and
 * `prototype` at any depth (prototype pollution, parser differentials). Returns undefined when refused.
 */
export function parseStrictJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // The text is valid JSON here, so a light scan that only tracks strings and nesting is exact.
  const stack: { keys: Set<string> | null; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (FORBIDDEN_KEYS.has(key) || top.keys.has(key)) return undefined;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (c === '[') stack.push({ keys: null, expectKey: false });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    }
  }
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `id` from a payload segment without trusting anything else, to address a negative receipt. */
function identify(payloadSegment: string | undefined): { id: string; from: string | undefined } | undefined {
  if (!payloadSegment) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payloadSegment, 'base64url').toString('utf8'));
    if (!isObject(parsed) || !Uuid7.safeParse(parsed.id).success) return undefined;
    const from = typeof parsed.from === 'string' && /^[A-Z]{2}$/.test(parsed.from) ? parsed.from : undefined;
    return { id: parsed.id as string, from };
  } catch {
    return undefined;
  }
}

/** What the receiver knows about peers' keys. */
export interface KeyResolver {
  /** `unknown_sender` when `country` is not a configured peer; `key_not_pinned` when `kid` is not pinned for it. */
  pinCheck(country: string, kid: string): 'ok' | 'unknown_sender' | 'key_not_pinned';
  /** The pinned public key, fetched from the peer's JWKS if needed; undefined when it cannot be obtained. */
  keyFor(country: string, kid: string): Promise<KeyObject | undefined>;
}

export interface VerifyContext extends KeyResolver {
  self: string;
  now: Date;
  maxBytes: number;
}

export type Verdict =
  | { ok: true; envelope: Envelope; body: Record<string, unknown>; type: FederationMessageType; hash: string; contentHash: string }
  | { ok: false; kind: 'problem'; code: 'payload_too_large' | 'federation_malformed_message'; detail: string }
  | { ok: false; kind: 'receipt'; reason: FederationRejectReason; id: string; from: string | undefined; hash: string; detail: string };

/** Hash over what a message means (not when it was signed): equal for a re-signed retry of the same message. */
export function contentHashOf(env: Pick<Envelope, 'type' | 'from' | 'to' | 'entity' | 'body'>): string {
  return sha256Hex(canonicalize({ type: env.type, from: env.from, to: env.to, entity: env.entity, body: env.body }) ?? '');
}

/**
 * The receiver's checks, in the order the specification fixes (docs/federation-v1.md §5): size, parse,
 * algorithm allow-list, header, sender and key pinning, signature, audience, time window, type and body.
 * The inbox (replay and versions) comes after, in the database.
 */
export async function verifyMessage(compact: string, ctx: VerifyContext): Promise<Verdict> {
  if (Buffer.byteLength(compact, 'utf8') > ctx.maxBytes) return { ok: false, kind: 'problem', code: 'payload_too_large', detail: `larger than ${ctx.maxBytes} bytes` };
  const hash = sha256Hex(compact);
  const parts = compact.split('.');
  // Only a refusal needs to know who sent what, so the payload is read for it only then.
  const reject = (reason: FederationRejectReason, detail: string): Verdict => {
    const who = identify(parts.length === 3 ? parts[1] : undefined);
    return who ? { ok: false, kind: 'receipt', reason, id: who.id, from: who.from, hash, detail } : { ok: false, kind: 'problem', code: 'federation_malformed_message', detail };
  };

  // 1. Parse: three canonical base64url segments, a JSON header, a JSON payload that is an envelope.
  if (parts.length !== 3) return reject('malformed_envelope', 'not a compact JWS (three segments)');
  const [h, p, s] = parts as [string, string, string];
  const headerBytes = decodeB64u(h);
  const payloadBytes = decodeB64u(p);
  // The signature may be empty here (alg none) so that the algorithm check names the real problem.
  if (!headerBytes || !payloadBytes || (s !== '' && !decodeB64u(s))) return reject('malformed_envelope', 'a segment is not canonical base64url');
  const header = parseStrictJson(headerBytes.toString('utf8'));
  const payload = parseStrictJson(payloadBytes.toString('utf8'));
  if (!isObject(header)) return reject('malformed_envelope', 'the protected header is not a JSON object');
  if (!isObject(payload)) return reject('malformed_envelope', 'the payload is not a JSON object without duplicate or reserved member names');
  const env = FederationEnvelope.safeParse(payload);
  if (!env.success) return reject('malformed_envelope', `envelope: ${env.error.issues.map((i) => `/${i.path.join('/')} ${i.message}`).join('; ')}`);
  const envelope = env.data;
  if (Date.parse(envelope.expiresAt) <= Date.parse(envelope.issuedAt)) return reject('malformed_envelope', 'expiresAt is not after issuedAt');

  // 2. Algorithm allow-list, then the exact header.
  if (header.alg !== 'EdDSA') return reject('unsupported_algorithm', `alg ${JSON.stringify(header.alg)} is not allowed (EdDSA only)`);
  const hdr = FederationMessageHeader.safeParse(header);
  if (!hdr.success) return reject('bad_header', `header must be exactly { alg: "EdDSA", kid, typ: "${FEDERATION_MESSAGE_TYP}" }`);

  // 3. Sender and key: the kid must be pinned for the claimed sender.
  const pin = ctx.pinCheck(envelope.from, hdr.data.kid);
  if (pin !== 'ok') return reject(pin, pin === 'unknown_sender' ? `${envelope.from} is not a peer of this node` : `key ${hdr.data.kid} is not pinned for ${envelope.from}`);
  const key = await ctx.keyFor(envelope.from, hdr.data.kid);
  if (!key) return reject('key_unavailable', `the pinned key ${hdr.data.kid} is not published at ${envelope.from}'s JWKS`);

  // 4. Signature (Ed25519 over the ASCII of `header.payload`, RFC 8037).
  if (!verifyEd25519(h, p, s, key)) return reject('bad_signature', 'the signature does not verify');

  // 5. Audience, 6. time window.
  if (envelope.to !== ctx.self) return reject('wrong_recipient', `addressed to ${envelope.to}, this node is ${ctx.self}`);
  const now = ctx.now.getTime();
  const issued = Date.parse(envelope.issuedAt);
  if (issued > now + FEDERATION_CLOCK_SKEW_SECONDS * 1000) return reject('not_yet_valid', `issuedAt is more than ${FEDERATION_CLOCK_SKEW_SECONDS} s ahead`);
  if (issued < now - FEDERATION_CLOCK_SKEW_SECONDS * 1000) return reject('expired', `issuedAt is more than ${FEDERATION_CLOCK_SKEW_SECONDS} s old`);
  if (Date.parse(envelope.expiresAt) <= now) return reject('expired', 'expiresAt has passed');

  // 7. Type and body against the shared contract.
  if (!Object.hasOwn(FederationMessageBodies, envelope.type)) return reject('unsupported_type', `unknown message type ${envelope.type}`);
  const type = envelope.type as FederationMessageType;
  const body = FederationMessageBodies[type].safeParse(envelope.body);
  if (!body.success) return reject('invalid_body', `body: ${body.error.issues.map((i) => `/${i.path.join('/')} ${i.message}`).join('; ')}`);
  return { ok: true, envelope, body: body.data, type, hash, contentHash: contentHashOf(envelope) };
}

function verifyEd25519(header: string, payload: string, signature: string, key: KeyObject): boolean {
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64) return false;
  try {
    return verify(null, Buffer.from(`${header}.${payload}`, 'ascii'), key, sig);
  } catch {
    return false;
  }
}

/** A compact JWS (RFC 7515 §7.1) signed with Ed25519 (RFC 8037): what jose's CompactSign produces, without its per-call overhead. */
function compactSign(header: Record<string, string>, payload: unknown, key: KeyObject): string {
  const input = `${Buffer.from(JSON.stringify(header), 'utf8').toString('base64url')}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  return `${input}.${sign(null, Buffer.from(input, 'ascii'), key).toString('base64url')}`;
}

/** Signs an envelope as a compact JWS with the node's active key. */
export async function signMessage(envelope: Envelope, key: SigningKey): Promise<string> {
  return Promise.resolve(compactSign({ alg: 'EdDSA', kid: key.kid, typ: FEDERATION_MESSAGE_TYP }, envelope, key.privateKey));
}

export async function signReceipt(receipt: FederationReceipt, key: SigningKey): Promise<string> {
  return Promise.resolve(compactSign({ alg: 'EdDSA', kid: key.kid, typ: FEDERATION_RECEIPT_TYP }, receipt, key.privateKey));
}

export class ReceiptError extends Error {
  override name = 'ReceiptError';
}

/**
 * Verifies a peer's receipt for a message this node sent: canonical JWS, exact receipt header, key pinned
 * for `peer`, signature, issuer `peer`, message id and hash echoed. Throws ReceiptError otherwise.
 */
export async function verifyReceipt(compact: string, expect: { peer: string; messageId: string; messageHash: string }, keys: KeyResolver): Promise<FederationReceipt> {
  const parts = compact.split('.');
  if (parts.length !== 3) throw new ReceiptError('receipt is not a compact JWS');
  const headerBytes = decodeB64u(parts[0] ?? '');
  const payloadBytes = decodeB64u(parts[1] ?? '');
  if (!headerBytes || !payloadBytes || !decodeB64u(parts[2] ?? '')) throw new ReceiptError('receipt segment is not canonical base64url');
  const header = FederationReceiptHeader.safeParse(parseStrictJson(headerBytes.toString('utf8')));
  if (!header.success) throw new ReceiptError('receipt header is not { alg: EdDSA, kid, typ: receipt }');
  if (keys.pinCheck(expect.peer, header.data.kid) !== 'ok') throw new ReceiptError(`receipt key ${header.data.kid} is not pinned for ${expect.peer}`);
  const key = await keys.keyFor(expect.peer, header.data.kid);
  if (!key) throw new ReceiptError(`receipt key ${header.data.kid} is not published by ${expect.peer}`);
  if (!verifyEd25519(parts[0] ?? '', parts[1] ?? '', parts[2] ?? '', key)) throw new ReceiptError('receipt signature does not verify');
  const receipt = FederationReceipt.safeParse(parseStrictJson(payloadBytes.toString('utf8')));
  if (!receipt.success) throw new ReceiptError('receipt payload is not a receipt');
  if (receipt.data.from !== expect.peer) throw new ReceiptError(`receipt issued by ${receipt.data.from}, expected ${expect.peer}`);
  if (receipt.data.messageId !== expect.messageId) throw new ReceiptError('receipt is for another message');
  if (receipt.data.messageHash !== expect.messageHash) throw new ReceiptError('receipt does not echo the hash of the message sent');
  return receipt.data;
}

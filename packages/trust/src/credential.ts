/**
 * Checking a document Rabt issued — online or with no network at all — with only cached public material:
 * the nodes' JWKS and the registers' and witnesses' note keys (a TrustBundle). The same code runs in the
 * offline CLI (scripts/verify-document.ts), in the /verify web page and in the server's tests.
 *
 * Two things can be checked:
 * - the QR token: a compact JWS (RFC 7515 §7.1, EdDSA / Ed25519, RFC 8037) by the issuing node over the
 *   verification code, the document digest, its register position and the key terms with masked names;
 * - the document bundle the holder downloads: the General JWS (RFC 7515 §7.2.1) of the RFC 8785 canonical
 *   payload signed by both ministries, plus an RFC 9162 inclusion proof of its register leaf against a
 *   C2SP checkpoint signed by the issuing register and cosigned by at least `minWitnesses` witnesses.
 * Every failure has a stable reason code that the UI translates.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { leafHash, verifyInclusion, type Sha256 } from './merkle.ts';
import { openNote, parseCheckpoint, parseVerifierKey } from './note.ts';

export const DOCUMENT_TOKEN_TYP = 'rabt-document-token+jws';
export const DOCUMENT_BUNDLE_FORMAT = 'rabt.document-bundle/v1';
export const TRUST_BUNDLE_FORMAT = 'rabt.trust-bundle/v1';

export interface Bilingual {
  ar: string;
  en: string;
}
export interface MoneyAmount {
  amountMinor: number;
  currency: string;
}

/** Claims of the QR token (JSON, not a JWT: no exp — a document's status is checked online). */
export interface DocumentTokenClaims {
  v: 1;
  code: string;
  /** contract | employment_registration | skill_certificate | craft_licence | work_permit | training_certificate | exempt_foreigner_notice */
  kind: string;
  /** base64url SHA-256 of the canonical payload. */
  digest: string;
  /** Issuing country (ISO 3166-1 alpha-2). */
  iss: string;
  /** Issue time, seconds since the epoch. */
  iat: number;
  register: { origin: string; index: number };
  /** Title and key facts (holder's name masked) of any kind of document. */
  title?: Bilingual;
  fields?: Array<{ key: string; label: Bilingual; value: Bilingual }>;
  validUntil?: string | null;
  /** Contracts only: the key terms. */
  terms?: {
    workerName: Bilingual;
    employerName: Bilingual;
    establishmentNumber: string;
    country: string;
    isco: string;
    title: Bilingual;
    workplaceCity: string;
    startDate: string;
    durationMonths: number;
    wage: MoneyAmount;
    version: number;
  };
}

/** An Ed25519 public JWK (RFC 8037) with its RFC 7638 thumbprint as kid. */
export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  kid?: string;
  alg?: string;
  use?: string;
  status?: string;
}

/** Public material an offline verifier caches (GET /api/v1/trust/bundle). */
export interface TrustBundle {
  format: typeof TRUST_BUNDLE_FORMAT;
  issuedAt: string;
  nodes: Array<{ country: string; keys: PublicJwk[] }>;
  /** Transparency registers: origin and C2SP verifier key (vkey) of each node's register. */
  logs: Array<{ country: string; origin: string; vkey: string }>;
  /** Witness cosignature verifier keys. */
  witnesses: Array<{ country: string; name: string; vkey: string }>;
  /** Cosignatures a checkpoint needs from distinct known witnesses. */
  minWitnesses: number;
}

export interface JwsMember {
  protected: string;
  signature: string;
}

/** What the holder of a document downloads: everything needed to check it offline. */
export interface DocumentBundle {
  format: typeof DOCUMENT_BUNDLE_FORMAT;
  code: string;
  kind: string;
  document: { payload: string; signatures: JwsMember[] };
  register: { origin: string; index: number; size: number; proof: string[]; checkpoint: string };
  token: string;
}

export type VerifyReason =
  | 'malformed'
  | 'unknown_key'
  | 'wrong_issuer'
  | 'bad_signature'
  | 'missing_signature'
  | 'digest_mismatch'
  | 'code_mismatch'
  | 'unknown_register'
  | 'checkpoint_not_signed'
  | 'not_enough_witnesses'
  | 'not_in_register';

export type VerifyFailure = { ok: false; reason: VerifyReason; detail: string };

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

function fromB64url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function toB64url(b: Uint8Array): string {
  let bin = '';
  for (const x of b) bin += String.fromCharCode(x);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromB64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The register leaf data of a document (ASCII; no personal data). */
export function documentLeafData(kind: string, digest: string): Uint8Array {
  return enc.encode(`rabt-document/v1\n${kind}\n${digest}\n`);
}

/** base64url SHA-256 of bytes. */
export function digestOf(bytes: Uint8Array, hash: Sha256 = sha256): string {
  return toB64url(hash(bytes));
}

/** Ed25519 verification of `sig` over `data` with a public JWK; the default uses WebCrypto (Node 20, browsers). */
export type Ed25519Verify = (jwk: PublicJwk, data: Uint8Array, sig: Uint8Array) => Promise<boolean>;

const keyCache = new Map<string, Promise<CryptoKey>>();
export const webCryptoVerify: Ed25519Verify = async (jwk, data, sig) => {
  const id = `${jwk.x ?? ''}`;
  let key = keyCache.get(id);
  if (!key) {
    key = globalThis.crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x } as JsonWebKey, { name: 'Ed25519' }, false, ['verify']);
    keyCache.set(id, key);
  }
  return globalThis.crypto.subtle.verify({ name: 'Ed25519' }, await key, sig as BufferSource, data as BufferSource);
};

export interface VerifyOptions {
  verify?: Ed25519Verify;
  /** SHA-256 implementation (default @noble/hashes; Node callers pass node:crypto's, several times faster). */
  sha256?: Sha256;
  /**
   * Checkpoints already verified, by note text: a verifier that checks many documents against the same
   * cached checkpoint verifies its signatures once. Only successful results are stored.
   */
  checkpointCache?: Map<string, unknown>;
}

function fail(reason: VerifyReason, detail: string): VerifyFailure {
  return { ok: false, reason, detail };
}

function keyOf(trust: TrustBundle, country: string, kid: string): PublicJwk | undefined {
  return trust.nodes.find((n) => n.country === country)?.keys.find((k) => k.kid === kid && k.kty === 'OKP' && k.crv === 'Ed25519' && typeof k.x === 'string');
}

interface Header {
  alg?: unknown;
  kid?: unknown;
  typ?: unknown;
  iss?: unknown;
}

async function checkMember(trust: TrustBundle, protectedB64: string, payloadB64: string, signatureB64: string, verify: Ed25519Verify): Promise<{ ok: true; header: Header & { kid: string; iss: string } } | VerifyFailure> {
  let header: Header;
  let sig: Uint8Array;
  try {
    header = JSON.parse(dec.decode(fromB64url(protectedB64))) as Header;
    sig = fromB64url(signatureB64);
  } catch {
    return fail('malformed', 'the signature header or value is not valid base64url JSON');
  }
  if (header.alg !== 'EdDSA' || typeof header.kid !== 'string' || typeof header.iss !== 'string') return fail('malformed', 'the signature header must carry alg EdDSA, kid and iss');
  if (sig.length !== 64) return fail('malformed', 'an Ed25519 signature is 64 bytes');
  const jwk = keyOf(trust, header.iss, header.kid);
  if (!jwk) return fail('unknown_key', `key ${header.kid} of ${header.iss} is not in the trusted key set`);
  const ok = await verify(jwk, enc.encode(`${protectedB64}.${payloadB64}`), sig);
  if (!ok) return fail('bad_signature', `the signature of ${header.iss} does not match the content`);
  return { ok: true, header: header as Header & { kid: string; iss: string } };
}

/**
 * Checks a QR token offline: a compact JWS by a trusted node, typ rabt-document-token+jws, whose `iss`
 * claim matches the signing node. Returns the claims (masked key terms) to show next to the paper.
 */
export async function verifyDocumentToken(token: string, trust: TrustBundle, options: VerifyOptions = {}): Promise<{ ok: true; claims: DocumentTokenClaims; kid: string } | VerifyFailure> {
  if (typeof token !== 'string') return fail('malformed', 'the token is not text');
  const parts = token.split('.');
  if (parts.length !== 3) return fail('malformed', 'a compact JWS has three parts');
  const [h, p, s] = parts as [string, string, string];
  const member = await checkMember(trust, h, p, s, options.verify ?? webCryptoVerify);
  if (!member.ok) return member;
  if (member.header.typ !== DOCUMENT_TOKEN_TYP) return fail('malformed', `typ must be ${DOCUMENT_TOKEN_TYP}`);
  let claims: DocumentTokenClaims;
  try {
    claims = JSON.parse(dec.decode(fromB64url(p))) as DocumentTokenClaims;
  } catch {
    return fail('malformed', 'the token claims are not JSON');
  }
  if (claims.v !== 1 || typeof claims.code !== 'string' || typeof claims.digest !== 'string' || typeof claims.kind !== 'string' || typeof claims.register !== 'object' || claims.register === null) return fail('malformed', 'the token claims are incomplete');
  if (claims.iss !== member.header.iss) return fail('wrong_issuer', 'the token was signed by another node than the one it names');
  return { ok: true, claims, kid: member.header.kid };
}

/**
 * Checks a C2SP checkpoint note: signed by the register of `origin` and cosigned by at least
 * `trust.minWitnesses` distinct known witnesses. Returns the tree size and root hash.
 */
export async function verifyCheckpoint(note: string, origin: string, trust: TrustBundle): Promise<{ ok: true; size: number; rootHash: Uint8Array; witnesses: string[] } | VerifyFailure> {
  const logKeys = trust.logs.filter((l) => l.origin === origin);
  if (logKeys.length === 0) return fail('unknown_register', `register ${origin} is not in the trusted set`);
  let verifiers;
  try {
    verifiers = [...logKeys.map((l) => parseVerifierKey(l.vkey)), ...trust.witnesses.map((w) => parseVerifierKey(w.vkey))];
  } catch {
    return fail('malformed', 'a verifier key in the trust bundle is malformed');
  }
  const opened = await openNote(note, verifiers);
  if (!opened.ok) return fail('checkpoint_not_signed', `checkpoint note: ${opened.reason}`);
  const logSigned = opened.signatures.some((s) => s.verified && s.name === origin);
  if (!logSigned) return fail('checkpoint_not_signed', 'the checkpoint is not signed by its register');
  const witnesses = [...new Set(opened.signatures.filter((s) => s.verified && trust.witnesses.some((w) => w.name === s.name)).map((s) => s.name))];
  if (witnesses.length < trust.minWitnesses) return fail('not_enough_witnesses', `the checkpoint has ${witnesses.length} witness cosignatures; ${trust.minWitnesses} are required`);
  let cp: { origin: string; size: number; rootHash: Uint8Array };
  try {
    cp = parseCheckpoint(opened.text);
  } catch {
    return fail('malformed', 'the checkpoint body is malformed');
  }
  if (cp.origin !== origin) return fail('unknown_register', 'the checkpoint names another register');
  return { ok: true, size: cp.size, rootHash: cp.rootHash, witnesses };
}

export interface BundleVerified {
  ok: true;
  code: string;
  digest: string;
  payload: unknown;
  signedBy: Array<{ country: string; kid: string }>;
  register: { origin: string; index: number; size: number; witnesses: string[] };
  claims: DocumentTokenClaims;
}

/**
 * Checks a downloaded document bundle with no network: both required signatures (issuer and partner)
 * over the exact payload bytes, the QR token bound to the same code and digest, and the register leaf's
 * inclusion proof (RFC 9162 §2.1.3.2) against a witnessed checkpoint.
 */
export async function verifyDocumentBundle(bundle: DocumentBundle, trust: TrustBundle, options: VerifyOptions = {}): Promise<BundleVerified | VerifyFailure> {
  const verify = options.verify ?? webCryptoVerify;
  const b = bundle as Partial<DocumentBundle> | null | undefined;
  const r0 = b?.register as Partial<DocumentBundle['register']> | undefined;
  if (
    b?.format !== DOCUMENT_BUNDLE_FORMAT ||
    typeof b.code !== 'string' ||
    typeof b.kind !== 'string' ||
    typeof b.token !== 'string' ||
    !b.document ||
    !Array.isArray(b.document.signatures) ||
    !b.document.signatures.every((m) => typeof m?.protected === 'string' && typeof m.signature === 'string') ||
    typeof b.document.payload !== 'string' ||
    !r0 ||
    typeof r0.origin !== 'string' ||
    typeof r0.index !== 'number' ||
    typeof r0.size !== 'number' ||
    typeof r0.checkpoint !== 'string' ||
    !Array.isArray(r0.proof) ||
    !r0.proof.every((x) => typeof x === 'string')
  ) {
    return fail('malformed', 'not a complete Rabt document bundle');
  }
  let payloadBytes: Uint8Array;
  let payload: { issuer?: unknown; terms?: { originCountry?: unknown; destinationCountry?: unknown } };
  try {
    payloadBytes = fromB64url(bundle.document.payload);
    payload = JSON.parse(dec.decode(payloadBytes)) as typeof payload;
  } catch {
    return fail('malformed', 'the payload is not base64url JSON');
  }
  // A contract is signed by both ministries; every other document by its issuing node.
  const required = payload.terms ? [payload.terms.destinationCountry, payload.terms.originCountry] : [payload.issuer];
  if (!required.every((c): c is string => typeof c === 'string')) return fail('malformed', 'the payload names no issuing countries');
  const signedBy: Array<{ country: string; kid: string }> = [];
  for (const m of bundle.document.signatures) {
    const r = await checkMember(trust, m.protected, bundle.document.payload, m.signature, verify);
    if (!r.ok) return r;
    signedBy.push({ country: r.header.iss, kid: r.header.kid });
  }
  for (const c of required) if (!signedBy.some((s) => s.country === c)) return fail('missing_signature', `the signature of ${c} is missing`);

  const hash = options.sha256 ?? sha256;
  const digest = digestOf(payloadBytes, hash);
  const token = await verifyDocumentToken(bundle.token, trust, options);
  if (!token.ok) return token;
  if (token.claims.digest !== digest) return fail('digest_mismatch', 'the QR token belongs to a different document');
  if (token.claims.code !== bundle.code) return fail('code_mismatch', 'the verification code does not match the QR token');
  if (token.claims.kind !== bundle.kind) return fail('code_mismatch', 'the QR token is for another kind of document');

  const r = bundle.register;
  if (r.origin !== token.claims.register.origin || r.index !== token.claims.register.index) return fail('not_in_register', 'the register position does not match the QR token');
  const cacheKey = `${r.origin}\n${r.checkpoint}`;
  const cached = options.checkpointCache?.get(cacheKey) as Awaited<ReturnType<typeof verifyCheckpoint>> | undefined;
  const cp = cached ?? (await verifyCheckpoint(r.checkpoint, r.origin, trust));
  if (!cp.ok) return cp;
  if (!cached) options.checkpointCache?.set(cacheKey, cp);
  if (cp.size !== r.size) return fail('malformed', 'the proof is for another tree size than the checkpoint');
  let proof: Uint8Array[];
  try {
    proof = r.proof.map(fromB64);
  } catch {
    return fail('malformed', 'the inclusion proof is not base64');
  }
  const leaf = leafHash(documentLeafData(bundle.kind, digest), hash);
  if (!Number.isSafeInteger(r.index) || !verifyInclusion(leaf, r.index, r.size, proof, cp.rootHash, hash)) return fail('not_in_register', 'the document is not in the register at the position it claims');
  return { ok: true, code: bundle.code, digest, payload, signedBy, register: { origin: r.origin, index: r.index, size: r.size, witnesses: cp.witnesses }, claims: token.claims };
}

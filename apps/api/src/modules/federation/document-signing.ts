/**
 * Signing and checking the documents ministries issue together (contracts now; certificates and permits
 * later) with the same Ed25519 node keys as federation v1 (docs/federation-v1.md §7). A document
 * signature is one member of a JWS General JSON Serialization (RFC 7515 §7.2.1) over the RFC 8785
 * canonical JSON of the document's payload, with protected header `{ alg: "EdDSA", kid, typ, iss }`:
 * `kid` is the RFC 7638 thumbprint peers pin, `iss` the signing node's ISO 3166-1 country, `iat` the signing time
 * (seconds since the epoch).
 */
import { sign as edSign, verify as edVerify } from 'node:crypto';
import { importPublicKey, type PublicJwk, type KeyRing } from './keys.ts';
import type { PeerKeys } from './peers.ts';

export interface DetachedSignature {
  /** base64url of the protected header JSON. */
  protected: string;
  /** base64url Ed25519 signature (64 bytes → 86 characters). */
  signature: string;
}

export type SignatureCheck = { ok: true; kid: string; country: string } | { ok: false; reason: 'malformed_signature' | 'wrong_issuer' | 'key_not_trusted' | 'bad_signature' };

export interface DocumentSigner {
  /** This node's country. */
  readonly country: string;
  /** This node's signature over `payload` (the canonical bytes), as a General JWS member. */
  sign(payload: Uint8Array, typ: string): DetachedSignature;
  /** A compact JWS (RFC 7515 §7.1) of `claims` by this node: the offline token carried in a QR code. */
  signCompact(claims: Record<string, unknown>, typ: string): string;
  /** Checks a signature claimed to be by `country` (this node or a pinned peer) over `payload`. */
  verify(country: string, sig: DetachedSignature, payload: Uint8Array): Promise<SignatureCheck>;
  /** The public keys of this node and of its peers (pinned thumbprints only), for offline verifiers. */
  trustedKeys(): Promise<Array<{ country: string; keys: PublicJwk[] }>>;
}

const b64u = (b: Uint8Array | string): string => Buffer.from(b).toString('base64url');

export function createDocumentSigner(country: string, keys: KeyRing, peers: PeerKeys, peerCountries: () => string[]): DocumentSigner {
  const active = keys.active;
  const protectedFor = (typ: string): string => b64u(JSON.stringify({ alg: 'EdDSA', kid: active.kid, typ, iss: country }));
  const signingInput = (protectedB64: string, payload: Uint8Array | string): Buffer => Buffer.from(`${protectedB64}.${b64u(payload)}`, 'ascii');
  return {
    country,
    sign(payload, typ) {
      // `iat` (seconds) records when this node signed: the two ministries sign at different times.
      const p = b64u(JSON.stringify({ alg: 'EdDSA', kid: active.kid, typ, iss: country, iat: Math.floor(Date.now() / 1000) }));
      return { protected: p, signature: b64u(edSign(null, signingInput(p, payload), active.privateKey)) };
    },
    signCompact(claims, typ) {
      const p = protectedFor(typ);
      const body = b64u(JSON.stringify(claims));
      const sig = edSign(null, Buffer.from(`${p}.${body}`, 'ascii'), active.privateKey);
      return `${p}.${body}.${b64u(sig)}`;
    },
    async verify(signer, sig, payload) {
      let header: { alg?: unknown; kid?: unknown; iss?: unknown };
      try {
        header = JSON.parse(Buffer.from(sig.protected, 'base64url').toString('utf8')) as typeof header;
      } catch {
        return { ok: false, reason: 'malformed_signature' };
      }
      if (header.alg !== 'EdDSA' || typeof header.kid !== 'string') return { ok: false, reason: 'malformed_signature' };
      if (header.iss !== signer) return { ok: false, reason: 'wrong_issuer' };
      const own = signer === country ? keys.published.find((k) => k.kid === header.kid) : undefined;
      const key = signer === country ? (own ? importPublicKey(own.x) : undefined) : await peers.keyFor(signer, header.kid);
      if (!key) return { ok: false, reason: 'key_not_trusted' };
      const sigBytes = Buffer.from(sig.signature, 'base64url');
      if (sigBytes.length !== 64) return { ok: false, reason: 'malformed_signature' };
      return edVerify(null, signingInput(sig.protected, payload), key, sigBytes) ? { ok: true, kid: header.kid, country: signer } : { ok: false, reason: 'bad_signature' };
    },
    async trustedKeys() {
      const out: Array<{ country: string; keys: PublicJwk[] }> = [{ country, keys: keys.published }];
      for (const peer of peerCountries()) out.push({ country: peer, keys: await peers.publishedKeys(peer) });
      return out;
    },
  };
}

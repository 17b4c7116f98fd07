/**
 * The node's Ed25519 signing keys (docs/federation-v1.md §7). A key's id (`kid`) is its RFC 7638 JWK
 * thumbprint (SHA-256, base64url), which is also what peers pin. The key file is a JSON array of
 * `{ privateJwk, status: 'active' | 'retiring' }` with exactly one active key: new messages and receipts are
 * signed with it; retiring keys stay published at /.well-known/jwks.json until peers have moved on.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { z } from 'zod';

export const PrivateJwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(43), d: z.string().min(43), kid: z.string().optional() });
export const KeyFileEntry = z.object({ privateJwk: PrivateJwk, status: z.enum(['active', 'retiring']) });
export type KeyFileEntry = z.infer<typeof KeyFileEntry>;
export const KeyFile = z
  .array(KeyFileEntry)
  .min(1)
  .refine((keys) => keys.filter((k) => k.status === 'active').length === 1, { message: 'exactly one key must be active' });

export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
  status: 'active' | 'retiring';
}

export interface SigningKey {
  kid: string;
  /** Node's KeyObject: the hot path signs with node:crypto (Ed25519 is deterministic, the bytes are what jose would produce). */
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

export interface KeyRing {
  /** Signs everything this node sends. */
  active: SigningKey;
  /** Every published key (active first). */
  published: PublicJwk[];
}

/** RFC 7638 thumbprint (SHA-256, base64url) of an Ed25519 JWK, public or private (only kty, crv, x count). */
export async function thumbprintOf(jwk: { kty: string; crv?: string; x?: string }): Promise<string> {
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
}

/**
 * A new key pair for a node: `keys` is the content of its FEDERATION_KEYS_FILE (one active key) and
 * `thumbprint` what its peers put in their FEDERATION_PEERS_FILE. Used by the multi-node launcher and tests.
 */
export async function generateNodeKeys(): Promise<{ keys: KeyFileEntry[]; thumbprint: string; publicJwk: PublicJwk }> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const privateJwk = PrivateJwk.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d });
  const thumbprint = await thumbprintOf(privateJwk);
  return { keys: [{ privateJwk: { ...privateJwk, kid: thumbprint }, status: 'active' }], thumbprint, publicJwk: publicJwkOf(privateJwk, thumbprint, 'active') };
}

function publicJwkOf(jwk: { x: string }, kid: string, status: 'active' | 'retiring'): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig', status };
}

/** Imports key-file entries; throws on a malformed file or a `kid` that is not the key's thumbprint. */
export async function loadKeyRing(entries: unknown): Promise<KeyRing> {
  const parsed = KeyFile.safeParse(entries);
  if (!parsed.success) throw new Error(`federation key file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  let active: SigningKey | undefined;
  const published: PublicJwk[] = [];
  for (const entry of parsed.data) {
    const kid = await thumbprintOf(entry.privateJwk);
    if (entry.privateJwk.kid !== undefined && entry.privateJwk.kid !== kid) throw new Error(`federation key file: kid ${entry.privateJwk.kid} is not the key's thumbprint ${kid}`);
    const { kid: _ignored, ...jwk } = entry.privateJwk;
    const publicJwk = publicJwkOf(jwk, kid, entry.status);
    if (entry.status === 'active') {
      active = { kid, privateKey: createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, format: 'jwk' }), publicJwk };
      published.unshift(publicJwk);
    } else published.push(publicJwk);
  }
  if (!active) throw new Error('federation key file: no active key');
  return { active, published };
}

/** An Ed25519 public key from its `x` coordinate (base64url). */
export function importPublicKey(x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** Where a node keeps its keys when FEDERATION_KEYS_FILE is not set. */
export function defaultKeysFile(dataDir: string, country: string): string {
  return join(dataDir, country.toLowerCase(), 'federation-keys.json');
}

/**
 * Reads the key file; when it is the default location and does not exist yet, generates a key and
 * creates the file (mode 0600) atomically, so two processes starting together end up with the same key.
 */
export async function readOrCreateKeyFile(path: string, createIfMissing: boolean): Promise<unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !createIfMissing) throw new Error(`federation key file ${path}: ${(err as Error).message}`, { cause: err });
  }
  mkdirSync(dirname(path), { recursive: true });
  const { keys } = await generateNodeKeys();
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

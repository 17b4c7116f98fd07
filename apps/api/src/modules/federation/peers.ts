/**
 * Peers and their pinned keys (docs/federation-v1.md §7). The peers file is the trust anchor, like an
 * X-Road configuration: `[{ country, url, thumbprints: [...] }]`. A peer's public keys are fetched from
 * `<url>/.well-known/jwks.json` and cached, but only keys whose RFC 7638 thumbprint is pinned for that
 * country are ever used: a JWKS that serves another key changes nothing.
 */
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { z } from 'zod';
import { CountryCode } from '@rabt/contracts';
import { importPublicKey, thumbprintOf, type PublicJwk } from './keys.ts';
import type { KeyResolver } from './wire.ts';

export const PeerEntry = z.strictObject({
  country: CountryCode,
  /** Base URL of the peer node (no trailing slash needed), e.g. https://rabt.mol.gov.sa */
  url: z.url({ protocol: /^https?$/ }),
  thumbprints: z.array(z.string().regex(/^[A-Za-z0-9_-]{43}$/)).min(1),
});
export type PeerEntry = z.infer<typeof PeerEntry>;
export const PeersFile = z.array(PeerEntry).refine((peers) => new Set(peers.map((p) => p.country)).size === peers.length, { message: 'a country appears twice' });

/** Reads and validates FEDERATION_PEERS_FILE; no file configured means no peers. */
export function readPeersFile(path: string | undefined): PeerEntry[] {
  if (!path) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`federation peers file ${path}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = PeersFile.safeParse(raw);
  if (!parsed.success) throw new Error(`federation peers file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.map((p) => ({ ...p, url: p.url.replace(/\/+$/, '') }));
}

interface CachedPeer {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
  /** The pinned keys as served, for offline verifiers' trust bundles. */
  jwks?: Map<string, PublicJwk>;
  inFlight: Promise<void> | undefined;
}

/** Pin checks and a JWKS cache per peer. Refetches a peer's JWKS at most once per `refreshMs` (an unknown kid cannot make us hammer a peer). */
export class PeerKeys implements KeyResolver {
  private readonly cache = new Map<string, CachedPeer>();
  private readonly byCountry: Map<string, PeerEntry>;

  constructor(
    peers: PeerEntry[],
    private readonly options: { refreshMs: number; timeoutMs: number; fetch?: typeof fetch },
  ) {
    this.byCountry = new Map(peers.map((p) => [p.country, p]));
  }

  peer(country: string): PeerEntry | undefined {
    return this.byCountry.get(country);
  }

  pinCheck(country: string, kid: string): 'ok' | 'unknown_sender' | 'key_not_pinned' {
    const peer = this.byCountry.get(country);
    if (!peer) return 'unknown_sender';
    return peer.thumbprints.includes(kid) ? 'ok' : 'key_not_pinned';
  }

  async keyFor(country: string, kid: string): Promise<KeyObject | undefined> {
    if (this.pinCheck(country, kid) !== 'ok') return undefined;
    let entry = this.cache.get(country);
    if (!entry) {
      entry = { keys: new Map(), fetchedAt: -Infinity, inFlight: undefined };
      this.cache.set(country, entry);
    }
    const cached = entry.keys.get(kid);
    if (cached) return cached;
    if (performance.now() - entry.fetchedAt >= this.options.refreshMs) {
      entry.inFlight ??= this.refresh(country, entry).finally(() => {
        entry.inFlight = undefined;
      });
      await entry.inFlight;
    } else if (entry.inFlight) await entry.inFlight;
    return entry.keys.get(kid);
  }

  /** The peer's pinned public keys as last fetched (fetching them first if none is cached). */
  async publishedKeys(country: string): Promise<PublicJwk[]> {
    const peer = this.byCountry.get(country);
    if (!peer) return [];
    for (const kid of peer.thumbprints) await this.keyFor(country, kid);
    return [...(this.cache.get(country)?.jwks?.values() ?? [])];
  }

  /** Fetches the peer's JWKS and keeps the pinned Ed25519 keys it serves. Failures leave the cache as it was. */
  private async refresh(country: string, entry: CachedPeer): Promise<void> {
    const peer = this.byCountry.get(country);
    if (!peer) return;
    entry.fetchedAt = performance.now();
    try {
      const res = await (this.options.fetch ?? fetch)(`${peer.url}/.well-known/jwks.json`, { signal: AbortSignal.timeout(this.options.timeoutMs), headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const jwks = (await res.json()) as { keys?: unknown };
      if (!Array.isArray(jwks.keys)) return;
      for (const jwk of jwks.keys as JWK[]) {
        if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || 'd' in jwk) continue;
        const thumbprint = await thumbprintOf(jwk as { kty: string; crv: string; x: string });
        if (!peer.thumbprints.includes(thumbprint) || entry.keys.has(thumbprint)) continue;
        entry.keys.set(thumbprint, importPublicKey(jwk.x));
        (entry.jwks ??= new Map()).set(thumbprint, { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: thumbprint, alg: 'EdDSA', use: 'sig', status: (jwk as { status?: unknown }).status === 'retiring' ? 'retiring' : 'active' });
      }
    } catch {
      // Unreachable or malformed JWKS: the key stays unavailable and the sender retries later.
    }
  }
}

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateNodeKeys } from './keys.ts';
import { PeerKeys, readPeersFile } from './peers.ts';

function jwksFetch(keys: unknown[], calls: { n: number }): typeof fetch {
  return (async () => {
    calls.n++;
    return new Response(JSON.stringify({ keys }), { status: 200, headers: { 'content-type': 'application/json' } });
  });
}

describe('peer key pinning', () => {
  test('only keys whose thumbprint is pinned are used, whatever kid the JWKS gives them', async () => {
    const pinned = await generateNodeKeys();
    const attacker = await generateNodeKeys();
    const calls = { n: 0 };
    // The JWKS serves the attacker's key labelled with the pinned kid, and the attacker's key under its own kid.
    const served = [
      { ...attacker.publicJwk, kid: pinned.thumbprint },
      { ...attacker.publicJwk },
    ];
    const keys = new PeerKeys([{ country: 'SA', url: 'http://sa.invalid', thumbprints: [pinned.thumbprint] }], { refreshMs: 0, timeoutMs: 1000, fetch: jwksFetch(served, calls) });
    assert.equal(await keys.keyFor('SA', pinned.thumbprint), undefined, 'an unpinned key labelled with a pinned kid is ignored');
    assert.equal(keys.pinCheck('SA', attacker.thumbprint), 'key_not_pinned');
    assert.equal(await keys.keyFor('SA', attacker.thumbprint), undefined);
    assert.equal(keys.pinCheck('JO', pinned.thumbprint), 'unknown_sender');

    const honest = new PeerKeys([{ country: 'SA', url: 'http://sa.invalid', thumbprints: [pinned.thumbprint] }], { refreshMs: 0, timeoutMs: 1000, fetch: jwksFetch([attacker.publicJwk, pinned.publicJwk], calls) });
    assert.ok(await honest.keyFor('SA', pinned.thumbprint), 'the pinned key is found among others');
  });

  test('an unknown kid refetches the JWKS at most once per refresh interval', async () => {
    const pinned = await generateNodeKeys();
    const other = await generateNodeKeys();
    const calls = { n: 0 };
    const keys = new PeerKeys([{ country: 'SA', url: 'http://sa.invalid', thumbprints: [pinned.thumbprint, other.thumbprint] }], { refreshMs: 60_000, timeoutMs: 1000, fetch: jwksFetch([pinned.publicJwk], calls) });
    assert.ok(await keys.keyFor('SA', pinned.thumbprint));
    for (let i = 0; i < 20; i++) assert.equal(await keys.keyFor('SA', other.thumbprint), undefined);
    assert.equal(calls.n, 1);
  });

  test('the peers file is validated: a country twice or a bad thumbprint stops the node from starting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rabt-peers-'));
    const write = (content: unknown) => {
      const f = join(dir, `${Math.random()}.json`);
      writeFileSync(f, JSON.stringify(content));
      return f;
    };
    const tp = 'A'.repeat(43);
    assert.deepEqual(readPeersFile(write([{ country: 'SA', url: 'http://127.0.0.1:4001/', thumbprints: [tp] }])), [{ country: 'SA', url: 'http://127.0.0.1:4001', thumbprints: [tp] }]);
    assert.throws(() => readPeersFile(write([{ country: 'SA', url: 'http://a', thumbprints: [tp] }, { country: 'SA', url: 'http://b', thumbprints: [tp] }])), /appears twice/);
    assert.throws(() => readPeersFile(write([{ country: 'SA', url: 'http://a', thumbprints: ['short'] }])), /thumbprints/);
    assert.throws(() => readPeersFile(join(dir, 'missing.json')), /ENOENT/);
    assert.deepEqual(readPeersFile(undefined), []);
  });
});

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import type { KeyObject } from 'node:crypto';
import { generateNodeKeys, importPublicKey, loadKeyRing, thumbprintOf, type KeyRing } from './keys.ts';
import { backoffMs, CircuitBreaker } from './relay.ts';
import { parseStrictJson, sha256Hex, signMessage, signReceipt, verifyMessage, verifyReceipt, type Envelope, type KeyResolver } from './wire.ts';

let eg: KeyRing;
let sa: KeyRing;
let egPublic: KeyObject;

/** SA's view: EG is a peer pinned to EG's key. */
function resolverFor(pins: Record<string, { kid: string; key: KeyObject }>): KeyResolver {
  return {
    pinCheck: (country, kid) => (!pins[country] ? 'unknown_sender' : pins[country].kid === kid ? 'ok' : 'key_not_pinned'),
    keyFor: async (country, kid) => (pins[country]?.kid === kid ? pins[country].key : undefined),
  };
}

function envelope(over: Partial<Envelope> = {}): Envelope {
  const now = Date.now();
  return {
    id: uuidv7(),
    type: 'profile.withdraw',
    from: 'EG',
    to: 'SA',
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 300_000).toISOString(),
    entity: { type: 'profile', id: 'p-1', version: 3 },
    body: { profileId: '0190a000-0000-4000-8000-000000000001' },
    ...over,
  };
}

before(async () => {
  eg = await loadKeyRing((await generateNodeKeys()).keys);
  sa = await loadKeyRing((await generateNodeKeys()).keys);
  egPublic = importPublicKey(eg.active.publicJwk.x);
});

describe('message verification', () => {
  const ctx = () => ({ self: 'SA', now: new Date(), maxBytes: 131_072, ...resolverFor({ EG: { kid: eg.active.kid, key: egPublic } }) });

  test('a message signed with the pinned key is accepted, with its hash and parsed body', async () => {
    const env = envelope();
    const jws = await signMessage(env, eg.active);
    const v = await verifyMessage(jws, ctx());
    assert.ok(v.ok);
    assert.equal(v.hash, sha256Hex(jws));
    assert.deepEqual(v.envelope, env);
  });

  test('changing any single character anywhere in the JWS is refused (every position)', async () => {
    const jws = await signMessage(envelope(), eg.active);
    let accepted = 0;
    for (let i = 0; i < jws.length; i++) {
      for (const replacement of ['A', 'w', '.']) {
        if (jws[i] === replacement) continue;
        const tampered = jws.slice(0, i) + replacement + jws.slice(i + 1);
        const v = await verifyMessage(tampered, ctx());
        if (v.ok) accepted++;
      }
    }
    assert.equal(accepted, 0, `${accepted} tampered variants were accepted`);
  });

  test('the signature cannot be re-spelled: non-canonical base64url (unused trailing bits) is refused', async () => {
    const jws = await signMessage(envelope(), eg.active);
    const [h, p, s] = jws.split('.') as [string, string, string];
    // 64 bytes → 86 characters; the last one carries 2 data bits and 4 unused bits.
    const last = s[s.length - 1]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[(alphabet.indexOf(last) & ~0b1111) | ((alphabet.indexOf(last) + 1) & 0b1111)]!;
    assert.deepEqual(Buffer.from(s.slice(0, -1) + sibling, 'base64url'), Buffer.from(s, 'base64url'), 'same bytes, other spelling');
    const v = await verifyMessage(`${h}.${p}.${s.slice(0, -1)}${sibling}`, ctx());
    assert.ok(!v.ok && v.kind === 'receipt' && v.reason === 'malformed_envelope');
  });

  test('the clock window is ±300 s on issuedAt', async () => {
    const at = (offsetS: number) => envelope({ issuedAt: new Date(Date.now() + offsetS * 1000).toISOString(), expiresAt: new Date(Date.now() + (offsetS + 600) * 1000).toISOString() });
    for (const [offset, want] of [
      [-299, 'ok'],
      [299, 'ok'],
      [-301, 'expired'],
      [301, 'not_yet_valid'],
    ] as const) {
      const v = await verifyMessage(await signMessage(at(offset), eg.active), ctx());
      assert.equal(v.ok ? 'ok' : v.kind === 'receipt' ? v.reason : v.code, want, `offset ${offset} s`);
    }
  });

  test('a message from a peer signed by another peer\'s key is refused as not pinned', async () => {
    const v = await verifyMessage(await signMessage(envelope(), sa.active), ctx());
    assert.ok(!v.ok && v.kind === 'receipt' && v.reason === 'key_not_pinned');
  });
});

describe('strict JSON', () => {
  test('duplicate member names and prototype keys are refused at any depth; ordinary JSON is not', () => {
    assert.deepEqual(parseStrictJson('{"a":[{"b":"x\\"y","c":1}],"d":{"e":null}}'), { a: [{ b: 'x"y', c: 1 }], d: { e: null } });
    assert.equal(parseStrictJson('{"a":1,"a":2}'), undefined);
    assert.equal(parseStrictJson('{"a":{"b":1,"b":1}}'), undefined);
    assert.equal(parseStrictJson('[{"__proto__":{}}]'), undefined);
    assert.equal(parseStrictJson('{"x":{"constructor":{"prototype":{}}}}'), undefined);
    assert.equal(parseStrictJson('{"x":"__proto__"}') !== undefined, true, 'a value may be any string');
    assert.deepEqual(parseStrictJson('[{"a":1},{"a":2}]'), [{ a: 1 }, { a: 2 }], 'same name in sibling objects is fine');
  });
});

describe('receipts', () => {
  test('a receipt is accepted only from the pinned peer key, for the right message and hash', async () => {
    const saPublic = importPublicKey(sa.active.publicJwk.x);
    const keys = resolverFor({ SA: { kid: sa.active.kid, key: saPublic } });
    const id = uuidv7();
    const hash = sha256Hex('message');
    const good = await signReceipt({ messageId: id, messageHash: hash, status: 'accepted', from: 'SA', to: 'EG', receivedAt: new Date().toISOString() }, sa.active);
    assert.equal((await verifyReceipt(good, { peer: 'SA', messageId: id, messageHash: hash }, keys)).status, 'accepted');
    await assert.rejects(verifyReceipt(good, { peer: 'SA', messageId: id, messageHash: sha256Hex('other') }, keys), /echo the hash/);
    await assert.rejects(verifyReceipt(good, { peer: 'SA', messageId: uuidv7(), messageHash: hash }, keys), /another message/);
    const byEg = await signReceipt({ messageId: id, messageHash: hash, status: 'accepted', from: 'SA', receivedAt: new Date().toISOString() }, eg.active);
    await assert.rejects(verifyReceipt(byEg, { peer: 'SA', messageId: id, messageHash: hash }, keys), /not pinned/);
  });
});

describe('keys', () => {
  test('kid is the RFC 7638 thumbprint, and a key file with a wrong kid or two active keys is refused', async () => {
    const k = await generateNodeKeys();
    assert.equal(k.thumbprint, await thumbprintOf(k.publicJwk));
    assert.match(k.thumbprint, /^[A-Za-z0-9_-]{43}$/);
    const entry = k.keys[0]!;
    await assert.rejects(loadKeyRing([{ ...entry, privateJwk: { ...entry.privateJwk, kid: 'other' } }]), /thumbprint/);
    await assert.rejects(loadKeyRing([entry, { ...(await generateNodeKeys()).keys[0]!, status: 'active' }]), /exactly one key must be active/);
    const ring = await loadKeyRing([{ ...(await generateNodeKeys()).keys[0]!, status: 'retiring' }, entry]);
    assert.equal(ring.active.kid, k.thumbprint);
    assert.deepEqual(ring.published.map((p) => p.status), ['active', 'retiring']);
  });
});

describe('relay timing', () => {
  test('backoff is full jitter under min(cap, base·2^(n−1))', () => {
    assert.equal(backoffMs(1, 500, 60_000, () => 0.999), 499);
    assert.equal(backoffMs(4, 500, 60_000, () => 0.5), 2000);
    assert.equal(backoffMs(30, 500, 60_000, () => 0.999), 59_940);
    assert.equal(backoffMs(30, 500, 60_000, () => 0), 0);
  });

  test('the breaker opens after 5 consecutive failures, half-opens after the delay, closes on success', () => {
    let now = 0;
    const b = new CircuitBreaker(5, 30_000, () => now);
    for (let i = 0; i < 4; i++) b.failure();
    assert.equal(b.allowance(4), 4, 'still closed after 4');
    b.failure();
    assert.equal(b.state, 'open');
    assert.equal(b.allowance(4), 0);
    now = 29_999;
    assert.equal(b.allowance(4), 0);
    now = 30_000;
    assert.equal(b.allowance(4), 1, 'one trial when half-open');
    b.failure();
    assert.equal(b.state, 'open', 'a failed trial reopens');
    now = 60_000;
    b.allowance(4);
    b.success();
    assert.equal(b.allowance(4), 4);
  });
});

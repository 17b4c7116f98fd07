/**
 * Message builders and the negative corpus of federation v1 (docs/federation-v1.md §10): messages every
 * conforming node must reject without any effect, each with the answer the specification requires
 * (HTTP status and receipt reason, or problem code). Shared by the conformance runner (run.ts), which
 * points it at any node from outside, and by the negative-corpus integration test, which also inspects
 * the database.
 */
import { createHmac, randomBytes, sign } from 'node:crypto';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { FEDERATION_MESSAGE_TYP, type FederationRejectReason } from '@rabt/contracts';
import type { SigningKey } from '../keys.ts';
import type { Envelope } from '../wire.ts';

export interface Base {
  type: string;
  body: Record<string, unknown>;
  entity: { type: string; id: string; version: number } | null;
}

export interface CorpusContext {
  /** The node under test. */
  target: string;
  /** The country we send as; `key` is pinned for it at the target. */
  sender: string;
  key: SigningKey;
  /** A key the target has not pinned for anyone. */
  foreignKey: SigningKey;
  /** Another peer of the target (not `sender`), if known: tests a key pinned for a different country. */
  otherPeer?: string | undefined;
  /** What a valid message carries (a type the target handles). */
  base: () => Base;
  now: () => Date;
}

export type Expectation = { status: number; reason: FederationRejectReason } | { status: number; problem: string } | { anyRejection: true };

export interface CorpusCase {
  name: string;
  expect: Expectation;
  contentType?: string;
  /** `id`: the message id the target could read, if any (a later valid message with it must be accepted). */
  build(): Promise<{ body: string; id: string | undefined }>;
}

const b64u = (data: string | Buffer): string => Buffer.from(data).toString('base64url');
const json = (v: unknown): string => JSON.stringify(v);

/** A valid envelope from ctx.sender to ctx.target, issued now, expiring in 300 s. */
export function envelopeFor(ctx: Pick<CorpusContext, 'sender' | 'target' | 'base' | 'now'>, over: Partial<Envelope> = {}): Envelope {
  const now = ctx.now();
  const base = ctx.base();
  return {
    id: uuidv7(),
    type: base.type,
    from: ctx.sender,
    to: ctx.target,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 300_000).toISOString(),
    entity: base.entity,
    body: base.body,
    ...over,
  };
}

export async function edSign(key: SigningKey, input: string): Promise<Buffer> {
  return Promise.resolve(sign(null, Buffer.from(input, 'ascii'), key.privateKey));
}

/** A compact JWS from raw header and payload texts, signed with Ed25519 (`key`), or with `sig` given. */
export async function rawJws(headerText: string, payloadText: string, signer: SigningKey | ((input: string) => Buffer | Promise<Buffer>)): Promise<string> {
  const input = `${b64u(headerText)}.${b64u(payloadText)}`;
  const sig = typeof signer === 'function' ? await signer(input) : await edSign(signer, input);
  return `${input}.${b64u(sig)}`;
}

export function headerFor(key: SigningKey, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: 'EdDSA', kid: key.kid, typ: FEDERATION_MESSAGE_TYP, ...over };
}

/** A correctly signed message. */
export function signedMessage(ctx: CorpusContext, over: Partial<Envelope> = {}): Promise<string> {
  return rawJws(json(headerFor(ctx.key)), json(envelopeFor(ctx, over)), ctx.key);
}

/** Replaces the character at `i` with a different base64url character (dots become letters). */
function substitute(s: string, i: number): string {
  const c = s[i];
  const replacement = c === 'A' ? 'B' : 'A';
  return s.slice(0, i) + replacement + s.slice(i + 1);
}

export function negativeCorpus(ctx: CorpusContext): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const receipt = (status: number, reason: FederationRejectReason): Expectation => ({ status, reason });
  const add = (name: string, expect: Expectation, build: (id: string) => Promise<string>, opts: { readable?: boolean; contentType?: string } = {}) => {
    cases.push({
      name,
      expect,
      ...(opts.contentType ? { contentType: opts.contentType } : {}),
      build: async () => {
        const id = uuidv7();
        return { body: await build(id), id: opts.readable === false ? undefined : id };
      },
    });
  };
  const env = (id: string, over: Partial<Envelope> = {}) => envelopeFor(ctx, { id, ...over });
  const withHeader = (over: Record<string, unknown>, signer: SigningKey | ((input: string) => Buffer) = ctx.key) => (id: string) => rawJws(json(headerFor(ctx.key, over)), json(env(id)), signer);
  const hmac = (secret: string | Buffer) => (input: string) => createHmac('sha256', secret).update(input).digest();
  const seconds = (n: number) => new Date(ctx.now().getTime() + n * 1000).toISOString();

  // Algorithm allow-list: EdDSA only.
  add('alg none, empty signature', receipt(400, 'unsupported_algorithm'), async (id) => `${b64u(json(headerFor(ctx.key, { alg: 'none' })))}.${b64u(json(env(id)))}.`);
  add('alg none, valid signature copied', receipt(400, 'unsupported_algorithm'), withHeader({ alg: 'none' }));
  add('alg "None"', receipt(400, 'unsupported_algorithm'), withHeader({ alg: 'None' }));
  add('HS256 keyed with the public key bytes', receipt(400, 'unsupported_algorithm'), withHeader({ alg: 'HS256' }, hmac(Buffer.from(ctx.key.publicJwk.x, 'base64url'))));
  add('HS256 keyed with the public JWK text', receipt(400, 'unsupported_algorithm'), withHeader({ alg: 'HS256' }, hmac(json(ctx.key.publicJwk))));
  add('RS256', receipt(400, 'unsupported_algorithm'), withHeader({ alg: 'RS256' }));
  add('ES256', receipt(400, 'unsupported_algorithm'), withHeader({ alg: 'ES256' }));
  add('alg "Ed25519" (not in v1)', receipt(400, 'unsupported_algorithm'), withHeader({ alg: 'Ed25519' }));
  add('alg lower case "eddsa"', receipt(400, 'unsupported_algorithm'), withHeader({ alg: 'eddsa' }));
  add('alg missing', receipt(400, 'unsupported_algorithm'), withHeader({ alg: undefined }));

  // Exact header.
  add('typ missing', receipt(400, 'bad_header'), withHeader({ typ: undefined }));
  add('typ "JWT" (wrong typ)', receipt(400, 'bad_header'), withHeader({ typ: 'JWT' }));
  add('crit header', receipt(400, 'bad_header'), withHeader({ crit: ['exp'], exp: 1 }));
  add('embedded jwk (attacker key)', receipt(400, 'bad_header'), withHeader({ jwk: ctx.foreignKey.publicJwk }, ctx.foreignKey));
  add('jku header', receipt(400, 'bad_header'), withHeader({ jku: 'https://attacker.example/jwks.json' }));
  add('b64: false', receipt(400, 'bad_header'), withHeader({ b64: false, crit: ['b64'] }));
  add('kid missing', receipt(400, 'bad_header'), withHeader({ kid: undefined }));
  add('kid not a thumbprint', receipt(400, 'bad_header'), withHeader({ kid: 'key-1' }));

  // Sender and key pinning.
  add('unknown kid', receipt(401, 'key_not_pinned'), withHeader({ kid: b64u(randomBytes(32)) }));
  add('unpinned key (kid = its own thumbprint)', receipt(401, 'key_not_pinned'), (id) => rawJws(json(headerFor(ctx.foreignKey)), json(env(id)), ctx.foreignKey));
  add('unknown sender country', receipt(401, 'unknown_sender'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { from: 'ZZ' })), ctx.key));
  add('sender claims to be the target itself', receipt(401, 'unknown_sender'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { from: ctx.target })), ctx.key));
  if (ctx.otherPeer) {
    const other = ctx.otherPeer;
    add(`key pinned for ${ctx.sender}, message from ${other}`, receipt(401, 'key_not_pinned'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { from: other })), ctx.key));
  }

  // Signature.
  add('forged signature (random bytes)', receipt(401, 'bad_signature'), withHeader({}, () => randomBytes(64)));
  add('signature by an unpinned key under the pinned kid', receipt(401, 'bad_signature'), withHeader({}, ctx.foreignKey));
  add('signature of another message', receipt(401, 'bad_signature'), async (id) => {
    const other = await signedMessage(ctx);
    const mine = await signedMessage(ctx, { id });
    return `${mine.split('.').slice(0, 2).join('.')}.${other.split('.')[2]}`;
  });
  add('signature one byte short', receipt(401, 'bad_signature'), async (id) => {
    const [h, p, s] = (await signedMessage(ctx, { id })).split('.') as [string, string, string];
    return `${h}.${p}.${b64u(Buffer.from(s, 'base64url').subarray(0, 63))}`;
  });
  add('body changed after signing', receipt(401, 'bad_signature'), async (id) => {
    const [h, , s] = (await signedMessage(ctx, { id })).split('.') as [string, string, string];
    return `${h}.${b64u(json(env(id, { body: { ...ctx.base().body, extra: 1 } })))}.${s}`;
  });
  add('recipient changed after signing', receipt(401, 'bad_signature'), async (id) => {
    const [h, , s] = (await rawJws(json(headerFor(ctx.key)), json(env(id, { to: 'ZZ' })), ctx.key)).split('.') as [string, string, string];
    return `${h}.${b64u(json(env(id)))}.${s}`;
  });
  add('header re-serialised after signing', receipt(401, 'bad_signature'), async (id) => {
    const [, p, s] = (await signedMessage(ctx, { id })).split('.') as [string, string, string];
    return `${b64u(JSON.stringify(headerFor(ctx.key), null, 1))}.${p}.${s}`;
  });

  // Tampering: one character changed at sample positions across header, payload and signature.
  for (const fraction of [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1]) {
    cases.push({
      name: `one character changed at ${Math.round(fraction * 100)} % of the JWS`,
      expect: { anyRejection: true },
      build: async () => {
        const id = uuidv7();
        const jws = await signedMessage(ctx, { id });
        let i = Math.min(jws.length - 1, Math.floor(fraction * jws.length));
        if (jws[i] === '.') i++;
        return { body: substitute(jws, i), id };
      },
    });
  }

  // Truncated and malformed JWS.
  const problem400 = { status: 400, problem: 'federation_malformed_message' } as const;
  add('signature segment removed', problem400, async (id) => (await signedMessage(ctx, { id })).split('.').slice(0, 2).join('.'), { readable: false });
  add('truncated in the middle', problem400, async (id) => {
    const jws = await signedMessage(ctx, { id });
    return jws.slice(0, Math.floor(jws.length / 2));
  }, { readable: false });
  add('header only', problem400, async (id) => (await signedMessage(ctx, { id })).split('.')[0] ?? '', { readable: false });
  add('four segments', problem400, async (id) => `${await signedMessage(ctx, { id })}.AAAA`, { readable: false });
  add('five segments (JWE shape)', problem400, async (id) => `${await signedMessage(ctx, { id })}.AAAA.AAAA`, { readable: false });
  add('empty body', problem400, async () => '', { readable: false });
  add('payload is not JSON', problem400, () => rawJws(json(headerFor(ctx.key)), 'hello, ministry', ctx.key), { readable: false });
  add('payload is a JSON array', problem400, (id) => rawJws(json(headerFor(ctx.key)), json([env(id)]), ctx.key), { readable: false });
  add('payload is JSON null', problem400, () => rawJws(json(headerFor(ctx.key)), 'null', ctx.key), { readable: false });
  add('plain JSON envelope instead of a JWS', problem400, async (id) => json(env(id)), { readable: false });
  add('header is not JSON', receipt(400, 'malformed_envelope'), (id) => rawJws('{alg: EdDSA', json(env(id)), ctx.key));
  add('payload segment with base64 padding', receipt(400, 'malformed_envelope'), async (id) => {
    const [h, p, s] = (await signedMessage(ctx, { id })).split('.') as [string, string, string];
    return `${h}.${p}${p.length % 4 === 0 ? '' : '='.repeat(4 - (p.length % 4))}${p.length % 4 === 0 ? '==' : ''}.${s}`;
  });

  // Time window (±300 s on issuedAt, expiresAt not passed).
  add('expired: issued 400 s ago', receipt(401, 'expired'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { issuedAt: seconds(-400), expiresAt: seconds(200) })), ctx.key));
  add('expired: expiresAt passed', receipt(401, 'expired'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { issuedAt: seconds(-200), expiresAt: seconds(-10) })), ctx.key));
  add('replayed 25 hours later', receipt(401, 'expired'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { issuedAt: seconds(-90_000), expiresAt: seconds(-89_700) })), ctx.key));
  add('future-dated: issued 400 s ahead', receipt(401, 'not_yet_valid'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { issuedAt: seconds(400), expiresAt: seconds(700) })), ctx.key));
  add('future-dated: issued a day ahead', receipt(401, 'not_yet_valid'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { issuedAt: seconds(86_400), expiresAt: seconds(86_700) })), ctx.key));
  add('expiresAt before issuedAt', receipt(400, 'malformed_envelope'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { issuedAt: seconds(0), expiresAt: seconds(-1) })), ctx.key));
  add('issuedAt not RFC 3339', receipt(400, 'malformed_envelope'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { issuedAt: 'yesterday' })), ctx.key));
  add('issuedAt with a non-UTC offset', receipt(400, 'malformed_envelope'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { issuedAt: ctx.now().toISOString().replace('Z', '+02:00') })), ctx.key));

  // Audience.
  add('wrongly addressed (to ZZ)', receipt(403, 'wrong_recipient'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { to: 'ZZ' })), ctx.key));
  add('addressed to the sender itself', receipt(403, 'wrong_recipient'), (id) => rawJws(json(headerFor(ctx.key)), json(env(id, { to: ctx.sender })), ctx.key));

  // Envelope shape.
  const sign = (payload: string) => rawJws(json(headerFor(ctx.key)), payload, ctx.key);
  const withoutKey = (id: string, key: string) => {
    const e: Record<string, unknown> = { ...env(id) };
    delete e[key];
    return json(e);
  };
  add('body missing', receipt(400, 'malformed_envelope'), (id) => sign(withoutKey(id, 'body')));
  add('entity missing (must be null or an object)', receipt(400, 'malformed_envelope'), (id) => sign(withoutKey(id, 'entity')));
  add('body is an array', receipt(400, 'malformed_envelope'), (id) => sign(json({ ...env(id), body: [ctx.base().body] })));
  add('unknown envelope member', receipt(400, 'malformed_envelope'), (id) => sign(json({ ...env(id), nonce: 'x' })));
  add('__proto__ member at the top', receipt(400, 'malformed_envelope'), (id) => sign(json(env(id)).replace(/^\{/, '{"__proto__":{"admin":true},')));
  add('__proto__ member in the body', receipt(400, 'malformed_envelope'), (id) => sign(json(env(id)).replace('"body":{', '"body":{"__proto__":{"polluted":true},')));
  add('constructor.prototype in the body', receipt(400, 'malformed_envelope'), (id) => sign(json(env(id)).replace('"body":{', '"body":{"constructor":{"prototype":{"polluted":true}},')));
  add('duplicate member "to"', receipt(400, 'malformed_envelope'), (id) => sign(json(env(id)).replace(/^\{/, '{"to":"ZZ",')));
  add('type not in the type format', receipt(400, 'malformed_envelope'), (id) => sign(json(env(id, { type: 'Profile Upsert' }))));
  add('entity version negative', receipt(400, 'malformed_envelope'), (id) => sign(json(env(id, { entity: { type: 'profile', id: 'p', version: -1 } }))));
  add('entity version not an integer', receipt(400, 'malformed_envelope'), (id) => sign(json(env(id, { entity: { type: 'profile', id: 'p', version: 1.5 } }))));
  add('entity type upper case', receipt(400, 'malformed_envelope'), (id) => sign(json(env(id, { entity: { type: 'Profile', id: 'p', version: 1 } }))));
  add('id not a UUID', problem400, () => sign(json(env('message-1'))), { readable: false });
  add('id a UUIDv4, not v7', problem400, () => sign(json(env(uuidv4()))), { readable: false });
  add('id upper case', problem400, () => sign(json(env(uuidv7().toUpperCase()))), { readable: false });

  // Type and body against the contract.
  add('unknown message type', receipt(422, 'unsupported_type'), (id) => sign(json(env(id, { type: 'profile.delete' }))));
  add('ping nonce longer than 64', receipt(422, 'invalid_body'), (id) => sign(json(env(id, { type: 'federation.ping', entity: null, body: { nonce: 'x'.repeat(65) } }))));
  add('profile.upsert with profileId not a UUID', receipt(422, 'invalid_body'), (id) => sign(json(env(id, { type: 'profile.upsert', body: { profileId: 'not-a-uuid', occupations: [] } }))));
  add('profile.withdraw without profileId', receipt(422, 'invalid_body'), (id) => sign(json(env(id, { type: 'profile.withdraw', body: {} }))));
  add('job_order.decision with an unknown decision', receipt(422, 'invalid_body'), (id) =>
    sign(json(env(id, { type: 'job_order.decision', body: { jobOrderId: uuidv4(), decision: 'maybe', reason: null, decidedAt: ctx.now().toISOString() } }))),
  );

  // Transport.
  add('oversize (2 MiB)', { status: 413, problem: 'payload_too_large' }, async (id) => sign(json(env(id, { body: { ...ctx.base().body, padding: 'x'.repeat(2 * 1024 * 1024) } }))), { readable: false });
  add('Content-Type application/json', { status: 415, problem: 'unsupported_media_type' }, (id) => signedMessage(ctx, { id }), { contentType: 'application/json', readable: false });
  add('Content-Type text/plain', { status: 415, problem: 'unsupported_media_type' }, (id) => signedMessage(ctx, { id }), { contentType: 'text/plain', readable: false });
  return cases;
}

/**
 * POSTs one message body to `{baseUrl}/federation/v1/messages` and returns the answer's status, content type
 * and text. A node may answer 413 and close the connection while a large body is still being sent
 * (RFC 9110 §15.5.14 allows it); the client then sees a reset instead of the answer. Such a network error
 * (fetch's TypeError) is retried, 3 attempts in all, so that the answer, not the race, is what gets checked.
 */
export async function postMessage(baseUrl: string, body: string, contentType = 'application/jose'): Promise<{ status: number; contentType: string; text: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${baseUrl}/federation/v1/messages`, { method: 'POST', headers: { 'content-type': contentType, accept: 'application/jose, application/problem+json' }, body });
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
    } catch (err) {
      if (attempt >= 3 || !(err instanceof TypeError)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

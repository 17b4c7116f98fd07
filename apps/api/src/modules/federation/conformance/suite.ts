/**
 * The federation v1 conformance suite (docs/federation-v1.md §10): checks any node from outside, acting as
 * one of its peers. Needs only the node's base URL and a private key the node has pinned for `as`.
 *
 * Checks: the JWKS (shape, kid = thumbprint, no private members); a valid message is accepted with a
 * signed receipt that echoes the message hash; an exact replay and a re-signed retry get `duplicate` and
 * change nothing; reusing an id for other content is refused; per-entity versions (older → `stale`); every
 * negative-corpus message is refused as specified, with a signed negative receipt (checked like any
 * receipt) or problem details; the batch endpoint answers each message in order; and finally, every
 * refused message id is still unused (a valid message with that id is `accepted`), which proves from
 * outside that the refusals wrote nothing.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { FEDERATION_RECEIPT_TYP, FederationBatchResponse, FederationJwks, FederationReceipt, type FederationRejectReason } from '@rabt/contracts';
import type { z } from 'zod';
import { generateNodeKeys, importPublicKey, loadKeyRing, thumbprintOf, type SigningKey } from '../keys.ts';
import { sha256Hex } from '../wire.ts';
import { envelopeFor, negativeCorpus, postMessage, rawJws, headerFor, signedMessage, type Base, type CorpusContext, type Expectation } from './corpus.ts';

type BatchItem = z.infer<typeof FederationBatchResponse>['results'][number];

export interface SuiteOptions {
  baseUrl: string;
  /** The country this suite speaks for (its key must be pinned for it at the node). */
  as: string;
  /** Key-file entries (the format of FEDERATION_KEYS_FILE); the active key signs. */
  keyEntries: unknown;
  /** The node's country; read from GET /api/v1/node when not given. */
  target?: string | undefined;
  /** Another peer country of the node, for the "key pinned for another country" case. */
  otherPeer?: string | undefined;
  /** A message the node accepts; default `federation.ping`. */
  base?: () => Base;
  log?: (line: string) => void;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export async function runConformance(options: SuiteOptions): Promise<CheckResult[]> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const log = options.log ?? (() => undefined);
  const results: CheckResult[] = [];
  const record = (name: string, ok: boolean, detail?: string) => {
    results.push({ name, ok, ...(detail ? { detail } : {}) });
    log(`${ok ? 'ok    ' : 'FAIL  '} ${name}${detail && !ok ? ` — ${detail}` : ''}`);
  };
  const check = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
      record(name, true);
    } catch (err) {
      record(name, false, err instanceof Error ? err.message : String(err));
    }
  };

  const ring = await loadKeyRing(options.keyEntries);
  const key: SigningKey = ring.active;
  const foreign = await loadKeyRing((await generateNodeKeys()).keys);
  const target = options.target ?? ((await (await fetch(`${baseUrl}/api/v1/node`)).json()) as { country: string }).country;
  const nodeKeys = new Map<string, KeyObject>();

  await check('JWKS: GET /.well-known/jwks.json is a set of Ed25519 public keys, kid = RFC 7638 thumbprint', async () => {
    const res = await fetch(`${baseUrl}/.well-known/jwks.json`);
    assert(res.status === 200, `status ${res.status}`);
    assert((res.headers.get('content-type') ?? '').includes('json'), 'not JSON');
    const raw = (await res.json()) as { keys?: Record<string, unknown>[] };
    const jwks = FederationJwks.safeParse(raw);
    assert(jwks.success, 'not { keys: [{ kty: OKP, crv: Ed25519, x, kid, alg: EdDSA, use: sig }] }');
    assert(jwks.data.keys.length > 0, 'no keys');
    for (const k of raw.keys ?? []) {
      for (const priv of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) assert(!(priv in k), `key ${String(k.kid)} has private member ${priv}`);
    }
    for (const k of jwks.data.keys) {
      assert(k.kid === (await thumbprintOf(k)), `kid ${k.kid} is not the key's thumbprint`);
      nodeKeys.set(k.kid, importPublicKey(k.x));
    }
  });

  const ctx: CorpusContext = {
    target,
    sender: options.as,
    key,
    foreignKey: foreign.active,
    otherPeer: options.otherPeer,
    base: options.base ?? (() => ({ type: 'federation.ping', body: { nonce: randomUUID() }, entity: null })),
    now: () => new Date(),
  };

  const post = async (body: string, contentType = 'application/jose'): Promise<Answer> => {
    const res = await postMessage(baseUrl, body, contentType);
    return { status: res.status, contentType: res.contentType, text: res.text };
  };

  /** Verifies a receipt answer: application/jose, receipt header, node key, signature, echoes. */
  const receiptOf = async (answer: Answer, sent: string, messageId: string): Promise<FederationReceipt> => {
    assert(answer.contentType.startsWith('application/jose'), `expected a signed receipt (application/jose), got ${answer.status} ${answer.contentType}: ${answer.text.slice(0, 200)}`);
    const [h, p] = answer.text.split('.');
    const header = JSON.parse(Buffer.from(h ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    assert(header.alg === 'EdDSA' && header.typ === FEDERATION_RECEIPT_TYP && typeof header.kid === 'string', `receipt header ${JSON.stringify(header)}`);
    const nodeKey = nodeKeys.get(header.kid);
    assert(nodeKey, `receipt kid ${String(header.kid)} is not in the node's JWKS`);
    await compactVerify(answer.text, nodeKey, { algorithms: ['EdDSA'] }).catch(() => {
      throw new Error('receipt signature does not verify');
    });
    const receipt = FederationReceipt.safeParse(JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8')));
    assert(receipt.success, 'receipt payload does not match the receipt schema');
    assert(receipt.data.messageId === messageId, 'receipt messageId differs');
    assert(receipt.data.messageHash === sha256Hex(sent), 'receipt does not echo the SHA-256 of the message sent');
    assert(receipt.data.from === target, `receipt from ${receipt.data.from}, expected ${target}`);
    return receipt.data;
  };

  const sendValid = async (over: Parameters<typeof envelopeFor>[1] = {}) => {
    const env = envelopeFor(ctx, over);
    const jws = await rawJws(JSON.stringify(headerFor(key)), JSON.stringify(env), key);
    const answer = await post(jws);
    return { env, jws, answer };
  };

  let first: { env: ReturnType<typeof envelopeFor>; jws: string; answer: Answer } | undefined;
  await check('a valid message is accepted: 200 with a signed receipt echoing its hash', async () => {
    first = await sendValid();
    assert(first.answer.status === 200, `status ${first.answer.status}: ${first.answer.text.slice(0, 200)}`);
    const r = await receiptOf(first.answer, first.jws, first.env.id);
    assert(r.status === 'accepted', `status ${r.status}`);
  });

  await check('an exact replay is a duplicate: 200, status duplicate, the original receipt attached', async () => {
    assert(first, 'needs the accepted message');
    const again = await post(first.jws);
    assert(again.status === 200, `status ${again.status}`);
    const r = await receiptOf(again, first.jws, first.env.id);
    assert(r.status === 'duplicate', `status ${r.status}`);
    assert(r.originalReceipt, 'no originalReceipt');
    const original = await receiptOf({ status: 200, contentType: 'application/jose', text: r.originalReceipt }, first.jws, first.env.id);
    assert(original.status === 'accepted', `original receipt status ${original.status}`);
  });

  await check('a re-signed retry (same id and content, new issuedAt) is a duplicate', async () => {
    assert(first, 'needs the accepted message');
    const env = { ...first.env, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 300_000).toISOString() };
    const jws = await rawJws(JSON.stringify(headerFor(key)), JSON.stringify(env), key);
    const r = await receiptOf(await post(jws), jws, env.id);
    assert(r.status === 'duplicate', `status ${r.status}`);
  });

  await check('reusing an id for different content is refused: 409 id_reused', async () => {
    assert(first, 'needs the accepted message');
    const env = { ...first.env, body: { ...ctx.base().body } };
    const jws = await rawJws(JSON.stringify(headerFor(key)), JSON.stringify(env), key);
    const answer = await post(jws);
    assert(answer.status === 409, `status ${answer.status}`);
    const r = await receiptOf(answer, jws, env.id);
    assert(r.status === 'rejected' && r.reason === 'id_reused', `${r.status} ${r.reason ?? ''}`);
  });

  await check('per-entity versions: newer accepted, older or equal stale, never applied', async () => {
    const entity = (version: number) => ({ type: 'conformance', id: randomUUID(), version });
    const e5 = entity(5);
    const expectStatus = async (version: number, want: string) => {
      const { env, jws, answer } = await sendValid({ entity: { ...e5, version } });
      const r = await receiptOf(answer, jws, env.id);
      assert(r.status === want, `version ${version}: ${r.status}, expected ${want}`);
    };
    await expectStatus(5, 'accepted');
    await expectStatus(3, 'stale');
    await expectStatus(5, 'stale');
    await expectStatus(6, 'accepted');
  });

  await check('batch: POST /federation/v1/batch answers each message in order, as the single endpoint would', async () => {
    const entityId = randomUUID();
    const a = await signedMessage(ctx, { id: uuidv7(), entity: { type: 'conformance', id: entityId, version: 2 } });
    const older = await signedMessage(ctx, { id: uuidv7(), entity: { type: 'conformance', id: entityId, version: 1 } });
    const [h, p, sig] = (await signedMessage(ctx, { id: uuidv7() })).split('.') as [string, string, string];
    const forged = `${h}.${p}.${Buffer.from(sig, 'base64url').reverse().toString('base64url')}`;
    const messages = [a, a, older, forged, 'not a jws'];
    const res = await fetch(`${baseUrl}/federation/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
    assert(res.status === 200, `status ${res.status}`);
    const body = FederationBatchResponse.safeParse(await res.json());
    assert(body.success && body.data.results.length === messages.length, 'not { results: [one per message] }');
    const [r0, r1, r2, r3, r4] = body.data.results as [BatchItem, BatchItem, BatchItem, BatchItem, BatchItem];
    const statusOf = async (item: BatchItem, sent: string) => {
      assert(item.receipt, `no receipt for a message that can be identified (status ${item.status})`);
      const id = (JSON.parse(Buffer.from(sent.split('.')[1] ?? '', 'base64url').toString('utf8')) as { id: string }).id;
      return receiptOf({ status: item.status, contentType: 'application/jose', text: item.receipt }, sent, id);
    };
    assert(r0.status === 200 && (await statusOf(r0, a)).status === 'accepted', 'first: accepted');
    assert(r1.status === 200 && (await statusOf(r1, a)).status === 'duplicate', 'the same message again in the batch: duplicate');
    assert(r2.status === 200 && (await statusOf(r2, older)).status === 'stale', 'an older version of the entity: stale');
    const r3r = await statusOf(r3, forged);
    assert(r3.status === 401 && r3r.status === 'rejected' && r3r.reason === 'bad_signature', 'forged: 401 bad_signature');
    assert(r4.status === 400 && r4.problem?.code === 'federation_malformed_message', 'garbage: 400 federation_malformed_message');
  });

  const refusedIds: string[] = [];
  for (const c of negativeCorpus(ctx)) {
    await check(`refused: ${c.name}`, async () => {
      const { body, id } = await c.build();
      const answer = await post(body, c.contentType);
      await expectRefusal(answer, c.expect, body, id, receiptOf);
      if (id) refusedIds.push(id);
    });
  }

  await check(`refusals wrote nothing: each of the ${refusedIds.length} refused ids is accepted afterwards`, async () => {
    for (const id of refusedIds) {
      const { env, jws, answer } = await sendValid({ id });
      const r = await receiptOf(answer, jws, env.id);
      assert(r.status === 'accepted', `id ${id}: ${r.status}`);
    }
  });

  await check('a message signed now is still accepted (clock within 300 s of ours)', async () => {
    const jws = await signedMessage(ctx, { id: uuidv7() });
    const answer = await post(jws);
    assert(answer.status === 200, `status ${answer.status}`);
  });

  return results;
}

async function expectRefusal(
  answer: Answer,
  expect: Expectation,
  sent: string,
  id: string | undefined,
  receiptOf: (a: Answer, sent: string, id: string) => Promise<FederationReceipt>,
): Promise<void> {
  if ('anyRejection' in expect) {
    assert(answer.status >= 400 && answer.status < 500, `status ${answer.status}, expected a 4xx refusal`);
    if (answer.contentType.startsWith('application/jose') && id) {
      const r = await receiptOf(answer, sent, id);
      assert(r.status === 'rejected', `receipt status ${r.status}`);
    } else assert(answer.contentType.startsWith('application/problem+json') || answer.contentType.startsWith('application/jose'), `content type ${answer.contentType}`);
    return;
  }
  assert(answer.status === expect.status, `status ${answer.status}, expected ${expect.status}: ${answer.text.slice(0, 300)}`);
  if ('reason' in expect) {
    assert(id, 'case has no id');
    const r = await receiptOf(answer, sent, id);
    assert(r.status === 'rejected', `receipt status ${r.status}`);
    assert(r.reason === (expect.reason satisfies FederationRejectReason), `reason ${r.reason ?? '(none)'}, expected ${expect.reason}`);
    return;
  }
  assert(answer.contentType.startsWith('application/problem+json'), `content type ${answer.contentType}, expected problem details`);
  const problem = JSON.parse(answer.text) as { code?: string; status?: number };
  assert(problem.code === expect.problem, `problem code ${problem.code ?? '(none)'}, expected ${expect.problem}`);
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VerificationCache } from './verification-cache.ts';

/** A load the test resolves by hand, counting calls. */
function manualLoad() {
  const calls: ((v: { json: string; cacheable: boolean }) => void)[] = [];
  const load = () => new Promise<{ json: string; cacheable: boolean }>((resolve) => calls.push(resolve));
  return { load, calls };
}

test('concurrent misses share one load (single-flight) and the answer is then served from memory', async () => {
  const cache = new VerificationCache(2_000, 10, () => 0);
  const { load, calls } = manualLoad();
  const a = cache.get('EG-1', load);
  const b = cache.get('EG-1', load);
  assert.equal(calls.length, 1);
  calls[0]!({ json: '"v1"', cacheable: true });
  assert.deepEqual(await Promise.all([a, b]), ['"v1"', '"v1"']);
  assert.equal(await cache.get('EG-1', () => Promise.reject(new Error('must not load'))), '"v1"');
});

test('a stale entry is answered at once and refreshed once in the background', async () => {
  let now = 0;
  const cache = new VerificationCache(2_000, 10, () => now);
  await cache.get('EG-1', () => Promise.resolve({ json: '"v1"', cacheable: true }));
  now = 2_001;
  const { load, calls } = manualLoad();
  assert.equal(await cache.get('EG-1', load), '"v1"');
  assert.equal(await cache.get('EG-1', load), '"v1"');
  assert.equal(calls.length, 1, 'one refresh for two stale reads');
  calls[0]!({ json: '"v2"', cacheable: true });
  await new Promise((r) => setImmediate(r));
  assert.equal(await cache.get('EG-1', () => Promise.reject(new Error('fresh again'))), '"v2"');
});

test('unknown codes are never cached; an invalidation drops the entry and a load started before it does not store its answer', async () => {
  const cache = new VerificationCache(2_000, 10, () => 0);
  let loads = 0;
  const notFound = () => Promise.resolve({ json: '"nf"', cacheable: (loads++, false) });
  await cache.get('EG-X', notFound);
  await cache.get('EG-X', notFound);
  assert.equal(loads, 2);

  const { load, calls } = manualLoad();
  const pending = cache.get('EG-2', load);
  cache.invalidate('EG-2');
  calls[0]!({ json: '"old"', cacheable: true });
  assert.equal(await pending, '"old"');
  assert.equal(await cache.get('EG-2', () => Promise.resolve({ json: '"new"', cacheable: true })), '"new"');
});

test('a failed refresh keeps the stale answer; a failed first load reaches the caller', async () => {
  let now = 0;
  const cache = new VerificationCache(2_000, 10, () => now);
  await assert.rejects(cache.get('EG-3', () => Promise.reject(new Error('db down'))), /db down/);
  await cache.get('EG-3', () => Promise.resolve({ json: '"v1"', cacheable: true }));
  now = 5_000;
  assert.equal(await cache.get('EG-3', () => Promise.reject(new Error('db down'))), '"v1"');
  await new Promise((r) => setImmediate(r));
  assert.equal(await cache.get('EG-3', () => Promise.resolve({ json: '"v2"', cacheable: true })), '"v1"', 'the failed refresh finished; this read starts the next one');
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { EncodedBody } from './encoded-body.ts';

const decode = (coding: string | undefined, bytes: Buffer): Buffer => (coding === 'br' ? brotliDecompressSync(bytes) : coding === 'gzip' ? gunzipSync(bytes) : bytes);
const page = Buffer.from(JSON.stringify({ lesson: { body: { ar: 'نص الدرس. '.repeat(200), en: 'Lesson text. '.repeat(200) } } }), 'utf8');

/** Content-coding negotiation of a body kept in memory (RFC 9110 §12.5.3, §8.4.1). */
describe('EncodedBody', () => {
  test("a browser's Accept-Encoding gets Brotli; q-values are honoured; no header, identity or an unknown coding gets the body as it is", () => {
    const body = new EncodedBody(page);
    assert.equal(body.for('gzip, deflate, br, zstd').coding, 'br');
    assert.equal(body.for('gzip;q=1, br;q=0.5').coding, 'gzip');
    assert.equal(body.for('br;q=0, gzip').coding, 'gzip');
    for (const header of [undefined, '', 'identity', 'deflate', 'zstd', 'br;q=0, gzip;q=0']) {
      const r = body.for(header);
      assert.equal(r.coding, undefined, String(header));
      assert.equal(r.bytes, page);
    }
  });

  test('a coding is computed once and kept; a small body is never encoded', () => {
    const body = new EncodedBody(page);
    const first = body.for('br').bytes;
    assert.equal(body.for('gzip, br').bytes, first);
    assert.ok(first.length < page.length / 4, `${first.length} B of ${page.length} B`);
    const small = new EncodedBody(Buffer.from('{"ok":true}'));
    assert.equal(small.for('br').coding, undefined);
  });

  test('property: whatever the header, the bytes decode to the body', () => {
    const coding = fc.constantFrom('br', 'gzip', 'deflate', 'identity', 'zstd', '*', 'x-unknown');
    const entry = fc.tuple(coding, fc.option(fc.constantFrom('0', '0.5', '1', '0.001'), { nil: undefined })).map(([c, q]) => (q === undefined ? c : `${c};q=${q}`));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), fc.array(entry, { maxLength: 5 }), (bytes, entries) => {
        const identity = Buffer.from(bytes);
        const r = new EncodedBody(identity).for(entries.join(', '));
        assert.deepEqual(decode(r.coding, r.bytes), identity);
      }),
      { numRuns: 200 },
    );
  });
});

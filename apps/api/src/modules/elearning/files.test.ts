import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpretRange } from './files.ts';

/**
 * interpretRange (RFC 9110 §14): what a media player's seek gets back from the lesson file route and
 * from SCORM package files, for a 10-byte file with ETag "e".
 */
describe('interpretRange (RFC 9110 §14)', () => {
  const r = (range: string | undefined, ifRange?: string, size = 10) => interpretRange(range, ifRange, '"e"', size);

  test('one range is partial; a last-byte-pos past the end is clamped to size − 1, not refused (§14.1.2)', () => {
    assert.deepEqual(r('bytes=2-5'), { kind: 'partial', start: 2, end: 5 });
    assert.deepEqual(r('bytes=2-'), { kind: 'partial', start: 2, end: 9 });
    assert.deepEqual(r('bytes=0-999999'), { kind: 'partial', start: 0, end: 9 });
    assert.deepEqual(r('bytes=9-10'), { kind: 'partial', start: 9, end: 9 });
    assert.deepEqual(r('bytes=0-99999999999999999999999'), { kind: 'partial', start: 0, end: 9 });
    assert.deepEqual(r('BYTES=1-1'), { kind: 'partial', start: 1, end: 1 });
  });

  test('a suffix range is the last n bytes, the whole file when n exceeds it', () => {
    assert.deepEqual(r('bytes=-3'), { kind: 'partial', start: 7, end: 9 });
    assert.deepEqual(r('bytes=-30'), { kind: 'partial', start: 0, end: 9 });
  });

  test('a range starting at or past the end, a zero suffix, or any range of an empty file is unsatisfiable (416)', () => {
    assert.deepEqual(r('bytes=10-'), { kind: 'unsatisfiable' });
    assert.deepEqual(r('bytes=10-20'), { kind: 'unsatisfiable' });
    assert.deepEqual(r('bytes=-0'), { kind: 'unsatisfiable' });
    assert.deepEqual(r('bytes=-5', undefined, 0), { kind: 'unsatisfiable' });
    assert.deepEqual(r('bytes=0-', undefined, 0), { kind: 'unsatisfiable' });
  });

  test('an invalid header, another unit, several ranges, or a changed If-Range give the whole file', () => {
    for (const h of [undefined, '', 'bytes=', 'bytes=-', 'bytes=5-2', 'items=0-1', 'bytes=0-1,3-4', 'bytes=a-b']) assert.deepEqual(r(h), { kind: 'full' }, String(h));
    assert.deepEqual(r('bytes=0-1', '"other"'), { kind: 'full' });
    assert.deepEqual(r('bytes=0-1', 'Tue, 01 Dec 2026 00:00:00 GMT'), { kind: 'full' });
    assert.deepEqual(r('bytes=0-1', '"e"'), { kind: 'partial', start: 0, end: 1 });
  });

  test('any answered range lies inside the file and is never empty', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.option(fc.nat(2000)), fc.option(fc.nat(2000)), (size, a, b) => {
        if (a === null && b === null) return;
        const answer = r(`bytes=${a ?? ''}-${b ?? ''}`, undefined, size);
        if (answer.kind !== 'partial') return;
        assert.ok(answer.start >= 0 && answer.start <= answer.end && answer.end < size);
      }),
    );
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { maskMobile, normalizeEgyptianMobile } from './phone.ts';

test('every common form of an Egyptian mobile normalises to E.164', () => {
  for (const form of ['01012345678', '+201012345678', '00201012345678', '٠١٠١٢٣٤٥٦٧٨', '+٢٠١٠١٢٣٤٥٦٧٨', '010 1234 5678', '010-1234-5678', '(010) 12345678']) {
    assert.equal(normalizeEgyptianMobile(form), '+201012345678', form);
  }
  for (const prefix of ['010', '011', '012', '015']) assert.equal(normalizeEgyptianMobile(`${prefix}12345678`), `+20${prefix.slice(1)}12345678`);
});

test('landlines, short numbers, foreign numbers and junk are refused', () => {
  for (const bad of ['0223456789', '0101234567', '010123456789', '+966501234567', '01312345678', 'call me', '']) {
    assert.equal(normalizeEgyptianMobile(bad), undefined, bad);
  }
});

test('property: never throws; any result is an Egyptian E.164 mobile', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 30 }), (s) => {
      const r = normalizeEgyptianMobile(s);
      if (r !== undefined) assert.match(r, /^\+201[0125]\d{8}$/);
    }),
    { numRuns: 3000 },
  );
});

test('masking shows only the start and the last three digits', () => {
  assert.equal(maskMobile('+201012345678'), '+2010•••••678');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeDigits, toArabicDigits } from './digits.ts';

test('toArabicDigits writes every ASCII digit as Arabic-Indic and nothing else', () => {
  assert.equal(toArabicDigits(2026), '٢٠٢٦');
  assert.equal(toArabicDigits('الصف 12، 3.5%'), 'الصف ١٢، ٣.٥%');
  fc.assert(
    fc.property(fc.string(), (s) => {
      const out = toArabicDigits(s);
      assert.ok(!/[0-9]/.test(out));
      // normalizeDigits undoes it for text that had no Arabic-Indic or Persian digits of its own.
      if (!/[\u0660-\u0669\u06F0-\u06F9]/.test(s)) assert.equal(normalizeDigits(out), s);
    }),
  );
});

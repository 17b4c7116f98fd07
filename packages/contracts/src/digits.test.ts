import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeDigits, parseLocaleInteger, parseLocaleNumber, parseMinorUnits, toArabicDigits } from './digits.ts';

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

test('numbers typed with the Arabic decimal separator ٫ and thousands separator ٬ parse (the worker wage field)', () => {
  assert.equal(parseLocaleNumber('١٢٥٠٠'), 12500);
  assert.equal(parseLocaleNumber('١٢٥٠٠٫٥٠'), 12500.5);
  assert.equal(parseLocaleNumber('١٢٬٥٠٠'), 12500);
  assert.equal(parseLocaleNumber('12,500.50'), 12500.5);
  assert.equal(parseLocaleNumber(' ۱۲۵۰۰ '), 12500);
  assert.equal(parseLocaleNumber('-٥'), -5);
  assert.equal(parseLocaleNumber(''), null);
  assert.equal(parseLocaleNumber('  '), null);
  // A separator not between groups of three is a typing error, never silently 125 or 12.5.
  for (const bad of ['12,5', '١٢٬٥', '1,2345', '12.', '.5', '1.2.3', '١٢٫٥٫٠', 'abc', '12 kg', '--5', '١٢٫٥٬٠٠٠']) assert.ok(Number.isNaN(parseLocaleNumber(bad)), bad);
  assert.equal(parseMinorUnits('١٢٥٠٠٫٥٠', 2), 1_250_050);
  assert.equal(parseMinorUnits('١٢٬٥٠٠', 2), 1_250_000);
  assert.equal(parseMinorUnits('0.07', 2), 7);
  assert.equal(parseMinorUnits('1.234', 3), 1234);
  assert.ok(Number.isNaN(parseMinorUnits('1.234', 2)), 'more decimals than the currency has');
  assert.equal(parseMinorUnits('', 2), null);
  assert.equal(parseLocaleInteger('١٬٠٠٠'), 1000);
  assert.ok(Number.isNaN(parseLocaleInteger('١٫٥')));
});

test('a number Intl.NumberFormat writes in ar-EG or en parses back to itself', () => {
  // n / 10^k with |n| ≤ 10^12: at most 13 significant digits, so the formatted decimal is exact.
  const value = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 3 })).map(([n, k]) => n / 10 ** k);
  fc.assert(
    fc.property(value, fc.constantFrom('ar-EG', 'en', 'ar', 'en-GB', 'de-CH'), fc.boolean(), (x, locale, grouping) => {
      const typed = new Intl.NumberFormat(locale, { maximumFractionDigits: 3, useGrouping: grouping }).format(x);
      assert.equal(parseLocaleNumber(typed), x, `${locale} ${JSON.stringify(typed)}`);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e13 }), fc.constantFrom(0, 2, 3), fc.constantFrom('ar-EG', 'en'), (minor, units, locale) => {
      const typed = new Intl.NumberFormat(locale, { minimumFractionDigits: units, maximumFractionDigits: units }).format(minor / 10 ** units);
      assert.equal(parseMinorUnits(typed, units), minor, `${locale} ${JSON.stringify(typed)}`);
    }),
  );
});

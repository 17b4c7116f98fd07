import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { GOVERNORATES, maskNationalId, nationalIdCheckDigit, normalizeDigits, parseNationalId } from './index.ts';

const TODAY = new Date('2026-11-30T00:00:00Z');

describe('national ID (domain-data.md §2)', () => {
  test('published example IDs parse, with variant-A check digits', () => {
    // Vectors from the reference notes: all satisfy variant A, including the r = 0 and r = 1 cases.
    for (const id of ['27510120200771', '28309102300111', '29805150102054', '29001010101234', '30105201501220', '29010280165195', '29001011400014', '29001018800018']) {
      const r = parseNationalId(id, TODAY);
      assert.ok(r.ok, id);
      assert.equal(r.id.checkDigitValid, true, id);
    }
  });

  test('fields: century, birth date, governorate, sex from digit 13', () => {
    const r = parseNationalId('30105201501220', TODAY);
    assert.ok(r.ok);
    assert.deepEqual({ ...r.id }, { value: '30105201501220', birthDate: '2001-05-20', governorateCode: '15', sex: 'female', checkDigitValid: true });
    const m = parseNationalId('27510120200771', TODAY);
    assert.ok(m.ok);
    assert.equal(m.id.sex, 'male');
    assert.equal(m.id.birthDate, '1975-10-12');
  });

  test('structure errors reject; a check-digit mismatch only flags', () => {
    const cases: [string, string][] = [
      ['2960417010123', 'national_id_length'],
      ['296041701012345', 'national_id_length'],
      ['2960417010123x', 'national_id_digits'],
      ['19604170101234', 'national_id_century'],
      ['29602310101234', 'national_id_birth_date'],
      ['29613010101234', 'national_id_birth_date'],
      ['30102290101234', 'national_id_birth_date'],
      ['39912310101234', 'national_id_future_birth_date'],
      ['29604172001234', 'national_id_governorate'],
      ['29604170001234', 'national_id_governorate'],
    ];
    for (const [id, error] of cases) assert.deepEqual(parseNationalId(id, TODAY), { ok: false, error }, id);
    const leap = parseNationalId('30002290101235', TODAY);
    assert.ok(leap.ok, '29 February 2000 existed');
    const flagged = parseNationalId('27510120200772', TODAY);
    assert.ok(flagged.ok);
    assert.equal(flagged.id.checkDigitValid, false);
  });

  test('Arabic-Indic digits, spaces and dashes are accepted and normalised', () => {
    const r = parseNationalId('٢٧٥ ١٠١٢-٠٢ ٠٠٧٧١', TODAY);
    assert.ok(r.ok);
    assert.equal(r.id.value, '27510120200771');
  });

  test('property: any string is either parsed or rejected with a known code, never thrown', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = parseNationalId(s, TODAY);
        if (r.ok) assert.match(r.id.value, /^\d{14}$/);
        else assert.match(r.error, /^national_id_/);
      }),
      { numRuns: 5000 },
    );
  });

  test('property: every valid date, governorate and serial builds an ID that parses back to the same fields', () => {
    const govs = GOVERNORATES.map((g) => g.code);
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-29T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...govs), fc.integer({ min: 0, max: 9999 }), (d, gov, serial) => {
        const iso = d.toISOString().slice(0, 10);
        const century = d.getUTCFullYear() >= 2000 ? '3' : '2';
        const first13 = `${century}${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${gov}${String(serial).padStart(4, '0')}`;
        const id = first13 + String(nationalIdCheckDigit(first13));
        const r = parseNationalId(id, TODAY);
        assert.ok(r.ok, id);
        assert.equal(r.id.birthDate, iso);
        assert.equal(r.id.governorateCode, gov);
        assert.equal(r.id.sex, serial % 2 === 1 ? 'male' : 'female');
        assert.equal(r.id.checkDigitValid, true);
        const arabic = id.replace(/\d/g, (x) => String.fromCharCode(0x0660 + Number(x)));
        assert.deepEqual(parseNationalId(arabic, TODAY), r);
      }),
      { numRuns: 3000 },
    );
  });

  test('property: changing one digit of a valid ID either breaks its structure or its check digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const id = '29805150102054';
        const changed = id.slice(0, pos) + String((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        const r = parseNationalId(changed, TODAY);
        if (r.ok) assert.equal(r.id.checkDigitValid, false, changed);
      }),
    );
  });

  test('masking keeps the first and last three digits only', () => {
    assert.equal(maskNationalId('27510120200771'), '2**********771');
  });
});

describe('digits', () => {
  test('property: Arabic-Indic and Persian digits map to the same ASCII digits; other text is untouched', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const arabic = s.replace(/\d/g, (x) => String.fromCharCode(0x0660 + Number(x)));
        const persian = s.replace(/\d/g, (x) => String.fromCharCode(0x06f0 + Number(x)));
        assert.equal(normalizeDigits(arabic), normalizeDigits(s));
        assert.equal(normalizeDigits(persian), normalizeDigits(s));
      }),
    );
  });
});

describe('governorates', () => {
  test('the list in contracts is the reference CSV', () => {
    const csv = readFileSync(new URL('../../../apps/api/data/reference/egypt_governorates_nid.csv', import.meta.url), 'utf8').trim().split(/\r?\n/).slice(1);
    const rows = csv.map((line) => {
      const [code, en, ar] = line.split(',');
      return { code, en, ar };
    });
    assert.deepEqual(GOVERNORATES.map((g) => ({ ...g })), rows);
  });
});

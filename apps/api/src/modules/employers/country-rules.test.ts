import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidEstablishmentNumber, normalizeMobile } from './country-rules.ts';

test('establishment numbers follow each country format', () => {
  assert.equal(isValidEstablishmentNumber('SA', '7001234567'), true);
  assert.equal(isValidEstablishmentNumber('SA', '1001234567'), false, 'SA unified numbers start with 7');
  assert.equal(isValidEstablishmentNumber('SA', '700123456'), false);
  assert.equal(isValidEstablishmentNumber('JO', '200123456'), true);
  assert.equal(isValidEstablishmentNumber('JO', '20012345'), false);
  assert.equal(isValidEstablishmentNumber('KW', '123456'), true);
});

test('mobiles are normalised to E.164 for the node country only', () => {
  assert.equal(normalizeMobile('SA', '050 123 4567'), '+966501234567');
  assert.equal(normalizeMobile('SA', '+966501234567'), '+966501234567');
  assert.equal(normalizeMobile('SA', '٠٥٠١٢٣٤٥٦٧'), '+966501234567');
  assert.equal(normalizeMobile('JO', '0791234567'), '+962791234567');
  assert.equal(normalizeMobile('SA', '0791234567'), undefined, 'a Jordanian number is not a Saudi mobile');
  assert.equal(normalizeMobile('SA', '+201012345678'), undefined, 'an Egyptian number on the Saudi node');
  assert.equal(normalizeMobile('SA', '0112345678'), undefined, 'a Riyadh landline');
});

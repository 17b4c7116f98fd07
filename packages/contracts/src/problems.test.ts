import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIELD_ERRORS, PROBLEMS } from './problems.ts';

test('every problem and field error has an Arabic and an English text, and a client-or-server status', () => {
  for (const [code, p] of Object.entries(PROBLEMS)) {
    assert.match(code, /^[a-z_]+$/);
    assert.ok(p.status >= 400 && p.status < 600, code);
    assert.match(p.ar, /[\u0600-\u06FF]/, code);
    assert.match(p.en, /^[\x20-\x7E]+$/, code);
  }
  for (const [code, f] of Object.entries(FIELD_ERRORS)) {
    assert.match(f.ar, /[\u0600-\u06FF]/, code);
    assert.ok(f.en.length > 0, code);
  }
});

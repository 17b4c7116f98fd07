import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cairoDay } from './clock.ts';

test('cairoDay: the calendar day in Cairo, summer time included, not the UTC day', () => {
  // Winter (UTC+2): 21:30 UTC is 23:30 in Cairo, the same day; 22:30 UTC is already the next day.
  assert.equal(cairoDay(new Date('2026-01-15T21:30:00Z')), '2026-01-15');
  assert.equal(cairoDay(new Date('2026-01-15T22:30:00Z')), '2026-01-16');
  // Summer (UTC+3, Egypt's daylight saving time since 2023): 21:30 UTC is 00:30 the next day in Cairo.
  assert.equal(cairoDay(new Date('2026-07-15T21:30:00Z')), '2026-07-16');
  assert.equal(cairoDay(new Date('2026-07-15T20:30:00Z')), '2026-07-15');
  // Year boundary.
  assert.equal(cairoDay(new Date('2026-12-31T22:00:00Z')), '2027-01-01');
});

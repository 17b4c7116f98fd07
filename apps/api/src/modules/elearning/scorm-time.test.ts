import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatTimespan, MAX_TIMESPAN_CS, parseTimespan } from './scorm-time.ts';

/** CMITimespan (SCORM 1.2 RTE §3.4.2): what a SCO may write as cmi.core.session_time, and the total_time it reads back. */
describe('CMITimespan HHHH:MM:SS.SS', () => {
  test('parses the forms SCOs write', () => {
    assert.equal(parseTimespan('00:00:00'), 0);
    assert.equal(parseTimespan('01:02:03.4'), 372340);
    assert.equal(parseTimespan('01:02:03.45'), 372345);
    assert.equal(parseTimespan('0001:02:03'), 372300);
    assert.equal(parseTimespan('9999:59:59.99'), MAX_TIMESPAN_CS);
    assert.equal(parseTimespan('100:00:00'), 36000000);
  });

  test('refuses anything else', () => {
    for (const bad of ['', '1:00:00', '00000:00:00', '00:60:00', '00:00:60', '00:0:00', '00:00:0', '00:00:00.', '00:00:00.123', '-01:00:00', ' 01:00:00', '01:00:00 ', 'PT1H', '01:00', '٠١:٠٠:٠٠', '01:00:00\n']) {
      assert.equal(parseTimespan(bad), null, JSON.stringify(bad));
    }
  });

  test('formats with two-digit hours and two decimals, capped at 9999:59:59.99', () => {
    assert.equal(formatTimespan(0), '00:00:00.00');
    assert.equal(formatTimespan(372340), '01:02:03.40');
    assert.equal(formatTimespan(36000000), '100:00:00.00');
    assert.equal(formatTimespan(MAX_TIMESPAN_CS + 1), '9999:59:59.99');
  });

  test('round trip: parse(format(cs)) = cs for every time the format can hold', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_TIMESPAN_CS }), (cs) => assert.equal(parseTimespan(formatTimespan(cs)), cs)));
  });

  test('round trip: format(parse(s)) is s written canonically, for every valid CMITimespan', () => {
    const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const timespan = fc.tuple(digits(2, 4), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.option(digits(1, 2))).map(([h, m, s, f]) => ({
      text: `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${f === null ? '' : `.${f}`}`,
      canonical: `${String(Number(h)).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${(f ?? '').padEnd(2, '0')}`,
    }));
    fc.assert(
      fc.property(timespan, ({ text, canonical }) => {
        const cs = parseTimespan(text);
        assert.notEqual(cs, null, text);
        assert.equal(formatTimespan(cs!), canonical);
      }),
    );
  });
});

/**
 * CMITimespan, the SCORM 1.2 time interval type (SCORM 1.2 RTE §3.4.2 "Data Types": `HHHH:MM:SS.SS`,
 * hours of 2 to 4 digits, minutes of exactly 2, seconds of exactly 2 with an optional decimal point and 1
 * or 2 more digits), used by cmi.core.session_time (written by the SCO) and cmi.core.total_time (kept by
 * the LMS, read by the SCO). Rabt keeps times as whole centiseconds (the format's resolution) in bigint
 * columns, so sums never drift.
 */

/** The largest CMITimespan, 9999:59:59.99, in centiseconds. */
export const MAX_TIMESPAN_CS = ((9999 * 60 + 59) * 60 + 59) * 100 + 99;

const TIMESPAN = /^(\d{2,4}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?$/;

/**
 * The centiseconds of a CMITimespan, or null when `value` is not one. Strict: minutes and seconds are
 * 00–59 (the RTE says minutes and seconds; 75 minutes is not a time of day's minute field), no sign, no
 * spaces, no other hour width. "00:00:00.5" is half a second.
 */
export function parseTimespan(value: string): number | null {
  const m = TIMESPAN.exec(value);
  if (!m) return null;
  const [, h, min, sec, frac = ''] = m as unknown as [string, string, string, string, string | undefined];
  return ((Number(h) * 60 + Number(min)) * 60 + Number(sec)) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * The CMITimespan of `centiseconds` (a non-negative integer): hours padded to 2 digits, always two decimals,
 * e.g. 372340 → "01:02:03.40". Above 9999:59:59.99 it is capped there (the format has no room for more).
 */
export function formatTimespan(centiseconds: number): string {
  const cs = Math.min(Math.max(0, Math.trunc(centiseconds)), MAX_TIMESPAN_CS);
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(cs / 360000);
  return `${two(hours)}:${two(Math.floor(cs / 6000) % 60)}:${two(Math.floor(cs / 100) % 60)}.${two(cs % 100)}`;
}

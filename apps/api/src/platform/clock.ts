/** The time source services use; tests pass a controllable one. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** en-CA formats a date as YYYY-MM-DD; the zone is Egypt's (the ministry's calendar day, summer time included). */
const CAIRO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Cairo', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar day (YYYY-MM-DD) in Cairo at instant `d`: the day a labour office, a testing centre and a
 * citizen in Egypt call "today" (session dates, validity periods, deadlines in days). From 22:00 or 21:00
 * UTC it is already the next day in Cairo, which a UTC date would miss.
 */
export function cairoDay(d: Date): string {
  return CAIRO_DAY.format(d);
}

const CAIRO_MINUTE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Cairo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The wall-clock time `HH:MM` (24-hour) in Cairo at instant `d`, summer time included: with `cairoDay`,
 * the local moment to compare with a Cairo-local start such as a skill-test session's `session_date` +
 * `start_time` (migration 0028).
 */
export function cairoTime(d: Date): string {
  return CAIRO_MINUTE.format(d);
}

/** Whether a Cairo-local start (`date` YYYY-MM-DD, `time` HH:MM or HH:MM:SS) is at or before instant `now` (minute precision). */
export function cairoStartReached(date: string, time: string, now: Date): boolean {
  return `${date} ${time.slice(0, 5)}` <= `${cairoDay(now)} ${cairoTime(now)}`;
}

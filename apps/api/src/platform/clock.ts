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

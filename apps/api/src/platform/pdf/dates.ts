/**
 * One way to write a calendar date on documents (PDF, /verify facts, case pages): in Arabic, Arabic-Indic digits
 * with the month name (`Intl.DateTimeFormat('ar-EG', { dateStyle: 'long' })`, e.g. «٣٠ نوفمبر ٢٠٢٦»); in English,
 * en-GB long (e.g. "30 November 2026"). Dates are civil dates (ISO 8601 `YYYY-MM-DD`), formatted in UTC so the
 * day never shifts with the server's time zone.
 */
const AR = new Intl.DateTimeFormat('ar-EG', { dateStyle: 'long', timeZone: 'UTC' });
const EN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** True for an ISO 8601 calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `YYYY-MM-DD` as `{ ar: '٣٠ نوفمبر ٢٠٢٦', en: '30 November 2026' }`. @throws RangeError when not a date. */
export function dateText(iso: string): { ar: string; en: string } {
  if (!isIsoDate(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  const d = new Date(`${iso}T00:00:00Z`);
  return { ar: AR.format(d), en: EN.format(d) };
}

const ISO_IN_TEXT = /(?<![\d٠-٩])([0-9٠-٩]{4})-([0-9٠-٩]{2})-([0-9٠-٩]{2})(?![\d٠-٩])/g;
const latin = (s: string) => s.replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660));

/**
 * A field value as shown on a document: every ISO date in it (Latin or Arabic-Indic digits, alone or inside a
 * text such as «مركز القاهرة — ٢٠٢٦-١١-٣٠») is written as `dateText` in that language; the rest is unchanged.
 */
export function displayValue(value: { ar: string; en: string }): { ar: string; en: string } {
  const swap = (text: string, lang: 'ar' | 'en') =>
    text.replace(ISO_IN_TEXT, (whole: string, y: string, m: string, d: string) => {
      const iso = latin(`${y}-${m}-${d}`);
      return isIsoDate(iso) ? dateText(iso)[lang] : whole;
    });
  return { ar: swap(value.ar, 'ar'), en: swap(value.en, 'en') };
}

/** Egypt's civil time zone (IANA tz database); Egypt observes summer time again since 2023 (+03:00). */
export const CAIRO_TIME_ZONE = 'Africa/Cairo';
const AR_DATE_CAIRO = new Intl.DateTimeFormat('ar-EG', { dateStyle: 'long', timeZone: CAIRO_TIME_ZONE });
const EN_DATE_CAIRO = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: CAIRO_TIME_ZONE });
const AR_TIME_CAIRO = new Intl.DateTimeFormat('ar-EG', { hour: 'numeric', minute: '2-digit', timeZone: CAIRO_TIME_ZONE });
const EN_TIME_CAIRO = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: CAIRO_TIME_ZONE, timeZoneName: 'longOffset' });

/**
 * An instant (RFC 3339 timestamp, e.g. a signature's time) as people read it on a document, in Cairo time
 * with the zone named: `{ ar: '٣٠ نوفمبر ٢٠٢٦، الساعة ٢:٠٥ م بتوقيت القاهرة', en: '30 November 2026, 14:05
 * Cairo time (GMT+02:00)' }` — Arabic-Indic digits and a 12-hour clock (ص/م) in Arabic, a 24-hour clock and the
 * UTC offset in force that day in English. Minutes, not seconds: the exact instant is in the signed data.
 * @throws RangeError when `iso` is not a timestamp.
 */
export function dateTimeText(iso: string): { ar: string; en: string } {
  const d = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(d.getTime())) throw new RangeError(`not an RFC 3339 timestamp: ${iso}`);
  const enParts = EN_TIME_CAIRO.formatToParts(d);
  const enTime = enParts.filter((p) => p.type === 'hour' || p.type === 'minute' || p.type === 'literal').map((p) => p.value).join('').trim();
  const offset = enParts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+02:00';
  return {
    ar: `${AR_DATE_CAIRO.format(d)}، الساعة ${AR_TIME_CAIRO.format(d)} بتوقيت القاهرة`,
    en: `${EN_DATE_CAIRO.format(d)}, ${enTime} Cairo time (${offset})`,
  };
}

const AR_CLOCK = new Intl.DateTimeFormat('ar-EG', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

/**
 * A wall-clock time `HH:MM` (24-hour, e.g. a test session's start in Cairo) as people read it: Arabic-Indic
 * digits and ص/م in Arabic («٩:٠٠ ص»), 24-hour in English ("09:00"). @throws RangeError when not `HH:MM`.
 */
export function clockText(hhmm: string): { ar: string; en: string } {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) throw new RangeError(`not a time of day: ${hhmm}`);
  return { ar: AR_CLOCK.format(new Date(`1970-01-01T${hhmm}:00Z`)), en: hhmm };
}

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

/**
 * Digit normalisation shared by the web app and the API.
 *
 * Arabic-Indic (U+0660–U+0669) and Extended Arabic-Indic / Persian (U+06F0–U+06F9) digits are
 * mapped to ASCII 0–9 so that every numeric input accepts what an Arabic keyboard types.
 * Source: Unicode Standard, chapter 9.2 (Arabic), "Digits".
 */
export function normalizeDigits(input: string): string {
  return input.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/**
 * The inverse for display: every ASCII digit 0–9 of `input` (a string or a number's decimal form) written as
 * its Arabic-Indic digit (U+0660–U+0669), as Arabic text shows numbers; other characters unchanged.
 * Source: Unicode Standard, chapter 9.2 (Arabic), "Digits".
 */
export function toArabicDigits(input: string | number): string {
  return String(input).replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}

// Bidirectional marks Intl and Arabic keyboards put around numbers (LRM, RLM, ALM); they carry no value.
const BIDI_MARKS = /[\u200E\u200F\u061C]/g;
// Digit-group separators: Arabic thousands separator (U+066C), Latin comma, apostrophe, and the spaces
// CLDR uses for grouping (space, no-break space, narrow no-break space, thin space).
const GROUP = "[\u066C,'\u0020\u00A0\u202F\u2009]";
const NUMBER = new RegExp(`^([-\u2212+]?)(\\d{1,3}(?:${GROUP}\\d{3})+|\\d+)(?:[.\u066B](\\d+))?$`);

/**
 * Parses a number as a person types it or as `Intl.NumberFormat` writes it, in Arabic or Latin:
 * - digits: ASCII, Arabic-Indic (U+0660–U+0669) or Persian (U+06F0–U+06F9);
 * - decimal point: `.` or the Arabic decimal separator `٫` (U+066B);
 * - digit grouping: the Arabic thousands separator `٬` (U+066C), `,`, `'` or a space, only between groups of
 *   three digits (so `12,5` is refused, never read as 125 or 12.5);
 * - sign: a leading `-`, `−` (U+2212) or `+`; bidirectional marks (U+200E, U+200F, U+061C) are ignored.
 * Returns `{ sign, whole, fraction }` as ASCII digit strings (no grouping), or null when the text is not a number.
 * Source: Unicode Standard ch. 9.2 (Arabic digits and separators); CLDR number symbols for `ar-EG` and `en`.
 */
function splitNumber(input: string): { negative: boolean; whole: string; fraction: string } | null {
  const m = NUMBER.exec(normalizeDigits(input.replace(BIDI_MARKS, '')).trim());
  if (!m) return null;
  return { negative: m[1] === '-' || m[1] === '\u2212', whole: (m[2] ?? '').replace(/\D/g, ''), fraction: m[3] ?? '' };
}

/**
 * A number typed in any of the forms `splitNumber` above accepts, as a JavaScript number:
 * `'١٢٬٥٠٠٫٥٠'` → 12500.5, `'12,500.50'` → 12500.5, `'-٥'` → -5. Null when the input is empty (only spaces);
 * NaN when it is not a number, so a form can send the raw text and let the API name the field.
 */
export function parseLocaleNumber(input: string): number | null {
  if (input.replace(BIDI_MARKS, '').trim() === '') return null;
  const p = splitNumber(input);
  if (!p) return NaN;
  const n = Number(`${p.whole}${p.fraction ? `.${p.fraction}` : ''}`);
  return p.negative ? -n : n;
}

/** A whole number typed in any accepted form (`'١٢٬٥٠٠'` → 12500); null when empty, NaN when not a whole number. */
export function parseLocaleInteger(input: string): number | null {
  const n = parseLocaleNumber(input);
  return n === null || Number.isInteger(n) ? n : NaN;
}

/**
 * An amount typed in major units (any accepted form) as integer minor units (ISO 4217 exponent `minorUnits`,
 * e.g. 2 for SAR: `'١٢٥٠٠٫٥٠'` → 1250050), computed on the digits, never through floating point.
 * Null when empty; NaN when not a number or when it has more decimals than the currency has minor units.
 * Beyond Number.MAX_SAFE_INTEGER the result is approximate, and far outside any range the API accepts (so the
 * API answers with its maximum, not with a type error).
 */
export function parseMinorUnits(input: string, minorUnits: number): number | null {
  if (input.replace(BIDI_MARKS, '').trim() === '') return null;
  const p = splitNumber(input);
  if (!p || p.fraction.length > minorUnits) return NaN;
  const n = Number(`${p.whole}${p.fraction.padEnd(minorUnits, '0')}`);
  return p.negative && n !== 0 ? -n : n;
}

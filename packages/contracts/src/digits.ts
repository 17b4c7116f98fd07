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

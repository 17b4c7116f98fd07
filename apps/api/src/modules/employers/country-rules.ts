import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { normalizeDigits } from '@rabt/contracts';

/**
 * Establishment-number formats of the partner ministries, after digit normalisation:
 * - SA: the 10-digit unified national number (الرقم الوطني الموحد) of an establishment, which starts with 7
 *   (Ministry of Commerce / MHRSD; the number Qiwa shows);
 * - JO: the 9-digit national establishment number (الرقم الوطني للمنشأة) of the Companies Control Department.
 * Other Arab League countries: 5–15 digits until their ministries tell us their format.
 */
const ESTABLISHMENT_FORMATS: Record<string, RegExp> = {
  SA: /^7\d{9}$/,
  JO: /^\d{9}$/,
};
const FALLBACK_FORMAT = /^\d{5,15}$/;

export function isValidEstablishmentNumber(country: string, normalized: string): boolean {
  return (ESTABLISHMENT_FORMATS[country] ?? FALLBACK_FORMAT).test(normalized);
}

/**
 * A mobile number of `country` typed in any common form (national, +country code, 00 prefix,
 * Arabic-Indic digits, spaces) as E.164, or undefined when it is not a valid mobile number of that
 * country (libphonenumber metadata; ITU-T E.164).
 */
export function normalizeMobile(country: string, input: string): string | undefined {
  const cleaned = normalizeDigits(input).replace(/[\s\-().]/g, '');
  const parsed = parsePhoneNumberFromString(cleaned, country as CountryCode);
  if (!parsed || parsed.country !== country || !parsed.isValid()) return undefined;
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return undefined;
  return parsed.number;
}

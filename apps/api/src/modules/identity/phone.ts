import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalizeDigits } from '@rabt/contracts';

/**
 * Normalises an Egyptian mobile number typed in any common form — `01012345678`, `+20 101 234 5678`,
 * `00201012345678`, Arabic-Indic digits, spaces or dashes — to E.164 (`+201012345678`).
 * Returns undefined when it is not a valid Egyptian mobile number (ITU-T E.164; numbering plan
 * metadata from libphonenumber). Carriers are not inferred: Egypt has number portability.
 */
export function normalizeEgyptianMobile(input: string): string | undefined {
  const cleaned = normalizeDigits(input).replace(/[\s\-().]/g, '');
  const parsed = parsePhoneNumberFromString(cleaned, 'EG');
  if (!parsed || parsed.country !== 'EG' || !parsed.isValid() || parsed.getType() !== 'MOBILE') return undefined;
  return parsed.number;
}

/** `+2010•••••678`: enough for the owner to recognise, not enough to reuse. */
export function maskMobile(e164: string): string {
  return `${e164.slice(0, 5)}${'•'.repeat(Math.max(0, e164.length - 8))}${e164.slice(-3)}`;
}

import { normalizeDigits } from './digits.ts';
import { isNationalIdGovernorateCode, type GovernorateCode } from './governorates.ts';

/**
 * Egyptian 14-digit national ID: `C YYMMDD GG SSSS X`.
 *
 * Source: `shared/reference/domain-data.md` §2 (layout agreed by four independent validators).
 * - C: century, 2 → 1900s, 3 → 2000s.
 * - YYMMDD: date of birth, a real calendar date, not in the future.
 * - GG: governorate code (27 governorates, or 88 for born abroad).
 * - SSSS: serial; its last digit (digit 13 of the ID) is odd for male, even for female.
 * - X: check digit. No official algorithm is published, so a mismatch under "variant A"
 *   (weights 2,7,6,5,4,3,2,7,6,5,4,3,2; r = Σ mod 11; X = (11 − r) mod 10) only flags the
 *   record for manual review; it never rejects.
 */
export type NationalIdError =
  | 'national_id_length'
  | 'national_id_digits'
  | 'national_id_century'
  | 'national_id_birth_date'
  | 'national_id_future_birth_date'
  | 'national_id_governorate';

export interface ParsedNationalId {
  /** The 14 ASCII digits. */
  value: string;
  /** Date of birth as `YYYY-MM-DD`. */
  birthDate: string;
  governorateCode: GovernorateCode;
  sex: 'male' | 'female';
  /** False when the check digit disagrees with variant A: flag for manual review. */
  checkDigitValid: boolean;
}

export type NationalIdResult = { ok: true; id: ParsedNationalId } | { ok: false; error: NationalIdError };

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** The expected check digit (variant A, domain-data.md §2) for the first 13 digits. */
export function nationalIdCheckDigit(first13: string): number {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += WEIGHTS[i]! * Number(first13[i]);
  return (11 - (sum % 11)) % 10;
}

/**
 * Parses and validates a national ID typed in any form: ASCII or Arabic-Indic digits, with spaces
 * or dashes between groups. `today` (UTC) bounds the birth date; it defaults to now.
 */
export function parseNationalId(input: string, today: Date = new Date()): NationalIdResult {
  const value = normalizeDigits(input).replace(/[\s-]/g, '');
  if (!/^\d*$/.test(value)) return { ok: false, error: 'national_id_digits' };
  if (value.length !== 14) return { ok: false, error: 'national_id_length' };
  const century = value[0] === '2' ? 1900 : value[0] === '3' ? 2000 : undefined;
  if (century === undefined) return { ok: false, error: 'national_id_century' };
  const year = century + Number(value.slice(1, 3));
  const month = Number(value.slice(3, 5));
  const day = Number(value.slice(5, 7));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) {
    return { ok: false, error: 'national_id_birth_date' };
  }
  if (birth.getTime() > today.getTime()) return { ok: false, error: 'national_id_future_birth_date' };
  const governorateCode = value.slice(7, 9);
  if (!isNationalIdGovernorateCode(governorateCode)) return { ok: false, error: 'national_id_governorate' };
  return {
    ok: true,
    id: {
      value,
      birthDate: birth.toISOString().slice(0, 10),
      governorateCode,
      sex: Number(value[12]) % 2 === 1 ? 'male' : 'female',
      checkDigitValid: nationalIdCheckDigit(value) === Number(value[13]),
    },
  };
}

/** Masks a national ID for display (`2**********771`): never log or show the full number. */
export function maskNationalId(value: string): string {
  return `${value.slice(0, 1)}${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-3)}`;
}

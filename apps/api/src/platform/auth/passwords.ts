import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { normalizeDigits } from '@rabt/contracts';
import { invalidField } from '../../http/errors.ts';

// argon2id with the OWASP Password Storage Cheat Sheet minimum (m=19 MiB, t=2, p=1); ASVS 11.4.2.
// The library's default algorithm is argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const COMMON = new Set<string>(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/**
 * Rejects a password that is on the common-password list (the 49,233 most common passwords shipped
 * by @zxcvbn-ts/language-common), compared case-insensitively and with Arabic-Indic digits folded.
 * Length (8–128) is checked by the request schema. Source: OWASP ASVS 5.0 6.2.1, 6.2.9, 6.2.12.
 * Throws `validation_failed` with `password_common` at `pointer`.
 */
export function assertPasswordAcceptable(password: string, pointer = '/password'): void {
  if (COMMON.has(normalizeDigits(password).toLowerCase())) invalidField(pointer, 'password_common');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the account does not exist, so timing does not reveal it. */
export const DUMMY_HASH = await hashPassword(`dummy-${Math.random()}`);

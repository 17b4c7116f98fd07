/**
 * Shared pieces of every signed document (issue 4 §4): the digest, the salt, the public verification code
 * and name masking.
 */
import { createHash, randomBytes } from 'node:crypto';

/** base64url SHA-256 (FIPS 180-4) of the bytes. */
export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** A fresh 128-bit salt (base64url, 22 characters). */
export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A new verification code for `country` (60 random bits). */
export function newVerificationCode(country: string): string {
  const bytes = randomBytes(8);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let chars = '';
  for (let i = 0; i < 12; i++) chars += CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)];
  return `${country}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** "محمود حسن علي" → "محمود ح. ع."; "Mahmoud Hassan Ali" → "Mahmoud H. A.": enough to match a paper, not to identify. */
export function maskName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return parts[0] ?? '';
  return [parts[0], ...parts.slice(1).map((p) => `${[...p][0]}.`)].join(' ');
}

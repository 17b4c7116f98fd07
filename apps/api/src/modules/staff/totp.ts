import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP: SHA-1, 6 digits, 30-second steps, ±1 step of clock drift (otpauth library). */
const PERIOD_S = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: 'Rabt', label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) });
}

/**
 * The RFC 6238 time step a code matches at `now` (±1 step), or undefined. Callers reject a step at or
 * below the last accepted one, so each code works once (ASVS 6.5.1).
 */
export function matchTotpStep(secretBase32: string, token: string, now: Date): number | undefined {
  const delta = totpFor(secretBase32, 'x').validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
}

/** The current code (development page and tests only). */
export function currentTotp(secretBase32: string, now: Date): string {
  return totpFor(secretBase32, 'x').generate({ timestamp: now.getTime() });
}

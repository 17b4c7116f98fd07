import { nationalIdCheckDigit } from '@rabt/contracts';
import { currentTotp } from '../modules/staff/totp.ts';
import { DEMO_STAFF_DOMAIN, DEMO_STAFF_PASSWORD } from '../platform/db/seed.ts';
import type { TestClient } from './test-client.ts';
import type { TestNode } from './test-node.ts';

let serial = Math.floor(Math.random() * 5000);

/** A structurally valid national ID with a matching check digit (variant A) unless `badCheckDigit`. */
export function makeNationalId(options: { birth?: string; governorate?: string; sex?: 'male' | 'female'; badCheckDigit?: boolean } = {}): string {
  const [y, m, d] = (options.birth ?? '1996-04-17').split('-');
  const century = Number(y) >= 2000 ? '3' : '2';
  serial = (serial + 1) % 5000;
  // Digit 13 (the serial's last digit) is odd for male, even for female.
  const s = String(serial * 2 + ((options.sex ?? 'male') === 'male' ? 1 : 0)).padStart(4, '0');
  const first13 = `${century}${y!.slice(2)}${m}${d}${options.governorate ?? '01'}${s}`;
  const check = nationalIdCheckDigit(first13);
  return first13 + String(options.badCheckDigit ? (check + 1) % 10 : check);
}

let mobileCounter = Math.floor(Math.random() * 1_000_000);
/** A unique valid Egyptian mobile in national form (010…). */
export function makeMobile(): string {
  mobileCounter = (mobileCounter + 7919) % 100_000_000;
  return `010${String(mobileCounter).padStart(8, '0')}`;
}

export const VALID_PASSWORD = 'Nile-river-2026';

export function registrationBody(overrides: Record<string, unknown> = {}) {
  return { nationalId: makeNationalId(), nameAr: 'محمد أحمد علي', nameLatin: 'Mohamed Ahmed Ali', mobile: makeMobile(), password: VALID_PASSWORD, ...overrides };
}

/** The last code sent to `e164` through the development outbox. */
export async function lastCodeSentTo(t: TestNode, e164: string): Promise<string> {
  const row = await t.node.database.db.selectFrom('notification_outbox').select('body_en').where('recipient', '=', e164).orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
  const m = /(\d{6})/.exec(row.body_en);
  if (!m) throw new Error('no code in message');
  return m[1]!;
}

export function toE164(national: string): string {
  return `+20${national.slice(1)}`;
}

/** Registers and confirms a citizen; the client ends signed in. Returns the account id and credentials. */
export async function registerCitizen(t: TestNode, client: TestClient, overrides: Record<string, unknown> = {}) {
  const body = registrationBody(overrides);
  const res = await client.post('/api/v1/citizens', body);
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.body}`);
  const { accountId } = res.json<{ accountId: string }>();
  const code = await lastCodeSentTo(t, toE164(String(body.mobile)));
  const verified = await client.post('/api/v1/citizens/verify-mobile', { accountId, code });
  if (verified.statusCode !== 200) throw new Error(`verification failed: ${verified.body}`);
  return { accountId, nationalId: String(body.nationalId), password: String(body.password), mobile: String(body.mobile) };
}

export type DemoStaff = 'hq.admin' | 'auditor' | 'cairo.manager' | 'nasr.head' | 'nasr.clerk' | 'giza.clerk' | 'overseas.officer' | 'overseas.officer2' | 'trainer' | 'centre.manager' | 'training.hq';

export function demoEmail(local: DemoStaff): string {
  return `${local}@${DEMO_STAFF_DOMAIN}`;
}

/** The current TOTP code of a staff account (moves the test clock one step first, as codes are single-use). */
export async function totpFor(t: TestNode, email: string): Promise<string> {
  t.clock.advance(30_000);
  const row = await t.node.database.db.selectFrom('staff').select('totp_secret').where('email', '=', email).executeTakeFirstOrThrow();
  return currentTotp(row.totp_secret, t.clock.now());
}

/** Signs a demo staff member in on `client`. */
export async function signInStaff(t: TestNode, client: TestClient, local: DemoStaff, password = DEMO_STAFF_PASSWORD): Promise<void> {
  const email = demoEmail(local);
  const res = await client.post('/api/v1/session/staff', { email, password, totp: await totpFor(t, email) });
  if (res.statusCode !== 200) throw new Error(`staff sign-in failed: ${res.body}`);
}

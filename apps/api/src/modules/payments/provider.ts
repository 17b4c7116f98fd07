import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../http/errors.ts';

/**
 * The online payment provider interface (issue 5 §6). A provider opens a checkout for an application's
 * fee and later calls back (`POST /webhooks/payments/<provider>`) with a signed result. Real providers
 * (card acquirers, Fawry, ...) implement this; the repository ships only the local fake one.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Starts a checkout for `amountPiastres`; the citizen is sent to `redirectUrl`. */
  createCheckout(application: { id: string; reference: string }, amountPiastres: number): Promise<{ redirectUrl: string; providerRef: string }>;
  /**
   * Verifies a callback's signature over the raw body and returns what it reports. Throws 401
   * `payment_signature_invalid` when unsigned, wrongly signed or stale (replayed later than the tolerance),
   * 400 `validation_failed` for an unreadable body.
   */
  verifyCallback(headers: Record<string, string | string[] | undefined>, rawBody: string): { providerRef: string; status: 'paid' | 'failed'; eventId: string };
}

export const SIGNATURE_HEADER = 'x-rabt-signature';
/** Callbacks older (or newer) than this are refused as replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` — the scheme of the fake provider (Stripe-style). */
export function signCallback(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const mac = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return `t=${t},v1=${mac}`;
}

/** Checks a `t=…,v1=…` signature in constant time and within the tolerance; throws `payment_signature_invalid`. */
export function verifySignature(secret: string, header: string | string[] | undefined, rawBody: string, now: Date): void {
  const refuse = (detail: string) => new AppError('payment_signature_invalid', { detail });
  if (typeof header !== 'string') throw refuse('Missing signature.');
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) throw refuse('Malformed signature.');
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) throw refuse('Stale signature (replay).');
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const got = Buffer.from(given, 'hex');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw refuse('Bad signature.');
}

/**
 * The local fake provider (development and tests): the checkout is the page `/dev/pay/<ref>` of this
 * node, where the citizen clicks Pay; the node then posts itself a callback signed exactly as a real
 * provider would (PAYMENTS_WEBHOOK_SECRET), through the same verification.
 */
export function fakeProvider(options: { secret: string; clock: () => Date }): PaymentProvider {
  return {
    name: 'fake',
    createCheckout() {
      const providerRef = `fake_${randomBytes(16).toString('hex')}`;
      return Promise.resolve({ providerRef, redirectUrl: `/dev/pay/${providerRef}` });
    },
    verifyCallback(headers, rawBody) {
      verifySignature(options.secret, headers[SIGNATURE_HEADER], rawBody, options.clock());
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new AppError('malformed_json');
      }
      const b = body as { providerRef?: unknown; status?: unknown; eventId?: unknown };
      if (typeof b.providerRef !== 'string' || (b.status !== 'paid' && b.status !== 'failed') || typeof b.eventId !== 'string') throw new AppError('validation_failed');
      return { providerRef: b.providerRef, status: b.status, eventId: b.eventId };
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../../http/context.ts';
import { fakeProvider } from './provider.ts';
import type { PaymentsDeps } from './payments.service.ts';

const generated = new WeakMap<object, string>();

/**
 * Payments dependencies of a node: the configured provider (only the local fake one ships) and the
 * callback secret (PAYMENTS_WEBHOOK_SECRET; when unset, a random secret per node process, which is
 * enough for the fake provider since it calls back into the same process).
 */
export function paymentsDeps(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): PaymentsDeps {
  let secret = deps.config.payments.webhookSecret ?? generated.get(deps.config);
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    generated.set(deps.config, secret);
  }
  return { db: deps.db, clock: deps.clock, provider: fakeProvider({ secret, clock: deps.clock }), webhookSecret: secret };
}

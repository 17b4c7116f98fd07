import type { WorkerDeps } from './workers.service.ts';
import { demoAutoAttest } from './workers.seed.ts';
import { invitationSms, onInvitationSent, onJobOrderSubmitted, onProfileViewed } from './job-orders.service.ts';

/**
 * Federation v1 messages the Egyptian node handles for the exchange. Each runs inside the inbox
 * transaction of a verified, non-duplicate, non-stale message; throwing rejects the message (negative
 * receipt, nothing applied).
 */
const registered = new WeakSet<object>();

/** Registers the handlers once per Federation instance (an app may be built twice over one node's deps). */
export function registerWorkerHandlers(deps: WorkerDeps): void {
  if (registered.has(deps.federation)) return;
  registered.add(deps.federation);
  deps.federation.on('job_order.submitted', async (trx, message) => {
    const now = deps.clock();
    await onJobOrderSubmitted(trx, message, now);
    await demoAutoAttest(trx, deps, message.body, now);
  });
  deps.federation.on('profile.viewed', (trx, message) => onProfileViewed(trx, message));
  deps.federation.on('invitation.sent', async (trx, message) => {
    const sms = await onInvitationSent(trx, message, deps.clock());
    if (sms) {
      // The notifier writes through its own connection: sent once the inbox transaction has released
      // this one (PGlite has a single connection), never awaited inside it. A lost SMS loses no data:
      // the invitation is on the worker's Invitations page.
      void deps.notifier.send({ channel: 'sms', to: sms.mobile, ...invitationSms(sms.employer, message.from) }).catch(() => undefined);
    }
  });
}

import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A message to a citizen or staff member, always in both languages. */
export interface Notification {
  channel: 'sms' | 'email';
  /** E.164 mobile for `sms`, an address for `email`. */
  to: string;
  bodyAr: string;
  bodyEn: string;
}

/** Where notifications go. Implementations must not log the recipient or the body. */
export interface Notifier {
  send(message: Notification): Promise<void>;
}

/**
 * Development transport: stores messages in `notification_outbox`, which a developer reads at
 * `/dev/outbox` (only served when DEV_TOOLS is on).
 */
export function outboxNotifier(db: Kysely<DB>, clock: () => Date): Notifier {
  return {
    async send(m) {
      await db
        .insertInto('notification_outbox')
        .values({ id: randomUUID(), channel: m.channel, recipient: m.to, body_ar: m.bodyAr, body_en: m.bodyEn, created_at: clock() })
        .execute();
    },
  };
}

/**
 * SMTP transport (nodemailer). SMS go through an email-to-SMS gateway: `<digits>@SMS_EMAIL_GATEWAY_DOMAIN`.
 * Arabic first, English below, in one plain-text body.
 */
export function smtpNotifier(options: { url: string; from: string; smsGatewayDomain: string | undefined }): Notifier {
  const transport = nodemailer.createTransport(options.url);
  return {
    async send(m) {
      const to = m.channel === 'sms' ? `${m.to.replace(/^\+/, '')}@${options.smsGatewayDomain ?? 'sms.invalid'}` : m.to;
      await transport.sendMail({ from: options.from, to, subject: 'Rabt | ربط', text: `${m.bodyAr}\n\n${m.bodyEn}` });
    },
  };
}

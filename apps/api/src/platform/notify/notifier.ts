import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A message to a citizen or staff member, always in both languages. */
export interface Notification {
  channel: 'sms' | 'email';
  /** E.164 mobile for `sms`, an address for `email`. */
  to: string;
  /** `email` only: the subject line, Arabic first (SMS have none). */
  subject?: { ar: string; en: string };
  bodyAr: string;
  bodyEn: string;
}

/** Where notifications go. Implementations must not log the recipient or the body. */
export interface Notifier {
  send(message: Notification): Promise<void>;
}

/**
 * Development transport: stores messages in `notification_outbox`, which a developer reads at
 * `/dev/outbox` (only served when DEV_TOOLS is on). An email's subject is kept as the first line of each body.
 */
export function outboxNotifier(db: Kysely<DB>, clock: () => Date): Notifier {
  return {
    async send(m) {
      const bodyAr = m.subject ? `${m.subject.ar}\n\n${m.bodyAr}` : m.bodyAr;
      const bodyEn = m.subject ? `${m.subject.en}\n\n${m.bodyEn}` : m.bodyEn;
      await db
        .insertInto('notification_outbox')
        .values({ id: randomUUID(), channel: m.channel, recipient: m.to, body_ar: bodyAr, body_en: bodyEn, created_at: clock() })
        .execute();
    },
  };
}

/**
 * One notifier in front of a transport per channel: SMS to `sms`, email to `email` (dropped when null,
 * i.e. EMAIL_TRANSPORT=off). Lets a node send email by SMTP while SMS stay in the development outbox, or
 * the other way round (configuration: NOTIFY_TRANSPORT for SMS, EMAIL_TRANSPORT for email).
 */
export function channelNotifier(transports: { sms: Notifier; email: Notifier | null }): Notifier {
  return {
    async send(m) {
      const transport = m.channel === 'sms' ? transports.sms : transports.email;
      if (transport) await transport.send(m);
    },
  };
}

/**
 * SMTP transport (nodemailer, `SMTP_URL` such as smtp://user:pass@host:587). SMS go through an
 * email-to-SMS gateway: `<digits>@SMS_EMAIL_GATEWAY_DOMAIN`. Arabic first, English below, in one
 * plain-text UTF-8 body; an email's subject is "Arabic | English".
 */
export function smtpNotifier(options: { url: string; from: string; smsGatewayDomain: string | undefined }): Notifier {
  const transport = nodemailer.createTransport(options.url);
  return {
    async send(m) {
      const to = m.channel === 'sms' ? `${m.to.replace(/^\+/, '')}@${options.smsGatewayDomain ?? 'sms.invalid'}` : m.to;
      const subject = m.subject ? `${m.subject.ar} | ${m.subject.en}` : 'Rabt | ربط';
      await transport.sendMail({ from: options.from, to, subject, text: `${m.bodyAr}\n\n${m.bodyEn}` });
    },
  };
}

import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Config } from '../../platform/config.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { Bilingual } from './definitions.ts';
import { clockText, dateText } from '../../platform/pdf/dates.ts';

/** Office actions the applicant is told about by SMS, and by email when they gave an address (issue 5 §9). */
export type NotifiedAction = 'info_requested' | 'step_approved' | 'rejected' | 'issued' | 'document_revoked' | 'transferred';

const NOTIFIED = new Set<string>(['info_requested', 'step_approved', 'rejected', 'issued', 'document_revoked', 'transferred']);

/**
 * The SMS text (Arabic and English) for an office action on application `reference`. No personal data beyond the
 * reference. `office` is the office now handling the case (named in the transfer message).
 */
export function applicationSms(action: NotifiedAction, reference: string, service: Bilingual, office?: Bilingual): { bodyAr: string; bodyEn: string } {
  switch (action) {
    case 'transferred':
      return {
        bodyAr: `ربط: حُوّل طلبك ${reference} (${service.ar}) إلى ${office?.ar ?? 'مكتب عمل آخر'}، وهو الذي يتابعه الآن.`,
        bodyEn: `Rabt: your application ${reference} (${service.en}) was transferred to ${office?.en ?? 'another labour office'}, which now handles it.`,
      };
    case 'info_requested':
      return {
        bodyAr: `ربط: طلب مكتب العمل معلومات أو مستندات إضافية لطلبك ${reference} (${service.ar}). افتح الطلب في حسابك للرد.`,
        bodyEn: `Rabt: the labour office asks for more information or documents on your application ${reference} (${service.en}). Open it in your account to answer.`,
      };
    case 'step_approved':
      return {
        bodyAr: `ربط: وافق مكتب العمل على طلبك ${reference} (${service.ar}) وأحاله إلى المرحلة التالية.`,
        bodyEn: `Rabt: the labour office approved your application ${reference} (${service.en}) and passed it to the next step.`,
      };
    case 'rejected':
      return {
        bodyAr: `ربط: رُفض طلبك ${reference} (${service.ar}). السبب مكتوب في الطلب في حسابك.`,
        bodyEn: `Rabt: your application ${reference} (${service.en}) was rejected. The reason is on the application in your account.`,
      };
    case 'issued':
      return {
        bodyAr: `ربط: صدرت وثيقتك لطلب ${reference} (${service.ar}). نزّلها من حسابك؛ ويمكن لأي أحد التحقق منها برمز QR.`,
        bodyEn: `Rabt: your document for application ${reference} (${service.en}) is issued. Download it from your account; anyone can verify it by its QR code.`,
      };
    case 'document_revoked':
      return {
        bodyAr: `ربط: ألغى مكتب العمل الوثيقة الصادرة لطلبك ${reference} (${service.ar}). لم تعد سارية؛ السبب مكتوب في الطلب في حسابك.`,
        bodyEn: `Rabt: the labour office cancelled the document issued on your application ${reference} (${service.en}). It is no longer valid; the reason is on the application in your account.`,
      };
  }
}

/**
 * The email for an office action (issue 5 §9): the same message as the SMS, with a link to the
 * application and a subject line; Arabic first, English below (the SMTP transport puts the English body
 * under the Arabic one). No personal data beyond the reference.
 */
export function applicationEmail(action: NotifiedAction, reference: string, service: Bilingual, link: string, office?: Bilingual): { subject: Bilingual; bodyAr: string; bodyEn: string } {
  const sms = applicationSms(action, reference, service, office);
  const subjects: Record<NotifiedAction, Bilingual> = {
    info_requested: { ar: `مطلوب معلومات لطلبك ${reference}`, en: `Information needed on your application ${reference}` },
    step_approved: { ar: `تقدّم طلبك ${reference} إلى المرحلة التالية`, en: `Your application ${reference} moved to the next step` },
    rejected: { ar: `قرار في طلبك ${reference}: رُفض`, en: `Decision on your application ${reference}: rejected` },
    issued: { ar: `صدرت وثيقتك: ${reference}`, en: `Your document is issued: ${reference}` },
    document_revoked: { ar: `أُلغيت وثيقتك: ${reference}`, en: `Your document was cancelled: ${reference}` },
    transferred: { ar: `حُوّل طلبك ${reference} إلى مكتب آخر`, en: `Your application ${reference} moved to another office` },
  };
  // The SMS's "Rabt: " prefix becomes the subject; the English sentence then starts with a capital.
  const strip = (t: string) => t.replace(/^(ربط|Rabt): (.)/, (_m, _p: string, first: string) => first.toUpperCase());
  return {
    subject: { ar: `ربط — ${subjects[action].ar}`, en: `Rabt — ${subjects[action].en}` },
    bodyAr: `${strip(sms.bodyAr)}\n\nافتح الطلب: ${link}\n\nرسالة آلية من منصة ربط، وزارة العمل. لا تردّ عليها؛ راسل المكتب من صفحة الطلب.`,
    bodyEn: `${strip(sms.bodyEn)}\n\nOpen the application: ${link}\n\nAn automatic message from Rabt, Ministry of Labour. Do not reply to it; write to the office from the application page.`,
  };
}

/** The applicant's page of an application on this node's public address. */
function applicationLink(config: Pick<Config, 'publicUrl' | 'host' | 'port'> | undefined, id: string): string {
  const base = config ? (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`).replace(/\/$/, '') : '';
  return `${base}/my-applications/${id}`;
}

/**
 * Tells the applicant about an office action, after the action's transaction has committed: an SMS to
 * the confirmed mobile and, when the citizen has given an email address (account page), the same message
 * by email. The notifier writes through its own connection (PGlite has one), so this is never awaited
 * inside a transaction, and a lost message loses nothing (the application page shows the same). Other
 * actions: nothing is sent.
 */
export function notifyApplicant(deps: { db: Kysely<DB>; notifier?: Notifier | undefined; config?: Pick<Config, 'publicUrl' | 'host' | 'port'> }, app: { id: string; applicant_citizen_id: string | null; reference: string }, action: string, service: Bilingual): void {
  const notifier = deps.notifier;
  if (!notifier || !app.applicant_citizen_id || !NOTIFIED.has(action)) return;
  const citizenId = app.applicant_citizen_id;
  const what = action as NotifiedAction;
  void (async () => {
    const c = await deps.db.selectFrom('citizens').select(['mobile', 'email']).where('id', '=', citizenId).executeTakeFirst();
    if (!c) return;
    // A transfer names the office now handling the case (read after commit: the row holds the new office).
    const o =
      what === 'transferred'
        ? await deps.db.selectFrom('service_applications as a').innerJoin('offices as o', 'o.id', 'a.office_id').select(['o.name_ar', 'o.name_en']).where('a.id', '=', app.id).executeTakeFirst()
        : undefined;
    const office = o ? { ar: o.name_ar, en: o.name_en } : undefined;
    await notifier.send({ channel: 'sms', to: c.mobile, ...applicationSms(what, app.reference, service, office) }).catch(() => undefined);
    if (c.email) await notifier.send({ channel: 'email', to: c.email, ...applicationEmail(what, app.reference, service, applicationLink(deps.config, app.id), office) });
  })().catch(() => undefined);
}

/** What a booked skill test is: when (Cairo local time) and where. */
export interface BookedTest {
  date: string;
  /** `HH:MM`, Cairo local time. */
  startTime: string;
  centre: Bilingual;
  address: Bilingual;
}

/**
 * The SMS confirming a skill-test booking (Law 14/2025 Art. 27) when the application is sent: the day, the time
 * of day in Cairo time and the centre with its address, Arabic-Indic digits in Arabic. No personal data beyond
 * the reference.
 */
export function testBookedSms(reference: string, test: BookedTest): { bodyAr: string; bodyEn: string } {
  const day = dateText(test.date);
  const at = clockText(test.startTime);
  return {
    bodyAr: `ربط: حُجز لك اختبار قياس مستوى المهارة (طلب ${reference}) يوم ${day.ar} الساعة ${at.ar} بتوقيت القاهرة في ${test.centre.ar}، ${test.address.ar}. احضر قبل الموعد ومعك بطاقتك.`,
    bodyEn: `Rabt: your skill-level test (application ${reference}) is booked for ${day.en} at ${at.en} Cairo time at ${test.centre.en}, ${test.address.en}. Come before the time with your ID card.`,
  };
}

/**
 * After a skill-certificate application is sent: confirms the booked test to the applicant by SMS, and by email
 * when they gave an address (subject and link as the other messages). Not awaited; a lost message loses nothing
 * (the application page shows the same session).
 */
export function notifyTestBooked(deps: { db: Kysely<DB>; notifier?: Notifier | undefined; config?: Pick<Config, 'publicUrl' | 'host' | 'port'> }, app: { id: string; applicant_citizen_id: string | null; reference: string }): void {
  const notifier = deps.notifier;
  if (!notifier || !app.applicant_citizen_id) return;
  const citizenId = app.applicant_citizen_id;
  void (async () => {
    const c = await deps.db.selectFrom('citizens').select(['mobile', 'email']).where('id', '=', citizenId).executeTakeFirst();
    const b = await deps.db
      .selectFrom('skill_test_bookings as b')
      .innerJoin('skill_test_sessions as s', 's.id', 'b.session_id')
      .innerJoin('skill_testing_centres as c', 'c.id', 's.centre_id')
      .select(['s.session_date', 's.start_time', 'c.name_ar', 'c.name_en', 'c.address_ar', 'c.address_en'])
      .where('b.application_id', '=', app.id)
      .executeTakeFirst();
    if (!c || !b) return;
    const sms = testBookedSms(app.reference, { date: b.session_date, startTime: b.start_time.slice(0, 5), centre: { ar: b.name_ar, en: b.name_en }, address: { ar: b.address_ar, en: b.address_en } });
    await notifier.send({ channel: 'sms', to: c.mobile, ...sms }).catch(() => undefined);
    if (c.email) {
      const link = applicationLink(deps.config, app.id);
      await notifier.send({
        channel: 'email',
        to: c.email,
        subject: { ar: `ربط — موعد اختبار المهارة لطلبك ${app.reference}`, en: `Rabt — your skill test for application ${app.reference}` },
        bodyAr: `${sms.bodyAr.replace(/^ربط: /, '')}\n\nافتح الطلب: ${link}\n\nرسالة آلية من منصة ربط، وزارة العمل. لا تردّ عليها.`,
        bodyEn: `${sms.bodyEn.replace(/^Rabt: y/, 'Y')}\n\nOpen the application: ${link}\n\nAn automatic message from Rabt, Ministry of Labour. Do not reply to it.`,
      });
    }
  })().catch(() => undefined);
}

import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import type { Bilingual } from './definitions.ts';

/** Office actions the applicant is told about by SMS (issue 5 §9). */
export type NotifiedAction = 'info_requested' | 'step_approved' | 'rejected' | 'issued';

const NOTIFIED = new Set<string>(['info_requested', 'step_approved', 'rejected', 'issued']);

/** The SMS text (Arabic and English) for an office action on application `reference`. No personal data beyond the reference. */
export function applicationSms(action: NotifiedAction, reference: string, service: Bilingual): { bodyAr: string; bodyEn: string } {
  switch (action) {
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
  }
}

/**
 * Sends the applicant an SMS for an office action, after the action's transaction has committed: the
 * notifier writes through its own connection (PGlite has one), so this is never awaited inside a
 * transaction, and a lost SMS loses nothing (the application page shows the same). Other actions: no SMS.
 */
export function notifyApplicant(deps: { db: Kysely<DB>; notifier?: Notifier | undefined }, app: { applicant_citizen_id: string | null; reference: string }, action: string, service: Bilingual): void {
  const notifier = deps.notifier;
  if (!notifier || !app.applicant_citizen_id || !NOTIFIED.has(action)) return;
  const citizenId = app.applicant_citizen_id;
  void (async () => {
    const c = await deps.db.selectFrom('citizens').select('mobile').where('id', '=', citizenId).executeTakeFirst();
    if (c) await notifier.send({ channel: 'sms', to: c.mobile, ...applicationSms(action as NotifiedAction, app.reference, service) });
  })().catch(() => undefined);
}

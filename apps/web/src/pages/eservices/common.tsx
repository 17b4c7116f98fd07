import { useEffect, useRef } from 'react';
import { SERVICE_APPLICATION_STATUS_LABELS, type ServiceApplicationDetail } from '@rabt/contracts';
import { ProblemError } from '../../api/client.ts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { useLocale, formatDate, formatDateTime } from '../../ui/hooks.ts';
import type { UiLocale } from '../../i18n/index.ts';

/** The e-services pages' texts, Arabic first (kept beside the pages; nav labels live in i18n/ar.ts, en.ts). */
const AR = {
  catalogueTitle: 'الخدمات الإلكترونية',
  catalogueLead: 'تقدّم للخدمة من بيتك، وتابع طلبك خطوة بخطوة، واستلم مستندًا موقّعًا يمكن لأي شخص التحقق منه.',
  open: 'تفاصيل الخدمة',
  legalBasis: 'السند القانوني',
  fee: 'الرسوم',
  free: 'مجانية',
  expected: 'المدة المتوقعة',
  hours: (n: string) => `${n} ساعة`,
  documents: 'المستندات التي ستُطلب منك',
  optional: '(اختياري)',
  required: '(مطلوب)',
  formats: 'الصيغ المقبولة',
  maxSize: (size: string) => `الحد الأقصى ${size}`,
  steps: 'مراحل الطلب',
  stepOptional: 'عند التصعيد فقط',
  eligibility: 'شروط التقدم',
  yourEligibility: 'هل يمكنك التقدم؟',
  eligibleYes: 'نعم، تستوفي الشروط.',
  eligibleNo: 'لا يمكنك التقدم الآن:',
  ok: 'مستوفى',
  notOk: 'غير مستوفى',
  notes: 'معلومات مهمة',
  apply: 'تقدّم الآن',
  signInToApply: 'سجّل الدخول كمواطن لمعرفة أهليتك والتقدم.',
  signIn: 'تسجيل الدخول',
  formTitle: (s: string) => `طلب: ${s}`,
  office: 'مكتب العمل التابع لمحل إقامتك',
  officeHint: 'مكاتب محافظة إقامتك حسب الرقم القومي.',
  declare: 'أقرّ بأن لديّ المستندات التالية وسأقدّمها عند الطلب:',
  search: 'ابحث عن المهنة',
  searchHint: 'اكتب جزءًا من اسم المهنة ثم اختر من القائمة.',
  choose: '— اختر —',
  numberHint: 'يمكنك الكتابة بالأرقام العربية أو الإنجليزية.',
  next: 'حفظ ومراجعة الرسوم',
  review: 'مراجعة قبل الإرسال',
  feeToPay: 'الرسوم المستحقة:',
  submit: 'إرسال الطلب',
  submitted: 'تم إرسال طلبك.',
  myTitle: 'طلباتي',
  none: 'لا توجد طلبات بعد.',
  browse: 'تصفّح الخدمات',
  reference: 'رقم الطلب',
  service: 'الخدمة',
  status: 'الحالة',
  updated: 'آخر تحديث',
  applicant: 'مقدم الطلب',
  assigned: 'المسؤول',
  due: 'موعد المرحلة',
  currentStep: 'المرحلة الحالية',
  expectedBy: 'المواعيد المتوقعة',
  infoRequested: 'يطلب المكتب منك معلومات:',
  yourAnswer: 'ردّك',
  // The field's own label may already say it is optional: said once.
  correct: (label: string) => `تصحيح: ${label.replace(/\s*\(اختياري\)\s*$/, '')} (اختياري)`,
  sendAnswer: 'إرسال الرد',
  messages: 'الرسائل',
  noMessages: 'لا توجد رسائل.',
  message: 'رسالة',
  send: 'إرسال',
  you: 'أنت',
  office_: 'المكتب',
  timeline: 'سجل الطلب',
  withdraw: 'سحب الطلب',
  withdrawConfirm: 'تأكيد سحب الطلب',
  feeAfterFix: 'يُحسب بعد تصحيح البيانات المذكورة أعلاه.',
  withdrawPaidFee: 'دفعتَ رسم هذا الطلب. الرسم المدفوع لا يُردّ تلقائيًا عند سحب الطلب؛ إن أردت استرداده فاسأل مكتب العمل.',
  certificate: 'المستند الصادر',
  verifyCode: 'رمز التحقق',
  verifyLink: 'صفحة التحقق',
  downloadPdf: 'تنزيل المستند (PDF)',
  revokedTitle: 'أُلغي هذا المستند ولم يعد ساريًا',
  revokedStatus: 'صدر المستند ثم أُلغي',
  revokedWhen: (when: string) => `تاريخ الإلغاء: ${when}`,
  revokedReason: (reason: string) => `السبب: ${reason}`,
  revokedPdf: 'تنزيل نسخة المستند الملغى (PDF، مختومة بأنها ملغاة)',
  registration: 'رقم القيد',
  registeredOn: 'تاريخ القيد',
  reason: 'السبب',
  queueTitle: 'طلبات المكتب',
  filters: 'تصفية',
  allOpen: 'كل الطلبات المفتوحة',
  allServices: 'كل الخدمات',
  sla: 'حالة المهلة',
  any: 'الكل',
  breachedOnly: 'المتأخرة فقط',
  onTime: 'في الموعد',
  apply_: 'تطبيق',
  overdue: (t: string) => `متأخر — كان مستحقًا ${t}`,
  dueBy: (t: string) => `مستحق ${t}`,
  waiting: 'متوقف — بانتظار المواطن',
  closed: '—',
  page: (p: string, n: string) => `صفحة ${p} من ${n}`,
  prev: 'السابق',
  nextPage: 'التالي',
  total: (n: string) => `${n} طلب`,
  answers: 'بيانات الطلب',
  declared: 'المستندات المُقرّ بها',
  actions: 'الإجراءات',
  assignMe: 'إسناده إليّ',
  assignTo: 'إسناد إلى',
  assign: 'إسناد',
  requestInfo: 'طلب معلومات من المواطن',
  approve: 'اعتماد',
  approveNote: 'ملاحظة (اختيارية)',
  approveNeedsResults: 'يُتاح الاعتماد بعد تسجيل نتيجتي الاختبار النظري والعملي في قسم «اختبار قياس المهارة» أعلاه.',
  approveNotPassed: 'الدرجات المسجّلة لا تبلغ أي مستوى، فلا تصدر شهادة: ارفض الطلب مع ذكر السبب.',
  reject: 'رفض',
  rejectReason: 'سبب الرفض (يقرؤه المواطن)',
  escalate: 'تصعيد إلى المديرية',
  escalateNote: 'سبب التصعيد',
  transfer: 'تحويل إلى مكتب آخر',
  transferTo: 'المكتب الجديد',
  transferNote: 'سبب التحويل',
  done: 'تم.',
  transferredTo: (ref: string, office: string) => `حُوّل الطلب ${ref} إلى ${office}. لم يعد في قائمة مكتبك.`,
  back: 'العودة إلى القائمة',
  notAllowed: 'لا توجد إجراءات متاحة لك على هذا الطلب.',
  feeValue: (amount: string) => `${amount} جنيه`,
  backToService: 'العودة إلى صفحة الخدمة',
  draftNotSent: 'لم يُرسل هذا الطلب بعد. ارفع المستندات المطلوبة ثم أرسله؛ يمكنك دفع الرسوم قبل الإرسال أو بعده.',
  feeBeforeSubmit: 'تُعرض الرسوم قبل الإرسال، وتُدفع إلكترونيًا أو نقدًا في المكتب.',
  exemptFee: (label: string) => `معفى من الرسم: ${label}. أقرّ بمستند الإثبات وارفعه مع الطلب.`,
  openAlready: (ref: string) => `لديك طلب مفتوح لهذه الخدمة بالفعل (${ref})؛ لا يُقدَّم طلب ثانٍ قبل البت فيه.`,
  openAlreadyLink: 'تابع طلبك المفتوح ومراحله',
  filing: 'موعد الإخطار',
  filingText: (limit: string, event: string, dueBy: string, filed: string) => `خلال ${limit} من ${event}، أي حتى ${dueBy}؛ قُدِّم في ${filed}.`,
  lateBy: (days: string) => `متأخر ${days}`,
};
type Strings = typeof AR;

const EN: Strings = {
  catalogueTitle: 'E-services',
  catalogueLead: 'Apply from home, follow your application step by step, and receive a signed document anyone can verify.',
  open: 'Service details',
  legalBasis: 'Legal basis',
  fee: 'Fee',
  free: 'Free',
  expected: 'Expected time',
  hours: (n) => `${n} hours`,
  documents: 'Documents you will be asked for',
  optional: '(optional)',
  required: '(required)',
  formats: 'Accepted formats',
  maxSize: (size) => `up to ${size}`,
  steps: 'Steps',
  stepOptional: 'only if escalated',
  eligibility: 'Who can apply',
  yourEligibility: 'Can you apply?',
  eligibleYes: 'Yes, you meet the conditions.',
  eligibleNo: 'You cannot apply now:',
  ok: 'Met',
  notOk: 'Not met',
  notes: 'Good to know',
  apply: 'Apply now',
  signInToApply: 'Sign in as a citizen to see whether you can apply.',
  signIn: 'Sign in',
  formTitle: (s) => `Application: ${s}`,
  office: 'Labour office of your place of residence',
  officeHint: 'Offices of your governorate of residence (from your national ID).',
  declare: 'I declare that I hold these documents and will provide them when asked:',
  search: 'Search for the occupation',
  searchHint: 'Type part of the occupation name, then choose from the list.',
  choose: '— choose —',
  numberHint: 'Arabic or Latin digits are both fine.',
  next: 'Save and review the fee',
  review: 'Review before sending',
  feeToPay: 'Fee due:',
  submit: 'Send the application',
  submitted: 'Your application was sent.',
  myTitle: 'My applications',
  none: 'No applications yet.',
  browse: 'Browse services',
  reference: 'Reference',
  service: 'Service',
  status: 'Status',
  updated: 'Last update',
  applicant: 'Applicant',
  assigned: 'Assigned to',
  due: 'Step due',
  currentStep: 'Current step',
  expectedBy: 'Expected dates',
  infoRequested: 'The office asks you for information:',
  yourAnswer: 'Your answer',
  correct: (label) => `Correct: ${label.replace(/\s*\(optional\)\s*$/i, '')} (optional)`,
  sendAnswer: 'Send the answer',
  messages: 'Messages',
  noMessages: 'No messages.',
  message: 'Message',
  send: 'Send',
  you: 'You',
  office_: 'Office',
  timeline: 'History',
  withdraw: 'Withdraw the application',
  withdrawConfirm: 'Confirm withdrawal',
  feeAfterFix: 'Worked out once the answers listed above are corrected.',
  withdrawPaidFee: 'You have paid the fee for this application. A paid fee is not refunded automatically when you withdraw; to ask for it back, contact the labour office.',
  certificate: 'Issued document',
  verifyCode: 'Verification code',
  verifyLink: 'Verification page',
  downloadPdf: 'Download the document (PDF)',
  revokedTitle: 'This document was cancelled and is no longer valid',
  revokedStatus: 'Document issued, then cancelled',
  revokedWhen: (when) => `Cancelled on: ${when}`,
  revokedReason: (reason) => `Reason: ${reason}`,
  revokedPdf: 'Download the cancelled document (PDF, marked as revoked)',
  registration: 'Registration number',
  registeredOn: 'Registration date',
  reason: 'Reason',
  queueTitle: 'Office applications',
  filters: 'Filters',
  allOpen: 'All open applications',
  allServices: 'All services',
  sla: 'Deadline',
  any: 'Any',
  breachedOnly: 'Overdue only',
  onTime: 'On time',
  apply_: 'Apply',
  overdue: (t) => `Overdue — was due ${t}`,
  dueBy: (t) => `Due ${t}`,
  waiting: 'Paused — waiting for the citizen',
  closed: '—',
  page: (p, n) => `Page ${p} of ${n}`,
  prev: 'Previous',
  nextPage: 'Next',
  total: (n) => `${n} applications`,
  answers: 'Application data',
  declared: 'Declared documents',
  actions: 'Actions',
  assignMe: 'Assign to me',
  assignTo: 'Assign to',
  assign: 'Assign',
  requestInfo: 'Ask the citizen for information',
  approve: 'Approve',
  approveNote: 'Note (optional)',
  approveNeedsResults: 'Approval is possible once the theoretical and practical results are entered in the “Skill test” section above.',
  approveNotPassed: 'The scores entered reach no grade, so no certificate can be issued: reject the application with the reason.',
  reject: 'Reject',
  rejectReason: 'Reason for rejection (the citizen reads it)',
  escalate: 'Escalate to the directorate',
  escalateNote: 'Reason for escalation',
  transfer: 'Transfer to another office',
  transferTo: 'New office',
  transferNote: 'Reason for the transfer',
  done: 'Done.',
  transferredTo: (ref: string, office: string) => `Application ${ref} was transferred to ${office}. It is no longer in your office's queue.`,
  back: 'Back to the list',
  notAllowed: 'There are no actions for you on this application.',
  feeValue: (amount) => `EGP ${amount}`,
  backToService: 'Back to the service page',
  draftNotSent: 'This application has not been sent yet. Upload the required documents, then send it; you may pay the fee before or after sending.',
  feeBeforeSubmit: 'The fee is shown before you send, and is paid online or in cash at the office.',
  exemptFee: (label) => `Exempt from the fee: ${label}. Declare the proof document and upload it with the application.`,
  openAlready: (ref) => `You already have an open application for this service (${ref}); a second one cannot be made until it is decided.`,
  openAlreadyLink: 'Follow your open application and its steps',
  filing: 'Notice deadline',
  filingText: (limit, event, dueBy, filed) => `Within ${limit} of ${event}, that is by ${dueBy}; filed on ${filed}.`,
  lateBy: (days) => `Late by ${days}`,
};

export function useS(): Strings {
  return useLocale() === 'ar' ? AR : EN;
}

/** The citizen's wording of each status: the labels the CSV exports use too (one table, in contracts). */
const STATUS: Readonly<Record<string, { ar: string; en: string }>> = SERVICE_APPLICATION_STATUS_LABELS;

const ACTIONS: Record<string, { ar: string; en: string }> = {
  created: { ar: 'أُنشئ الطلب', en: 'Application created' },
  submitted: { ar: 'أُرسل الطلب', en: 'Application sent' },
  assigned: { ar: 'أُسند إلى موظف', en: 'Assigned to a clerk' },
  info_requested: { ar: 'طُلبت معلومات', en: 'Information requested' },
  info_answered: { ar: 'تم الرد على طلب المعلومات', en: 'Information provided' },
  step_approved: { ar: 'اعتُمدت المرحلة', en: 'Step approved' },
  approved: { ar: 'اعتُمد الطلب', en: 'Application approved' },
  issued: { ar: 'صدر المستند الموقّع', en: 'Signed document issued' },
  rejected: { ar: 'رُفض الطلب', en: 'Application rejected' },
  withdrawn: { ar: 'سُحب الطلب', en: 'Application withdrawn' },
  escalated: { ar: 'صُعّد إلى المديرية', en: 'Escalated to the directorate' },
  transferred: { ar: 'حُوّل إلى مكتب آخر', en: 'Transferred to another office' },
  fee_paid_online: { ar: 'دُفع الرسم إلكترونيًا', en: 'Fee paid online' },
  fee_paid_cash: { ar: 'سُجّل دفع الرسم نقدًا (رقم الإيصال في الملاحظة)', en: 'Fee paid in cash (receipt number in the note)' },
  results_entered: { ar: 'سُجّلت نتائج الاختبار', en: 'Test results entered' },
  document_revoked: { ar: 'أُلغي المستند الصادر', en: 'Issued document cancelled' },
};

/** Staff screens' wording where the citizen's ("…from you") would be wrong. */
const STAFF_STATUS: Record<string, { ar: string; en: string }> = {
  info_requested: { ar: 'بانتظار رد المواطن', en: 'Awaiting the citizen’s reply' },
};

/** A status in words; `staff` for office screens (the applicant's wording addresses the applicant). */
export function statusLabel(status: string, locale: UiLocale, audience: 'citizen' | 'staff' = 'citizen'): string {
  return (audience === 'staff' ? STAFF_STATUS[status]?.[locale] : undefined) ?? STATUS[status]?.[locale] ?? status;
}

export function actionLabel(action: string, locale: UiLocale): string {
  return ACTIONS[action]?.[locale] ?? action;
}

/**
 * A duration given in hours, in words: whole days from 24 hours on (288 → «١٢ يومًا», "12 days"), days and
 * hours when not a whole number of days, hours below a day. Arabic number agreement: 1 يوم / 2 يومان /
 * 3–10 أيام / 11+ يومًا (and ساعة / ساعتان / ساعات / ساعة).
 */
export function durationText(hours: number, locale: UiLocale): string {
  const days = Math.floor(hours / 24);
  const rest = hours - days * 24;
  const ar = (n: number, one: string, two: string, few: string, many: string) => (n === 1 ? one : n === 2 ? two : n <= 10 ? `${digits(n, 'ar')} ${few}` : `${digits(n, 'ar')} ${many}`);
  const en = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (locale === 'ar') {
    if (days > 0) parts.push(ar(days, 'يوم واحد', 'يومان', 'أيام', 'يومًا'));
    if (rest > 0 || days === 0) parts.push(ar(rest, 'ساعة واحدة', 'ساعتان', 'ساعات', 'ساعة'));
    return parts.join(' و');
  }
  if (days > 0) parts.push(en(days, 'day'));
  if (rest > 0 || days === 0) parts.push(en(rest, 'hour'));
  return parts.join(' and ');
}

/** Latin digits to the UI's: Arabic-Indic in Arabic. */
export function digits(value: string | number, locale: UiLocale): string {
  const s = String(value);
  return locale === 'ar' ? s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))) : s;
}

/**
 * Egyptian pounds from piastres (integer minor units, ISO 4217 EGP), the one money format of the e-services
 * pages: whole pounds without decimals, piastres only when there are some — «٢٠٠ جنيه», «١٢٫٥٠ جنيه»,
 * "EGP 200", "EGP 12.50".
 */
export function moneyText(piastres: number, locale: UiLocale): string {
  const fraction = piastres % 100 === 0 ? 0 : 2;
  const amount = new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(piastres / 100);
  return (locale === 'ar' ? AR : EN).feeValue(amount);
}

/** A fee: «مجانية» / "Free" when nothing is due, else `moneyText`. */
export function feeText(piastres: number, locale: UiLocale): string {
  return piastres === 0 ? (locale === 'ar' ? AR : EN).free : moneyText(piastres, locale);
}

/**
 * A file size in the UI language, the one size format of the e-services pages: megabytes from 1 MiB (one
 * decimal at most), else kilobytes (at least 1) — «٥ ميجابايت», «١٢٣ كيلوبايت», "5 MB", "123 KB".
 */
export function sizeText(bytes: number, locale: UiLocale): string {
  const ar = locale === 'ar';
  const number = (n: number) => new Intl.NumberFormat(ar ? 'ar-EG' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
  if (bytes >= 1048576) return `${number(Math.round((bytes / 1048576) * 10) / 10)} ${ar ? 'ميجابايت' : 'MB'}`;
  return `${number(Math.max(1, Math.round(bytes / 1024)))} ${ar ? 'كيلوبايت' : 'KB'}`;
}

/** SLA clock in words (never colour alone): overdue / due by / paused. */
export function SlaText({ app }: { app: Pick<ServiceApplicationDetail, 'stepDueAt' | 'breached' | 'status'> }) {
  const locale = useLocale();
  const s = useS();
  if (app.status === 'info_requested') return <span>{s.waiting}</span>;
  if (!app.stepDueAt) return <span>{s.closed}</span>;
  const when = formatDateTime(app.stepDueAt, locale);
  return app.breached ? <strong className="error-text">⚠ {s.overdue(when)}</strong> : <span>{s.dueBy(when)}</span>;
}

/**
 * A transfer's timeline note as stored by the API (`transfer` in apps/api/src/modules/eservices/workflow.service.ts):
 * «من <مكتب> إلى <مكتب> (from <office> to <office>): <the head's note>». Split into the route in each language
 * and the note; null when the note is not in that shape (then it is shown as stored).
 */
export function splitTransferNote(note: string): { ar: string; en: string; note: string } | null {
  const m = /^((?:من .+? )?إلى .+?) \(((?:from .+? )?to .+?)\): ([\s\S]*)$/u.exec(note);
  if (!m) return null;
  const en = m[2]!;
  return { ar: m[1]!, en: en.charAt(0).toUpperCase() + en.slice(1), note: m[3]! };
}

/**
 * A results entry's timeline note as stored by the API (`enterResults` in apps/api/src/modules/eservices/eservices-more.service.ts):
 * «نظري ٨٥/١٠٠، عملي ٧٨/١٠٠: ماهر — theoretical 85/100, practical 78/100: Skilled». Split into its
 * Arabic half (Arabic-Indic digits) and English half (first letter capitalised); null when not in that shape.
 */
export function splitResultsNote(note: string): { ar: string; en: string } | null {
  const m = /^(نظري [\s\S]+?) — (theoretical [\s\S]+)$/u.exec(note);
  if (!m) return null;
  const en = m[2]!;
  return { ar: m[1]!, en: en.charAt(0).toUpperCase() + en.slice(1) };
}

/** An event's note; a transfer's route and test results only in the UI language. Each run is isolated (<bdi>) so mixed scripts keep their order. */
function EventNote({ action, note }: { action: string; note: string }) {
  const locale = useLocale();
  const results = action === 'results_entered' ? splitResultsNote(note) : null;
  if (results) {
    return (
      <p>
        <bdi>{results[locale]}</bdi>
      </p>
    );
  }
  const transfer = action === 'transferred' ? splitTransferNote(note) : null;
  if (!transfer) {
    return (
      <p>
        <bdi>{note}</bdi>
      </p>
    );
  }
  return (
    <p>
      <bdi>{transfer[locale]}</bdi>
      {': '}
      <bdi>{transfer.note}</bdi>
    </p>
  );
}

/** The application's history: who did what and when, with notes. */
export function Timeline({ app }: { app: ServiceApplicationDetail }) {
  const locale = useLocale();
  const s = useS();
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">{s.timeline}</h2>
      <ol className="timeline">
        {app.events.map((e, i) => (
          <li key={i}>
            <strong>{actionLabel(e.action, locale)}</strong> — <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
            {e.actorName && <> — {e.actorName[locale]}</>}
            {e.note && <EventNote action={e.action} note={e.note} />}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Messages({ app }: { app: ServiceApplicationDetail }) {
  const locale = useLocale();
  const s = useS();
  return (
    <section aria-labelledby="messages-h">
      <h2 id="messages-h">{s.messages}</h2>
      {app.messages.length === 0 ? (
        <p>{s.noMessages}</p>
      ) : (
        <ul className="plain-list">
          {app.messages.map((m) => (
            <li key={m.id}>
              <strong>{m.authorKind === 'citizen' ? (app.applicant?.[locale === 'ar' ? 'nameAr' : 'nameLatin'] ?? s.you) : (m.authorName?.[locale] ?? s.office_)}</strong> — <time dateTime={m.at}>{formatDateTime(m.at, locale)}</time>
              <p>{m.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * ProblemAlert, except for `service_not_eligible` and `service_application_duplicate`: the alert then also says why — the rules' reasons
 * (Arabic from the `reasonsAr` extension, English from `detail`), e.g. the quota numbers of a work permit.
 */
export function ServiceProblem({ error }: { error: unknown }) {
  const locale = useLocale();
  const ref = useRef<HTMLDivElement>(null);
  // Problems whose reasons name specifics: the unmet rules, or the open application a duplicate would repeat.
  const problem = error instanceof ProblemError && ['service_not_eligible', 'service_application_duplicate'].includes(error.problem.code) ? error.problem : null;
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return <ProblemAlert error={error} />;
  const reasons = locale === 'ar' ? (problem.reasonsAr ?? problem.detail) : problem.detail;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{problem.titles[locale]}</p>
      {reasons && <p>{reasons}</p>}
    </div>
  );
}

/**
 * A filing deadline and whether it was missed, as `<dt>`/`<dd>` for a facts list: «متأخر ٣ أيام» / "Late by 3
 * days" (or on time), then the limit, the event date, the last day and the day filed. Nothing for services
 * without a deadline (`lateness` null); today the exempt-foreigner notice (7 days, Law 12/2003 Arts 27–30).
 */
export function LatenessFacts({ app }: { app: Pick<ServiceApplicationDetail, 'lateness'> }) {
  const s = useS();
  const locale = useLocale();
  const l = app.lateness;
  if (!l) return null;
  return (
    <>
      <dt>{s.filing}</dt>
      <dd>
        <strong>{l.daysLate > 0 ? s.lateBy(durationText(l.daysLate * 24, locale)) : s.onTime}</strong>
        {' — '}
        {s.filingText(durationText(l.limitDays * 24, locale), formatDate(l.eventDate, locale), formatDate(l.dueBy, locale), formatDate(l.filedOn, locale))}
      </dd>
    </>
  );
}

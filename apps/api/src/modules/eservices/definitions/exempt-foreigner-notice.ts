import { sql } from 'kysely';
import { normalizeDigits, type FieldError } from '@rabt/contracts';
import { fieldError } from '../../../http/errors.ts';
import { freeFee, type Bilingual, type ServiceDefinition } from '../definitions.ts';
import { PERMITS } from '../service-config.ts';
import { IMAGES_OR_PDF, checkIsco, occupationTitle, same, toArabicDigits } from './shared.ts';
import { dateText } from '../../../platform/pdf/dates.ts';
import { FOREIGN_COUNTRY_OPTIONS } from './countries.ts';
import { EXEMPT_CATEGORIES, crOf, passportOf } from './work-permit-rules.ts';
import { isForeignCountry } from './work-permit.ts';

const MB = 1024 * 1024;
const a = toArabicDigits;
const DAY = 86_400_000;
const { noticeDays, noticeLeadDays } = PERMITS.exemptCategories;

const EVENTS = [
  { value: 'start', label: { ar: 'بدء العمل', en: 'Start of work' } },
  { value: 'end', label: { ar: 'انتهاء العمل', en: 'End of work' } },
];

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function realDate(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const d = normalizeDigits(v.trim());
  const t = new Date(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d ? d : null;
}

/**
 * Notice of an exempt foreign worker — the other side of the exempt categories of Ministerial Decree
 * 279/2025 (treaty-covered persons, diplomats, international organisations, correspondents, unpaid clergy,
 * certain seafarers, archaeology experts, investors with an investment residence; list configured in
 * data/eservices/work-permits.json): they need no work permit, and their employer notifies the labour
 * authority within 7 days of the start and of the end of their work (Law 12/2003 Arts 27–30, as in the
 * domain note §4.4). Filed by the establishment's authorised representative at the office of residence;
 * free (the sources name no fee). A late notice is not refused (the authority still needs it): the
 * acknowledgement records how many days after the event it came and that it is late. An event more than
 * `noticeLeadDays` ahead is refused as a field error (configuration). The office checks the proof of the
 * exempt status and acknowledges; the signed acknowledgement verifies on /verify.
 */
export const exemptForeignerNotice: ServiceDefinition = {
  code: 'exempt_foreigner_notice',
  referencePrefix: 'EN',
  title: { ar: 'إخطار بتشغيل عامل أجنبي معفى من التصريح', en: 'Notice of an exempt foreign worker' },
  description: {
    ar: `الأجانب من الفئات المعفاة (كأعضاء البعثات الدبلوماسية والعاملين في المنظمات الدولية) لا يحتاجون تصريح عمل؛ تُخطر المنشأة مكتب العمل خلال ${a(String(noticeDays))} أيام من بدء عملهم ومن انتهائه، وتتسلم إقرارًا موقّعًا بالإخطار.`,
    en: `Foreigners in the exempt categories (such as members of diplomatic missions and staff of international organisations) need no work permit; the establishment notifies the labour office within ${noticeDays} days of the start and of the end of their work, and receives a signed acknowledgement.`,
  },
  legalBasis: { ar: 'قرار وزير العمل رقم ٢٧٩ لسنة ٢٠٢٥ (الفئات المعفاة)', en: 'Ministerial Decree 279/2025 (exempt categories)' },
  applicantKind: 'establishment',
  form: [
    { key: 'crNumber', type: 'text', label: { ar: 'رقم السجل التجاري للمنشأة', en: "Establishment's commercial-register number" }, help: { ar: 'أنت تتقدم بصفتك الممثل المفوّض للمنشأة.', en: "You apply as the establishment's authorised representative." }, required: true, max: 20 },
    { key: 'establishmentName', type: 'text', label: { ar: 'اسم المنشأة', en: 'Establishment name' }, required: true, max: 200 },
    { key: 'workerName', type: 'text', label: { ar: 'اسم العامل الأجنبي (كما في جواز السفر)', en: "Foreign worker's name (as in the passport)" }, required: true, max: 200 },
    { key: 'passportNumber', type: 'text', label: { ar: 'رقم جواز السفر', en: 'Passport number' }, required: true, max: 20 },
    { key: 'nationality', type: 'select', label: { ar: 'جنسية العامل', en: "Worker's nationality" }, help: { ar: 'كما في جواز السفر.', en: 'As in the passport.' }, required: true, options: FOREIGN_COUNTRY_OPTIONS },
    { key: 'isco', type: 'isco', label: { ar: 'المهنة (ISCO-08)', en: 'Occupation (ISCO-08)' }, required: true },
    { key: 'category', type: 'select', label: { ar: 'الفئة المعفاة', en: 'Exempt category' }, required: true, options: EXEMPT_CATEGORIES.map((c) => ({ value: c.code, label: { ar: c.ar, en: c.en } })) },
    { key: 'event', type: 'select', label: { ar: 'موضوع الإخطار', en: 'The notice is about' }, required: true, options: EVENTS },
    { key: 'eventDate', type: 'date', label: { ar: 'تاريخ بدء العمل أو انتهائه', en: 'Date work starts or ends' }, help: { ar: `يُقدَّم الإخطار خلال ${a(String(noticeDays))} أيام من هذا التاريخ.`, en: `The notice is due within ${noticeDays} days of this date.` }, required: true },
  ],
  documents: [
    { type: 'passport_copy', label: { ar: 'صورة جواز سفر العامل', en: "Copy of the worker's passport" }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'exemption_proof', label: { ar: 'ما يثبت الفئة المعفاة (بطاقة دبلوماسية، خطاب المنظمة، الاتفاقية، إقامة الاستثمار…)', en: 'Proof of the exempt category (diplomatic card, letter of the organisation, the agreement, investment residence…)' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'authorisation', label: { ar: 'تفويض الممثل عن المنشأة', en: "Representative's authorisation" }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
  ],
  fee: freeFee({ ar: 'بدون رسوم.', en: 'Free of charge.' }),
  eligibility: [],
  routing: 'residence_office',
  steps: [{ key: 'office_acknowledgement', title: { ar: 'مراجعة مكتب العمل وإقرار الإخطار', en: 'Labour office check and acknowledgement' }, level: 'office', roles: ['clerk', 'office_head'], slaHours: 48, optional: false }],
  issues: { kind: 'exempt_foreigner_notice', title: { ar: 'إقرار باستلام إخطار تشغيل عامل أجنبي معفى', en: 'Acknowledgement of an exempt foreign worker notice' }, validityMonths: null },
  notes: [
    { ar: `يُخطر صاحب العمل مكتب العمل خلال ${a(String(noticeDays))} أيام من بدء عمل الأجنبي المعفى ومن انتهائه؛ يُقبل الإخطار المتأخر ويُثبت تأخره في الإقرار.`, en: `The employer notifies the labour office within ${noticeDays} days of the start and of the end of an exempt foreigner's work; a late notice is accepted and its lateness recorded on the acknowledgement.` },
    { ar: 'من لا ينتمي إلى فئة معفاة يحتاج تصريح عمل (خدمة «تصريح عمل لعامل أجنبي»).', en: 'A foreigner outside the exempt categories needs a work permit (service "Work permit for a foreign worker").' },
  ],

  /** Due within `noticeDays` (7) of the event; late by the days after that, counted to the day the notice was filed. */
  lateness(answers, filedOn) {
    const eventDate = realDate(answers.eventDate);
    if (!eventDate) return null;
    return { eventDate, dueBy: addDays(eventDate, noticeDays), filedOn, limitDays: noticeDays, daysLate: Math.max(0, daysBetween(eventDate, filedOn) - noticeDays) };
  },

  async validate(ctx, answers): Promise<FieldError[]> {
    const errors = await checkIsco(ctx, 'isco', answers.isco);
    if (!/^\d{1,15}$/.test(crOf(answers.crNumber))) errors.push(fieldError('/answers/crNumber', 'invalid_format'));
    if (!/^[A-Z0-9]{5,20}$/.test(passportOf(answers.passportNumber))) errors.push(fieldError('/answers/passportNumber', 'invalid_format'));
    if (!isForeignCountry(answers.nationality)) errors.push(fieldError('/answers/nationality', 'invalid_value'));
    const date = realDate(answers.eventDate);
    // A start may be notified ahead of time, but not further than the configured lead.
    if (!date || daysBetween(ctx.today, date) > noticeLeadDays) errors.push(fieldError('/answers/eventDate', 'invalid_value'));
    return errors;
  },

  async prepareIssue(trx, ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    const ans = ctx.answers;
    const eventDate = realDate(ans.eventDate) ?? today;
    const applied = await trx.selectFrom('service_applications').select(['submitted_at', 'created_at']).where('id', '=', ctx.applicationId).executeTakeFirstOrThrow();
    // Lateness counts to the day the notice was filed (submitted), not to the office's acknowledgement.
    const filedOn = new Date(applied.submitted_at ?? applied.created_at).toISOString().slice(0, 10);
    const after = daysBetween(eventDate, filedOn);
    const late = after > noticeDays;
    const category = EXEMPT_CATEGORIES.find((c) => c.code === ans.category)!;
    const event = EVENTS.find((e) => e.value === ans.event)!;
    const nationality = String(ans.nationality);
    const region = (locale: 'ar' | 'en') => new Intl.DisplayNames([locale], { type: 'region' }).of(nationality) ?? nationality;
    const { serial } = await sql<{ serial: string }>`SELECT nextval('service_application_serial')::text AS serial`.execute(trx).then((r) => r.rows[0]!);
    const number = `EFN-${today.slice(0, 4)}-${serial.padStart(6, '0')}`;
    const timing: Bilingual =
      after <= 0
        ? { ar: 'في الموعد (قبل التاريخ أو في يومه)', en: 'on time (on or before the date)' }
        : late
          ? { ar: `متأخر: بعد ${a(String(after))} يومًا، والمهلة ${a(String(noticeDays))} أيام`, en: `late: ${after} days after, the limit is ${noticeDays} days` }
          : { ar: `في الموعد: بعد ${a(String(after))} يومًا`, en: `on time: ${after} days after` };
    return {
      fields: [
        { key: 'notice_number', label: { ar: 'رقم الإخطار', en: 'Notice number' }, value: same(number) },
        { key: 'worker', label: { ar: 'العامل', en: 'Worker' }, value: same(String(ans.workerName)) },
        { key: 'nationality', label: { ar: 'الجنسية', en: 'Nationality' }, value: { ar: `${region('ar')} (${nationality})`, en: `${region('en')} (${nationality})` } },
        { key: 'occupation', label: { ar: 'المهنة', en: 'Occupation' }, value: await occupationTitle({ db: trx }, String(ans.isco)) },
        { key: 'category', label: { ar: 'الفئة المعفاة من التصريح', en: 'Category exempt from the permit' }, value: { ar: category.ar, en: category.en } },
        { key: 'establishment', label: { ar: 'المنشأة', en: 'Establishment' }, value: { ar: `${String(ans.establishmentName)} — السجل التجاري ${a(crOf(ans.crNumber))}`, en: `${String(ans.establishmentName)} — CR ${crOf(ans.crNumber)}` } },
        { key: 'event', label: { ar: 'موضوع الإخطار', en: 'Notice of' }, value: { ar: `${event.label.ar}: ${dateText(eventDate).ar}`, en: `${event.label.en}: ${dateText(eventDate).en}` } },
        { key: 'filed', label: { ar: 'تاريخ الإخطار', en: 'Notified on' }, value: { ar: `${a(filedOn)} — ${timing.ar}`, en: `${filedOn} — ${timing.en}` } },
      ],
      payload: {
        service: 'exempt_foreigner_notice',
        law: 'EG Ministerial Decree 279/2025 (exempt categories); notice within 7 days (Law 12/2003 Arts 27-30)',
        noticeNumber: number,
        establishment: { commercialRegister: crOf(ans.crNumber), name: ans.establishmentName },
        worker: { name: ans.workerName, passportNumber: passportOf(ans.passportNumber), nationality },
        isco: ans.isco,
        category: category.code,
        event: event.value,
        eventDate,
        notifiedOn: filedOn,
        daysAfterEvent: after,
        late,
        applicationReference: ctx.reference,
      },
    };
  },
};

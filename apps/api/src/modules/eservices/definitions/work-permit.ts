import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { normalizeDigits, type FieldError, type WorkPermitState } from '@rabt/contracts';
import { AppError, fieldError } from '../../../http/errors.ts';
import type { DB } from '../../../platform/db/schema.ts';
import { addMonths, type Bilingual, type RuleResult, type ServiceDefinition } from '../definitions.ts';
import { FEES, PERMITS } from '../service-config.ts';
import { IMAGES_OR_PDF, checkIsco, digits, egpAmount, egpText, occupationTitle, same, toArabicDigits } from './shared.ts';
import { dateText } from '../../../platform/pdf/dates.ts';
import { FOREIGN_COUNTRY_OPTIONS, countryName } from './countries.ts';
import {
  EXEMPT_CATEGORIES,
  PROHIBITED,
  QUOTA_BASIS_TITLES,
  TREATY_EXEMPTION,
  TREATY_EXEMPTION_LABEL,
  crOf,
  exemptCategoryCheck,
  longDateAr,
  passportOf,
  permitTypeOf,
  prohibitedOccupationCheck,
  quotaBasis,
  quotaCheck,
  quotaPosition,
  shortAssignmentCheck,
  workPermitFee,
} from './work-permit-rules.ts';

export { crOf, quotaCheck } from './work-permit-rules.ts';

type Db = Kysely<DB> | Transaction<DB>;
const MB = 1024 * 1024;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const a = toArabicDigits;
/** Fields of one permit type (`permitType`; not answered = a standard permit): the others' answers are dropped. */
const STANDARD_ONLY = { key: 'permitType', values: ['standard', null] };
const SHORT_ONLY = { key: 'permitType', values: ['short_assignment'] };
const YES_NO = [
  { value: 'no', label: { ar: 'لا', en: 'No' } },
  { value: 'yes', label: { ar: 'نعم', en: 'Yes' } },
];

/** ISO 3166-1 alpha-2 (a region Intl knows), not Egypt. */
export function isForeignCountry(code: unknown): boolean {
  if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code) || code === 'EG') return false;
  try {
    return regionNames.of(code) !== code;
  } catch {
    return false;
  }
}

function dayBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * A permit's shown state on `today`: cancelled and renewed as stored; otherwise expired after
 * valid_until, renewal_due within the configured window (30 days) before it (standard permits only),
 * active before that.
 */
export function permitState(p: { status: 'active' | 'renewed' | 'cancelled'; valid_until: string; permit_type?: 'standard' | 'short_assignment' }, today: string): WorkPermitState {
  if (p.status !== 'active') return p.status;
  if (today > p.valid_until) return 'expired';
  // A short assignment (≤ 14 days) is not renewed: it is never shown as renewal due.
  if (p.permit_type !== 'short_assignment' && today >= dayBefore(p.valid_until, PERMITS.renewalWindowDays)) return 'renewal_due';
  return 'active';
}

function findPermitByNumber(db: Db, number: string) {
  return db.selectFrom('work_permits').selectAll().where('permit_number', '=', number.trim().toUpperCase()).executeTakeFirst();
}

/** Renewal: the earlier permit must exist, be the same worker and establishment, still active and not expired. */
async function renewalCheck(db: Db, answers: Record<string, unknown>, today: string): Promise<RuleResult> {
  const number = typeof answers.renewalOf === 'string' ? answers.renewalOf.trim() : '';
  if (!number) return { ok: true };
  const p = await findPermitByNumber(db, number);
  if (!p || p.establishment_cr !== crOf(answers.crNumber) || p.passport_number !== passportOf(answers.passportNumber)) {
    return { ok: false, reason: { ar: `لا يوجد تصريح برقم ${number} لهذا العامل في هذه المنشأة.`, en: `There is no permit ${number} for this worker at this establishment.` } };
  }
  if (p.permit_type === 'short_assignment') {
    return { ok: false, reason: { ar: `التصريح ${p.permit_number} لمهمة قصيرة ولا يُجدَّد؛ تقدّم بطلب جديد.`, en: `Permit ${p.permit_number} is for a short assignment and is not renewed; make a new application.` } };
  }
  const state = permitState(p, today);
  if (state === 'expired') {
    return { ok: false, reason: { ar: `انتهى التصريح ${p.permit_number} في ${longDateAr(p.valid_until)}؛ التجديد جائز قبل انتهاء التصريح فقط. تقدّم بطلب تصريح جديد.`, en: `Permit ${p.permit_number} expired on ${p.valid_until}; renewal is allowed only before expiry. Apply for a new permit.` } };
  }
  if (state === 'cancelled' || state === 'renewed') {
    return { ok: false, reason: { ar: `التصريح ${p.permit_number} ${state === 'cancelled' ? 'ملغى' : 'جُدِّد بالفعل'}؛ لا يمكن تجديده.`, en: `Permit ${p.permit_number} is ${state}; it cannot be renewed.` } };
  }
  return { ok: true };
}

/**
 * The worker already holds an active standard permit at this establishment (same nationality and passport):
 * a new application is refused; the way on is the renewal of that permit (`renewalOf`, before it expires).
 * Short assignments (≤ 14 days, not renewable) do not block. Decree 279/2025: one permit per worker and employer.
 */
async function noActivePermitCheck(db: Db, answers: Record<string, unknown>, today: string): Promise<RuleResult> {
  const passport = passportOf(answers.passportNumber);
  if (!passport || typeof answers.nationality !== 'string') return { ok: true };
  const active = await db
    .selectFrom('work_permits')
    .select(['permit_number', 'valid_until'])
    .where('establishment_cr', '=', crOf(answers.crNumber))
    .where('passport_number', '=', passport)
    .where('nationality', '=', answers.nationality)
    .where('status', '=', 'active')
    .where('permit_type', '=', 'standard')
    .where('valid_until', '>=', today)
    .orderBy('valid_until', 'desc')
    .executeTakeFirst();
  const renewing = typeof answers.renewalOf === 'string' ? answers.renewalOf.trim().toUpperCase() : '';
  if (!active || renewing === active.permit_number) return { ok: true };
  return {
    ok: false,
    reason: {
      ar: `يحمل هذا العامل تصريحًا ساريًا في هذه المنشأة (${active.permit_number} حتى ${longDateAr(active.valid_until)}): تقدّم بطلب تجديده قبل انتهائه بدلًا من طلب جديد.`,
      en: `This worker already holds an active permit at this establishment (${active.permit_number}, valid until ${active.valid_until}): apply for its renewal before it expires instead of a new permit.`,
    },
  };
}

/** The one-open-per-subject key of a work permit (migration 0027): establishment, nationality and passport, normalised. */
export function workPermitSubjectKey(answers: Record<string, unknown>): string | null {
  const passport = passportOf(answers.passportNumber);
  const cr = crOf(answers.crNumber);
  if (!passport || !cr || typeof answers.nationality !== 'string') return null;
  return `${cr}|${answers.nationality}|${passport}`;
}

const feeTable = FEES.work_permit.byPermitYearEgp;
const aboveTable = FEES.work_permit.aboveQuotaByPermitYearEgp;
const shortFee = FEES.work_permit.shortAssignment;
const maxDays = PERMITS.shortAssignment.maxDays;
const exceptions = PERMITS.exceptions;
const feeList = (t: number[], ar: boolean) => t.map((f, i) => (ar ? `السنة ${a(String(i + 1))}: ${egpAmount(f).ar}` : `year ${i + 1}: ${egpAmount(f).en}`)).join(ar ? '، ' : ', ');

/**
 * Work permit for a foreign worker — Ministerial Decree 279/2025 (issued by the Ministry's directorates;
 * rules from the summary at https://www.mondaq.com/employee-rights-labour-relations/1732424/):
 * applied for by an establishment through its authorised representative (a signed-in citizen), for a
 * named foreign worker (passport, nationality ISO 3166-1, occupation ISCO-08).
 * - Standard permit: up to 12 months; fee by permit year from the configured table.
 * - Short assignment (`permitType` short_assignment): at most 14 days, prior approval (applied for before
 *   it starts, approved by then), fee 10 % of the assignment's wage within a configured minimum and maximum.
 * - Quota: foreigners at most 10 % of the workforce; above it only under a configured exception (free zone,
 *   small establishment, committee approval with its decision), which carries the higher fee table.
 * - Prohibited occupations (tour guiding; export and customs clearance, Palestinians excepted) refused.
 * - Exempt categories (diplomats, international organisations …) refused: their employer files the
 *   exempt-foreigner notice instead (exempt-foreigner-notice.ts).
 * - Fee exemptions: configured nationalities (automatic) and treaty beneficiaries (claimed with proof).
 * Figures not in the summary are configuration (data/eservices/work-permits.json, fees.json). Steps: office
 * review, then security review by the directorate manager; the permit is then active until valid_until,
 * renewal due 30 days before, expired after; renewal = a new application quoting the earlier permit,
 * before it expires; cancellation by the office revokes the signed document (/verify shows it revoked).
 */
export const workPermit: ServiceDefinition = {
  code: 'work_permit',
  referencePrefix: 'WP',
  title: { ar: 'تصريح عمل لعامل أجنبي', en: 'Work permit for a foreign worker' },
  description: {
    ar: 'تتقدم المنشأة، عن طريق ممثلها المفوّض، بطلب تصريح عمل لعامل أجنبي محدد لمدة لا تزيد على سنة، مع التحقق من نسبة الأجانب إلى إجمالي العمالة والمراجعة الأمنية.',
    en: 'An establishment, through its authorised representative, applies for a work permit for a named foreign worker for up to one year; the foreign-worker quota is checked and the application goes through a security review.',
  },
  legalBasis: { ar: 'قرار وزير العمل رقم ٢٧٩ لسنة ٢٠٢٥ وقانون العمل رقم ١٤ لسنة ٢٠٢٥', en: 'Ministerial Decree 279/2025; Labour Law No. 14 of 2025' },
  applicantKind: 'establishment',
  form: [
    { key: 'crNumber', type: 'text', label: { ar: 'رقم السجل التجاري للمنشأة', en: "Establishment's commercial-register number" }, help: { ar: 'أنت تتقدم بصفتك الممثل المفوّض للمنشأة.', en: "You apply as the establishment's authorised representative." }, required: true, max: 20 },
    { key: 'establishmentName', type: 'text', label: { ar: 'اسم المنشأة', en: 'Establishment name' }, required: true, max: 200 },
    { key: 'egyptianHeadcount', type: 'number', label: { ar: 'عدد العمال المصريين', en: 'Egyptian workers (headcount)' }, required: true, min: 0, max: 1_000_000 },
    { key: 'foreignHeadcount', type: 'number', label: { ar: 'عدد العمال الأجانب الحاليين', en: 'Current foreign workers (headcount)' }, required: true, min: 0, max: 1_000_000 },
    { key: 'freeZone', type: 'select', label: { ar: 'هل المنشأة في منطقة حرة؟', en: 'Is the establishment in a free zone?' }, required: true, options: YES_NO },
    {
      key: 'committeeApproval',
      type: 'select',
      label: { ar: 'هل لدى المنشأة موافقة اللجنة المختصة على تجاوز نسبة الأجانب؟', en: 'Does the establishment hold the competent committee’s approval to exceed the quota?' },
      help: { ar: 'إن كانت الإجابة نعم فاذكر رقم القرار وأرفق صورته؛ يُحسب الرسم حينئذ من الجدول الأعلى.', en: 'If yes, give the decision number and attach its copy; the fee then comes from the higher table.' },
      required: false,
      options: YES_NO,
    },
    { key: 'committeeDecisionNumber', type: 'text', label: { ar: 'رقم قرار اللجنة (عند وجود موافقة)', en: 'Committee decision number (if approved)' }, required: false, max: 40, visibleWhen: { key: 'committeeApproval', values: ['yes'] } },
    { key: 'workerName', type: 'text', label: { ar: 'اسم العامل الأجنبي (كما في جواز السفر)', en: "Foreign worker's name (as in the passport)" }, required: true, max: 200 },
    { key: 'passportNumber', type: 'text', label: { ar: 'رقم جواز السفر', en: 'Passport number' }, required: true, max: 20 },
    { key: 'nationality', type: 'select', label: { ar: 'جنسية العامل', en: "Worker's nationality" }, help: { ar: 'كما في جواز السفر. يمكنك كتابة أول حروف اسم الدولة لتنتقل إليها.', en: 'As in the passport. Type the first letters of the country to jump to it.' }, required: true, options: FOREIGN_COUNTRY_OPTIONS },
    {
      key: 'exemptCategory',
      type: 'select',
      label: { ar: 'هل العامل من فئة معفاة من تصريح العمل؟', en: 'Is the worker in a category exempt from the work permit?' },
      help: { ar: 'الفئات المعفاة لا تحتاج تصريحًا؛ يكفي إخطار مكتب العمل خلال ٧ أيام من بدء العمل وانتهائه.', en: 'Exempt categories need no permit; the labour office is notified within 7 days of the start and end of work instead.' },
      required: false,
      options: [{ value: 'none', label: { ar: 'لا، ليس من الفئات المعفاة', en: 'No, not an exempt category' } }, ...EXEMPT_CATEGORIES.map((c) => ({ value: c.code, label: { ar: c.ar, en: c.en } }))],
    },
    { key: 'isco', type: 'isco', label: { ar: 'المهنة (ISCO-08)', en: 'Occupation (ISCO-08)' }, required: true },
    {
      key: 'permitType',
      type: 'select',
      label: { ar: 'نوع التصريح', en: 'Kind of permit' },
      help: { ar: `المهمة القصيرة (${a(String(maxDays))} يومًا على الأكثر) تحتاج موافقة مسبقة قبل بدئها.`, en: `A short assignment (at most ${maxDays} days) needs approval before it starts.` },
      required: false,
      options: [
        { value: 'standard', label: { ar: 'تصريح عمل (حتى سنة)', en: 'Work permit (up to one year)' } },
        { value: 'short_assignment', label: { ar: `مهمة قصيرة (${a(String(maxDays))} يومًا أو أقل)`, en: `Short assignment (${maxDays} days or less)` } },
      ],
    },
    { key: 'durationMonths', type: 'number', label: { ar: 'المدة المطلوبة بالأشهر (تصريح العمل)', en: 'Requested duration in months (work permit)' }, help: { ar: 'مطلوبة لتصريح العمل؛ لا تُملأ للمهمة القصيرة.', en: 'Required for a work permit; leave empty for a short assignment.' }, required: false, min: 1, max: PERMITS.maxDurationMonths, visibleWhen: STANDARD_ONLY },
    { key: 'assignmentStart', type: 'date', label: { ar: 'تاريخ بدء المهمة القصيرة', en: 'Short assignment: start date' }, required: false, visibleWhen: SHORT_ONLY },
    { key: 'assignmentDays', type: 'number', label: { ar: 'مدة المهمة القصيرة بالأيام', en: 'Short assignment: length in days' }, required: false, min: 1, max: maxDays, visibleWhen: SHORT_ONLY },
    { key: 'assignmentWageEgp', type: 'number', label: { ar: 'أجر العامل عن المهمة بالجنيه', en: "Short assignment: the worker's wage for it, EGP" }, help: { ar: `الرسم ${a(String(shortFee.wagePercent))}٪ من هذا الأجر.`, en: `The fee is ${shortFee.wagePercent}% of this wage.` }, required: false, min: 1, max: 100_000_000, visibleWhen: SHORT_ONLY },
    { key: 'renewalOf', type: 'text', label: { ar: 'رقم التصريح المطلوب تجديده (للتجديد فقط)', en: 'Number of the permit to renew (renewals only)' }, required: false, max: 40 },
  ],
  documents: [
    { type: 'commercial_register', label: { ar: 'السجل التجاري أو الترخيص', en: 'Commercial register or licence' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'tax_card', label: { ar: 'البطاقة الضريبية', en: 'Tax card' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'authorisation', label: { ar: 'تفويض الممثل عن المنشأة', en: "Representative's authorisation" }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'passport_copy', label: { ar: 'صورة جواز سفر العامل', en: "Copy of the worker's passport" }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'hiv_certificate', label: { ar: 'شهادة خلو من فيروس نقص المناعة (فحص داخل مصر)', en: 'HIV test certificate (tested in Egypt)' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'photo', label: { ar: 'صورة شخصية للعامل', en: "Worker's photo" }, acceptedMimeTypes: ['image/jpeg', 'image/png'], maxBytes: 2 * MB, required: true },
    { type: exceptions.committeeApproval.document, label: { ar: 'صورة قرار اللجنة بالموافقة على تجاوز النسبة (عند وجوده)', en: "Copy of the committee's approval to exceed the quota (if claimed)" }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: false },
    { type: FEES.work_permit.feeExemptions.treatyBeneficiaryDocument, label: { ar: 'ما يثبت الاستفادة من اتفاقية تعفي من الرسم (عند طلب الإعفاء)', en: 'Proof of an agreement exempting from the fee (if claimed)' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: false },
  ],
  fee: {
    text: {
      ar: `بحسب سنة التصريح (جدول قابل للتعديل، بالجنيه): ${feeList(feeTable, true)}، وما بعدها بقيمة السنة الأخيرة. فوق نسبة الأجانب بأحد الاستثناءات: ${feeList(aboveTable, true)}. المهمة القصيرة: ${a(String(shortFee.wagePercent))}٪ من الأجر بين ${egpAmount(shortFee.minEgp).ar} و${egpText(shortFee.maxEgp).ar}. تُعفى جنسيات محددة والمستفيدون من اتفاقيات.`,
      en: `By permit year (configurable table, EGP): ${feeList(feeTable, false)}; later years at the last amount. Above the quota under an exception: ${feeList(aboveTable, false)}. Short assignment: ${shortFee.wagePercent}% of the wage, between ${egpText(shortFee.minEgp).en} and ${egpAmount(shortFee.maxEgp).en}. Some nationalities and treaty beneficiaries are exempt.`,
    },
    exemptions: [{ code: TREATY_EXEMPTION, label: TREATY_EXEMPTION_LABEL, requiredDocument: FEES.work_permit.feeExemptions.treatyBeneficiaryDocument }],
    async compute({ answers, db, exemption, today }) {
      const year = await permitYear(db, answers);
      const basis = quotaBasis(await quotaPosition(db, answers, today), answers);
      return workPermitFee({ answers, exemption, year, basis });
    },
  },
  eligibility: [
    {
      key: 'not_exempt_category',
      label: { ar: 'ألا يكون العامل من الفئات المعفاة من التصريح (يُخطر عنها المكتب بدلًا من ذلك)', en: 'The worker is not in a category exempt from the permit (those are notified instead)' },
      check: ({ answers }) => (answers ? exemptCategoryCheck(answers) : { ok: true }),
    },
    {
      key: 'occupation_not_prohibited',
      label: {
        ar: `ألا تكون المهنة محظورة على الأجانب: ${PROHIBITED.map((p) => `${p.ar} (${a(p.isco)})`).join('، ')}`,
        en: `The occupation is not closed to foreigners: ${PROHIBITED.map((p) => `${p.en} (${p.isco})`).join(', ')}`,
      },
      check: ({ answers }) => (answers ? prohibitedOccupationCheck(answers) : { ok: true }),
    },
    {
      key: 'quota',
      label: {
        ar: `ألا يتجاوز الأجانب ${a(String(PERMITS.quotaPercent))}٪ من عمال المنشأة، إلا باستثناء: المنطقة الحرة، أو المنشأة الصغيرة (أقل من ${a(String(exceptions.smallEstablishment.belowWorkers))} عمال)، أو موافقة اللجنة — وحينئذ بالرسم الأعلى`,
        en: `Foreigners stay within ${PERMITS.quotaPercent}% of the establishment's workforce, unless an exception applies: free zone, small establishment (below ${exceptions.smallEstablishment.belowWorkers} workers) or committee approval — then at the higher fee`,
      },
      check: ({ db, answers, today }) => (answers ? quotaCheck(db, answers, today) : { ok: true }),
    },
    {
      key: 'no_active_permit',
      label: { ar: 'ألا يحمل العامل تصريحًا ساريًا في المنشأة نفسها (يُجدَّد التصريح الساري بدلًا من ذلك)', en: 'The worker holds no active permit at the same establishment (an active permit is renewed instead)' },
      check: ({ db, answers, today }) => (answers ? noActivePermitCheck(db, answers, today) : { ok: true }),
    },
    { key: 'renewal_before_expiry', label: { ar: 'التجديد قبل انتهاء التصريح السابق', en: 'Renewal before the earlier permit expires' }, check: ({ db, answers, today }) => (answers ? renewalCheck(db, answers, today) : { ok: true }) },
    {
      key: 'short_assignment_prior_approval',
      label: { ar: `المهمة القصيرة (${a(String(maxDays))} يومًا على الأكثر) يُتقدَّم لها قبل بدئها`, en: `A short assignment (at most ${maxDays} days) is applied for before it starts` },
      check: ({ answers, today }) => (answers ? shortAssignmentCheck(answers, today) : { ok: true }),
    },
  ],
  routing: 'residence_office',
  steps: [
    { key: 'office_review', title: { ar: 'مراجعة مكتب العمل', en: 'Labour office review' }, level: 'office', roles: ['clerk', 'office_head'], slaHours: 72, optional: false },
    { key: 'security_review', title: { ar: 'المراجعة الأمنية (المديرية)', en: 'Security review (directorate)' }, level: 'directorate', roles: ['directorate_manager'], slaHours: 120, optional: false },
  ],
  issues: { kind: 'work_permit', title: { ar: 'تصريح عمل لعامل أجنبي', en: 'Work permit for a foreign worker' }, validityMonths: PERMITS.maxDurationMonths },
  notes: [
    { ar: 'يُجدَّد التصريح قبل انتهائه؛ يبدأ التنبيه بالتجديد قبل ٣٠ يومًا من تاريخ الانتهاء.', en: 'Renew before expiry; renewal is due 30 days before the end date.' },
    {
      ar: `الفئات المعفاة من التصريح: ${EXEMPT_CATEGORIES.map((c) => c.ar).join('، ')}. يُخطر صاحب العمل مكتب العمل عنهم خلال ${a(String(PERMITS.exemptCategories.noticeDays))} أيام من بدء العمل ومن انتهائه.`,
      en: `Exempt from the permit: ${EXEMPT_CATEGORIES.map((c) => c.en).join('; ')}. Their employer notifies the labour office within ${PERMITS.exemptCategories.noticeDays} days of the start and of the end of the work.`,
    },
    { ar: 'يُحظر احتجاز جواز سفر العامل، ويلتزم صاحب العمل بسجل للعمالة الأجنبية.', en: "Keeping the worker's passport is banned; the employer keeps a foreign-labour register." },
  ],

  subject: {
    key: workPermitSubjectKey,
    duplicateReason: (reference) => ({
      ar: `يوجد طلب تصريح عمل مفتوح لهذا العامل (الجنسية ورقم جواز السفر نفسهما) في هذه المنشأة: ${reference}. تابعه أو اسحبه قبل تقديم طلب آخر.`,
      en: `There is already an open work-permit application for this worker (same nationality and passport number) at this establishment: ${reference}. Continue it, or withdraw it before making another.`,
    }),
  },

  async validate(ctx, answers): Promise<FieldError[]> {
    const errors = await checkIsco(ctx, 'isco', answers.isco);
    if (!/^\d{1,15}$/.test(crOf(answers.crNumber))) errors.push(fieldError('/answers/crNumber', 'invalid_format'));
    if (!/^[A-Z0-9]{5,20}$/.test(passportOf(answers.passportNumber))) errors.push(fieldError('/answers/passportNumber', 'invalid_format'));
    if (!isForeignCountry(answers.nationality)) errors.push(fieldError('/answers/nationality', 'invalid_value'));
    const need = (key: string) => {
      if (answers[key] === undefined || answers[key] === null || answers[key] === '') errors.push(fieldError(`/answers/${key}`, 'required'));
    };
    if (permitTypeOf(answers) === 'short_assignment') {
      for (const k of ['assignmentStart', 'assignmentDays', 'assignmentWageEgp']) need(k);
      if (typeof answers.assignmentStart === 'string' && !isRealDate(answers.assignmentStart)) errors.push(fieldError('/answers/assignmentStart', 'invalid_value'));
    } else {
      need('durationMonths');
    }
    if (answers.committeeApproval === 'yes') need('committeeDecisionNumber');
    return errors;
  },

  requiredDocumentsFor(answers) {
    // Decree 279/2025's committee-approval exception is claimed with the committee's decision.
    return answers.committeeApproval === 'yes' ? [exceptions.committeeApproval.document] : [];
  },

  /**
   * At the final approval: every rule is checked again (the register and the configuration may have
   * changed since the application), and the fee now due may not exceed the fee quoted and settled (e.g.
   * other permits pushed the establishment above the quota, so the higher table applies): 422
   * `service_not_eligible` with the reason, nothing written. A short assignment runs from its start date
   * for its days (prior approval: not after it started); a standard permit from today, or for a renewal
   * from the day after the earlier permit ends, for the requested months.
   */
  async prepareIssue(trx, ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    const ans = ctx.answers;
    const type = permitTypeOf(ans);
    const checks = [exemptCategoryCheck(ans), prohibitedOccupationCheck(ans), await quotaCheck(trx, ans, today), await renewalCheck(trx, ans, today), shortAssignmentCheck(ans, today)];
    const failed = checks.flatMap((c) => (c.ok ? [] : [c.reason]));
    if (failed.length) throw new AppError('service_not_eligible', { detail: failed.map((r) => r.en).join(' '), extensions: { reasonsAr: failed.map((r) => r.ar).join(' ') } });
    const previous = typeof ans.renewalOf === 'string' && ans.renewalOf.trim() ? await findPermitByNumber(trx, ans.renewalOf) : undefined;
    const year = await permitYear(trx, ans);
    const basis = quotaBasis(await quotaPosition(trx, ans, today), ans) ?? { basis: 'within_quota' as const, higherFee: false };
    const app = await trx.selectFrom('service_applications').select(['fee_piastres', 'fee_exemption']).where('id', '=', ctx.applicationId).executeTakeFirstOrThrow();
    const due = workPermitFee({ answers: ans, exemption: app.fee_exemption, year, basis });
    if (due.amountPiastres > app.fee_piastres) {
      const [was, now] = [app.fee_piastres / 100, due.amountPiastres / 100];
      throw new AppError('service_not_eligible', {
        detail: `The fee due has changed since the application (${egpText(was).en} quoted, ${egpText(now).en} due now: ${due.explanation.en}); reject this application so that a new one is made at the right fee.`,
        extensions: { reasonsAr: `تغيّر الرسم المستحق منذ تقديم الطلب (${egpText(was).ar} عند التقديم، و${egpText(now).ar} الآن: ${due.explanation.ar})؛ ارفض هذا الطلب ليُقدَّم طلب جديد بالرسم الصحيح.` },
      });
    }
    let validFrom: string;
    let validUntil: string;
    if (type === 'short_assignment') {
      validFrom = normalizeDigits(String(ans.assignmentStart));
      validUntil = addDays(validFrom, Number(ans.assignmentDays) - 1);
    } else {
      // A renewal runs on from the day after the earlier permit ends.
      validFrom = previous && previous.valid_until >= today ? addDays(previous.valid_until, 1) : today;
      validUntil = addMonths(validFrom, Number(ans.durationMonths));
    }
    const office = await trx.selectFrom('offices').select(['id', 'directorate_code']).where('id', '=', ctx.officeId ?? '').executeTakeFirstOrThrow();
    const { serial } = await sql<{ serial: string }>`SELECT nextval('work_permit_serial')::text AS serial`.execute(trx).then((r) => r.rows[0]!);
    // The permit number has its own prefix (WPN), distinct from the application reference (WP-…), so that
    // the two are never confused on paper or on the phone.
    const number = `WPN-${today.slice(0, 4)}-${serial.padStart(6, '0')}`;
    const id = randomUUID();
    const cr = crOf(ans.crNumber);
    const passport = passportOf(ans.passportNumber);
    const nationality = String(ans.nationality);
    await trx
      .insertInto('work_permits')
      .values({
        id,
        permit_number: number,
        application_id: ctx.applicationId,
        representative_citizen_id: ctx.applicant.citizenId,
        office_id: office.id,
        directorate_code: office.directorate_code,
        establishment_cr: cr,
        establishment_name: String(ans.establishmentName),
        worker_name: String(ans.workerName),
        passport_number: passport,
        nationality,
        isco: String(ans.isco),
        permit_year: year,
        valid_from: validFrom,
        valid_until: validUntil,
        renews_permit_id: previous?.id ?? null,
        permit_type: type,
        quota_basis: basis.basis,
        document_code: null,
        cancelled_at: null,
        cancel_reason: null,
        created_at: ctx.now,
      })
      .execute();
    if (previous) await trx.updateTable('work_permits').set({ status: 'renewed' }).where('id', '=', previous.id).execute();
    // Arabic: the country's name alone («الهند»); English keeps the ISO 3166-1 code ("India (IN)"). Documents
    // issued before keep the fields they were signed with.
    const name = countryName(nationality);
    const country: Bilingual = { ar: name.ar, en: `${name.en} (${nationality})` };
    return {
      fields: [
        { key: 'holder', label: { ar: 'العامل', en: 'Worker' }, value: same(String(ans.workerName)) },
        { key: 'permit_number', label: { ar: 'رقم التصريح', en: 'Permit number' }, value: same(number) },
        { key: 'nationality', label: { ar: 'الجنسية', en: 'Nationality' }, value: country },
        { key: 'occupation', label: { ar: 'المهنة', en: 'Occupation' }, value: await occupationTitle({ db: trx }, String(ans.isco)) },
        { key: 'establishment', label: { ar: 'المنشأة', en: 'Establishment' }, value: { ar: `${String(ans.establishmentName)} — السجل التجاري ${a(cr)}`, en: `${String(ans.establishmentName)} — CR ${cr}` } },
        { key: 'valid_from', label: { ar: 'صالح من', en: 'Valid from' }, value: dateText(validFrom) },
        ...(type === 'short_assignment'
          ? [{ key: 'short_assignment', label: { ar: 'مهمة قصيرة', en: 'Short assignment' }, value: { ar: `${a(String(ans.assignmentDays))} يومًا، بموافقة مسبقة`, en: `${String(ans.assignmentDays)} days, prior approval` } }]
          : [{ key: 'permit_year', label: { ar: 'سنة التصريح', en: 'Permit year' }, value: digits(year) }]),
        ...(basis.basis !== 'within_quota'
          ? [{ key: 'quota_basis', label: { ar: 'نسبة الأجانب', en: 'Foreign-worker quota' }, value: basis.basis === 'committee_approval' ? { ar: `${QUOTA_BASIS_TITLES[basis.basis].ar} رقم ${String(ans.committeeDecisionNumber)}`, en: `${QUOTA_BASIS_TITLES[basis.basis].en} no. ${String(ans.committeeDecisionNumber)}` } : QUOTA_BASIS_TITLES[basis.basis] }]
          : []),
        ...(previous ? [{ key: 'renews', label: { ar: 'تجديد للتصريح', en: 'Renews permit' }, value: same(previous.permit_number) }] : []),
      ],
      payload: {
        service: 'work_permit',
        law: 'EG Ministerial Decree 279/2025',
        permitNumber: number,
        establishment: { commercialRegister: cr, name: ans.establishmentName },
        worker: { name: ans.workerName, passportNumber: passport, nationality },
        isco: ans.isco,
        permitYear: year,
        permitType: type,
        quotaBasis: basis.basis,
        ...(basis.basis === 'committee_approval' ? { committeeDecision: ans.committeeDecisionNumber } : {}),
        ...(type === 'short_assignment' ? { assignment: { start: validFrom, days: Number(ans.assignmentDays), wageEgp: Number(ans.assignmentWageEgp) } } : {}),
        validFrom,
        validUntil,
        renews: previous?.permit_number ?? null,
        applicationReference: ctx.reference,
      },
      validUntil,
      async afterIssue(t, code) {
        await t.updateTable('work_permits').set({ document_code: code }).where('id', '=', id).execute();
      },
    };
  },
};

function addDays(date: string, days: number): string {
  return dayBefore(date, -days);
}

/** Permit year: the earlier permit's year + 1 for a renewal; otherwise 1 + the worker's earlier standard permits (same passport and nationality). */
async function permitYear(db: Db, answers: Record<string, unknown>): Promise<number> {
  // A short assignment has no permit year of its own (its fee is a share of the wage): 1 keeps the field meaningful.
  if (permitTypeOf(answers) === 'short_assignment') return 1;
  if (typeof answers.renewalOf === 'string' && answers.renewalOf.trim()) {
    const p = await findPermitByNumber(db, answers.renewalOf);
    if (p) return p.permit_year + 1;
  }
  if (typeof answers.passportNumber !== 'string') return 1;
  const r = await db
    .selectFrom('work_permits')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('passport_number', '=', passportOf(answers.passportNumber))
    .where('nationality', '=', typeof answers.nationality === 'string' ? answers.nationality : '')
    .where('status', '<>', 'cancelled')
    // Short assignments are not permit years.
    .where('permit_type', '=', 'standard')
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

/** A real calendar date YYYY-MM-DD (Arabic-Indic digits accepted). */
function isRealDate(v: string): boolean {
  const d = normalizeDigits(v.trim());
  const t = new Date(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

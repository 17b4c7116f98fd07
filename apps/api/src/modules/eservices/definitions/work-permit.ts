import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { normalizeDigits, type FieldError, type WorkPermitState } from '@rabt/contracts';
import { AppError, fieldError } from '../../../http/errors.ts';
import type { DB } from '../../../platform/db/schema.ts';
import { addMonths, type Bilingual, type RuleResult, type ServiceDefinition } from '../definitions.ts';
import { FEES, PERMITS, permitFeeEgp } from '../service-config.ts';
import { IMAGES_OR_PDF, checkIsco, digits, occupationTitle, same, toArabicDigits } from './shared.ts';

type Db = Kysely<DB> | Transaction<DB>;
const MB = 1024 * 1024;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const a = toArabicDigits;

/** Commercial-register number as stored: Arabic-Indic digits made ASCII, spaces removed. */
export const crOf = (v: unknown) => (typeof v === 'string' ? normalizeDigits(v).replace(/\s+/g, '') : '');
const passportOf = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() : '');

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
 * valid_until, renewal_due within the configured window (30 days) before it, active before that.
 */
export function permitState(p: { status: 'active' | 'renewed' | 'cancelled'; valid_until: string }, today: string): WorkPermitState {
  if (p.status !== 'active') return p.status;
  if (today > p.valid_until) return 'expired';
  if (today >= dayBefore(p.valid_until, PERMITS.renewalWindowDays)) return 'renewal_due';
  return 'active';
}

function findPermitByNumber(db: Db, number: string) {
  return db.selectFrom('work_permits').selectAll().where('permit_number', '=', number.trim().toUpperCase()).executeTakeFirst();
}

/**
 * The quota rule of Decree 279/2025: foreign workers at most `quotaPercent` (10 %) of the establishment's
 * workforce. Foreigners after this permit = max(declared foreign headcount, the establishment's active
 * permits in the register) + 1 (+ 0 for a renewal: the worker is already counted); workforce = Egyptian
 * headcount + foreigners after. Exceptions (configured): a free zone; a small establishment (workforce
 * below the configured size). The reason carries the numbers.
 */
export async function quotaCheck(db: Db, answers: Record<string, unknown>, today: string): Promise<RuleResult> {
  const egyptians = Number(answers.egyptianHeadcount);
  const declared = Number(answers.foreignHeadcount);
  if (!Number.isInteger(egyptians) || !Number.isInteger(declared)) return { ok: true };
  const r = await db
    .selectFrom('work_permits')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('establishment_cr', '=', crOf(answers.crNumber))
    .where('status', '=', 'active')
    .where('valid_until', '>=', today)
    .executeTakeFirstOrThrow();
  const registered = Number(r.n);
  const renewal = typeof answers.renewalOf === 'string' && answers.renewalOf.trim() !== '';
  const foreigners = Math.max(declared, registered) + (renewal ? 0 : 1);
  const workforce = egyptians + foreigners;
  const allowed = Math.floor((workforce * PERMITS.quotaPercent) / 100);
  if (foreigners <= allowed) return { ok: true };
  if (PERMITS.exceptions.freeZone && answers.freeZone === 'yes') return { ok: true };
  if (workforce < PERMITS.exceptions.smallEstablishmentBelowWorkers) return { ok: true };
  const pct = ((foreigners * 100) / workforce).toFixed(1);
  return {
    ok: false,
    reason: {
      ar: `تجاوز نسبة الأجانب: سيصبح عدد العمال الأجانب ${a(String(foreigners))} من إجمالي ${a(String(workforce))} عاملًا (${a(pct)}٪)، والحد الأقصى ${a(String(PERMITS.quotaPercent))}٪ أي ${a(String(allowed))} عاملًا أجنبيًا (${a(String(egyptians))} مصريًا، ${a(String(registered))} تصريحًا ساريًا مسجلًا للمنشأة). لا ينطبق استثناء المنطقة الحرة ولا استثناء المنشأة الصغيرة (أقل من ${a(String(PERMITS.exceptions.smallEstablishmentBelowWorkers))} عمال).`,
      en: `Foreign-worker quota exceeded: foreign workers would be ${foreigners} of a workforce of ${workforce} (${pct}%), above the ${PERMITS.quotaPercent}% cap of ${allowed} (${egyptians} Egyptian workers, ${registered} active permits registered for the establishment). Neither the free-zone nor the small-establishment exception (below ${PERMITS.exceptions.smallEstablishmentBelowWorkers} workers) applies.`,
    },
  };
}

/** Renewal: the earlier permit must exist, be the same worker and establishment, still active and not expired. */
async function renewalCheck(db: Db, answers: Record<string, unknown>, today: string): Promise<RuleResult> {
  const number = typeof answers.renewalOf === 'string' ? answers.renewalOf.trim() : '';
  if (!number) return { ok: true };
  const p = await findPermitByNumber(db, number);
  if (!p || p.establishment_cr !== crOf(answers.crNumber) || p.passport_number !== passportOf(answers.passportNumber)) {
    return { ok: false, reason: { ar: `لا يوجد تصريح برقم ${number} لهذا العامل في هذه المنشأة.`, en: `There is no permit ${number} for this worker at this establishment.` } };
  }
  const state = permitState(p, today);
  if (state === 'expired') {
    return { ok: false, reason: { ar: `انتهى التصريح ${p.permit_number} في ${a(p.valid_until)}؛ التجديد جائز قبل انتهاء التصريح فقط. تقدّم بطلب تصريح جديد.`, en: `Permit ${p.permit_number} expired on ${p.valid_until}; renewal is allowed only before expiry. Apply for a new permit.` } };
  }
  if (state === 'cancelled' || state === 'renewed') {
    return { ok: false, reason: { ar: `التصريح ${p.permit_number} ${state === 'cancelled' ? 'ملغى' : 'جُدِّد بالفعل'}؛ لا يمكن تجديده.`, en: `Permit ${p.permit_number} is ${state}; it cannot be renewed.` } };
  }
  return { ok: true };
}

const feeTable = FEES.work_permit.byPermitYearEgp;

/**
 * Work permit for a foreign worker — Ministerial Decree 279/2025 (issued by the Ministry's directorates):
 * applied for by an establishment through its authorised representative (a signed-in citizen), for a
 * named foreign worker (passport, nationality ISO 3166-1, occupation ISCO-08), for up to 12 months.
 * Quota: foreigners at most 10 % of the workforce, exceptions configured (data/eservices/work-permits.json).
 * Fee by permit year from the configured table (data/eservices/fees.json: configuration, the 279/2025
 * amounts were not found). Steps: office review, then security review by the directorate manager; the
 * permit is then active until valid_until, renewal due 30 days before, expired after; renewal = a new
 * application quoting the earlier permit, before it expires; cancellation by the office revokes the
 * signed document (/verify shows it revoked).
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
    {
      key: 'freeZone',
      type: 'select',
      label: { ar: 'هل المنشأة في منطقة حرة؟', en: 'Is the establishment in a free zone?' },
      required: true,
      options: [
        { value: 'no', label: { ar: 'لا', en: 'No' } },
        { value: 'yes', label: { ar: 'نعم', en: 'Yes' } },
      ],
    },
    { key: 'workerName', type: 'text', label: { ar: 'اسم العامل الأجنبي (كما في جواز السفر)', en: "Foreign worker's name (as in the passport)" }, required: true, max: 200 },
    { key: 'passportNumber', type: 'text', label: { ar: 'رقم جواز السفر', en: 'Passport number' }, required: true, max: 20 },
    { key: 'nationality', type: 'text', label: { ar: 'الجنسية (رمز ISO 3166-1 من حرفين، مثل IN)', en: 'Nationality (ISO 3166-1 two-letter code, e.g. IN)' }, required: true, max: 2 },
    { key: 'isco', type: 'isco', label: { ar: 'المهنة (ISCO-08)', en: 'Occupation (ISCO-08)' }, required: true },
    { key: 'durationMonths', type: 'number', label: { ar: 'المدة المطلوبة بالأشهر', en: 'Requested duration (months)' }, required: true, min: 1, max: PERMITS.maxDurationMonths },
    { key: 'renewalOf', type: 'text', label: { ar: 'رقم التصريح المطلوب تجديده (للتجديد فقط)', en: 'Number of the permit to renew (renewals only)' }, required: false, max: 40 },
  ],
  documents: [
    { type: 'commercial_register', label: { ar: 'السجل التجاري أو الترخيص', en: 'Commercial register or licence' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'tax_card', label: { ar: 'البطاقة الضريبية', en: 'Tax card' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'authorisation', label: { ar: 'تفويض الممثل عن المنشأة', en: "Representative's authorisation" }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'passport_copy', label: { ar: 'صورة جواز سفر العامل', en: "Copy of the worker's passport" }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'hiv_certificate', label: { ar: 'شهادة خلو من فيروس نقص المناعة (فحص داخل مصر)', en: 'HIV test certificate (tested in Egypt)' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * MB, required: true },
    { type: 'photo', label: { ar: 'صورة شخصية للعامل', en: "Worker's photo" }, acceptedMimeTypes: ['image/jpeg', 'image/png'], maxBytes: 2 * MB, required: true },
  ],
  fee: {
    text: {
      ar: `بحسب سنة التصريح (جدول قابل للتعديل): ${feeTable.map((f, i) => `السنة ${a(String(i + 1))}: ${a(String(f))} جنيه`).join('، ')}، وما بعدها بقيمة السنة الأخيرة.`,
      en: `By permit year (configurable table): ${feeTable.map((f, i) => `year ${i + 1}: EGP ${f}`).join(', ')}; later years at the last amount.`,
    },
    exemptions: [],
    async compute({ answers, db }) {
      const year = await permitYear(db, answers);
      const fee = permitFeeEgp(year);
      return { amountPiastres: fee * 100, exemption: null, explanation: { ar: `سنة التصريح ${a(String(year))}: ${a(String(fee))} جنيه.`, en: `Permit year ${year}: EGP ${fee}.` } };
    },
  },
  eligibility: [
    { key: 'quota', label: { ar: `ألا يتجاوز الأجانب ${a(String(PERMITS.quotaPercent))}٪ من عمال المنشأة (ما لم ينطبق استثناء)`, en: `Foreigners stay within ${PERMITS.quotaPercent}% of the establishment's workforce (unless an exception applies)` }, check: ({ db, answers, today }) => (answers ? quotaCheck(db, answers, today) : { ok: true }) },
    { key: 'renewal_before_expiry', label: { ar: 'التجديد قبل انتهاء التصريح السابق', en: 'Renewal before the earlier permit expires' }, check: ({ db, answers, today }) => (answers ? renewalCheck(db, answers, today) : { ok: true }) },
  ],
  routing: 'residence_office',
  steps: [
    { key: 'office_review', title: { ar: 'مراجعة مكتب العمل', en: 'Labour office review' }, level: 'office', roles: ['clerk', 'office_head'], slaHours: 72, optional: false },
    { key: 'security_review', title: { ar: 'المراجعة الأمنية (المديرية)', en: 'Security review (directorate)' }, level: 'directorate', roles: ['directorate_manager'], slaHours: 120, optional: false },
  ],
  issues: { kind: 'work_permit', title: { ar: 'تصريح عمل لعامل أجنبي', en: 'Work permit for a foreign worker' }, validityMonths: PERMITS.maxDurationMonths },
  notes: [
    { ar: 'يُجدَّد التصريح قبل انتهائه؛ يبدأ التنبيه بالتجديد قبل ٣٠ يومًا من تاريخ الانتهاء.', en: 'Renew before expiry; renewal is due 30 days before the end date.' },
    { ar: 'يُحظر احتجاز جواز سفر العامل، ويلتزم صاحب العمل بسجل للعمالة الأجنبية.', en: "Keeping the worker's passport is banned; the employer keeps a foreign-labour register." },
  ],

  async validate(ctx, answers): Promise<FieldError[]> {
    const errors = await checkIsco(ctx, 'isco', answers.isco);
    if (!/^\d{1,15}$/.test(crOf(answers.crNumber))) errors.push(fieldError('/answers/crNumber', 'invalid_format'));
    if (!/^[A-Z0-9]{5,20}$/.test(passportOf(answers.passportNumber))) errors.push(fieldError('/answers/passportNumber', 'invalid_format'));
    if (!isForeignCountry(answers.nationality)) errors.push(fieldError('/answers/nationality', 'invalid_value'));
    return errors;
  },

  async prepareIssue(trx, ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    const ans = ctx.answers;
    // Checked again at the decision: other permits may have been issued since the application.
    const quota = await quotaCheck(trx, ans, today);
    if (!quota.ok) throw new AppError('service_not_eligible', { detail: quota.reason.en, extensions: { reasonsAr: quota.reason.ar } });
    const renewal = await renewalCheck(trx, ans, today);
    if (!renewal.ok) throw new AppError('service_not_eligible', { detail: renewal.reason.en, extensions: { reasonsAr: renewal.reason.ar } });
    const previous = typeof ans.renewalOf === 'string' && ans.renewalOf.trim() ? await findPermitByNumber(trx, ans.renewalOf) : undefined;
    const year = await permitYear(trx, ans);
    // A renewal runs on from the day after the earlier permit ends.
    const validFrom = previous && previous.valid_until >= today ? addDays(previous.valid_until, 1) : today;
    const validUntil = addMonths(validFrom, Number(ans.durationMonths));
    const office = await trx.selectFrom('offices').select(['id', 'directorate_code']).where('id', '=', ctx.officeId ?? '').executeTakeFirstOrThrow();
    const { serial } = await sql<{ serial: string }>`SELECT nextval('work_permit_serial')::text AS serial`.execute(trx).then((r) => r.rows[0]!);
    const number = `WP-${today.slice(0, 4)}-${serial.padStart(6, '0')}`;
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
        document_code: null,
        cancelled_at: null,
        cancel_reason: null,
        created_at: ctx.now,
      })
      .execute();
    if (previous) await trx.updateTable('work_permits').set({ status: 'renewed' }).where('id', '=', previous.id).execute();
    const country: Bilingual = { ar: `${new Intl.DisplayNames(['ar'], { type: 'region' }).of(nationality) ?? nationality} (${nationality})`, en: `${regionNames.of(nationality) ?? nationality} (${nationality})` };
    return {
      fields: [
        { key: 'holder', label: { ar: 'العامل', en: 'Worker' }, value: same(String(ans.workerName)) },
        { key: 'permit_number', label: { ar: 'رقم التصريح', en: 'Permit number' }, value: same(number) },
        { key: 'nationality', label: { ar: 'الجنسية', en: 'Nationality' }, value: country },
        { key: 'occupation', label: { ar: 'المهنة', en: 'Occupation' }, value: await occupationTitle({ db: trx }, String(ans.isco)) },
        { key: 'establishment', label: { ar: 'المنشأة', en: 'Establishment' }, value: same(`${String(ans.establishmentName)} — CR ${cr}`) },
        { key: 'valid_from', label: { ar: 'ساري من', en: 'Valid from' }, value: digits(validFrom) },
        { key: 'permit_year', label: { ar: 'سنة التصريح', en: 'Permit year' }, value: digits(year) },
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

/** Permit year: the earlier permit's year + 1 for a renewal; otherwise 1 + the worker's earlier permits (same passport and nationality). */
async function permitYear(db: Db, answers: Record<string, unknown>): Promise<number> {
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
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

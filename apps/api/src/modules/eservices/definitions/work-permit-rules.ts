import type { Kysely, Transaction } from 'kysely';
import { normalizeDigits, type FeeQuote } from '@rabt/contracts';
import type { DB } from '../../../platform/db/schema.ts';
import type { Bilingual, RuleResult } from '../definitions.ts';
import { FEES, PERMITS, permitFeeEgp, shortAssignmentFeeEgp } from '../service-config.ts';
import { countryName } from './countries.ts';
import { dateText, isIsoDate } from '../../../platform/pdf/dates.ts';
import { egpAmount, egpText, toArabicDigits } from './shared.ts';

/**
 * The rules of Ministerial Decree 279/2025 on foreigners' work permits that the application form checks
 * (source: the law-firm summary https://www.mondaq.com/employee-rights-labour-relations/1732424/, see
 * ../../../shared/reference/domain-data.md §4.4). Every figure and list comes from the configuration
 * (apps/api/data/eservices/work-permits.json and fees.json), where what the summary does not give is
 * marked as configuration. Each refusal carries an Arabic and an English reason naming its source.
 */

type Db = Kysely<DB> | Transaction<DB>;
const a = (v: string | number) => toArabicDigits(String(v));

const AR_PLURAL = new Intl.PluralRules('ar');
const AR_NUMBER = new Intl.NumberFormat('ar-EG', { maximumFractionDigits: 1 });
/** Forms of an Arabic counted noun by CLDR plural category: `one`/`two` are whole phrases, the others follow the number. */
type CountedForms = { zero: string; one: string; two: string; few: string; many: string; other: string };
/**
 * `n` with its counted noun in correct Arabic agreement (Intl.PluralRules('ar'): 0 zero, 1 one, 2 two, 3–10 few
 * "٣ عمال", 11–99 many "١١ عاملًا", 100+ other "١٠٠ عامل"), digits Arabic-Indic.
 */
export function countAr(n: number, forms: CountedForms): string {
  const cat = AR_PLURAL.select(n);
  if (cat === 'one' || cat === 'two') return forms[cat];
  return `${AR_NUMBER.format(n)} ${forms[cat]}`;
}
const WORKERS: CountedForms = { zero: 'عامل', one: 'عامل واحد', two: 'عاملان', few: 'عمال', many: 'عاملًا', other: 'عامل' };
const FOREIGN_WORKERS: CountedForms = { zero: 'عامل أجنبي', one: 'عامل أجنبي واحد', two: 'عاملان أجنبيان', few: 'عمال أجانب', many: 'عاملًا أجنبيًا', other: 'عامل أجنبي' };
const EGYPTIANS: CountedForms = { zero: 'مصري', one: 'مصري واحد', two: 'مصريان', few: 'مصريين', many: 'مصريًا', other: 'مصري' };
const ACTIVE_PERMITS: CountedForms = { zero: 'تصريح ساري مسجل', one: 'تصريح واحد ساري مسجل', two: 'تصريحان ساريان مسجلان', few: 'تصاريح سارية مسجلة', many: 'تصريحًا ساريًا مسجلًا', other: 'تصريح ساري مسجل' };
const SOURCE: Bilingual = { ar: 'قرار وزير العمل رقم ٢٧٩ لسنة ٢٠٢٥', en: 'Ministerial Decree 279/2025' };

/** Commercial-register number as stored: Arabic-Indic digits made ASCII, spaces removed. */
export const crOf = (v: unknown) => (typeof v === 'string' ? normalizeDigits(v).replace(/\s+/g, '') : '');
/** A passport number as stored and compared: no spaces, upper case, Arabic-Indic digits as ASCII («A١٢٣٤٥٦٧» → A1234567). */
export const passportOf = (v: unknown) => (typeof v === 'string' ? normalizeDigits(v).replace(/\s+/g, '').toUpperCase() : '');
/**
 * A civil date `YYYY-MM-DD` in an Arabic reason as the other texts write it («٣٠ نوفمبر ٢٠٢٧», `dateText`);
 * a value that is not a real date (an unchecked answer) is shown as typed, with Arabic-Indic digits.
 */
export const longDateAr = (iso: string): string => (isIsoDate(iso) ? dateText(iso).ar : a(iso));
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export type PermitType = 'standard' | 'short_assignment';
/** `permitType` answer: a short assignment (≤ 14 days) or, by default, a standard permit (≤ 1 year). */
export const permitTypeOf = (answers: Record<string, unknown>): PermitType => (answers.permitType === 'short_assignment' ? 'short_assignment' : 'standard');

// ---------------------------------------------------------------- (d) exempt categories

export const EXEMPT_CATEGORIES = PERMITS.exemptCategories.categories;

/**
 * Exempt categories (Decree 279/2025: treaty-covered persons, diplomats, international organisations,
 * correspondents, unpaid clergy, certain seafarers, archaeology experts, investors with an investment
 * residence) need no permit. The domain note (§4.4, Law 12/2003 Arts 27–30) has their employer notify the
 * labour authority within 7 days of the start and the end of the work, so a permit application for one
 * is refused with that reason and pointed at the exempt-foreigner notice service (exempt-foreigner-notice.ts).
 */
export function exemptCategoryCheck(answers: Record<string, unknown>): RuleResult {
  const code = str(answers.exemptCategory);
  const cat = code && code !== 'none' ? EXEMPT_CATEGORIES.find((c) => c.code === code) : undefined;
  if (!cat) return { ok: true };
  const days = PERMITS.exemptCategories.noticeDays;
  return {
    ok: false,
    reason: {
      ar: `العامل من فئة معفاة من تصريح العمل (${cat.ar}) وفق ${SOURCE.ar}؛ لا يُصدر له تصريح. على صاحب العمل بدلًا من ذلك إخطار مكتب العمل خلال ${a(days)} أيام من بدء العمل ومن انتهائه: استخدم خدمة «إخطار بتشغيل عامل أجنبي معفى من التصريح».`,
      en: `The worker is in a category exempt from the work permit (${cat.en}) under ${SOURCE.en}; no permit is issued. Instead, the employer notifies the labour office within ${days} days of the start and of the end of the work: use the service "Notice of an exempt foreign worker".`,
    },
  };
}

// ---------------------------------------------------------------- (a) prohibited occupations

export const PROHIBITED = PERMITS.prohibitedOccupations.occupations;

/**
 * Prohibited occupations (Decree 279/2025): tour guiding, and export and customs-clearance work with
 * Palestinians excepted for the latter. The ISCO-08 codes that stand for them and the excepted
 * nationalities are configuration (work-permits.json `prohibitedOccupations`).
 */
export function prohibitedOccupationCheck(answers: Record<string, unknown>): RuleResult {
  const isco = normalizeDigits(str(answers.isco));
  const rule = PROHIBITED.find((p) => p.isco === isco);
  if (!rule || rule.exceptNationalities.includes(str(answers.nationality))) return { ok: true };
  const except = rule.exceptNationalities.length ? rule.exceptNationalities : null;
  const names = except?.map((c) => ({ ar: regionName('ar', c), en: regionName('en', c) }));
  return {
    ok: false,
    reason: {
      ar: `لا يجوز تشغيل الأجانب في ${rule.ar} (المهنة ${a(isco)} في تصنيف ISCO-08) وفق ${SOURCE.ar}${names ? `؛ ويُستثنى من ذلك: ${names.map((n) => n.ar).join('، ')}` : ''}.`,
      en: `Foreigners may not be employed in ${rule.en} (ISCO-08 ${isco}) under ${SOURCE.en}${names ? `; the exception is for: ${names.map((n) => n.en).join(', ')}` : ''}.`,
    },
  };
}

const regionName = (locale: 'ar' | 'en', code: string): string => countryName(code)[locale];

// ---------------------------------------------------------------- (b) quota and its exceptions

/** Why a permit fits the quota: within it, or above it under one of the configured exceptions. */
export type QuotaBasis = 'within_quota' | 'free_zone' | 'small_establishment' | 'committee_approval';

export const QUOTA_BASIS_TITLES: Record<QuotaBasis, Bilingual> = {
  within_quota: { ar: 'ضمن نسبة الأجانب', en: 'within the foreign-worker quota' },
  free_zone: { ar: 'استثناء المنطقة الحرة', en: 'free-zone exception' },
  small_establishment: { ar: 'استثناء المنشأة الصغيرة', en: 'small-establishment exception' },
  committee_approval: { ar: 'استثناء بموافقة اللجنة المختصة', en: 'committee-approval exception' },
};

export interface QuotaPosition {
  egyptians: number;
  /** Active, unexpired permits of the establishment in the register. */
  registered: number;
  /** Foreign workers once this permit is granted. */
  foreigners: number;
  workforce: number;
  /** Foreign workers the quota allows for this workforce. */
  allowed: number;
}

/**
 * The establishment's position against the quota (foreigners at most `quotaPercent`, 10 %, of the
 * workforce): foreigners after this permit = max(declared foreign headcount, active permits registered for
 * the establishment) + 1 (+ 0 for a renewal: the worker is already counted); workforce = Egyptian headcount +
 * foreigners after. Null while the headcounts are not answered.
 */
export async function quotaPosition(db: Db, answers: Record<string, unknown>, today: string): Promise<QuotaPosition | null> {
  const egyptians = Number(answers.egyptianHeadcount);
  const declared = Number(answers.foreignHeadcount);
  if (answers.egyptianHeadcount === undefined || answers.egyptianHeadcount === null || answers.foreignHeadcount === undefined || answers.foreignHeadcount === null || !Number.isInteger(egyptians) || !Number.isInteger(declared)) return null;
  const r = await db
    .selectFrom('work_permits')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('establishment_cr', '=', crOf(answers.crNumber))
    .where('status', '=', 'active')
    .where('valid_until', '>=', today)
    .executeTakeFirstOrThrow();
  const registered = Number(r.n);
  const renewal = str(answers.renewalOf) !== '';
  const foreigners = Math.max(declared, registered) + (renewal ? 0 : 1);
  const workforce = egyptians + foreigners;
  return { egyptians, registered, foreigners, workforce, allowed: Math.floor((workforce * PERMITS.quotaPercent) / 100) };
}

/**
 * The basis on which the permit fits the quota, or null when it breaks it. Within the quota first; above
 * it, the configured exceptions of Decree 279/2025 in this order: free zone (answer `freeZone` = yes),
 * small establishment (workforce below the configured size), committee approval (answer
 * `committeeApproval` = yes, with the decision number and its copy). `higherFee`: the exception is
 * configured to carry the above-quota fee table.
 */
export function quotaBasis(pos: QuotaPosition | null, answers: Record<string, unknown>): { basis: QuotaBasis; higherFee: boolean } | null {
  const ex = PERMITS.exceptions;
  if (!pos || pos.foreigners <= pos.allowed) return { basis: 'within_quota', higherFee: false };
  if (ex.freeZone.enabled && answers.freeZone === 'yes') return { basis: 'free_zone', higherFee: ex.freeZone.higherFee };
  if (ex.smallEstablishment.enabled && pos.workforce < ex.smallEstablishment.belowWorkers) return { basis: 'small_establishment', higherFee: ex.smallEstablishment.higherFee };
  if (ex.committeeApproval.enabled && answers.committeeApproval === 'yes') return { basis: 'committee_approval', higherFee: ex.committeeApproval.higherFee };
  return null;
}

/** The quota rule as an eligibility check: a breach is refused with the numbers and the exceptions that did not apply. */
export async function quotaCheck(db: Db, answers: Record<string, unknown>, today: string): Promise<RuleResult> {
  const pos = await quotaPosition(db, answers, today);
  if (!pos || quotaBasis(pos, answers)) return { ok: true };
  const { foreigners, workforce, allowed, egyptians, registered } = pos;
  const pct = ((foreigners * 100) / workforce).toFixed(1);
  const small = PERMITS.exceptions.smallEstablishment.belowWorkers;
  return {
    ok: false,
    reason: {
      ar: `تجاوز نسبة الأجانب: سيصبح عدد العمال الأجانب ${a(foreigners)} من إجمالي ${countAr(workforce, WORKERS)} (${AR_NUMBER.format((foreigners * 100) / workforce)}٪)، والحد الأقصى ${a(PERMITS.quotaPercent)}٪ أي ${countAr(allowed, FOREIGN_WORKERS)} (${countAr(egyptians, EGYPTIANS)}، ${countAr(registered, ACTIVE_PERMITS)} للمنشأة). لا ينطبق استثناء المنطقة الحرة ولا استثناء المنشأة الصغيرة (أقل من ${countAr(small, WORKERS)}) ولا توجد موافقة من اللجنة المختصة (${SOURCE.ar}).`,
      en: `Foreign-worker quota exceeded: foreign workers would be ${foreigners} of a workforce of ${workforce} (${pct}%), above the ${PERMITS.quotaPercent}% cap of ${allowed} (${egyptians} Egyptian workers, ${registered} active permits registered for the establishment). Neither the free-zone nor the small-establishment exception (below ${small} workers) applies, and no committee approval is claimed (${SOURCE.en}).`,
    },
  };
}

// ---------------------------------------------------------------- (e) short assignments

/**
 * Short assignments (Decree 279/2025: at most 14 days, with prior approval): the application is made
 * before the assignment starts, so a start date before today is refused. Not a renewal.
 */
export function shortAssignmentCheck(answers: Record<string, unknown>, today: string): RuleResult {
  if (permitTypeOf(answers) !== 'short_assignment') return { ok: true };
  const start = normalizeDigits(str(answers.assignmentStart));
  if (str(answers.renewalOf)) {
    return { ok: false, reason: { ar: `المهمة القصيرة لا تُجدَّد؛ تقدّم بطلب جديد (${SOURCE.ar}).`, en: `A short assignment is not renewed; make a new application (${SOURCE.en}).` } };
  }
  if (start && start < today) {
    return {
      ok: false,
      reason: {
        ar: `المهمة القصيرة (${a(PERMITS.shortAssignment.maxDays)} يومًا على الأكثر) تحتاج موافقة مسبقة وفق ${SOURCE.ar}: تاريخ بدئها ${longDateAr(start)} سابق لليوم، فلا يمكن التقدم لها الآن.`,
        en: `A short assignment (at most ${PERMITS.shortAssignment.maxDays} days) needs prior approval under ${SOURCE.en}: its start date ${start} is before today, so it cannot be applied for now.`,
      },
    };
  }
  return { ok: true };
}

// ---------------------------------------------------------------- fees, (b) higher fee and (c) exemptions

export const NATIONALITY_EXEMPTION = 'nationality';
export const TREATY_EXEMPTION = 'treaty_beneficiary';
export const TREATY_EXEMPTION_LABEL: Bilingual = { ar: 'مستفيد من اتفاقية تعفيه من رسم التصريح', en: 'Beneficiary of an agreement exempting them from the permit fee' };

/**
 * The work-permit fee in piastres with its explanation. A short assignment pays `wagePercent` (10 %) of
 * the assignment's wage within the configured minimum and maximum; a standard permit pays the permit
 * year's entry of the ordinary table, or of the higher table when it is granted above the quota under an
 * exception configured with `higherFee`. Fee exemptions (Decree 279/2025: some nationalities and treaty
 * beneficiaries): a nationality in the configured list is exempt automatically (exemption code
 * `nationality`); a treaty beneficiary claims `treaty_beneficiary` with its proof document.
 */
export function workPermitFee(input: { answers: Record<string, unknown>; exemption: string | null; year: number; basis: { basis: QuotaBasis; higherFee: boolean } | null }): FeeQuote {
  const { answers, exemption, year, basis } = input;
  let amount: number;
  let what: Bilingual;
  if (permitTypeOf(answers) === 'short_assignment') {
    const cfg = FEES.work_permit.shortAssignment;
    const wage = Number(answers.assignmentWageEgp);
    const days = Number(answers.assignmentDays);
    const known = Number.isInteger(wage) && wage > 0;
    amount = known ? shortAssignmentFeeEgp(wage) : cfg.minEgp;
    const range = { ar: `بين ${egpAmount(cfg.minEgp).ar} و${egpText(cfg.maxEgp).ar}`, en: `between ${egpText(cfg.minEgp).en} and ${egpAmount(cfg.maxEgp).en}` };
    what = known
      ? { ar: `مهمة قصيرة${Number.isInteger(days) ? ` (${a(days)} يومًا)` : ''}: ${a(cfg.wagePercent)}٪ من الأجر ${egpText(wage).ar}، ${range.ar}`, en: `Short assignment${Number.isInteger(days) ? ` (${days} days)` : ''}: ${cfg.wagePercent}% of the wage of ${egpText(wage).en}, ${range.en}` }
      : { ar: `مهمة قصيرة: ${a(cfg.wagePercent)}٪ من الأجر، ${range.ar} (الحد الأدنى إلى أن يُدخل الأجر)`, en: `Short assignment: ${cfg.wagePercent}% of the wage, ${range.en} (the minimum until the wage is entered)` };
  } else {
    const above = basis?.higherFee === true;
    amount = permitFeeEgp(year, above);
    const t = basis && basis.basis !== 'within_quota' ? QUOTA_BASIS_TITLES[basis.basis] : null;
    what = { ar: `سنة التصريح ${a(year)}${t ? ` — فوق نسبة الأجانب (${t.ar})${above ? '، بجدول الرسوم الأعلى' : ''}` : ''}`, en: `Permit year ${year}${t ? ` — above the quota (${t.en})${above ? ', higher fee table' : ''}` : ''}` };
  }
  const nationality = str(answers.nationality);
  if (FEES.work_permit.feeExemptions.nationalities.includes(nationality)) {
    const label = { ar: `جنسية معفاة من الرسم (${regionName('ar', nationality)})`, en: `Nationality exempt from the fee (${regionName('en', nationality)})` };
    return { amountPiastres: 0, exemption: { code: NATIONALITY_EXEMPTION, label }, explanation: { ar: `${what.ar}: معفى (${label.ar}، ${SOURCE.ar}).`, en: `${what.en}: exempt (${label.en}, ${SOURCE.en}).` } };
  }
  if (exemption === TREATY_EXEMPTION) {
    return { amountPiastres: 0, exemption: { code: TREATY_EXEMPTION, label: TREATY_EXEMPTION_LABEL }, explanation: { ar: `${what.ar}: معفى (${TREATY_EXEMPTION_LABEL.ar}).`, en: `${what.en}: exempt (${TREATY_EXEMPTION_LABEL.en}).` } };
  }
  return { amountPiastres: amount * 100, exemption: null, explanation: { ar: `${what.ar}: ${egpText(amount).ar}.`, en: `${what.en}: ${egpText(amount).en}.` } };
}

/**
 * The rules a contract must meet before the Egyptian ministry attests it (issue 4 §2), one pure function
 * per rule, each naming its source. Templates and limits come from data/exchange/contract-templates.json
 * (configuration, not code). The partner node runs the same checks so that an employer sees a failure
 * before submitting; the Egyptian node's run is the one that counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BilingualText, ContractCheck, ContractCheckCode, ContractTerms, JobOrderTerms, Money } from '@rabt/contracts';
import { API_ROOT } from '../../platform/paths.ts';

const Clause = z.object({ ar: z.string().min(1), en: z.string() });
export const CountryTemplate = z.object({
  governingLaw: Clause,
  maxHoursPerWeek: z.number().int().min(1).max(72),
  hoursSource: z.string(),
  probationMaxDays: z.number().int().min(0),
  probationSource: z.string(),
  annualLeaveMinDays: z.number().int().min(0),
  annualLeaveSource: z.string(),
  durationMonths: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }),
  durationSource: z.string(),
  minimumWage: z.object({ currency: z.string().regex(/^[A-Z]{3}$/), amountMinor: z.number().int().min(0), byIscoMajor: z.record(z.string(), z.number().int().min(0)).optional() }),
  requiredFields: z.array(z.enum(['passportNumber', 'startDate', 'workplaceCity', 'birthDate'])),
  clauses: z.array(Clause),
});
export type CountryTemplate = z.infer<typeof CountryTemplate>;
export const ContractTemplates = z.object({
  templateVersion: z.string(),
  countries: z.record(z.string().regex(/^[A-Z]{2}$/), CountryTemplate),
  agencyFeeCapPercentOfFirstYearWage: z.number().min(0).max(100),
  agencyFeeSource: z.string(),
});
export type ContractTemplates = z.infer<typeof ContractTemplates>;

let cached: ContractTemplates | undefined;
/** The configured templates (validated once; a bad file fails the node's start, not a request). */
export function contractTemplates(): ContractTemplates {
  return (cached ??= ContractTemplates.parse(JSON.parse(readFileSync(join(API_ROOT, 'data', 'exchange', 'contract-templates.json'), 'utf8'))));
}

/** The destination's template, or undefined when the ministry has none for that country (contracts to it cannot be drafted). */
export function templateFor(country: string, templates = contractTemplates()): CountryTemplate | undefined {
  return templates.countries[country];
}

/** What the checks know besides the terms. */
export interface CheckContext {
  template: CountryTemplate;
  agencyFeeCapPercent: number;
  agencyFeeSource: string;
  /** The attested job order the contract comes from. */
  jobOrder: JobOrderTerms | null;
  /** Today (RFC 3339 full-date) on the checking node: a contract cannot start in the past. */
  today: string;
  /** Minor units of each currency (ISO 4217), for amounts in messages. */
  minorUnits: (currency: string) => number;
  /** Result of the agency registry check on the Egyptian node; undefined on the partner node (not checked there). */
  agency?: { ok: true } | { ok: false; reason: 'unknown_agency' | 'licence_not_valid' | 'no_worker_authorisation' } | undefined;
}

const ARABIC_LETTER = /[\u0621-\u064A]/;

/** Formats minor units as a decimal amount with its currency, e.g. 250000 SAR (2 minor digits) → "2500.00 SAR". */
export function formatMoney(m: Money, minorUnits: (c: string) => number): string {
  const digits = minorUnits(m.currency);
  const scale = 10 ** digits;
  const whole = Math.floor(m.amountMinor / scale);
  const frac = digits > 0 ? '.' + String(m.amountMinor % scale).padStart(digits, '0') : '';
  return `${whole}${frac} ${m.currency}`;
}

function check(code: ContractCheckCode, ok: boolean, source: string, fail: BilingualText, pass: BilingualText): ContractCheck {
  return { code, ok, source, message: ok ? pass : fail };
}

const amountIn = (m: Money | null, currency: string): number => (m && m.currency === currency ? m.amountMinor : 0);

/** Terms in which the contract is worse for the worker than the attested job order (empty when none). */
export function worseThanJobOrder(t: ContractTerms, j: JobOrderTerms): BilingualText[] {
  const out: BilingualText[] = [];
  if (t.isco !== j.isco) out.push({ ar: `المهنة (${t.isco}) تختلف عن طلب الاستقدام (${j.isco})`, en: `occupation ${t.isco} differs from the job order's ${j.isco}` });
  if (t.wage.currency !== j.wage.currency || t.wage.amountMinor < j.wage.amountMinor) out.push({ ar: 'الأجر الأساسي أقل من طلب الاستقدام', en: 'basic wage below the job order' });
  for (const k of ['housing', 'transport', 'food'] as const) {
    const promised = j.allowances[k];
    if (promised && amountIn(t.allowances[k], promised.currency) < promised.amountMinor) out.push({ ar: `بدل ${k === 'housing' ? 'السكن' : k === 'transport' ? 'النقل' : 'الطعام'} أقل من طلب الاستقدام`, en: `${k} allowance below the job order` });
  }
  if (t.hoursPerWeek > j.hoursPerWeek) out.push({ ar: 'ساعات العمل الأسبوعية أكثر من طلب الاستقدام', en: 'more weekly hours than the job order' });
  if (t.restDaysPerWeek < j.restDaysPerWeek) out.push({ ar: 'أيام الراحة الأسبوعية أقل من طلب الاستقدام', en: 'fewer weekly rest days than the job order' });
  if (t.probationDays > j.probationDays) out.push({ ar: 'فترة التجربة أطول من طلب الاستقدام', en: 'longer probation than the job order' });
  if (t.durationMonths !== j.contractMonths) out.push({ ar: 'مدة العقد تختلف عن طلب الاستقدام', en: 'contract duration differs from the job order' });
  if (j.benefits.annualTicket && !t.annualTicket) out.push({ ar: 'حُذفت تذكرة السفر السنوية', en: 'annual ticket removed' });
  if (j.benefits.endOfService && !t.endOfService) out.push({ ar: 'حُذفت مكافأة نهاية الخدمة', en: 'end-of-service benefit removed' });
  if (j.benefits.medicalInsurance && !t.medicalInsurance) out.push({ ar: 'حُذف التأمين الطبي', en: 'medical insurance removed' });
  return out;
}

/**
 * Runs every rule on `terms`. Each check carries its source; a failed one explains itself in Arabic and
 * English. The contract may be attested only when every check passes.
 */
export function checkContract(t: ContractTerms, ctx: CheckContext): ContractCheck[] {
  const tpl = ctx.template;
  const money = (m: Money) => formatMoney(m, ctx.minorUnits);
  const checks: ContractCheck[] = [];

  const arabicMissing = [!ARABIC_LETTER.test(t.titleAr) && 'titleAr', !ARABIC_LETTER.test(t.governingLaw.ar) && 'governingLaw', !ARABIC_LETTER.test(t.employer.nameAr) && 'employer.nameAr', !ARABIC_LETTER.test(t.worker.nameAr) && 'worker.nameAr', ...t.clauses.map((c, i) => !ARABIC_LETTER.test(c.ar) && `clauses/${i + 1}`)].filter(Boolean);
  checks.push(
    check(
      'arabic_text_present',
      arabicMissing.length === 0,
      'Saudi Labour Law Art. 51; Kuwait Law 6/2010 Art. 28; ILO General Principle 8 (a contract in a language the worker understands)',
      { ar: `النص العربي ناقص في: ${arabicMissing.join('، ')}. يجب أن يكون للعقد نص عربي كامل هو المعتمد.`, en: `Arabic text missing in: ${arabicMissing.join(', ')}. The contract needs a complete Arabic text, which prevails.` },
      { ar: 'النص العربي كامل.', en: 'The Arabic text is complete.' },
    ),
  );

  checks.push(
    check(
      'no_worker_fees',
      t.workerCosts.length === 0,
      'Egypt Labour Law 14/2025 Art. 43; ILO General Principles for Fair Recruitment, Principle 7',
      { ar: `العقد يحمّل العامل تكاليف (${t.workerCosts.map((c) => `${c.item}: ${money(c.amount)}`).join('، ')}). لا يجوز أخذ أي مبلغ من العامل؛ صاحب العمل وحده يدفع.`, en: `The contract charges the worker (${t.workerCosts.map((c) => `${c.item}: ${money(c.amount)}`).join(', ')}). Nothing may be taken from the worker; only the employer pays.` },
      { ar: 'لا يتحمل العامل أي رسوم.', en: 'The worker pays no fee.' },
    ),
  );

  checks.push(
    check(
      'recruitment_costs_borne_by_employer',
      t.recruitmentCostsBorneByEmployer,
      'Egypt Labour Law 14/2025 Art. 43; ILO Employer Pays Principle',
      { ar: 'يجب أن ينص العقد على أن صاحب العمل يتحمل تكاليف الاستقدام.', en: 'The contract must state that the employer bears the recruitment costs.' },
      { ar: 'صاحب العمل يتحمل تكاليف الاستقدام.', en: 'The employer bears the recruitment costs.' },
    ),
  );

  const firstYear = 12 * t.wage.amountMinor;
  const cap = Math.floor((firstYear * ctx.agencyFeeCapPercent) / 100);
  const fee = t.agencyFee;
  const feeOk = !fee || (t.agency !== null && fee.currency === t.wage.currency && fee.amountMinor <= cap);
  checks.push(
    check(
      'agency_fee_within_cap',
      feeOk,
      ctx.agencyFeeSource,
      fee && !t.agency
        ? { ar: 'رسوم إدارية دون شركة إلحاق مرخّصة: لا يجوز أخذ أي مبلغ من العامل.', en: 'An administrative fee without a licensed agency: nothing may be taken from the worker.' }
        : { ar: `رسوم الشركة تتجاوز ${ctx.agencyFeeCapPercent}٪ من أجر السنة الأولى (الحد ${money({ amountMinor: cap, currency: t.wage.currency })}).`, en: `The agency fee exceeds ${ctx.agencyFeeCapPercent}% of the first-year wage (cap ${money({ amountMinor: cap, currency: t.wage.currency })}).` },
      fee ? { ar: 'رسوم الشركة في حدود ١٪ من أجر السنة الأولى.', en: 'The agency fee is within 1% of the first-year wage.' } : { ar: 'لا رسوم لشركة إلحاق.', en: 'No agency fee.' },
    ),
  );

  if (t.agency && ctx.agency) {
    const a = ctx.agency;
    const why: Record<string, BilingualText> = {
      unknown_agency: { ar: 'رقم ترخيص الشركة غير موجود في سجل الشركات المرخّصة.', en: 'The agency licence number is not in the register of licensed agencies.' },
      licence_not_valid: { ar: 'ترخيص الشركة موقوف أو ملغى.', en: 'The agency licence is suspended or revoked.' },
      no_worker_authorisation: { ar: 'لم يفوّض العامل هذه الشركة بالتصرف نيابة عنه.', en: 'The worker has not authorised this agency to act for them.' },
    };
    checks.push(check('agency_licensed', a.ok, 'Egypt Labour Law 14/2025 Art. 40–42', a.ok ? { ar: '', en: '' } : why[a.reason]!, { ar: 'الشركة مرخّصة ومفوّضة من العامل.', en: 'The agency is licensed and authorised by the worker.' }));
  }

  const min = tpl.minimumWage.byIscoMajor?.[t.isco.charAt(0)] ?? tpl.minimumWage.amountMinor;
  const minMoney = { amountMinor: min, currency: tpl.minimumWage.currency };
  checks.push(
    check(
      'minimum_wage',
      t.wage.currency === tpl.minimumWage.currency && t.wage.amountMinor >= min,
      `Minimum wage for Egyptian workers in ${t.destinationCountry}, ISCO-08 major group ${t.isco.charAt(0)} (ministry configuration, contract-templates.json)`,
      t.wage.currency !== tpl.minimumWage.currency
        ? { ar: `عملة الأجر يجب أن تكون ${tpl.minimumWage.currency}.`, en: `The wage must be in ${tpl.minimumWage.currency}.` }
        : { ar: `الأجر الأساسي ${money(t.wage)} أقل من الحد الأدنى ${money(minMoney)}.`, en: `The basic wage ${money(t.wage)} is below the minimum ${money(minMoney)}.` },
      { ar: `الأجر الأساسي لا يقل عن الحد الأدنى ${money(minMoney)}.`, en: `The basic wage is at least the minimum ${money(minMoney)}.` },
    ),
  );

  checks.push(
    check(
      'probation_within_limit',
      t.probationDays <= tpl.probationMaxDays,
      tpl.probationSource,
      { ar: `فترة التجربة ${t.probationDays} يومًا، والحد الأقصى ${tpl.probationMaxDays} يومًا.`, en: `Probation is ${t.probationDays} days; the limit is ${tpl.probationMaxDays} days.` },
      { ar: `فترة التجربة في حدود ${tpl.probationMaxDays} يومًا.`, en: `Probation is within ${tpl.probationMaxDays} days.` },
    ),
  );

  checks.push(
    check(
      'hours_within_limit',
      t.hoursPerWeek <= tpl.maxHoursPerWeek,
      tpl.hoursSource,
      { ar: `ساعات العمل ${t.hoursPerWeek} ساعة أسبوعيًا، والحد الأقصى في القانون ${tpl.maxHoursPerWeek} ساعة.`, en: `${t.hoursPerWeek} hours a week; the legal maximum is ${tpl.maxHoursPerWeek}.` },
      { ar: `ساعات العمل في حدود ${tpl.maxHoursPerWeek} ساعة أسبوعيًا.`, en: `Hours are within ${tpl.maxHoursPerWeek} a week.` },
    ),
  );

  checks.push(
    check(
      'start_date_not_past',
      t.startDate >= ctx.today,
      'ILO General Principle 8 (the contract is concluded before departure)',
      { ar: `تاريخ البدء ${t.startDate} مضى؛ يجب أن يبدأ العقد في تاريخ لاحق لإبرامه.`, en: `The start date ${t.startDate} has passed; the contract must start after it is concluded.` },
      { ar: 'تاريخ البدء لم يمضِ.', en: 'The start date has not passed.' },
    ),
  );

  checks.push(
    check(
      'annual_leave_minimum',
      t.annualLeaveDays >= tpl.annualLeaveMinDays,
      tpl.annualLeaveSource,
      { ar: `الإجازة السنوية ${t.annualLeaveDays} يومًا، والحد الأدنى ${tpl.annualLeaveMinDays} يومًا.`, en: `Annual leave is ${t.annualLeaveDays} days; the minimum is ${tpl.annualLeaveMinDays}.` },
      { ar: `الإجازة السنوية لا تقل عن ${tpl.annualLeaveMinDays} يومًا.`, en: `Annual leave is at least ${tpl.annualLeaveMinDays} days.` },
    ),
  );

  checks.push(
    check(
      'duration_within_limit',
      t.durationMonths >= tpl.durationMonths.min && t.durationMonths <= tpl.durationMonths.max,
      tpl.durationSource,
      { ar: `مدة العقد ${t.durationMonths} شهرًا خارج الحدود (${tpl.durationMonths.min}–${tpl.durationMonths.max}).`, en: `Duration ${t.durationMonths} months is outside ${tpl.durationMonths.min}–${tpl.durationMonths.max}.` },
      { ar: 'مدة العقد في الحدود المسموح بها.', en: 'The duration is within the allowed range.' },
    ),
  );

  const worse = ctx.jobOrder ? worseThanJobOrder(t, ctx.jobOrder) : [{ ar: 'طلب الاستقدام الموثّق غير موجود', en: 'the attested job order is missing' }];
  checks.push(
    check(
      'not_worse_than_job_order',
      worse.length === 0,
      'Attested job order (issue 3); UAE Decree-Law 33/2021 Art. 6 (contract must match the offer); ILO General Principle 8',
      { ar: `شروط العقد أسوأ من طلب الاستقدام الموثّق: ${worse.map((w) => w.ar).join('، ')}.`, en: `The terms are worse than the attested job order: ${worse.map((w) => w.en).join('; ')}.` },
      { ar: 'الشروط لا تقل عن طلب الاستقدام الموثّق.', en: 'The terms are no worse than the attested job order.' },
    ),
  );

  const missing = tpl.requiredFields.filter((f) => (f === 'passportNumber' ? !t.worker.passportNumber : f === 'birthDate' ? !t.worker.birthDate : f === 'workplaceCity' ? !t.workplaceCity : !t.startDate));
  checks.push(
    check(
      'template_fields_present',
      missing.length === 0,
      `Contract template of ${t.destinationCountry} (domain-data §5: required fields)`,
      { ar: `حقول مطلوبة ناقصة: ${missing.join('، ')}.`, en: `Required fields missing: ${missing.join(', ')}.` },
      { ar: 'كل الحقول المطلوبة موجودة.', en: 'All required fields are present.' },
    ),
  );
  return checks;
}

/** Field-by-field differences between two versions of the terms (paths as JSON Pointers), ignoring ids and version bookkeeping. */
export function diffTerms(before: ContractTerms, after: ContractTerms): Array<{ path: string; before: unknown; after: unknown }> {
  const ignore = new Set(['/version', '/supersedes', '/contractId', '/invitationId', '/jobOrderId', '/destinationReference']);
  const out: Array<{ path: string; before: unknown; after: unknown }> = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (ignore.has(path)) return;
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of [...keys].sort()) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, before: a ?? null, after: b ?? null });
  };
  walk(before, after, '');
  return out;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SKILL_LEVEL_NAMES, SkillLevel } from '@rabt/contracts';
import { API_ROOT } from '../../platform/paths.ts';

/**
 * The configurable tables of the e-services (apps/api/data/eservices/*.json): fees, skill grades and
 * their pass marks, the listed crafts, and the foreign-worker quota. Each file carries its sources; the
 * figures the sources do not give are marked there as configuration. Read once and validated at start:
 * a bad file stops the node (a fee above the legal cap included).
 */
export const ESERVICES_DATA_DIR = join(API_ROOT, 'data', 'eservices');

const Egp = z.number().int().nonnegative();
const Isco = z.string().regex(/^\d{4}$/);

const FeesFile = z.object({
  skill_certificate: z.object({ source: z.string(), capEgp: Egp, amountsEgp: z.object({ test: Egp, retest: Egp }) }),
  craft_licence: z.object({ source: z.string(), capEgp: Egp, amountsEgp: z.object({ licence: Egp }) }),
  work_permit: z.object({
    source: z.string(),
    byPermitYearEgp: z.array(Egp).min(1),
    aboveQuotaSource: z.string(),
    aboveQuotaByPermitYearEgp: z.array(Egp).min(1),
    shortAssignment: z.object({ source: z.string(), wagePercent: z.number().positive().max(100), minEgp: Egp, maxEgp: Egp }).refine((s) => s.minEgp <= s.maxEgp, 'shortAssignment: minEgp above maxEgp'),
    feeExemptions: z.object({ source: z.string(), nationalities: z.array(z.string().regex(/^[A-Z]{2}$/)), treatyBeneficiaryDocument: z.string().regex(/^[a-z_]{2,60}$/) }),
  }),
  exemptions: z.object({ source: z.string(), codes: z.object({ disability: z.string(), martyr_family: z.string() }) }),
});

const GradesFile = z.object({
  grades: z
    .array(z.object({ level: SkillLevel, minTheoretical: z.number().int().min(0).max(100), minPractical: z.number().int().min(0).max(100) }))
    .min(1)
    .refine((g) => g.every((x, i) => i === 0 || (x.minTheoretical >= g[i - 1]!.minTheoretical && x.minPractical >= g[i - 1]!.minPractical)), 'grades must be in ascending order of their minima'),
});

const CraftsFile = z.object({
  validityMonths: z.number().int().min(1).max(240),
  crafts: z.array(z.object({ isco: Isco, ar: z.string(), en: z.string() })).min(1),
});

const Labelled = { ar: z.string().min(1), en: z.string().min(1) };
const PermitsFile = z.object({
  quotaPercent: z.number().positive().max(100),
  exceptions: z.object({
    freeZone: z.object({ enabled: z.boolean(), higherFee: z.boolean() }),
    smallEstablishment: z.object({ enabled: z.boolean(), belowWorkers: z.number().int().nonnegative(), higherFee: z.boolean() }),
    committeeApproval: z.object({ enabled: z.boolean(), higherFee: z.boolean(), document: z.string().regex(/^[a-z_]{2,60}$/) }),
  }),
  maxDurationMonths: z.number().int().min(1).max(12),
  renewalWindowDays: z.number().int().min(1).max(365),
  prohibitedOccupations: z.object({ source: z.string(), occupations: z.array(z.object({ isco: Isco, ...Labelled, exceptNationalities: z.array(z.string().regex(/^[A-Z]{2}$/)) })) }),
  exemptCategories: z.object({ source: z.string(), noticeDays: z.number().int().min(1).max(60), noticeLeadDays: z.number().int().min(0).max(365), categories: z.array(z.object({ code: z.string().regex(/^[a-z_]{2,40}$/), ...Labelled })).min(1) }),
  // Decree 279/2025: "assignments of at most 14 days".
  shortAssignment: z.object({ maxDays: z.number().int().min(1).max(14) }),
});

function load<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  return schema.parse(JSON.parse(readFileSync(join(ESERVICES_DATA_DIR, file), 'utf8')));
}

export const FEES = load('fees.json', FeesFile);
for (const [k, f] of [['skill_certificate', FEES.skill_certificate], ['craft_licence', FEES.craft_licence]] as const) {
  const max = Math.max(...Object.values(f.amountsEgp));
  // Law 14/2025 Art. 27: the fee may not exceed EGP 500.
  if (f.capEgp > 500 || max > f.capEgp) throw new Error(`data/eservices/fees.json: ${k} fee above the EGP ${Math.min(f.capEgp, 500)} cap of Law 14/2025 Art. 27`);
}
{
  // Decree 279/2025: a permit above the quota costs more; every permit year of the higher table must be at least the ordinary one.
  const { byPermitYearEgp: base, aboveQuotaByPermitYearEgp: above } = FEES.work_permit;
  const at = (t: number[], y: number) => t[Math.min(y, t.length) - 1]!;
  for (let y = 1; y <= Math.max(base.length, above.length); y++) if (at(above, y) < at(base, y)) throw new Error(`data/eservices/fees.json: work_permit above-quota fee of year ${y} is below the ordinary fee`);
}
export const SKILL_GRADES = load('skill-grades.json', GradesFile).grades;
export const CRAFTS = load('crafts.json', CraftsFile);
export const PERMITS = load('work-permits.json', PermitsFile);

export type SkillLevelCode = z.infer<typeof SkillLevel>;

/** The grades' names: the one table in @rabt/contracts (skill-levels.ts). */
export const GRADE_TITLES: Readonly<Record<SkillLevelCode, { readonly ar: string; readonly en: string }>> = SKILL_LEVEL_NAMES;

/**
 * The grade reached by a theoretical and a practical score (0–100): the highest configured grade whose
 * two minima are both met (inclusive), or null when none is (not passed).
 */
export function gradeFor(theoretical: number, practical: number, grades = SKILL_GRADES): SkillLevelCode | null {
  let best: SkillLevelCode | null = null;
  for (const g of grades) if (theoretical >= g.minTheoretical && practical >= g.minPractical) best = g.level;
  return best;
}

/** Rank of a grade in the configured list (higher is better); -1 for null. */
export function gradeRank(level: SkillLevelCode | null, grades = SKILL_GRADES): number {
  return level === null ? -1 : grades.findIndex((g) => g.level === level);
}

/**
 * Work-permit fee for a permit year (1 = first) in EGP: the table's entry, or its last one beyond it.
 * `aboveQuota`: a permit granted under a quota exception pays the higher table (Decree 279/2025: fees
 * "higher where the cap exception applies"; the amounts are configuration, data/eservices/fees.json).
 */
export function permitFeeEgp(year: number, aboveQuota = false): number {
  const t = aboveQuota ? FEES.work_permit.aboveQuotaByPermitYearEgp : FEES.work_permit.byPermitYearEgp;
  return t[Math.min(year, t.length) - 1]!;
}

/**
 * Fee of a short assignment (Decree 279/2025: at most 14 days, prior approval, 10 % of the wage within a
 * minimum and a maximum) in whole EGP: `wagePercent` of the assignment's wage, rounded half up to the pound,
 * then held between the configured minimum and maximum (configuration: fees.json, work_permit.shortAssignment).
 */
export function shortAssignmentFeeEgp(wageEgp: number, cfg = FEES.work_permit.shortAssignment): number {
  const raw = Math.round((wageEgp * cfg.wagePercent) / 100);
  return Math.min(cfg.maxEgp, Math.max(cfg.minEgp, raw));
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SkillLevel } from '@rabt/contracts';
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
  work_permit: z.object({ source: z.string(), byPermitYearEgp: z.array(Egp).min(1) }),
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

const PermitsFile = z.object({
  quotaPercent: z.number().positive().max(100),
  exceptions: z.object({ freeZone: z.boolean(), smallEstablishmentBelowWorkers: z.number().int().nonnegative() }),
  maxDurationMonths: z.number().int().min(1).max(12),
  renewalWindowDays: z.number().int().min(1).max(365),
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
export const SKILL_GRADES = load('skill-grades.json', GradesFile).grades;
export const CRAFTS = load('crafts.json', CraftsFile);
export const PERMITS = load('work-permits.json', PermitsFile);

export type SkillLevelCode = z.infer<typeof SkillLevel>;

export const GRADE_TITLES: Record<SkillLevelCode, { ar: string; en: string }> = {
  assistant_worker: { ar: 'عامل مساعد', en: 'Assistant worker' },
  semi_skilled: { ar: 'عامل نصف ماهر', en: 'Semi-skilled worker' },
  skilled: { ar: 'عامل ماهر', en: 'Skilled worker' },
  technician: { ar: 'فني', en: 'Technician' },
  specialised_technician: { ar: 'فني متخصص', en: 'Specialised technician' },
};

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

/** Work-permit fee for a permit year (1 = first) in EGP: the table's entry, or its last one beyond it. */
export function permitFeeEgp(year: number): number {
  const t = FEES.work_permit.byPermitYearEgp;
  return t[Math.min(year, t.length) - 1]!;
}

import { z } from 'zod';
import { normalizeDigits } from './digits.ts';
import { SkillLevel } from './exchange.ts';

/**
 * Shapes of the service-specific parts of the skill-level certificate (Law 14/2025 Art. 27, Decree
 * 266/2025: test sessions and results) and of foreign work permits (Decree 279/2025: permit states,
 * renewal, cancellation). The generic application shapes are in eservices.ts.
 */

const Text = z.object({ ar: z.string(), en: z.string() });

/** A test session with seats left (capacity minus live bookings). */
export const TestSession = z.object({
  id: z.uuid(),
  date: z.iso.date(),
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  iscoCodes: z.array(z.string()),
  centre: z.object({ id: z.uuid(), code: z.string(), nameAr: z.string(), nameEn: z.string(), governorateCode: z.string(), addressAr: z.string(), addressEn: z.string(), demo: z.boolean() }),
});
export type TestSession = z.infer<typeof TestSession>;

export const TestSessionsQuery = z.strictObject({
  isco: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v.trim()) : v), z.string().regex(/^\d{4}$/, { message: 'invalid_format' })),
  governorate: z.string().regex(/^\d{2}$/, { message: 'invalid_format' }).optional(),
});

/** A score 0–100 (whole number); Arabic-Indic digits accepted ("٨٥"). */
const Score = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = normalizeDigits(v.trim());
    return /^\d+$/.test(s) ? Number(s) : v;
  },
  z.number({ error: (iss) => (iss.input === undefined ? 'required' : 'invalid_type') }).int({ message: 'invalid_format' }).min(0, { message: 'invalid_value' }).max(100, { message: 'invalid_value' }),
);
export const SkillResultsRequest = z.strictObject({ theoreticalScore: Score, practicalScore: Score });
export type SkillResultsRequest = z.input<typeof SkillResultsRequest>;

/** The booking and results of one skill-certificate application. */
export const SkillTestView = z.object({
  applicationId: z.uuid(),
  isco: z.string(),
  session: TestSession,
  theoreticalScore: z.number().int().nullable(),
  practicalScore: z.number().int().nullable(),
  /** Computed from the scores by the configured thresholds; null = not passed or not yet tested. */
  grade: SkillLevel.nullable(),
  gradeTitle: Text.nullable(),
  resultsAt: z.string().nullable(),
  /** Grades with their minima (configuration), lowest first. */
  thresholds: z.array(z.object({ level: SkillLevel, title: Text, minTheoretical: z.number().int(), minPractical: z.number().int() })),
});
export type SkillTestView = z.infer<typeof SkillTestView>;

/** Shown states: `active`, `renewal_due` (within the renewal window before valid_until), `expired`, `renewed`, `cancelled`. */
export const WorkPermitState = z.enum(['active', 'renewal_due', 'expired', 'renewed', 'cancelled']);
export type WorkPermitState = z.infer<typeof WorkPermitState>;

export const WorkPermit = z.object({
  id: z.uuid(),
  permitNumber: z.string(),
  applicationId: z.uuid(),
  establishmentCr: z.string(),
  establishmentName: z.string(),
  workerName: z.string(),
  nationality: z.string(),
  isco: z.string(),
  permitYear: z.number().int(),
  validFrom: z.iso.date(),
  validUntil: z.iso.date(),
  state: WorkPermitState,
  /** True while a renewal application may be made (active or renewal due, not yet renewed). */
  renewable: z.boolean(),
  documentCode: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** The answers to prefill a renewal application with (worker and establishment facts). */
  renewalAnswers: z.record(z.string(), z.unknown()),
});
export type WorkPermit = z.infer<typeof WorkPermit>;

export const CancelPermitRequest = z.strictObject({ reason: z.string().trim().min(3, { message: 'required' }).max(2000) });

import { z } from 'zod';
import { normalizeDigits, parseLocaleNumber } from './digits.ts';
import { outOfRangeMessage } from './problems.ts';
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
  /** Start of the session, `HH:MM` (24-hour), local time in Egypt (Africa/Cairo) on `date`. */
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
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
  z.number({ error: (iss) => (iss.input === undefined ? 'required' : outOfRangeMessage(0, 100)) }).int({ message: outOfRangeMessage(0, 100) }).min(0, { message: outOfRangeMessage(0, 100) }).max(100, { message: outOfRangeMessage(0, 100) }),
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
  /** Decree 279/2025: `standard` (≤ 1 year) or `short_assignment` (≤ 14 days, prior approval, not renewable). */
  permitType: z.enum(['standard', 'short_assignment']),
  /** Within the 10 % quota, or the exception it was granted under. */
  quotaBasis: z.enum(['within_quota', 'free_zone', 'small_establishment', 'committee_approval']),
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

// ---------------------------------------------------------------- testing centres and sessions (staff)

/** Whole number from a number or a string of ASCII or Arabic-Indic digits ("٢٠" → 20). */
const WholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      const n = parseLocaleNumber(v);
      return n === null || Number.isNaN(n) ? v : n;
    },
    z.number({ error: (iss) => (iss.input === undefined ? 'required' : outOfRangeMessage(min, max)) }).int({ message: outOfRangeMessage(min, max) }).min(min, { message: outOfRangeMessage(min, max) }).max(max, { message: outOfRangeMessage(min, max) }),
  );
const DigitsNormalised = <T extends z.ZodType>(s: T) => z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v.trim()) : v), s);
const Required = (max: number) => z.string({ error: (iss) => (iss.input === undefined ? 'required' : 'invalid_type') }).trim().min(1, { message: 'required' }).max(max, { message: 'too_long' });

/** A skill-testing centre as HQ and directorate staff manage it (Law 14/2025 Art. 27; Decree 266/2025). */
export const TestingCentre = z.object({
  id: z.uuid(),
  code: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  governorateCode: z.string(),
  addressAr: z.string(),
  addressEn: z.string(),
  /** Inactive centres keep their sessions but offer none for booking. */
  active: z.boolean(),
  demo: z.boolean(),
  /** Sessions from today on. */
  upcomingSessions: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type TestingCentre = z.infer<typeof TestingCentre>;

const CentreFields = {
  nameAr: Required(200),
  nameEn: Required(200),
  /** 2-digit governorate code (Arabic-Indic digits accepted). */
  governorateCode: DigitsNormalised(z.string({ error: (iss) => (iss.input === undefined ? 'required' : 'invalid_type') }).regex(/^\d{2}$/, { message: 'invalid_format' })),
  addressAr: Required(300),
  addressEn: Required(300),
  active: z.boolean().optional(),
};
/** New centre: `code` is its permanent identifier (capital letters, digits and dashes, e.g. STC-CAI-02). */
export const CreateTestingCentreRequest = z.strictObject({
  code: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v.trim()).toUpperCase() : v), z.string({ error: (iss) => (iss.input === undefined ? 'required' : 'invalid_type') }).regex(/^[A-Z0-9][A-Z0-9-]{2,29}$/, { message: 'invalid_format' })),
  ...CentreFields,
});
export type CreateTestingCentreRequest = z.input<typeof CreateTestingCentreRequest>;
export const UpdateTestingCentreRequest = z.strictObject(CentreFields).partial();
export type UpdateTestingCentreRequest = z.input<typeof UpdateTestingCentreRequest>;

/** A session as staff see it: capacity, seats booked (applications not withdrawn or rejected), seats left. */
export const StaffTestSession = z.object({
  id: z.uuid(),
  centreId: z.uuid(),
  date: z.iso.date(),
  /** `HH:MM` (24-hour), Cairo local time. */
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  capacity: z.number().int(),
  booked: z.number().int(),
  seatsLeft: z.number().int(),
  iscoCodes: z.array(z.string()),
  /** Before today: no longer editable. */
  past: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});
export type StaffTestSession = z.infer<typeof StaffTestSession>;

const SessionFields = {
  /** YYYY-MM-DD, today or later (Arabic-Indic digits accepted). */
  date: DigitsNormalised(z.string({ error: (iss) => (iss.input === undefined ? 'required' : 'invalid_type') }).regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid_format' })),
  /** Start, `HH:MM` 24-hour Cairo local time (Arabic-Indic digits accepted; `9:30` is read as 09:30); 09:00 when left out on creation. */
  startTime: DigitsNormalised(
    z
      .string()
      .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { message: 'invalid_format' })
      .transform((t) => t.padStart(5, '0')),
  ).optional(),
  /** Seats, 1–1000 (Arabic-Indic digits accepted); never below the seats already booked. */
  capacity: WholeNumber(1, 1000),
  /** ISCO-08 unit groups (4 digits, Arabic-Indic accepted) the session tests; 1–50, duplicates dropped. */
  iscoCodes: z
    .array(DigitsNormalised(z.string().regex(/^\d{4}$/, { message: 'isco_unknown' })))
    .min(1, { message: 'required' })
    .max(50, { message: 'too_long' })
    .transform((a) => [...new Set(a)]),
};
export const CreateTestSessionRequest = z.strictObject(SessionFields);
export type CreateTestSessionRequest = z.input<typeof CreateTestSessionRequest>;
export const UpdateTestSessionRequest = z.strictObject(SessionFields).partial();
export type UpdateTestSessionRequest = z.input<typeof UpdateTestSessionRequest>;

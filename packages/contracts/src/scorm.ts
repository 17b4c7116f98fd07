import { z } from 'zod';

/**
 * SCORM 1.2 packages as lesson content (issue 6 §1). A trainer uploads a package (.zip with
 * imsmanifest.xml at its root, ADL SCORM 1.2 Content Aggregation Model); its SCOs (the default
 * organization's, in order) are launched one at a time in a sandboxed iframe on the lesson page, where
 * scorm-again's SCORM 1.2 run-time API is `window.API`. What the SCO commits is reported to the page by
 * postMessage and saved through the API. SCORM 2004 is refused.
 */

/**
 * Limits of an uploaded package: the .zip itself, the number of entries in it and the sum of their
 * uncompressed sizes (a zip bomb is refused from its central directory, before anything is inflated).
 */
export const SCORM_PACKAGE_LIMITS = {
  zipBytes: 50 * 1024 * 1024,
  entries: 2000,
  uncompressedBytes: 200 * 1024 * 1024,
  /** imsmanifest.xml is parsed only up to this size. */
  manifestBytes: 1024 * 1024,
  /** A path inside the package, in UTF-16 code units. */
  pathLength: 400,
} as const;

/** cmi.core.lesson_status vocabulary (SCORM 1.2 RTE §3.4.4, CMIVocabulary "Status"). */
export const ScormLessonStatus = z.enum(['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted']);
export type ScormLessonStatus = z.infer<typeof ScormLessonStatus>;

/** Statuses with which a SCO completes its lesson. */
export const SCORM_DONE_STATUSES: readonly ScormLessonStatus[] = ['passed', 'completed'];

/** cmi.core.score.raw: CMIDecimal, a number between 0 and 100 (SCORM 1.2 RTE §3.4.4), or "" when the SCO set none. */
const ScoreRaw = z.union([z.literal(''), z.string().regex(/^\d{1,3}(\.\d{1,4})?$/).refine((v) => Number(v) <= 100, { message: 'number_out_of_range' })]);

/**
 * What the SCO committed (LMSCommit) or finished with (LMSFinish), as the lesson page sends it. Lengths
 * follow the SCORM 1.2 data model: cmi.suspend_data CMIString4096, cmi.core.lesson_location CMIString255.
 */
export const ScormRuntimeReport = z.strictObject({
  lessonStatus: ScormLessonStatus,
  scoreRaw: ScoreRaw,
  lessonLocation: z.string().max(255),
  suspendData: z.string().max(4096),
  /** True for LMSFinish (the SCO ended its session), false for LMSCommit. */
  finished: z.boolean(),
  /**
   * cmi.core.session_time: the time of the current session as the SCO set it, a CMITimespan HHHH:MM:SS.SS
   * (SCORM 1.2 RTE §3.4.2; checked strictly by the API: 400 `scorm_session_time_invalid`). Absent or "" when
   * not reported. Needs `launch`.
   */
  sessionTime: z.string().max(32).optional(),
  /** The launch token the SCO was launched with (the bootstrap adds it): identifies the session, so repeated commits of one launch count its time once. */
  launch: z.string().max(100).optional(),
});
export type ScormRuntimeReport = z.infer<typeof ScormRuntimeReport>;

/** The saved run-time data of a trainee in a SCORM lesson (what the SCO resumes from). */
export const ScormRuntimeState = z.object({
  lessonStatus: ScormLessonStatus,
  scoreRaw: z.number().nullable(),
  lessonLocation: z.string(),
  suspendData: z.string(),
  /** cmi.core.total_time: the sum of the session times of every launch so far (CMITimespan, e.g. "01:02:03.40"); what the SCO reads at its next launch. */
  totalTime: z.string(),
  updatedAt: z.iso.datetime(),
});
export type ScormRuntimeState = z.infer<typeof ScormRuntimeState>;

/** The package of a lesson, as authors and the lesson page see it. */
export const ScormPackageInfo = z.object({
  title: z.string(),
  launchHref: z.string(),
  fileCount: z.number().int(),
  sizeBytes: z.number().int(),
  /** How many SCOs (parts) the package's default organization delivers, in order (at least 1). */
  scoCount: z.number().int(),
});
export type ScormPackageInfo = z.infer<typeof ScormPackageInfo>;

/** A SCO of a lesson's package, in delivery order, with the trainee's last cmi.core.lesson_status there (null: not launched yet, or staff). */
export const ScormScoState = z.object({
  /** 0-based place in the package's default organization; the launch query `?sco=`. */
  position: z.number().int(),
  title: z.string(),
  lessonStatus: ScormLessonStatus.nullable(),
  /** cmi.student_data.mastery_score from the manifest (adlcp:masteryscore, 0–100), null when it gives none. */
  masteryScore: z.number().nullable(),
  /** Positions of the SCOs that must be passed or completed before this one launches (adlcp:prerequisites, SCORM 1.2 CAM); empty when none. */
  requires: z.array(z.number().int()),
  /** True when the trainee has not yet passed or completed every SCO of `requires`: launching it is 409 `scorm_sco_locked`. Always false for staff. */
  locked: z.boolean(),
});
export type ScormScoState = z.infer<typeof ScormScoState>;

/**
 * A launch of a lesson's SCO: the URL to load in the sandboxed iframe (a capability: it carries a signed,
 * expiring token, since the sandboxed frame has an opaque origin and sends no cookies) and, for a trainee,
 * the saved run-time data (null for training staff previewing the package).
 */
export const ScormLaunch = z.object({
  title: z.string(),
  launchUrl: z.string(),
  expiresAt: z.iso.datetime(),
  runtime: ScormRuntimeState.nullable(),
  /** Position of the launched SCO. */
  sco: z.number().int(),
  /** Every SCO of the package (one for most packages); the lesson completes when each is passed or completed. */
  scos: z.array(ScormScoState),
});
export type ScormLaunch = z.infer<typeof ScormLaunch>;

export const ScormSaveResult = z.object({
  runtime: ScormRuntimeState,
  /** True when the lesson is complete (now or before). */
  lessonCompleted: z.boolean(),
  /** Every SCO with the trainee's status after this save. */
  scos: z.array(ScormScoState),
  nextLessonId: z.uuid().nullable(),
});
export type ScormSaveResult = z.infer<typeof ScormSaveResult>;

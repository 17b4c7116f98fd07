import { z } from 'zod';
import { normalizeDigits, parseLocaleNumber } from './digits.ts';
import { ExportLang } from './imports.ts';

/**
 * Vocational e-learning, more (issue 6 §2, §3, §9): the trainer's grading of free-text answers, enrolment
 * of a trainee by their training centre, and the e-learning reports (per course and per centre).
 * The free-text question type itself (`free_text`) and the `awaiting_grading` attempt status are part of
 * the quiz contracts in elearning.ts.
 */

const Text = z.object({ ar: z.string(), en: z.string() });
/** Integer field that also accepts Arabic-Indic digits ("١٥") when sent as a string. */
const IntInput = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (parseLocaleNumber(v) ?? 0) : v), z.number().int().min(min).max(max));
/** A calendar date YYYY-MM-DD (Arabic-Indic digits accepted). */
const DateInput = z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v).trim() : v), z.iso.date());

// ---------- Grading of free-text answers (§3) ----------

/** Status of a quiz attempt as the grader sees it. */
export const GradingStatus = z.enum(['awaiting_grading', 'graded']);

export const GradingQueueQuery = z.strictObject({
  /** Only this course's attempts. */
  course: z.uuid().optional(),
  /** `awaiting_grading` (default: the queue) or `graded` (the last 100 graded, newest first). */
  status: GradingStatus.optional(),
});
export type GradingQueueQuery = z.infer<typeof GradingQueueQuery>;

/** One attempt in the grading queue: submitted, with free-text answers to grade. Oldest first. */
export const GradingQueueItem = z.object({
  attemptId: z.uuid(),
  courseId: z.uuid(),
  courseTitle: Text,
  attemptNo: z.number().int(),
  /** The trainee's name (Arabic and Latin); never the national ID or the mobile number. */
  traineeName: Text,
  submittedAt: z.iso.datetime(),
  status: GradingStatus,
  /** Free-text answers in the attempt (each graded by the trainer). */
  freeTextCount: z.number().int(),
  scorePercent: z.number().int().nullable(),
  passed: z.boolean().nullable(),
});
export type GradingQueueItem = z.infer<typeof GradingQueueItem>;

/** A free-text answer as the grader sees it, with its grade once given. */
export const GradingAnswer = z.object({
  questionId: z.uuid(),
  prompt: Text,
  /** What a good answer contains (authoring note for graders; never shown to trainees). */
  guidance: Text.nullable(),
  maxPoints: z.number().int(),
  maxLength: z.number().int(),
  /** The trainee's answer as written ('' when left blank). */
  answerText: z.string(),
  points: z.number().int().nullable(),
  feedback: z.string().nullable(),
});
export type GradingAnswer = z.infer<typeof GradingAnswer>;

export const GradingAttempt = z.object({
  attemptId: z.uuid(),
  courseId: z.uuid(),
  courseTitle: Text,
  attemptNo: z.number().int(),
  traineeName: Text,
  status: GradingStatus,
  submittedAt: z.iso.datetime(),
  passPercent: z.number().int(),
  /** Questions drawn for the attempt (each worth the same share of the score). */
  questionCount: z.number().int(),
  /** Automatically graded questions in the attempt, and how many of them were answered correctly. */
  autoCount: z.number().int(),
  autoCorrect: z.number().int(),
  answers: z.array(GradingAnswer),
  scorePercent: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  gradedAt: z.iso.datetime().nullable(),
  gradedBy: Text.nullable(),
});
export type GradingAttempt = z.infer<typeof GradingAttempt>;

/** The grades of every free-text answer of an attempt, given at once: points (0…the question's maximum) and feedback. */
export const GradeAttemptRequest = z.strictObject({
  grades: z
    .array(
      z.strictObject({
        questionId: z.uuid(),
        points: IntInput(0, 100),
        /** Shown to the trainee with the result; may be empty. */
        feedback: z.string().trim().max(2000),
      }),
    )
    .min(1)
    .max(50),
});
export type GradeAttemptRequest = z.infer<typeof GradeAttemptRequest>;

/** One of the trainee's attempts in a course, newest first. */
export const MyAttemptSummary = z.object({
  id: z.uuid(),
  attemptNo: z.number().int(),
  status: z.enum(['open', 'awaiting_grading', 'graded', 'expired']),
  startedAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
  scorePercent: z.number().int().nullable(),
  passed: z.boolean().nullable(),
});
export type MyAttemptSummary = z.infer<typeof MyAttemptSummary>;

// ---------- Enrolment by a training centre (§2) ----------

/**
 * The centre manager enrols a trainee by their account identifier: the mobile number they registered with
 * (any common Egyptian form, Arabic-Indic digits accepted) or the email on their account. Sent in the
 * body, never in the URL; the national ID is not accepted here.
 */
export const CentreEnrolRequest = z.strictObject({
  courseId: z.uuid(),
  account: z.string().trim().min(3).max(254),
});
export type CentreEnrolRequest = z.infer<typeof CentreEnrolRequest>;

export const CentreEnrolmentsQuery = z.strictObject({ course: z.uuid().optional() });

export const CentreEnrolment = z.object({
  enrolmentId: z.uuid(),
  courseId: z.uuid(),
  courseTitle: Text,
  traineeName: Text,
  /** The trainee's mobile with the middle digits hidden (`+2010•••••678`). */
  mobileMasked: z.string(),
  enrolledAt: z.iso.datetime(),
  /** The staff member who enrolled the trainee; null when the trainee enrolled themselves. */
  enrolledBy: Text.nullable(),
  progressPercent: z.number().int(),
  completedAt: z.iso.datetime().nullable(),
  /** On enrolment only: whether the SMS telling the trainee was handed to the SMS transport. */
  notified: z.boolean().optional(),
});
export type CentreEnrolment = z.infer<typeof CentreEnrolment>;

// ---------- Reports (§9) ----------

/** Who the report covers: a trainer's own courses, a centre manager's centre, or every centre (HQ training). */
export const ElearningReportScope = z.enum(['trainer', 'centre', 'all']);
export type ElearningReportScope = z.infer<typeof ElearningReportScope>;

export const ElearningReportQuery = z.strictObject({
  /** HQ training: one centre only. Centre staff may name their own centre (403 `out_of_scope` for another). */
  centre: z.uuid().optional(),
  /** Enrolments from / to (inclusive, by enrolment date, UTC). */
  from: DateInput.optional(),
  to: DateInput.optional(),
});
export type ElearningReportQuery = z.infer<typeof ElearningReportQuery>;

export const ElearningReportTable = z.enum(['courses', 'centres']);
export type ElearningReportTable = z.infer<typeof ElearningReportTable>;
/** CSV export of one table; `lang` (default `ar`) is the language of the header row and of the labels (titles, names, statuses), as the dashboards' CSV. */
export const ElearningReportExportQuery = ElearningReportQuery.extend({ table: ElearningReportTable, lang: ExportLang.default('ar') });

const ReportMeasures = {
  enrolments: z.number().int(),
  completed: z.number().int(),
  /** completed / enrolments × 100, one decimal; null with no enrolments. */
  completionRate: z.number().nullable(),
  /** Mean of each trainee's best finalised quiz score (percent, one decimal) over trainees with one; null when none. */
  averageScore: z.number().nullable(),
  /** Trainees with at least one finalised quiz attempt (the base of averageScore). */
  scoredTrainees: z.number().int(),
  /** Submitted attempts waiting for the trainer's grading. */
  awaitingGrading: z.number().int(),
  /**
   * Live-session attendance: attended / booked-or-invited seats × 100, one decimal; null when the node
   * has no virtual-classroom records (see `attendanceAvailable`).
   */
  attendanceRate: z.number().nullable(),
};

export const CourseReportRow = z.object({
  courseId: z.uuid(),
  title: Text,
  centreId: z.uuid(),
  centreCode: z.string(),
  centreName: Text,
  status: z.string(),
  ...ReportMeasures,
});
export type CourseReportRow = z.infer<typeof CourseReportRow>;

export const CentreReportRow = z.object({
  centreId: z.uuid(),
  centreCode: z.string(),
  centreName: Text,
  courses: z.number().int(),
  ...ReportMeasures,
});
export type CentreReportRow = z.infer<typeof CentreReportRow>;

export const ElearningReport = z.object({
  scope: ElearningReportScope,
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** True when virtual-classroom attendance is recorded on this node (the attendance column is filled). */
  attendanceAvailable: z.boolean(),
  courses: z.array(CourseReportRow),
  centres: z.array(CentreReportRow),
});
export type ElearningReport = z.infer<typeof ElearningReport>;

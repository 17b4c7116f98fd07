import { z } from 'zod';
import { normalizeDigits, parseLocaleNumber } from './digits.ts';
import { SkillLevel } from './exchange.ts';
import { ScormPackageInfo } from './scorm.ts';

/**
 * Vocational e-learning (issue 6): training centres, courses (modules, lessons, files), the HQ
 * approval workflow, enrolments and progress, quizzes and certificates. Lesson text is a small markdown
 * subset (never HTML): `# ` / `## ` headings, `- ` list items, paragraphs separated by blank lines;
 * `lessonBlocks` parses it into plain-text blocks the web renders as elements.
 */

const Text = z.object({ ar: z.string(), en: z.string() });
const Name = (max: number) => z.string().trim().min(1).max(max);
/** Integer field that also accepts Arabic-Indic digits ("١٥") when sent as a string. */
const IntInput = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (parseLocaleNumber(v) ?? 0) : v), z.number().int().min(min).max(max));
/** ISCO-08 unit group: 4 digits (Arabic-Indic accepted). */
const IscoInput = z
  .string()
  .transform((v) => normalizeDigits(v).trim())
  .refine((v) => /^\d{4}$/.test(v), { message: 'invalid_format' });

/** Lesson text: at most 20,000 characters; control characters (except newline and tab) are removed on write. */
/** True for C0 controls other than tab and newline, and DEL: removed from lesson text on write. */
const isControl = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  return (c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f;
};

/** Lesson text: at most 20,000 characters; control characters (except newline and tab) are removed on write. */
export const LessonTextInput = z
  .string()
  .max(20_000)
  .transform((v) => [...v.replace(/\r\n?/g, '\n')].filter((ch) => !isControl(ch)).join(''));

// Zod-free, so the lesson page can import it without the schemas (packages/contracts/src/text.ts, `@rabt/contracts/text`).
export { lessonBlocks, type LessonBlock } from './text.ts';

export const CourseStatus = z.enum(['draft', 'submitted', 'published', 'returned']);
export type CourseStatus = z.infer<typeof CourseStatus>;

export const TrainingCentre = z.object({ id: z.uuid(), code: z.string(), name: Text, governorateCode: z.string(), demo: z.boolean() });
export type TrainingCentre = z.infer<typeof TrainingCentre>;

export const CourseCatalogueQuery = z.strictObject({
  isco: z.string().regex(/^\d{1,4}$/).optional(),
  centre: z.uuid().optional(),
});

export const CourseSummary = z.object({
  id: z.uuid(),
  title: Text,
  description: Text,
  /** ISCO-08 unit group; null only for a pre-departure orientation course (orientation.ts), which trains for no single occupation. */
  isco: z.string().nullable(),
  occupation: Text.nullable(),
  skillLevel: SkillLevel.nullable(),
  centre: TrainingCentre,
  status: CourseStatus,
  lessonCount: z.number().int(),
});
export type CourseSummary = z.infer<typeof CourseSummary>;

export const OutlineLesson = z.object({
  id: z.uuid(),
  title: Text,
  completed: z.boolean(),
  hasVideo: z.boolean(),
  hasFile: z.boolean(),
  /** The lesson runs a SCORM 1.2 package: completed by its SCO only, and not saved for offline reading (it needs a connection). Absent means false. */
  hasScorm: z.boolean().optional(),
});
export const OutlineModule = z.object({ id: z.uuid(), title: Text, lessons: z.array(OutlineLesson) });
export type OutlineModule = z.infer<typeof OutlineModule>;

export const QuizInfo = z.object({
  questionCount: z.number().int(),
  timeLimitSeconds: z.number().int(),
  maxAttempts: z.number().int(),
  passPercent: z.number().int(),
  /** Questions in the bank (an attempt draws min(questionCount, bankSize)). 0 = no quiz: completion needs lessons only. */
  bankSize: z.number().int(),
});

export const EnrolmentState = z.object({
  id: z.uuid(),
  enrolledAt: z.iso.datetime(),
  /** Lessons completed over lessons in the course, in percent (0-100, rounded down). */
  progressPercent: z.number().int(),
  completedLessons: z.number().int(),
  totalLessons: z.number().int(),
  /** The lesson to resume at: the first lesson not completed in outline order (the last lesson when all are done). */
  resumeLessonId: z.uuid().nullable(),
  quizPassed: z.boolean(),
  bestScore: z.number().int().nullable(),
  attemptsUsed: z.number().int(),
  /** The open attempt (in progress, before its deadline), to resume. */
  openAttemptId: z.uuid().nullable(),
  completedAt: z.iso.datetime().nullable(),
  certificateCode: z.string().nullable(),
  /** A submitted attempt waiting for the trainer's grading of its free-text answers (0023); completion waits for it. */
  awaitingGradingAttemptId: z.uuid().nullable().optional(),
});
export type EnrolmentState = z.infer<typeof EnrolmentState>;

export const CourseDetail = CourseSummary.extend({
  modules: z.array(OutlineModule),
  prerequisites: z.array(z.object({ id: z.uuid(), title: Text })),
  quiz: QuizInfo,
  returnReason: z.string().nullable(),
  /** The caller's enrolment (signed-in citizens), else null. */
  enrolment: EnrolmentState.nullable(),
});
export type CourseDetail = z.infer<typeof CourseDetail>;

export const CourseLessonParams = z.strictObject({ courseId: z.uuid(), lessonId: z.uuid() });
export const EnrolmentLessonParams = z.strictObject({ id: z.uuid(), lessonId: z.uuid() });

export const LessonPage = z.object({
  course: z.object({ id: z.uuid(), title: Text, centre: Text }),
  lesson: z.object({
    id: z.uuid(),
    title: Text,
    body: Text,
    videoUrl: z.string().nullable(),
    /** The uploaded file, served at GET /api/v1/elearning/lessons/{id}/file with range requests. */
    file: z.object({ mediaType: z.string(), sizeBytes: z.number().int() }).nullable(),
    /** The lesson's SCORM 1.2 package (scorm.ts), launched from GET /api/v1/elearning/lessons/{id}/scorm/launch; null or absent when none. */
    scorm: z.object({ title: z.string() }).nullable().optional(),
    completed: z.boolean(),
  }),
  outline: z.array(OutlineModule),
  previousLessonId: z.uuid().nullable(),
  nextLessonId: z.uuid().nullable(),
  enrolment: EnrolmentState,
});
export type LessonPage = z.infer<typeof LessonPage>;

export const MyEnrolment = z.object({ course: CourseSummary, enrolment: EnrolmentState });
export type MyEnrolment = z.infer<typeof MyEnrolment>;

export const CompleteLessonResult = z.object({ enrolment: EnrolmentState, nextLessonId: z.uuid().nullable() });

// ---------- Quizzes ----------

/** `free_text` (0023): an answer in the trainee's words, graded by the course's trainer (elearning-grading-reports.ts). */
export const QuestionType = z.enum(['single_choice', 'multiple_choice', 'true_false', 'short_answer', 'matching', 'free_text']);
export type QuestionType = z.infer<typeof QuestionType>;

/** Longest free-text answer a question may allow, in characters (Unicode code points). */
export const FREE_TEXT_MAX_LENGTH = 4000;

const OptionText = z.strictObject({ ar: Name(300), en: Name(300) });
/** Author's question with its answer (staff API only). Option ids are given by the server (o1, o2 …; pairs p1 …). */
export const QuestionInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single_choice'), promptAr: Name(1000), promptEn: Name(1000), options: z.array(OptionText).min(2).max(8), correct: z.number().int().min(0) }),
  z.strictObject({ type: z.literal('multiple_choice'), promptAr: Name(1000), promptEn: Name(1000), options: z.array(OptionText).min(2).max(8), correct: z.array(z.number().int().min(0)).min(1) }),
  z.strictObject({ type: z.literal('true_false'), promptAr: Name(1000), promptEn: Name(1000), correct: z.boolean() }),
  z.strictObject({ type: z.literal('short_answer'), promptAr: Name(1000), promptEn: Name(1000), accepted: z.array(Name(200)).min(1).max(10) }),
  z.strictObject({ type: z.literal('matching'), promptAr: Name(1000), promptEn: Name(1000), pairs: z.array(z.strictObject({ left: OptionText, right: OptionText })).min(2).max(8) }),
  // Free text: the answer's maximum length in characters, the points the grader gives out of, and an optional note for graders.
  z.strictObject({
    type: z.literal('free_text'),
    promptAr: Name(1000),
    promptEn: Name(1000),
    maxLength: IntInput(20, FREE_TEXT_MAX_LENGTH),
    maxPoints: IntInput(1, 100),
    guidanceAr: z.string().trim().max(2000).optional(),
    guidanceEn: z.string().trim().max(2000).optional(),
  }),
]);
export type QuestionInput = z.infer<typeof QuestionInput>;

/** Stored form of a question (quiz_questions.spec). */
export type QuestionSpec =
  | { freeText: true; maxLength: number; maxPoints: number; guidance: { ar: string; en: string } | null }
  | { options: { id: string; ar: string; en: string }[]; correct: string[] }
  | { correct: boolean }
  | { accepted: string[] }
  | { pairs: { id: string; left: { ar: string; en: string }; right: { ar: string; en: string } }[] };

export const StaffQuestion = z.object({ id: z.uuid(), type: QuestionType, prompt: Text, spec: z.record(z.string(), z.unknown()) });
export type StaffQuestion = z.infer<typeof StaffQuestion>;

/** A question as the trainee sees it: no answer. Matching: `left` in order, `right` shuffled (ids are pair ids). */
export const AttemptQuestion = z.object({
  id: z.uuid(),
  type: QuestionType,
  prompt: Text,
  options: z.array(z.object({ id: z.string(), text: Text })).nullable(),
  left: z.array(z.object({ id: z.string(), text: Text })).nullable(),
  right: z.array(z.object({ id: z.string(), text: Text })).nullable(),
  /** Free text: the longest answer accepted, in characters. */
  maxLength: z.number().int().nullable().optional(),
});
export type AttemptQuestion = z.infer<typeof AttemptQuestion>;

export const AttemptView = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  attemptNo: z.number().int(),
  /** `awaiting_grading`: submitted with free-text answers the trainer has not graded yet (score and pass come after). */
  status: z.enum(['open', 'awaiting_grading', 'graded', 'expired']),
  startedAt: z.iso.datetime(),
  deadlineAt: z.iso.datetime(),
  /** Seconds left at the server's clock when answered (0 once past). */
  secondsLeft: z.number().int(),
  questions: z.array(AttemptQuestion),
  scorePercent: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  passPercent: z.number().int(),
  /**
   * Per question once submitted: answered correctly (automatic grading). Free text: `correct` is null and the
   * trainer's `points` of `maxPoints` and `feedback` appear once graded, with the trainee's `answerText`.
   */
  results: z
    .array(
      z.object({
        questionId: z.uuid(),
        correct: z.boolean().nullable(),
        points: z.number().int().nullable().optional(),
        maxPoints: z.number().int().nullable().optional(),
        feedback: z.string().nullable().optional(),
        answerText: z.string().nullable().optional(),
      }),
    )
    .nullable(),
  enrolment: EnrolmentState.nullable(),
});
export type AttemptView = z.infer<typeof AttemptView>;

/** One answer: `choice` (single choice: option id), `choices` (multiple), `value` (true/false), `text` (short answer), `matches` (left id → right id). */
export const AnswerInput = z.strictObject({
  questionId: z.uuid(),
  choice: z.string().max(10).optional(),
  choices: z.array(z.string().max(10)).max(10).optional(),
  value: z.boolean().optional(),
  /** Short answer, or free text (up to the question's maxLength, at most FREE_TEXT_MAX_LENGTH). */
  text: z.string().max(4000).optional(),
  matches: z.record(z.string().max(10), z.string().max(10)).optional(),
});
export type AnswerInput = z.infer<typeof AnswerInput>;
export const SubmitAttemptRequest = z.strictObject({ answers: z.array(AnswerInput).max(50) });
export type SubmitAttemptRequest = z.infer<typeof SubmitAttemptRequest>;

// ---------- Authoring (staff) ----------

export const CourseInput = z.strictObject({
  titleAr: Name(200),
  titleEn: Name(200),
  descriptionAr: Name(4000),
  descriptionEn: Name(4000),
  isco: IscoInput,
  skillLevel: SkillLevel.nullable(),
  quizQuestionCount: IntInput(1, 50),
  quizTimeLimitMinutes: IntInput(1, 240),
  quizMaxAttempts: IntInput(1, 20),
  quizPassPercent: IntInput(1, 100),
  prerequisiteIds: z.array(z.uuid()).max(10),
});
export type CourseInput = z.infer<typeof CourseInput>;
export const UpdateCourseRequest = CourseInput.partial();
export type UpdateCourseRequest = z.infer<typeof UpdateCourseRequest>;

export const ModuleInput = z.strictObject({ titleAr: Name(200), titleEn: Name(200) });
export type ModuleInput = z.infer<typeof ModuleInput>;

const VideoUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^https:\/\/[^\s<>"]+$/i.test(v), { message: 'https_required' });
export const LessonInput = z.strictObject({
  moduleId: z.uuid(),
  titleAr: Name(200),
  titleEn: Name(200),
  bodyAr: LessonTextInput,
  bodyEn: LessonTextInput,
  videoUrl: VideoUrl.nullable(),
});
export type LessonInput = z.infer<typeof LessonInput>;
export const UpdateLessonRequest = LessonInput.omit({ moduleId: true }).partial();
export type UpdateLessonRequest = z.infer<typeof UpdateLessonRequest>;

export const ReturnCourseRequest = z.strictObject({ reason: Name(1000) });
/** Renames a module (draft or returned course). */
export const UpdateModuleRequest = ModuleInput.partial();
export type UpdateModuleRequest = z.infer<typeof UpdateModuleRequest>;

export const StaffLesson = z.object({
  id: z.uuid(),
  title: Text,
  body: Text,
  videoUrl: z.string().nullable(),
  file: z.object({ mediaType: z.string(), sizeBytes: z.number().int() }).nullable(),
  /** The uploaded SCORM 1.2 package (PUT /api/v1/training/lessons/{id}/scorm); null or absent when none. */
  scorm: ScormPackageInfo.nullable().optional(),
});
export const StaffCourse = CourseSummary.extend({
  quiz: QuizInfo,
  returnReason: z.string().nullable(),
  prerequisiteIds: z.array(z.uuid()),
  modules: z.array(z.object({ id: z.uuid(), title: Text, lessons: z.array(StaffLesson) })),
  questions: z.array(StaffQuestion),
  updatedAt: z.iso.datetime(),
});
export type StaffCourse = z.infer<typeof StaffCourse>;

export const StaffCourseListQuery = z.strictObject({ status: CourseStatus.optional() });

/** Upload limits: PDF ≤ 20 MB, video (MP4, WebM) ≤ 200 MB; the type is sniffed from the file's first bytes. */
export const LESSON_FILE_LIMITS = { 'application/pdf': 20 * 1024 * 1024, 'video/mp4': 200 * 1024 * 1024, 'video/webm': 200 * 1024 * 1024 } as const;

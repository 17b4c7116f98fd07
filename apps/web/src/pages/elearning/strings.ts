import type { CourseStatus, QuestionType } from '@rabt/contracts';
import { useLocale } from '../../ui/hooks.ts';

/** Strings of the e-learning pages (Arabic first), kept beside them like the e-services pages. */
const AR = {
  catalogue: 'الدورات التدريبية المهنية',
  catalogueLead: 'دورات مجانية من مراكز التدريب المهني، تتعلمها من هاتفك وتحصل على شهادة يمكن لأي أحد التحقق منها.',
  occupation: 'المهنة (رمز ISCO-08 أو جزء منه)',
  occupationHint: 'مثال: ٧٤١١ لكهربائي المباني، أو ٧٤ لكل مهن الكهرباء.',
  centre: 'مركز التدريب',
  anyCentre: 'كل المراكز',
  filter: 'عرض',
  none: 'لا توجد دورات مطابقة.',
  iscoDigitsOnly: 'رمز المهنة أرقام فقط (مثل ٧٤١١ أو 7411). صحّح الرمز أو امسحه لعرض كل الدورات.',
  lessons: (n: number) => arCount(n, { one: 'درس واحد', two: 'درسان', few: (d) => `${d} دروس`, many: (d) => `${d} درسًا`, other: (d) => `${d} درس` }),
  demo: 'بيانات تجريبية',
  prepares: 'يؤهل لاختبار مستوى المهارة',
  outline: 'محتوى الدورة',
  prerequisites: 'دورات مطلوبة قبلها',
  quiz: (q: number, min: number, pass: number, tries: number) =>
    `اختبار من ${arCount(q, { one: 'سؤال واحد', two: 'سؤالين', few: (d) => `${d} أسئلة`, many: (d) => `${d} سؤالًا`, other: (d) => `${d} سؤال` })} خلال ${arMinutes(min)}، النجاح من ${num(pass, 'ar')}٪، عدد المحاولات: ${num(tries, 'ar')}.`,
  enrol: 'سجّل في الدورة',
  signInToEnrol: 'سجّل الدخول للتسجيل في الدورة',
  resume: 'تابع التعلم',
  progress: 'التقدم',
  markComplete: 'أنهيت هذا الدرس',
  completed: 'مكتمل',
  next: 'الدرس التالي',
  previous: 'الدرس السابق',
  video: 'مشاهدة الفيديو',
  externalVideo: 'رابط الفيديو (موقع خارجي)',
  pdf: 'تنزيل ملف PDF',
  takeQuiz: 'ابدأ الاختبار',
  resumeQuiz: 'تابع الاختبار',
  quizTitle: 'الاختبار',
  timeLeft: 'الوقت المتبقي',
  submitQuiz: 'سلّم الإجابات',
  trueLabel: 'صح',
  falseLabel: 'خطأ',
  yourAnswer: 'إجابتك',
  choose: 'اختر',
  score: (s: string) => `درجتك ${s}٪`,
  passed: 'نجحت في الاختبار.',
  failed: 'لم تصل إلى درجة النجاح.',
  attemptsUsed: (u: string, m: string) => `المحاولات المستخدمة: ${u} من ${m}`,
  allAttemptsUsed: (m: number) => `استخدمت كل محاولات الاختبار (${arCount(m, { one: 'محاولة واحدة', two: 'محاولتان', few: (d) => `${d} محاولات`, many: (d) => `${d} محاولة`, other: (d) => `${d} محاولة` })}).`,
  bestResult: (s: string) => `أفضل نتيجة لك: ${s}٪.`,
  yourQuizState: 'نتيجتك في الاختبار',
  notPassedYet: 'لم تنجح في الاختبار بعد.',
  noAttemptsYet: 'لم تبدأ أي محاولة بعد.',
  attemptsLeft: (n: number) => `المحاولات المتبقية: ${arCount(n, { one: 'محاولة واحدة', two: 'محاولتان', few: (d) => `${d} محاولات`, many: (d) => `${d} محاولة`, other: (d) => `${d} محاولة` })}.`,
  seeResults: 'نتائج محاولاتك بالتفصيل',
  signInForQuiz: 'سجّل الدخول لتبدأ الاختبار أو ترى نتيجتك',
  answersRestored: 'استُعيدت إجاباتك التي كتبتها في هذه المحاولة على هذا الجهاز.',
  scormNeedsConnection: 'هذا الدرس تفاعلي (SCORM) ويحتاج إلى اتصال بالإنترنت: لا يعمل دون اتصال. اتصل بالإنترنت ثم افتحه مرة أخرى، أو تابع الدروس المحفوظة على جهازك.',
  backToCourse: 'العودة إلى صفحة الدورة',
  lastMinute: 'بقيت أقل من دقيقة: ستُسلَّم إجاباتك تلقائيًا عند انتهاء الوقت.',
  timeUp: 'انتهى الوقت: أُقفلت الإجابات وتُسلَّم كما هي.',
  enrolFirst: 'هذا الدرس جزء من دورة لم تسجّل فيها بعد. التسجيل مجاني.',
  goEnrol: 'افتح صفحة الدورة وسجّل فيها',
  myLearning: 'تعلّمي',
  myLearningLead: 'دوراتك ونسبة تقدمك وشهاداتك.',
  noEnrolments: 'لم تسجّل في أي دورة بعد.',
  certificate: 'الشهادة',
  verificationCode: 'رمز التحقق',
  verifyLink: 'صفحة التحقق',
  downloadPdf: 'تنزيل الشهادة PDF',
  courseDone: 'أتممت الدورة. مبروك!',
  training: 'إدارة الدورات التدريبية',
  noCoursesYet: 'لا توجد دورات بعد.',
  noCoursesYetAuthor: 'أنشئ أول دورة لمركزك من نموذج «دورة جديدة» أدناه.',
  newCourse: 'دورة جديدة',
  create: 'إنشاء',
  titleAr: 'العنوان بالعربية',
  titleEn: 'العنوان بالإنجليزية',
  descriptionAr: 'الوصف بالعربية',
  descriptionEn: 'الوصف بالإنجليزية',
  isco: 'رمز المهنة ISCO-08 (٤ أرقام)',
  skillLevel: 'مستوى المهارة الذي تؤهل له',
  noLevel: 'بدون',
  questionCount: 'عدد أسئلة كل محاولة',
  timeLimit: 'مدة الاختبار بالدقائق',
  maxAttempts: 'أقصى عدد للمحاولات',
  passPercent: 'درجة النجاح ٪',
  status: 'الحالة',
  addModule: 'إضافة وحدة',
  addLesson: 'إضافة درس',
  module: 'الوحدة',
  bodyAr: 'نص الدرس بالعربية',
  bodyEn: 'نص الدرس بالإنجليزية',
  bodyHint: 'سطر يبدأ بـ # عنوان، وبـ - عنصر قائمة، وسطر فارغ بين الفقرات.',
  videoUrl: 'رابط فيديو خارجي (https) — اختياري',
  upload: 'رفع ملف PDF أو فيديو',
  uploadHint: 'PDF حتى ٢٠ ميجابايت، فيديو MP4 أو WebM حتى ٢٠٠ ميجابايت.',
  uploaded: 'تم رفع الملف.',
  questions: 'بنك الأسئلة',
  addQuestion: 'إضافة سؤال',
  questionType: 'نوع السؤال',
  promptAr: 'نص السؤال بالعربية',
  promptEn: 'نص السؤال بالإنجليزية',
  optionsAr: 'الخيارات بالعربية (خيار في كل سطر)',
  optionsEn: 'الخيارات بالإنجليزية (خيار في كل سطر)',
  correctOptions: 'رقم الخيار الصحيح (أو الأرقام مفصولة بفاصلة)',
  correctTrue: 'الإجابة الصحيحة: صح',
  accepted: 'الإجابات المقبولة (واحدة في كل سطر)',
  pairsAr: 'أزواج المطابقة بالعربية: يسار = يمين (زوج في كل سطر)',
  pairsEn: 'أزواج المطابقة بالإنجليزية: يسار = يمين (زوج في كل سطر)',
  submitForApproval: 'تقديم الدورة لإدارة التدريب',
  approve: 'اعتماد ونشر',
  returnCourse: 'إعادة للمركز',
  returnReason: 'سبب الإعادة',
  returnedBecause: 'أُعيدت الدورة للسبب التالي:',
  open: 'فتح',
  saved: 'تم الحفظ.',
};
type Strings = typeof AR;

const EN: Strings = {
  catalogue: 'Vocational training courses',
  catalogueLead: 'Free courses from vocational training centres: learn on your phone and earn a certificate anyone can verify.',
  occupation: 'Occupation (ISCO-08 code or its start)',
  occupationHint: 'E.g. 7411 for building electricians, or 74 for all electrical trades.',
  centre: 'Training centre',
  anyCentre: 'All centres',
  filter: 'Show',
  none: 'No matching courses.',
  iscoDigitsOnly: 'The occupation code takes digits only (e.g. 7411; Arabic-Indic digits are accepted). Correct it, or clear it to see every course.',
  lessons: (n) => `${num(n, 'en')} ${n === 1 ? 'lesson' : 'lessons'}`,
  demo: 'demo data',
  prepares: 'Prepares for the skill-level test',
  outline: 'Course outline',
  prerequisites: 'Courses required first',
  quiz: (q, min, pass, tries) => `Quiz of ${q} ${q === 1 ? 'question' : 'questions'} in ${min} ${min === 1 ? 'minute' : 'minutes'}; pass mark ${pass}%; ${tries} ${tries === 1 ? 'attempt' : 'attempts'}.`,
  enrol: 'Enrol in this course',
  signInToEnrol: 'Sign in to enrol',
  resume: 'Continue learning',
  progress: 'Progress',
  markComplete: 'I have finished this lesson',
  completed: 'Completed',
  next: 'Next lesson',
  previous: 'Previous lesson',
  video: 'Watch the video',
  externalVideo: 'Video link (external site)',
  pdf: 'Download the PDF',
  takeQuiz: 'Start the quiz',
  resumeQuiz: 'Continue the quiz',
  quizTitle: 'Quiz',
  timeLeft: 'Time left',
  submitQuiz: 'Submit answers',
  trueLabel: 'True',
  falseLabel: 'False',
  yourAnswer: 'Your answer',
  choose: 'Choose',
  score: (s) => `Your score: ${s}%`,
  passed: 'You passed the quiz.',
  failed: 'You did not reach the pass mark.',
  attemptsUsed: (u, m) => `Attempts used: ${u} of ${m}`,
  allAttemptsUsed: (m) => `You have used all ${m} ${m === 1 ? 'attempt' : 'attempts'} of this quiz.`,
  bestResult: (s) => `Your best result: ${s}%.`,
  yourQuizState: 'Your quiz result',
  notPassedYet: 'You have not passed the quiz yet.',
  noAttemptsYet: 'You have not started an attempt yet.',
  attemptsLeft: (n) => `Attempts remaining: ${n}.`,
  seeResults: 'Your attempts in detail',
  signInForQuiz: 'Sign in to take the quiz or see your result',
  answersRestored: 'Your answers in this attempt were restored from this device.',
  scormNeedsConnection: 'This is an interactive (SCORM) lesson and needs an internet connection: it does not work offline. Connect and open it again, or continue with the lessons saved on your device.',
  backToCourse: 'Back to the course page',
  lastMinute: 'Under a minute to go: your answers will be submitted automatically when the time is up.',
  timeUp: 'Time is up: your answers are locked and submitted as they are.',
  enrolFirst: 'This lesson belongs to a course you have not enrolled in yet. Enrolment is free.',
  goEnrol: 'Open the course page and enrol',
  myLearning: 'My learning',
  myLearningLead: 'Your courses, progress and certificates.',
  noEnrolments: 'You have not enrolled in a course yet.',
  certificate: 'Certificate',
  verificationCode: 'Verification code',
  verifyLink: 'Verification page',
  downloadPdf: 'Download the certificate (PDF)',
  courseDone: 'You completed the course. Congratulations!',
  training: 'Training courses',
  noCoursesYet: 'No courses yet.',
  noCoursesYetAuthor: 'Create your centre\'s first course with the “New course” form below.',
  newCourse: 'New course',
  create: 'Create',
  titleAr: 'Title in Arabic',
  titleEn: 'Title in English',
  descriptionAr: 'Description in Arabic',
  descriptionEn: 'Description in English',
  isco: 'ISCO-08 occupation code (4 digits)',
  skillLevel: 'Skill level it prepares for',
  noLevel: 'None',
  questionCount: 'Questions per attempt',
  timeLimit: 'Quiz time limit (minutes)',
  maxAttempts: 'Maximum attempts',
  passPercent: 'Pass mark %',
  status: 'Status',
  addModule: 'Add module',
  addLesson: 'Add lesson',
  module: 'Module',
  bodyAr: 'Lesson text in Arabic',
  bodyEn: 'Lesson text in English',
  bodyHint: 'A line starting with # is a heading, with - a list item; a blank line between paragraphs.',
  videoUrl: 'External video link (https), optional',
  upload: 'Upload a PDF or video',
  uploadHint: 'PDF up to 20 MB; MP4 or WebM video up to 200 MB.',
  uploaded: 'File uploaded.',
  questions: 'Question bank',
  addQuestion: 'Add question',
  questionType: 'Question type',
  promptAr: 'Question in Arabic',
  promptEn: 'Question in English',
  optionsAr: 'Options in Arabic (one per line)',
  optionsEn: 'Options in English (one per line)',
  correctOptions: 'Number of the correct option (or numbers, comma-separated)',
  correctTrue: 'Correct answer: true',
  accepted: 'Accepted answers (one per line)',
  pairsAr: 'Matching pairs in Arabic: left = right (one per line)',
  pairsEn: 'Matching pairs in English: left = right (one per line)',
  submitForApproval: 'Submit to HQ training',
  approve: 'Approve and publish',
  returnCourse: 'Return to the centre',
  returnReason: 'Reason for returning',
  returnedBecause: 'The course was returned for this reason:',
  open: 'Open',
  saved: 'Saved.',
};

export function useL(): Strings {
  return useLocale() === 'ar' ? AR : EN;
}

export const STATUS_NAMES: Record<CourseStatus, { ar: string; en: string }> = {
  draft: { ar: 'مسودة', en: 'Draft' },
  submitted: { ar: 'مقدمة للاعتماد', en: 'Submitted' },
  published: { ar: 'منشورة', en: 'Published' },
  returned: { ar: 'مُعادة للمركز', en: 'Returned' },
};

export const QUESTION_TYPES: Record<QuestionType, { ar: string; en: string }> = {
  single_choice: { ar: 'اختيار واحد', en: 'Single choice' },
  multiple_choice: { ar: 'اختيار متعدد', en: 'Multiple choice' },
  true_false: { ar: 'صح أو خطأ', en: 'True / false' },
  short_answer: { ar: 'إجابة قصيرة', en: 'Short answer' },
  matching: { ar: 'مطابقة', en: 'Matching' },
  free_text: { ar: 'إجابة نصية يصححها المدرب', en: 'Written answer (graded by the trainer)' },
};

const AR_PLURAL = new Intl.PluralRules('ar');

/**
 * An Arabic counted noun by the CLDR plural category of `ar` (Intl.PluralRules): 1 «درس واحد», 2 «درسان»,
 * 3–10 (few) «٣ دروس», 11–99 (many) «١١ درسًا», 0 and 100+ (other) «١٠٠ درس». `d` is the count in Arabic-Indic digits.
 */
export function arCount(n: number, forms: { one: string; two: string; few: (d: string) => string; many: (d: string) => string; other: (d: string) => string }): string {
  const d = num(n, 'ar');
  switch (AR_PLURAL.select(n)) {
    case 'one':
      return forms.one;
    case 'two':
      return forms.two;
    case 'few':
      return forms.few(d);
    case 'many':
      return forms.many(d);
    case 'zero':
    case 'other':
      return forms.other(d);
  }
}

/** «دقيقة واحدة», «دقيقتان», «٥ دقائق», «٦٠ دقيقة». */
export const arMinutes = (n: number): string => arCount(n, { one: 'دقيقة واحدة', two: 'دقيقتان', few: (d) => `${d} دقائق`, many: (d) => `${d} دقيقة`, other: (d) => `${d} دقيقة` });

/**
 * A whole percentage in the UI language: «١٠٠٪» (Arabic-Indic digits, the Arabic percent sign U+066A) in
 * Arabic, "100%" in English (Intl.NumberFormat, style 'percent'). `n` is 0-100, not a fraction.
 */
export function percent(n: number, locale: 'ar' | 'en'): string {
  // Arabic without Intl's percent pattern: it adds bidi marks around the sign that break copy and search.
  return locale === 'ar' ? `${num(n, 'ar')}٪` : new Intl.NumberFormat('en-GB', { style: 'percent', useGrouping: false, maximumFractionDigits: 0 }).format(n / 100);
}

/** Digits in the UI language (Arabic-Indic in Arabic). */
export function num(n: number, locale: 'ar' | 'en'): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { useGrouping: false }).format(n);
}

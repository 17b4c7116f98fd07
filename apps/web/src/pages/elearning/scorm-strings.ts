import { useLocale } from '../../ui/hooks.ts';

/** Strings of SCORM lessons (issue 6 §1): the player on the lesson page and the upload in the course editor. */
const AR = {
  frameTitle: (title: string) => `المحتوى التفاعلي: ${title}`,
  loading: 'جارٍ تحميل المحتوى التفاعلي…',
  selfCompletes: 'يكتمل هذا الدرس تلقائيًا عندما تنهي المحتوى التفاعلي.',
  saved: 'حُفظ تقدمك في المحتوى التفاعلي.',
  resumed: 'تتابع من حيث توقفت.',
  score: (s: string) => `درجتك في المحتوى التفاعلي: ${s}٪`,
  upload: 'رفع حزمة SCORM 1.2 (ملف ‎.zip)',
  uploadHint: 'حزمة SCORM 1.2 فقط (لا تُقبل SCORM 2004)، حتى ٥٠ ميجابايت مضغوطة. تُعرض أجزاء الحزمة (وحدات SCO) بترتيبها، ويكتمل الدرس عند إنهائها كلها.',
  parts: 'أجزاء المحتوى التفاعلي',
  partStatus: (done: boolean, failed = false): string => (done ? 'مكتمل' : failed ? 'لم تبلغ درجة النجاح' : 'لم يكتمل'),
  locked: 'مقفل',
  lockedReason: (titles: string[]): string => `يُفتح بعد أن تجتاز أو تكمل: ${titles.map((t) => `«${t}»`).join('، ')}`,
  passMark: (score: string): string => `درجة النجاح في هذا الجزء: ${score}٪`,
  package: (title: string, files: string) => `حزمة SCORM: ${title} — عدد الملفات: ${files}`,
  partCount: (count: string): string => `عدد الأجزاء (وحدات SCO): ${count}`,
} as const;

const EN: { [K in keyof typeof AR]: (typeof AR)[K] extends string ? string : (typeof AR)[K] } = {
  frameTitle: (title) => `Interactive content: ${title}`,
  loading: 'Loading the interactive content…',
  selfCompletes: 'This lesson completes by itself when you finish the interactive content.',
  saved: 'Your progress in the interactive content was saved.',
  resumed: 'You continue where you stopped.',
  score: (s) => `Your score in the interactive content: ${s}%`,
  upload: 'Upload a SCORM 1.2 package (.zip)',
  uploadHint: 'SCORM 1.2 only (SCORM 2004 is not accepted), up to 50 MB zipped. The parts of the package (its SCOs) are offered in order; the lesson completes when all are finished.',
  parts: 'Parts of the interactive content',
  partStatus: (done, failed = false) => (done ? 'done' : failed ? 'below the pass mark' : 'not done'),
  locked: 'locked',
  lockedReason: (titles) => `Opens once you pass or complete: ${titles.map((t) => `“${t}”`).join(', ')}`,
  passMark: (score) => `Pass mark of this part: ${score}%`,
  package: (title, files) => `SCORM package: ${title} — files: ${files}`,
  partCount: (count) => `Parts (SCOs): ${count}`,
};

export function useScormL(): typeof EN {
  return useLocale() === 'ar' ? AR : EN;
}

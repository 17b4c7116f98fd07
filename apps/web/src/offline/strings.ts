import { useLocale } from '../ui/hooks.ts';

/** Strings of the offline indicator and of offline lessons (Arabic first). `n` are numbers already in the UI's digits. */
const AR = {
  offline: 'أنت غير متصل بالإنترنت. الدروس التي فتحتها أو حفظتها على هذا الجهاز متاحة للقراءة، والتحقق من رمز QR يعمل؛ باقي الخدمات تحتاج إلى الاتصال.',
  pending: (n: string) => `إنهاء ${n} من الدروس محفوظ على هذا الجهاز، وسيُزامَن عند عودة الاتصال.`,
  synced: (n: string) => `عاد الاتصال: تمت مزامنة تقدّمك (${n} من الدروس).`,
  refused: (n: string) => `لم يقبل الخادم ${n} من الدروس المحفوظة (حُذف الدرس أو التسجيل، أو الدرس تفاعلي يُكمَل من داخل محتواه).`,
  lessonPending: 'سُجّل إنهاء هذا الدرس على هذا الجهاز، وسيُزامَن عند عودة الاتصال.',
  save: 'احفظ الدورة للقراءة دون اتصال',
  saveHint: 'يحفظ نصوص الدروس وملفات PDF على هذا الجهاز، دون الفيديو.',
  saveScormHint: 'الدروس التفاعلية (SCORM) تحتاج إلى اتصال بالإنترنت، فلا تُحفظ على هذا الجهاز.',
  saving: 'جارٍ حفظ الدروس…',
  saved: (n: string, total: string) => `حُفظ ${n} من ${total} من الدروس على هذا الجهاز.`,
  saveFailed: 'تعذّر الحفظ الآن. حاول مرة أخرى وأنت متصل بالإنترنت.',
  unavailableTitle: 'هذه الصفحة غير متاحة دون اتصال',
  unavailable: 'هذه الصفحة غير متاحة دون اتصال بالإنترنت. الدروس التي حفظتها على هذا الجهاز متاحة من «تعلّمي»، وتعمل هذه الصفحة عند عودة الاتصال.',
  savedLessons: 'الدروس المحفوظة (تعلّمي)',
  errorTitle: 'حدث خطأ',
  error: 'حدث خطأ أثناء عرض هذه الصفحة. أعد تحميل الصفحة، وإن تكرر الخطأ فحاول لاحقًا.',
  reload: 'أعد تحميل الصفحة',
  home: 'العودة إلى الصفحة الرئيسية',
};
type Strings = typeof AR;

const EN: Strings = {
  offline: 'You are offline. Lessons you opened or saved on this device can still be read, and QR codes can still be checked; other services need a connection.',
  pending: (n) => `${n} completed lesson(s) kept on this device; they will sync when you are back online.`,
  synced: (n) => `Back online: your progress was synced (${n} lesson(s)).`,
  refused: (n) => `The server did not accept ${n} kept lesson(s) (the lesson or enrolment was removed, or the lesson is interactive and is completed from within its content).`,
  lessonPending: 'Marked complete on this device; it will sync when you are back online.',
  save: 'Save the course for offline reading',
  saveHint: 'Keeps the lessons’ text and PDF files on this device, not the videos.',
  saveScormHint: 'Interactive (SCORM) lessons need an internet connection, so they are not saved on this device.',
  saving: 'Saving the lessons…',
  saved: (n, total) => `${n} of ${total} lessons saved on this device.`,
  saveFailed: 'Could not save now. Try again while online.',
  unavailableTitle: 'This page is not available offline',
  unavailable: 'This page is not available without an internet connection. The lessons you saved on this device are in “My learning”, and this page works again once you are back online.',
  savedLessons: 'Saved lessons (My learning)',
  errorTitle: 'Something went wrong',
  error: 'Something went wrong while showing this page. Reload the page; if it happens again, try later.',
  reload: 'Reload the page',
  home: 'Back to the home page',
};

export function useOfflineL(): Strings {
  return useLocale() === 'ar' ? AR : EN;
}

/** Both languages, for messages shown in Arabic and English together (the route error page). */
export const OFFLINE_STRINGS: Record<'ar' | 'en', Strings> = { ar: AR, en: EN };

/** A file size for the user to judge a download on a slow link: "1.2 MB" / "١٫٢ ميجابايت" (Intl unit formatting). */
export function fileSize(bytes: number, locale: 'ar' | 'en'): string {
  const mb = bytes >= 1_000_000;
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(mb ? bytes / 1_000_000 : Math.max(1, bytes / 1000));
}

import { useLocale } from '../../ui/hooks.ts';

/** Strings of the course editor's corrections (edit, delete, quiz settings, readiness), Arabic first. */
const AR = {
  edit: 'تعديل',
  save: 'حفظ التعديل',
  deleteModule: 'حذف الوحدة ودروسها',
  deleteLesson: 'حذف الدرس',
  deleteQuestion: 'حذف السؤال',
  confirmDelete: 'هل تريد الحذف فعلًا؟ لا يمكن التراجع.',
  editModule: (t: string) => `تعديل الوحدة «${t}»`,
  editLesson: (t: string) => `تعديل الدرس «${t}»`,
  editQuestion: 'تعديل السؤال',
  quizSettings: 'إعدادات الاختبار',
  saveSettings: 'حفظ إعدادات الاختبار',
  bank: (bank: string, draw: string) => `في بنك الأسئلة ${bank}، ويُسحب ${draw} في كل محاولة.`,
  bankTooSmall: 'بنك الأسئلة أصغر من عدد أسئلة المحاولة: أضف أسئلة أو قلّل العدد قبل التقديم.',
  notReady: 'لا يمكن تقديم الدورة بعد:',
  notReadyToPublish: 'لا يمكن نشر الدورة:',
  bankEmpty: 'بنك أسئلة الاختبار النهائي فارغ: أضف أسئلة قبل تقديم الدورة، فلا تُنشر دورة بلا اختبار.',
  editQuestionOf: (t: string) => `تعديل السؤال «${t}»`,
  reasonRequired: 'اكتب سبب الإرجاع',
  httpsRequired: 'يجب أن يبدأ الرابط بـ https://',
  optionOutOfRange: 'رقم الخيار الصحيح أكبر من عدد الخيارات',
};
type Strings = typeof AR;
const EN: Strings = {
  edit: 'Edit',
  save: 'Save changes',
  deleteModule: 'Delete module and its lessons',
  deleteLesson: 'Delete lesson',
  deleteQuestion: 'Delete question',
  confirmDelete: 'Delete for good? This cannot be undone.',
  editModule: (t) => `Edit module “${t}”`,
  editLesson: (t) => `Edit lesson “${t}”`,
  editQuestion: 'Edit question',
  quizSettings: 'Quiz settings',
  saveSettings: 'Save quiz settings',
  bank: (bank, draw) => `The question bank holds ${bank}; each attempt draws ${draw}.`,
  bankTooSmall: 'The bank is smaller than the questions per attempt: add questions or draw fewer before submitting.',
  notReady: 'The course cannot be submitted yet:',
  notReadyToPublish: 'The course cannot be published:',
  bankEmpty: "The final quiz's question bank is empty: add questions before submitting; a course is not published without its quiz.",
  editQuestionOf: (t) => `Edit question “${t}”`,
  reasonRequired: 'Write the reason for returning the course',
  httpsRequired: 'The link must start with https://',
  optionOutOfRange: 'The correct option number is greater than the number of options',
};

export function useA(): Strings {
  return useLocale() === 'ar' ? AR : EN;
}

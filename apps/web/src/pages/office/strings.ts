import { useLocale } from '../../ui/hooks.ts';
import type { UiLocale } from '../../i18n/index.ts';

const AR_PLURAL = new Intl.PluralRules('ar');
/**
 * `n` with its Arabic counted noun agreeing (Intl.PluralRules('ar'): one/two are whole phrases; 3–10 few "٣ صفوف",
 * 11–99 many "١١ صفًا", 100+ and 0 "١٠٠ صف"), Arabic-Indic digits; `prefix` goes before the number.
 */
export function arabicCount(n: number, forms: { zero: string; one: string; two: string; few: string; many: string; other: string }, prefix = ''): string {
  const cat = AR_PLURAL.select(n);
  if (cat === 'one' || cat === 'two') return forms[cat];
  return `${prefix}${new Intl.NumberFormat('ar-EG').format(n)} ${forms[cat]}`;
}

/** Strings of the legacy-import and dashboard pages (Arabic first), kept beside them like the e-services pages. */
const AR = {
  importTitle: 'استيراد سجل القيد الورقي',
  importLead: 'ارفع ملف سجل القيد القديم (CSV أو Excel). يُقرأ الملف في الخلفية، وتظهر نتيجة كل صف مع سبب رفضه إن وُجد.',
  columns: 'الأعمدة المطلوبة في الصف الأول (بالعربية أو الإنجليزية):',
  file: 'ملف السجل',
  fileHint: 'CSV بترميز UTF-8 أو XLSX، حتى ٥٠ ميجابايت.',
  wrongType: (name: string) => `الملف «${name}» ليس من نوع مقبول. الأنواع المقبولة: CSV (‎.csv‎) بترميز UTF-8 أو مصنّف إكسل (‎.xlsx‎).`,
  missingColumns: (cols: string) => `صف العناوين تنقصه هذه الأعمدة: ${cols}. راجع دليل الاستيراد أدناه.`,
  guideTitle: 'دليل الاستيراد',
  guideHeaders: 'يُكتب اسم كل عمود في الصف الأول بأي صورة من هذه (لا تهم المسافات ولا التشكيل ولا حالة الحروف):',
  guideFormats: 'صيغ القيم المقبولة:',
  guideRegister: 'رقم القيد: أرقام فقط، ويجوز فصل المجموعات بشرطة مائلة، مثل ١٢٣/٢٠١٩ (حتى ٣٠ حرفًا).',
  guideId: 'الرقم القومي: ١٤ رقمًا (أرقام عربية أو هندية).',
  guideDate: 'تاريخ القيد: يوم/شهر/سنة (مثل ١٥/٣/٢٠١٩) أو سنة-شهر-يوم (٢٠١٩-٠٣-١٥)، لا في المستقبل.',
  guideOffice: 'رمز المكتب: مثل CAI-NASR؛ يجوز تركه فارغًا إذا اخترت المكتب أدناه.',
  guideIsco: 'المهنة: رمز مجموعة وحدات من ٤ أرقام في التصنيف ISCO-08، مثل ٧٤١١.',
  guideQualification: 'المؤهل: مثل «ثانوي فني» أو «بكالوريوس» أو «بدون مؤهل» (أو بالإنجليزية).',
  guideYears: 'سنوات الخبرة: عدد صحيح من ٠ إلى ٦٠.',
  sample: 'تنزيل ملف مثال (CSV)',
  office: 'مكتب العمل صاحب السجل (اختياري)',
  officeHint: 'تأخذ الصفوف التي تركت رمز المكتب فارغًا هذا المكتب.',
  officeFromFile: '— حسب عمود رمز المكتب في الملف —',
  upload: 'رفع الملف وبدء الاستيراد',
  uploading: 'جارٍ الرفع…',
  chooseFile: 'اختر ملفًا أولًا.',
  network: 'تعذّر الوصول إلى الخدمة. تحقّق من اتصالك وحاول مرة أخرى.',
  progress: 'تقدّم الاستيراد',
  status: { queued: 'في الانتظار', running: 'جارٍ الاستيراد', done: 'اكتمل الاستيراد', failed: 'تعذّر الاستيراد' } as Record<string, string>,
  rowsRead: 'الصفوف المقروءة',
  rowsImported: 'صفوف مستوردة',
  rowsDuplicate: 'مستوردة من قبل',
  rowsError: 'صفوف بها أخطاء',
  issuesTitle: 'الصفوف التي لم تُستورد',
  issuesCaption: (n: number) => `${arabicCount(n, { zero: 'صف', one: 'الصف الوحيد', two: 'الصفان', few: 'صفوف', many: 'صفًا', other: 'صف' }, n <= 2 ? '' : 'أول ')} لم ${n === 1 ? 'يُستورد' : n === 2 ? 'يُستوردا' : 'تُستورد'}، بترتيب الملف`,
  noIssues: 'استُورد كل صف في الملف.',
  row: 'الصف',
  result: 'النتيجة',
  field: 'الحقل',
  reason: 'السبب',
  resultLabel: { imported: 'مستورد', already_imported: 'مستورد من قبل', error: 'خطأ' } as Record<string, string>,
  report: 'تنزيل التقرير الكامل (CSV)',
  truncated: 'القائمة مقتطعة؛ التقرير الكامل في ملف CSV.',
  dashboardTitle: 'لوحة مؤشرات الخدمات',
  dashboardLead: 'الطلبات والمهل وزمن الإنجاز والقيد في نطاقك. كل رسم بياني يليه جدول بالأرقام نفسها.',
  scope: 'النطاق',
  scopes: { office: 'المكتب', directorate: 'المديرية', hq: 'الديوان العام (كل المكاتب)' },
  scopeOffice: 'المكتب',
  scopeDirectorate: 'المديرية',
  choose: '— اختر —',
  from: 'من تاريخ',
  to: 'إلى تاريخ',
  show: 'عرض',
  scopeKey: (k: string) => `النطاق المعروض: ${k}`,
  allTime: 'كل الفترات',
  range: (f: string, t: string) => `الفترة: ${f} — ${t}`,
  csv: (title: string) => `تنزيل جدول «${title}» (CSV)`,
  empty: 'لا توجد بيانات في هذه الفترة.',
  chartSummary: (title: string, parts: string) => `رسم بياني بالأعمدة: ${title}. ${parts}`,
  byStatus: 'الطلبات حسب الحالة',
  byService: 'الطلبات حسب الخدمة',
  sla: 'تجاوز المهلة حسب المكتب',
  processing: 'وسيط زمن الإنجاز حسب المكتب (بالساعات)',
  registrations: 'القيد: المستورد من السجل الورقي مقابل الإلكتروني',
  statusCol: 'الحالة',
  serviceCol: 'الخدمة',
  officeCol: 'المكتب',
  count: 'العدد',
  open: 'مفتوحة',
  breached: 'تجاوزت المهلة',
  decided: 'طلبات منتهية',
  medianHours: 'وسيط الساعات',
  imported: 'مستورد',
  online: 'إلكتروني',
};
type Strings = typeof AR;

const EN: Strings = {
  importTitle: 'Import a paper registration register',
  importLead: 'Upload a legacy register file (CSV or Excel). It is read in the background; each row gets a result, with the reason when it is not imported.',
  columns: 'Columns required in the first row (English or Arabic names):',
  file: 'Register file',
  fileHint: 'UTF-8 CSV or XLSX, up to 50 MB.',
  wrongType: (name: string) => `The file “${name}” is not an accepted type. Accepted: UTF-8 CSV (.csv) or an Excel workbook (.xlsx).`,
  missingColumns: (cols: string) => `The header row lacks these columns: ${cols}. See the import guide below.`,
  guideTitle: 'Import guide',
  guideHeaders: 'Name each column in the first row in any of these ways (spaces, diacritics and case do not matter):',
  guideFormats: 'Accepted value formats:',
  guideRegister: 'Register number: digits only; groups may be separated by a slash, e.g. 123/2019 (up to 30 characters).',
  guideId: 'National ID: 14 digits (Western or Arabic-Indic).',
  guideDate: 'Registration date: D/M/YYYY (e.g. 15/3/2019) or YYYY-MM-DD (2019-03-15), not in the future.',
  guideOffice: 'Office code: e.g. CAI-NASR; may be blank when you choose the office below.',
  guideIsco: 'Occupation: a 4-digit ISCO-08 unit group code, e.g. 7411.',
  guideQualification: 'Qualification: e.g. “technical secondary”, “bachelor’s”, “no formal education” (or in Arabic).',
  guideYears: 'Years of experience: a whole number from 0 to 60.',
  sample: 'Download a sample file (CSV)',
  office: 'Labour office whose register this is (optional)',
  officeHint: 'Rows with a blank office code take this office.',
  officeFromFile: '— from the office code column of the file —',
  upload: 'Upload and start the import',
  uploading: 'Uploading…',
  chooseFile: 'Choose a file first.',
  network: 'The service cannot be reached. Check your connection and try again.',
  progress: 'Import progress',
  status: { queued: 'Queued', running: 'Importing', done: 'Import complete', failed: 'Import failed' },
  rowsRead: 'Rows read',
  rowsImported: 'Rows imported',
  rowsDuplicate: 'Already imported',
  rowsError: 'Rows with errors',
  issuesTitle: 'Rows not imported',
  issuesCaption: (n) => (n === 1 ? 'The only row not imported' : `First ${new Intl.NumberFormat('en-GB').format(n)} rows not imported, in file order`),
  noIssues: 'Every row of the file was imported.',
  row: 'Row',
  result: 'Result',
  field: 'Field',
  reason: 'Reason',
  resultLabel: { imported: 'Imported', already_imported: 'Already imported', error: 'Error' },
  report: 'Download the full report (CSV)',
  truncated: 'The list is cut short; the full report is in the CSV file.',
  dashboardTitle: 'E-services dashboard',
  dashboardLead: 'Applications, deadlines, processing time and registrations in your scope. Each chart is followed by a table of the same numbers.',
  scope: 'Scope',
  scopes: { office: 'Office', directorate: 'Directorate', hq: 'Headquarters (all offices)' },
  scopeOffice: 'Office',
  scopeDirectorate: 'Directorate',
  choose: '— choose —',
  from: 'From',
  to: 'To',
  show: 'Show',
  scopeKey: (k) => `Scope shown: ${k}`,
  allTime: 'All time',
  range: (f, t) => `Period: ${f} — ${t}`,
  csv: (title) => `Download “${title}” (CSV)`,
  empty: 'No data in this period.',
  chartSummary: (title, parts) => `Bar chart: ${title}. ${parts}`,
  byStatus: 'Applications by status',
  byService: 'Applications by service',
  sla: 'Deadline breaches per office',
  processing: 'Median processing time per office (hours)',
  registrations: 'Registrations: imported from paper vs online',
  statusCol: 'Status',
  serviceCol: 'Service',
  officeCol: 'Office',
  count: 'Count',
  open: 'Open',
  breached: 'Past deadline',
  decided: 'Decided',
  medianHours: 'Median hours',
  imported: 'Imported',
  online: 'Online',
};

/** Names of the register columns (IMPORT_COLUMNS) in the UI language, for the issues table. */
const FIELDS: Record<string, { ar: string; en: string }> = {
  register_number: { ar: 'رقم القيد', en: 'Register number' },
  national_id: { ar: 'الرقم القومي', en: 'National ID' },
  name: { ar: 'الاسم', en: 'Name' },
  registration_date: { ar: 'تاريخ القيد', en: 'Registration date' },
  office_code: { ar: 'رمز المكتب', en: 'Office code' },
  isco: { ar: 'المهنة (ISCO-08)', en: 'Occupation (ISCO-08)' },
  qualification: { ar: 'المؤهل', en: 'Qualification' },
  experience_years: { ar: 'سنوات الخبرة', en: 'Years of experience' },
};

export function useS(): Strings {
  return useLocale() === 'ar' ? AR : EN;
}

export function fieldLabel(field: string | null, locale: UiLocale): string {
  if (!field) return '—';
  return FIELDS[field]?.[locale] ?? field;
}

/** Integers (and decimals) in the UI's digits: Arabic-Indic via ar-EG in Arabic. */
export function numberFormat(locale: UiLocale, maximumFractionDigits = 0): Intl.NumberFormat {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { maximumFractionDigits });
}

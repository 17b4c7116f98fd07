/**
 * Arabic rendering of the legal sources the contract checks (and the orientation lessons) cite. The checks (and the ministry's contract
 * templates, data/exchange/contract-templates.json) carry their source in English only ("Saudi Labour Law
 * Art. 98"); stored checks keep that text, so the rendering happens where it is shown. A source with a
 * phrase this table does not know is returned as `null`, and the page shows the English original marked
 * `lang="en"` rather than a half-translated citation.
 */

const toArabicDigits = (s: string) => s.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'.charAt(Number(d)));
const regionAr = new Intl.DisplayNames(['ar'], { type: 'region' });
const country = (code: string) => {
  try {
    return regionAr.of(code) ?? code;
  } catch {
    return code;
  }
};

/** Whole-phrase replacements, longest first where one contains another. */
const PHRASES: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  [/Minimum wage for Egyptian workers in ([A-Z]{2}), ISCO-08 major group (\d) \(ministry configuration, contract-templates\.json\)/, (_m, c, g) => `الحد الأدنى لأجر العامل المصري في ${country(c ?? '')}، المجموعة الرئيسية ${g} من التصنيف الدولي للمهن (إعدادات الوزارة)`],
  [/Contract template of ([A-Z]{2}) \(domain-data §5: required fields\)/, (_m, c) => `نموذج عقد ${country(c ?? '')} (الحقول المطلوبة)`],
  [/Attested job order \(issue 3\)/, 'طلب الاستقدام الموثّق'],
  [/ILO General Principles for Fair Recruitment, Principle (\d+)/, 'المبادئ العامة للتوظيف العادل (منظمة العمل الدولية)، المبدأ $1'],
  [/ILO General Principle (\d+)/, 'المبادئ العامة للتوظيف العادل (منظمة العمل الدولية)، المبدأ $1'],
  [/ILO Employer Pays Principle/, 'مبدأ «صاحب العمل يدفع» (منظمة العمل الدولية)'],
  [/Egypt Labour Law (\d+)\/(\d{4})/, 'قانون العمل المصري رقم $1 لسنة $2'],
  [/Saudi Labour Law/, 'نظام العمل السعودي'],
  [/Kuwait Law (\d+)\/(\d{4})/, 'قانون العمل الكويتي رقم $1 لسنة $2'],
  [/UAE Decree-Law (\d+)\/(\d{4})/, 'المرسوم بقانون الإماراتي رقم $1 لسنة $2'],
  [/Jordanian Labour Law/, 'قانون العمل الأردني'],
  [/Qatar Labour Law/, 'قانون العمل القطري'],
  [/Jordanian work-permit term \(renewed yearly\)/, 'مدة تصريح العمل في الأردن (يُجدَّد سنويًا)'],
  [/Art\. (\d+)[–-](\d+)/, 'المواد $1–$2'],
  [/Art\. (\d+)/, 'المادة $1'],
  [/\(a contract in a language the worker understands\)/, '(عقد بلغة يفهمها العامل)'],
  [/\(the contract is concluded before departure\)/, '(يُبرم العقد قبل السفر)'],
  [/\(contract must match the offer\)/, '(يطابق العقد العرض)'],
  [/\(non-Saudis: written fixed-term contract\)/, '(لغير السعوديين: عقد مكتوب محدد المدة)'],
  [/\(fixed term\)/, '(محدد المدة)'],
  [/\(1–5 years\)/, '(من سنة إلى خمس سنوات)'],
  [/\(up to five years\)/, '(حتى خمس سنوات)'],
];

/**
 * "Saudi Labour Law Art. 51; ILO General Principle 8 (…)" → "نظام العمل السعودي، المادة ٥١؛ المبادئ العامة …".
 * Returns null when any part stays untranslated (Latin letters left).
 */
export function citationAr(source: string): string | null {
  const parts = source.split(/;\s*/).map((part) => {
    let s = part;
    for (const [re, to] of PHRASES) s = s.replace(new RegExp(re.source, 'g'), to as string);
    return s.replace(/\s+(المادة|المواد)/g, '، $1').trim();
  });
  if (parts.some((p) => /[A-Za-z]/.test(p))) return null;
  return toArabicDigits(parts.join('؛ '));
}

/**
 * Governorate codes used in digits 8–9 of the Egyptian national ID, with names.
 * Source: `apps/api/data/reference/egypt_governorates_nid.csv` (predev-solutions/egypt-validators,
 * MIT); a unit test keeps this list and the CSV identical. Code 88 means "born abroad" and is not a
 * governorate.
 */
export const GOVERNORATES = [
  { code: '01', en: 'Cairo', ar: 'القاهرة' },
  { code: '02', en: 'Alexandria', ar: 'الإسكندرية' },
  { code: '03', en: 'Port Said', ar: 'بورسعيد' },
  { code: '04', en: 'Suez', ar: 'السويس' },
  { code: '11', en: 'Damietta', ar: 'دمياط' },
  { code: '12', en: 'Dakahlia', ar: 'الدقهلية' },
  { code: '13', en: 'Sharqia', ar: 'الشرقية' },
  { code: '14', en: 'Qalyubia', ar: 'القليوبية' },
  { code: '15', en: 'Kafr El Sheikh', ar: 'كفر الشيخ' },
  { code: '16', en: 'Gharbia', ar: 'الغربية' },
  { code: '17', en: 'Monufia', ar: 'المنوفية' },
  { code: '18', en: 'Beheira', ar: 'البحيرة' },
  { code: '19', en: 'Ismailia', ar: 'الإسماعيلية' },
  { code: '21', en: 'Giza', ar: 'الجيزة' },
  { code: '22', en: 'Beni Suef', ar: 'بني سويف' },
  { code: '23', en: 'Fayoum', ar: 'الفيوم' },
  { code: '24', en: 'Minya', ar: 'المنيا' },
  { code: '25', en: 'Asyut', ar: 'أسيوط' },
  { code: '26', en: 'Sohag', ar: 'سوهاج' },
  { code: '27', en: 'Qena', ar: 'قنا' },
  { code: '28', en: 'Aswan', ar: 'أسوان' },
  { code: '29', en: 'Luxor', ar: 'الأقصر' },
  { code: '31', en: 'Red Sea', ar: 'البحر الأحمر' },
  { code: '32', en: 'New Valley', ar: 'الوادي الجديد' },
  { code: '33', en: 'Matrouh', ar: 'مطروح' },
  { code: '34', en: 'North Sinai', ar: 'شمال سيناء' },
  { code: '35', en: 'South Sinai', ar: 'جنوب سيناء' },
  { code: '88', en: 'Born abroad', ar: 'مواليد الخارج' },
] as const;

export type GovernorateCode = (typeof GOVERNORATES)[number]['code'];

const CODES = new Set<string>(GOVERNORATES.map((g) => g.code));

/** True when `code` is one of the 27 governorate codes or 88 (born abroad). */
export function isNationalIdGovernorateCode(code: string): code is GovernorateCode {
  return CODES.has(code);
}

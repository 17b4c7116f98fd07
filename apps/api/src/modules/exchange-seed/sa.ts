/**
 * Seed of the demo Saudi (SA) node: job orders from the 1,000 real Jadarat postings
 * (`apps/api/data/exchange/sa_job_postings.csv`, see SOURCE.md there) and SYNTHETIC establishments
 * derived from their economic activity, size and city. Pure and deterministic: the same files give the
 * same output, byte for byte. Loaders (partner-node seeding) call `saEstablishments()` and `saJobOrders()`.
 */
import { normalizeDigits, type LanguageSkill, type Money } from '@rabt/contracts';
import { foldForSearch } from '../reference/arabic.ts';
import { iscoGroups, saPostings, saTitleMap, type SaPostingRow } from './data.ts';
import { BRANDS, SA_FAMILIES, SA_FIRST } from './names.ts';
import { Rng, hash32 } from './rng.ts';
import { seedUuid, type SeedEstablishment, type SeedJobOrder } from './types.ts';

/**
 * Floor of an imputed wage: SAR 4,000 a month, the wage at which MHRSD counts a Saudi employee in full
 * towards Nitaqat quotas (2021 rule). Saudi Arabia has no statutory minimum wage for non-Saudis, so
 * this is a reference point, not a legal minimum.
 */
export const SA_IMPUTED_WAGE_FLOOR_SAR = 4000;

/** Jadarat establishment size labels → English. */
const SIZE_EN: Record<string, string> = {
  'صغيرة فئة أ': 'Small (A)',
  'صغيرة فئة ب': 'Small (B)',
  'متوسطة فئة أ': 'Medium (A)',
  'متوسطة فئة ب': 'Medium (B)',
  'متوسطة فئة ج': 'Medium (C)',
  كبيرة: 'Large',
  عملاقة: 'Giant',
};

/** Arabic names of the cities that appear in the postings (the rest show their region). */
const CITY_AR: Record<string, string> = {
  Riyadh: 'الرياض', Jeddah: 'جدة', Dammam: 'الدمام', Abha: 'أبها', Makkah: 'مكة المكرمة', 'Al-Khobar': 'الخبر', Medina: 'المدينة المنورة',
  'Al-Baha': 'الباحة', Hail: 'حائل', 'Al-Kharj': 'الخرج', 'Al-Jubail': 'الجبيل', Buraidah: 'بريدة', 'Hafar Al-Batin': 'حفر الباطن',
  'Khamis Mushait': 'خميس مشيط', Taif: 'الطائف', Unayzah: 'عنيزة', 'Yanbu Al-Sinaiyah': 'ينبع الصناعية', 'Al-Qunfudhah': 'القنفذة',
  Dhahran: 'الظهران', 'Al-Qatif': 'القطيف', Yanbu: 'ينبع', 'Al-Hofuf': 'الهفوف', Najran: 'نجران', 'Al-Ula': 'العلا', Jazan: 'جازان',
  Sabya: 'صبيا', 'Yanbu Al-Bahr': 'ينبع البحر', Sayhat: 'سيهات', 'Wadi Ad-Dawasir': 'وادي الدواسر', Bisha: 'بيشة', Tabuk: 'تبوك',
  Arar: 'عرعر', Turaif: 'طريف', 'Al-Lith': 'الليث', Haql: 'حقل', Buqayq: 'بقيق', 'Ad-Diriyah': 'الدرعية', 'Ar-Rass': 'الرس',
  Afif: 'عفيف', Sakaka: 'سكاكا', 'Al-Khafji': 'الخفجي', Tanumah: 'تنومة', Biljurash: 'بلجرشي', 'Al-Bukayriyah': 'البكيرية',
  'Al-Muzahim': 'المزاحمية', 'Al-Mukhwah': 'المخواة', 'Hawtat Baqar': 'حوطة بكر', 'Al-Thumamah': 'الثمامة',
};

interface Category {
  id: string;
  test: RegExp;
  ar: (brand: string, size: 'small' | 'medium' | 'large') => string;
  en: (brand: string, size: 'small' | 'medium' | 'large') => string;
  sectorEn: string;
}

/** A trade name in the usual Saudi forms: مؤسسة (sole proprietorship), شركة (company), … المحدودة (LLC). */
function trade(suffixAr: string, suffixEn: string): Pick<Category, 'ar' | 'en'> {
  return {
    ar: (b, s) => (s === 'small' ? `مؤسسة ${b} ${suffixAr}` : s === 'medium' ? `شركة ${b} ${suffixAr}` : `شركة ${b} ${suffixAr} المحدودة`),
    en: (b, s) => (s === 'small' ? `${b} ${suffixEn} Est.` : s === 'medium' ? `${b} ${suffixEn} Co.` : `${b} ${suffixEn} Co. Ltd.`),
  };
}

/** Economic activity (Jadarat, Arabic) → naming category. First match wins; order matters. */
const CONTRACTING = { id: 'contracting', sectorEn: 'Construction and maintenance', ...trade('للمقاولات', 'Contracting') };
const TRADE = { id: 'trade', sectorEn: 'Wholesale and retail trade', ...trade('التجارية', 'Trading') };
const INDUSTRY = { id: 'industry', sectorEn: 'Manufacturing', ...trade('الصناعية', 'Industries') };
const CATEGORIES: Category[] = [
  { id: 'auto', test: /تلميع السيارات|غسيل وتشحيم|فرامل السيارات/, sectorEn: 'Car services', ...trade('لخدمات السيارات', 'Auto Services') },
  { id: 'repair', test: /^(إصلاح|اصلاح) (الأجهزة|وصيانة المنتجات|وصيانة المحركات|وصيانة معدات)/, sectorEn: 'Repair and maintenance', ...trade('للصيانة والإصلاح', 'Maintenance & Repair') },
  { ...CONTRACTING, test: /^(الإنشاءات|الانشاءات|إنشاء|إنشاءات|ترميمات|صب |تركيب|تمديد|إصلاح|اصلاح|تغطية)/ },
  { ...TRADE, test: /^(البيع|بيع|تجارة|وكلاء البيع)/ },
  { ...INDUSTRY, test: /^(صناعة|صنع|انتاج|إنتاج|تعبئة|تجفيف|تحميص|خلط|ورش|مصنوعات|تقطيع)/ },
  { id: 'engineering', test: /الاستشارات الهندسية|إستشارات الهندسة|مختبرات التشييد|مختبرات القياس|إدارة المشاريع الانشائية/, sectorEn: 'Engineering consultancy', ...trade('للاستشارات الهندسية', 'Engineering Consultants') },
  { id: 'food', test: /المطاعم|الوجبات|الكوفي|المقاهي|المقاصف|الكفتيريات|البوفيهات|العصائر|خدمات الطعام|الفول/, sectorEn: 'Restaurants and cafés', ar: (b, s) => (s === 'small' ? `مطعم ${b}` : `شركة مطاعم ${b}`), en: (b, s) => (s === 'small' ? `${b} Restaurant` : `${b} Restaurants Co.`) },
  { id: 'charity', test: /الخيرية|الرفاه الاجتماعي|الدينية|الجمعيات|ذوي الاحتياجات|الكيانات القانونية/, sectorEn: 'Non-profit', ar: (b) => `جمعية ${b} الخيرية`, en: (b) => `${b} Charitable Society` },
  { id: 'education', test: /التعليم|المدارس|رياض الأطفال|ضيافة الأطفال|معاهد|التدريب/, sectorEn: 'Education', ar: (b, s) => (s === 'small' ? `مركز ${b} التعليمي` : `مدارس ${b} الأهلية`), en: (b, s) => (s === 'small' ? `${b} Education Centre` : `${b} Private Schools`) },
  { id: 'medical', test: /الطبية|الطب |الطب$|المستشفيات|مستشفيات|العلاج الطبيعي|الاسنان|التحاليل الطبية|المصحات|العيادات|الصيدلانية|الأدوية|الدوائية|إيواء الحيوانات/, sectorEn: 'Health care', ar: (b, s) => (s === 'small' ? `عيادات ${b}` : `مجمع ${b} الطبي`), en: (b, s) => (s === 'small' ? `${b} Clinics` : `${b} Medical Complex`) },
  { id: 'hospitality', test: /السياحة|الإيواء السياحي|الافراح|الفعاليات|المعارض|الوحدات السكنية المفروشة|زوارق/, sectorEn: 'Tourism and hospitality', ...trade('للسياحة والضيافة', 'Tourism & Hospitality') },
  { id: 'it', test: /الحوسبة|البرمجيات|المواقع الا?[لك]ترونية|صفحات المواقع|تقنية المعلومات|الحاسب الآلي|شبكات الاتصالات|مراكــز الاتصـال|استضافة/, sectorEn: 'Information technology', ...trade('لتقنية المعلومات', 'Information Technology') },
  { id: 'hr', test: /استقدام|موارد بشرية|التشغيل المؤقت/, sectorEn: 'Recruitment and HR services', ...trade('للاستقدام', 'Recruitment') },
  { id: 'security', test: /الحراسة|الحراس/, sectorEn: 'Security services', ...trade('للحراسات الأمنية', 'Security Services') },
  { id: 'finance', test: /المصارف|التمويل|التأمين|إدارة المال/, sectorEn: 'Financial services', ...trade('للخدمات المالية', 'Financial Services') },
  { id: 'facility', test: /التنظيف|تنظيف|النفايات|التطهير|المنتزهات|الحدائق|الزيوت المستعملة|إدارة عمليات الصيانة والتشغيل/, sectorEn: 'Cleaning and facility services', ...trade('للتشغيل والصيانة', 'Operation & Maintenance') },
  { id: 'realestate', test: /العقار|الاراضى|الأراضي/, sectorEn: 'Real estate', ...trade('العقارية', 'Real Estate') },
  { id: 'logistics', test: /النقل|^نقل|الشحن|شحن|اللوجستية|مناولة|التخزين|التوزيع|الطيران|تأجير/, sectorEn: 'Transport and logistics', ...trade('للنقل والخدمات اللوجستية', 'Transport & Logistics') },
  { id: 'personal', test: /الصالونات|الاسترخاء|الرياضية|الأندية/, sectorEn: 'Personal care and fitness', ...trade('للخدمات الشخصية', 'Personal Services') },
  { id: 'consulting', test: /المحاماة|الاستشارات|المراجعة|الزكاة|تسجيل علامات|تعقيب|الخدمات الإدارية|المكاتب الرئيسة|حاضنات|البحوث|تسويقية|الدعاية|النداءات|الاختبارات والتقييم|التخليص الجمركي|الديكورات|هيكلة/, sectorEn: 'Professional services', ...trade('للاستشارات', 'Consulting') },
  { ...CONTRACTING, test: /الإنشاءات|الانشاءات|ترميم|إنشاء|صيانة|السقالات|تركيب|تمديد|المباني|الخرسانة|الباركيه|السدود|إصلاح|اصلاح/ },
  { ...INDUSTRY, test: /صناعة|صنع|انتاج|إنتاج|تعبئة|سبك|مناجم|استزراع/ },
  { ...TRADE, test: /البيع|بيع|تجارة|وكلاء|الأسواق|المخازن|مجمعات تجارية|استيراد|التصدير|الوساطة التجارية|سيارة متجولة/ },
];
const GENERAL: Category = { id: 'general', test: /./, sectorEn: 'Trading and services', ...trade('للتجارة والخدمات', 'Trading & Services') };

export function activityCategory(activityAr: string): Category {
  return CATEGORIES.find((c) => c.test.test(activityAr)) ?? GENERAL;
}

function sizeClass(sizeAr: string): 'small' | 'medium' | 'large' {
  return sizeAr.startsWith('صغيرة') ? 'small' : sizeAr.startsWith('متوسطة') ? 'medium' : 'large';
}

function establishmentKey(p: SaPostingRow): string {
  return `SA-EST-${hash32(`${p.economic_activity_ar}|${p.establishment_size_ar}|${p.city_en}`).toString(16).padStart(8, '0')}`;
}

/**
 * SYNTHETIC establishments, one per distinct (economic activity, size, city) of the postings (666).
 * Names follow Saudi trade-name forms («مؤسسة سعد العتيبي للمقاولات», «شركة الريادة للمقاولات المحدودة»);
 * a small establishment is named after a (generated) owner, larger ones after a brand word.
 * `establishmentNumber` is a synthetic 10-digit number starting with 7, the shape of the Saudi Unified
 * National Number (700…) that MHRSD and Qiwa display; it is NOT a real registration.
 * Sorted by key; deterministic.
 */
export function saEstablishments(): SeedEstablishment[] {
  const byKey = new Map<string, SaPostingRow>();
  for (const p of saPostings()) {
    const key = establishmentKey(p);
    const seen = byKey.get(key);
    if (seen && (seen.economic_activity_ar !== p.economic_activity_ar || seen.establishment_size_ar !== p.establishment_size_ar || seen.city_en !== p.city_en)) {
      throw new Error(`establishment key collision: ${key}`);
    }
    if (!seen) byKey.set(key, p);
  }
  const usedNames = new Set<string>();
  const usedNumbers = new Set<string>();
  return [...byKey.keys()].sort().map((key) => {
    const p = byKey.get(key)!;
    const rng = new Rng(key);
    const category = activityCategory(p.economic_activity_ar);
    const size = sizeClass(p.establishment_size_ar);
    let nameAr = '';
    let nameEn = '';
    // Deterministic retry until the Arabic name is unused (names are shown side by side in searches).
    for (let attempt = 0; ; attempt++) {
      const useOwner = size === 'small' && !['charity', 'education', 'medical', 'food'].includes(category.id);
      const [ar, en] = useOwner
        ? (() => {
            const [fa, fe] = rng.pick(SA_FIRST.slice(0, 12));
            const [la, le] = rng.pick(SA_FAMILIES);
            return [`${fa} ${la}`, `${fe} ${le}`] as const;
          })()
        : rng.pick(BRANDS);
      nameAr = category.ar(ar, size);
      nameEn = category.en(en, size);
      if (!usedNames.has(nameAr)) break;
      if (attempt > 50) {
        nameAr = `${nameAr} (${attempt})`;
        nameEn = `${nameEn} (${attempt})`;
        break;
      }
    }
    usedNames.add(nameAr);
    let establishmentNumber: string;
    do establishmentNumber = `70${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    while (usedNumbers.has(establishmentNumber));
    usedNumbers.add(establishmentNumber);
    const [rfa, rfe] = rng.pick(SA_FIRST);
    const [rla, rle] = rng.pick(SA_FAMILIES);
    const hr = rng.chance(0.6);
    return {
      key,
      id: seedUuid(key),
      country: 'SA' as const,
      nameAr,
      nameEn,
      establishmentNumber,
      sectorAr: p.economic_activity_ar,
      sectorEn: category.sectorEn,
      sizeAr: p.establishment_size_ar,
      sizeEn: SIZE_EN[p.establishment_size_ar] ?? p.establishment_size_ar,
      city: p.city_en,
      cityAr: CITY_AR[p.city_en] ?? null,
      regionAr: p.region_ar,
      representative: {
        nameAr: `${rfa} ${rla}`,
        nameEn: `${rfe} ${rle}`,
        email: `rep.${establishmentNumber}@example.com`,
        roleAr: hr ? 'مدير الموارد البشرية' : 'المفوض بالتوقيع',
        roleEn: hr ? 'HR manager' : 'Authorised signatory',
      },
      synthetic: true as const,
    };
  });
}

function sar(amount: number): Money {
  return { amountMinor: Math.round(amount * 100), currency: 'SAR' };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The wage used when a posting states none (`monthly_salary_sar` = 0.0; 266 postings): the median
 * stated wage of the postings in the same ISCO-08 sub-major group (2 digits) in this file, else the
 * same major group, else all postings; rounded to SAR 100, and never below SAR 4,000
 * (`SA_IMPUTED_WAGE_FLOOR_SAR`). Such orders carry `wageImputed: true`.
 */
export function saImputedWages(): Map<string, number> {
  const map = saTitleMap();
  const stated = saPostings()
    .map((p) => ({ isco: map.get(p.job_title_ar)?.reviewed_isco ?? '', wage: Number(p.monthly_salary_sar) }))
    .filter((x) => x.wage > 0 && x.isco);
  const by = (digits: number) => {
    const groups = new Map<string, number[]>();
    for (const x of stated) {
      const k = x.isco.slice(0, digits);
      groups.set(k, [...(groups.get(k) ?? []), x.wage]);
    }
    return groups;
  };
  const sub = by(2);
  const major = by(1);
  const all = median(stated.map((x) => x.wage));
  const result = new Map<string, number>();
  for (const o of iscoGroups().filter((g) => g.level === 4)) {
    const values = sub.get(o.code.slice(0, 2)) ?? major.get(o.code.slice(0, 1));
    const m = values ? median(values) : all;
    result.set(o.code, Math.max(SA_IMPUTED_WAGE_FLOOR_SAR, Math.round(m / 100) * 100));
  }
  return result;
}

const TRANSPORT = /نقل|مواصلات|موصلات|انتقال|تنقلات|وقود/;
const HOUSING = /سكن/;
const FOOD = /طعام|اعاشه|بدل وجب|بدل غذاء/;

/**
 * Allowances stated in `allowances_ar`, in SAR minor units. Only an allowance whose kind (housing
 * «سكن»; transport «نقل/مواصلات/انتقال/وقود»; food «طعام/إعاشة») and amount are both in the same
 * clause is taken; «بدل نقل 5%» is 5 % of the basic wage. A bare amount («500»), a kind without an
 * amount («بدل سكن»), benefits in kind («وجبة يومية مجانية») and commissions give null.
 */
export function parseSaAllowances(text: string, basicSar: number): SeedJobOrder['allowances'] {
  const out: SeedJobOrder['allowances'] = { housing: null, transport: null, food: null };
  const clauses = foldForSearch(normalizeDigits(text).replace(/(\d)\s*%/g, '$1 percent'))
    .split(/\s(?=و\s?\d)|\sو(?=بدل)/)
    .map((c) => c.replace(/^و\s?/, ''));
  for (const clause of clauses) {
    const num = /(\d+(?:\.\d+)?)(\s*percent)?/.exec(clause);
    if (!num) continue;
    const value = Number(num[1]);
    const amount = num[2] ? (basicSar * value) / 100 : value;
    if (!(amount >= 50 && amount <= 20_000)) continue;
    const money = sar(Math.round(amount));
    if (TRANSPORT.test(clause) && !out.transport) out.transport = money;
    else if (HOUSING.test(clause) && !out.housing) out.housing = money;
    else if (FOOD.test(clause) && !out.food) out.food = money;
  }
  return out;
}

const LEVELS: [RegExp, LanguageSkill['level']][] = [
  [/مبتدي|ضعيف/, 'A2'],
  [/متوسط/, 'B1'],
  [/جيد جدا/, 'B2'],
  [/جيد/, 'B2'],
  [/محترف|ممتاز|طلاقه|اجاده/, 'C1'],
  [/ضروري/, 'B1'],
];
const LANGUAGES: [RegExp, string][] = [
  [/انجليز|انقليز|انجلير|انجيلز|انكليز|english/, 'en'],
  [/عربي|عربيه/, 'ar'],
  [/فرنس/, 'fr'],
  [/اورد/, 'ur'],
];
const RANK: Record<LanguageSkill['level'], number> = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, native: 7 };

/**
 * Languages required by `requirements_ar` («الانجليزية: متوسط», «محترف: العربية», «عربي انجليزي: متوسط»),
 * as ISO 639-1 + CEFR: مبتدئ A2, متوسط B1, جيد B2, محترف/ممتاز C1, ضروري (level unstated) B1.
 * «مفيد» (nice to have) and items without a level are skipped; the highest level per language wins.
 */
export function parseSaLanguages(requirementsAr: string): LanguageSkill[] {
  const found = new Map<string, LanguageSkill['level']>();
  for (const item of requirementsAr.split(/[،,]/)) {
    const parts = item.split(':').map((s) => foldForSearch(s));
    if (parts.length !== 2) continue;
    const levelOf = (s: string) => LEVELS.find(([re]) => re.test(s))?.[1];
    // The level may come first or last («محترف: العربية»).
    const [langSide, level] = levelOf(parts[1]!) ? [parts[0]!, levelOf(parts[1]!)!] : levelOf(parts[0]!) ? [parts[1]!, levelOf(parts[0]!)!] : ['', undefined];
    if (!level || /مفيد/.test(parts[1]!)) continue;
    for (const [re, code] of LANGUAGES) {
      if (!re.test(langSide)) continue;
      const prev = found.get(code);
      if (!prev || RANK[level] > RANK[prev]) found.set(code, level);
    }
  }
  return [...found].map(([language, level]) => ({ language, level }));
}

/**
 * The 1,000 SA job orders, in file order. ISCO from the reviewed table (`sa_title_isco_map.csv`),
 * titleAr from the posting, titleEn = the ISCO unit group's English title; wage = monthly_salary_sar in
 * halalas, or the imputed wage (`saImputedWages`, flagged `wageImputed`); terms the postings do not carry
 * are the Saudi norms: 48 h/week (Labour Law Art. 98), 1 rest day (Art. 104), 24-month fixed-term contract,
 * 90-day probation (Art. 53 maximum), annual ticket, end-of-service award (Art. 84) and medical insurance
 * (CCHI), recruitment costs borne by the employer (Law 14/2025 Art. 43; ILO employer-pays).
 */
export function saJobOrders(): SeedJobOrder[] {
  const map = saTitleMap();
  const imputed = saImputedWages();
  const isco = new Map(iscoGroups().map((o) => [o.code, o]));
  const keys = new Set(saEstablishments().map((e) => e.key));
  return saPostings().map((p, i): SeedJobOrder => {
    const code = map.get(p.job_title_ar)?.reviewed_isco;
    const unit = code ? isco.get(code) : undefined;
    if (!code || !unit || unit.level !== 4) throw new Error(`row ${i + 1}: title «${p.job_title_ar}» has no reviewed ISCO unit group in sa_title_isco_map.csv`);
    const stated = Number(p.monthly_salary_sar);
    const wageSar = stated > 0 ? stated : imputed.get(code)!;
    const key = establishmentKey(p);
    if (!keys.has(key)) throw new Error(`row ${i + 1}: no establishment ${key}`);
    return {
      establishmentKey: key,
      sourceRow: i + 1,
      country: 'SA',
      isco: code,
      titleAr: p.job_title_ar.trim(),
      titleEn: unit.titleEn,
      positions: Math.max(1, Number(p.positions) || 1),
      wage: sar(wageSar),
      wageImputed: !(stated > 0),
      allowances: parseSaAllowances(p.allowances_ar, wageSar),
      hoursPerWeek: 48,
      restDaysPerWeek: 1,
      contractMonths: 24,
      probationDays: 90,
      city: p.city_en,
      cityAr: CITY_AR[p.city_en] ?? null,
      regionAr: p.region_ar,
      requirements: {
        minYears: Math.min(40, Math.max(0, Number(p.experience_years) || 0)),
        languages: parseSaLanguages(p.requirements_ar),
        certificateLevel: null,
        notesAr: p.requirements_ar.slice(0, 2000),
      },
      benefits: { annualTicket: true, endOfService: true, medicalInsurance: true },
      recruitmentCostsBorneByEmployer: true,
      postedOn: p.posted_on,
      genderAsked: p.gender === 'M' ? 'male' : p.gender === 'F' ? 'female' : 'any',
    };
  });
}

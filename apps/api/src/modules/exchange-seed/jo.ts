/**
 * Seed of the demo Jordanian (JO) node: SYNTHETIC employers and job orders in the sectors where
 * Egyptian workers in Jordan are mostly employed (agriculture in the Jordan Valley, construction,
 * garments in the Qualifying Industrial Zones, hotels and restaurants, bakeries, cleaning). Nothing
 * here describes a real establishment. Pure and deterministic.
 *
 * Wages are JOD in fils (ISO 4217 minor unit: 3 digits, 1 JOD = 1,000 fils).
 */
import { iscoGroups } from './data.ts';
import { JO_FAMILIES, JO_FIRST } from './names.ts';
import { Rng } from './rng.ts';
import { seedUuid, type SeedEstablishment, type SeedJobOrder } from './types.ts';

/**
 * Jordan's monthly minimum wage, JOD 290 (290,000 fils), for every worker covered by the Labour Law
 * whatever the nationality, 1 January 2025 – 31 December 2027: Tripartite Committee for Labour Affairs
 * decision under Labour Law No. 8 of 1996 Art. 52 (Petra news agency, 16 December 2024). Earlier
 * decisions set a lower minimum for non-Jordanians (JOD 230 from 2021). The garment sector has its own
 * collective agreement (JOD 230 from January 2025); these seed orders use the general JOD 290 floor for
 * every sector. Check the current decision before production use.
 */
export const JO_MIN_WAGE_FILS = 290_000;

function jod(amount: number): { amountMinor: number; currency: 'JOD' } {
  return { amountMinor: Math.round(amount * 1000), currency: 'JOD' };
}

interface JoEmployerSpec {
  slug: string;
  nameAr: string;
  nameEn: string;
  sectorAr: string;
  sectorEn: string;
  sizeAr: string;
  sizeEn: string;
  city: string;
  cityAr: string;
  regionAr: string;
}

const EMPLOYERS: JoEmployerSpec[] = [
  { slug: 'green-valley-farms', nameAr: 'مزارع الأغوار الخضراء', nameEn: 'Green Valley Farms', sectorAr: 'زراعة الخضروات في الأغوار', sectorEn: 'Agriculture', sizeAr: 'متوسطة', sizeEn: 'Medium', city: 'Deir Alla', cityAr: 'دير علا', regionAr: 'البلقاء' },
  { slug: 'jordan-valley-dates', nameAr: 'شركة وادي الأردن للتمور', nameEn: 'Jordan Valley Dates Co.', sectorAr: 'زراعة النخيل وتعبئة التمور', sectorEn: 'Agriculture', sizeAr: 'متوسطة', sizeEn: 'Medium', city: 'South Shuneh', cityAr: 'الشونة الجنوبية', regionAr: 'البلقاء' },
  { slug: 'mafraq-dairy', nameAr: 'مزرعة البادية للأبقار والألبان', nameEn: 'Badia Dairy Farm', sectorAr: 'تربية الأبقار وإنتاج الحليب', sectorEn: 'Agriculture', sizeAr: 'صغيرة', sizeEn: 'Small', city: 'Mafraq', cityAr: 'المفرق', regionAr: 'المفرق' },
  { slug: 'azm-contracting', nameAr: 'شركة العزم للمقاولات الإنشائية', nameEn: 'Al-Azm Construction Contracting Co.', sectorAr: 'المقاولات الإنشائية للمباني', sectorEn: 'Construction', sizeAr: 'كبيرة', sizeEn: 'Large', city: 'Amman', cityAr: 'عمّان', regionAr: 'العاصمة' },
  { slug: 'rawabdeh-building', nameAr: 'مؤسسة الروابدة للإنشاءات', nameEn: 'Al-Rawabdeh Building Est.', sectorAr: 'إنشاء المباني السكنية', sectorEn: 'Construction', sizeAr: 'صغيرة', sizeEn: 'Small', city: 'Irbid', cityAr: 'إربد', regionAr: 'إربد' },
  { slug: 'aqaba-infrastructure', nameAr: 'شركة خليج العقبة للبنية التحتية', nameEn: 'Gulf of Aqaba Infrastructure Co.', sectorAr: 'إنشاء الطرق والبنية التحتية', sectorEn: 'Construction', sizeAr: 'كبيرة', sizeEn: 'Large', city: 'Aqaba', cityAr: 'العقبة', regionAr: 'العقبة' },
  { slug: 'atheer-apparel', nameAr: 'شركة الأثير للألبسة', nameEn: 'Al-Atheer Apparel Co.', sectorAr: 'صناعة الملابس الجاهزة (منطقة صناعية مؤهلة)', sectorEn: 'Garments (QIZ)', sizeAr: 'كبيرة', sizeEn: 'Large', city: 'Al-Hassan Industrial Estate, Irbid', cityAr: 'مدينة الحسن الصناعية، إربد', regionAr: 'إربد' },
  { slug: 'namaa-garments', nameAr: 'مصنع النماء للملابس الجاهزة', nameEn: 'Al-Namaa Garment Factory', sectorAr: 'صناعة الملابس الجاهزة (منطقة صناعية مؤهلة)', sectorEn: 'Garments (QIZ)', sizeAr: 'كبيرة', sizeEn: 'Large', city: 'Al-Dulayl Industrial Park, Zarqa', cityAr: 'منطقة الضليل الصناعية، الزرقاء', regionAr: 'الزرقاء' },
  { slug: 'sahel-hotel-aqaba', nameAr: 'فندق الساحل الأحمر', nameEn: 'Red Coast Hotel', sectorAr: 'الفنادق والمنتجعات', sectorEn: 'Hospitality', sizeAr: 'متوسطة', sizeEn: 'Medium', city: 'Aqaba', cityAr: 'العقبة', regionAr: 'العقبة' },
  { slug: 'dead-sea-resort', nameAr: 'منتجع شاطئ الملح', nameEn: 'Salt Shore Resort', sectorAr: 'الفنادق والمنتجعات', sectorEn: 'Hospitality', sizeAr: 'كبيرة', sizeEn: 'Large', city: 'Sweimeh (Dead Sea)', cityAr: 'سويمة (البحر الميت)', regionAr: 'البلقاء' },
  { slug: 'diyar-restaurants', nameAr: 'مطاعم الديار الشامية', nameEn: 'Al-Diyar Levantine Restaurants', sectorAr: 'المطاعم', sectorEn: 'Restaurants', sizeAr: 'متوسطة', sizeEn: 'Medium', city: 'Amman', cityAr: 'عمّان', regionAr: 'العاصمة' },
  { slug: 'nada-bakeries', nameAr: 'مخابز الندى', nameEn: 'Al-Nada Bakeries', sectorAr: 'المخابز والحلويات', sectorEn: 'Bakeries', sizeAr: 'صغيرة', sizeEn: 'Small', city: 'Zarqa', cityAr: 'الزرقاء', regionAr: 'الزرقاء' },
  { slug: 'noor-cleaning', nameAr: 'شركة النور لخدمات النظافة', nameEn: 'Al-Noor Cleaning Services Co.', sectorAr: 'خدمات النظافة للمباني', sectorEn: 'Cleaning services', sizeAr: 'متوسطة', sizeEn: 'Medium', city: 'Amman', cityAr: 'عمّان', regionAr: 'العاصمة' },
];

/**
 * 13 SYNTHETIC Jordanian employers. `establishmentNumber` is a synthetic 9-digit number starting with
 * 200, the shape of the national number the Companies Control Department gives registered companies;
 * it is NOT a real registration.
 */
export function joEstablishments(): SeedEstablishment[] {
  const rng = new Rng('jo-establishments');
  const used = new Set<string>();
  return EMPLOYERS.map((e) => {
    let establishmentNumber: string;
    do establishmentNumber = `200${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    while (used.has(establishmentNumber));
    used.add(establishmentNumber);
    const [fa, fe] = rng.pick(JO_FIRST);
    const [la, le] = rng.pick(JO_FAMILIES);
    const key = `JO-EST-${e.slug}`;
    return {
      key,
      id: seedUuid(key),
      country: 'JO' as const,
      nameAr: e.nameAr,
      nameEn: e.nameEn,
      establishmentNumber,
      sectorAr: e.sectorAr,
      sectorEn: e.sectorEn,
      sizeAr: e.sizeAr,
      sizeEn: e.sizeEn,
      city: e.city,
      cityAr: e.cityAr,
      regionAr: e.regionAr,
      representative: { nameAr: `${fa} ${la}`, nameEn: `${fe} ${le}`, email: `rep.${establishmentNumber}@example.com`, roleAr: 'مدير الموارد البشرية', roleEn: 'HR manager' },
      synthetic: true as const,
    };
  });
}

type Level = SeedJobOrder['requirements']['certificateLevel'];

/** [employer slug, ISCO, Arabic title, positions, wage JOD, min years, certificate level, notes] */
const ORDERS: [string, string, string, number, number, number, Level, string][] = [
  ['green-valley-farms', '9211', 'عامل زراعي (خضروات)', 25, 300, 0, null, 'العمل في البيوت البلاستيكية والحقول المكشوفة. سكن مجاني في المزرعة.'],
  ['green-valley-farms', '6111', 'مزارع خضروات ماهر', 6, 340, 3, 'skilled', 'خبرة في الري بالتنقيط والتسميد ومكافحة الآفات. سكن مجاني.'],
  ['green-valley-farms', '8341', 'سائق جرار زراعي', 2, 380, 3, 'skilled', 'رخصة قيادة مصرية سارية لمركبات زراعية. سكن مجاني.'],
  ['jordan-valley-dates', '6112', 'عامل نخيل (تلقيح وجني)', 12, 320, 2, 'semi_skilled', 'تلقيح وتقليم وجني نخيل المجهول. سكن مجاني ووجبة غداء.'],
  ['jordan-valley-dates', '9321', 'عامل فرز وتعبئة تمور', 15, 295, 0, null, 'العمل في بيت التعبئة خلال موسم الجني.'],
  ['mafraq-dairy', '9212', 'عامل مزرعة أبقار', 5, 310, 1, null, 'حلب وتغذية ونظافة الحظائر. سكن مجاني.'],
  ['mafraq-dairy', '6121', 'مربي أبقار حلوب', 2, 380, 4, 'skilled', 'خبرة في رعاية القطيع وإنتاج الحليب.'],
  ['azm-contracting', '7112', 'بنّاء طوب وحجر', 10, 480, 3, 'skilled', 'مشاريع سكنية في عمّان. سكن يوفره صاحب العمل.'],
  ['azm-contracting', '7114', 'حداد مسلح', 12, 470, 3, 'skilled', 'تجهيز وتركيب حديد التسليح للأسقف والأعمدة.'],
  ['azm-contracting', '7115', 'نجار طوبار', 10, 480, 3, 'skilled', 'نجارة قوالب الخرسانة.'],
  ['azm-contracting', '9313', 'عامل بناء', 20, 320, 0, null, 'أعمال مساعدة في المواقع. سكن يوفره صاحب العمل.'],
  ['azm-contracting', '3123', 'مراقب موقع إنشائي', 1, 750, 7, 'technician', 'دبلوم فني أو شهادة مستوى فني؛ متابعة فرق التنفيذ.'],
  ['rawabdeh-building', '7122', 'مبلط سيراميك ورخام', 4, 520, 4, 'skilled', 'تبليط أرضيات وجدران للمباني السكنية.'],
  ['rawabdeh-building', '7123', 'قصّير (مليّس)', 4, 480, 3, 'skilled', 'قصارة داخلية وخارجية.'],
  ['rawabdeh-building', '7131', 'دهّان', 3, 440, 2, 'skilled', 'دهانات داخلية وخارجية وديكور.'],
  ['rawabdeh-building', '7126', 'سبّاك', 2, 480, 3, 'skilled', 'تمديدات صحية للمباني السكنية.'],
  ['aqaba-infrastructure', '8342', 'مشغل حفارة', 3, 600, 5, 'skilled', 'تشغيل حفارات ولوادر في مشاريع الطرق.'],
  ['aqaba-infrastructure', '9312', 'عامل طرق وبنية تحتية', 15, 330, 0, null, 'أعمال مساعدة في شبكات الطرق والصرف. سكن وتنقل يوفرهما صاحب العمل.'],
  ['aqaba-infrastructure', '7411', 'كهربائي مباني', 3, 520, 4, 'skilled', 'تمديدات كهربائية للمرافق.'],
  ['atheer-apparel', '8153', 'عامل/عاملة ماكينة خياطة', 40, 300, 1, 'semi_skilled', 'خياطة ملابس تصدير في منطقة صناعية مؤهلة. سكن ووجبات يوفرها صاحب العمل، عمل إضافي مدفوع.'],
  ['atheer-apparel', '7532', 'قصّاص أقمشة', 4, 360, 3, 'skilled', 'قص الأقمشة يدويًا وآليًا حسب الباترون.'],
  ['atheer-apparel', '9121', 'كوّاء ملابس', 8, 295, 0, null, 'كي الملابس الجاهزة قبل التغليف. سكن ووجبات.'],
  ['atheer-apparel', '3122', 'مشرف خط إنتاج', 2, 520, 5, 'technician', 'الإشراف على خط خياطة من 30 عاملًا.'],
  ['namaa-garments', '8153', 'عامل/عاملة ماكينة خياطة', 30, 300, 0, 'semi_skilled', 'تدريب مدفوع عند البدء. سكن ووجبات يوفرها صاحب العمل.'],
  ['namaa-garments', '7543', 'فاحص جودة ملابس', 4, 330, 2, 'semi_skilled', 'فحص القطع النهائية وفق مواصفات المشتري.'],
  ['namaa-garments', '9321', 'عامل تغليف', 10, 290, 0, null, 'تغليف وتعبئة الملابس للتصدير.'],
  ['sahel-hotel-aqaba', '5120', 'طباخ', 3, 520, 3, 'skilled', 'مطبخ الفندق (شرقي وعالمي). وجبات وسكن للعاملين.'],
  ['sahel-hotel-aqaba', '9412', 'مساعد مطبخ', 4, 310, 0, null, 'تحضير الخضار والنظافة وغسيل الأواني. وجبات وسكن.'],
  ['dead-sea-resort', '3434', 'رئيس طهاة قسم (شيف شرقي)', 1, 850, 8, 'specialised_technician', 'إدارة قسم المطبخ الشرقي في منتجع.'],
  ['dead-sea-resort', '9112', 'عامل نظافة غرف ومرافق', 8, 300, 0, null, 'تنظيف الغرف والمرافق العامة. سكن ووجبات.'],
  ['diyar-restaurants', '5120', 'طباخ مشاوي', 3, 500, 3, 'skilled', 'مشاوي ومقبلات شامية.'],
  ['diyar-restaurants', '9411', 'معد وجبات سريعة (شاورما وفلافل)', 4, 380, 1, 'semi_skilled', 'تحضير الشاورما والفلافل.'],
  ['nada-bakeries', '7512', 'خباز', 4, 420, 2, 'skilled', 'خبز عربي وكعك؛ ورديات ليلية بأجر إضافي.'],
  ['nada-bakeries', '7512', 'صانع حلويات شرقية', 2, 480, 4, 'skilled', 'كنافة وبقلاوة وحلويات شرقية.'],
  ['noor-cleaning', '9112', 'عامل نظافة مكاتب ومبان', 20, 295, 0, null, 'تنظيف مكاتب ومجمعات تجارية في عمّان. سكن وتنقل.'],
];

/** Sectors where the employer usually also pays the round trip (longer contracts, air travel). */
const TICKET_SECTORS = new Set(['Garments (QIZ)', 'Hospitality']);

/**
 * 35 SYNTHETIC JO job orders. Terms: 48 h/week and 1 rest day (Jordanian Labour Law Art. 56–60),
 * probation 90 days (Art. 35 maximum), 12-month contracts (a non-Jordanian's work permit runs one year;
 * 24 months in garments and hotels), end-of-service and medical insurance, recruitment costs borne by
 * the employer. Every wage is ≥ `JO_MIN_WAGE_FILS`; housing and food, where given, are in kind (stated in
 * notesAr), with a JOD 25 transport allowance in garments (as the 2025 sector agreement gives workers
 * without company transport). Posted in September–November 2026.
 */
export function joJobOrders(): SeedJobOrder[] {
  const isco = new Map(iscoGroups().map((o) => [o.code, o]));
  const employers = new Map(joEstablishments().map((e) => [e.key, e]));
  const rng = new Rng('jo-orders');
  return ORDERS.map(([slug, code, titleAr, positions, wageJod, minYears, certificateLevel, notesAr], i): SeedJobOrder => {
    const employer = employers.get(`JO-EST-${slug}`);
    const unit = isco.get(code);
    if (!employer || !unit || unit.level !== 4) throw new Error(`JO order ${i + 1}: bad employer or ISCO ${code}`);
    const garments = employer.sectorEn === 'Garments (QIZ)';
    const longContract = TICKET_SECTORS.has(employer.sectorEn);
    const day = rng.int(0, 80);
    const posted = new Date(Date.UTC(2026, 8, 1 + day)).toISOString().slice(0, 10);
    return {
      establishmentKey: employer.key,
      sourceRow: i + 1,
      country: 'JO',
      isco: code,
      titleAr,
      titleEn: unit.titleEn,
      positions,
      wage: jod(wageJod),
      wageImputed: false,
      allowances: { housing: null, transport: garments ? jod(25) : null, food: null },
      hoursPerWeek: 48,
      restDaysPerWeek: 1,
      contractMonths: longContract ? 24 : 12,
      probationDays: 90,
      city: employer.city,
      cityAr: employer.cityAr,
      regionAr: employer.regionAr,
      requirements: {
        minYears,
        languages: employer.sectorEn === 'Hospitality' ? [{ language: 'en', level: 'A2' }] : [],
        certificateLevel,
        notesAr,
      },
      benefits: { annualTicket: longContract, endOfService: true, medicalInsurance: true },
      recruitmentCostsBorneByEmployer: true,
      postedOn: posted,
      genderAsked: 'any',
    };
  });
}

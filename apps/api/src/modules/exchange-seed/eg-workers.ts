/**
 * SYNTHETIC Egyptian job seekers for the demo Egyptian node. Deterministic: `egWorkers(n, seed)` gives
 * the same people for the same arguments. No record describes a real person: names are random
 * combinations of common names, and national IDs, mobiles and passport numbers are generated (IDs are
 * structurally valid so they pass the same checks as real ones; do not use them outside demos and tests).
 */
import {
  GOVERNORATES,
  nationalIdCheckDigit,
  type EducationLevel,
  type GovernorateCode,
  type LanguageSkill,
  type Money,
  type SharedProfile,
} from '@rabt/contracts';
import { Rng } from './rng.ts';
import { seedUuid } from './types.ts';

export type OccupationExperience = SharedProfile['occupations'][number];

export interface SeedWorker {
  key: string;
  /** `seedUuid(key)`. */
  id: string;
  /** 14 digits, valid under `parseNationalId` (century, birth date, governorate, sex digit, check digit variant A). */
  nationalId: string;
  birthDate: string;
  sex: 'male' | 'female';
  /** Governorate of birth, digits 8–9 of the national ID (never 88 here). */
  governorateCode: GovernorateCode;
  /** Four-part Arabic name: first, father, grandfather, family. */
  nameAr: string;
  /** The same name in the usual Egyptian Latin spelling (as on passports). */
  nameLatin: string;
  nameParts: { ar: [string, string, string, string]; latin: [string, string, string, string] };
  /** National form 01X + 8 digits (010, 011, 012, 015), unique in a batch. */
  mobile: string;
  /** The same in E.164 (+20…). */
  mobileE164: string;
  /** Main occupation first (ISCO-08 unit groups), with years of experience. */
  occupations: OccupationExperience[];
  skills: string[];
  education: EducationLevel;
  /** Arabic native, then English if any. */
  languages: LanguageSkill[];
  /** ISO 3166-1 alpha-2, in order of preference. */
  preferredCountries: string[];
  /** Monthly, in the currency of the first preferred country, minor units. */
  expectedWage: Money;
  availableFrom: string;
  /** Synthetic: «A» + 8 digits, unique in a batch. Never leaves the Egyptian node until a contract. */
  passportNumber: string;
  passportExpiry: string;
}

type Pair = readonly [string, string];

const MALE: Pair[] = [
  ['محمد', 'Mohamed'], ['أحمد', 'Ahmed'], ['محمود', 'Mahmoud'], ['مصطفى', 'Mostafa'], ['علي', 'Ali'], ['حسن', 'Hassan'],
  ['حسين', 'Hussein'], ['إبراهيم', 'Ibrahim'], ['عبد الله', 'Abdallah'], ['عمر', 'Omar'], ['خالد', 'Khaled'], ['يوسف', 'Youssef'],
  ['كريم', 'Karim'], ['إسلام', 'Eslam'], ['شريف', 'Sherif'], ['طارق', 'Tarek'], ['وليد', 'Walid'], ['هاني', 'Hany'],
  ['عادل', 'Adel'], ['سامح', 'Sameh'], ['أيمن', 'Ayman'], ['رامي', 'Ramy'], ['عمرو', 'Amr'], ['السيد', 'Elsayed'],
  ['جمال', 'Gamal'], ['صلاح', 'Salah'], ['مجدي', 'Magdy'], ['ياسر', 'Yasser'], ['أشرف', 'Ashraf'], ['عصام', 'Essam'],
  ['حمدي', 'Hamdy'], ['سعيد', 'Saeed'], ['عبد الرحمن', 'Abdelrahman'], ['رضا', 'Reda'], ['فتحي', 'Fathy'], ['هشام', 'Hesham'],
];
/** Older given names, common as fathers' and grandfathers' names. */
const ELDER: Pair[] = [
  ['عبد العزيز', 'Abdelaziz'], ['عبد الفتاح', 'Abdelfattah'], ['شعبان', 'Shaaban'], ['رمضان', 'Ramadan'], ['فاروق', 'Farouk'],
  ['منصور', 'Mansour'], ['عثمان', 'Osman'], ['سليمان', 'Soliman'], ['إسماعيل', 'Ismail'], ['زكي', 'Zaki'], ['فؤاد', 'Fouad'],
  ['لطفي', 'Lotfy'], ['عبد الحميد', 'Abdelhamid'], ['عبد الغني', 'Abdelghany'], ['حامد', 'Hamed'], ['كمال', 'Kamal'],
  ['عبد المنعم', 'Abdelmoneim'], ['سعد', 'Saad'], ['توفيق', 'Tawfik'], ['نصر', 'Nasr'],
];
const FEMALE: Pair[] = [
  ['فاطمة', 'Fatma'], ['مريم', 'Mariam'], ['نور', 'Nour'], ['آية', 'Aya'], ['سارة', 'Sara'], ['منى', 'Mona'], ['هبة', 'Heba'],
  ['ياسمين', 'Yasmin'], ['دينا', 'Dina'], ['رانيا', 'Rania'], ['إيمان', 'Eman'], ['أسماء', 'Asmaa'], ['شيماء', 'Shaimaa'],
  ['نهى', 'Noha'], ['سمر', 'Samar'], ['مروة', 'Marwa'], ['هالة', 'Hala'], ['دعاء', 'Doaa'], ['رحاب', 'Rehab'], ['أميرة', 'Amira'],
];
const FAMILY: Pair[] = [
  ['الشافعي', 'Elshafei'], ['المصري', 'Elmasry'], ['النجار', 'Elnaggar'], ['الشربيني', 'Elsherbiny'], ['عبد العال', 'Abdelaal'],
  ['الجمال', 'Elgamal'], ['حجازي', 'Hegazy'], ['سليم', 'Selim'], ['البنا', 'Elbanna'], ['الشناوي', 'Elshennawy'], ['عطية', 'Attia'],
  ['خليل', 'Khalil'], ['رزق', 'Rizk'], ['غنيم', 'Ghoneim'], ['صالح', 'Saleh'], ['عبد الغفار', 'Abdelghaffar'], ['الصعيدي', 'Elsaidy'],
  ['البدوي', 'Elbadawy'], ['عيسى', 'Eissa'], ['الدسوقي', 'Eldesouky'], ['قنديل', 'Kandil'], ['درويش', 'Darwish'], ['زيدان', 'Zidan'],
  ['بدر', 'Badr'], ['فرج', 'Farag'], ['شاهين', 'Shahin'], ['العزب', 'Elazab'], ['المنشاوي', 'Elminshawy'], ['أبو زيد', 'Abouzeid'],
  ['الفقي', 'Elfeky'], ['هلال', 'Helal'], ['عبد الحليم', 'Abdelhalim'],
];

/** Relative weights: population and the governorates known for labour migration (Upper Egypt, Delta). */
const GOVERNORATE_WEIGHTS: Record<string, number> = {
  '01': 8, '02': 5, '03': 1, '04': 1, '11': 2, '12': 6, '13': 7, '14': 5, '15': 3, '16': 5, '17': 5, '18': 6, '19': 1,
  '21': 8, '22': 4, '23': 5, '24': 7, '25': 6, '26': 7, '27': 4, '28': 2, '29': 1, '31': 0.5, '32': 0.3, '33': 0.5, '34': 0.5, '35': 0.2,
};

type Tier = 'elementary' | 'trade' | 'service' | 'technician' | 'professional';

interface Profile {
  isco: string;
  weight: number;
  female: number;
  tier: Tier;
  related: string[];
  skills: string[];
  /** Where demand for it is: JO-leaning occupations put JO first more often. */
  jo?: boolean;
}

/**
 * Occupations weighted towards what Gulf and Jordanian employers recruit from Egypt: construction
 * trades (7xxx), drivers (83xx), cooks and waiters (5xxx), technicians (3xxx), nurses, accountants,
 * engineers, farm and garment workers.
 */
const PROFILES: Profile[] = [
  { isco: '7112', weight: 6, female: 0, tier: 'trade', related: ['7113', '9313'], skills: ['بناء الطوب والبلوك', 'قراءة المخططات'], jo: true },
  { isco: '7114', weight: 4, female: 0, tier: 'trade', related: ['9313'], skills: ['تركيب حديد التسليح', 'صب الخرسانة'], jo: true },
  { isco: '7115', weight: 5, female: 0, tier: 'trade', related: ['7522'], skills: ['نجارة الطوبار', 'نجارة الأبواب'], jo: true },
  { isco: '7122', weight: 4, female: 0, tier: 'trade', related: ['7112'], skills: ['تبليط السيراميك', 'تركيب الرخام'] },
  { isco: '7123', weight: 4, female: 0, tier: 'trade', related: ['7131'], skills: ['المحارة (القصارة)', 'الجبس'] },
  { isco: '7131', weight: 4, female: 0, tier: 'trade', related: ['7123'], skills: ['الدهانات الداخلية', 'ورق الحائط'] },
  { isco: '7126', weight: 4, female: 0, tier: 'trade', related: ['7127'], skills: ['التمديدات الصحية', 'تركيب السخانات'] },
  { isco: '7411', weight: 5, female: 0, tier: 'trade', related: ['7412'], skills: ['التمديدات الكهربائية', 'لوحات التوزيع'] },
  { isco: '7127', weight: 3, female: 0, tier: 'trade', related: ['7411'], skills: ['صيانة التكييف', 'شحن الفريون'] },
  { isco: '7212', weight: 3, female: 0, tier: 'trade', related: ['7214'], skills: ['لحام القوس الكهربائي', 'لحام الأرجون'] },
  { isco: '7231', weight: 3, female: 0, tier: 'trade', related: ['7233'], skills: ['ميكانيكا السيارات', 'كهرباء السيارات'] },
  { isco: '9313', weight: 6, female: 0, tier: 'elementary', related: ['9312'], skills: [], jo: true },
  { isco: '8332', weight: 4, female: 0, tier: 'trade', related: ['8322'], skills: ['رخصة قيادة مهنية درجة أولى'] },
  { isco: '8322', weight: 4, female: 0, tier: 'trade', related: ['8332'], skills: ['رخصة قيادة مهنية'] },
  { isco: '8342', weight: 2, female: 0, tier: 'trade', related: ['8343'], skills: ['تشغيل الحفارات واللوادر'], jo: true },
  { isco: '5120', weight: 4, female: 0.1, tier: 'service', related: ['9412'], skills: ['المطبخ الشرقي', 'المشويات'] },
  { isco: '3434', weight: 1, female: 0.05, tier: 'technician', related: ['5120'], skills: ['إدارة المطبخ', 'سلامة الغذاء'] },
  { isco: '5131', weight: 3, female: 0.1, tier: 'service', related: ['5246'], skills: ['خدمة الطاولات'] },
  { isco: '9412', weight: 2, female: 0.1, tier: 'elementary', related: ['5120'], skills: [] },
  { isco: '7512', weight: 2, female: 0, tier: 'trade', related: [], skills: ['الخبز البلدي والإفرنجي', 'الحلويات الشرقية'], jo: true },
  { isco: '5223', weight: 2, female: 0.3, tier: 'service', related: ['5230'], skills: ['البيع وخدمة العملاء'] },
  { isco: '3112', weight: 2, female: 0.1, tier: 'technician', related: ['3123'], skills: ['حساب الكميات', 'أوتوكاد'] },
  { isco: '3113', weight: 2, female: 0.05, tier: 'technician', related: ['7411'], skills: ['صيانة المحولات', 'أنظمة الحماية'] },
  { isco: '3115', weight: 2, female: 0.05, tier: 'technician', related: ['7233'], skills: ['الصيانة الوقائية'] },
  { isco: '2221', weight: 3, female: 0.8, tier: 'professional', related: ['3221'], skills: ['الرعاية المركزة', 'مكافحة العدوى'] },
  { isco: '3221', weight: 2, female: 0.75, tier: 'technician', related: ['5321'], skills: ['التمريض العام'] },
  { isco: '2411', weight: 4, female: 0.3, tier: 'professional', related: ['4311'], skills: ['المحاسبة المالية', 'برامج المحاسبة', 'إكسل'] },
  { isco: '2142', weight: 3, female: 0.1, tier: 'professional', related: ['3112'], skills: ['الإشراف على التنفيذ', 'أوتوكاد', 'بريمافيرا'] },
  { isco: '2151', weight: 2, female: 0.1, tier: 'professional', related: ['3113'], skills: ['تصميم الشبكات الكهربائية'] },
  { isco: '2144', weight: 2, female: 0.05, tier: 'professional', related: ['3115'], skills: ['تصميم أنظمة التكييف'] },
  { isco: '9211', weight: 4, female: 0.05, tier: 'elementary', related: ['6111'], skills: [], jo: true },
  { isco: '6111', weight: 2, female: 0.05, tier: 'trade', related: ['9211'], skills: ['الري بالتنقيط', 'الزراعة المحمية'], jo: true },
  { isco: '6112', weight: 1, female: 0, tier: 'trade', related: ['9211'], skills: ['تلقيح النخيل'], jo: true },
  { isco: '9212', weight: 1, female: 0, tier: 'elementary', related: ['6121'], skills: [], jo: true },
  { isco: '8153', weight: 3, female: 0.6, tier: 'trade', related: ['7531'], skills: ['ماكينة الحبكة', 'ماكينة السنجر'], jo: true },
  { isco: '9112', weight: 2, female: 0.3, tier: 'elementary', related: [], skills: [], jo: true },
  { isco: '5414', weight: 1, female: 0, tier: 'service', related: [], skills: [] },
  { isco: '2341', weight: 1, female: 0.6, tier: 'professional', related: [], skills: ['التدريس للمرحلة الابتدائية'] },
  { isco: '2330', weight: 1, female: 0.5, tier: 'professional', related: [], skills: ['تدريس الرياضيات', 'تدريس العلوم'] },
  { isco: '2512', weight: 1, female: 0.2, tier: 'professional', related: ['2514'], skills: ['جافاسكريبت', 'قواعد البيانات'] },
  { isco: '2262', weight: 1, female: 0.5, tier: 'professional', related: [], skills: ['الصيدلة الإكلينيكية'] },
  { isco: '4110', weight: 1, female: 0.5, tier: 'service', related: ['4132'], skills: ['برامج الأوفيس'] },
];

const EDUCATION: Record<Tier, [EducationLevel, number][]> = {
  elementary: [['none', 2], ['primary', 4], ['preparatory', 3], ['technical_secondary', 1]],
  trade: [['primary', 2], ['preparatory', 3], ['technical_secondary', 5], ['secondary', 1]],
  service: [['preparatory', 2], ['secondary', 3], ['technical_secondary', 4], ['post_secondary', 1]],
  technician: [['technical_secondary', 4], ['post_secondary', 5], ['bachelor', 1]],
  professional: [['bachelor', 8], ['master', 2]],
};

const ENGLISH: Record<Tier, [LanguageSkill['level'] | null, number][]> = {
  elementary: [[null, 8], ['A1', 2]],
  trade: [[null, 5], ['A1', 3], ['A2', 2]],
  service: [[null, 2], ['A1', 3], ['A2', 4], ['B1', 1]],
  technician: [['A2', 4], ['B1', 4], ['B2', 1], [null, 1]],
  professional: [['B1', 4], ['B2', 4], ['C1', 2]],
};

/** Expected monthly wage, SAR, by tier (what Egyptian workers typically ask in the Gulf). */
const WAGE_SAR: Record<Tier, [number, number]> = {
  elementary: [1500, 2200],
  trade: [2000, 3800],
  service: [1800, 3200],
  technician: [3000, 5500],
  professional: [5000, 12000],
};

/** Currency, minor-unit factor, SAR → currency rate (approximate pegs), rounding step in major units. */
const CURRENCY: Record<string, [string, number, number, number]> = {
  SA: ['SAR', 100, 1, 100],
  AE: ['AED', 100, 0.98, 100],
  QA: ['QAR', 100, 0.97, 100],
  KW: ['KWD', 1000, 0.082, 5],
  OM: ['OMR', 1000, 0.1026, 5],
  BH: ['BHD', 1000, 0.1, 5],
  JO: ['JOD', 1000, 0.189, 10],
};

const COUNTRIES: [string, number][] = [['SA', 45], ['JO', 15], ['KW', 12], ['AE', 10], ['QA', 8], ['OM', 5], ['BH', 5]];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `n` synthetic Egyptian job seekers for `seed` (any number). `today` (YYYY-MM-DD, default 2026-12-01)
 * anchors availability and passport dates. Birth years 1975–2004; national IDs valid and unique;
 * mobiles and passport numbers unique within the batch.
 */
export function egWorkers(n: number, seed: number, options: { today?: string } = {}): SeedWorker[] {
  const today = options.today ?? '2026-12-01';
  const rng = new Rng(`eg-workers:${seed}`);
  const govs = GOVERNORATES.filter((g) => g.code !== '88').map((g) => [g.code, GOVERNORATE_WEIGHTS[g.code] ?? 1] as const);
  const ids = new Set<string>();
  const mobiles = new Set<string>();
  const passports = new Set<string>();
  const workers: SeedWorker[] = [];
  for (let i = 0; i < n; i++) {
    const profile = rng.weighted(PROFILES.map((p) => [p, p.weight] as const));
    const sex = rng.chance(profile.female) ? 'female' : 'male';
    const year = rng.int(1975, 2004);
    const month = rng.int(1, 12);
    const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    const governorateCode = rng.weighted(govs);
    let nationalId: string;
    do {
      // Serial SSSS: its last digit (ID digit 13) is odd for a man, even for a woman.
      const sexDigit = sex === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
      const first13 = `${year >= 2000 ? 3 : 2}${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${governorateCode}${pad(rng.int(0, 999), 3)}${sexDigit}`;
      nationalId = `${first13}${nationalIdCheckDigit(first13)}`;
    } while (ids.has(nationalId));
    ids.add(nationalId);

    const first = rng.pick(sex === 'male' ? MALE : FEMALE);
    const father = rng.pick(rng.chance(0.7) ? MALE : ELDER);
    const grandfather = rng.pick(rng.chance(0.3) ? MALE : ELDER);
    const family = rng.pick(FAMILY);
    const parts = [first, father, grandfather, family];

    let mobile: string;
    do mobile = `${rng.weighted([['010', 45], ['011', 20], ['012', 25], ['015', 10]] as const)}${pad(rng.int(0, 99_999_999), 8)}`;
    while (mobiles.has(mobile));
    mobiles.add(mobile);

    const age = 2026 - year;
    const maxYears = Math.max(0, Math.min(30, age - 18));
    const years = Math.min(maxYears, Math.round(rng.next() ** 1.5 * maxYears) + (maxYears > 0 ? rng.int(0, 1) : 0));
    const occupations: OccupationExperience[] = [{ isco: profile.isco, years }];
    const related = profile.related[0] !== undefined && rng.chance(0.35) ? rng.pick(profile.related) : undefined;
    if (related) occupations.push({ isco: related, years: rng.int(0, Math.max(0, Math.floor(years / 2))) });

    const english = rng.weighted(ENGLISH[profile.tier]);
    const languages: LanguageSkill[] = [{ language: 'ar', level: 'native' }];
    if (english) languages.push({ language: 'en', level: english });

    const preferredCountries: string[] = [];
    if (profile.jo && rng.chance(0.5)) preferredCountries.push('JO');
    const wanted = rng.int(1, 3);
    while (preferredCountries.length < wanted) {
      const c = rng.weighted(COUNTRIES);
      if (!preferredCountries.includes(c)) preferredCountries.push(c);
    }
    const [currency, factor, rate, step] = CURRENCY[preferredCountries[0]!]!;
    const [lo, hi] = WAGE_SAR[profile.tier];
    let major = Math.round((rng.int(lo, hi) * rate) / step) * step;
    if (currency === 'JOD') major = Math.max(290, major); // never below Jordan's minimum wage (jo.ts)
    const expectedWage: Money = { amountMinor: major * factor, currency };

    let passportNumber: string;
    do passportNumber = `A${pad(rng.int(0, 99_999_999), 8)}`;
    while (passports.has(passportNumber));
    passports.add(passportNumber);
    // Egyptian passports run 7 years; issued between 6.5 years and a month before `today`.
    const passportExpiry = addDays(addDays(today, -rng.int(30, 2370)), 7 * 365 + 1);

    const key = `EG-W-${seed}-${i + 1}`;
    workers.push({
      key,
      id: seedUuid(key),
      nationalId,
      birthDate,
      sex,
      governorateCode,
      nameAr: parts.map((p) => p[0]).join(' '),
      nameLatin: parts.map((p) => p[1]).join(' '),
      nameParts: { ar: [first[0], father[0], grandfather[0], family[0]], latin: [first[1], father[1], grandfather[1], family[1]] },
      mobile,
      mobileE164: `+2${mobile}`,
      occupations,
      skills: profile.skills.filter(() => rng.chance(0.8)),
      education: rng.weighted(EDUCATION[profile.tier]),
      languages,
      preferredCountries,
      expectedWage,
      availableFrom: addDays(today, rng.int(0, 180)),
      passportNumber,
      passportExpiry,
    });
  }
  return workers;
}

/**
 * Name parts for SYNTHETIC seed data, each with a common Latin transliteration. Brand words are
 * ordinary Arabic nouns used in Gulf and Levant trade names; family names are common tribal/family
 * names. Combinations are generated: no entry describes a real establishment or person.
 */
export const BRANDS: readonly (readonly [string, string])[] = [
  ['الريادة', 'Al-Riyada'], ['الأفق', 'Al-Ofoq'], ['النخبة', 'Al-Nukhba'], ['السنابل', 'Al-Sanabel'], ['الواحة', 'Al-Waha'],
  ['المدار', 'Al-Madar'], ['الرواد', 'Al-Rowad'], ['البيان', 'Al-Bayan'], ['الإتقان', 'Al-Itqan'], ['الصفوة', 'Al-Safwa'],
  ['الفجر', 'Al-Fajr'], ['الأصالة', 'Al-Asala'], ['النور', 'Al-Noor'], ['الخليج', 'Al-Khaleej'], ['الجزيرة', 'Al-Jazeera'],
  ['الراية', 'Al-Raya'], ['المسار', 'Al-Masar'], ['الشروق', 'Al-Shorouq'], ['الندى', 'Al-Nada'], ['الوفاء', 'Al-Wafa'],
  ['الإبداع', 'Al-Ibdaa'], ['التميز', 'Al-Tamayoz'], ['القمة', 'Al-Qimma'], ['الركن', 'Al-Rukn'], ['السلام', 'Al-Salam'],
  ['الأمل', 'Al-Amal'], ['النجم', 'Al-Najm'], ['الهدى', 'Al-Huda'], ['الرؤية', 'Al-Ruya'], ['الدانة', 'Al-Dana'],
  ['اللؤلؤة', 'Al-Lulua'], ['الغدير', 'Al-Ghadeer'], ['الأندلس', 'Al-Andalus'], ['اليمامة', 'Al-Yamama'], ['المنارة', 'Al-Manara'],
  ['الوسام', 'Al-Wisam'], ['الإشراق', 'Al-Ishraq'], ['الأركان', 'Al-Arkan'], ['الفرسان', 'Al-Fursan'], ['الجود', 'Al-Jood'],
  ['الريان', 'Al-Rayyan'], ['الماسة', 'Al-Masa'], ['الرمال', 'Al-Rimal'], ['الأثير', 'Al-Atheer'], ['البروج', 'Al-Burooj'],
  ['الصرح', 'Al-Sarh'], ['المجد', 'Al-Majd'], ['الثريا', 'Al-Thurayya'], ['السحاب', 'Al-Sahab'], ['الرياحين', 'Al-Rayaheen'],
  ['الأمانة', 'Al-Amana'], ['الديار', 'Al-Diyar'], ['الساحل', 'Al-Sahel'], ['الينابيع', 'Al-Yanabee'], ['الفيصلية', 'Al-Faisaliya'],
  ['العزم', 'Al-Azm'], ['الوطن', 'Al-Watan'], ['الإعمار', 'Al-Iemar'], ['النماء', 'Al-Namaa'], ['الضياء', 'Al-Diyaa'],
];

export const SA_FAMILIES: readonly (readonly [string, string])[] = [
  ['العتيبي', 'Al-Otaibi'], ['القحطاني', 'Al-Qahtani'], ['الغامدي', 'Al-Ghamdi'], ['الزهراني', 'Al-Zahrani'], ['الشهري', 'Al-Shehri'],
  ['الدوسري', 'Al-Dosari'], ['الحربي', 'Al-Harbi'], ['المطيري', 'Al-Mutairi'], ['الشمري', 'Al-Shammari'], ['العنزي', 'Al-Anazi'],
  ['السبيعي', 'Al-Subaie'], ['الرشيدي', 'Al-Rashidi'], ['الجهني', 'Al-Juhani'], ['العمري', 'Al-Omari'], ['المالكي', 'Al-Malki'],
  ['السهلي', 'Al-Sahli'], ['البقمي', 'Al-Buqami'], ['الخالدي', 'Al-Khalidi'], ['التميمي', 'Al-Tamimi'], ['الأحمدي', 'Al-Ahmadi'],
];

export const SA_FIRST: readonly (readonly [string, string])[] = [
  ['سعد', 'Saad'], ['فهد', 'Fahad'], ['عبدالله', 'Abdullah'], ['محمد', 'Mohammed'], ['خالد', 'Khalid'], ['ناصر', 'Nasser'],
  ['سلطان', 'Sultan'], ['تركي', 'Turki'], ['ماجد', 'Majed'], ['بندر', 'Bandar'], ['عبدالرحمن', 'Abdulrahman'], ['فيصل', 'Faisal'],
  ['نورة', 'Noura'], ['سارة', 'Sarah'], ['هيفاء', 'Haifa'], ['ريم', 'Reem'],
];

export const JO_FAMILIES: readonly (readonly [string, string])[] = [
  ['المجالي', 'Al-Majali'], ['العبادي', 'Al-Abbadi'], ['الخصاونة', 'Al-Khasawneh'], ['الروابدة', 'Al-Rawabdeh'], ['الطراونة', 'Al-Tarawneh'],
  ['الزعبي', 'Al-Zoubi'], ['العدوان', 'Al-Adwan'], ['الحديد', 'Al-Hadid'], ['النسور', 'Al-Nsour'], ['البطاينة', 'Al-Bataineh'],
  ['الشوبكي', 'Al-Shobaki'], ['الحمود', 'Al-Hmoud'],
];

export const JO_FIRST: readonly (readonly [string, string])[] = [
  ['عمر', 'Omar'], ['زيد', 'Zaid'], ['هاني', 'Hani'], ['رامي', 'Rami'], ['باسل', 'Basel'], ['ليث', 'Laith'], ['رنا', 'Rana'], ['دينا', 'Dina'],
];

/**
 * Content of the demo vocational course (demo data only: demo-course.seed.ts): «أساسيات التمديدات الكهربائية
 * المنزلية», ISCO-08 7411 (Building and related electricians), preparing for that occupation's skill-level test.
 * Written as the trainer's API input (CourseInput, ModuleInput, LessonInput, QuestionInput) so it goes through the
 * module's own rules. Figures are the usual ones of the IEC standards Egypt's installation code follows; the
 * lessons say where the designer's calculation or the code decides instead of a rule of thumb.
 * Sources: IEC 60479-1 (effects of current on the body), IEC 61008-1 (RCCB trip times), IEC 60364-4-41 and
 * 60364-6 (protection against shock; initial verification), IEC 60445 (conductor colours), IEC 60617 (symbols),
 * IEC 60898-1 (MCBs); the Egyptian code for electrical installations in buildings.
 */
import type { CourseInput, LiveSessionInput, QuestionInput } from '@rabt/contracts';

type Text = { ar: string; en: string };
export interface DemoLesson {
  title: Text;
  body: Text;
}

export const DEMO_COURSE: Omit<CourseInput, 'prerequisiteIds'> = {
  titleAr: 'أساسيات التمديدات الكهربائية المنزلية',
  titleEn: 'Basics of domestic electrical wiring',
  descriptionAr:
    'دورة نموذجية من بيانات العرض التجريبي لمهنة كهربائي المباني (ISCO-08 ‏7411)، تُعدّك لاختبار مستوى المهارة في المهنة: السلامة قبل أي عمل (الفصل والإقفال والتحقق من انعدام الجهد)، والتأريض وقاطع التيار المتبقي، ومقاطع الكابلات وحماية الدوائر، وقراءة مخطط كهربائي بسيط، والفحص قبل التشغيل. فيها تقييم ذاتي تفاعلي (SCORM) وجلسة مباشرة مع المدرّب واختبار نهائي.',
  descriptionEn:
    'A sample course of the demo data for building electricians (ISCO-08 7411) that prepares you for the occupation\'s skill-level test: safety before any work (isolation, lock-out and proving dead), earthing and residual-current devices, cable sizes and circuit protection, reading a simple circuit diagram, and inspection before energising. It has an interactive self-check (SCORM), a live session with the trainer and a final quiz.',
  isco: '7411',
  skillLevel: 'semi_skilled',
  quizQuestionCount: 5,
  quizTimeLimitMinutes: 15,
  quizMaxAttempts: 3,
  quizPassPercent: 60,
};

export const DEMO_MODULES: { title: Text; lessons: DemoLesson[] }[] = [
  {
    title: { ar: 'السلامة أولًا', en: 'Safety first' },
    lessons: [
      {
        title: { ar: 'أخطار الكهرباء على الإنسان والمبنى', en: 'What electricity does to people and buildings' },
        body: {
          ar: `# لماذا نبدأ بالسلامة
الكهرباء في المنازل المصرية أحادية الطور بجهد 220 فولت وتردد 50 هرتز، والجهد بين طورين في التغذية ثلاثية الأطوار 380 فولت. هذا الجهد قادر على القتل، والخطأ الواحد يكفي.

## ثلاثة أخطار رئيسية
- الصدمة الكهربائية: يمر التيار في الجسم حين تلمس موصلًا حيًّا وأنت متصل بالأرض أو بموصل آخر.
- الحروق: من القوس الكهربائي عند قِصَر في الدائرة، أو من ملامسة موصل ساخن.
- الحريق: من كابل أصغر من الحمل، أو توصيلة مرتخية تسخن، أو قاطع أكبر من قدرة الكابل.

## ماذا يفعل التيار بالجسم
بحسب المواصفة الدولية IEC 60479-1: تيار متردد قدره نحو نصف ملّي أمبير يُحَس، ونحو 10 ملّي أمبير قد يقبض العضلات فلا تستطيع ترك الموصل، وتيار يزيد على نحو 30 إلى 50 ملّي أمبير لمدة قصيرة قد يسبب رجفان القلب. لهذا يُختار قاطع التيار المتبقي لحماية الأشخاص بحساسية 30 ملّي أمبير.

## ما يزيد الخطر
- الرطوبة والماء: الحمّام والمطبخ والأسطح المبتلة تقلل مقاومة الجسم.
- الوقوف على أرض موصلة أو سلم معدني.
- العمل وحدك أو على عجل.

القاعدة الذهبية: كل موصل حيّ حتى تثبت أنه غير حيّ بنفسك، بجهاز فحص سليم.`,
          en: `# Why we start with safety
Egyptian homes are supplied at 220 V single-phase, 50 Hz; between two phases of a three-phase supply there are 380 V. That voltage can kill, and one mistake is enough.

## Three main hazards
- Electric shock: current flows through your body when you touch a live conductor while touching earth or another conductor.
- Burns: from the arc of a short circuit, or from touching a hot conductor.
- Fire: from a cable too small for its load, a loose connection that heats up, or a breaker larger than the cable can carry.

## What current does to the body
According to IEC 60479-1: an alternating current of about half a milliampere can be felt; about 10 mA can clamp the muscles so that you cannot let go; more than about 30 to 50 mA for a short time can make the heart fibrillate. That is why a residual-current device for protecting people has a sensitivity of 30 mA.

## What makes it worse
- Moisture and water: bathrooms, kitchens and wet surfaces lower the body's resistance.
- Standing on a conductive floor or a metal ladder.
- Working alone or in a hurry.

The golden rule: every conductor is live until you have proved it dead yourself, with a tester you know works.`,
        },
      },
      {
        title: { ar: 'الفصل والإقفال والتحقق من انعدام الجهد قبل العمل', en: 'Isolation, lock-out and proving dead before work' },
        body: {
          ar: `# لا عمل على دائرة حيّة
إطفاء مفتاح الإنارة لا يفصل الدائرة: قد يبقى الطور واصلًا إلى البُلبة، وقد يكون المفتاح مركّبًا خطأً على الموصل المحايد. الفصل يكون من القاطع في لوحة التوزيع.

## الخطوات بالترتيب
- حدّد الدائرة من لوحة التوزيع ومن المخطط، ولا تعتمد على كتابة قديمة على اللوحة دون تحقق.
- افصل القاطع الخاص بالدائرة (أو المفتاح الرئيسي إذا لم تكن متأكدًا).
- أقفل القاطع في وضع الفصل بقفل شخصي مفتاحه معك وحدك، وعلّق عليه بطاقة فيها اسمك والتاريخ وعبارة «ممنوع التشغيل – يوجد عمل على الدائرة».
- تحقّق من انعدام الجهد بجهاز فحص جهد ثنائي الطرف سليم.
- إذا كان في المكان أكثر من فني، يضع كل واحد قفله؛ لا تعود الدائرة للعمل قبل أن يرفع كل واحد قفله بنفسه.

## التحقق من انعدام الجهد: جرّب – افحص – جرّب
- جرّب جهاز الفحص على مصدر تعرف أنه حيّ (أو على جهاز إثبات مخصص) لتتأكد أنه يعمل.
- افحص الدائرة بين كل الموصلات: طور–محايد، طور–أرضي، محايد–أرضي.
- أعد تجربة الجهاز على المصدر الحيّ: لو تعطّل أثناء الفحص لظننت الدائرة ميتة وهي حيّة.

مفك الاختبار ذو اللمبة (النيون) لا يصلح لإثبات انعدام الجهد: قد لا يضيء بسبب حذاء عازل أو أرضية جافة، فتظن الموصل آمنًا وهو حيّ.`,
          en: `# No work on a live circuit
Switching off a light does not isolate the circuit: the phase may still reach the lamp holder, and the switch may have been wired, wrongly, in the neutral. Isolation is done at the breaker in the distribution board.

## The steps, in order
- Identify the circuit from the board and the diagram; do not trust an old label on the board without checking.
- Switch off the circuit's breaker (or the main switch if you are not sure).
- Lock the breaker in the off position with a personal padlock whose key stays with you, and hang a tag with your name, the date and "Do not switch on – work in progress".
- Prove the circuit dead with a working two-pole voltage tester.
- When several electricians work on site, each one puts on their own lock; the circuit goes back on only after each has removed their own lock.

## Proving dead: prove – test – prove
- Prove the tester on a source you know is live (or a proving unit) to be sure it works.
- Test the circuit between every pair of conductors: phase–neutral, phase–earth, neutral–earth.
- Prove the tester again on the live source: had it failed during the test, you would have taken a live circuit for dead.

A neon test screwdriver cannot prove a circuit dead: it may stay dark because of insulating shoes or a dry floor, and you would think a live conductor is safe.`,
        },
      },
      {
        title: { ar: 'التأريض وقاطع التيار المتبقي (RCD / ELCB)', en: 'Earthing and the residual-current device (RCD / ELCB)' },
        body: {
          ar: `# التأريض
موصل الحماية (الأرضي) لونه أخضر/أصفر، ويربط كل جسم معدني قد يصير حيًّا عند عطل (جسم السخان، الغسالة، علب المعادن) بقضيب الأرضي عبر طرف التأريض الرئيسي في اللوحة. عند تلامس الطور مع الجسم المعدني يجد التيار طريقًا سهلًا إلى الأرض بدلًا من جسم الإنسان، فيعمل جهاز الحماية ويفصل الدائرة.

- لا تقطع موصل الأرضي ولا تستعمله محايدًا.
- كل مخرج (بريزة) فيه طرف أرضي يجب أن يصله موصل أرضي فعلًا.
- وصلات الأرضي تُربط جيدًا وتُفحص استمراريتها بجهاز.

## قاطع التيار المتبقي
يقارن الجهاز التيار الذاهب في الطور بالعائد في المحايد. إذا اختلفا فهذا تيار يتسرّب إلى الأرض، ربما عبر إنسان، فيفصل الدائرة. يسمى في السوق المصرية غالبًا ELCB، واسمه الفني RCD أو RCCB، وإذا جمع معه قاطعًا للتيار الزائد سُمّي RCBO.

- لحماية الأشخاص: حساسية 30 ملّي أمبير (IEC 60364-4-41).
- زمن الفصل في المواصفة IEC 61008-1 للنوع العام: لا يزيد على 300 ملّي ثانية عند تيار تسرّب يساوي الحساسية، ولا على 40 ملّي ثانية عند خمسة أمثالها.
- اضغط زر الاختبار (T) دوريًّا، مثلًا كل شهر: إن لم يفصل فالجهاز معطّل ويُستبدل.

## ما لا يفعله
- لا يحمي من لمس الطور والمحايد معًا باليدين: التياران متساويان فلا يرى الجهاز تسرّبًا.
- لا يحمي الكابل من الحمل الزائد أو القِصَر: هذه وظيفة القاطع الآلي (MCB).
- لا يغني عن الفصل والإقفال قبل العمل.`,
          en: `# Earthing
The protective (earth) conductor is green/yellow. It connects every metal part that could become live in a fault (a water-heater body, a washing machine, metal boxes) to the earth electrode through the main earthing terminal in the board. When the phase touches a metal part, the fault current finds an easy path to earth instead of through a person, and the protective device disconnects the circuit.

- Never cut the earth conductor or use it as a neutral.
- Every socket outlet with an earth terminal must really have an earth conductor connected.
- Earth connections are tightened and their continuity is checked with an instrument.

## The residual-current device
The device compares the current going out in the phase with the current coming back in the neutral. If they differ, current is leaking to earth, perhaps through a person, and it disconnects. On the Egyptian market it is often called an ELCB; its technical name is RCD or RCCB, and combined with an overcurrent breaker it is an RCBO.

- For protecting people: a 30 mA rated residual current (IEC 60364-4-41).
- Tripping time under IEC 61008-1 for the general type: at most 300 ms at the rated residual current, at most 40 ms at five times that.
- Press the test button (T) regularly, for example monthly: if it does not trip, the device is faulty and is replaced.

## What it does not do
- It does not protect you from touching phase and neutral with both hands: the two currents are equal, so it sees no leakage.
- It does not protect the cable from overload or short circuit: that is the job of the miniature circuit breaker (MCB).
- It does not replace isolation and lock-out before work.`,
        },
      },
    ],
  },
  {
    title: { ar: 'التمديدات وقراءة المخطط', en: 'Wiring and reading a diagram' },
    lessons: [
      {
        title: { ar: 'مقاطع الكابلات وحماية الدوائر', en: 'Cable sizes and circuit protection' },
        body: {
          ar: `# القاطع يحمي الكابل
يُختار مقطع الكابل حسب التيار الذي سيحمله، ثم يُختار القاطع الآلي (MCB) بقيمة لا تزيد على ما يتحمله الكابل. إذا فصل القاطع مرارًا فابحث عن السبب (حمل زائد أو عطل)، ولا تستبدله أبدًا بقاطع أكبر: الكابل سيسخن قبل أن يفصل القاطع الجديد، وهذا بداية حريق.

## قيم شائعة لموصلات نحاسية في مواسير داخل الشقة
- دوائر الإنارة: 1.5 مم² مع قاطع 10 أمبير.
- دوائر المخارج (البرايز) العامة: 2.5 مم² مع قاطع 16 أمبير.
- سخان أو مكيف متوسط: 4 مم² مع قاطع 20 إلى 25 أمبير حسب قدرة الجهاز.
- البوتاجاز الكهربائي (الفرن): 6 مم² مع قاطع 32 أمبير.

هذه قيم استرشادية للمسافات القصيرة. المقطع النهائي يحدده حساب المصمم وفق الكود المصري للتركيبات الكهربائية: طريقة التمديد، وعدد الكابلات في الماسورة، وحرارة المكان، وطول الخط (هبوط الجهد في الخطوط الطويلة يحتاج مقطعًا أكبر).

## ألوان الموصلات (IEC 60445)
- الطور: بني (وقد يكون أسود أو رمادي في الأطوار الأخرى).
- المحايد: أزرق.
- الأرضي: أخضر/أصفر، ولا يُستعمل هذا اللون لغيره.

في المباني القديمة قد تختلف الألوان: لا تحكم باللون وحده، افحص.

## جودة التنفيذ
- اربط أطراف الموصلات جيدًا وبالعزم المناسب: التوصيلة المرتخية تسخن.
- لا تملأ الماسورة فوق طاقتها، ولا تترك وصلات خارج علب التوصيل.
- القاطع من النوع B مناسب عادةً للدوائر المنزلية (IEC 60898-1).`,
          en: `# The breaker protects the cable
The cable size is chosen for the current it will carry, then the miniature circuit breaker (MCB) is chosen no larger than the cable can carry. If a breaker keeps tripping, find the cause (overload or fault); never replace it with a larger one: the cable would overheat before the new breaker trips, and that is how fires start.

## Common values for copper conductors in conduit inside a flat
- Lighting circuits: 1.5 mm² with a 10 A breaker.
- General socket-outlet circuits: 2.5 mm² with a 16 A breaker.
- A water heater or a medium air conditioner: 4 mm² with a 20 to 25 A breaker, depending on the appliance.
- An electric cooker: 6 mm² with a 32 A breaker.

These are guide values for short runs. The final size is the designer's calculation under the Egyptian code for electrical installations: the installation method, the number of cables in the conduit, the ambient temperature, and the length of the run (voltage drop on long runs needs a larger size).

## Conductor colours (IEC 60445)
- Phase: brown (other phases may be black or grey).
- Neutral: blue.
- Protective earth: green/yellow, and that colour is never used for anything else.

Older buildings may use other colours: do not judge by colour alone, test.

## Workmanship
- Tighten terminals properly, to the right torque: a loose connection heats up.
- Do not overfill a conduit, and keep joints inside junction boxes.
- A type-B breaker usually suits domestic circuits (IEC 60898-1).`,
        },
      },
      {
        title: { ar: 'قراءة مخطط كهربائي بسيط', en: 'Reading a simple circuit diagram' },
        body: {
          ar: `# المخطط أحادي الخط
يرسم المخطط أحادي الخط الدائرة بخط واحد مهما كان عدد موصلاتها، وتدل شرطات قصيرة مائلة على الخط على عدد الموصلات: ثلاث شرطات تعني كابلًا من ثلاثة موصلات. الرموز موحدة في المواصفة IEC 60617.

## لوحة توزيع شقة كما تظهر في المخطط
- المفتاح الرئيسي (العازل) عند دخول التغذية.
- قاطع تيار متبقٍّ 30 ملّي أمبير يحمي مجموعة من الدوائر.
- قاطع آلي لكل دائرة، مكتوب بجانبه قيمته ومقطع الكابل واسم الدائرة، مثل: «16 أمبير – 2.5 مم² – برايز الصالة».

## رموز تراها كثيرًا
- المصباح: دائرة بداخلها علامة ×.
- المفتاح أحادي الاتجاه: دائرة صغيرة يخرج منها خط مائل ينتهي بشرطة قصيرة.
- المخرج (البريزة): نصف دائرة يخرج منها خط، ويُضاف إليها خط قصير موازٍ إذا كان فيه طرف أرضي.
- الأرضي: خط رأسي تحته ثلاثة خطوط أفقية تتناقص طولًا.

## كيف تقرأ
- ابدأ من اللوحة وتتبع كل دائرة حتى آخر حمل عليها.
- تأكد أن المفتاح يقطع الطور وليس المحايد: لو قطع المحايد لبقيت البُلبة حيّة وهي مطفأة.
- مثال السلم: مصباح يتحكم فيه مفتاحان ذوا اتجاهين، بينهما موصلان متنقلان؛ الطور يدخل المفتاح الأول، والمصباح يتصل بالمفتاح الثاني.

في اختبار مستوى المهارة يُطلب منك غالبًا تنفيذ دائرة من مخطط كهذا، ثم فحصها قبل التشغيل.`,
          en: `# The single-line diagram
A single-line diagram draws a circuit as one line whatever the number of its conductors; short slanted strokes across the line show the number of conductors: three strokes mean a three-core cable. The symbols are standardised in IEC 60617.

## A flat's distribution board as it appears in the diagram
- The main switch (isolator) where the supply comes in.
- A 30 mA residual-current device protecting a group of circuits.
- One circuit breaker per circuit, with its rating, the cable size and the circuit's name beside it, e.g. "16 A – 2.5 mm² – living-room sockets".

## Symbols you will see often
- Lamp: a circle with a cross inside.
- One-way switch: a small circle with a slanted line ending in a short stroke.
- Socket outlet: a half circle with a line, with a short parallel bar added when it has an earth contact.
- Earth: a vertical line over three horizontal lines of decreasing length.

## How to read it
- Start at the board and follow each circuit to its last load.
- Check that the switch breaks the phase, not the neutral: if it broke the neutral, the lamp holder would stay live while the lamp is off.
- The staircase example: a lamp controlled by two two-way switches joined by two strappers; the phase enters the first switch, and the lamp is connected to the second.

In the skill-level test you are usually asked to wire a circuit from a diagram like this, then to test it before switching on.`,
        },
      },
      {
        title: { ar: 'الفحص قبل التشغيل والتسليم', en: 'Inspection and testing before switching on' },
        body: {
          ar: `# لا تشغيل قبل الفحص
المواصفة IEC 60364-6 تطلب فحص كل تركيب جديد أو معدّل قبل تشغيله. الفحص يبدأ والدائرة مفصولة.

## بالترتيب
- الفحص بالنظر: الكابلات سليمة العزل، الأطراف مربوطة، لا موصل مكشوف، الأغطية في مكانها، ألوان الموصلات صحيحة.
- استمرارية موصل الحماية: من طرف التأريض في اللوحة إلى طرف الأرضي في كل مخرج وكل جسم معدني.
- مقاومة العزل: بجهاز قياس العزل (الميجر) بجهد 500 فولت مستمر للدوائر حتى 500 فولت؛ لا تقل القيمة عن 1 ميجا أوم. افصل الأجهزة الحساسة والمصابيح الإلكترونية قبل القياس.
- القطبية: المفاتيح والقواطع على الطور، والطرف الأوسط لدواية المصباح على الطور.
- بعد التشغيل: اختبر قاطع التيار المتبقي بجهاز اختبار وبزر T، وتأكد أن كل مخرج يعمل.

## التسليم
- اكتب على اللوحة اسم كل دائرة وقيمة قاطعها.
- سلّم المالك المخطط كما نُفّذ ونتائج القياسات، واشرح له زر اختبار قاطع التيار المتبقي.
- ارفع أقفالك وبطاقاتك بنفسك بعد انتهاء العمل وإبلاغ كل من في الموقع.`,
          en: `# No switching on before testing
IEC 60364-6 requires every new or altered installation to be verified before it is put into service. Testing starts with the circuit isolated.

## In order
- Inspection by eye: sound cable insulation, tight terminals, no bare conductor, covers in place, correct conductor colours.
- Continuity of the protective conductor: from the earthing terminal in the board to the earth terminal of every socket and every metal part.
- Insulation resistance: with an insulation tester at 500 V DC for circuits up to 500 V; the reading must be at least 1 MΩ. Disconnect sensitive equipment and electronic lamps before measuring.
- Polarity: switches and breakers in the phase, and the centre contact of a lamp holder on the phase.
- After switching on: test the residual-current device with an RCD tester and with its T button, and check that every socket works.

## Handing over
- Label every circuit and its breaker rating on the board.
- Give the owner the as-built diagram and the test results, and show them the RCD's test button.
- Remove your own locks and tags yourself once the work is finished and everyone on site has been told.`,
        },
      },
    ],
  },
];

/**
 * The PDF lesson, added to the last module after its text lessons and before the SCORM lesson; its file is the
 * one-page checklist built by demo-course.pdf.ts and stored like a trainer's upload (files.ts storeUpload).
 */
export const DEMO_PDF_LESSON: DemoLesson = {
  title: { ar: 'قائمة فحص السلامة قبل التشغيل (PDF)', en: 'Pre-switch-on safety checklist (PDF)' },
  body: {
    ar: 'صفحة واحدة بالعربية والإنجليزية تلخّص الفحص قبل التشغيل: افتح ملف PDF واطبعه، وضع علامة أمام كل بند قبل أن تعيد التيار إلى دائرة جديدة أو معدّلة.',
    en: 'One page in Arabic and English that sums up testing before switching on: open the PDF and print it, and tick every item before you put a new or altered circuit back on.',
  },
};

/** The SCORM lesson, added to the last module after its text lessons and the PDF lesson; its package is built by demo-course.scorm.ts. */
export const DEMO_SCORM_LESSON: DemoLesson = {
  title: { ar: 'تقييم ذاتي تفاعلي: السلامة قبل العمل', en: 'Interactive self-check: safety before work' },
  body: {
    ar: 'نشاط تفاعلي قصير (حزمة SCORM 1.2): ثلاثة أسئلة عن الفصل والإقفال والتأريض. أجب عنها كلها إجابة صحيحة ليُحسب الدرس مكتملًا، ويمكنك إعادة المحاولة.',
    en: 'A short interactive activity (a SCORM 1.2 package): three questions on isolation, lock-out and earthing. Answer all of them correctly for the lesson to count as completed; you may try again.',
  },
};

export const DEMO_QUESTIONS: QuestionInput[] = [
  {
    type: 'single_choice',
    promptAr: 'ستستبدل مخرجًا (بريزة) في غرفة نوم. ما أول ما تفعله؟',
    promptEn: 'You are about to replace a socket outlet in a bedroom. What do you do first?',
    options: [
      { ar: 'أفصل قاطع الدائرة من اللوحة وأقفله وأعلّق عليه بطاقة، ثم أتحقق من انعدام الجهد', en: "Switch off the circuit's breaker at the board, lock and tag it, then prove the circuit dead" },
      { ar: 'أطفئ مفتاح الإنارة في الغرفة', en: 'Switch off the light switch in the room' },
      { ar: 'ألبس قفازًا عاديًّا وأعمل بحذر والدائرة حيّة', en: 'Put on ordinary gloves and work carefully with the circuit live' },
      { ar: 'أطلب من صاحب الشقة ألّا يشغّل أي جهاز', en: 'Ask the owner not to switch anything on' },
    ],
    correct: 0,
  },
  {
    type: 'true_false',
    promptAr: 'مفك الاختبار ذو اللمبة (النيون) يكفي لإثبات أن الدائرة غير حيّة.',
    promptEn: 'A neon test screwdriver is enough to prove that a circuit is dead.',
    correct: false,
  },
  {
    type: 'multiple_choice',
    promptAr: 'أيّ مما يلي من خطوات التحقق الصحيح من انعدام الجهد؟ (اختر كل ما ينطبق)',
    promptEn: 'Which of these are steps of proving a circuit dead correctly? (choose all that apply)',
    options: [
      { ar: 'تجربة جهاز الفحص على مصدر حيّ معروف قبل الفحص', en: 'Proving the tester on a known live source before testing' },
      { ar: 'الفحص بين كل الموصلات: طور–محايد وطور–أرضي ومحايد–أرضي', en: 'Testing between all conductors: phase–neutral, phase–earth, neutral–earth' },
      { ar: 'إعادة تجربة جهاز الفحص على المصدر الحيّ بعد الفحص', en: 'Proving the tester again on the live source after testing' },
      { ar: 'الاكتفاء بأن المصباح لا يضيء', en: 'Relying on the lamp not lighting' },
    ],
    correct: [0, 1, 2],
  },
  {
    type: 'short_answer',
    promptAr: 'كم ملّي أمبير حساسية قاطع التيار المتبقي المستعمل لحماية الأشخاص؟ (اكتب الرقم)',
    promptEn: 'What rated residual current, in milliamperes, does an RCD for protecting people have? (write the number)',
    accepted: ['30', '30 mA', '30 ملي أمبير', '30 مللي أمبير'],
  },
  {
    type: 'single_choice',
    promptAr: 'قاطع 16 أمبير على دائرة برايز بكابل 2.5 مم² يفصل مرارًا. ما التصرف الصحيح؟',
    promptEn: 'A 16 A breaker on a 2.5 mm² socket circuit keeps tripping. What is the right thing to do?',
    options: [
      { ar: 'أبحث عن السبب: حمل زائد على الدائرة أو عطل في جهاز أو في التمديد', en: 'Find the cause: too much load on the circuit, or a fault in an appliance or in the wiring' },
      { ar: 'أستبدله بقاطع 32 أمبير', en: 'Replace it with a 32 A breaker' },
      { ar: 'أربط القاطع في وضع التشغيل', en: 'Tie the breaker in the on position' },
    ],
    correct: 0,
  },
  {
    type: 'matching',
    promptAr: 'صِل كل لون موصل بوظيفته (IEC 60445).',
    promptEn: 'Match each conductor colour with its function (IEC 60445).',
    pairs: [
      { left: { ar: 'بني', en: 'Brown' }, right: { ar: 'الطور', en: 'Phase (line)' } },
      { left: { ar: 'أزرق', en: 'Blue' }, right: { ar: 'المحايد', en: 'Neutral' } },
      { left: { ar: 'أخضر/أصفر', en: 'Green/yellow' }, right: { ar: 'الأرضي (موصل الحماية)', en: 'Protective earth' } },
    ],
  },
  {
    type: 'matching',
    promptAr: 'صِل كل مقطع كابل نحاسي بالدائرة المنزلية التي يُستعمل لها عادةً.',
    promptEn: 'Match each copper cable size with the domestic circuit it is usually used for.',
    pairs: [
      { left: { ar: '1.5 مم²', en: '1.5 mm²' }, right: { ar: 'الإنارة مع قاطع 10 أمبير', en: 'Lighting, with a 10 A breaker' } },
      { left: { ar: '2.5 مم²', en: '2.5 mm²' }, right: { ar: 'البرايز العامة مع قاطع 16 أمبير', en: 'General sockets, with a 16 A breaker' } },
      { left: { ar: '6 مم²', en: '6 mm²' }, right: { ar: 'البوتاجاز الكهربائي مع قاطع 32 أمبير', en: 'Electric cooker, with a 32 A breaker' } },
    ],
  },
  {
    type: 'single_choice',
    promptAr: 'على أي موصل يجب أن يكون مفتاح المصباح؟',
    promptEn: 'Which conductor must a lamp switch break?',
    options: [
      { ar: 'الطور', en: 'The phase' },
      { ar: 'المحايد', en: 'The neutral' },
      { ar: 'الأرضي', en: 'The earth' },
    ],
    correct: 0,
  },
  {
    type: 'true_false',
    promptAr: 'في المخطط أحادي الخط تعني ثلاث شرطات قصيرة مائلة على الخط أن الكابل من ثلاثة موصلات.',
    promptEn: 'In a single-line diagram, three short slanted strokes across a line mean a three-core cable.',
    correct: true,
  },
];

/** The upcoming live session kept on the demo course (its time is set by the seed: the next day, 16:00 UTC). */
export const DEMO_LIVE_SESSION: Omit<LiveSessionInput, 'startsAt'> = {
  titleAr: 'جلسة مباشرة: أسئلة وأجوبة عن الفصل والإقفال والتأريض',
  titleEn: 'Live session: questions and answers on isolation, lock-out and earthing',
  durationMinutes: 60,
  capacity: 30,
};

/**
 * A realistic sample view for the document PDF: an employment contract for Saudi Arabia (Egyptian worker,
 * building electrician). Used by the PDF tests and by `render-sample.ts` to look at the pages; the contract
 * module builds real views from its own data.
 */
import type { DocumentPdfView } from './document-pdf.ts';

/** About 800 characters, like a verification URL that carries an offline token. */
function sampleQrPayload(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let token = '';
  let x = 7;
  for (let i = 0; i < 740; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    token += alphabet[x % 64];
  }
  return `https://verify.rabt.gov.eg/v/EG-7K3M-9QXD-2HFA#t=${token}`;
}

export const SAMPLE_CLAUSES: DocumentPdfView['sections'][number]['clauses'] = [
  {
    ar: 'يلتزم العامل بأداء عمل كهربائي مبانٍ (ISCO-08 7411) تحت إدارة صاحب العمل وإشرافه في مدينة الرياض، ولا يجوز تكليفه بعمل يختلف اختلافًا جوهريًا عن العمل المتفق عليه إلا بموافقته الكتابية.',
    en: "The worker shall perform the work of a building electrician (ISCO-08 7411) under the employer's management and supervision in Riyadh, and may not be assigned work substantially different from the agreed work without the worker's written consent.",
  },
  {
    ar: 'مدة هذا العقد 24 شهرًا تبدأ من 2026-12-01، وتخضع لفترة تجربة مدتها 90 يومًا لا تدخل فيها إجازتا عيد الفطر وعيد الأضحى والإجازة المرضية.',
    en: 'This contract runs for 24 months from 2026-12-01, with a probation period of 90 days, excluding the Eid al-Fitr and Eid al-Adha holidays and sick leave.',
  },
  {
    ar: 'يدفع صاحب العمل للعامل أجرًا أساسيًا قدره 2,500.00 SAR (ألفان وخمسمائة ريال سعودي) شهريًا، في موعد أقصاه اليوم السابع من كل شهر ميلادي، بالتحويل إلى حساب العامل المصرفي عبر نظام حماية الأجور.',
    en: "The employer shall pay the worker a basic wage of 2,500.00 SAR (two thousand five hundred Saudi riyals) per month, no later than the 7th day of each calendar month, by transfer to the worker's bank account through the Wage Protection System.",
  },
  {
    ar: 'ساعات العمل 48 ساعة في الأسبوع بحد أقصى 8 ساعات يوميًا، وتُخفض إلى 36 ساعة في الأسبوع خلال شهر رمضان. يُعطى العامل يوم راحة أسبوعية واحدًا بأجر كامل، ويُحسب العمل الإضافي بأجر الساعة مضافًا إليه 50% من الأجر الأساسي.',
    en: 'Working hours are 48 a week, at most 8 a day, reduced to 36 a week during Ramadan. The worker has one paid weekly rest day; overtime is paid at the hourly wage plus 50% of the basic wage.',
  },
  {
    ar: 'يستحق العامل إجازة سنوية مدتها 21 يومًا بأجر كامل، تزاد إلى 30 يومًا بعد خمس سنوات متصلة، وتذكرة سفر سنوية ذهابًا وإيابًا على الدرجة السياحية بين القاهرة والرياض.',
    en: "The worker is entitled to 21 days' paid annual leave, rising to 30 days after five consecutive years, and to one economy-class return ticket a year between Cairo and Riyadh.",
  },
  {
    ar: 'يوفر صاحب العمل للعامل سكنًا مناسبًا ووسيلة نقل إلى موقع العمل أو بدلًا نقديًا عنهما، ويتحمل تكاليف التأمين الطبي للعامل طوال مدة العقد وفق نظام الضمان الصحي التعاوني.',
    en: "The employer shall provide the worker with suitable housing and transport to the work site, or a cash allowance instead, and shall bear the cost of the worker's medical insurance for the whole term under the Cooperative Health Insurance Law.",
  },
  {
    ar: 'يتحمل صاحب العمل جميع تكاليف الاستقدام، بما فيها رسوم التأشيرة ورخصة الإقامة ورخصة العمل وتذكرة القدوم، ولا يجوز تحصيل أي رسوم أو تكاليف من العامل أو خصمها من أجره (قانون العمل المصري رقم 14 لسنة 2025، المادة 43).',
    en: "The employer bears all recruitment costs, including the visa, residence permit, work permit and arrival ticket fees; no fee or cost may be charged to the worker or deducted from the worker's wage (Egyptian Labour Law No. 14 of 2025, Art. 43).",
  },
  {
    ar: 'لا يجوز لصاحب العمل الاحتفاظ بجواز سفر العامل (A12345678) أو وثائقه الرسمية، ويحق للعامل الاحتفاظ بها طوال مدة العقد.',
    en: "The employer may not keep the worker's passport (A12345678) or official documents; the worker is entitled to keep them throughout the contract.",
  },
  {
    ar: 'يستحق العامل عند انتهاء العقد مكافأة نهاية خدمة وفق المادة 84 من نظام العمل السعودي: أجر نصف شهر عن كل سنة من السنوات الخمس الأولى، وأجر شهر عن كل سنة تالية.',
    en: "At the end of the contract the worker is entitled to an end-of-service benefit under Article 84 of the Saudi Labour Law: half a month's wage for each of the first five years and a full month's wage for each later year.",
  },
  {
    ar: 'يلتزم صاحب العمل بتوفير وسائل السلامة والصحة المهنية ومعدات الوقاية الشخصية اللازمة لأعمال الكهرباء دون مقابل، وبتدريب العامل على استخدامها.',
    en: 'The employer shall provide, free of charge, the occupational safety and health measures and personal protective equipment needed for electrical work, and shall train the worker in their use.',
  },
  {
    ar: 'لا يجوز تعديل هذا العقد إلا بملحق مكتوب يوقعه الطرفان ويُوثَّق لدى وزارة العمل المصرية، ويسري التعديل بعد قبول العامل له في حسابه.',
    en: "This contract may be amended only by a written addendum signed by both parties and attested by the Egyptian Ministry of Labour; an amendment takes effect once the worker has accepted it in the worker's account.",
  },
  {
    ar: 'يخضع هذا العقد لنظام العمل في المملكة العربية السعودية، وتختص المحاكم العمالية في الرياض بالنظر في أي نزاع ينشأ عنه، دون الإخلال بحق العامل في اللجوء إلى «مكتب التمثيل العمالي المصري» في الرياض.',
    en: 'This contract is governed by the Labour Law of the Kingdom of Saudi Arabia; the labour courts of Riyadh have jurisdiction over any dispute arising from it, without prejudice to the worker\'s right to turn to the "Egyptian labour representation office" in Riyadh.',
  },
];

/** The sample contract view (12 clauses; renders on 3 A4 pages). */
export function sampleContractView(overrides: Partial<DocumentPdfView> = {}): DocumentPdfView {
  return {
    title: { ar: 'عقد عمل', en: 'Employment contract' },
    issuer: { ar: 'وزارة العمل — جمهورية مصر العربية', en: 'Ministry of Labour — Arab Republic of Egypt' },
    subtitle: { ar: 'عقد رقم EG-C-2026-000417 · الإصدار 1 · المملكة العربية السعودية', en: 'Contract no. EG-C-2026-000417 · version 1 · Kingdom of Saudi Arabia' },
    verificationCode: 'EG-7K3M-9QXD-2HFA',
    qrPayload: sampleQrPayload(),
    verifyInstructions: {
      ar: 'امسح الرمز بكاميرا الهاتف، أو افتح verify.rabt.gov.eg وأدخل رمز التحقق. يعمل التحقق دون اتصال بالإنترنت أيضًا باستخدام تطبيق المتحقق. إذا اختلفت البنود المعروضة عن هذه الوثيقة فهي غير صحيحة.',
      en: 'Scan the code with a phone camera, or open verify.rabt.gov.eg and enter the verification code. The check also works offline with the verifier app. If the terms shown differ from this document, it is not genuine.',
    },
    notice: { ar: 'النص العربي هو المعتمد عند الاختلاف بين النصين.', en: 'The Arabic text prevails in case of any difference between the two texts.' },
    sections: [
      {
        heading: { ar: 'الأطراف', en: 'Parties' },
        rows: [
          { label: { ar: 'صاحب العمل', en: 'Employer' }, value: { ar: 'شركة الرياض للمقاولات المحدودة', en: 'Riyadh Contracting Company Ltd.' } },
          { label: { ar: 'رقم المنشأة', en: 'Establishment number' }, value: { ar: '7046933166', en: '7046933166' } },
          { label: { ar: 'العامل', en: 'Worker' }, value: { ar: 'محمود حسن علي\nMahmoud Hassan Ali', en: 'Mahmoud Hassan Ali\nمحمود حسن علي' } },
          { label: { ar: 'رقم جواز السفر', en: 'Passport number' }, value: { ar: 'A12345678 (جمهورية مصر العربية)', en: 'A12345678 (Arab Republic of Egypt)' } },
        ],
      },
      {
        heading: { ar: 'العمل والأجر', en: 'Work and pay' },
        rows: [
          { label: { ar: 'المهنة', en: 'Occupation' }, value: { ar: 'كهربائي مبانٍ (ISCO-08 7411)', en: 'Building electrician (ISCO-08 7411)' } },
          { label: { ar: 'مكان العمل', en: 'Workplace' }, value: { ar: 'الرياض، المملكة العربية السعودية', en: 'Riyadh, Kingdom of Saudi Arabia' } },
          { label: { ar: 'تاريخ البدء', en: 'Start date' }, value: { ar: '2026-12-01', en: '2026-12-01' } },
          { label: { ar: 'مدة العقد', en: 'Duration' }, value: { ar: '24 شهرًا', en: '24 months' } },
          { label: { ar: 'فترة التجربة', en: 'Probation' }, value: { ar: '90 يومًا', en: '90 days' } },
          { label: { ar: 'الأجر الأساسي', en: 'Basic wage' }, value: { ar: '2,500.00 SAR شهريًا', en: '2,500.00 SAR per month' } },
          { label: { ar: 'البدلات', en: 'Allowances' }, value: { ar: 'سكن يوفره صاحب العمل؛ بدل نقل 300.00 SAR شهريًا', en: 'Housing provided by the employer; transport allowance 300.00 SAR per month' } },
          { label: { ar: 'ساعات العمل', en: 'Working hours' }, value: { ar: '48 ساعة في الأسبوع', en: '48 hours a week' } },
          { label: { ar: 'الراحة الأسبوعية', en: 'Weekly rest' }, value: { ar: 'يوم واحد', en: '1 day' } },
          { label: { ar: 'الإجازة السنوية', en: 'Annual leave' }, value: { ar: '21 يومًا بأجر كامل', en: '21 days, fully paid' } },
          { label: { ar: 'تذاكر السفر', en: 'Travel tickets' }, value: { ar: 'تذكرة سنوية ذهابًا وإيابًا (القاهرة – الرياض)', en: 'One return ticket a year (Cairo – Riyadh)' } },
          { label: { ar: 'مكافأة نهاية الخدمة', en: 'End-of-service benefit' }, value: { ar: 'وفق المادة 84 من نظام العمل السعودي', en: 'Per Article 84 of the Saudi Labour Law' } },
          { label: { ar: 'التأمين الطبي', en: 'Medical insurance' }, value: { ar: 'على نفقة صاحب العمل', en: 'Paid by the employer' } },
          { label: { ar: 'تكاليف الاستقدام', en: 'Recruitment costs' }, value: { ar: 'يتحملها صاحب العمل بالكامل؛ لا يدفع العامل أي رسوم', en: 'Borne entirely by the employer; the worker pays no fee' } },
          { label: { ar: 'القانون الحاكم', en: 'Governing law' }, value: { ar: 'نظام العمل في المملكة العربية السعودية', en: 'Labour Law of the Kingdom of Saudi Arabia' } },
        ],
      },
      { heading: { ar: 'بنود العقد', en: 'Terms and conditions' }, clauses: SAMPLE_CLAUSES },
    ],
    signatures: [
      {
        by: {
          ar: 'وزارة الموارد البشرية والتنمية الاجتماعية — المملكة العربية السعودية (عن صاحب العمل)',
          en: 'Ministry of Human Resources and Social Development — Kingdom of Saudi Arabia (for the employer)',
        },
        keyId: 'kZ3x9QmT4rV7bN2wY8cL5pH1sD6fG0jA3eU9iO4tR2E',
        signedAt: '2026-11-18T10:42:07Z',
      },
      {
        by: { ar: 'وزارة العمل — جمهورية مصر العربية (توثيق)', en: 'Ministry of Labour — Arab Republic of Egypt (attestation)' },
        keyId: 'Qp7Lx2Vb9Nc4Mz8Kd1Jf6Hg3Ts5Wr0Ye7Ua2Io9Pl4',
        signedAt: '2026-11-20T09:30:00Z',
      },
    ],
    ...overrides,
  };
}

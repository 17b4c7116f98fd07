import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FieldError } from '@rabt/contracts';
import { fieldError } from '../../../http/errors.ts';
import { freeFee, type Bilingual, type ServiceDefinition } from '../definitions.ts';
import { toArabicDigits } from '@rabt/contracts';

/**
 * Minimum age to register as able and willing to work. Law 14/2025's child-work chapter and the Child
 * Law (12/1996, as amended) forbid employment before 15; this figure is NOT in the project's
 * domain-data reference and must be checked by hand against the law's text.
 */
export const MINIMUM_WORKING_AGE = 15;

const EDUCATION: { value: string; label: Bilingual }[] = [
  { value: 'none', label: { ar: 'بدون تعليم نظامي', en: 'No formal education' } },
  { value: 'primary', label: { ar: 'ابتدائي', en: 'Primary' } },
  { value: 'preparatory', label: { ar: 'إعدادي', en: 'Preparatory' } },
  { value: 'secondary', label: { ar: 'ثانوي عام', en: 'General secondary' } },
  { value: 'technical_secondary', label: { ar: 'ثانوي فني', en: 'Technical secondary' } },
  { value: 'post_secondary', label: { ar: 'فوق المتوسط', en: 'Post-secondary' } },
  { value: 'bachelor', label: { ar: 'بكالوريوس', en: "Bachelor's" } },
  { value: 'master', label: { ar: 'ماجستير', en: "Master's" } },
  { value: 'doctorate', label: { ar: 'دكتوراه', en: 'Doctorate' } },
];

const IMAGES_OR_PDF = ['image/jpeg', 'image/png', 'application/pdf'];

/**
 * Employment registration certificate «كعب العمل» / شهادة قيد — Law 14/2025 Art. 33: anyone able and
 * willing to work registers, free of charge, with the labour office of their place of residence, which
 * records age, profession, qualifications and experience. The registration date is the priority key:
 * employers fill vacancies from registrants in order of registration, and may not hire without the
 * certificate except by registering the worker within 30 days of the start of work.
 */
export const employmentRegistration: ServiceDefinition = {
  code: 'employment_registration',
  referencePrefix: 'ER',
  title: { ar: 'شهادة قيد (كعب العمل)', en: 'Employment registration certificate' },
  description: {
    ar: 'سجّل نفسك لدى مكتب العمل التابع لمحل إقامتك كشخص قادر على العمل وراغب فيه، واحصل على شهادة القيد موقّعة إلكترونيًا. تاريخ قيدك هو أساس أولويتك في التعيين.',
    en: 'Register with the labour office of your place of residence as able and willing to work, and receive a digitally signed registration certificate. Your registration date sets your priority for hiring.',
  },
  legalBasis: { ar: 'المادة ٣٣ من قانون العمل رقم ١٤ لسنة ٢٠٢٥', en: 'Labour Law No. 14 of 2025, Art. 33' },
  applicantKind: 'citizen',
  form: [
    { key: 'isco', type: 'isco', label: { ar: 'المهنة (تصنيف ISCO-08)', en: 'Occupation (ISCO-08)' }, help: { ar: 'ابحث عن مهنتك واختر رمزها المكوّن من ٤ أرقام.', en: 'Search for your occupation and choose its 4-digit code.' }, required: true },
    { key: 'education', type: 'select', label: { ar: 'المؤهل (المستوى التعليمي)', en: 'Qualification (education level)' }, required: true, options: EDUCATION },
    { key: 'qualificationTitle', type: 'text', label: { ar: 'اسم المؤهل أو الشهادة (اختياري)', en: 'Name of the qualification or certificate (optional)' }, required: false, max: 200 },
    { key: 'experienceYears', type: 'number', label: { ar: 'سنوات الخبرة في هذه المهنة', en: 'Years of experience in this occupation' }, required: true, min: 0, max: 60 },
  ],
  documents: [
    { type: 'national_id_copy', label: { ar: 'صورة بطاقة الرقم القومي', en: 'Copy of the national ID card' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * 1024 * 1024, required: true },
    { type: 'photo', label: { ar: 'صورة شخصية حديثة', en: 'Recent personal photo' }, acceptedMimeTypes: ['image/jpeg', 'image/png'], maxBytes: 2 * 1024 * 1024, required: true },
    { type: 'qualification_certificate', label: { ar: 'شهادة المؤهل الدراسي (إن وجدت)', en: 'Qualification certificate (if any)' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * 1024 * 1024, required: false },
  ],
  fee: freeFee({ ar: 'مجانية بحكم القانون (المادة ٣٣).', en: 'Free by law (Art. 33).' }),
  eligibility: [
    {
      key: 'minimum_age',
      label: { ar: `أن يكون عمرك ${toArabicDigits(String(MINIMUM_WORKING_AGE))} سنة على الأقل`, en: `You are at least ${MINIMUM_WORKING_AGE} years old` },
      check: ({ applicant }) =>
        applicant.age >= MINIMUM_WORKING_AGE
          ? { ok: true }
          : {
              ok: false,
              reason: {
                ar: `عمرك ${toArabicDigits(String(applicant.age))} سنة؛ لا يجوز تشغيل من لم يبلغ ${toArabicDigits(String(MINIMUM_WORKING_AGE))} سنة، فلا يمكن قيدك الآن.`,
                en: `You are ${applicant.age}; no one under ${MINIMUM_WORKING_AGE} may be employed, so you cannot register yet.`,
              },
            },
    },
    {
      key: 'not_registered',
      label: { ar: 'ألا يكون لك قيد سارٍ بالفعل', en: 'You do not already hold an active registration' },
      check: async ({ db, applicant }) => {
        const row = await db.selectFrom('employment_registrations').select(['registration_number', 'registered_on']).where('citizen_id', '=', applicant.citizenId).where('status', '=', 'active').executeTakeFirst();
        return row
          ? { ok: false, reason: { ar: `لديك قيد سارٍ برقم ${row.registration_number} منذ ${row.registered_on}؛ الشهادة متاحة في طلباتك.`, en: `You already hold registration ${row.registration_number} since ${row.registered_on}; its certificate is in your applications.` } }
          : { ok: true };
      },
    },
  ],
  routing: 'residence_office',
  steps: [
    { key: 'office_review', title: { ar: 'مراجعة مكتب العمل', en: 'Labour office review' }, level: 'office', roles: ['clerk', 'office_head'], slaHours: 48, optional: false },
    { key: 'directorate_decision', title: { ar: 'قرار المديرية', en: 'Directorate decision' }, level: 'directorate', roles: ['directorate_manager'], slaHours: 72, optional: true },
  ],
  issues: { kind: 'employment_registration', title: { ar: 'شهادة قيد (كعب العمل)', en: 'Employment registration certificate' }, validityMonths: null },
  notes: [
    {
      ar: 'لا يجوز لصاحب العمل تشغيل عامل دون شهادة القيد، إلا أن يقيده لدى مكتب العمل خلال ٣٠ يومًا من تاريخ بدء العمل (المادة ٣٣).',
      en: 'An employer may not hire a worker without this certificate, except by registering the worker with the labour office within 30 days of the start of work (Art. 33).',
    },
    {
      ar: 'يلتزم أصحاب الأعمال بشغل الوظائف من المقيدين بحسب أسبقية تاريخ القيد.',
      en: 'Employers fill vacancies from registrants in order of their registration date.',
    },
  ],

  async validate({ db }, answers): Promise<FieldError[]> {
    const isco = typeof answers.isco === 'string' ? answers.isco : '';
    const row = await db.selectFrom('occupations').select('code').where('code', '=', isco).where('level', '=', 4).executeTakeFirst();
    return row ? [] : [fieldError('/answers/isco', 'isco_unknown')];
  },

  async prepareIssue(trx, ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    const office = await trx.selectFrom('offices').select(['id', 'code', 'name_ar', 'name_en']).where('id', '=', ctx.officeId ?? '').executeTakeFirstOrThrow();
    const occupation = await trx.selectFrom('occupations').select(['code', 'title_ar', 'title_en']).where('code', '=', String(ctx.answers.isco)).executeTakeFirstOrThrow();
    const { serial } = await sql<{ serial: string }>`SELECT nextval('employment_registration_serial')::text AS serial`.execute(trx).then((r) => r.rows[0]!);
    const number = `${office.code}-${today.slice(0, 4)}-${serial.padStart(6, '0')}`;
    const education = EDUCATION.find((e) => e.value === ctx.answers.education)!;
    const experience = Number(ctx.answers.experienceYears);
    const registrationId = randomUUID();
    await trx
      .insertInto('employment_registrations')
      .values({
        id: registrationId,
        registration_number: number,
        citizen_id: ctx.applicant.citizenId,
        office_id: office.id,
        application_id: ctx.applicationId,
        registered_on: today,
        isco: occupation.code,
        education: education.value,
        experience_years: experience,
        age_at_registration: ctx.applicant.age,
        created_at: ctx.now,
      })
      .execute();
    const same = (s: string) => ({ ar: s, en: s });
    return {
      fields: [
        { key: 'holder', label: { ar: 'الاسم', en: 'Name' }, value: { ar: ctx.applicant.nameAr, en: ctx.applicant.nameLatin } },
        { key: 'registration_number', label: { ar: 'رقم القيد', en: 'Registration number' }, value: same(number) },
        { key: 'registered_on', label: { ar: 'تاريخ القيد (أساس الأولوية)', en: 'Registration date (priority key)' }, value: same(today) },
        { key: 'office', label: { ar: 'مكتب العمل', en: 'Labour office' }, value: { ar: office.name_ar, en: office.name_en } },
        { key: 'occupation', label: { ar: 'المهنة', en: 'Occupation' }, value: { ar: `${occupation.title_ar} (${toArabicDigits(occupation.code)})`, en: `${occupation.title_en} (ISCO-08 ${occupation.code})` } },
        { key: 'education', label: { ar: 'المؤهل', en: 'Qualification' }, value: education.label },
        { key: 'experience', label: { ar: 'سنوات الخبرة', en: 'Years of experience' }, value: { ar: toArabicDigits(String(experience)), en: String(experience) } },
        { key: 'age', label: { ar: 'السن عند القيد', en: 'Age at registration' }, value: { ar: toArabicDigits(String(ctx.applicant.age)), en: String(ctx.applicant.age) } },
      ],
      payload: {
        service: 'employment_registration',
        law: 'EG Law 14/2025 Art. 33',
        registrationNumber: number,
        registeredOn: today,
        office: { code: office.code, nameAr: office.name_ar, nameEn: office.name_en },
        holder: { nameAr: ctx.applicant.nameAr, nameLatin: ctx.applicant.nameLatin, birthDate: ctx.applicant.birthDate },
        ageAtRegistration: ctx.applicant.age,
        isco: occupation.code,
        education: education.value,
        qualificationTitle: ctx.answers.qualificationTitle ?? null,
        experienceYears: experience,
        applicationReference: ctx.reference,
      },
      async afterIssue(t, code) {
        await t.updateTable('employment_registrations').set({ document_code: code }).where('id', '=', registrationId).execute();
      },
    };
  },
};

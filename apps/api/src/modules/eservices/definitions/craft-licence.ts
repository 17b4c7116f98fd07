import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../../http/errors.ts';
import { addMonths, type ServiceDefinition } from '../definitions.ts';
import { CRAFTS, FEES, GRADE_TITLES, type SkillLevelCode } from '../service-config.ts';
import { EXEMPTIONS, EXEMPTION_DOCUMENTS, IMAGES_OR_PDF, NATIONAL_ID_COPY, PHOTO, occupationTitle, quote, same, toArabicDigits } from './shared.ts';
import { dateText } from '../../../platform/pdf/dates.ts';
import { standingCertificate } from './skill-certificate.ts';

const craftLabel = (isco: string) => {
  const c = CRAFTS.crafts.find((x) => x.isco === isco);
  return c ? { ar: `${c.ar} (${toArabicDigits(isco)})`, en: `${c.en} (ISCO-08 ${isco})` } : same(isco);
};
const years = CRAFTS.validityMonths / 12;

/**
 * Craft-practice licence, ترخيص مزاولة حرفة — Law 14/2025 Art. 27: crafts listed by decree (configured in
 * data/eservices/crafts.json as ISCO-08 unit groups) may be practised only with a licence, and no one may
 * be employed in a listed craft without it. The applicant must hold a valid (not revoked, not superseded)
 * skill-level certificate in that craft: refused at eligibility otherwise. Filed at the labour office of
 * residence and decided by the directorate (earlier practice: application to the directorate of the
 * residence on the national ID). Fee up to EGP 500 from the configured table; exemptions for persons
 * with disabilities and families of martyrs. Validity configured (default 5 years).
 */
export const craftLicence: ServiceDefinition = {
  code: 'craft_licence',
  referencePrefix: 'CL',
  title: { ar: 'ترخيص مزاولة حرفة', en: 'Craft-practice licence' },
  description: {
    ar: 'ترخيص لمزاولة إحدى الحرف المحددة بقرار وزاري، ويشترط أن تكون حاصلًا على شهادة قياس مستوى مهارة سارية في الحرفة نفسها.',
    en: 'A licence to practise one of the crafts listed by ministerial decree; you must hold a valid skill-level certificate in that craft.',
  },
  legalBasis: { ar: 'المادة ٢٧ من قانون العمل رقم ١٤ لسنة ٢٠٢٥', en: 'Labour Law No. 14 of 2025, Art. 27' },
  applicantKind: 'citizen',
  form: [
    {
      key: 'craft',
      type: 'select',
      label: { ar: 'الحرفة', en: 'Craft' },
      help: { ar: 'الحرف المدرجة بقرار وزاري.', en: 'The crafts listed by ministerial decree.' },
      required: true,
      options: CRAFTS.crafts.map((c) => ({ value: c.isco, label: { ar: c.ar, en: c.en } })),
    },
  ],
  documents: [
    NATIONAL_ID_COPY,
    PHOTO,
    { type: 'qualification_or_literacy', label: { ar: 'شهادة المؤهل أو محو الأمية (وإلا يُجرى اختبار قراءة وكتابة)', en: 'Qualification or literacy certificate (otherwise a reading and writing test)' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * 1024 * 1024, required: false },
    { type: 'union_membership', label: { ar: 'عضوية النقابة', en: 'Union membership' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * 1024 * 1024, required: false },
    ...EXEMPTION_DOCUMENTS,
  ],
  fee: {
    text: {
      ar: `${toArabicDigits(String(FEES.craft_licence.amountsEgp.licence))} جنيه (الحد الأقصى ${toArabicDigits('500')} جنيه، المادة ٢٧). يُعفى الأشخاص ذوو الإعاقة وأسر الشهداء.`,
      en: `EGP ${FEES.craft_licence.amountsEgp.licence} (at most EGP 500, Art. 27). Persons with disabilities and families of martyrs are exempt.`,
    },
    exemptions: EXEMPTIONS,
    compute: ({ exemption }) => quote(FEES.craft_licence.amountsEgp.licence, exemption, { ar: 'رسم الترخيص', en: 'Licence fee' }),
  },
  eligibility: [
    {
      key: 'skill_certificate_in_craft',
      label: { ar: 'أن تحمل شهادة قياس مستوى مهارة سارية في الحرفة نفسها', en: 'You hold a valid skill-level certificate in the same craft' },
      async check({ db, applicant, answers }) {
        const crafts = typeof answers?.craft === 'string' ? [answers.craft] : CRAFTS.crafts.map((c) => c.isco);
        for (const isco of crafts) if (await standingCertificate(db, applicant.citizenId, isco)) return { ok: true };
        const which = crafts.length === 1 ? craftLabel(crafts[0]!) : { ar: 'أيٍّ من الحرف المدرجة', en: 'any listed craft' };
        return {
          ok: false,
          reason: {
            ar: `لا توجد لديك شهادة قياس مستوى مهارة سارية في ${which.ar}. تقدّم أولًا بطلب شهادة قياس مستوى المهارة في هذه الحرفة.`,
            en: `You hold no valid skill-level certificate in ${which.en}. Apply first for a skill-level certificate in this craft.`,
          },
        };
      },
    },
    {
      key: 'no_valid_licence',
      label: { ar: 'ألا يكون لديك ترخيص ساري في الحرفة نفسها', en: 'You do not already hold a valid licence for the craft' },
      async check({ db, applicant, answers, today }) {
        if (typeof answers?.craft !== 'string') return { ok: true };
        const row = await db
          .selectFrom('craft_licences as l')
          .innerJoin('issued_documents as d', 'd.code', 'l.document_code')
          .select(['l.licence_number', 'l.valid_until'])
          .where('l.citizen_id', '=', applicant.citizenId)
          .where('l.isco', '=', answers.craft)
          .where('l.valid_until', '>=', today)
          .where('d.status', '=', 'genuine')
          .executeTakeFirst();
        return row ? { ok: false, reason: { ar: `لديك الترخيص ${row.licence_number} ساريًا حتى ${toArabicDigits(row.valid_until)}.`, en: `You hold licence ${row.licence_number}, valid until ${row.valid_until}.` } } : { ok: true };
      },
    },
  ],
  routing: 'residence_office',
  steps: [
    { key: 'office_review', title: { ar: 'مراجعة مكتب العمل', en: 'Labour office review' }, level: 'office', roles: ['clerk', 'office_head'], slaHours: 48, optional: false },
    { key: 'directorate_decision', title: { ar: 'قرار المديرية', en: 'Directorate decision' }, level: 'directorate', roles: ['directorate_manager'], slaHours: 72, optional: false },
  ],
  issues: { kind: 'craft_licence', title: { ar: 'ترخيص مزاولة حرفة', en: 'Craft-practice licence' }, validityMonths: CRAFTS.validityMonths },
  notes: [
    { ar: 'لا يجوز تشغيل أي شخص في حرفة مدرجة دون هذا الترخيص (المادة ٢٧).', en: 'No one may be employed in a listed craft without this licence (Art. 27).' },
    { ar: `مدة الترخيص ${toArabicDigits(String(years))} سنوات.`, en: `The licence is valid for ${years} years.` },
  ],

  async prepareIssue(trx, ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    const isco = String(ctx.answers.craft);
    // Checked again at the decision: the certificate may have been revoked since the application.
    const cert = await standingCertificate(trx, ctx.applicant.citizenId, isco);
    if (!cert) throw new AppError('service_not_eligible', { detail: `The applicant no longer holds a valid skill-level certificate in ISCO-08 ${isco}.` });
    const office = await trx.selectFrom('offices').select(['code', 'directorate_code']).where('id', '=', ctx.officeId ?? '').executeTakeFirstOrThrow();
    const { serial } = await sql<{ serial: string }>`SELECT nextval('craft_licence_serial')::text AS serial`.execute(trx).then((r) => r.rows[0]!);
    const number = `CL-${office.directorate_code}-${today.slice(0, 4)}-${serial.padStart(6, '0')}`;
    const validUntil = addMonths(today, CRAFTS.validityMonths);
    const id = randomUUID();
    await trx.insertInto('craft_licences').values({ id, licence_number: number, citizen_id: ctx.applicant.citizenId, application_id: ctx.applicationId, isco, skill_certificate_code: cert.verification_code!, valid_from: today, valid_until: validUntil, document_code: null, created_at: ctx.now }).execute();
    const level = GRADE_TITLES[cert.level as SkillLevelCode];
    return {
      fields: [
        { key: 'holder', label: { ar: 'الاسم', en: 'Name' }, value: { ar: ctx.applicant.nameAr, en: ctx.applicant.nameLatin } },
        { key: 'licence_number', label: { ar: 'رقم الترخيص', en: 'Licence number' }, value: same(number) },
        { key: 'craft', label: { ar: 'الحرفة', en: 'Craft' }, value: await occupationTitle({ db: trx }, isco) },
        { key: 'skill_certificate', label: { ar: 'شهادة قياس المهارة', en: 'Skill-level certificate' }, value: { ar: `${cert.verification_code} (${level.ar})`, en: `${cert.verification_code} (${level.en})` } },
        { key: 'valid_from', label: { ar: 'صالح من', en: 'Valid from' }, value: dateText(today) },
      ],
      payload: {
        service: 'craft_licence',
        law: 'EG Law 14/2025 Art. 27',
        licenceNumber: number,
        holder: { nameAr: ctx.applicant.nameAr, nameLatin: ctx.applicant.nameLatin, birthDate: ctx.applicant.birthDate },
        isco,
        skillCertificate: cert.verification_code,
        validFrom: today,
        validUntil,
        applicationReference: ctx.reference,
      },
      validUntil,
      async afterIssue(t, code) {
        await t.updateTable('craft_licences').set({ document_code: code }).where('id', '=', id).execute();
      },
    };
  },
};

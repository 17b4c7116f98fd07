import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { FieldError } from '@rabt/contracts';
import { AppError, fieldError } from '../../../http/errors.ts';
import type { DB } from '../../../platform/db/schema.ts';
import type { ServiceDefinition } from '../definitions.ts';
import { FEES, GRADE_TITLES, SKILL_GRADES, gradeRank, type SkillLevelCode } from '../service-config.ts';
import { MINIMUM_WORKING_AGE } from './employment-registration.ts';
import { EXEMPTIONS, EXEMPTION_DOCUMENTS, IMAGES_OR_PDF, NATIONAL_ID_COPY, PHOTO, checkIsco, digits, occupationTitle, quote, same, toArabicDigits } from './shared.ts';
import { dateText } from '../../../platform/pdf/dates.ts';
import { cairoStartReached } from '../../../platform/clock.ts';

type Db = Kysely<DB> | Transaction<DB>;
/** Applications whose booking no longer holds a seat. */
const RELEASED = ['withdrawn', 'rejected'] as const;

/**
 * The citizen's standing skill-level certificate in an occupation: the live worker_certificates row
 * written by e-services (not revoked) whose signed document is still genuine. Undefined when none.
 */
export function standingCertificate(db: Db, citizenId: string, isco: string) {
  return db
    .selectFrom('worker_certificates as w')
    .innerJoin('issued_documents as d', 'd.code', 'w.verification_code')
    .select(['w.id', 'w.level', 'w.verification_code', 'w.issued_at', 'w.source_ref'])
    .where('w.citizen_id', '=', citizenId)
    .where('w.kind', '=', 'skill_level')
    .where('w.isco', '=', isco)
    .where('w.source', '=', 'eservices')
    .where('w.revoked_at', 'is', null)
    .where('d.status', '=', 'genuine')
    .orderBy('w.issued_at', 'desc')
    .executeTakeFirst();
}

/** Seats taken in a session: bookings of applications that are not withdrawn or rejected. */
export async function seatsTaken(db: Db, sessionId: string): Promise<number> {
  const r = await db
    .selectFrom('skill_test_bookings as b')
    .innerJoin('service_applications as a', 'a.id', 'b.application_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('b.session_id', '=', sessionId)
    .where('a.status', 'not in', [...RELEASED])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const TOP = SKILL_GRADES[SKILL_GRADES.length - 1]!.level;

/**
 * Skill-level measurement certificate, شهادة قياس مستوى المهارة — Law 14/2025 Art. 27 and Ministerial
 * Decree 266/2025: the applicant books a test session at a testing centre; an examiner (the office head
 * of the application's labour office) enters the theoretical and practical results; the grade follows
 * from the configured thresholds (data/eservices/skill-grades.json). A retest in the same occupation is
 * allowed to improve the grade: the better grade stands. Fee up to EGP 500 from the configured table,
 * waived for persons with disabilities and families of martyrs. The certificate becomes verified
 * evidence (worker_certificates, kind skill_level) in the worker's overseas profile.
 */
export const skillCertificate: ServiceDefinition = {
  code: 'skill_certificate',
  referencePrefix: 'SK',
  title: { ar: 'شهادة قياس مستوى المهارة', en: 'Skill-level certificate' },
  description: {
    ar: 'احجز موعد اختبار في أحد مراكز القياس، وأدِّ الاختبارين النظري والعملي، واحصل على شهادة موقّعة إلكترونيًا بمستواك المهاري (من عامل مساعد إلى فني متخصص). يمكنك إعادة الاختبار لتحسين مستواك.',
    en: 'Book a test at a testing centre, sit the theoretical and practical tests, and receive a digitally signed certificate of your skill level (assistant worker to specialised technician). You may retest to improve your grade.',
  },
  legalBasis: { ar: 'المادة ٢٧ من قانون العمل رقم ١٤ لسنة ٢٠٢٥ وقرار وزير العمل رقم ٢٦٦ لسنة ٢٠٢٥', en: 'Labour Law No. 14 of 2025, Art. 27; Ministerial Decree 266/2025' },
  applicantKind: 'citizen',
  form: [
    { key: 'isco', type: 'isco', label: { ar: 'المهنة المطلوب قياس المهارة فيها (ISCO-08)', en: 'Occupation to be tested (ISCO-08)' }, help: { ar: 'ابحث عن مهنتك واختر رمزها المكوّن من ٤ أرقام.', en: 'Search for your occupation and choose its 4-digit code.' }, required: true },
    { key: 'sessionId', type: 'test_session', label: { ar: 'موعد الاختبار ومركز القياس', en: 'Test date and testing centre' }, help: { ar: 'تظهر المواعيد التي بها مقاعد متاحة لهذه المهنة.', en: 'Sessions with seats left for this occupation are shown.' }, required: true },
    { key: 'experienceYears', type: 'number', label: { ar: 'سنوات الخبرة في هذه المهنة', en: 'Years of experience in this occupation' }, help: { ar: 'تُعتمد الخبرة المكتسبة بالممارسة أو التعلّم غير الرسمي.', en: 'Experience gained through practice or informal learning counts.' }, required: false, min: 0, max: 60 },
  ],
  documents: [
    NATIONAL_ID_COPY,
    PHOTO,
    { type: 'qualification_certificate', label: { ar: 'شهادة المؤهل أو التدريب (إن وجدت)', en: 'Qualification or training certificate (if any)' }, acceptedMimeTypes: IMAGES_OR_PDF, maxBytes: 5 * 1024 * 1024, required: false },
    ...EXEMPTION_DOCUMENTS,
  ],
  fee: {
    text: {
      ar: `حتى ${toArabicDigits('500')} جنيه (المادة ٢٧): الاختبار ${toArabicDigits(String(FEES.skill_certificate.amountsEgp.test))} جنيه، وإعادة الاختبار ${toArabicDigits(String(FEES.skill_certificate.amountsEgp.retest))} جنيه. يُعفى الأشخاص ذوو الإعاقة وأسر الشهداء.`,
      en: `Up to EGP 500 (Art. 27): test EGP ${FEES.skill_certificate.amountsEgp.test}, retest EGP ${FEES.skill_certificate.amountsEgp.retest}. Persons with disabilities and families of martyrs are exempt.`,
    },
    exemptions: EXEMPTIONS,
    async compute({ answers, applicant, exemption, db }) {
      const retest = typeof answers.isco === 'string' && (await standingCertificate(db, applicant.citizenId, answers.isco)) !== undefined;
      const amount = retest ? FEES.skill_certificate.amountsEgp.retest : FEES.skill_certificate.amountsEgp.test;
      return quote(amount, exemption, retest ? { ar: 'رسم إعادة الاختبار', en: 'Retest fee' } : { ar: 'رسم الاختبار', en: 'Test fee' });
    },
  },
  eligibility: [
    {
      key: 'minimum_age',
      label: { ar: `أن يكون عمرك ${toArabicDigits(String(MINIMUM_WORKING_AGE))} سنة على الأقل`, en: `You are at least ${MINIMUM_WORKING_AGE} years old` },
      check: ({ applicant }) =>
        applicant.age >= MINIMUM_WORKING_AGE
          ? { ok: true }
          : { ok: false, reason: { ar: `عمرك ${toArabicDigits(String(applicant.age))} سنة؛ الحد الأدنى ${toArabicDigits(String(MINIMUM_WORKING_AGE))} سنة.`, en: `You are ${applicant.age}; the minimum is ${MINIMUM_WORKING_AGE}.` } },
    },
    {
      key: 'retest_can_improve',
      label: { ar: 'إعادة الاختبار مسموحة لتحسين المستوى ما لم تكن حاصلًا على أعلى مستوى في المهنة', en: 'A retest is allowed to improve your grade unless you already hold the top grade in the occupation' },
      async check({ db, applicant, answers }) {
        if (typeof answers?.isco !== 'string') return { ok: true };
        const cert = await standingCertificate(db, applicant.citizenId, answers.isco);
        if (cert?.level !== TOP) return { ok: true };
        const t = GRADE_TITLES[TOP];
        return { ok: false, reason: { ar: `لديك بالفعل أعلى مستوى (${t.ar}) في هذه المهنة بالشهادة ${cert.verification_code}؛ لا يمكن تحسينه.`, en: `You already hold the top grade (${t.en}) in this occupation (certificate ${cert.verification_code}); it cannot be improved.` } };
      },
    },
  ],
  routing: 'residence_office',
  steps: [
    { key: 'office_review', title: { ar: 'مراجعة المستندات والإعفاء بمكتب العمل', en: 'Labour office review of documents and exemption' }, level: 'office', roles: ['clerk', 'office_head'], slaHours: 48, optional: false },
    { key: 'examination', title: { ar: 'الاختبار وتسجيل النتائج (الممتحن)', en: 'Test and results (examiner)' }, level: 'office', roles: ['office_head'], slaHours: 240, optional: false },
  ],
  issues: { kind: 'skill_certificate', title: { ar: 'شهادة قياس مستوى المهارة', en: 'Skill-level certificate' }, validityMonths: null },
  notes: [
    { ar: 'يتكون القياس من اختبار نظري واختبار عملي، ويُحدَّد المستوى من درجتيهما وفق الحدود المعلنة.', en: 'The measurement has a theoretical and a practical test; the grade follows from both scores by the published thresholds.' },
    { ar: 'يجوز إعادة الاختبار لتحسين المستوى، ويُعتد بالمستوى الأعلى.', en: 'You may retest to improve your grade; the better grade stands.' },
    { ar: 'تظهر الشهادة دليلًا موثّقًا في ملفك للعمل بالخارج.', en: 'The certificate appears as verified evidence in your overseas-employment profile.' },
  ],

  async validate(ctx, answers): Promise<FieldError[]> {
    const errors = await checkIsco(ctx, 'isco', answers.isco);
    const session = await ctx.db.selectFrom('skill_test_sessions as s').innerJoin('skill_testing_centres as c', 'c.id', 's.centre_id').select(['s.session_date', 's.isco_codes', 'c.active']).where('s.id', '=', String(answers.sessionId)).executeTakeFirst();
    // A session at a closed centre, or not testing this occupation, cannot be booked. A session that has
    // started is refused when booking (onCreate, 409 `skill_session_started`): corrected answers to an
    // information request after the test keep their (already booked) session.
    if (!session || !session.active || !session.isco_codes.includes(String(answers.isco))) errors.push(fieldError('/answers/sessionId', 'invalid_value'));
    return errors;
  },

  /**
   * Books the seat: the session row is locked (FOR UPDATE), so two applicants never take the last seat together.
   * Only a session whose start (session_date + start_time, Africa/Cairo) is still ahead of `now` is booked.
   * 409 `skill_session_started`, 409 `skill_session_full`.
   */
  async onCreate(trx, { applicationId, answers, now }) {
    const sessionId = String(answers.sessionId);
    const session = await trx.selectFrom('skill_test_sessions').select(['id', 'capacity', 'session_date', 'start_time']).where('id', '=', sessionId).forUpdate().executeTakeFirstOrThrow();
    if (cairoStartReached(session.session_date, session.start_time, now)) throw new AppError('skill_session_started');
    if ((await seatsTaken(trx, sessionId)) >= session.capacity) throw new AppError('skill_session_full');
    await trx.insertInto('skill_test_bookings').values({ application_id: applicationId, session_id: sessionId, isco: String(answers.isco), theoretical_score: null, practical_score: null, grade: null, examiner_staff_id: null, results_at: null, created_at: now }).execute();
  },

  async prepareIssue(trx, ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    const booking = await trx
      .selectFrom('skill_test_bookings as b')
      .innerJoin('skill_test_sessions as s', 's.id', 'b.session_id')
      .innerJoin('skill_testing_centres as c', 'c.id', 's.centre_id')
      .select(['b.isco', 'b.theoretical_score', 'b.practical_score', 'b.grade', 's.session_date', 'c.code as centre_code', 'c.name_ar as centre_ar', 'c.name_en as centre_en'])
      .where('b.application_id', '=', ctx.applicationId)
      .executeTakeFirst();
    if (!booking || booking.theoretical_score === null || booking.practical_score === null) throw new AppError('skill_results_missing');
    if (booking.grade === null) throw new AppError('skill_test_not_passed');
    const previous = await standingCertificate(trx, ctx.applicant.citizenId, booking.isco);
    const previousLevel: SkillLevelCode | null = previous?.level ?? null;
    // Retest: the better grade stands (Decree 266/2025).
    const standing: SkillLevelCode = gradeRank(previousLevel) > gradeRank(booking.grade) ? previousLevel! : booking.grade;
    const occupation = await occupationTitle({ db: trx }, booking.isco);
    const { serial } = await sql<{ serial: string }>`SELECT nextval('service_application_serial')::text AS serial`.execute(trx).then((r) => r.rows[0]!);
    const number = `SKC-${today.slice(0, 4)}-${serial.padStart(6, '0')}`;
    const title = GRADE_TITLES[standing];
    return {
      fields: [
        { key: 'holder', label: { ar: 'الاسم', en: 'Name' }, value: { ar: ctx.applicant.nameAr, en: ctx.applicant.nameLatin } },
        { key: 'certificate_number', label: { ar: 'رقم الشهادة', en: 'Certificate number' }, value: same(number) },
        { key: 'occupation', label: { ar: 'المهنة', en: 'Occupation' }, value: occupation },
        { key: 'grade', label: { ar: 'المستوى المهاري', en: 'Skill level' }, value: title },
        { key: 'theoretical', label: { ar: 'درجة الاختبار النظري', en: 'Theoretical score' }, value: digits(`${booking.theoretical_score}/100`) },
        { key: 'practical', label: { ar: 'درجة الاختبار العملي', en: 'Practical score' }, value: digits(`${booking.practical_score}/100`) },
        { key: 'test', label: { ar: 'مركز القياس وتاريخ الاختبار', en: 'Testing centre and date' }, value: { ar: `${booking.centre_ar} — ${dateText(booking.session_date).ar}`, en: `${booking.centre_en} — ${dateText(booking.session_date).en}` } },
        ...(previous ? [{ key: 'retest', label: { ar: 'إعادة اختبار', en: 'Retest' }, value: { ar: `مستوى هذا الاختبار: ${GRADE_TITLES[booking.grade].ar}؛ يُعتد بالمستوى الأعلى`, en: `Grade in this test: ${GRADE_TITLES[booking.grade].en}; the better grade stands` } }] : []),
      ],
      payload: {
        service: 'skill_certificate',
        law: 'EG Law 14/2025 Art. 27; Decree 266/2025',
        certificateNumber: number,
        holder: { nameAr: ctx.applicant.nameAr, nameLatin: ctx.applicant.nameLatin, birthDate: ctx.applicant.birthDate },
        isco: booking.isco,
        level: standing,
        levelThisTest: booking.grade,
        scores: { theoretical: booking.theoretical_score, practical: booking.practical_score },
        test: { centre: booking.centre_code, date: booking.session_date },
        retestOf: previous?.verification_code ?? null,
        applicationReference: ctx.reference,
      },
      async afterIssue(t, code) {
        // The worker's profile shows one live skill certificate per occupation: the latest, carrying the standing grade.
        if (previous) await t.updateTable('worker_certificates').set({ revoked_at: ctx.now }).where('id', '=', previous.id).execute();
        await t
          .insertInto('worker_certificates')
          .values({ id: randomUUID(), citizen_id: ctx.applicant.citizenId, kind: 'skill_level', isco: booking.isco, level: standing, title_ar: `شهادة قياس مستوى المهارة: ${title.ar}`, title_en: `Skill-level certificate: ${title.en}`, issued_at: today, verification_code: code, source: 'eservices', source_ref: ctx.applicationId, revoked_at: null, created_at: ctx.now })
          .execute();
      },
    };
  },
};

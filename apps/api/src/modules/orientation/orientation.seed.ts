/**
 * Seeds the pre-departure orientation courses on the Egyptian node at every start (idempotent): one course per
 * destination that has a contract template and a data file (orientation.data.ts). A course is owned by the HQ
 * training department (its own training-centre row) and goes through the module's states in one transaction —
 * draft, submitted, then published with an approver on record, as the courses_published_approved constraint
 * requires — each step audited as a system action. The approver is a disabled, sign-in-less `training_hq`
 * account that stands for the ministry's reviewed content (it holds no usable password and cannot sign in).
 * When the content (data files or contract template) changes, a new course is seeded and the previous one is
 * retired: published courses are never edited, so a completion always points at the content that was studied.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { v5 as uuidv5 } from 'uuid';
import { appendAudit } from '../../platform/audit/audit.ts';
import { DUMMY_HASH } from '../../platform/auth/passwords.ts';
import type { DB } from '../../platform/db/schema.ts';
import { contractTemplates } from '../contracts/contract-rules.ts';
import { questionSpec } from '../elearning/elearning.service.ts';
import { newTotpSecret } from '../staff/totp.ts';
import { buildOrientation, orientationCountries, type BuiltOrientation } from './orientation.data.ts';

const NAMESPACE = '3f0b8a52-7c1e-4d0e-9a55-6f7269656e74';

/** The HQ training department as the owner of ministry-wide courses (not a demo centre: it is the ministry itself). */
export const HQ_TRAINING_CENTRE = {
  id: uuidv5('training-centre:MOL-HQ-TRAINING', NAMESPACE),
  code: 'MOL-HQ-TRAINING',
  nameAr: 'وزارة العمل – الإدارة المركزية للتدريب (الديوان العام)',
  nameEn: 'Ministry of Labour – HQ Training Department',
  governorate: '01',
} as const;

/** The content account: role training_hq, disabled from creation, password unknown to anyone. */
export const ORIENTATION_CONTENT_STAFF = {
  id: uuidv5('staff:orientation-content', NAMESPACE),
  email: 'orientation.content@system.rabt.local',
  nameAr: 'محتوى التوجيه قبل السفر (حساب نظام لا يسجّل الدخول)',
  nameEn: 'Pre-departure orientation content (system account, no sign-in)',
} as const;

async function ensureOwner(db: Kysely<DB>, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const centre = await trx
      .insertInto('training_centres')
      .values({ id: HQ_TRAINING_CENTRE.id, code: HQ_TRAINING_CENTRE.code, name_ar: HQ_TRAINING_CENTRE.nameAr, name_en: HQ_TRAINING_CENTRE.nameEn, governorate_code: HQ_TRAINING_CENTRE.governorate, demo: false, created_at: now })
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    if (Number(centre.numInsertedOrUpdatedRows ?? 0n) === 1) {
      await appendAudit(trx, { kind: 'system' }, { action: 'training_centre.created', subjectType: 'training_centre', subjectId: HQ_TRAINING_CENTRE.id, details: { code: HQ_TRAINING_CENTRE.code, purpose: 'pre-departure orientation' } }, now);
    }
    const staff = await trx
      .insertInto('staff')
      .values({
        id: ORIENTATION_CONTENT_STAFF.id,
        email: ORIENTATION_CONTENT_STAFF.email,
        name_ar: ORIENTATION_CONTENT_STAFF.nameAr,
        name_en: ORIENTATION_CONTENT_STAFF.nameEn,
        role: 'training_hq',
        office_id: null,
        directorate_code: null,
        training_centre_id: null,
        password_hash: DUMMY_HASH,
        totp_secret: newTotpSecret(),
        created_at: now,
        updated_at: now,
        disabled_at: now,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    if (Number(staff.numInsertedOrUpdatedRows ?? 0n) === 1) {
      await appendAudit(trx, { kind: 'system' }, { action: 'staff.created', subjectType: 'staff', subjectId: ORIENTATION_CONTENT_STAFF.id, details: { role: 'training_hq', system: true, disabled: true, purpose: 'pre-departure orientation content' } }, now);
    }
  });
}

async function insertCourse(trx: Transaction<DB>, b: BuiltOrientation, courseId: string, now: Date): Promise<void> {
  const by = ORIENTATION_CONTENT_STAFF.id;
  const system = { kind: 'system' } as const;
  const audit = { contentVersion: b.contentVersion, sha256: b.sha256, data: `data/elearning/orientation/{common,${b.country}}.json` };
  await trx
    .insertInto('courses')
    .values({
      id: courseId,
      centre_id: HQ_TRAINING_CENTRE.id,
      title_ar: b.title.ar,
      title_en: b.title.en,
      description_ar: b.description.ar,
      description_en: b.description.en,
      isco: null,
      orientation_country: b.country,
      skill_level: null,
      status: 'draft',
      return_reason: null,
      quiz_question_count: b.quiz.questionCount,
      quiz_time_limit_seconds: b.quiz.timeLimitSeconds,
      quiz_max_attempts: b.quiz.maxAttempts,
      quiz_pass_percent: b.quiz.passPercent,
      created_by: by,
      submitted_by: null,
      submitted_at: null,
      approved_by: null,
      published_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const modules = b.modules.map((m, i) => ({ id: randomUUID(), course_id: courseId, position: i + 1, title_ar: m.title.ar, title_en: m.title.en }));
  await trx.insertInto('course_modules').values(modules).execute();
  await trx
    .insertInto('lessons')
    .values(
      b.modules.flatMap((m, mi) =>
        m.lessons.map((l, li) => ({ id: randomUUID(), course_id: courseId, module_id: modules[mi]!.id, position: li + 1, title_ar: l.title.ar, title_en: l.title.en, body_ar: l.body.ar, body_en: l.body.en, video_url: null, file_id: null })),
      ),
    )
    .execute();
  // Questions go through the module's own conversion (option ids o1…, pairs p1…); created_at keeps the file's order.
  await trx
    .insertInto('quiz_questions')
    .values(b.questions.map((q, i) => ({ id: randomUUID(), course_id: courseId, type: q.type, prompt_ar: q.promptAr, prompt_en: q.promptEn, spec: JSON.stringify(questionSpec(q)), created_at: new Date(now.getTime() + i) })))
    .execute();
  await appendAudit(trx, system, { action: 'course.created', subjectType: 'course', subjectId: courseId, details: { orientation: b.country, ...audit } }, now);
  await trx.updateTable('courses').set({ status: 'submitted', submitted_by: by, submitted_at: now }).where('id', '=', courseId).execute();
  await appendAudit(trx, system, { action: 'course.submitted', subjectType: 'course', subjectId: courseId, details: { from: 'draft', orientation: b.country } }, now);
  await trx.updateTable('courses').set({ status: 'published', approved_by: by, published_at: now }).where('id', '=', courseId).execute();
  await appendAudit(trx, system, { action: 'course.approved', subjectType: 'course', subjectId: courseId, details: { orientation: b.country, approvedAs: 'HQ training department (seeded content)', ...audit } }, now);
}

/**
 * Seeds (or re-seeds after a content change) every destination's orientation course. Returns the countries
 * whose course was created this time. Several nodes starting on one database are serialised by an advisory
 * lock; the partial unique index orientation_courses_current keeps one current course per country regardless.
 */
export async function seedOrientationCourses(db: Kysely<DB>, now: Date): Promise<string[]> {
  const templates = contractTemplates();
  const countries = orientationCountries(templates);
  if (countries.length === 0) return [];
  await ensureOwner(db, now);
  const units = new Map((await db.selectFrom('countries').select(['currency', 'currency_minor_units']).execute()).map((c) => [c.currency, c.currency_minor_units]));
  const created: string[] = [];
  for (const country of countries) {
    const built = buildOrientation(country, units.get(templates.countries[country]!.minimumWage.currency) ?? 2, templates);
    const current = await db.selectFrom('orientation_courses').select('content_sha256').where('country', '=', country).where('retired_at', 'is', null).executeTakeFirst();
    if (current?.content_sha256 === built.sha256) continue;
    const didCreate = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('rabt:orientation-seed'))`.execute(trx);
      const live = await trx.selectFrom('orientation_courses').select(['course_id', 'content_sha256']).where('country', '=', country).where('retired_at', 'is', null).forUpdate().executeTakeFirst();
      if (live?.content_sha256 === built.sha256) return false;
      const courseId = randomUUID();
      await insertCourse(trx, built, courseId, now);
      if (live) {
        await trx.updateTable('orientation_courses').set({ retired_at: now }).where('course_id', '=', live.course_id).execute();
        await appendAudit(trx, { kind: 'system' }, { action: 'orientation.course_retired', subjectType: 'course', subjectId: live.course_id, details: { country, replacedBy: courseId } }, now);
      }
      await trx.insertInto('orientation_courses').values({ course_id: courseId, country, content_version: built.contentVersion, content_sha256: built.sha256, seeded_at: now, retired_at: null }).execute();
      return true;
    });
    if (didCreate) created.push(country);
  }
  return created;
}

/**
 * Enrolment by a training centre (issue 6 §2: "trainees enrol themselves or are enrolled by a centre").
 * The centre manager enrols a trainee into a published course of their own centre by the trainee's
 * account identifier — the mobile number they registered with, or the email on their account — sent in
 * the request body (never the national ID, never in a URL: domain-data.md privacy rules). The trainee
 * then finds the course in "My learning" (/my-learning) and is told by SMS.
 */
import { randomUUID } from 'node:crypto';
import { normalizeDigits, type CentreEnrolment, type CentreEnrolRequest } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import { maskMobile, normalizeEgyptianMobile } from '../identity/phone.ts';
import * as repo from './elearning.repository.ts';
import type { ElearningDeps } from './elearning.service.ts';
import * as centre from './centre-enrolment.repository.ts';
import type { CentreEnrolmentRow } from './centre-enrolment.repository.ts';

export type CentreEnrolDeps = ElearningDeps & Pick<AppDeps, 'notifier'>;

/** Roles that read a centre's enrolments: its manager (every course) and trainers (their own courses). */
export const ENROLMENT_READERS = ['trainer', 'training_centre_manager'] as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The confirmed account an identifier names: an email (case-insensitive) or an Egyptian mobile in any
 * common form. 400 `validation_failed` at /account (a national ID, or neither a mobile nor an email);
 * 404 `trainee_not_found`; 409 `trainee_ambiguous` (an email on several accounts).
 */
async function findTrainee(deps: Pick<AppDeps, 'db'>, account: string) {
  const raw = normalizeDigits(account).trim();
  if (/^\d{14}$/.test(raw.replace(/[\s-]/g, ''))) {
    throw new AppError('validation_failed', {
      fieldErrors: [{ pointer: '/account', code: 'invalid_format', message: { ar: 'أدخل رقم المحمول أو البريد الإلكتروني، لا الرقم القومي.', en: 'Enter the mobile number or the email, not the national ID.' } }],
    });
  }
  if (raw.includes('@')) {
    if (!EMAIL.test(raw)) invalidField('/account', 'email_invalid');
    const found = await centre.citizensByEmail(deps.db, raw);
    if (found.length > 1) throw new AppError('trainee_ambiguous');
    if (!found[0]) throw new AppError('trainee_not_found');
    return found[0];
  }
  const mobile = normalizeEgyptianMobile(raw) ?? invalidField('/account', 'mobile_invalid');
  const found = await centre.citizensByMobile(deps.db, mobile);
  if (!found[0]) throw new AppError('trainee_not_found');
  return found[0];
}

function toView(r: CentreEnrolmentRow): CentreEnrolment {
  return {
    enrolmentId: r.enrolment_id,
    courseId: r.course_id,
    courseTitle: { ar: r.title_ar, en: r.title_en },
    traineeName: { ar: r.name_ar, en: r.name_latin },
    mobileMasked: maskMobile(r.mobile),
    enrolledAt: r.enrolled_at.toISOString(),
    enrolledBy: r.enrolled_by_ar ? { ar: r.enrolled_by_ar, en: r.enrolled_by_en ?? r.enrolled_by_ar } : null,
    progressPercent: r.lessons ? Math.floor((100 * r.done) / r.lessons) : 0,
    completedAt: r.completed_at ? r.completed_at.toISOString() : null,
  };
}

/**
 * The centre manager enrols a trainee in a published course of their centre. 201 with the enrolment.
 * Errors, checked in this order: 403 `forbidden` (any other role); 404 `course_not_found`; 403
 * `out_of_scope` (another centre's course); 409 `course_not_published`; 400 `validation_failed` (/account);
 * 404 `trainee_not_found`; 409 `trainee_ambiguous`; 409 `course_prerequisites_missing` (the same rule as
 * self-enrolment); 409 `already_enrolled` (a duplicate, also when two requests race: UNIQUE (course, citizen)).
 * Audited as `elearning.enrolled_by_centre`; the trainee gets an SMS after the commit (`notified`).
 */
export async function enrolByCentre(deps: CentreEnrolDeps, staff: StaffPrincipal, input: CentreEnrolRequest): Promise<CentreEnrolment> {
  if (staff.role !== 'training_centre_manager' || !staff.trainingCentreId) throw new AppError('forbidden');
  const course = await repo.findCourse(deps.db, input.courseId);
  if (!course) throw new AppError('course_not_found');
  if (course.centre_id !== staff.trainingCentreId) throw new AppError('out_of_scope');
  if (course.status !== 'published') throw new AppError('course_not_published');
  const trainee = await findTrainee(deps, input.account);
  if (await repo.findEnrolment(deps.db, course.id, trainee.id)) throw new AppError('already_enrolled');
  const prereqs = await repo.prerequisites(deps.db, course.id);
  if (prereqs.length) {
    const done = await repo.completedCourseIds(deps.db, trainee.id);
    if (prereqs.some((p) => !done.has(p.id))) throw new AppError('course_prerequisites_missing');
  }
  const now = deps.clock();
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('enrolments')
      .values({ id, course_id: course.id, citizen_id: trainee.id, enrolled_at: now, completed_at: null, final_score: null, certificate_code: null, enrolled_by: staff.staffId })
      .onConflict((oc) => oc.columns(['course_id', 'citizen_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) throw new AppError('already_enrolled');
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'elearning.enrolled_by_centre', subjectType: 'enrolment', subjectId: id, details: { courseId: course.id, citizenId: trainee.id } }, now);
  });
  let notified = true;
  try {
    await deps.notifier.send({
      channel: 'sms',
      to: trainee.mobile,
      bodyAr: `سجّلك ${course.centre_name_ar} في دورة «${course.title_ar}» على ربط. ستجدها في صفحة «تعلّمي».`,
      bodyEn: `${course.centre_name_en} enrolled you in the course "${course.title_en}" on Rabt. You will find it under "My learning".`,
    });
  } catch {
    // The enrolment stands (the trainee sees it in My learning); the caller is told the SMS did not go.
    notified = false;
  }
  const [row] = await centre.centreEnrolments(deps.db, { centreId: course.centre_id, createdBy: null, enrolmentId: id });
  return { ...toView(row!), notified };
}

/**
 * Enrolments in the caller's centre (manager: every course; trainer: the courses they created), optionally
 * of one course, newest first, at most 200: trainee name, masked mobile, who enrolled them, progress.
 * 403 `forbidden` for other roles.
 */
export async function centreEnrolments(deps: Pick<AppDeps, 'db'>, staff: StaffPrincipal, q: { course?: string | undefined }): Promise<CentreEnrolment[]> {
  if (!(ENROLMENT_READERS as readonly string[]).includes(staff.role) || !staff.trainingCentreId) throw new AppError('forbidden');
  const rows = await centre.centreEnrolments(deps.db, { centreId: staff.trainingCentreId, createdBy: staff.role === 'trainer' ? staff.staffId : null, courseId: q.course });
  return rows.map(toView);
}

import type { SkillTestView, TestSession, WorkPermit } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import { revokeDocument } from '../documents/issue.ts';
import { officeInScope, officeScopeOf } from '../offices/office-scope.ts';
import { SERVICES } from './definitions/index.ts';
import { permitState } from './definitions/work-permit.ts';
import * as repo from './eservices-more.repository.ts';
import * as wfRepo from './eservices.repository.ts';
import { GRADE_TITLES, SKILL_GRADES, gradeFor } from './service-config.ts';
import * as wf from './workflow.service.ts';
import { notifyApplicant } from './notifications.ts';
import type { EServicesDeps } from './workflow.service.ts';
import { cairoDay, cairoTime } from '../../platform/clock.ts';
import { toArabicDigits } from '@rabt/contracts';

/**
 * The service-specific parts of three e-services that the generic workflow does not cover:
 * - skill-level certificate (Law 14/2025 Art. 27, Decree 266/2025): the test sessions with seats left,
 *   and the examiner's entry of theoretical and practical results (the examiner is the office head of
 *   the application's labour office: the `examination` step's role);
 * - work permits (Decree 279/2025): the representative's permits with their shown state, the office's
 *   permits, and cancellation with a reason (revokes the signed document: /verify answers revoked).
 */

/** Today's date in Cairo (the ministry's calendar day). */
const todayOf = cairoDay;

function sessionView(r: repo.SessionRow): TestSession {
  return {
    id: r.id,
    date: r.session_date,
    startTime: r.start_time.slice(0, 5),
    capacity: r.capacity,
    seatsLeft: Math.max(0, r.capacity - Number(r.taken ?? 0)),
    iscoCodes: r.isco_codes,
    centre: { id: r.centre_id, code: r.centre_code, nameAr: r.name_ar, nameEn: r.name_en, governorateCode: r.governorate_code, addressAr: r.address_ar, addressEn: r.address_en, demo: r.demo },
  };
}

/**
 * Sessions not yet started (start = session_date + start_time, Africa/Cairo, after the clock's minute) testing
 * an ISCO-08 unit group, with seats left (full ones included, `seatsLeft` 0), by date and time. Only these
 * are bookable (skill-certificate.ts onCreate: 409 `skill_session_started`).
 */
export async function listSessions(deps: EServicesDeps, q: { isco: string; governorate?: string | undefined }): Promise<TestSession[]> {
  const now = deps.clock();
  const rows = await repo.upcomingSessions(deps.db, { isco: q.isco, governorate: q.governorate, fromDate: todayOf(now), fromTime: cairoTime(now) });
  return rows.map(sessionView);
}

const THRESHOLDS = SKILL_GRADES.map((g) => ({ level: g.level, title: GRADE_TITLES[g.level], minTheoretical: g.minTheoretical, minPractical: g.minPractical }));

async function skillView(deps: EServicesDeps, applicationId: string): Promise<SkillTestView> {
  const b = await repo.bookingOf(deps.db, applicationId);
  if (!b) throw new AppError('skill_session_not_found');
  return {
    applicationId,
    isco: b.isco,
    session: sessionView(b),
    theoreticalScore: b.theoretical_score,
    practicalScore: b.practical_score,
    grade: b.grade,
    gradeTitle: b.grade ? GRADE_TITLES[b.grade] : null,
    resultsAt: b.results_at ? new Date(b.results_at).toISOString() : null,
    thresholds: THRESHOLDS,
  };
}

/** The applicant's booking and results. 404 `service_application_not_found` if not theirs, `skill_session_not_found` without a booking. */
export async function mySkillTest(deps: EServicesDeps, citizenId: string, applicationId: string): Promise<SkillTestView> {
  await wf.getMine(deps, citizenId, applicationId);
  return skillView(deps, applicationId);
}

/** Staff in the application's scope: booking and results. 403 `out_of_scope`. */
export async function staffSkillTest(deps: EServicesDeps, staff: StaffPrincipal, applicationId: string): Promise<SkillTestView> {
  await wf.getForStaff(deps, staff, applicationId);
  return skillView(deps, applicationId);
}

/**
 * The examiner enters the theoretical and practical scores (0–100) at the `examination` step, on or after
 * the session date; the grade is computed from the configured thresholds (null = not passed). May be
 * corrected until the step is approved. Row lock on the application, timeline event and audit in one
 * transaction. Errors: 403 `out_of_scope` / `service_step_role`; 409 `service_application_state` (not at the
 * examination step), `skill_results_too_early`; 404 `skill_session_not_found`.
 */
export async function enterResults(deps: EServicesDeps, staff: StaffPrincipal, applicationId: string, scores: { theoreticalScore: number; practicalScore: number }): Promise<SkillTestView> {
  await wf.getForStaff(deps, staff, applicationId);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const app = await wfRepo.findApplication(trx, applicationId, true);
    if (!app || app.service_code !== 'skill_certificate') throw new AppError('skill_session_not_found');
    if (app.current_step !== 'examination' || !['submitted', 'in_review'].includes(app.status)) throw new AppError('service_application_state');
    const step = SERVICES.get('skill_certificate')!.steps.find((s) => s.key === 'examination')!;
    if (staff.role !== 'hq_admin' && !step.roles.includes(staff.role)) throw new AppError('service_step_role');
    const booking = await repo.bookingOf(trx, applicationId);
    if (!booking) throw new AppError('skill_session_not_found');
    if (todayOf(now) < booking.session_date) throw new AppError('skill_results_too_early');
    const grade = gradeFor(scores.theoreticalScore, scores.practicalScore);
    await repo.saveResults(trx, applicationId, { theoretical: scores.theoreticalScore, practical: scores.practicalScore, grade, examinerId: staff.staffId, at: now });
    const ar = toArabicDigits;
    const title = grade ? GRADE_TITLES[grade] : { ar: 'لم يبلغ أي مستوى', en: 'no grade reached' };
    // Shown in the applicant's timeline: Arabic first, then English.
    const note = `نظري ${ar(scores.theoreticalScore)}/١٠٠، عملي ${ar(scores.practicalScore)}/١٠٠: ${title.ar} — theoretical ${scores.theoreticalScore}/100, practical ${scores.practicalScore}/100: ${title.en}`;
    await wfRepo.insertEvent(trx, { application_id: applicationId, at: now, actor_kind: 'staff', actor_id: staff.staffId, action: 'results_entered', from_status: app.status, to_status: app.status, step: app.current_step, note });
    await appendAudit(trx, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, { action: 'skill_test.results_entered', subjectType: 'service_application', subjectId: applicationId, officeId: app.office_id, details: { reference: app.reference, theoretical: scores.theoreticalScore, practical: scores.practicalScore, grade } }, now);
  });
  return skillView(deps, applicationId);
}

function permitView(p: repo.PermitRow, today: string, answers: Record<string, unknown>): WorkPermit {
  const state = permitState(p, today);
  return {
    id: p.id,
    permitNumber: p.permit_number,
    applicationId: p.application_id,
    establishmentCr: p.establishment_cr,
    establishmentName: p.establishment_name,
    workerName: p.worker_name,
    nationality: p.nationality,
    isco: p.isco,
    permitYear: p.permit_year,
    permitType: p.permit_type,
    quotaBasis: p.quota_basis,
    validFrom: p.valid_from,
    validUntil: p.valid_until,
    state,
    renewable: p.permit_type === 'standard' && (state === 'active' || state === 'renewal_due'),
    documentCode: p.document_code,
    cancelReason: p.cancel_reason,
    renewalAnswers: { ...answers, renewalOf: p.permit_number },
  };
}

async function permitViews(deps: EServicesDeps, rows: repo.PermitRow[]): Promise<WorkPermit[]> {
  const today = todayOf(deps.clock());
  const out: WorkPermit[] = [];
  for (const p of rows) {
    const app = await wfRepo.findApplication(deps.db, p.application_id);
    out.push(permitView(p, today, app?.answers ?? {}));
  }
  return out;
}

/** The work permits the signed-in representative applied for, newest first, with shown state and whether renewal is open. */
export async function myPermits(deps: EServicesDeps, citizenId: string): Promise<WorkPermit[]> {
  return permitViews(deps, await repo.permitsOfRepresentative(deps.db, citizenId));
}

/** The work permits of the caller's office, directorate or (HQ) all, newest first. */
export async function officePermits(deps: EServicesDeps, staff: StaffPrincipal): Promise<WorkPermit[]> {
  return permitViews(deps, await repo.permitsInScope(deps.db, officeScopeOf(staff)));
}

/**
 * Cancels an active permit with a reason (Decree 279/2025 cancellation grounds): the signed document is
 * revoked in the same transaction, so /verify answers `revoked` with the reason. Clerks and heads of the
 * permit's office, the directorate's manager, HQ. Errors: 404 `work_permit_not_found`, 403 `out_of_scope`,
 * 409 `work_permit_state` (already cancelled or renewed).
 */
export async function cancelPermit(deps: EServicesDeps, staff: StaffPrincipal, id: string, reason: string): Promise<WorkPermit> {
  const now = deps.clock();
  const application = await deps.db.transaction().execute(async (trx) => {
    const p = await repo.findPermit(trx, id, true);
    if (!p) throw new AppError('work_permit_not_found');
    if (!p.office_id || !officeInScope(officeScopeOf(staff), { id: p.office_id, directorateCode: p.directorate_code ?? '' })) throw new AppError('out_of_scope');
    if (p.status !== 'active') throw new AppError('work_permit_state');
    await repo.cancelPermit(trx, id, reason, now);
    if (p.document_code) await revokeDocument(trx, deps.documents, p.document_code, reason, now);
    await appendAudit(trx, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, { action: 'work_permit.cancelled', subjectType: 'work_permit', subjectId: id, officeId: p.office_id, details: { permit: p.permit_number, document: p.document_code } }, now);
    // The applicant's page of the application that issued the permit tells the same story (timeline entry with the reason).
    return wf.recordDocumentRevoked(trx, staff, p.application_id, reason, now);
  });
  // After commit, not awaited: SMS (and email) to the applicant.
  if (application) notifyApplicant(deps, application, 'document_revoked', SERVICES.get(application.service_code)?.title ?? { ar: application.service_code, en: application.service_code });
  const p = (await repo.findPermit(deps.db, id))!;
  const app = await wfRepo.findApplication(deps.db, p.application_id);
  return permitView(p, todayOf(now), app?.answers ?? {});
}


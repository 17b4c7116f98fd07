import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CancelPermitRequest, IdParams, SkillResultsRequest, SkillTestView, TestSession, TestSessionsQuery, WorkPermit } from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import { malformedIdIsNotFound } from '../../http/malformed-id.ts';
import * as more from './eservices-more.service.ts';
import type { EServicesDeps } from './workflow.service.ts';

const tags = ['e-services'];

/**
 * Service-specific endpoints of the skill-level certificate (Law 14/2025 Art. 27, Decree 266/2025) and
 * of foreign work permits (Decree 279/2025); the applications themselves go through the generic
 * e-services routes. Registered on the Egyptian node only.
 */
export function eserviceMoreRoutes(deps: EServicesDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    // An id that is not a UUID is not found (404), like one that names nothing: a permit's or an application's.
    malformedIdIsNotFound(app, (param, url) => (param !== 'id' ? null : url.includes('/work-permits/') ? 'work_permit_not_found' : 'service_application_not_found'));

    /**
     * Public: skill-test sessions not yet started (session date + start time, Cairo) for an ISCO-08 unit group (`isco`, 4 digits,
     * Arabic-Indic digits accepted), optionally of one governorate (`governorate`, 2-digit code), with
     * capacity and seats left (0 = full), by date. Demo centres are flagged `demo`.
     */
    app.get('/skill-tests/sessions', { schema: { tags, querystring: TestSessionsQuery, response: { 200: z.array(TestSession), ...problemResponses } } }, (req) => more.listSessions(deps, req.query));

    /** Citizen: the booking and results of one of my skill-certificate applications. 404 otherwise. */
    app.get('/my/applications/:id/skill-test', { schema: { tags, params: IdParams, response: { 200: SkillTestView, ...problemResponses } } }, (req) =>
      more.mySkillTest(deps, requireCitizen(req.principal).citizenId, req.params.id),
    );

    /** Staff in scope: the booking, results and grade thresholds of a skill-certificate application. */
    app.get('/office/applications/:id/skill-test', { schema: { tags, params: IdParams, response: { 200: SkillTestView, ...problemResponses } } }, (req) =>
      more.staffSkillTest(deps, requireStaff(req.principal), req.params.id),
    );

    /**
     * Examiner (office head of the application's office; HQ): enters theoretical and practical scores
     * (whole numbers 0–100, Arabic-Indic digits accepted) at the examination step, on or after the
     * session date. The grade follows from the configured thresholds (null = not passed). 400 at
     * `/theoreticalScore` / `/practicalScore`; 403 `service_step_role`, `out_of_scope`; 409
     * `service_application_state`, `skill_results_too_early`.
     */
    app.post('/office/applications/:id/skill-test/results', { schema: { tags, params: IdParams, body: SkillResultsRequest, response: { 200: SkillTestView, ...problemResponses } } }, (req) =>
      more.enterResults(deps, requireStaff(req.principal), req.params.id, req.body),
    );

    /**
     * Citizen (an establishment's authorised representative): the work permits I applied for, newest first,
     * with the shown state (active, renewal_due from 30 days before valid_until, expired, renewed,
     * cancelled) and whether a renewal application may be made (before expiry only).
     */
    app.get('/my/work-permits', { schema: { tags, response: { 200: z.array(WorkPermit), ...problemResponses } } }, (req) => more.myPermits(deps, requireCitizen(req.principal).citizenId));

    /** Staff: the work permits of my office / directorate / all (HQ, auditors), newest first. */
    app.get('/office/work-permits', { schema: { tags, response: { 200: z.array(WorkPermit), ...problemResponses } } }, (req) =>
      more.officePermits(deps, requireStaff(req.principal, ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'])),
    );

    /**
     * Clerks, office heads, directorate managers, HQ: cancels an active permit with a reason (≥ 3
     * characters); its signed document is revoked (GET /verify/{code} → revoked with the reason).
     * 404 `work_permit_not_found`, 403 `out_of_scope`, 409 `work_permit_state`.
     */
    app.post('/office/work-permits/:id/cancel', { schema: { tags, params: IdParams, body: CancelPermitRequest, response: { 200: WorkPermit, ...problemResponses } } }, (req) =>
      more.cancelPermit(deps, requireStaff(req.principal, ['clerk', 'office_head', 'directorate_manager', 'hq_admin']), req.params.id, req.body.reason),
    );
  };
}

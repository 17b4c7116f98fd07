import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnswerInfoRequest,
  ApproveRequest,
  AssignRequest,
  CreateServiceApplicationRequest,
  EligibilityResult,
  EscalateRequest,
  IdParams,
  MessageRequest,
  OfficeChoice,
  OfficeQueuePage,
  OfficeQueueQuery,
  RejectRequest,
  RequestInfoRequest,
  ServiceApplication,
  ServiceApplicationDetail,
  ServiceCodeParams,
  ServiceDefinitionView,
  ServiceQuoteRequest,
  ServiceSummary,
  TransferRequest,
  WithdrawRequest,
} from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import { malformedIdIsNotFound } from '../../http/malformed-id.ts';
import * as wf from './workflow.service.ts';
import type { EServicesDeps } from './workflow.service.ts';

const tags = ['e-services'];
const detail = { 200: ServiceApplicationDetail, ...problemResponses };

/**
 * E-services (issue 5): the public catalogue, the applicant's applications and the office queue. One
 * workflow runs every service definition (workflow.service.ts). Registered on the Egyptian node only.
 * Amounts are piastres (EGP minor units). Staff scope: a clerk or office head acts on their office's
 * applications, a directorate manager on their directorate's, HQ on all (403 `out_of_scope` otherwise).
 * Every transition takes the application's row lock: a second simultaneous action gets 409
 * `service_application_state`. An `:id` that is not a UUID answers 404 `service_application_not_found` (as
 * an id that names nothing), after the sign-in check.
 */
export function eserviceRoutes(deps: EServicesDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    // Signed out: 401 (sign in) before the parameters are validated, so a malformed id in a bookmarked or
    // typed URL does not answer 400 "some fields are invalid" to someone who is not signed in.
    app.addHook('preValidation', (req, _reply, done) => {
      const url = req.routeOptions.url ?? '';
      try {
        if (url.includes('/my/applications')) requireCitizen(req.principal);
        else if (url.includes('/office/applications')) requireStaff(req.principal);
        done();
      } catch (err) {
        done(err as Error);
      }
    });
    // Signed in: an application id that is not a UUID is simply not found (404), as one that names nothing.
    malformedIdIsNotFound(app, (param) => (param === 'id' ? 'service_application_not_found' : null));

    // ------------------------------------------------------------ public catalogue

    /** Public: every service with fee text, expected time (sum of step SLAs, hours) and the document it issues. */
    app.get('/services', { schema: { tags, response: { 200: z.array(ServiceSummary), ...problemResponses } } }, () => wf.listServices());

    /**
     * Public: one service's definition — form fields (ar/en labels), documents asked for (MIME types, max
     * bytes), fee and exemptions, eligibility rules, steps with acting roles and SLA hours, notes (e.g. the
     * employer's 30-day rule of Law 14/2025 Art. 33). 404 `service_not_found`.
     */
    app.get('/services/:code', { schema: { tags, params: ServiceCodeParams, response: { 200: ServiceDefinitionView, ...problemResponses } } }, (req) => wf.getService(req.params.code));

    /**
     * Citizen: eligibility explained before applying — each rule's verdict with a bilingual reason, the fee
     * quote (piastres) and the offices of the applicant's governorate of residence (Art. 33: the office of
     * the place of residence) with the default from the national ID. While the citizen has an undecided
     * application of the service (citizen services: one at a time), `openApplication` names it (id, reference)
     * and `eligible` is false (check `no_open_application`). 404 `service_not_found`.
     */
    app.get('/services/:code/eligibility', { schema: { tags, params: ServiceCodeParams, response: { 200: EligibilityResult, ...problemResponses } } }, (req) =>
      wf.checkEligibility(deps, requireCitizen(req.principal).citizenId, req.params.code),
    );

    /**
     * Citizen: the same check for the answers typed so far, nothing saved — each rule's verdict and reason
     * and the fee for these answers (piastres, with its explanation and any exemption), so the form shows
     * them before submission. Body `{ answers, exemption? }`; answers that are missing or invalid are left
     * out. 404 `service_not_found`.
     */
    app.post('/services/:code/quote', { schema: { tags, params: ServiceCodeParams, body: ServiceQuoteRequest, response: { 200: EligibilityResult, ...problemResponses } } }, (req) =>
      wf.quoteApplication(deps, requireCitizen(req.principal).citizenId, req.params.code, req.body),
    );

    // ------------------------------------------------------------ applicant

    /**
     * Citizen: creates a draft application with the fee computed (shown before submission). 201.
     * Errors: 400 `validation_failed` (pointers `/answers/<key>`, `/declaredDocuments/<type>`, `/officeId`),
     * 422 `service_not_eligible` (detail: reasons), 409 `service_application_open`, 409
     * `service_application_duplicate` (a work permit for a worker — same establishment, nationality and
     * passport — who already has an undecided application: `openApplicationId`, `openApplicationReference`,
     * reasons in `detail`/`reasonsAr`), 404 `service_not_found`.
     */
    app.post('/my/applications', { schema: { tags, body: CreateServiceApplicationRequest, response: { 201: ServiceApplicationDetail, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await wf.createApplication(deps, requireCitizen(req.principal).citizenId, req.body)),
    );

    /** Citizen: submits a draft; eligibility is re-checked and the first step's SLA clock starts. 409 `service_application_state`. */
    app.post('/my/applications/:id/submit', { schema: { tags, params: IdParams, response: detail } }, (req) => wf.submit(deps, requireCitizen(req.principal).citizenId, req.params.id));

    /** Citizen: my applications, newest first. */
    app.get('/my/applications', { schema: { tags, response: { 200: z.array(ServiceApplication), ...problemResponses } } }, (req) => wf.listMine(deps, requireCitizen(req.principal).citizenId));

    /** Citizen: one application with timeline, expected dates per step, messages and the issued document (PDF link). 404 if not mine. */
    app.get('/my/applications/:id', { schema: { tags, params: IdParams, response: detail } }, (req) => wf.getMine(deps, requireCitizen(req.principal).citizenId, req.params.id));

    /** Citizen: answers the office's information request (message required; corrected answers optional); the SLA clock resumes. */
    app.post('/my/applications/:id/answer', { schema: { tags, params: IdParams, body: AnswerInfoRequest, response: detail } }, (req) =>
      wf.answerInfo(deps, requireCitizen(req.principal).citizenId, req.params.id, req.body),
    );

    /** Citizen: withdraws an undecided application (optional reason). 409 `service_application_state` once decided. */
    app.post('/my/applications/:id/withdraw', { schema: { tags, params: IdParams, body: WithdrawRequest, response: detail } }, (req) =>
      wf.withdraw(deps, requireCitizen(req.principal).citizenId, req.params.id, req.body.reason),
    );

    /** Citizen: a message to the office about the application (1–2000 characters). */
    app.post('/my/applications/:id/messages', { schema: { tags, params: IdParams, body: MessageRequest, response: detail } }, (req) =>
      wf.citizenMessage(deps, requireCitizen(req.principal).citizenId, req.params.id, req.body.body),
    );

    // ------------------------------------------------------------ office work

    /**
     * Staff: the queue in the caller's scope, oldest due first. Filters `status` (default `open`),
     * `service`, `breached` (true = SLA deadline passed), `office` (HQ/directorate narrowing); `page`,
     * `pageSize` (≤ 100). Auditors read.
     */
    app.get('/office/applications', { schema: { tags, querystring: OfficeQueueQuery, response: { 200: OfficeQueuePage, ...problemResponses } } }, (req) =>
      wf.queue(deps, requireStaff(req.principal, ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor']), req.query),
    );

    /** Office heads, directorate managers, HQ: every active labour office, for transfers. */
    app.get('/office/transfer-targets', { schema: { tags, response: { 200: z.array(OfficeChoice), ...problemResponses } } }, (req) => {
      requireStaff(req.principal, ['office_head', 'directorate_manager', 'hq_admin']);
      return wf.transferTargets(deps);
    });

    /** Staff: one application with applicant, answers, timeline, messages, the actions the caller may take and the office's assignees. 403 `out_of_scope`. */
    app.get('/office/applications/:id', { schema: { tags, params: IdParams, response: detail } }, (req) => wf.getForStaff(deps, requireStaff(req.principal), req.params.id));

    /** Staff: assign to self (no body) or to an active clerk/head of the office (clerks: self only). 422 `service_assignee_invalid`. */
    app.post('/office/applications/:id/assign', { schema: { tags, params: IdParams, body: AssignRequest, response: detail } }, (req) =>
      wf.assign(deps, requireStaff(req.principal), req.params.id, req.body.staffId),
    );

    /** Staff: asks the applicant for information (message required); the SLA clock stops until the answer. */
    app.post('/office/applications/:id/request-info', { schema: { tags, params: IdParams, body: RequestInfoRequest, response: detail } }, (req) =>
      wf.requestInfo(deps, requireStaff(req.principal), req.params.id, req.body.message),
    );

    /**
     * Staff: approves the current step; on the last step the document is issued at once (signed, in the
     * transparency register, verifiable on /verify) — for the employment registration (Law 14/2025 Art. 33)
     * a registration number and the registration date (the priority key) are recorded. 403 `service_step_role`.
     */
    app.post('/office/applications/:id/approve', { schema: { tags, params: IdParams, body: ApproveRequest, response: detail } }, (req) =>
      wf.approve(deps, requireStaff(req.principal), req.params.id, req.body.note),
    );

    /** Staff: rejects with a reason the applicant reads (required, ≥ 3 characters: 400 at `/reason`). */
    app.post('/office/applications/:id/reject', { schema: { tags, params: IdParams, body: RejectRequest, response: detail } }, (req) =>
      wf.reject(deps, requireStaff(req.principal), req.params.id, req.body.reason),
    );

    /** Staff: escalates to the directorate step of the service (note required). 409 `service_no_escalation`. */
    app.post('/office/applications/:id/escalate', { schema: { tags, params: IdParams, body: EscalateRequest, response: detail } }, (req) =>
      wf.escalate(deps, requireStaff(req.principal), req.params.id, req.body.note),
    );

    /** Office heads, directorate managers, HQ: transfers an open case to another active office (the applicant moved). 422 `service_transfer_invalid`. */
    app.post('/office/applications/:id/transfer', { schema: { tags, params: IdParams, body: TransferRequest, response: detail } }, (req) =>
      wf.transfer(deps, requireStaff(req.principal), req.params.id, req.body.officeId, req.body.note),
    );

    /** Staff: a message to the applicant (1–2000 characters). */
    app.post('/office/applications/:id/messages', { schema: { tags, params: IdParams, body: MessageRequest, response: detail } }, (req) =>
      wf.staffMessage(deps, requireStaff(req.principal), req.params.id, req.body.body),
    );
  };
}

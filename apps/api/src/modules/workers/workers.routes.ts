import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApplyRequest,
  AttestationDecisionRequest,
  AttestationItem,
  AttestationQueueQuery,
  ConsentOverview,
  CountryParams,
  DisclosureEntry,
  GrantConsentRequest,
  IdParams,
  InvitationResponseRequest,
  JobOrderDetail,
  JobOrderListQuery,
  JobOrderPage,
  PutWorkerProfileRequest,
  Recommendation,
  WorkerApplication,
  WorkerInvitation,
  WorkerProfile,
} from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import * as jobOrders from './job-orders.service.ts';
import { registerWorkerHandlers } from './workers.handlers.ts';
import * as workers from './workers.service.ts';
import type { WorkerDeps } from './workers.service.ts';

const tags = ['exchange (origin)'];
const OFFICERS = ['overseas_officer'] as const;
const ATTESTATION_READERS = ['overseas_officer', 'hq_admin', 'auditor'] as const;

/**
 * The Egyptian (origin) side of the overseas employment exchange (issue 3 §3–7): worker profile,
 * consent per destination (Law 151/2020 Art. 14–15), disclosure log, recommendations, applications and
 * invitations (citizens); attestation of partners' job orders (overseas officers); the public list of
 * attested job orders. Registered only on a node whose country is EG; also registers the federation
 * message handlers of the origin side (workers.handlers.ts).
 */
export function workerRoutes(deps: WorkerDeps): FastifyPluginAsync {
  registerWorkerHandlers(deps);
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** The signed-in citizen's work profile with completeness hints (ar/en). Version 0 before the first save. */
    app.get('/worker/profile', { schema: { tags, response: { 200: WorkerProfile, ...problemResponses } } }, async (req) =>
      workers.getProfile(deps, requireCitizen(req.principal).citizenId),
    );

    /**
     * Replaces the profile. Occupations: ISCO-08 unit groups (4 digits) that exist, with whole years;
     * languages ISO 639-1 with CEFR levels; preferred countries ISO 3166-1 Arab League states; wage in
     * minor units of an ISO 4217 currency. The passport is stored, never sent in profile messages.
     * Destinations with active consent receive the new profile (their allowed fields only).
     * 400 `validation_failed` (pointers), 409 `profile_version_conflict`.
     */
    app.put('/worker/profile', { schema: { tags, body: PutWorkerProfileRequest, response: { 200: WorkerProfile, ...problemResponses } } }, async (req) =>
      workers.saveProfile(deps, requireCitizen(req.principal).citizenId, req.body),
    );

    /** Destinations (peer ministries) with the consent text, the exact fields each receives, and the consent history. */
    app.get('/worker/consents', { schema: { tags, response: { 200: ConsentOverview, ...problemResponses } } }, async (req) =>
      workers.getConsents(deps, requireCitizen(req.principal).citizenId),
    );

    /**
     * Explicit consent to share the profile with one destination under the consent text version shown.
     * The first profile message is queued at once. 201. Errors: 422 `consent_country_not_linked`,
     * 409 `consent_text_outdated` | `worker_profile_incomplete` | `consent_already_active`.
     */
    app.post('/worker/consents', { schema: { tags, body: GrantConsentRequest, response: { 201: ConsentOverview, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await workers.grantConsent(deps, requireCitizen(req.principal).citizenId, req.body)),
    );

    /** Withdraws consent (one click): queued messages are cancelled and a signed withdrawal is queued. 404 `consent_not_active`. */
    app.delete('/worker/consents/:country', { schema: { tags, params: CountryParams, response: { 200: ConsentOverview, ...problemResponses } } }, async (req) =>
      workers.withdrawConsent(deps, requireCitizen(req.principal).citizenId, req.params.country),
    );

    /** The worker's disclosure log, newest first: profile sends and withdrawals, employer views, applications, contact disclosures. */
    app.get('/worker/disclosures', { schema: { tags, response: { 200: z.array(DisclosureEntry), ...problemResponses } } }, async (req) =>
      workers.listDisclosures(deps, requireCitizen(req.principal).citizenId),
    );

    /** Attested job orders ranked for the worker (unit group, minor group, sub-major group; years; languages; preferred countries) with reasons. */
    app.get('/worker/recommendations', { schema: { tags, response: { 200: z.array(Recommendation), ...problemResponses } } }, async (req) =>
      jobOrders.recommendations(deps, requireCitizen(req.principal).citizenId),
    );

    /** The worker's applications, newest first. */
    app.get('/worker/applications', { schema: { tags, response: { 200: z.array(WorkerApplication), ...problemResponses } } }, async (req) =>
      workers.listApplications(deps, requireCitizen(req.principal).citizenId),
    );

    /**
     * Applies to an attested job order (needs active consent to its country). 201.
     * Errors: 404 `job_order_not_found`, 409 `job_order_not_open` | `consent_required` | `application_already_submitted`.
     */
    app.post('/worker/applications', { schema: { tags, body: ApplyRequest, response: { 201: WorkerApplication, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await workers.apply(deps, requireCitizen(req.principal).citizenId, req.body.jobOrderId)),
    );

    /** Invitations employers sent through their ministry, newest first, with the contact fields accepting would disclose. */
    app.get('/worker/invitations', { schema: { tags, response: { 200: z.array(WorkerInvitation), ...problemResponses } } }, async (req) =>
      jobOrders.listInvitations(deps, requireCitizen(req.principal).citizenId),
    );

    /** Accept or decline once; acceptance discloses the allowed contact fields to that employer only. 404 `invitation_not_found`, 409 `invitation_already_answered` | `consent_required`. */
    app.post(
      '/worker/invitations/:id/response',
      { schema: { tags, params: IdParams, body: InvitationResponseRequest, response: { 200: WorkerInvitation, ...problemResponses } } },
      async (req) => jobOrders.respondToInvitation(deps, requireCitizen(req.principal).citizenId, req.params.id, req.body.response),
    );

    /** Attestation queue by status (default pending), oldest first. Overseas officers; HQ administrators and auditors read. */
    app.get('/attestation/job-orders', { schema: { tags, querystring: AttestationQueueQuery, response: { 200: z.array(AttestationItem), ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, ATTESTATION_READERS);
      return jobOrders.attestationQueue(deps, req.query.status);
    });

    /** One received job order, any status. Same roles as the queue. */
    app.get('/attestation/job-orders/:id', { schema: { tags, params: IdParams, response: { 200: AttestationItem, ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, ATTESTATION_READERS);
      return jobOrders.attestationItem(deps, req.params.id);
    });

    /**
     * Decide a pending job order once: approved | rejected | changes_requested (reason required unless approved).
     * Overseas officers only. Approval needs recruitment costs borne by the employer (Law 14/2025 Art. 43).
     * Errors: 404 `job_order_not_found`, 409 `job_order_already_decided`, 422 `job_order_employer_must_pay`.
     */
    app.post(
      '/attestation/job-orders/:id/decision',
      { schema: { tags, params: IdParams, body: AttestationDecisionRequest, response: { 200: AttestationItem, ...problemResponses } } },
      async (req) => jobOrders.decide(deps, { staff: requireStaff(req.principal, OFFICERS) }, req.params.id, req.body),
    );

    /** Public: attested job orders, filters `country`, `isco` (code prefix), `q` (title), `city`; `page`/`pageSize`. */
    app.get('/job-orders', { schema: { tags, querystring: JobOrderListQuery, response: { 200: JobOrderPage, ...problemResponses } } }, async (req) =>
      jobOrders.listJobOrders(deps, req.query),
    );

    /** Public: one attested job order with full terms and a schema.org JobPosting (`jsonLd`). 404 `job_order_not_found`. */
    app.get('/job-orders/:id', { schema: { tags, params: IdParams, response: { 200: JobOrderDetail, ...problemResponses } } }, async (req) =>
      jobOrders.getJobOrder(deps, req.params.id),
    );
  };
}

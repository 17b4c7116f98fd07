import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CandidateDetail,
  CandidatePage,
  CandidateSearchQuery,
  CreateInvitationRequest,
  EmployerAccount,
  EmployerDecisionRequest,
  EmployerNotification,
  EmployerSignInRequest,
  EmployerVerificationQuery,
  IdParams,
  Invitation,
  JobApplication,
  JobOrder,
  JobOrderInput,
  ProfileIdParams,
  RegisterEmployerRequest,
  SessionInfo,
} from '@rabt/contracts';
import { perMinute, problemResponses, setSessionCookie } from '../../http/route-helpers.ts';
import { requireEmployer, requireStaff } from '../../platform/auth/principal.ts';
import type { DestinationDeps } from './deps.ts';
import * as employers from './employers.service.ts';
import * as jobOrders from './job-orders.service.ts';
import * as candidates from './candidates.service.ts';
import * as invitations from './invitations.service.ts';
import * as repo from './employers.repository.ts';

const tags = ['employers'];
/** Staff who verify employers on a partner node. */
const VERIFIERS = ['overseas_officer', 'hq_admin'] as const;

/**
 * The destination (partner) side of the overseas employment exchange, registered only on nodes whose
 * country is not EG: employer accounts and their verification by this ministry, job orders sent to the
 * Egyptian ministry for attestation, candidate search over the profiles shared with this country, and
 * invitations. Every endpoint except registration and sign-in needs a signed-in employer (401 anonymous,
 * 403 citizens and staff) or a verifier; everything but the employer's own account needs verification
 * (`employer_not_verified`, 403); job orders and invitations are the caller's own (404 otherwise).
 */
export function employerRoutes(deps: DestinationDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /**
     * Register an establishment: establishment number (country format), legal names in Arabic and English,
     * sector, city, authorised representative (name, email, mobile of this country) and a password.
     * Signs the employer in; the account then waits for the ministry's verification. 201.
     */
    app.post(
      '/employers',
      { config: perMinute(deps.config.rateLimitRegisterPerMinute), schema: { tags, body: RegisterEmployerRequest, response: { 201: SessionInfo, ...problemResponses } } },
      async (req, reply) => {
        const { token, employer } = await employers.registerEmployer(deps, req.body, req.sessionToken);
        setSessionCookie(reply, deps, token);
        return reply.code(201).send({ kind: 'employer' as const, employer });
      },
    );

    /** Employer sign-in with the establishment number or the representative's email, and the password. */
    app.post(
      '/session/employer',
      { config: perMinute(deps.config.rateLimitSignInPerMinute), schema: { tags, body: EmployerSignInRequest, response: { 200: SessionInfo, ...problemResponses } } },
      async (req, reply) => {
        const { token, employer } = await employers.signInEmployer(deps, req.body, req.sessionToken);
        setSessionCookie(reply, deps, token);
        return { kind: 'employer' as const, employer };
      },
    );

    /** The signed-in employer's account and verification status (verified or not). */
    app.get('/employer/me', { schema: { tags, response: { 200: EmployerAccount, ...problemResponses } } }, async (req) =>
      employers.getEmployerAccount(deps, requireEmployer(req.principal).employerId),
    );

    /** The employer's notifications (verification, attestation decisions, applications, invitation answers), newest first. */
    app.get('/employer/notifications', { schema: { tags, response: { 200: z.array(EmployerNotification), ...problemResponses } } }, async (req) =>
      repo.listNotifications(deps.db, requireEmployer(req.principal).employerId),
    );

    /** Employers by verification status (default: pending, oldest first). Overseas officers and HQ administrators. */
    app.get('/employer-verification', { schema: { tags, querystring: EmployerVerificationQuery, response: { 200: z.array(EmployerAccount), ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, VERIFIERS);
      return employers.listForVerification(deps, req.query.status);
    });

    /** Verify or reject a pending employer (a rejection needs a reason). Once; audited; the employer is notified. */
    app.post('/employer-verification/:id/decision', { schema: { tags, params: IdParams, body: EmployerDecisionRequest, response: { 200: EmployerAccount, ...problemResponses } } }, async (req) =>
      employers.decideEmployer(deps, requireStaff(req.principal, VERIFIERS), req.params.id, req.body),
    );

    /** The employer's job orders with their attestation status, newest first. */
    app.get('/employer/job-orders', { schema: { tags, response: { 200: z.array(JobOrder), ...problemResponses } } }, async (req) => jobOrders.listOwnJobOrders(deps, requireEmployer(req.principal)));

    /**
     * Create a draft job order. Amounts are integer minor units of this country's currency (SAR: halalas).
     * `recruitmentCostsBorneByEmployer` must be true (`recruitment_costs_not_on_employer`, 422). 201.
     */
    app.post('/employer/job-orders', { schema: { tags, body: JobOrderInput, response: { 201: JobOrder, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await jobOrders.createJobOrder(deps, requireEmployer(req.principal), req.body)),
    );

    app.get('/employer/job-orders/:id', { schema: { tags, params: IdParams, response: { 200: JobOrder, ...problemResponses } } }, async (req) =>
      jobOrders.getOwnJobOrder(deps, requireEmployer(req.principal), req.params.id),
    );

    /** Replace the terms of a draft or of an order the Egyptian ministry returned for changes. */
    app.put('/employer/job-orders/:id', { schema: { tags, params: IdParams, body: JobOrderInput, response: { 200: JobOrder, ...problemResponses } } }, async (req) =>
      jobOrders.updateJobOrder(deps, requireEmployer(req.principal), req.params.id, req.body),
    );

    /** Submit for attestation by the Egyptian ministry (sends `job_order.submitted`; resubmission bumps the version). */
    app.post('/employer/job-orders/:id/submit', { schema: { tags, params: IdParams, body: z.strictObject({}).optional(), response: { 200: JobOrder, ...problemResponses } } }, async (req) =>
      jobOrders.submitJobOrder(deps, requireEmployer(req.principal), req.params.id),
    );

    /** Applications of Egyptian workers to this job order, with each candidate's shared profile. */
    app.get('/employer/job-orders/:id/applications', { schema: { tags, params: IdParams, response: { 200: z.array(JobApplication), ...problemResponses } } }, async (req) =>
      invitations.listApplications(deps, requireEmployer(req.principal), req.params.id),
    );

    /**
     * Ranked candidate search (profiles shared with this country only): `isco` unit group, then the same
     * minor and sub-major group; filters minYears, language + level (minimum CEFR), certificateLevel
     * (minimum), availableBy (date). Each result carries its reasons in Arabic and English. Pages of up to 50.
     */
    app.get('/employer/candidates', { schema: { tags, querystring: CandidateSearchQuery, response: { 200: CandidatePage, ...problemResponses } } }, async (req) =>
      candidates.searchCandidates(deps, requireEmployer(req.principal), req.query),
    );

    /** One candidate's shared profile; the Egyptian node is told who viewed it (the worker's disclosure log). */
    app.get('/employer/candidates/:profileId', { schema: { tags, params: ProfileIdParams, response: { 200: CandidateDetail, ...problemResponses } } }, async (req) =>
      candidates.getCandidate(deps, requireEmployer(req.principal), req.params.profileId),
    );

    /** The employer's invitations; accepted ones carry the contact fields the worker disclosed to this employer. */
    app.get('/employer/invitations', { schema: { tags, response: { 200: z.array(Invitation), ...problemResponses } } }, async (req) => invitations.listInvitations(deps, requireEmployer(req.principal)));

    /** Invite a candidate to an attested job order of the caller (optionally answering their application). 201. */
    app.post('/employer/invitations', { schema: { tags, body: CreateInvitationRequest, response: { 201: Invitation, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await invitations.createInvitation(deps, requireEmployer(req.principal), req.body)),
    );
  };
}

/** The federation v1 handlers of the destination side (messages from the Egyptian node). */
export function registerDestinationHandlers(deps: DestinationDeps): void {
  const f = deps.federation;
  f.on('profile.upsert', (trx, m) => candidates.onProfileUpsert(trx, m, deps.clock()));
  f.on('profile.withdraw', (trx, m) => candidates.onProfileWithdraw(trx, m));
  f.on('job_order.decision', (trx, m) => jobOrders.onJobOrderDecision(trx, m, deps.clock()));
  f.on('application.submitted', (trx, m) => invitations.onApplicationSubmitted(trx, m, deps.clock()));
  f.on('invitation.responded', (trx, m) => invitations.onInvitationResponded(trx, m, deps.clock()));
}

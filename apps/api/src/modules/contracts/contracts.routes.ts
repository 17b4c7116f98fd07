import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CancelContractRequest,
  ContractAlert,
  ContractDraftInput,
  ContractKeyParams,
  ContractQueueQuery,
  ContractRefuseRequest,
  ContractResponseRequest,
  CreateContractRequest,
  EmployerContract,
  IdParams,
  OriginContract,
  RegisterAtDestinationRequest,
  TermDiff,
} from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireEmployer, requireStaff } from '../../platform/auth/principal.ts';
import * as destination from './destination.service.ts';
import * as origin from './origin.service.ts';
import { contractPdf } from './contract-pdf.ts';

const tags = ['contracts'];
const OFFICERS = ['overseas_officer'] as const;
const READERS = ['overseas_officer', 'hq_admin', 'auditor'] as const;

/** Opaque JSON for the offline bundles (their format is documented in packages/trust/src/credential.ts). */
const Json = z.record(z.string(), z.unknown());

/**
 * Contracts on a partner (destination) node (issue 4 §1–3): the verified employer drafts a contract from
 * an accepted invitation, edits it with live rule checks, submits it (this node signs it: JWS EdDSA over
 * RFC 8785 canonical JSON), amends or cancels it, and reports its registration at destination. All
 * endpoints need a verified employer; contracts are the caller's own (404 otherwise).
 */
export function destinationContractRoutes(deps: destination.ContractDestinationDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** The employer's contracts, every version, newest first. */
    app.get('/employer/contracts', { schema: { tags, response: { 200: z.array(EmployerContract), ...problemResponses } } }, async (req) =>
      destination.listEmployerContracts(deps, requireEmployer(req.principal)),
    );

    /**
     * Draft a contract from an accepted invitation (parties, job-order terms, the destination's template).
     * 201. Errors: 404 `invitation_not_found`, 409 `contract_invitation_not_accepted` | `contract_exists`, 422 `contract_template_missing`.
     */
    app.post('/employer/contracts', { schema: { tags, body: CreateContractRequest, response: { 201: EmployerContract, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await destination.createDraft(deps, requireEmployer(req.principal), req.body.invitationId)),
    );

    /** One version with its checks (live for a draft). 404 `contract_not_found`. */
    app.get('/employer/contracts/:id/versions/:version', { schema: { tags, params: ContractKeyParams, response: { 200: EmployerContract, ...problemResponses } } }, async (req) =>
      destination.getEmployerContract(deps, requireEmployer(req.principal), req.params.id, req.params.version),
    );

    /** Replace a draft's editable terms (amounts in minor units, ISO 4217). 409 `contract_not_editable`. */
    app.put('/employer/contracts/:id/versions/:version', { schema: { tags, params: ContractKeyParams, body: ContractDraftInput, response: { 200: EmployerContract, ...problemResponses } } }, async (req) =>
      destination.updateDraft(deps, requireEmployer(req.principal), req.params.id, req.params.version, req.body),
    );

    /**
     * Submit a draft: all checks must pass (422 `contract_checks_failed`, with the reasons in `detail`);
     * this node signs it and sends it to the Egyptian ministry. 409 `contract_not_editable`.
     */
    app.post('/employer/contracts/:id/versions/:version/submit', { schema: { tags, params: ContractKeyParams, response: { 200: EmployerContract, ...problemResponses } } }, async (req) =>
      destination.submitDraft(deps, requireEmployer(req.principal), req.params.id, req.params.version),
    );

    /** Start the next version (after an amendment request or refusal, or to amend a concluded contract). 201. 409 `contract_not_amendable`. */
    app.post('/employer/contracts/:id/amendments', { schema: { tags, params: IdParams, response: { 201: EmployerContract, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await destination.amend(deps, requireEmployer(req.principal), req.params.id)),
    );

    /** Withdraw a pending version or cancel a concluded one, with a reason. 409 `contract_not_cancellable`. */
    app.post('/employer/contracts/:id/versions/:version/cancel', { schema: { tags, params: ContractKeyParams, body: CancelContractRequest, response: { 200: EmployerContract, ...problemResponses } } }, async (req) =>
      destination.cancel(deps, requireEmployer(req.principal), req.params.id, req.params.version, req.body.reason),
    );

    /**
     * Report the contract as registered with this country's authority (Qiwa, MOHRE …); the Egyptian
     * node compares it with the concluded terms and alerts the worker on any difference. Returns the
     * differences. 409 `contract_not_concluded`.
     */
    app.post(
      '/employer/contracts/:id/versions/:version/destination-registration',
      { schema: { tags, params: ContractKeyParams, body: RegisterAtDestinationRequest, response: { 200: z.object({ contract: EmployerContract, diff: z.array(TermDiff) }), ...problemResponses } } },
      async (req) => destination.registerAtDestination(deps, requireEmployer(req.principal), req.params.id, req.params.version, req.body),
    );
  };
}

/**
 * Contracts on the Egyptian node (issue 4 §2–8): officers' queue, dual attestation, refusal and
 * cancellation; the worker's contracts, answer, PDF and offline bundle; substitution alerts; and the
 * public verification of codes with the trust bundle for offline verifiers.
 */
export function originContractRoutes(deps: origin.ContractOriginDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** Received contracts by status (all when omitted), oldest first. Overseas officers; HQ and auditors read. */
    app.get('/attestation/contracts', { schema: { tags, querystring: ContractQueueQuery, response: { 200: z.array(OriginContract), ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return origin.officerQueue(deps, req.query.status);
    });

    /** One received version with checks, attestations and the diff from the previous version. 404 `contract_not_found`. */
    app.get('/attestation/contracts/:id/versions/:version', { schema: { tags, params: ContractKeyParams, response: { 200: OriginContract, ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return origin.officerContract(deps, req.params.id, req.params.version);
    });

    /**
     * Attest (dual control: two distinct officers; the second offers it to the worker). Overseas officers only.
     * 409 `contract_not_awaiting_attestation` | `contract_already_attested_by_you`.
     */
    app.post('/attestation/contracts/:id/versions/:version/attest', { schema: { tags, params: ContractKeyParams, response: { 200: OriginContract, ...problemResponses } } }, async (req) =>
      origin.attest(deps, requireStaff(req.principal, OFFICERS), req.params.id, req.params.version),
    );

    /** Refuse with a reason (returns to the employer). 409 `contract_not_awaiting_attestation`. */
    app.post('/attestation/contracts/:id/versions/:version/refuse', { schema: { tags, params: ContractKeyParams, body: ContractRefuseRequest, response: { 200: OriginContract, ...problemResponses } } }, async (req) =>
      origin.refuse(deps, requireStaff(req.principal, OFFICERS), req.params.id, req.params.version, req.body.reason),
    );

    /** Cancel a concluded contract with a reason; /verify then answers `cancelled`. 409 `contract_not_cancellable`. */
    app.post('/attestation/contracts/:id/versions/:version/cancel', { schema: { tags, params: ContractKeyParams, body: CancelContractRequest, response: { 200: OriginContract, ...problemResponses } } }, async (req) =>
      origin.cancelByOfficer(deps, requireStaff(req.principal, OFFICERS), req.params.id, req.params.version, req.body.reason),
    );

    /** Substitution alerts, newest first (ILO General Principle 8). */
    app.get('/attestation/contract-alerts', { schema: { tags, response: { 200: z.array(ContractAlert), ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return origin.officerAlerts(deps);
    });

    /** The worker's contracts (offered and later), newest first. */
    app.get('/worker/contracts', { schema: { tags, response: { 200: z.array(OriginContract), ...problemResponses } } }, async (req) =>
      origin.workerContracts(deps, requireCitizen(req.principal).citizenId),
    );

    /** One of the worker's contract versions with the diff from the previous one. 404 `contract_not_found`. */
    app.get('/worker/contracts/:id/versions/:version', { schema: { tags, params: ContractKeyParams, response: { 200: OriginContract, ...problemResponses } } }, async (req) =>
      origin.workerContract(deps, requireCitizen(req.principal).citizenId, req.params.id, req.params.version),
    );

    /**
     * The worker's answer: accepted (concludes and signs it), rejected, or amendment_requested (note
     * required). 409 `contract_not_offered`.
     */
    app.post('/worker/contracts/:id/versions/:version/response', { schema: { tags, params: ContractKeyParams, body: ContractResponseRequest, response: { 200: OriginContract, ...problemResponses } } }, async (req) =>
      origin.respond(deps, requireCitizen(req.principal).citizenId, req.params.id, req.params.version, req.body.response, req.body.note),
    );

    /** The worker's substitution alerts. */
    app.get('/worker/contract-alerts', { schema: { tags, response: { 200: z.array(ContractAlert), ...problemResponses } } }, async (req) =>
      origin.workerAlerts(deps, requireCitizen(req.principal).citizenId),
    );

    /**
     * The concluded contract's offline bundle (application/json download): General JWS with both
     * signatures, QR token, register inclusion proof. 409 `contract_not_concluded`, 503 `register_checkpoint_pending`.
     */
    app.get('/worker/contracts/:id/versions/:version/bundle', { schema: { tags, params: ContractKeyParams, response: { 200: Json, ...problemResponses } } }, async (req, reply) => {
      const bundle = await origin.documentBundle(deps, requireCitizen(req.principal).citizenId, req.params.id, req.params.version);
      void reply.header('content-disposition', `attachment; filename="${bundle.code}.rabt.json"`).header('cache-control', 'no-store');
      return bundle as unknown as Record<string, unknown>;
    });

    /** The concluded contract as a bilingual PDF (Arabic prevails) with its QR code. 409 `contract_not_concluded`. */
    app.get('/worker/contracts/:id/versions/:version/pdf', { schema: { tags, params: ContractKeyParams } }, async (req, reply) => {
      const { code, pdf } = await contractPdf(deps, requireCitizen(req.principal).citizenId, req.params.id, req.params.version);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${code}.pdf"`).header('cache-control', 'no-store').send(pdf);
    });
  };
}

/** Registers the contract message handlers of this node's side. */
export { registerContractHandlers } from './contracts.handlers.ts';

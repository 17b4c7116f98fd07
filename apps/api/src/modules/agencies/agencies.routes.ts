import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgencyAuthorisation,
  AgencyDetail,
  AgencyPage,
  AgencySearchQuery,
  BrokerReportAssignRequest,
  BrokerReportDetail,
  BrokerReportNoteRequest,
  BrokerReportPage,
  BrokerReportParams,
  BrokerReportQueueQuery,
  BrokerReportReceipt,
  BrokerReportStatusRequest,
  ChangeAgencyStatusRequest,
  CreateAgencyRequest,
  CreateBrokerReportRequest,
  GrantAgencyAuthorisationRequest,
  LicenceParams,
} from '@rabt/contracts';
import { perMinute, problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import * as agencies from './agencies.service.ts';
import { BROKER_QUEUE_ROLES, type AgencyDeps } from './agencies.service.ts';

const tags = ['recruitment agencies'];
const HQ = ['hq_admin'] as const;

/**
 * Licensed private recruitment agencies and broker reports (Egyptian node only; issue 4 part 9).
 * Law 14/2025 Art. 40 (only licensed private agencies may place workers, in one of four company forms),
 * Art. 41 (paid-in capital ≥ EGP 250,000 domestic, ≥ EGP 500,000 abroad), Art. 42 (Ministry supervision),
 * Art. 43 (nothing may be taken from the worker; a licensed agency at most 1 % of the first-year wage).
 * Public: the registry and broker reports. HQ administrators: licences. Citizens: which agencies may act
 * for them. HQ administrators and overseas-employment officers: the broker-report queue.
 */
export function agencyRoutes(deps: AgencyDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /**
     * Public registry search (Art. 40–42). `q`: Arabic or English name (Arabic folded) or licence number;
     * `status` valid | suspended | revoked; `governorate` (2-digit code); `page`, `pageSize` (≤ 100).
     * Each agency carries `mayOperate` (valid and not expired) and `isDemo`.
     */
    app.get('/agencies', { schema: { tags, querystring: AgencySearchQuery, response: { 200: AgencyPage, ...problemResponses } } }, async (req) =>
      agencies.searchAgencies(deps, req.query),
    );

    /** Public: one agency by licence number (`RA-YYYY-NNNN`) with its status history. 404 `agency_not_found`. */
    app.get('/agencies/:licence', { schema: { tags, params: LicenceParams, response: { 200: AgencyDetail, ...problemResponses } } }, async (req) =>
      agencies.getAgency(deps, req.params.licence),
    );

    /**
     * HQ administrators register a licence. Capital in piastres, at least the Art. 41 minimum for the scope
     * (400 `validation_failed`, `agency_capital_below_minimum`); licence dates `YYYY-MM-DD`, expiry after issue.
     * 201. Errors: 409 `agency_licence_taken`. Audited.
     */
    app.post('/agencies', { schema: { tags, body: CreateAgencyRequest, response: { 201: AgencyDetail, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await agencies.createAgency(deps, requireStaff(req.principal, HQ), req.body)),
    );

    /**
     * HQ administrators change a licence's status with a reason (published): valid ↔ suspended; → revoked is final.
     * Errors: 404 `agency_not_found`, 409 `agency_revoked_final` | `agency_status_unchanged`. Audited.
     */
    app.post(
      '/agencies/:licence/status',
      { schema: { tags, params: LicenceParams, body: ChangeAgencyStatusRequest, response: { 200: AgencyDetail, ...problemResponses } } },
      async (req) => agencies.changeAgencyStatus(deps, requireStaff(req.principal, HQ), req.params.licence, req.body),
    );

    /** The signed-in worker's agency authorisations (active and withdrawn), newest first. */
    app.get('/worker/agency-authorisations', { schema: { tags, response: { 200: z.array(AgencyAuthorisation), ...problemResponses } } }, async (req) =>
      agencies.listAuthorisations(deps, requireCitizen(req.principal).citizenId),
    );

    /**
     * The worker allows a licensed agency to act for them (consent; Law 151/2020 Art. 2). Only an agency whose
     * licence is valid and not expired. 201 with the updated list. Errors: 404 `agency_not_found`,
     * 409 `agency_not_valid` | `agency_authorisation_exists`. Audited.
     */
    app.post(
      '/worker/agency-authorisations',
      { schema: { tags, body: GrantAgencyAuthorisationRequest, response: { 201: z.array(AgencyAuthorisation), ...problemResponses } } },
      async (req, reply) => reply.code(201).send(await agencies.grantAuthorisation(deps, requireCitizen(req.principal).citizenId, req.body.licenceNumber)),
    );

    /** The worker withdraws an authorisation (it stays in the history). Errors: 404 `agency_not_found` | `agency_authorisation_not_active`. Audited. */
    app.delete(
      '/worker/agency-authorisations/:licence',
      { schema: { tags, params: LicenceParams, response: { 200: z.array(AgencyAuthorisation), ...problemResponses } } },
      async (req) => agencies.withdrawAuthorisation(deps, requireCitizen(req.principal).citizenId, req.params.licence),
    );

    /**
     * Public, anonymous: report a broker who asked for money for a job (Art. 43: nothing may be taken from the
     * worker). Rate-limited per client IP like registration; the IP is never stored. Money in minor units with
     * its ISO 4217 currency. 201 with a reference (`BR-XXXX-XXXX`) to quote later. 400 `validation_failed` per field.
     */
    app.post(
      '/broker-reports',
      { config: perMinute(deps.config.rateLimitRegisterPerMinute), schema: { tags, body: CreateBrokerReportRequest, response: { 201: BrokerReportReceipt, ...problemResponses } } },
      async (req, reply) => reply.code(201).send(await agencies.createBrokerReport(deps, req.body)),
    );

    /** The HQ queue of broker reports, oldest first; filters `status`, `assigned` (me | none), `country`, `q`. HQ administrators and overseas officers. */
    app.get('/broker-reports', { schema: { tags, querystring: BrokerReportQueueQuery, response: { 200: BrokerReportPage, ...problemResponses } } }, async (req) =>
      agencies.listBrokerReports(deps, requireStaff(req.principal, BROKER_QUEUE_ROLES), req.query),
    );

    /** One report with its history of staff actions. Same roles. 404 `broker_report_not_found`. */
    app.get('/broker-reports/:reference', { schema: { tags, params: BrokerReportParams, response: { 200: BrokerReportDetail, ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, BROKER_QUEUE_ROLES);
      return agencies.getBrokerReport(deps, req.params.reference);
    });

    /** Change the status (investigating | referred | closed; a note is required for referred and closed). 409 `broker_report_status_unchanged`. Audited. */
    app.post(
      '/broker-reports/:reference/status',
      { schema: { tags, params: BrokerReportParams, body: BrokerReportStatusRequest, response: { 200: BrokerReportDetail, ...problemResponses } } },
      async (req) => agencies.changeBrokerReportStatus(deps, requireStaff(req.principal, BROKER_QUEUE_ROLES), req.params.reference, req.body),
    );

    /** Assign to an active HQ administrator or overseas officer (`staffId`), or unassign (`null`). 422 `broker_report_assignee_invalid`. Audited. */
    app.post(
      '/broker-reports/:reference/assignment',
      { schema: { tags, params: BrokerReportParams, body: BrokerReportAssignRequest, response: { 200: BrokerReportDetail, ...problemResponses } } },
      async (req) => agencies.assignBrokerReport(deps, requireStaff(req.principal, BROKER_QUEUE_ROLES), req.params.reference, req.body),
    );

    /** Add an internal note (3–2000 characters). Audited. */
    app.post(
      '/broker-reports/:reference/notes',
      { schema: { tags, params: BrokerReportParams, body: BrokerReportNoteRequest, response: { 200: BrokerReportDetail, ...problemResponses } } },
      async (req) => agencies.addBrokerReportNote(deps, requireStaff(req.principal, BROKER_QUEUE_ROLES), req.params.reference, req.body),
    );
  };
}

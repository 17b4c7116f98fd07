import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ContractKeyParams, ContractOrientation, OrientationCourse, OrientationList, OrientationListQuery } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { malformedIdIsNotFound, notFoundBySegment } from '../../http/malformed-id.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import * as orientation from './orientation.service.ts';

const tags = ['pre-departure orientation'];
/** Who reads contracts on the Egyptian node (the same as the contracts routes). */
const READERS = ['overseas_officer', 'hq_admin', 'auditor'] as const;

/**
 * Pre-departure orientation (issue 6 §7), Egyptian node only. Workers study the destination's course through the
 * e-learning API (`POST /elearning/courses/{id}/enrolments`, lessons, quiz); completing it is recorded beside
 * their contract with that destination, never in the signed payload. Overseas-employment officers (HQ and
 * auditors read too) see the completion on a contract and the concluded contracts per destination.
 */
export function orientationRoutes(deps: Pick<AppDeps, 'db' | 'clock'>): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    // A contract id that is not a UUID is not found (404 `contract_not_found`), like one that names nothing.
    malformedIdIsNotFound(app, notFoundBySegment({ contracts: 'contract_not_found' }));

    /** The current orientation course of each destination that has a contract template (public). */
    app.get('/orientation/courses', { schema: { tags, response: { 200: z.array(OrientationCourse), ...problemResponses } } }, async () => orientation.listCourses(deps));

    /** The signed-in worker's contracts (offered and later) with their orientation: course, progress, recorded completion. */
    app.get('/worker/orientation', { schema: { tags, response: { 200: z.array(ContractOrientation), ...problemResponses } } }, async (req) =>
      orientation.workerOrientations(deps, requireCitizen(req.principal).citizenId),
    );

    /** Orientation of one of the worker's contracts. 404 `contract_not_found` (someone else's contract too). */
    app.get('/worker/contracts/:id/versions/:version/orientation', { schema: { tags, params: ContractKeyParams, response: { 200: ContractOrientation, ...problemResponses } } }, async (req) =>
      orientation.workerContractOrientation(deps, requireCitizen(req.principal).citizenId, req.params.id, req.params.version),
    );

    /** Officers: the orientation completion recorded on a received contract (no learning progress). 404 `contract_not_found`. */
    app.get('/attestation/contracts/:id/versions/:version/orientation', { schema: { tags, params: ContractKeyParams, response: { 200: ContractOrientation, ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return orientation.officerContractOrientation(deps, req.params.id, req.params.version);
    });

    /**
     * Officers: concluded contracts with their orientation status, newest conclusion first (at most 500;
     * `truncated` when more match), filtered by `country` (ISO 3166-1 alpha-2) and `status` (`completed` |
     * `pending`); with, per destination, the number concluded and the number completed.
     */
    app.get('/attestation/orientation', { schema: { tags, querystring: OrientationListQuery, response: { 200: OrientationList, ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return orientation.officerList(deps, req.query);
    });
  };
}

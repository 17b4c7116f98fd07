import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateTestSessionRequest, CreateTestingCentreRequest, IdParams, StaffTestSession, TestingCentre, UpdateTestSessionRequest, UpdateTestingCentreRequest } from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireStaff } from '../../platform/auth/principal.ts';
import { malformedIdIsNotFound } from '../../http/malformed-id.ts';
import * as svc from './testing-centres.service.ts';
import { CENTRE_KEEPERS, CENTRE_READERS, type TestingCentresDeps } from './testing-centres.service.ts';

const tags = ['e-services'];

/**
 * Staff screens' API for the skill-testing centres and their test sessions (Law 14/2025 Art. 27, Decree
 * 266/2025). HQ administrators keep every centre, a directorate manager those of their governorate (403
 * `out_of_scope` otherwise), auditors read. Numbers and dates accept Arabic-Indic digits. Every change
 * is audited. Registered on the Egyptian node only.
 */
export function testingCentreRoutes(deps: TestingCentresDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    // An id that is not a UUID is not found (404), like one that names nothing.
    malformedIdIsNotFound(app, (param, url) => (param !== 'id' ? null : url.includes('/test-sessions/') ? 'test_session_not_found' : 'testing_centre_not_found'));

    /** Centres in the caller's scope with their upcoming sessions counted, by governorate and code. */
    app.get('/office/testing-centres', { schema: { tags, response: { 200: z.array(TestingCentre), ...problemResponses } } }, (req) => svc.listCentres(deps, requireStaff(req.principal, CENTRE_READERS)));

    /** Creates a centre. 201. 400 (field errors), 403 `out_of_scope`, 409 `testing_centre_code_taken`. */
    app.post('/office/testing-centres', { schema: { tags, body: CreateTestingCentreRequest, response: { 201: TestingCentre, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await svc.createCentre(deps, requireStaff(req.principal, CENTRE_KEEPERS), req.body)),
    );

    /** Edits a centre's names, address, governorate or active flag (not its code). 404 `testing_centre_not_found`, 403. */
    app.patch('/office/testing-centres/:id', { schema: { tags, params: IdParams, body: UpdateTestingCentreRequest, response: { 200: TestingCentre, ...problemResponses } } }, (req) =>
      svc.updateCentre(deps, requireStaff(req.principal, CENTRE_KEEPERS), req.params.id, req.body),
    );

    /** A centre's sessions from 30 days ago on, with capacity, seats booked and left, by date. */
    app.get('/office/testing-centres/:id/sessions', { schema: { tags, params: IdParams, response: { 200: z.array(StaffTestSession), ...problemResponses } } }, (req) =>
      svc.listSessions(deps, requireStaff(req.principal, CENTRE_READERS), req.params.id),
    );

    /**
     * Schedules a session (date from today on, capacity 1–1000, ISCO-08 unit groups). 201. 400 at `/date`
     * (`date_in_past`), `/capacity`, `/iscoCodes/<i>` (`isco_unknown`); 404; 403.
     */
    app.post('/office/testing-centres/:id/sessions', { schema: { tags, params: IdParams, body: CreateTestSessionRequest, response: { 201: StaffTestSession, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await svc.createSession(deps, requireStaff(req.principal, CENTRE_KEEPERS), req.params.id, req.body)),
    );

    /**
     * Changes a session's date, capacity or occupations under its row lock: capacity never below the seats
     * booked (`capacity_below_booked`), booked occupations kept (`isco_has_bookings`), no past date; a past
     * session is not changed (409 `test_session_past`). 404 `test_session_not_found`, 403.
     */
    app.patch('/office/test-sessions/:id', { schema: { tags, params: IdParams, body: UpdateTestSessionRequest, response: { 200: StaffTestSession, ...problemResponses } } }, (req) =>
      svc.updateSession(deps, requireStaff(req.principal, CENTRE_KEEPERS), req.params.id, req.body),
    );
  };
}

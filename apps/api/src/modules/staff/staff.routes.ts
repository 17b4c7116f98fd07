import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateStaffRequest, CreatedStaff, IdParams, SessionInfo, StaffListQuery, StaffMember, StaffSignInRequest, UpdateStaffRequest } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { perMinute, problemResponses, setSessionCookie } from '../../http/route-helpers.ts';
import { requireStaff } from '../../platform/auth/principal.ts';
import * as staff from './staff.service.ts';

const tags = ['staff'];

/** Staff sign-in (password + TOTP) and staff account management. */
export function staffRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** Staff sign-in with email, password and a 6-digit authenticator code (RFC 6238). */
    app.post(
      '/session/staff',
      { config: perMinute(deps.config.rateLimitSignInPerMinute), schema: { tags, body: StaffSignInRequest, response: { 200: SessionInfo, ...problemResponses } } },
      async (req, reply) => {
        const result = await staff.signInStaff(deps, req.body, req.sessionToken);
        setSessionCookie(reply, deps, result.token);
        return { kind: 'staff' as const, staff: result.staff };
      },
    );

    /** Staff in the caller's scope. HQ administrators, auditors, directorate managers and office heads. */
    app.get('/staff', { schema: { tags, querystring: StaffListQuery, response: { 200: z.array(StaffMember), ...problemResponses } } }, async (req) =>
      staff.listStaff(deps, requireStaff(req.principal, ['hq_admin', 'auditor', 'directorate_manager', 'office_head']), req.query),
    );

    /** One staff member in the caller's scope; 403 `out_of_scope` otherwise. */
    app.get('/staff/:id', { schema: { tags, params: IdParams, response: { 200: StaffMember, ...problemResponses } } }, async (req) =>
      staff.getStaffInScope(deps, requireStaff(req.principal, ['hq_admin', 'auditor', 'directorate_manager', 'office_head']), req.params.id),
    );

    /** Create a staff account; the TOTP secret is in this response only. HQ administrators. 201. */
    app.post('/staff', { schema: { tags, body: CreateStaffRequest, response: { 201: CreatedStaff, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await staff.createStaff(deps, requireStaff(req.principal, ['hq_admin']), req.body)),
    );

    /** Change role, scope or disabled state. HQ administrators. */
    app.patch('/staff/:id', { schema: { tags, params: IdParams, body: UpdateStaffRequest, response: { 200: StaffMember, ...problemResponses } } }, async (req) =>
      staff.updateStaff(deps, requireStaff(req.principal, ['hq_admin']), req.params.id, req.body),
    );
  };
}

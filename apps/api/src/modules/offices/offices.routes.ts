import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateOfficeRequest, Directorate, IdParams, Office, OfficeListQuery, UpdateOfficeRequest } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireStaff } from '../../platform/auth/principal.ts';
import * as offices from './offices.service.ts';

const tags = ['offices'];

/** The office network: directorates and labour offices, scoped to the caller's place in the hierarchy. */
export function officeRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** Directorates in the caller's scope with office counts. Any staff role. */
    app.get('/directorates', { schema: { tags, response: { 200: z.array(Directorate), ...problemResponses } } }, async (req) =>
      offices.listDirectorates(deps, requireStaff(req.principal)),
    );

    /** Offices in the caller's scope (`?directorate=01` narrows). Any staff role. */
    app.get('/offices', { schema: { tags, querystring: OfficeListQuery, response: { 200: z.array(Office), ...problemResponses } } }, async (req) =>
      offices.listOffices(deps, requireStaff(req.principal), req.query.directorate),
    );

    /** One office; 403 `out_of_scope` outside the caller's scope. */
    app.get('/offices/:id', { schema: { tags, params: IdParams, response: { 200: Office, ...problemResponses } } }, async (req) =>
      offices.getOffice(deps, requireStaff(req.principal), req.params.id),
    );

    /** Open an office. HQ administrators only. 201. */
    app.post('/offices', { schema: { tags, body: CreateOfficeRequest, response: { 201: Office, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await offices.createOffice(deps, requireStaff(req.principal, ['hq_admin']), req.body)),
    );

    /** Edit or (de)activate an office. HQ administrators only. */
    app.patch('/offices/:id', { schema: { tags, params: IdParams, body: UpdateOfficeRequest, response: { 200: Office, ...problemResponses } } }, async (req) =>
      offices.updateOffice(deps, requireStaff(req.principal, ['hq_admin']), req.params.id, req.body),
    );
  };
}

import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CsrfToken, PROBLEMS } from '@rabt/contracts';
import type { AppDeps } from './context.ts';

/** Operational endpoints: liveness, readiness, CSRF token, the problem-code catalogue, node identity. */
export function platformRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** Liveness: the process answers. Never touches the database. */
    app.get('/health', { schema: { tags: ['platform'], response: { 200: z.object({ status: z.literal('ok') }) } } }, () => ({ status: 'ok' as const }));

    /** Readiness: the database answers a query. 503 problem details when it does not. */
    app.get('/ready', { schema: { tags: ['platform'], response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: z.object({ status: z.number(), code: z.string(), title: z.string() }) } } }, async (_req, reply) => {
      try {
        await sql`select 1`.execute(deps.db);
        return { status: 'ready' as const, database: deps.dbKind };
      } catch {
        return reply.code(503).type('application/problem+json').send({ status: 503, title: 'Not ready', code: 'not_ready' });
      }
    });

    /** A CSRF token to send as `x-csrf-token` on every POST/PUT/PATCH/DELETE (synchroniser token bound to a signed cookie). */
    app.get('/api/v1/csrf', { schema: { tags: ['platform'], response: { 200: CsrfToken } } }, (_req, reply) => ({ token: reply.generateCsrf() }));

    /** The problem-code catalogue (RFC 9457 `type` URIs point here): code → HTTP status and titles in Arabic and English. */
    app.get(
      '/api/v1/problems',
      { schema: { tags: ['platform'], response: { 200: z.record(z.string(), z.object({ status: z.number(), en: z.string(), ar: z.string() })) } } },
      () => PROBLEMS,
    );

    /** Which ministry's node this is (ISO 3166-1 alpha-2), for the web header. */
    app.get('/api/v1/node', { schema: { tags: ['platform'], response: { 200: z.object({ country: z.string(), devTools: z.boolean() }) } } }, () => ({
      country: deps.config.country,
      devTools: deps.devTools,
    }));
  };
}

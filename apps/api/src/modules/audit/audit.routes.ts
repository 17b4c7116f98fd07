import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntry, AuditListQuery, AuditVerification } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { toAuditEntry, verifyAuditChain } from '../../platform/audit/audit.ts';
import { requireStaff } from '../../platform/auth/principal.ts';

const tags = ['audit'];
const READERS = ['auditor', 'hq_admin'] as const;

/** The audit log, read-only: newest first, paged by `before` (a sequence number). Auditors and HQ administrators. */
export function auditRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get('/audit-log', { schema: { tags, querystring: AuditListQuery, response: { 200: z.array(AuditEntry), ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      let q = deps.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(req.query.limit);
      if (req.query.before) q = q.where('seq', '<', req.query.before);
      if (req.query.action) q = q.where('action', '=', req.query.action);
      return (await q.execute()).map(toAuditEntry);
    });

    /** Recomputes the hash chain and reports the first row that was edited or removed. */
    app.get('/audit-log/verification', { schema: { tags, response: { 200: AuditVerification, ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return verifyAuditChain(deps.db);
    });
  };
}

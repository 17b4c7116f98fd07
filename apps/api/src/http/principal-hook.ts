import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE, resolveSession } from '../platform/auth/sessions.ts';
import type { AppDeps } from './context.ts';

/** Resolves the session cookie into `req.principal` for every API request (anonymous when none). */
export function registerPrincipal(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('principal', undefined as never);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('preHandler', async (req) => {
    req.principal = { kind: 'anonymous' };
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    req.sessionToken = token;
    const subject = await resolveSession(deps.db, token, { idleMs: deps.config.sessionIdleMs, absoluteMs: deps.config.sessionAbsoluteMs }, deps.clock());
    if (!subject) return;
    if ('citizenId' in subject) {
      const c = await deps.db.selectFrom('citizens').select(['id', 'disabled_at']).where('id', '=', subject.citizenId).executeTakeFirst();
      if (c && !c.disabled_at) req.principal = { kind: 'citizen', citizenId: c.id };
      return;
    }
    if ('employerId' in subject) {
      const e = await deps.db.selectFrom('employers').select(['id', 'disabled_at']).where('id', '=', subject.employerId).executeTakeFirst();
      if (e && !e.disabled_at) req.principal = { kind: 'employer', employerId: e.id };
      return;
    }
    const s = await deps.db
      .selectFrom('staff')
      .select(['id', 'role', 'office_id', 'directorate_code', 'training_centre_id', 'disabled_at'])
      .where('id', '=', subject.staffId)
      .executeTakeFirst();
    if (s && !s.disabled_at) req.principal = { kind: 'staff', staffId: s.id, role: s.role, officeId: s.office_id, directorateCode: s.directorate_code, trainingCentreId: s.training_centre_id };
  });
}

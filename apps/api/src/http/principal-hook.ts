import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, cachedCitizenSession, rememberCitizenSession, resolveSessionUntil } from '../platform/auth/sessions.ts';
import type { AppDeps } from './context.ts';

/**
 * Resolves the session cookie into `req.principal` for every API request (anonymous when none). A GET or
 * HEAD request of a citizen may use the session as checked in the last 2 s on this node (sessions.ts
 * cachedCitizenSession); every other request checks the database.
 */
export function registerPrincipal(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('principal', undefined as never);
  app.decorateRequest('sessionToken', undefined);
  // Callback style: the common case (a citizen's GET within 2 s of the last check) finishes without a promise.
  // preValidation (before the schema check), so that a route's own preValidation hook can already see the
  // principal: the e-services routes refuse a signed-out request 401 even when its parameters are malformed,
  // rather than 400 validation_failed (eservices.routes.ts).
  app.addHook('preValidation', (req, _reply, done) => {
    req.principal = { kind: 'anonymous' };
    if (!req.url.startsWith('/api/')) return done();
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return done();
    req.sessionToken = token;
    const now = deps.clock();
    const known = req.method === 'GET' || req.method === 'HEAD' ? cachedCitizenSession(deps.db, token, now) : undefined;
    if (known) {
      req.principal = { kind: 'citizen', citizenId: known };
      return done();
    }
    resolvePrincipal(deps, req, token, now).then(() => done(), done);
  });
}

/** Checks the session against the database and sets `req.principal` (staff, employer, citizen, or left anonymous). */
async function resolvePrincipal(deps: AppDeps, req: FastifyRequest, token: string, now: Date): Promise<void> {
  const session = await resolveSessionUntil(deps.db, token, { idleMs: deps.config.sessionIdleMs, absoluteMs: deps.config.sessionAbsoluteMs }, now);
  if (!session) return;
  const subject = session.subject;
  if ('citizenId' in subject) {
    const c = await deps.db.selectFrom('citizens').select(['id', 'disabled_at']).where('id', '=', subject.citizenId).executeTakeFirst();
    if (c && !c.disabled_at) {
      req.principal = { kind: 'citizen', citizenId: c.id };
      rememberCitizenSession(deps.db, token, c.id, now, session.lapsesAt);
    }
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
}

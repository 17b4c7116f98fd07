import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ProblemCode } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';

const Uuid = z.uuid();

/**
 * A path id that is not a UUID (e.g. `/my/applications/not-a-uuid`, a mistyped or truncated link) cannot name
 * anything: it is answered like an id that names nothing — 404 with the resource's not-found code — not 400
 * "some fields are invalid". Registers a `preValidation` hook on `app` (an encapsulated plugin: only its own
 * routes). Signed out: 401 `unauthenticated` first, so a bookmarked link asks to sign in. Hooks registered
 * before this one (e.g. a route's own sign-in check) run first. `notFound(param, routeUrl)` gives the code for
 * a path parameter (e.g. `id` under `/office/testing-centres` → `testing_centre_not_found`), or null for a
 * parameter this rule does not cover (left to the schema).
 */
export function malformedIdIsNotFound(app: FastifyInstance, notFound: (param: string, routeUrl: string) => ProblemCode | null): void {
  app.addHook('preValidation', (req, _reply, done) => {
    const params = (req.params ?? {}) as Record<string, unknown>;
    for (const [param, value] of Object.entries(params)) {
      const code = notFound(param, req.routeOptions.url ?? '');
      if (code === null || typeof value !== 'string' || Uuid.safeParse(value).success) continue;
      done(new AppError(req.principal.kind === 'anonymous' ? 'unauthenticated' : code));
      return;
    }
    done();
  });
}

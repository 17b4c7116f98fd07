import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ProblemCode } from '@rabt/contracts';
import { AppError } from './errors.ts';

/** The pattern `z.uuid()` checks (RFC 9562), tested directly: the hook runs on every request of its routes. */
const UUID = z.regexes.uuid();

/**
 * What a path parameter that cannot name anything answers: the resource's not-found code (404) — for a UUID
 * parameter, or, with `wellFormed`, for a parameter of another shape (e.g. a payment provider reference).
 */
export type MalformedIdRule = ProblemCode | { code: ProblemCode; wellFormed: (value: string) => boolean };

export interface MalformedIdOptions {
  /**
   * Routes readable signed out, as `'<METHOD> <route url>'` without the plugin's prefix (e.g.
   * `'GET /elearning/courses/:id'` in a plugin registered under `/api/v1`): a
   * malformed id there answers the not-found code to a signed-out caller too, as an absent id does, instead
   * of 401.
   */
  publicRoutes?: readonly string[];
}

/**
 * A path id that is not a UUID (e.g. `/my/applications/not-a-uuid`, a mistyped or truncated link) cannot name
 * anything: it is answered like an id that names nothing — 404 with the resource's not-found code — not 400
 * "some fields are invalid". Registers a `preValidation` hook on `app` (an encapsulated plugin: only its own
 * routes). Signed out: 401 `unauthenticated` first, so a bookmarked link asks to sign in (except on
 * `options.publicRoutes`). Hooks registered before this one (e.g. a route's own sign-in check) run first.
 * `notFound(param, routeUrl)` gives the rule for a path parameter (e.g. `id` under `/office/testing-centres` →
 * `testing_centre_not_found`), or null for a parameter this rule does not cover (left to the schema).
 */
export function malformedIdIsNotFound(app: FastifyInstance, notFound: (param: string, routeUrl: string) => MalformedIdRule | null, options: MalformedIdOptions = {}): void {
  const publicRoutes = new Set((options.publicRoutes ?? []).map((r) => r.replace(' ', ` ${app.prefix}`)));
  // The rule of each (route, parameter), resolved once: routes are templates, so the map is bounded.
  const rules = new Map<string, { code: ProblemCode; wellFormed: (value: string) => boolean } | null>();
  const ruleFor = (param: string, url: string) => {
    const key = `${url}\u0000${param}`;
    let r = rules.get(key);
    if (r === undefined) {
      const rule = notFound(param, url);
      r = rule === null ? null : typeof rule === 'string' ? { code: rule, wellFormed: (v: string) => UUID.test(v) } : rule;
      rules.set(key, r);
    }
    return r;
  };
  app.addHook('preValidation', (req, _reply, done) => {
    const params = (req.params ?? {}) as Record<string, unknown>;
    const url = req.routeOptions.url ?? '';
    for (const param in params) {
      const value = params[param];
      const rule = ruleFor(param, url);
      if (rule === null || typeof value !== 'string') continue;
      const { code, wellFormed } = rule;
      if (wellFormed(value)) continue;
      const signedOutOk = publicRoutes.has(`${req.method} ${url}`);
      done(new AppError(req.principal.kind === 'anonymous' && !signedOutOk ? 'unauthenticated' : code));
      return;
    }
    done();
  });
}

/**
 * A `notFound` for malformedIdIsNotFound that names the resource by the path segment before the parameter:
 * with `{ courses: 'course_not_found', lessons: 'lesson_not_found' }`, `:courseId` in
 * `/elearning/courses/:courseId/lessons/:lessonId` → `course_not_found`, `:lessonId` → `lesson_not_found`.
 * A parameter after a segment not in `codes` (e.g. a token or a version number) is left to the schema.
 */
export function notFoundBySegment(codes: Readonly<Record<string, ProblemCode>>): (param: string, routeUrl: string) => ProblemCode | null {
  return (param, routeUrl) => {
    const segments = routeUrl.split('/');
    const at = segments.indexOf(`:${param}`);
    const before = at > 0 ? segments[at - 1]! : '';
    return Object.hasOwn(codes, before) ? codes[before]! : null;
  };
}

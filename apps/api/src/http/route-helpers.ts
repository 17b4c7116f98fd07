import type { FastifyReply } from 'fastify';
import { ProblemDetails } from '@rabt/contracts';
import type { AppDeps } from './context.ts';
import { SESSION_COOKIE } from '../platform/auth/sessions.ts';

/** Problem-details responses every route documents in OpenAPI (RFC 9457). */
export const problemResponses = { '4xx': ProblemDetails, '5xx': ProblemDetails } as const;

/** Sets the session cookie: HttpOnly, Secure (configurable for plain-HTTP development), SameSite=Strict. */
export function setSessionCookie(reply: FastifyReply, deps: Pick<AppDeps, 'config'>, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: deps.config.cookieSecure,
    sameSite: 'strict',
    path: '/',
    maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Per-route rate limit (per client IP) for sign-in and code requests. */
export function perMinute(max: number) {
  return { rateLimit: { max, timeWindow: '1 minute' } };
}

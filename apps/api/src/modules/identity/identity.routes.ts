import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CitizenAccount,
  PendingVerification,
  RegisterCitizenRequest,
  ResendCodeRequest,
  SessionInfo,
  SignInRequest,
  UpdateCitizenAccountRequest,
  VerifyMobileRequest,
} from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { clearSessionCookie, perMinute, problemResponses, setSessionCookie } from '../../http/route-helpers.ts';
import { requireCitizen } from '../../platform/auth/principal.ts';
import { revokeSession } from '../../platform/auth/sessions.ts';
import * as identity from './identity.service.ts';
import { getSessionInfo } from './session-info.ts';

const tags = ['identity'];

/** Citizen registration, mobile confirmation, sign-in/out and the citizen's own account. */
export function identityRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** Register with national ID, names (Arabic and Latin), mobile and password; a 6-digit code is sent by SMS. 201. */
    app.post(
      '/citizens',
      // Looser than code resends: people correct typos, and offices share one address.
      { config: perMinute(deps.config.rateLimitRegisterPerMinute), schema: { tags, body: RegisterCitizenRequest, response: { 201: PendingVerification, ...problemResponses } } },
      async (req, reply) => reply.code(201).send(await identity.registerCitizen(deps, req.body)),
    );

    /** Confirm the mobile with the code; signs the citizen in (sets the session cookie). */
    app.post(
      '/citizens/verify-mobile',
      { config: perMinute(deps.config.rateLimitSignInPerMinute), schema: { tags, body: VerifyMobileRequest, response: { 200: SessionInfo, ...problemResponses } } },
      async (req, reply) => {
        const { token, account } = await identity.verifyMobile(deps, req.body, req.sessionToken);
        setSessionCookie(reply, deps, token);
        return { kind: 'citizen' as const, account };
      },
    );

    /** Send a new code (the previous one stops working). */
    app.post(
      '/citizens/resend-code',
      { config: perMinute(deps.config.rateLimitCodesPerMinute), schema: { tags, body: ResendCodeRequest, response: { 200: PendingVerification, ...problemResponses } } },
      async (req) => identity.resendCode(deps, req.body.accountId),
    );

    /** Citizen sign-in with national ID (in the body, never the URL) and password. */
    app.post(
      '/session/citizen',
      { config: perMinute(deps.config.rateLimitSignInPerMinute), schema: { tags, body: SignInRequest, response: { 200: SessionInfo, ...problemResponses } } },
      async (req, reply) => {
        const { token, account } = await identity.signInCitizen(deps, req.body, req.sessionToken);
        setSessionCookie(reply, deps, token);
        return { kind: 'citizen' as const, account };
      },
    );

    /** Who is signed in on this browser. */
    app.get('/session', { schema: { tags, response: { 200: SessionInfo, ...problemResponses } } }, async (req) => getSessionInfo(deps, req.principal));

    /** Sign out: the session is revoked on the server and the cookie cleared. 204. */
    app.delete('/session', { schema: { tags, response: { 204: z.null(), ...problemResponses } } }, async (req, reply) => {
      if (req.sessionToken) await revokeSession(deps.db, req.sessionToken, deps.clock());
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    });

    /** The signed-in citizen's account. 401 when signed out. */
    app.get('/me', { schema: { tags, response: { 200: CitizenAccount, ...problemResponses } } }, async (req) =>
      identity.getCitizenAccount(deps, requireCitizen(req.principal).citizenId),
    );

    /** Edit names, email or language. */
    app.patch('/me', { schema: { tags, body: UpdateCitizenAccountRequest, response: { 200: CitizenAccount, ...problemResponses } } }, async (req) =>
      identity.updateCitizenAccount(deps, requireCitizen(req.principal).citizenId, req.body),
    );
  };
}

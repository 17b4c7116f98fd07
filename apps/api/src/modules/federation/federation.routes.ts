import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FEDERATION_MAX_BATCH_BYTES,
  FederationBatchRequest,
  FederationBatchResponse,
  PROBLEMS,
  FederationDeadLetter,
  FederationDeadLetterQuery,
  FederationIdParam,
  FederationJwks,
  FederationMessageListQuery,
  FederationMessagePage,
  FederationPeerStatus,
} from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireStaff } from '../../platform/auth/principal.ts';
import { isFederationNode, type FederationNode } from './federation.service.ts';

const tags = ['federation'];
const READERS = ['auditor', 'hq_admin'] as const;

/**
 * Federation v1 endpoints (docs/federation-v1.md). Protocol: `GET /.well-known/jwks.json` and
 * `POST /federation/v1/messages` (outside /api/, so no session and no CSRF token: messages authenticate
 * themselves by signature). Staff views under /api/v1/federation for auditors and HQ administrators.
 * Served only when `deps.federation` is the real implementation (not a test double).
 */
export function federationRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (root) => {
    if (!isFederationNode(deps.federation)) return;
    const federation = deps.federation;
    await root.register(protocolRoutes(federation, deps.config.federation.maxMessageBytes));
    await root.register(staffViews(federation), { prefix: '/api/v1/federation' });
  };
}

function protocolRoutes(federation: FederationNode, maxBytes: number): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    // Only this plugin accepts application/jose (a compact JWS is plain ASCII text).
    app.addContentTypeParser('application/jose', { parseAs: 'string', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));

    /**
     * This node's public signing keys (JWK Set, RFC 7517): Ed25519, `kid` = RFC 7638 thumbprint, the active
     * key first, retiring keys still listed during a rotation. Peers pin thumbprints and fetch keys from here.
     */
    app.get('/.well-known/jwks.json', { schema: { tags, response: { 200: FederationJwks } } }, async (_req, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return federation.jwks();
    });

    /**
     * Receives one message: body = the compact JWS, `Content-Type: application/jose`, at most
     * FEDERATION_MAX_MESSAGE_BYTES. Answers a signed receipt (`application/jose`): 200 accepted | duplicate |
     * stale; 4xx/503 rejected with a reason (docs/federation-v1.md §6). When the message cannot even be
     * identified (no readable id), RFC 9457 problem details: 400 federation_malformed_message, 413, 415.
     * The response is a JWS, not JSON, so it has no response schema here; docs/federation-v1/schemas has it.
     */
    app.post(
      '/federation/v1/messages',
      {
        bodyLimit: maxBytes,
        schema: { tags, consumes: ['application/jose'] },
        // Refused before the body is read or parsed as anything else.
        onRequest: async (req) => {
          const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
          if (type !== 'application/jose') throw new AppError('unsupported_media_type');
        },
      },
      async (req, reply) => {
        const result = await federation.receive(typeof req.body === 'string' ? req.body : '');
        if (result.kind === 'problem') throw new AppError(result.code, { detail: result.detail });
        return reply.code(result.httpStatus).type('application/jose').send(result.jws);
      },
    );

    /**
     * Receives up to 100 messages (1 MiB) in one request: `{ messages: [compact JWS, …] }`. Answers 200
     * `{ results: [{ status, receipt } | { status, problem: { code, detail } }] }` in the same order, each
     * exactly what POST /federation/v1/messages would have answered for that message alone. Transport only:
     * nothing is signed over the batch. 400 validation_failed when the body is not such an object.
     */
    app.post(
      '/federation/v1/batch',
      { bodyLimit: FEDERATION_MAX_BATCH_BYTES, schema: { tags, body: FederationBatchRequest, response: { 200: FederationBatchResponse, ...problemResponses } } },
      async (req) => {
        const results = await federation.receiveBatch(req.body.messages);
        return {
          results: results.map((r) =>
            r.kind === 'receipt' ? { status: r.httpStatus, receipt: r.jws } : { status: PROBLEMS[r.code].status, problem: { code: r.code, detail: r.detail } },
          ),
        };
      },
    );
  };
}

function staffViews(federation: FederationNode): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /** The message log, both directions, newest first; page with `cursor` = the previous `nextCursor`. Auditors and HQ administrators. */
    app.get('/messages', { schema: { tags, querystring: FederationMessageListQuery, response: { 200: FederationMessagePage, ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return federation.listMessages(req.query);
    });

    /** Outgoing messages the relay gave up on (maximum attempts or a permanent rejection), newest first. */
    app.get('/dead-letters', { schema: { tags, querystring: FederationDeadLetterQuery, response: { 200: z.array(FederationDeadLetter), ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return federation.listDeadLetters(req.query);
    });

    /** Queues a dead letter again (attempts reset to 0), audited. HQ administrators. 404 unknown id, 409 not a dead letter. */
    app.post(
      '/dead-letters/:id/retry',
      { schema: { tags, params: FederationIdParam, response: { 200: z.object({ id: z.string(), status: z.literal('pending') }), ...problemResponses } } },
      async (req) => {
        const staff = requireStaff(req.principal, ['hq_admin']);
        await federation.retryDeadLetter(req.params.id, { kind: 'staff', id: staff.staffId });
        return { id: req.params.id, status: 'pending' as const };
      },
    );

    /** Each pinned peer: URL, thumbprints, circuit-breaker state, backlog (pending, dead, oldest pending). */
    app.get('/peers', { schema: { tags, response: { 200: z.array(FederationPeerStatus), ...problemResponses } } }, async (req) => {
      requireStaff(req.principal, READERS);
      return federation.peerStatuses();
    });
  };
}

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VerificationCodeParams, VerificationResult } from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen } from '../../platform/auth/principal.ts';
import * as verify from './verify.service.ts';

const tags = ['verify'];
const Json = z.record(z.string(), z.unknown());

/**
 * Signed documents of this node (issue 4 §6, issue 5 §8): public verification by code, the trust bundle
 * for offline verifiers, and the holder's own documents (list, PDF, offline verification file).
 */
export function documentRoutes(deps: verify.VerifyDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /**
     * Public: verify a document by its code (e.g. EG-7K3M-9QXD-2HFA, case-insensitive): genuine | cancelled
     * | superseded | revoked | not_found, with the title and key facts (holder's name masked). Never a
     * passport or national ID. Answers of existing documents are served from memory.
     */
    app.get('/verify/:code', { schema: { tags, params: VerificationCodeParams, response: { 200: VerificationResult, ...problemResponses } } }, async (req, reply) =>
      // Serialized once per document and cached (verification-cache.ts); a string is sent as is.
      reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache').send((await verify.verifyCodeJson(deps, req.params.code)) as unknown as VerificationResult),
    );

    /** Public: what an offline verifier caches — the nodes' JWKS (RFC 7517), the register's and witnesses' C2SP note keys. */
    app.get('/trust/bundle', { schema: { tags, response: { 200: Json, ...problemResponses } } }, async (_req, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return (await verify.trustBundle(deps)) as unknown as Record<string, unknown>;
    });

    /** The signed-in citizen's certificates, licences and permits, newest first (contracts are under /worker/contracts). */
    app.get('/documents/mine', { schema: { tags, response: { 200: z.array(VerificationResult), ...problemResponses } } }, async (req) =>
      verify.holderDocuments(deps, requireCitizen(req.principal).citizenId),
    );

    /** The holder's document as a bilingual PDF with its QR code. 404 `document_not_found`. */
    app.get('/documents/:code/pdf', { schema: { tags, params: VerificationCodeParams } }, async (req, reply) => {
      const pdf = await verify.holderPdf(deps, requireCitizen(req.principal).citizenId, req.params.code);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${req.params.code.toUpperCase()}.pdf"`).header('cache-control', 'no-store').send(pdf);
    });

    /** The holder's offline verification file (General JWS, QR token, register inclusion proof). 404 `document_not_found`, 503 `register_checkpoint_pending`. */
    app.get('/documents/:code/bundle', { schema: { tags, params: VerificationCodeParams, response: { 200: Json, ...problemResponses } } }, async (req, reply) => {
      const bundle = await verify.holderBundle(deps, requireCitizen(req.principal).citizenId, req.params.code);
      void reply.header('content-disposition', `attachment; filename="${bundle.code}.rabt.json"`).header('cache-control', 'no-store');
      return bundle as unknown as Record<string, unknown>;
    });
  };
}

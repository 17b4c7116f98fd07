import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApplicationDocument, DocumentParams, IdParams, UploadDocumentQuery } from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen } from '../../platform/auth/principal.ts';
import { malformedIdIsNotFound } from '../../http/malformed-id.ts';
import * as svc from './uploads.service.ts';
import type { UploadsDeps } from './uploads.service.ts';

const tags = ['e-services'];

/**
 * Documents of e-service applications (issue 5 §6). Uploads are a raw binary body
 * (`Content-Type: application/octet-stream`, no multipart) with the document type in the query; the
 * per-route body limit is UPLOADS_MAX_BYTES (413 `payload_too_large` above it), each type's own
 * maxBytes is checked by the service. The type stored and served is the one sniffed from the content,
 * never the client's claim. Downloads are attachments with `X-Content-Type-Options: nosniff`
 * (OWASP File Upload Cheat Sheet; RFC 6266 Content-Disposition).
 */
export function uploadRoutes(deps: UploadsDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    // An application or document id that is not a UUID is not found (404), like one that names nothing.
    malformedIdIsNotFound(app, (param) => (param === 'id' ? 'service_application_not_found' : param === 'docId' ? 'upload_not_found' : null));
    // Only in this plugin's scope (other routes stay JSON-only): the upload body is raw bytes whatever Content-Type the client claims — the type is sniffed.
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.uploads.maxBytes }, (_req, body, done) => done(null, body));

    /**
     * Citizen: uploads one document to their application (draft, or while the office asks for information).
     * Query `type` = a type key of the service's documents. Body: the file's bytes (application/octet-stream);
     * an `X-File-Name` header may be sent but is neither trusted nor stored. 201 with id, sniffed content
     * type, size (bytes) and SHA-256 (hex). Errors: 404 `service_application_not_found`; 409 `upload_state`;
     * 422 `upload_type_unknown`, `upload_empty`; 413 `upload_too_large` / `payload_too_large`; 415
     * `upload_content_refused` (sniffed type not accepted, executable, or PDF with active content) or
     * `unsupported_media_type` (not sent as application/octet-stream). Nothing is saved on refusal.
     */
    app.post(
      '/applications/:id/documents',
      { bodyLimit: deps.config.uploads.maxBytes, schema: { tags, params: IdParams, querystring: UploadDocumentQuery, response: { 201: ApplicationDocument, ...problemResponses } } },
      async (req, reply) => {
        const citizen = requireCitizen(req.principal);
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        return reply.code(201).send(await svc.upload(deps, citizen.citizenId, req.params.id, req.query.type, body));
      },
    );

    /** Applicant, or staff of the application's scope once submitted: the uploaded documents (no contents). 403 `out_of_scope`. */
    app.get('/applications/:id/documents', { schema: { tags, params: IdParams, response: { 200: z.array(ApplicationDocument), ...problemResponses } } }, (req) => svc.list(deps, req.principal, req.params.id));

    /**
     * Applicant, or staff of the application's scope: downloads one document as an attachment with its
     * sniffed type, `X-Content-Type-Options: nosniff` and a sandboxing CSP; the file name is
     * `<type>-<reference>.<ext>` (never the uploader's). Audited. 404 `upload_not_found`; 403 `out_of_scope`.
     */
    app.get('/applications/:id/documents/:docId', { schema: { tags, params: DocumentParams } }, async (req, reply) => {
      const file = await svc.download(deps, req.principal, req.params.id, req.params.docId);
      return reply
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-length', String(file.sizeBytes))
        .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
        .type(file.contentType)
        .send(file.stream);
    });
  };
}

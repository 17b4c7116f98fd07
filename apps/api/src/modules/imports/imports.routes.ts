import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, IMPORT_CSV_TYPE, IMPORT_MAX_BYTES, IMPORT_XLSX_TYPE, ImportIssues, ImportJob, ImportReportQuery, ImportUploadQuery } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireStaff } from '../../platform/auth/principal.ts';
import * as svc from './imports.service.ts';
import type { ImportsDeps } from './imports.service.ts';

const tags = ['imports'];
const UPLOAD_TYPES = [IMPORT_CSV_TYPE, IMPORT_XLSX_TYPE];

/**
 * Legacy register imports (issue 5 §10; Law 14/2025 Art. 33 registrations). The upload is the raw file
 * (no multipart), streamed to disk and parsed in the background; the page polls the job for progress.
 * Jobs still running when the node closes are awaited.
 */
export function importRoutes(deps: ImportsDeps & { log?: (err: unknown) => void }): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const running = new Set<Promise<void>>();
    app.addHook('onClose', async () => {
      await Promise.allSettled([...running]);
    });
    // The body stays a stream: the service counts its bytes and stops at IMPORT_MAX_BYTES.
    app.addContentTypeParser(UPLOAD_TYPES, { bodyLimit: IMPORT_MAX_BYTES }, (_req, payload, done) => done(null, payload));

    /**
     * Office heads and directorate managers: upload a legacy register of employment registrations.
     * Body: the raw file, Content-Type `text/csv` (UTF-8) or the XLSX type, at most 50 MB. Header row with
     * the columns register_number, national_id, name, registration_date (YYYY-MM-DD or D/M/YYYY),
     * office_code, isco (ISCO-08 unit group), qualification, experience_years — English or Arabic names.
     * Query `office`: the office whose register it is (rows may then leave office_code blank).
     * 202 with the job (status queued); poll GET /imports/{id}. Errors: 403 `forbidden` | `out_of_scope`,
     * 400 `import_file_empty` | `import_file_columns` | `validation_failed`, 413 `payload_too_large`,
     * 415 `unsupported_media_type` (another Content-Type) | `import_file_type` (content does not match).
     */
    app.post('/imports/employment-registrations', { bodyLimit: IMPORT_MAX_BYTES, schema: { tags, querystring: ImportUploadQuery, response: { 202: ImportJob, ...problemResponses } } }, async (req, reply) => {
      const staff = requireStaff(req.principal);
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const length = Number(req.headers['content-length'] ?? NaN);
      if (length > IMPORT_MAX_BYTES) throw new AppError('payload_too_large');
      const body = req.body instanceof Readable ? req.body : Readable.from([]);
      const started = await svc.startImport(deps, staff, { body, contentType, officeCode: req.query.office });
      const p = started.run().catch((err: unknown) => {
        req.log.error({ err }, 'import job failed');
        deps.log?.(err);
      });
      running.add(p);
      void p.finally(() => running.delete(p));
      return reply.code(202).send(started.job);
    });

    /** Staff who may see the job: its status and counts so far (rows read, imported, duplicates, errors) and percent of the file parsed. 404 `import_not_found`. */
    app.get('/imports/:id', { schema: { tags, params: IdParams, response: { 200: ImportJob, ...problemResponses } } }, (req) => svc.getJob(deps, requireStaff(req.principal), req.params.id));

    /** The rows not imported (duplicates and errors: row, field, bilingual reason), first 500 in file order. 404 `import_not_found`. */
    app.get('/imports/:id/issues', { schema: { tags, params: IdParams, response: { 200: ImportIssues, ...problemResponses } } }, (req) => svc.getIssues(deps, requireStaff(req.principal), req.params.id));

    /**
     * The full report as CSV (UTF-8 with BOM), one line per data row of the file: row, result, column(s) at
     * fault, reason in Arabic, reason in English. Query `lang` = ar (default) | en: the language of the header
     * row, the result and the column names. 404 `import_not_found`, 400 `validation_failed` (bad `lang`).
     */
    app.get('/imports/:id/report.csv', { schema: { tags, params: IdParams, querystring: ImportReportQuery } }, async (req, reply) => {
      const lines = await svc.reportCsv(deps, requireStaff(req.principal), req.params.id, req.query.lang);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${req.params.id}.csv"`)
        .send(Readable.from(lines));
    });
  };
}

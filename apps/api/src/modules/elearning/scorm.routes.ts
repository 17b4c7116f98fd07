import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EnrolmentLessonParams, IdParams, normalizeDigits, ScormLaunch, ScormRuntimeReport, ScormSaveResult, StaffCourse } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import { AUTHORS } from './elearning.service.ts';
import { elearningMalformedIds } from './malformed-ids.ts';
import { bootstrapScript, LAUNCH_TOKEN, launchScorm, packageFile, readZipBody, saveScormRuntime, scorm12RuntimeScript, uploadScormPackage, type ScormDeps } from './scorm.service.ts';

const tags = ['e-learning'];
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];
const TokenParams = z.strictObject({ token: z.string().regex(LAUNCH_TOKEN) });
/** `?sco=`: a SCO's position (0–99); Arabic-Indic digits are accepted like everywhere else. */
const LaunchQuery = z.strictObject({ sco: z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v) : v), z.coerce.number().int().min(0).max(99)).optional() });
const FileParams = z.strictObject({ token: z.string().regex(LAUNCH_TOKEN), '*': z.string().min(1).max(2000) });

/**
 * Headers of everything the sandboxed SCO frame loads. The frame's origin is opaque, so its subresource
 * requests are cross-origin: Cross-Origin-Resource-Policy must allow them (helmet's default, same-origin,
 * would block every script and image of the package). Package files also get their own CSP: a sandbox
 * without allow-same-origin (the SCO's scripts cannot read Rabt's cookies, storage or DOM), instead of the
 * app's CSP whose frame-ancestors 'none' forbids framing; X-Frame-Options is dropped with it, since a
 * SCO may frame its own pages.
 */
function sandboxHeaders(reply: FastifyReply, packageFile: boolean): void {
  void reply.header('x-content-type-options', 'nosniff').header('cross-origin-resource-policy', 'cross-origin');
  if (packageFile) void reply.header('content-security-policy', 'sandbox allow-scripts allow-forms').removeHeader('x-frame-options');
}

/**
 * SCORM 1.2 lessons (issue 6 §1): authors upload a package; trainees launch its SCOs, one at a time, in a
 * sandboxed iframe, whose run-time API (scorm-again) reports commits to the lesson page, which saves them here.
 */
export function scormRoutes(deps: ScormDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    elearningMalformedIds(app);
    // The package arrives as the raw .zip body (no multipart); scorm.service.ts reads it with its size limit.
    app.addContentTypeParser(ZIP_TYPES, (_req, payload, done) => done(null, payload));

    /**
     * Uploads the lesson's SCORM 1.2 package as the raw body (Content-Type application/zip or
     * application/octet-stream), replacing any previous one; draft or returned course, its authors only.
     * ≤ 50 MB zipped, ≤ 2,000 entries, ≤ 200 MB unzipped. 415 `scorm_not_zip`; 413 `scorm_too_large`; 422
     * `scorm_too_many_files` | `scorm_zip_invalid` | `scorm_unsafe_path` | `scorm_manifest_missing` |
     * `scorm_manifest_invalid` | `scorm_version_unsupported` (SCORM 2004) | `scorm_no_sco` |
     * `scorm_mastery_score_invalid` (an adlcp:masteryscore not 0–100); 409 `course_not_editable`. The answer's
     * lesson `scorm.scoCount` is how many parts (SCOs) the package delivers.
     */
    app.put('/training/lessons/:id/scorm', { schema: { tags, params: IdParams, response: { 200: StaffCourse, ...problemResponses } } }, async (req) => {
      const staff = requireStaff(req.principal, AUTHORS);
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : undefined;
      const zip = await readZipBody(req.body, length);
      return uploadScormPackage(deps, staff, req.params.id, zip);
    });

    /**
     * Launches a SCO of the lesson's package (`?sco=` its position in delivery order, 0 by default, the
     * first): the URL for a sandboxed iframe (valid 8 hours), the trainee's saved run-time data for that SCO
     * (null for training staff) and every SCO with the trainee's status, its mastery score, the SCOs it
     * requires and whether it is locked. 403 `not_enrolled` | `out_of_scope`, 404 `scorm_package_not_found` |
     * `scorm_sco_not_found`, 409 `scorm_sco_locked` (a trainee launching a SCO whose prerequisites are not all
     * passed or completed).
     */
    app.get('/elearning/lessons/:id/scorm/launch', { schema: { tags, params: IdParams, querystring: LaunchQuery, response: { 200: ScormLaunch, ...problemResponses } } }, async (req) =>
      launchScorm(deps, req.principal, req.params.id, req.query.sco),
    );

    /**
     * Saves what the trainee's SCO committed (cmi.core.lesson_status, cmi.core.score.raw,
     * cmi.core.lesson_location ≤ 255, cmi.suspend_data ≤ 4096, cmi.core.session_time HHHH:MM:SS.SS with the
     * launch token); with the SCO's mastery score and a score, the status stored is passed (score ≥ mastery
     * score) or failed, whatever status was reported on LMSFinish, and for a reported passed, completed or
     * failed on LMSCommit (SCORM 1.2 RTE §3.4.4); passed or completed from every
     * SCO completes the lesson; the session time accumulates into
     * cmi.core.total_time once per launch (runtime.totalTime in the answer). Nothing is saved on an error.
     * 400 `validation_failed` | `scorm_session_time_invalid`, 403 `scorm_launch_expired` (a forged or another
     * trainee's launch token), 404 `enrolment_not_found` | `lesson_not_found` | `scorm_package_not_found`.
     */
    app.put('/elearning/enrolments/:id/lessons/:lessonId/scorm', { schema: { tags, params: EnrolmentLessonParams, body: ScormRuntimeReport, response: { 200: ScormSaveResult, ...problemResponses } } }, async (req) =>
      saveScormRuntime(deps, requireCitizen(req.principal).citizenId, req.params.id, req.params.lessonId, req.body),
    );

    /** scorm-again's SCORM 1.2 run-time (public library code, the same for everyone; cached an hour). */
    app.get('/elearning/scorm-runtime/scorm12.js', { schema: { tags, hide: true }, onSend: (_req, reply, payload, done) => done(null, (void reply.header('cache-control', 'public, max-age=3600'), payload)) }, async (_req, reply) => {
      sandboxHeaders(reply, false);
      return reply.type('text/javascript; charset=utf-8').send(scorm12RuntimeScript());
    });

    /** The bootstrap of one launch (seeds the API with the learner's saved data). 403 `scorm_launch_expired`. */
    app.get('/elearning/scorm-boot/:token', { schema: { tags, hide: true, params: TokenParams } }, async (req, reply) => {
      sandboxHeaders(reply, false);
      return reply.type('text/javascript; charset=utf-8').send(await bootstrapScript(deps, req.params.token));
    });

    /**
     * A file of the launched package, for the sandboxed frame (no cookies: the token in the path is the
     * access): CSP `sandbox allow-scripts allow-forms`, nosniff, the content type from the extension's allow
     * list; HTML with the SCORM run-time injected. Range requests (RFC 9110 §14): `Accept-Ranges: bytes` and a
     * strong ETag on every answer; `Range: bytes=a-b` (or `a-`, `-n`) answers 206 with Content-Range; a range
     * starting past the end 416 with `Content-Range: bytes *\/size`; If-Range honoured.
     * 403 `scorm_launch_expired`, 404 `not_found`, 416 `range_not_satisfiable`.
     */
    app.get('/elearning/scorm/:token/*', { schema: { tags, hide: true, params: FileParams } }, async (req, reply) => {
      const ifRange = req.headers['if-range'];
      const file = await packageFile(deps, req.params.token, req.params['*'], { range: req.headers.range, ifRange: typeof ifRange === 'string' ? ifRange : undefined });
      sandboxHeaders(reply, true);
      void reply.header('accept-ranges', 'bytes').header('etag', file.etag).type(file.mediaType);
      if (file.status === 416) {
        void reply.header('content-range', `bytes */${file.size}`);
        throw new AppError('range_not_satisfiable');
      }
      if (file.status === 206) {
        return reply.code(206).header('content-range', `bytes ${file.start}-${file.end}/${file.size}`).header('content-length', String(file.end - file.start + 1)).send(file.body);
      }
      return reply.header('content-length', String(file.size)).send(file.body);
    });
  };
}

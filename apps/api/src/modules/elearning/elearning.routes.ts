import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AttemptView,
  CompleteLessonResult,
  CourseCatalogueQuery,
  CourseDetail,
  CourseInput,
  CourseLessonParams,
  CourseSummary,
  EnrolmentLessonParams,
  EnrolmentState,
  IdParams,
  LessonInput,
  LessonPage,
  ModuleInput,
  MyEnrolment,
  QuestionInput,
  ReturnCourseRequest,
  StaffCourse,
  StaffCourseListQuery,
  SubmitAttemptRequest,
  TrainingCentre,
  UpdateCourseRequest,
  UpdateLessonRequest,
  UpdateModuleRequest,
} from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { sendEncoded } from '../../http/encoded-body.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import * as courses from './elearning.service.ts';
import { AUTHORS, TRAINING_STAFF, type ElearningDeps } from './elearning.service.ts';
import { interpretRange, readStored, removeStored, storeUpload } from './files.ts';
import * as learning from './learning.service.ts';
import { elearningMalformedIds } from './malformed-ids.ts';
import * as quiz from './quiz.service.ts';

const tags = ['e-learning'];
const UPLOAD_TYPES = ['application/octet-stream', 'application/pdf', 'video/mp4', 'video/webm'];

/**
 * Vocational e-learning (issue 6): the public catalogue; the trainee's enrolment, lessons, progress,
 * quizzes and certificates (citizens); authoring and the publication workflow under /training (trainers
 * and managers of a training centre; the HQ training department approves). Certificates are signed
 * documents verified at GET /api/v1/verify/{code} and downloaded at GET /api/v1/documents/{code}/pdf.
 */
export function elearningRoutes(deps: ElearningDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    elearningMalformedIds(app);
    // Lesson uploads arrive as the raw file (no multipart): the stream is handed to files.ts as is.
    app.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));

    // ---------------- Public catalogue ----------------

    /** Training centres (demo centres are flagged `demo`). */
    app.get('/elearning/centres', { schema: { tags, response: { 200: z.array(TrainingCentre), ...problemResponses } } }, async () => courses.listCentres(deps));

    /** Published courses; filters: `isco` (ISCO-08 code or prefix, 1-4 digits) and `centre` (id). At most 200, newest first. */
    app.get('/elearning/courses', { schema: { tags, querystring: CourseCatalogueQuery, response: { 200: z.array(CourseSummary), ...problemResponses } } }, async (req) =>
      courses.catalogue(deps, req.query),
    );

    /** A published course: outline (modules, lessons), prerequisites, quiz rules, and the caller's enrolment (signed-in citizen). 404 `course_not_found`. */
    app.get('/elearning/courses/:id', { schema: { tags, params: IdParams, response: { 200: CourseDetail, ...problemResponses } } }, async (req) =>
      courses.courseDetail(deps, req.params.id, req.principal.kind === 'citizen' ? req.principal.citizenId : null),
    );

    // ---------------- Trainee (citizen) ----------------

    /** Enrols the signed-in citizen: 201 new, 200 already enrolled (same enrolment). 404 `course_not_found`, 409 `course_prerequisites_missing`. */
    app.post('/elearning/courses/:id/enrolments', { schema: { tags, params: IdParams, response: { 200: EnrolmentState, 201: EnrolmentState, ...problemResponses } } }, async (req, reply) => {
      const r = await learning.enrol(deps, requireCitizen(req.principal).citizenId, req.params.id);
      return reply.code(r.created ? 201 : 200).send(r.enrolment);
    });

    /** The caller's courses with progress (percent of lessons), resume lesson and certificate code. */
    app.get('/elearning/my', { schema: { tags, response: { 200: z.array(MyEnrolment), ...problemResponses } } }, async (req) => learning.myLearning(deps, requireCitizen(req.principal).citizenId));

    /** Lesson page: the lesson with the course outline, previous/next and progress. 403 `not_enrolled`, 404 `course_not_found` | `lesson_not_found`. */
    app.get('/elearning/courses/:courseId/lessons/:lessonId', { schema: { tags, params: CourseLessonParams, response: { 200: LessonPage, ...problemResponses } } }, (req, reply) => {
      // Serialised once per trainee progress entry and compressed once per coding (course-cache.ts,
      // encoded-body.ts); the bytes are sent as they are. A page already built is sent without a promise
      // (issue 6 target: ≥ 0.4 × the bare-route floor).
      const { citizenId } = requireCitizen(req.principal);
      void reply.type('application/json; charset=utf-8');
      const built = learning.cachedLessonPageJson(deps, citizenId, req.params.courseId, req.params.lessonId);
      if (built) {
        sendEncoded(req, reply, built);
        return;
      }
      return learning.lessonPageJson(deps, citizenId, req.params.courseId, req.params.lessonId).then((body) => sendEncoded(req, reply, body));
    });

    /** Marks a lesson complete (idempotent: a repeat or an offline resync keeps the first). May complete the course and issue its certificate. 404 `enrolment_not_found` | `lesson_not_found`; 409 `scorm_completion_by_sco` for a SCORM lesson (its SCO completes it, see scorm.routes.ts). */
    app.post('/elearning/enrolments/:id/lessons/:lessonId/complete', { schema: { tags, params: EnrolmentLessonParams, response: { 200: CompleteLessonResult, ...problemResponses } } }, async (req) =>
      learning.completeLesson(deps, requireCitizen(req.principal).citizenId, req.params.id, req.params.lessonId),
    );

    /** Starts a quiz attempt (201) or answers the open one (200). 409 `quiz_attempts_exhausted` | `quiz_already_passed` | `quiz_not_available`. */
    app.post('/elearning/enrolments/:id/attempts', { schema: { tags, params: IdParams, response: { 200: AttemptView, 201: AttemptView, ...problemResponses } } }, async (req, reply) => {
      const r = await quiz.startAttempt(deps, requireCitizen(req.principal).citizenId, req.params.id);
      return reply.code(r.created ? 201 : 200).send(r.attempt);
    });

    /** One of the caller's attempts: questions (no answers), deadline and seconds left, results once graded. 404 `quiz_attempt_not_found`. */
    app.get('/elearning/attempts/:id', { schema: { tags, params: IdParams, response: { 200: AttemptView, ...problemResponses } } }, async (req) =>
      quiz.getAttempt(deps, requireCitizen(req.principal).citizenId, req.params.id),
    );

    /** Submits the answers once; graded at once. 409 `quiz_time_over` (after the deadline) | `quiz_attempt_closed` (second submit), 404 for someone else's attempt. */
    app.post('/elearning/attempts/:id/submit', { schema: { tags, params: IdParams, body: SubmitAttemptRequest, response: { 200: AttemptView, ...problemResponses } } }, async (req) =>
      quiz.submitAttempt(deps, requireCitizen(req.principal).citizenId, req.params.id, req.body.answers),
    );

    /**
     * The lesson's PDF or video, with range requests (RFC 9110 §14): `Range: bytes=a-b` answers 206 with
     * Content-Range; an unsatisfiable range 416 with `Content-Range: bytes *\/size`. For an enrolled trainee
     * or the course's training staff.
     */
    app.get('/elearning/lessons/:id/file', { schema: { tags, params: IdParams } }, async (req, reply) => {
      const file = await learning.lessonFileFor(deps, req.principal, req.params.id);
      const etag = `"${file.sha256.slice(0, 32)}"`;
      const ifRange = req.headers['if-range'];
      const range = interpretRange(req.headers.range, typeof ifRange === 'string' ? ifRange : undefined, etag, file.size);
      void reply.header('accept-ranges', 'bytes').header('etag', etag).header('content-disposition', 'inline').type(file.mediaType);
      if (range.kind === 'unsatisfiable') {
        void reply.header('content-range', `bytes */${file.size}`);
        throw new AppError('range_not_satisfiable');
      }
      if (range.kind === 'partial') {
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
          .header('content-length', String(range.end - range.start + 1))
          .send(readStored(deps.config, file.id, range));
      }
      return reply.header('content-length', String(file.size)).send(readStored(deps.config, file.id));
    });

    // ---------------- Training staff ----------------

    /** Courses of the caller's centre (trainers, centre managers) or of every centre (HQ training); optional `status`. */
    app.get('/training/courses', { schema: { tags, querystring: StaffCourseListQuery, response: { 200: z.array(CourseSummary), ...problemResponses } } }, async (req) =>
      courses.staffCourseList(deps, requireStaff(req.principal, TRAINING_STAFF), req.query.status),
    );

    /** Creates a draft course for the author's centre (trainer or centre manager). 201. Time limit in minutes; pass mark in percent. */
    app.post('/training/courses', { schema: { tags, body: CourseInput, response: { 201: StaffCourse, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await courses.createCourse(deps, requireStaff(req.principal, AUTHORS), req.body)),
    );

    /** A course with lesson texts and the question bank (answers included). 403 `out_of_scope` for another centre's course. */
    app.get('/training/courses/:id', { schema: { tags, params: IdParams, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.staffCourse(deps, requireStaff(req.principal, TRAINING_STAFF), req.params.id),
    );

    /** Edits a draft or returned course (never its state), quiz settings included. 409 `course_not_editable`. */
    app.patch('/training/courses/:id', { schema: { tags, params: IdParams, body: UpdateCourseRequest, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.updateCourse(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body),
    );

    /** Adds a module at the end. */
    app.post('/training/courses/:id/modules', { schema: { tags, params: IdParams, body: ModuleInput, response: { 201: StaffCourse, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await courses.addModule(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body)),
    );

    /** Renames a module (draft or returned course). 404 `course_module_not_found`, 409 `course_not_editable`. */
    app.patch('/training/modules/:id', { schema: { tags, params: IdParams, body: UpdateModuleRequest, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.updateModule(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body),
    );

    /** Deletes a module with its lessons (draft or returned course). 404 `course_module_not_found`, 409 `course_not_editable`. */
    app.delete('/training/modules/:id', { schema: { tags, params: IdParams, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.deleteModule(deps, requireStaff(req.principal, AUTHORS), req.params.id),
    );

    /** Adds a lesson at the end of a module. Text: the markdown subset (headings, lists, paragraphs); video: an https link. */
    app.post('/training/courses/:id/lessons', { schema: { tags, params: IdParams, body: LessonInput, response: { 201: StaffCourse, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await courses.addLesson(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body)),
    );

    /** Deletes a lesson (draft or returned course). 404 `lesson_not_found`, 409 `course_not_editable`. */
    app.delete('/training/lessons/:id', { schema: { tags, params: IdParams, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.deleteLesson(deps, requireStaff(req.principal, AUTHORS), req.params.id),
    );

    /** Edits a lesson (draft or returned course): titles, texts, video link (https only). 409 `course_not_editable`. */
    app.patch('/training/lessons/:id', { schema: { tags, params: IdParams, body: UpdateLessonRequest, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.updateLesson(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body),
    );

    /**
     * Uploads the lesson's PDF or video as the raw request body (Content-Type application/pdf, video/mp4,
     * video/webm or application/octet-stream). The type is sniffed from the bytes; PDF ≤ 20 MB, video ≤ 200 MB.
     * 415 `lesson_file_type`, 413 `lesson_file_too_large`; nothing is kept on refusal.
     */
    app.put('/training/lessons/:id/file', { schema: { tags, params: IdParams, response: { 200: StaffCourse, ...problemResponses } } }, async (req) => {
      const staff = requireStaff(req.principal, AUTHORS);
      await courses.courseOfLesson(deps, req.params.id);
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : undefined;
      const stored = await storeUpload(deps.config, req.body as Readable, length);
      try {
        return await courses.attachLessonFile(deps, staff, req.params.id, { id: stored.id, mediaType: stored.mediaType, size: stored.size, sha256: stored.sha256 });
      } catch (err) {
        await removeStored(deps.config, stored.id);
        throw err;
      }
    });

    /** Adds a question to the course's bank (single/multiple choice, true/false, short answer, matching). */
    app.post('/training/courses/:id/questions', { schema: { tags, params: IdParams, body: QuestionInput, response: { 201: StaffCourse, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await courses.addQuestion(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body)),
    );

    /** Replaces a question of the bank (draft or returned course). 404 `quiz_question_not_found`, 409 `course_not_editable`. */
    app.patch('/training/questions/:id', { schema: { tags, params: IdParams, body: QuestionInput, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.updateQuestion(deps, requireStaff(req.principal, AUTHORS), req.params.id, req.body),
    );

    /** Removes a question from the bank (draft or returned course). */
    app.delete('/training/questions/:id', { schema: { tags, params: IdParams, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.deleteQuestion(deps, requireStaff(req.principal, AUTHORS), req.params.id),
    );

    /** Centre manager: submits the course to HQ training. 409 `course_state`; 422 `course_not_ready` with the reasons in `errors` (no lessons, an empty module, an empty final-quiz bank or one smaller than its draw). */
    app.post('/training/courses/:id/submit', { schema: { tags, params: IdParams, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.submitCourse(deps, requireStaff(req.principal, ['training_centre_manager']), req.params.id),
    );

    /** HQ training: approves and publishes a submitted course. 403 for any other role; 409 `course_state` unless submitted; 422 `course_not_ready` (same reasons as submission). */
    app.post('/training/courses/:id/approve', { schema: { tags, params: IdParams, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.approveCourse(deps, requireStaff(req.principal, ['training_hq']), req.params.id),
    );

    /** HQ training: returns a submitted course to its centre with a reason. */
    app.post('/training/courses/:id/return', { schema: { tags, params: IdParams, body: ReturnCourseRequest, response: { 200: StaffCourse, ...problemResponses } } }, async (req) =>
      courses.returnCourse(deps, requireStaff(req.principal, ['training_hq']), req.params.id, req.body.reason),
    );
  };
}

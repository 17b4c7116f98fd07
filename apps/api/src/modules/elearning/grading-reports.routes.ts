import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CentreEnrolment,
  CentreEnrolmentsQuery,
  CentreEnrolRequest,
  ElearningReport,
  ElearningReportExportQuery,
  ElearningReportQuery,
  GradeAttemptRequest,
  GradingAttempt,
  GradingQueueItem,
  GradingQueueQuery,
  IdParams,
  MyAttemptSummary,
} from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import * as centre from './centre-enrolment.service.ts';
import type { CentreEnrolDeps } from './centre-enrolment.service.ts';
import { TRAINING_STAFF } from './elearning.service.ts';
import * as grading from './grading.service.ts';
import { elearningMalformedIds } from './malformed-ids.ts';
import * as reports from './reports.service.ts';

const tags = ['e-learning'];

/**
 * Vocational e-learning, more (issue 6 §2, §3, §9): the trainer's grading of free-text answers, the
 * trainee's list of attempts, enrolment by a training centre, and the reports (JSON for the charts, CSV per
 * table). Rules and errors in grading.service.ts, centre-enrolment.service.ts and reports.service.ts.
 */
export function elearningGradingReportsRoutes(deps: CentreEnrolDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    elearningMalformedIds(app);

    // ---------------- Grading of free-text answers ----------------

    /**
     * The grading queue of the caller: attempts awaiting grading in the courses they grade (a trainer: the
     * courses they created; a centre manager: the centre's), oldest first; `status=graded` lists the last 100
     * graded by hand. `course` narrows to one course. 403 `forbidden` for other roles.
     */
    app.get('/training/grading', { schema: { tags, querystring: GradingQueueQuery, response: { 200: z.array(GradingQueueItem), ...problemResponses } } }, async (req) =>
      grading.gradingQueue(deps, requireStaff(req.principal, grading.GRADERS), req.query),
    );

    /** A submitted attempt for its grader: free-text answers with guidance and maximum points, the automatic part, grades once given. 409 `grading_not_submitted`. */
    app.get('/training/grading/:id', { schema: { tags, params: IdParams, response: { 200: GradingAttempt, ...problemResponses } } }, async (req) =>
      grading.gradingAttempt(deps, requireStaff(req.principal, grading.GRADERS), req.params.id),
    );

    /**
     * Grades every free-text answer (points 0…max, feedback) and finalises the attempt once: score, pass and,
     * when passed, completion and the certificate. 403 `out_of_scope` (not the course's trainer or centre),
     * 409 `grading_already_done` | `grading_not_submitted`, 422 `grading_incomplete`, 400 `validation_failed`.
     */
    app.post('/training/grading/:id', { schema: { tags, params: IdParams, body: GradeAttemptRequest, response: { 200: GradingAttempt, ...problemResponses } } }, async (req) =>
      grading.gradeAttempt(deps, requireStaff(req.principal, grading.GRADERS), req.params.id, req.body),
    );

    /** The signed-in trainee's attempts in one of their enrolments, newest first (status, score, pass). 404 `enrolment_not_found`. */
    app.get('/elearning/enrolments/:id/attempts', { schema: { tags, params: IdParams, response: { 200: z.array(MyAttemptSummary), ...problemResponses } } }, async (req) =>
      grading.myAttempts(deps, requireCitizen(req.principal).citizenId, req.params.id),
    );

    // ---------------- Enrolment by a training centre ----------------

    /**
     * Centre manager: enrols a trainee (by mobile number or account email, in the body) in a published course
     * of the centre. 201. 404 `trainee_not_found`, 409 `already_enrolled` | `trainee_ambiguous` |
     * `course_not_published` | `course_prerequisites_missing`, 403 `out_of_scope` (another centre's course).
     */
    app.post('/training/enrolments', { schema: { tags, body: CentreEnrolRequest, response: { 201: CentreEnrolment, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await centre.enrolByCentre(deps, requireStaff(req.principal, ['training_centre_manager']), req.body)),
    );

    /** Enrolments in the caller's centre (manager) or own courses (trainer), newest first, at most 200; optional `course`. */
    app.get('/training/enrolments', { schema: { tags, querystring: CentreEnrolmentsQuery, response: { 200: z.array(CentreEnrolment), ...problemResponses } } }, async (req) =>
      centre.centreEnrolments(deps, requireStaff(req.principal, centre.ENROLMENT_READERS), req.query),
    );

    // ---------------- Reports ----------------

    /**
     * Per course and per centre: enrolments, completion rate, average score, attendance, attempts awaiting
     * grading. Scope by role (trainer: own courses; centre manager: centre; HQ training: all or `centre`);
     * `from`/`to` (YYYY-MM-DD, inclusive) on the enrolment date. 403 `out_of_scope` | `forbidden`.
     */
    app.get('/training/reports/elearning', { schema: { tags, querystring: ElearningReportQuery, response: { 200: ElearningReport, ...problemResponses } } }, async (req) =>
      reports.elearningReport(deps, requireStaff(req.principal, TRAINING_STAFF), req.query),
    );

    /** One report table as CSV (`table` = courses | centres; `lang` = ar (default) | en: headers and labels, as the dashboards' CSV); same query and scope rules. */
    app.get('/training/reports/elearning.csv', { schema: { tags, querystring: ElearningReportExportQuery } }, async (req, reply) => {
      const csv = await reports.elearningReportCsv(deps, requireStaff(req.principal, TRAINING_STAFF), req.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="elearning-${req.query.table}.csv"`).send(csv);
    });
  };
}

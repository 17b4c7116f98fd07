import type { FastifyInstance } from 'fastify';
import { malformedIdIsNotFound, notFoundBySegment } from '../../http/malformed-id.ts';

/**
 * The e-learning plugins' rule for a malformed path id (a mistyped or truncated link such as `/courses/xyz`):
 * 404 with the not-found code of the resource named by the segment before it (`/courses/:id` →
 * `course_not_found`, `/lessons/:lessonId` → `lesson_not_found`, `/grading/:id` → `quiz_attempt_not_found`…),
 * like a UUID that names nothing — not 400 `validation_failed`. The public course page and its live
 * sessions answer that 404 signed out too; other routes ask to sign in first (401). See http/malformed-id.ts.
 */
export function elearningMalformedIds(app: FastifyInstance): void {
  malformedIdIsNotFound(
    app,
    notFoundBySegment({
      courses: 'course_not_found',
      modules: 'course_module_not_found',
      lessons: 'lesson_not_found',
      questions: 'quiz_question_not_found',
      enrolments: 'enrolment_not_found',
      attempts: 'quiz_attempt_not_found',
      grading: 'quiz_attempt_not_found',
      'live-sessions': 'live_session_not_found',
    }),
    { publicRoutes: ['GET /elearning/courses/:id', 'GET /elearning/courses/:id/live-sessions'] },
  );
}

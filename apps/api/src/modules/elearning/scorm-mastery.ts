import type { ScormLessonStatus } from '@rabt/contracts';

/**
 * The mastery-score rule of SCORM 1.2 (RTE §3.4.4, cmi.core.lesson_status and cmi.student_data.mastery_score):
 * when the SCO's item has a mastery score (adlcp:masteryscore, 0–100) and the SCO reported a
 * cmi.core.score.raw, the LMS sets the status to `passed` when score ≥ mastery score, else `failed`, for a
 * learner taking it for credit (every trainee; staff runs are not recorded).
 *
 * It is the rule scorm-again applies in the SCO's window on LMSFinish (its `mastery_override` setting: any
 * status is replaced, in lesson_mode normal with credit), so what the server stores agrees with what the SCO
 * saw. The server applies it itself rather than trusting the reported status: on LMSFinish (`finished`) to
 * every status, as scorm-again does; on LMSCommit, where scorm-again changes nothing, to a status that claims
 * an outcome (`passed`, `completed`, `failed`), so a commit can never complete a SCO against its mastery
 * score, while a SCO still in progress (`incomplete`, `browsed`, `not attempted`) keeps its status until it
 * finishes. Without a mastery score or a score the reported status stands ("the LMS shall not override the
 * SCO determined status", SCORM 1.2 Conformance Requirements, cmi.core.lesson_status).
 *
 * `scoreRaw` is the report's CMIDecimal string ("" when the SCO set none); `masteryScore` a number, or null.
 */
export function masteredStatus(status: ScormLessonStatus, scoreRaw: string, masteryScore: number | null, finished: boolean): ScormLessonStatus {
  if (masteryScore === null || scoreRaw === '') return status;
  if (!finished && status !== 'passed' && status !== 'completed' && status !== 'failed') return status;
  return Number(scoreRaw) >= masteryScore ? 'passed' : 'failed';
}

import { Link, useParams } from 'react-router';
import type { AttemptView, CourseDetail, MyAttemptSummary } from '@rabt/contracts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { useG } from './grading-strings.ts';
import { num } from './strings.ts';

/**
 * `/learn/:courseId/results` (issue 6 §3): the trainee's attempts in a course, newest first — status,
 * score and pass; per question whether it was right (automatic questions) and, for written answers, the
 * answer, the trainer's points and feedback once graded.
 */
export function QuizResultsPage() {
  const { courseId = '' } = useParams();
  const g = useG();
  const locale = useLocale();
  usePageTitle(g.resultsTitle);
  const course = useLoad<CourseDetail>(`/api/v1/elearning/courses/${courseId}`);
  const enrolmentId = course.data?.enrolment?.id;
  const attempts = useLoad<MyAttemptSummary[]>(enrolmentId ? `/api/v1/elearning/enrolments/${enrolmentId}/attempts` : null);
  if (course.error) return <ProblemAlert error={course.error} />;
  if (!course.data) return <p aria-live="polite">…</p>;
  return (
    <>
      <p className="hint">
        <Link to={`/courses/${courseId}`}>{course.data.title[locale]}</Link>
      </p>
      <h1>{g.resultsTitle}</h1>
      <ProblemAlert error={attempts.error} />
      {attempts.data?.length === 0 && <p>{g.noAttempts}</p>}
      {attempts.data?.map((a) => (
        <section key={a.id} className="card" aria-labelledby={`att-${a.id}`}>
          <h2 id={`att-${a.id}`}>
            {g.attemptHeading(num(a.attemptNo, locale))} — {g.status[a.status]}
          </h2>
          {a.submittedAt && <p className="hint">{formatDateTime(a.submittedAt, locale)}</p>}
          {a.status === 'graded' && a.scorePercent !== null && (
            <p className="result-line">
              <strong>{g.score(num(a.scorePercent, locale))}</strong> — {a.passed ? g.passed : g.failed}
            </p>
          )}
          {a.status === 'awaiting_grading' && <p>{g.awaiting}</p>}
          {(a.status === 'graded' || a.status === 'awaiting_grading') && <AttemptDetails id={a.id} />}
        </section>
      ))}
    </>
  );
}

function AttemptDetails({ id }: { id: string }) {
  const g = useG();
  const locale = useLocale();
  const { data, error } = useLoad<AttemptView>(`/api/v1/elearning/attempts/${id}`);
  if (error) return <ProblemAlert error={error} />;
  if (!data?.results) return null;
  const prompts = new Map(data.questions.map((q, i) => [q.id, `${num(i + 1, locale)}. ${q.prompt[locale]}`]));
  return (
    <ol className="plain-list results">
      {data.results.map((r) => (
        <li key={r.questionId} className="result-item">
          <p className="result-prompt">{prompts.get(r.questionId)}</p>
          {r.correct !== null ? (
            <p className={r.correct ? 'done' : 'wrong'}>{r.correct ? `✓ ${g.correct}` : `✗ ${g.wrong}`}</p>
          ) : (
            <>
              <p className="hint">{g.yourAnswer}:</p>
              <blockquote className="answer-text" dir="auto">
                {r.answerText || g.noAnswer}
              </blockquote>
              {r.points !== null && r.points !== undefined ? (
                <>
                  <p>
                    {g.pointsLabel}: <strong>{g.points(num(r.points, locale), num(r.maxPoints ?? 0, locale))}</strong>
                  </p>
                  {r.feedback && (
                    <div className="feedback">
                      <p className="hint">{g.feedback}:</p>
                      <p dir="auto">{r.feedback}</p>
                    </div>
                  )}
                </>
              ) : (
                <p>{g.notGradedYet}</p>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

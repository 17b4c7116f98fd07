import { useState } from 'react';
import { Link } from 'react-router';
import type { AttemptQuestion, AttemptView, EnrolmentState } from '@rabt/contracts';
import { useLocale } from '../../ui/hooks.ts';
import { useG } from './grading-strings.ts';
import { num } from './strings.ts';

/**
 * A free-text question on the quiz page (issue 6 §3): a text area in Arabic (dir="auto" so a Latin
 * technical term still reads right) with the question's maximum length and a polite character count.
 * The answer is graded by the trainer after submission.
 */
export function FreeTextField({ q, index, legend }: { q: AttemptQuestion; index: number; legend: string }) {
  const g = useG();
  const locale = useLocale();
  const [length, setLength] = useState(0);
  const max = q.maxLength ?? 1000;
  const id = `a${index}-q-${q.id}`;
  return (
    <fieldset className="question">
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={id}>{g.yourAnswer}</label>
        <p className="hint" id={`${id}-hint`}>
          {g.freeTextHint(num(max, locale))}
        </p>
        <textarea
          id={id}
          name={`q-${q.id}`}
          className="free-text"
          lang="ar"
          dir="auto"
          maxLength={max}
          rows={5}
          aria-describedby={`${id}-hint ${id}-count`}
          onChange={(e) => setLength([...e.currentTarget.value].length)}
        />
        <p className="hint" id={`${id}-count`} aria-live={max - length <= 20 ? 'polite' : 'off'}>
          {g.charsUsed(num(length, locale), num(max, locale))}
        </p>
      </div>
    </fieldset>
  );
}

/** The quiz page's answer after a submission that waits for the trainer: the automatic part and where the result will appear. */
export function AwaitingGrading({ attempt, courseId }: { attempt: AttemptView; courseId: string }) {
  const g = useG();
  const locale = useLocale();
  const auto = attempt.results?.filter((r) => r.correct !== null) ?? [];
  return (
    <section role="status" aria-labelledby="awaiting-h">
      <h2 id="awaiting-h">{g.awaitingTitle}</h2>
      <p>{g.awaiting}</p>
      {auto.length > 0 && <p>{g.autoPart(num(auto.filter((r) => r.correct).length, locale), num(auto.length, locale))}</p>}
      <p>
        <Link to={`/learn/${courseId}/results`}>{g.resultsLink}</Link>
      </p>
    </section>
  );
}

/** On the course page and in My learning: a written answer waiting for the trainer, and the link to the results. */
export function QuizResultsNote({ courseId, enrolment }: { courseId: string; enrolment: EnrolmentState }) {
  const g = useG();
  if (enrolment.attemptsUsed === 0) return null;
  return (
    <>
      {enrolment.awaitingGradingAttemptId && <p className="awaiting">{g.status.awaiting_grading}: {g.awaiting}</p>}
      <p>
        <Link to={`/learn/${courseId}/results`}>{g.resultsLink}</Link>
      </p>
    </>
  );
}

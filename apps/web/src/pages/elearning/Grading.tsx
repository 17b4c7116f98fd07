import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { GradingAttempt, GradingQueueItem } from '@rabt/contracts';
import { ProblemError, post } from '../../api/client.ts';
import { Field, ProblemAlert, TableWrap } from '../../ui/forms.tsx';
import { formatDateTime, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { useG } from './grading-strings.ts';
import { num } from './strings.ts';

/** Roles that grade: the course's trainer and the centre manager (the server checks the course). */
const GRADERS = ['trainer', 'training_centre_manager'] as const;

/** `/training/grading`: attempts awaiting grading (oldest first) and the recently graded. */
export function GradingQueuePage() {
  const g = useG();
  usePageTitle(g.gradingTitle);
  return <RequireStaff roles={GRADERS} title={g.gradingTitle}>{() => <Queue />}</RequireStaff>;
}

function QueueTable({ rows, graded, label }: { rows: GradingQueueItem[]; graded: boolean; label: string }) {
  const g = useG();
  const locale = useLocale();
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{g.trainee}</th>
            <th scope="col">{g.course}</th>
            <th scope="col">{g.attemptNo}</th>
            <th scope="col">{g.submittedAt}</th>
            <th scope="col">{graded ? g.result : g.freeTextCount}</th>
            <th scope="col">
              <span className="visually-hidden">{g.grade}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.attemptId}>
              <th scope="row">{r.traineeName[locale]}</th>
              <td>{r.courseTitle[locale]}</td>
              <td>{num(r.attemptNo, locale)}</td>
              <td>{formatDateTime(r.submittedAt, locale)}</td>
              <td>{graded ? `${num(r.scorePercent ?? 0, locale)}٪ — ${r.passed ? g.passed : g.failed}` : num(r.freeTextCount, locale)}</td>
              <td>
                <Link to={`/training/grading/${r.attemptId}`} aria-label={`${graded ? g.open : g.grade}: ${r.traineeName[locale]} — ${r.courseTitle[locale]}`}>
                  {graded ? g.open : g.grade}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Queue() {
  const g = useG();
  const waiting = useLoad<GradingQueueItem[]>('/api/v1/training/grading');
  const graded = useLoad<GradingQueueItem[]>('/api/v1/training/grading?status=graded');
  return (
    <>
      <h1>{g.gradingTitle}</h1>
      <p className="lead">{g.gradingLead}</p>
      <ProblemAlert error={waiting.error ?? graded.error} />
      {waiting.data && (waiting.data.length === 0 ? <p>{g.queueEmpty}</p> : <QueueTable rows={waiting.data} graded={false} label={g.gradingTitle} />)}
      {graded.data && graded.data.length > 0 && (
        <section aria-labelledby="graded-h">
          <h2 id="graded-h">{g.recentlyGraded}</h2>
          <QueueTable rows={graded.data} graded label={g.recentlyGraded} />
        </section>
      )}
    </>
  );
}

/** `/training/grading/:id`: the written answers of one attempt, graded at once (points and feedback each). */
export function GradingAttemptPage() {
  const g = useG();
  usePageTitle(g.gradeAttempt);
  return <RequireStaff roles={GRADERS} title={g.gradeAttempt}>{() => <GradeForm />}</RequireStaff>;
}

function GradeForm() {
  const { id = '' } = useParams();
  const g = useG();
  const locale = useLocale();
  const { data, error, reload } = useLoad<GradingAttempt>(`/api/v1/training/grading/${id}`);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (error) return <ProblemAlert error={error} />;
  if (!data) return <p aria-live="polite">…</p>;
  const a = data;
  const waiting = a.status === 'awaiting_grading';
  /** Field errors of the last attempt to grade, by answer index (pointer /grades/<i>/points). */
  const pointErrors = new Map(
    (actionError instanceof ProblemError ? (actionError.problem.errors ?? []) : []).flatMap((e) => {
      const m = /^\/grades\/(\d+)\//.exec(e.pointer);
      return m ? [[Number(m[1]), e.message[locale]] as const] : [];
    }),
  );
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => {
      const v = f.get(k);
      return typeof v === 'string' ? v : '';
    };
    setBusy(true);
    setActionError(null);
    try {
      await post(`/api/v1/training/grading/${a.attemptId}`, { grades: a.answers.map((x) => ({ questionId: x.questionId, points: text(`points-${x.questionId}`), feedback: text(`feedback-${x.questionId}`) })) });
      reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <p className="hint">
        <Link to="/training/grading">{g.backToQueue}</Link>
      </p>
      <h1>{g.gradeAttempt}</h1>
      <dl className="facts">
        <div>
          <dt>{g.course}</dt>
          <dd>{a.courseTitle[locale]}</dd>
        </div>
        <div>
          <dt>{g.trainee}</dt>
          <dd>{a.traineeName[locale]}</dd>
        </div>
        <div>
          <dt>{g.attemptNo}</dt>
          <dd>{num(a.attemptNo, locale)}</dd>
        </div>
        <div>
          <dt>{g.submittedAt}</dt>
          <dd>{formatDateTime(a.submittedAt, locale)}</dd>
        </div>
      </dl>
      {a.autoCount > 0 && <p>{g.autoPart(num(a.autoCorrect, locale), num(a.autoCount, locale))}</p>}
      {!waiting && a.scorePercent !== null && (
        <div className="alert alert-ok" role="status">
          <p>
            <strong>{g.finalScore(num(a.scorePercent, locale), num(a.passPercent, locale))}</strong> — {a.passed ? g.passed : g.failed}
          </p>
          {a.gradedBy && <p>{g.gradedBy(a.gradedBy[locale])}</p>}
        </div>
      )}
      <ProblemAlert error={actionError} />
      <form onSubmit={(e) => void submit(e)} className="grading-form">
        {a.answers.map((x, i) => (
          <fieldset key={x.questionId} className="question">
            <legend>
              {num(i + 1, locale)}. {x.prompt[locale]}
            </legend>
            {x.guidance && (x.guidance[locale] || x.guidance.ar) && (
              <p className="hint">
                {g.guidance}: {x.guidance[locale] || x.guidance.ar}
              </p>
            )}
            <p className="hint">{g.answerOf}:</p>
            <blockquote className="answer-text" dir="auto">
              {x.answerText || g.noAnswer}
            </blockquote>
            {waiting ? (
              <>
                <Field name={`points-${x.questionId}`} idPrefix={`g${i}`} label={g.pointsOf(num(x.maxPoints, locale))} error={pointErrors.get(i)} required inputMode="numeric" autoComplete="off" />
                <div className="field">
                  <label htmlFor={`g${i}-feedback`}>{g.feedbackLabel}</label>
                  <textarea id={`g${i}-feedback`} name={`feedback-${x.questionId}`} dir="auto" maxLength={2000} rows={3} />
                </div>
              </>
            ) : (
              <>
                <p>
                  {g.pointsLabel}: <strong>{g.points(num(x.points ?? 0, locale), num(x.maxPoints, locale))}</strong>
                </p>
                {x.feedback && (
                  <p dir="auto">
                    {g.feedback}: {x.feedback}
                  </p>
                )}
              </>
            )}
          </fieldset>
        ))}
        {waiting && (
          <button type="submit" disabled={busy}>
            {g.submitGrades}
          </button>
        )}
      </form>
    </>
  );
}

import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ContractOrientation, EnrolmentState } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { formatDate, useLoad, useLocale } from '../../ui/hooks.ts';
import { num, useO } from './strings.ts';

/** Enrols the signed-in worker in the course (idempotent on the server) and opens the lesson to resume at. */
function useStart(courseId: string | undefined) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function start() {
    if (!courseId) return;
    setBusy(true);
    setError(null);
    try {
      const e = await post<EnrolmentState>(`/api/v1/elearning/courses/${courseId}/enrolments`);
      await navigate(e.resumeLessonId ? `/learn/${courseId}/${e.resumeLessonId}` : `/courses/${courseId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return { start, busy, error };
}

function Done({ o, officer }: { o: ContractOrientation; officer: boolean }) {
  const l = useO();
  const locale = useLocale();
  const r = o.record!;
  return (
    <>
      <p className="ok-text">✓ {officer ? l.officerDone : l.done(o.countryName[locale])}</p>
      <dl className="facts">
        <dt>{l.doneOn}</dt>
        <dd>
          <time dateTime={r.completedAt}>{formatDate(r.completedAt, locale)}</time>
        </dd>
        <dt>{l.certificate}</dt>
        <dd>
          <bdi dir="ltr" data-testid="orientation-certificate">
            {r.certificateCode}
          </bdi>
          <br />
          <Link to={`/verify/${r.certificateCode}`}>{l.verify}</Link>
        </dd>
      </dl>
      {!officer && <p className="hint">{l.recordedOnContract}</p>}
    </>
  );
}

/** The worker's call to action for one contract: start or continue the destination's orientation. */
function Todo({ o }: { o: ContractOrientation }) {
  const l = useO();
  const locale = useLocale();
  const { start, busy, error } = useStart(o.course?.id);
  if (!o.course) return <p>{l.noCourse}</p>;
  const e = o.enrolment;
  return (
    <>
      <p>{l.why}</p>
      {e && (
        <p className="progress-line">
          {l.progress}: {num(e.progressPercent, locale)}٪{' '}
          <progress max={100} value={e.progressPercent} aria-label={l.progress}>
            {e.progressPercent}%
          </progress>
        </p>
      )}
      <ProblemAlert error={error} />
      <p>
        {e?.resumeLessonId ? (
          <Link className="btn btn-primary" to={`/learn/${o.course.id}/${e.resumeLessonId}`}>
            {l.resume}
          </Link>
        ) : (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void start()}>
            {l.start}
          </button>
        )}
      </p>
    </>
  );
}

/**
 * The orientation box on a contract page. `audience` worker: the recorded completion, or the prompt to complete
 * it (offered or concluded contracts only). Officer: the completion recorded on the contract, or "not yet".
 * `path` is the contract version's API path (…/contracts/{id}/versions/{v}).
 */
export function ContractOrientationCard({ path, audience }: { path: string; audience: 'worker' | 'officer' }) {
  const l = useO();
  const locale = useLocale();
  const { data: o, error } = useLoad<ContractOrientation>(`${path}/orientation`);
  if (error) return <ProblemAlert error={error} />;
  if (!o) return null;
  const officer = audience === 'officer';
  if (!officer && !o.record && !o.expected) return null;
  const title = o.record || officer ? l.cardTitle : l.complete(o.countryName[locale]);
  return (
    <section className={`card orientation-card${o.record ? ' concluded' : ''}`} aria-labelledby="orientation-title" data-testid="orientation-card">
      <h2 id="orientation-title">{title}</h2>
      {o.record ? <Done o={o} officer={officer} /> : officer ? <p>{l.officerPending}</p> : <Todo o={o} />}
    </section>
  );
}

/** On the worker's account page: each contract still waiting for its pre-departure orientation. */
export function OrientationPrompts() {
  const l = useO();
  const locale = useLocale();
  const { data } = useLoad<ContractOrientation[]>('/api/v1/worker/orientation');
  const todo = (data ?? []).filter((o) => o.expected && !o.record && o.course);
  if (todo.length === 0) return null;
  return (
    <section className="alert alert-warn" aria-labelledby="orientation-prompts-title">
      <h2 id="orientation-prompts-title">{l.myPrompts}</h2>
      <ul className="plain-list">
        {todo.map((o) => (
          <li key={o.contractId}>
            <PromptItem o={o} label={l.complete(o.countryName[locale])} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PromptItem({ o, label }: { o: ContractOrientation; label: string }) {
  const l = useO();
  const { start, busy, error } = useStart(o.course?.id);
  return (
    <>
      <p>
        <Link to={`/worker/contracts/${o.contractId}/${o.version}`}>{label}</Link>
      </p>
      <ProblemAlert error={error} />
      {o.enrolment?.resumeLessonId ? (
        <Link className="btn btn-primary btn-small" to={`/learn/${o.course!.id}/${o.enrolment.resumeLessonId}`}>
          {l.resume}
        </Link>
      ) : (
        <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void start()}>
          {l.start}
        </button>
      )}
    </>
  );
}

/** Link to the officers' orientation list (`/attestation/orientation`). */
export function OrientationLink({ className }: { className?: string }) {
  const l = useO();
  return (
    <Link className={className} to="/attestation/orientation">
      {l.officerTitle}
    </Link>
  );
}

import { useEffect, useRef, useState } from 'react';
import { SCORM_DONE_STATUSES, ScormRuntimeReport, type ScormLaunch, type ScormSaveResult, type ScormScoState } from '@rabt/contracts';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { useLoad, useLocale } from '../../ui/hooks.ts';
import { num } from './strings.ts';
import { useScormL } from './scorm-strings.ts';

/**
 * A SCORM 1.2 lesson (issue 6 §1): one SCO of the lesson's package at a time in an iframe sandboxed without
 * allow-same-origin (its scripts get an opaque origin: no access to Rabt's cookies, storage or page). A
 * package with several SCOs lists them (with done / not done) above the frame; choosing one launches it. A
 * part whose prerequisites (adlcp:prerequisites) the trainee has not yet passed or completed is shown locked,
 * its button disabled, with the parts to finish first; a part with a mastery score shows its pass mark.
 * scorm-again's run-time inside the frame posts each LMSCommit and LMSFinish here; a message is taken only
 * from this iframe's window (`event.source`), checked against the SCORM 1.2 data model (zod), and saved in
 * order. When the API answers that the lesson is complete, `onCompleted` reloads the lesson page.
 */
export function ScormPlayer({ lessonId, enrolmentId, completed, onCompleted }: { lessonId: string; enrolmentId: string; completed: boolean; onCompleted: () => void }) {
  const s = useScormL();
  const locale = useLocale();
  const [sco, setSco] = useState(0);
  const { data: launch, error } = useLoad<ScormLaunch>(`/api/v1/elearning/lessons/${lessonId}/scorm/launch?sco=${sco}`);
  const frame = useRef<HTMLIFrameElement>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const wasCompleted = useRef(completed);
  const [saved, setSaved] = useState<ScormSaveResult | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  useEffect(() => {
    wasCompleted.current = completed;
  }, [completed]);

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const data: unknown = event.data;
      if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'rabt-scorm-1.2') return;
      const report = ScormRuntimeReport.safeParse((data as { report?: unknown }).report);
      if (!report.success) return;
      saving.current = saving.current.then(async () => {
        try {
          const r = await api<ScormSaveResult>('PUT', `/api/v1/elearning/enrolments/${enrolmentId}/lessons/${lessonId}/scorm`, report.data);
          setSaved(r);
          setSaveError(null);
          if (r.lessonCompleted && !wasCompleted.current) {
            wasCompleted.current = true;
            onCompleted();
          }
        } catch (err) {
          setSaveError(err);
        }
      });
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [enrolmentId, lessonId, onCompleted]);

  const score = saved?.runtime.scoreRaw ?? null;
  const scos: ScormScoState[] = saved?.scos ?? launch?.scos ?? [];
  const current = scos.find((part) => part.position === sco);
  const titleOf = (position: number) => scos.find((part) => part.position === position)?.title ?? '';
  const isDone = (position: number) => {
    const status = scos.find((part) => part.position === position)?.lessonStatus ?? null;
    return status !== null && SCORM_DONE_STATUSES.includes(status);
  };
  const choose = (position: number) => {
    if (position === sco || scos.find((part) => part.position === position)?.locked) return;
    setSaved(null);
    setSaveError(null);
    setSco(position);
  };
  return (
    <div className="scorm-lesson">
      <p className="hint">{s.selfCompletes}</p>
      {scos.length > 1 && (
        <nav aria-label={s.parts}>
          <ol className="scorm-parts">
            {scos.map((part) => {
              const done = isDone(part.position);
              const reasonId = `scorm-part-${part.position}-locked`;
              return (
                <li key={part.position}>
                  <button
                    type="button"
                    aria-current={part.position === sco ? 'step' : undefined}
                    disabled={part.locked}
                    aria-describedby={part.locked ? reasonId : undefined}
                    onClick={() => choose(part.position)}
                  >
                    {part.title} <span className={done ? 'scorm-part-done' : 'hint'}>({part.locked ? s.locked : s.partStatus(done, part.lessonStatus === 'failed')})</span>
                  </button>
                  {part.locked && (
                    <span id={reasonId} className="hint scorm-part-locked">
                      {s.lockedReason(part.requires.filter((r) => !isDone(r)).map(titleOf))}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
      )}
      <ProblemAlert error={error ?? saveError} />
      {launch ? (
        <iframe ref={frame} src={launch.launchUrl} title={s.frameTitle(launch.title)} sandbox="allow-scripts allow-forms" referrerPolicy="no-referrer" className="scorm-frame" />
      ) : (
        !error && <p aria-live="polite">{s.loading}</p>
      )}
      {current?.masteryScore !== null && current?.masteryScore !== undefined && <p className="hint">{s.passMark(num(current.masteryScore, locale))}</p>}
      {launch?.runtime?.suspendData && !saved && <p>{s.resumed}</p>}
      <p role="status">{saved ? s.saved : ''}</p>
      {score !== null && <p>{s.score(num(score, locale))}</p>}
    </div>
  );
}

import { useEffect, useId, useState } from 'react';
import type { OutlineModule } from '@rabt/contracts';
import { useLocale } from '../ui/hooks.ts';
import { useOnline, usePendingCompletions } from './queue.ts';
import { askWorker, workerControls } from './register.ts';
import { fileSize, useOfflineL } from './strings.ts';

export { queueIfOffline, useOnProgressSynced, useTrainee } from './queue.ts';

/** True while this lesson's completion is kept on the device, waiting to sync. */
export function usePendingLesson(user: string | null, lessonId: string): boolean {
  return usePendingCompletions(user).some((p) => p.lessonId === lessonId);
}

/** Said instead of the "mark complete" button once the completion is kept offline. */
export function LessonPendingNote() {
  const l = useOfflineL();
  return (
    <span className="pending-sync" role="status">
      ⏳ {l.lessonPending}
    </span>
  );
}

/** The size beside a PDF or video link, so a trainee on a slow link knows before tapping. */
export function FileSize({ bytes }: { bytes: number }) {
  const locale = useLocale();
  return <span className="hint"> ({fileSize(bytes, locale)})</span>;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'done'; saved: number; total: number } | { kind: 'failed' };

/**
 * "Save the course for offline reading": asks the service worker to fetch and keep every lesson of the course
 * (text, and PDFs; not videos) for the signed-in trainee. Shown only online, when a service worker controls the page.
 * SCORM lessons (`hasScorm` in the outline) are left out: their SCO runs from the server and reports to it, so
 * they cannot work offline; when the course has any, a note beside the button says they need a connection.
 */
export function SaveCourseOffline({ courseId, outline }: { courseId: string; outline: OutlineModule[] }) {
  const l = useOfflineL();
  const locale = useLocale();
  const [controlled, setControlled] = useState(workerControls);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const online = useOnline();
  const hintId = useId();
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const onChange = () => setControlled(workerControls());
    navigator.serviceWorker.addEventListener('controllerchange', onChange);
    return () => navigator.serviceWorker.removeEventListener('controllerchange', onChange);
  }, []);
  if (!controlled || !online) return null;
  const n = (x: number) => new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB').format(x);
  const hasScorm = outline.some((m) => m.lessons.some((ls) => ls.hasScorm));
  async function save() {
    setState({ kind: 'saving' });
    const urls = outline.flatMap((m) => m.lessons.filter((ls) => !ls.hasScorm).map((ls) => `/api/v1/elearning/courses/${encodeURIComponent(courseId)}/lessons/${encodeURIComponent(ls.id)}`));
    try {
      const r = await askWorker<{ saved: number; total: number }>({ type: 'rabt:save', urls });
      setState(r.saved === 0 && r.total > 0 ? { kind: 'failed' } : { kind: 'done', ...r });
    } catch {
      setState({ kind: 'failed' });
    }
  }
  return (
    <section className="save-offline" aria-label={l.save}>
      <p>
        <button type="button" className="btn btn-secondary" onClick={() => void save()} disabled={state.kind === 'saving'} aria-describedby={hintId}>
          {l.save}
        </button>
      </p>
      <p className="hint" id={hintId}>
        {l.saveHint}
        {hasScorm && ` ${l.saveScormHint}`}
      </p>
      <p role="status">
        {state.kind === 'saving' && l.saving}
        {state.kind === 'done' && l.saved(n(state.saved), n(state.total))}
        {state.kind === 'failed' && l.saveFailed}
      </p>
    </section>
  );
}

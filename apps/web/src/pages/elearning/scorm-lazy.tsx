import { lazy, Suspense } from 'react';

/** The SCORM player, loaded only on lessons that have a package (keeps the lesson page's first-load JavaScript small). */
const Player = lazy(() => import('./ScormPlayer.tsx').then((m) => ({ default: m.ScormPlayer })));

export function LazyScormPlayer(props: { lessonId: string; enrolmentId: string; completed: boolean; onCompleted: () => void }) {
  return (
    <Suspense fallback={<p aria-live="polite">…</p>}>
      <Player key={props.lessonId} {...props} />
    </Suspense>
  );
}

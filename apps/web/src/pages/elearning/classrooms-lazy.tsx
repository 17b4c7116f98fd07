import { lazy, Suspense } from 'react';

/**
 * The live-session blocks shown on learner pages, loaded on demand so the lesson page's first-load
 * JavaScript does not grow (issue 6 target: < 200 KB compressed).
 */
const Sessions = lazy(() => import('./Classrooms.tsx').then((m) => ({ default: m.CourseSessions })));
const Upcoming = lazy(() => import('./Classrooms.tsx').then((m) => ({ default: m.MyUpcomingSessions })));

export function LazyCourseSessions({ courseId }: { courseId: string }) {
  return (
    <Suspense fallback={null}>
      <Sessions courseId={courseId} />
    </Suspense>
  );
}

export function LazyMyUpcomingSessions() {
  return (
    <Suspense fallback={null}>
      <Upcoming />
    </Suspense>
  );
}

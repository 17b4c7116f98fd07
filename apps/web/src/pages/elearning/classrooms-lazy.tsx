import { Component, lazy, Suspense, type ReactNode } from 'react';

/**
 * The live-session blocks shown on learner pages, loaded on demand so the lesson page's first-load
 * JavaScript does not grow (issue 6 target: < 200 KB compressed).
 */
const Sessions = lazy(() => import('./Classrooms.tsx').then((m) => ({ default: m.CourseSessions })));
const Upcoming = lazy(() => import('./Classrooms.tsx').then((m) => ({ default: m.MyUpcomingSessions })));

/**
 * The blocks are extras on the page: when their code cannot be fetched (offline, before it was kept), the
 * page shows without them instead of failing as a whole.
 */
class Optional extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : <Suspense fallback={null}>{this.props.children}</Suspense>;
  }
}

export function LazyCourseSessions({ courseId }: { courseId: string }) {
  return (
    <Optional>
      <Sessions courseId={courseId} />
    </Optional>
  );
}

export function LazyMyUpcomingSessions() {
  return (
    <Optional>
      <Upcoming />
    </Optional>
  );
}

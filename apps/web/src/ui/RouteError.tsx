import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { OFFLINE_STRINGS } from '../offline/strings.ts';
import { useLocale, usePageTitle } from './hooks.ts';
import { Layout } from './Layout.tsx';

/**
 * A page's code that could not be fetched: Chromium/Edge ("Failed to fetch dynamically imported module"),
 * Firefox ("error loading dynamically imported module"), Safari ("Importing a module script failed"), and
 * Vite's preload of a page's CSS ("Unable to preload CSS").
 */
const CHUNK_LOAD = /dynamically imported module|importing a module script failed|unable to preload css/i;

/** True when `error` says a route's code (a lazily imported chunk) could not be fetched. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : isRouteErrorResponse(error) ? String(error.data) : String(error);
  return CHUNK_LOAD.test(message);
}

function RouteErrorMessage() {
  const error = useRouteError();
  const locale = useLocale();
  const other = locale === 'ar' ? 'en' : 'ar';
  const [l, o] = [OFFLINE_STRINGS[locale], OFFLINE_STRINGS[other]];
  // Offline, a page whose code was never kept on this device cannot open: say so, and point to the saved lessons.
  const offline = isChunkLoadError(error) && typeof navigator !== 'undefined' && !navigator.onLine;
  usePageTitle(offline ? l.unavailableTitle : l.errorTitle);
  return (
    <section className="route-error" data-error={offline ? 'offline' : 'error'}>
      <h1>{offline ? l.unavailableTitle : l.errorTitle}</h1>
      <p className="alert alert-warn">{offline ? l.unavailable : l.error}</p>
      <p lang={other} dir={other === 'ar' ? 'rtl' : 'ltr'}>
        {offline ? o.unavailable : o.error}
      </p>
      <p className="actions">
        {offline && <Link to="/my-learning">{l.savedLessons}</Link>}
        <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
          {l.reload}
        </button>
        {!offline && <Link to="/">{l.home}</Link>}
      </p>
    </section>
  );
}

/**
 * The root route's `errorElement` (React Router): any error while loading or showing a page is shown inside the
 * usual header and footer, in the user's language with the other language below, never as the router's
 * developer screen. Offline, a page whose code was not kept on this device gets "not available offline" with a
 * link to the saved lessons; anything else a plain "something went wrong" with a reload button.
 */
export function RouteErrorPage() {
  return (
    <Layout>
      <RouteErrorMessage />
    </Layout>
  );
}

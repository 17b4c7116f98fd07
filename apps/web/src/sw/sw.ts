/**
 * Rabt's service worker (issue 6 §8 "low bandwidth", issue 4 offline QR check), on Workbox 7: workbox-precaching,
 * -routing, -strategies, -range-requests and -cacheable-response. Built by `sw-plugin.ts` into `dist/sw.js` with
 * the precache list injected as `self.__WB_MANIFEST`; registered by `offline/register.ts` in production builds.
 *
 * What it does, and nothing else (every other request goes to the network untouched, never cached):
 * - App shell, precached at install: index.html, the entry chunk and its CSS, and the code of the lesson page
 *   and of /verify. A navigation goes to the network (navigation preload) and falls back to the precached
 *   index.html offline. Other hashed `/assets/*` files are cache-first and kept once fetched (a page's code,
 *   after one visit) until the next build.
 * - Public API answers (`/api/v1/node`, `/api/v1/trust/bundle`): network first, cached copy offline.
 * - Per-account API answers (the session, a lesson page, a course page, "my learning"): network first, kept
 *   under the signed-in account (`accountPlugin`), served only offline and only to that account. Signing out
 *   (DELETE /api/v1/session) deletes them; another account seen online deletes the previous account's.
 * - Lesson files: a whole PDF is kept when opened or saved, for the signed-in account, and served cache-first,
 *   byte ranges included. Videos and audio are never routed here: too large for a phone's link.
 * - "Save for offline": a `rabt:save` message with lesson API URLs; the session, the node, each lesson and its
 *   PDF, the course page and "my learning" go through the same strategies as the page's own requests (so a
 *   first visit, whose page loaded before this worker controlled it, works offline too), and the answer says
 *   how many lessons were kept.
 *
 * Our own code is only what Workbox cannot know: who is signed in (read from the session answers), and the
 * "save" message.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { PrecacheFallbackPlugin, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { RangeRequestsPlugin } from 'workbox-range-requests';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, NetworkOnly, type Strategy, type StrategyOptions } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope; // with `__WB_MANIFEST`, declared by workbox-precaching
type WorkboxPlugin = NonNullable<StrategyOptions['plugins']>[number];

const MANIFEST = self.__WB_MANIFEST;
const SHELL_HTML = '/index.html';
/** index.html's revision names the build: it links the entry chunk, whose hashed name changes with any chunk's. */
const ASSETS = `rabt-assets-${MANIFEST.find((e): e is PrecacheEntry => typeof e !== 'string' && e.url === SHELL_HTML)?.revision ?? 'dev'}`;
const PUBLIC = 'rabt-public';
const ACCOUNT = 'rabt-user-answers';
const META = 'rabt-meta';
const CURRENT_USER = '/__rabt/current-user';

const PUBLIC_API = [/^\/api\/v1\/node$/, /^\/api\/v1\/trust\/bundle$/];
const SESSION = '/api/v1/session';
const LESSON_PAGE = /^\/api\/v1\/elearning\/courses\/[^/]+\/lessons\/[^/]+$/;
const ACCOUNT_API = [LESSON_PAGE, /^\/api\/v1\/elearning\/courses\/[^/]+$/, /^\/api\/v1\/elearning\/my$/];
const LESSON_FILE = /^\/api\/v1\/elearning\/lessons\/[^/]+\/file$/;
/** Paths that are not pages of the app: never answered with the app shell. */
const NOT_APP = /^\/(api|federation|\.well-known|webhooks|metrics)(\/|$)/;

// ---------------------------------------------------------------- lifecycle

self.addEventListener('install', () => void self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Runtime caches of earlier builds and of the worker before Workbox (Workbox cleans its own precache).
      const current = new Set([ASSETS, PUBLIC, ACCOUNT, META]);
      for (const name of await caches.keys()) if (name.startsWith('rabt-') && !current.has(name)) await caches.delete(name);
      // The navigation request starts while the worker boots (matters on a slow phone); Workbox's strategies use it.
      if ('navigationPreload' in self.registration) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

// Any request under /api/ other than a GET may change who is signed in (sign-in, sign-out): ask again before keeping answers.
self.addEventListener('fetch', (event) => {
  const { method, url } = event.request;
  if (method === 'GET') return;
  const { origin, pathname } = new URL(url);
  if (origin !== self.location.origin || !pathname.startsWith('/api/')) return;
  sessionMemo = null;
  if (method === 'DELETE' && pathname === SESSION) event.waitUntil(signedOut());
});

// ---------------------------------------------------------------- who is signed in (domain code)

interface SessionLike {
  kind?: string;
  account?: { id?: string };
  staff?: { id?: string };
  employer?: { id?: string };
}

/** The last session answer seen online (and when), until anything under /api/ other than a GET is sent. */
let sessionMemo: { user: string | null; at: number } | null = null;
const MEMO_MS = 60_000;
let asking: Promise<string | null> | null = null;

/** The signed-in account's key, asking GET /api/v1/session (at most once a minute); throws when offline. */
function sessionUser(): Promise<string | null> {
  if (sessionMemo && Date.now() - sessionMemo.at < MEMO_MS) return Promise.resolve(sessionMemo.user);
  asking ??= fetch(SESSION, { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) throw new Error(`session ${res.status}`);
      return remember((await res.json()) as SessionLike);
    })
    .finally(() => {
      asking = null;
    });
  return asking;
}

/** Online: who the server says is signed in. Offline: the last account seen online. */
async function userNow(): Promise<string | null> {
  try {
    return await sessionUser();
  } catch {
    return currentUser();
  }
}

/**
 * Notes a session answer (`{kind, account|staff|employer: {id}}`): the account key is the first 128 bits of
 * SHA-256(`kind:id`), so no identifier is stored in clear. A different signed-in account deletes the other
 * accounts' kept answers; an anonymous answer keeps them (an expired session is not a sign-out).
 */
async function remember(session: SessionLike): Promise<string | null> {
  const id = session.kind === 'citizen' ? session.account?.id : session.kind === 'staff' ? session.staff?.id : session.kind === 'employer' ? session.employer?.id : undefined;
  const user = id ? await digest(`${session.kind}:${id}`) : null;
  if (user && user !== (await currentUser())) {
    await setCurrentUser(user);
    const cache = await caches.open(ACCOUNT);
    const mine = accountKey(user, '/');
    for (const key of await cache.keys()) if (!key.url.startsWith(mine)) await cache.delete(key, { ignoreVary: true });
  }
  sessionMemo = { user, at: Date.now() };
  return user;
}

async function signedOut(): Promise<void> {
  sessionMemo = null;
  await caches.delete(ACCOUNT);
  await setCurrentUser(null);
}

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function currentUser(): Promise<string | null> {
  const res = await (await caches.open(META)).match(CURRENT_USER);
  const text = res ? await res.text() : '';
  return text || null;
}

async function setCurrentUser(user: string | null): Promise<void> {
  const meta = await caches.open(META);
  if (user) await meta.put(CURRENT_USER, new Response(user));
  else await meta.delete(CURRENT_USER);
}

/** The cache key of `url`'s path kept for `user` (`-`: nobody, never written). */
const accountKey = (user: string | null, url: string): string => `${self.location.origin}/__rabt/account/${user ?? '-'}${new URL(url, self.location.href).pathname}`;

/**
 * Workbox plugin keeping a strategy's answers per account, in the one ACCOUNT cache, under the key
 * `/__rabt/account/<account key>/<path>`. Written for the account signed in when the answer arrived (its
 * session asked at most once a minute); not kept when nobody is signed in or the session cannot be asked.
 * Read for the account `readAs` names, so an answer is never matched for another account (even before the
 * previous account's answers are deleted). The request's headers go onto the key, so that RangeRequestsPlugin
 * (which reads the key) still sees a `Range` header.
 */
function accountPlugin(readAs: () => Promise<string | null>): WorkboxPlugin {
  return {
    cacheKeyWillBeUsed: async ({ request, mode, state }) => {
      const user = mode === 'write' ? await sessionUser().catch(() => null) : await readAs();
      if (mode === 'write' && state) state.writeFor = user;
      return new Request(accountKey(user, request.url), { headers: request.headers });
    },
    cacheWillUpdate: async ({ response, state }) => (state?.writeFor && response.ok ? response : null),
  };
}

/** Reads who is signed in from the session answers the page itself receives (no second request). */
const sessionWatch: WorkboxPlugin = {
  fetchDidSucceed: async ({ request, response }) => {
    if (response.ok && new URL(request.url).pathname === SESSION) {
      try {
        await remember((await response.clone().json()) as SessionLike);
      } catch {
        // Unreadable: who is signed in is then asked by sessionUser(), as for any other answer.
      }
    }
    return response;
  },
};

// ---------------------------------------------------------------- routes (the first match handles a request)

/** A lesson's PDF: the kept whole file (206 for a `Range`) for the signed-in account, else the network; a whole PDF is kept. */
const lessonFiles = new CacheFirst({
  cacheName: ACCOUNT,
  matchOptions: { ignoreVary: true },
  plugins: [accountPlugin(userNow), new CacheableResponsePlugin({ statuses: [200], headers: { 'content-type': 'application/pdf' } }), new RangeRequestsPlugin()],
});
/** The session and the learner's pages: network first; offline, the copy kept for the last account seen online. */
const accountApi = new NetworkFirst({ cacheName: ACCOUNT, matchOptions: { ignoreVary: true }, plugins: [sessionWatch, accountPlugin(currentUser)] });

// Before the navigation routes: tapping the PDF link is a navigation. A video or audio element streams with its own ranges: not routed.
registerRoute(({ url, request, sameOrigin }) => sameOrigin && LESSON_FILE.test(url.pathname) && request.destination !== 'video' && request.destination !== 'audio', lessonFiles);
// Every navigation uses the preload started with it (never a second request); only the app's pages fall back to the shell.
registerRoute(new NavigationRoute(new NetworkOnly({ plugins: [new PrecacheFallbackPlugin({ fallbackURL: SHELL_HTML })] }), { denylist: [NOT_APP] }));
registerRoute(({ request }) => request.mode === 'navigate', new NetworkOnly());
// index.html revalidated at install (it has a revision); hashed files may come from the HTTP cache the page just filled.
precacheAndRoute(MANIFEST);
registerRoute(({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'), new CacheFirst({ cacheName: ASSETS }));
/** This node's public answers: network first, the kept copy offline. */
const publicApi = new NetworkFirst({ cacheName: PUBLIC, matchOptions: { ignoreVary: true } });
registerRoute(({ url, sameOrigin }) => sameOrigin && url.search === '' && PUBLIC_API.some((r) => r.test(url.pathname)), publicApi);
registerRoute(({ url, sameOrigin }) => sameOrigin && url.search === '' && (url.pathname === SESSION || ACCOUNT_API.some((r) => r.test(url.pathname))), accountApi);

// ---------------------------------------------------------------- save for offline

interface SaveResult {
  saved: number;
  total: number;
}

self.addEventListener('message', (event) => {
  const data = event.data as { type?: string; urls?: unknown } | null;
  if (data?.type !== 'rabt:save' || !Array.isArray(data.urls)) return;
  const port = event.ports[0];
  const urls = data.urls.filter((u): u is string => typeof u === 'string' && LESSON_PAGE.test(u));
  event.waitUntil(saveLessons(event, urls).then((r) => port?.postMessage(r), () => port?.postMessage({ saved: 0, total: urls.length } satisfies SaveResult)));
});

const isWholePdf = (res: Response): boolean => res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('application/pdf');

const jsonRequest = (url: string): Request => new Request(url, { headers: { accept: 'application/json' } });

/**
 * Keeps each lesson page (and its PDF, not its video) for the signed-in account, one at a time (a slow link).
 * First keeps what the page needs offline to know who is signed in and which country this node serves (the
 * session and GET /api/v1/node), and afterwards the course pages and "my learning": on a first visit the page
 * asked for its session before this worker controlled it, so that answer was never kept, and offline the
 * trainee would appear signed out (no queued completions, no menu).
 */
async function saveLessons(event: ExtendableEvent, urls: string[]): Promise<SaveResult> {
  const session = await through(accountApi, event, jsonRequest(SESSION)).catch(() => null);
  if (!session?.ok || !(await sessionUser().catch(() => null))) return { saved: 0, total: urls.length };
  await through(publicApi, event, jsonRequest('/api/v1/node')).catch(() => undefined);
  let saved = 0;
  for (const url of urls) {
    try {
      const res = await through(accountApi, event, jsonRequest(url));
      if (!res.ok) continue;
      const page = (await res.json()) as { lesson?: { id?: string; file?: { mediaType?: string } | null } };
      const lessonId = page.lesson?.id;
      if (lessonId && page.lesson?.file?.mediaType === 'application/pdf') {
        const file = await through(lessonFiles, event, new Request(`/api/v1/elearning/lessons/${encodeURIComponent(lessonId)}/file`));
        if (!isWholePdf(file)) continue;
      }
      saved++;
    } catch {
      // Offline or refused: counted as not saved; the trainee may try again.
    }
  }
  // The course pages (/courses/:id) and /my-learning, best effort: the lessons are what the count reports.
  const courses = new Set(urls.map((u) => u.replace(/\/lessons\/[^/]+$/, '')));
  for (const url of [...courses, '/api/v1/elearning/my']) await through(accountApi, event, jsonRequest(url)).catch(() => undefined);
  return { saved, total: urls.length };
}

/** `request` through `strategy` as if the page had sent it; resolves once its copy is written. */
async function through(strategy: Strategy, event: ExtendableEvent, request: Request): Promise<Response> {
  const [response, done] = strategy.handleAll({ event, request });
  const res = await response;
  await done;
  return res;
}

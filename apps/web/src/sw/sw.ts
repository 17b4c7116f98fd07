/**
 * Rabt's service worker (issue 6 §8 "low bandwidth", issue 4 offline QR check). Built by `sw-plugin.ts` into
 * `dist/sw.js` with the list of files to precache; registered by `offline/register.ts` in production builds.
 *
 * Hand-written because no service-worker library is installed. When dependencies can change, Workbox
 * (vite-plugin-pwa in `injectManifest` mode, with workbox-precaching, workbox-routing, workbox-strategies and
 * workbox-range-requests) should replace it: the strategies below map one to one onto Workbox's.
 *
 * What it does, and nothing else (every other request goes to the network untouched, never cached):
 * - App shell, precached at install: index.html, the entry chunk and its CSS, and the code of the lesson page
 *   and of /verify. A navigation goes to the network first and falls back to the cached index.html offline.
 *   Other hashed `/assets/*` files are cache-first and kept once fetched (a page's code, after one visit).
 * - Public API answers (`/api/v1/node`, `/api/v1/trust/bundle`): network first, cached copy offline.
 * - Per-user API answers (the session, a lesson page, a course page, "my learning"): network first, cached in
 *   a cache of their own per signed-in user (`rabt-user-<SHA-256 of the account>`), served only offline and
 *   only to that user. Signing out (DELETE /api/v1/session) deletes it; another account seen online deletes
 *   the other users' caches.
 * - Lesson files: a whole PDF is kept when opened or saved (videos never are: too large for a phone's link);
 *   a kept PDF is served from the cache, byte ranges included.
 * - "Save for offline": a `rabt:save` message with lesson API URLs; each lesson and its PDF are fetched and
 *   kept, and the answer says how many were saved.
 */
declare const self: ServiceWorkerGlobalScope;
declare const __RABT_PRECACHE__: string[];
declare const __RABT_VERSION__: string;

const SHELL = `rabt-shell-${__RABT_VERSION__}`;
const PUBLIC = 'rabt-public';
const USER_PREFIX = 'rabt-user-';
const META = 'rabt-meta';
const CURRENT_USER = '/__rabt/current-user';

const PUBLIC_API = [/^\/api\/v1\/node$/, /^\/api\/v1\/trust\/bundle$/];
const SESSION = '/api/v1/session';
const LESSON_PAGE = /^\/api\/v1\/elearning\/courses\/[^/]+\/lessons\/[^/]+$/;
const USER_API = [LESSON_PAGE, /^\/api\/v1\/elearning\/courses\/[^/]+$/, /^\/api\/v1\/elearning\/my$/];
const LESSON_FILE = /^\/api\/v1\/elearning\/lessons\/([^/]+)\/file$/;
/** Paths that are not pages of the app: never answered with the app shell. */
const NOT_APP = /^\/(api|federation|\.well-known|webhooks|metrics)(\/|$)/;

// ---------------------------------------------------------------- lifecycle

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // index.html is revalidated (it names this build's chunks); hashed files may come from the HTTP cache the page just filled.
      await cache.addAll(__RABT_PRECACHE__.map((url) => new Request(url, { cache: url === '/index.html' ? 'no-cache' : 'default' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('rabt-shell-') && name !== SHELL) await caches.delete(name);
      // The navigation request starts while the worker boots (matters on a slow phone).
      if ('navigationPreload' in self.registration) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

// ---------------------------------------------------------------- routing

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (req.method !== 'GET') {
    // Signing in or out (or anything else that may change who is signed in): ask again before keeping answers.
    if (path.startsWith('/api/')) {
      sessionMemo = null;
      if (req.method === 'DELETE' && path === SESSION) event.waitUntil(signedOut());
    }
    return;
  }
  if (LESSON_FILE.test(path)) {
    // A video streams from the network with its own range requests: never kept, so never routed through here.
    if (req.destination === 'video' || req.destination === 'audio') return;
    return event.respondWith(lessonFile(event, path));
  }
  // Every navigation uses the preload started with it (never a second request); only the app's pages fall back to the shell.
  if (req.mode === 'navigate') return event.respondWith(navigation(event, !NOT_APP.test(path)));
  if (path.startsWith('/api/')) {
    if (url.search !== '') return;
    if (PUBLIC_API.some((r) => r.test(path))) return event.respondWith(publicNetworkFirst(req, path));
    if (path === SESSION || USER_API.some((r) => r.test(path))) return event.respondWith(userNetworkFirst(req, path));
    return;
  }
  if (path.startsWith('/assets/')) return event.respondWith(asset(event));
});

async function navigation(event: FetchEvent, appPage: boolean): Promise<Response> {
  try {
    const preloaded = (await event.preloadResponse) as Response | undefined;
    return preloaded ?? (await fetch(event.request));
  } catch {
    return (appPage ? await caches.match('/index.html', { cacheName: SHELL }) : undefined) ?? Response.error();
  }
}

async function asset(event: FetchEvent): Promise<Response> {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(event.request);
  if (hit) return hit;
  const res = await fetch(event.request);
  if (res.ok) event.waitUntil(cache.put(event.request, res.clone()));
  return res;
}

async function publicNetworkFirst(req: Request, path: string): Promise<Response> {
  const cache = await caches.open(PUBLIC);
  try {
    const res = await fetch(req);
    if (res.ok) await cache.put(path, res.clone());
    return res;
  } catch {
    return (await cache.match(path, { ignoreVary: true })) ?? Response.error();
  }
}

/** Online: the network's answer, kept for the signed-in user. Offline: that user's kept copy, or a network error. */
async function userNetworkFirst(req: Request, path: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(req);
  } catch {
    const user = await currentUser();
    const hit = user ? await (await caches.open(USER_PREFIX + user)).match(path, { ignoreVary: true }) : undefined;
    return hit ?? Response.error();
  }
  if (res.ok) {
    try {
      const user = path === SESSION ? await remember((await res.clone().json()) as SessionLike) : await sessionUser();
      // JSON answers are small: kept before answering, so a page read once is there when the link drops.
      if (user) await (await caches.open(USER_PREFIX + user)).put(path, res.clone());
    } catch {
      // Not kept (the session could not be asked): the page still gets its answer.
    }
  }
  return res;
}

/** A lesson's file: a kept PDF from the cache (with byte ranges), otherwise the network; a whole PDF is kept. */
async function lessonFile(event: FetchEvent, path: string): Promise<Response> {
  const req = event.request;
  const user = await userNow();
  const cache = user ? await caches.open(USER_PREFIX + user) : null;
  const hit = cache ? await cache.match(path, { ignoreVary: true }) : undefined;
  if (hit) {
    const range = req.headers.get('range');
    return range ? rangeOf(hit, range) : hit;
  }
  // Tapping the PDF link is a navigation: its preload is already on the way.
  const preloaded = req.mode === 'navigate' ? ((await event.preloadResponse) as Response | undefined) : undefined;
  const res = preloaded ?? (await fetch(req));
  if (cache && isWholePdf(res)) event.waitUntil(cache.put(path, res.clone()));
  return res;
}

const isWholePdf = (res: Response): boolean => res.status === 200 && (res.headers.get('content-type') ?? '').startsWith('application/pdf');

/** A 206 (or 416) for `Range: bytes=…` from a kept whole file (RFC 9110 §14; one range, as the API serves). */
async function rangeOf(whole: Response, header: string): Promise<Response> {
  const blob = await whole.blob();
  const size = blob.size;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  let start = 0;
  let end = size - 1;
  if (m && m[1] === '' && m[2] !== '') start = Math.max(0, size - Number(m[2]));
  else if (m && m[1] !== '') {
    start = Number(m[1]);
    if (m[2] !== '') end = Math.min(Number(m[2]), size - 1);
  }
  if (!m || (m[1] === '' && m[2] === '') || start >= size || start > end) {
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });
  }
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      'content-type': whole.headers.get('content-type') ?? 'application/octet-stream',
      'content-range': `bytes ${start}-${end}/${size}`,
      'content-length': String(end - start + 1),
      'accept-ranges': 'bytes',
    },
  });
}

// ---------------------------------------------------------------- who is signed in

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

/** The signed-in user's cache key, asking GET /api/v1/session (at most once a minute); throws when offline. */
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

/** Online: who the server says is signed in. Offline: the last user seen online. */
async function userNow(): Promise<string | null> {
  try {
    return await sessionUser();
  } catch {
    return currentUser();
  }
}

/** Notes the session answer: a different signed-in user deletes the other users' caches. Anonymous keeps them (an expired session). */
async function remember(session: SessionLike): Promise<string | null> {
  const id = session.kind === 'citizen' ? session.account?.id : session.kind === 'staff' ? session.staff?.id : session.kind === 'employer' ? session.employer?.id : undefined;
  const user = id ? await digest(`${session.kind}:${id}`) : null;
  sessionMemo = { user, at: Date.now() };
  if (user && user !== (await currentUser())) {
    await setCurrentUser(user);
    for (const name of await caches.keys()) if (name.startsWith(USER_PREFIX) && name !== USER_PREFIX + user) await caches.delete(name);
  }
  return user;
}

async function signedOut(): Promise<void> {
  sessionMemo = null;
  const user = await currentUser();
  if (user) await caches.delete(USER_PREFIX + user);
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
  event.waitUntil(saveLessons(urls).then((r) => port?.postMessage(r), () => port?.postMessage({ saved: 0, total: urls.length } satisfies SaveResult)));
});

/** Fetches and keeps each lesson page (and its PDF, not its video) for the signed-in user, one at a time (a slow link). */
async function saveLessons(urls: string[]): Promise<SaveResult> {
  const user = await sessionUser();
  if (!user) return { saved: 0, total: urls.length };
  const cache = await caches.open(USER_PREFIX + user);
  let saved = 0;
  for (const url of urls) {
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!res.ok) continue;
      const page = (await res.clone().json()) as { lesson?: { id?: string; file?: { mediaType?: string } | null } };
      await cache.put(url, res);
      const lessonId = page.lesson?.id;
      if (lessonId && page.lesson?.file?.mediaType === 'application/pdf') {
        const fileUrl = `/api/v1/elearning/lessons/${encodeURIComponent(lessonId)}/file`;
        if (!(await cache.match(fileUrl))) {
          const file = await fetch(fileUrl, { credentials: 'same-origin' });
          if (!isWholePdf(file)) continue;
          await cache.put(fileUrl, file);
        }
      }
      saved++;
    } catch {
      // Offline or refused: counted as not saved; the trainee may try again.
    }
  }
  return { saved, total: urls.length };
}

export {};

import type { ProblemDetails } from '@rabt/contracts';

/** A non-2xx answer from the API, carrying its RFC 9457 problem details. */
export class ProblemError extends Error {
  readonly problem: ProblemDetails;
  constructor(problem: ProblemDetails) {
    super(problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: Promise<string> | null = null;

function fetchCsrf(): Promise<string> {
  csrfToken = fetch('/api/v1/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) throw new Error(`csrf ${res.status}`);
      const body = (await res.json()) as { token: string };
      return body.token;
    })
    .catch((err: unknown) => {
      csrfToken = null;
      throw err;
    });
  return csrfToken;
}

function isProblem(value: unknown): value is ProblemDetails {
  return typeof value === 'object' && value !== null && 'code' in value && 'titles' in value;
}

/** A problem for failures that never reached the API's error handler (network down, proxy HTML). */
function localProblem(status: number): ProblemDetails {
  return {
    type: 'about:blank',
    title: 'Something went wrong on our side.',
    status,
    code: status === 0 ? 'network_error' : 'internal_error',
    titles:
      status === 0
        ? { en: 'The service cannot be reached. Check your connection and try again.', ar: 'تعذّر الوصول إلى الخدمة. تحقّق من اتصالك وحاول مرة أخرى.' }
        : { en: 'Something went wrong on our side.', ar: 'حدث خطأ من جانبنا.' },
    correlationId: '',
  };
}

async function send(method: string, path: string, body: unknown, retry: boolean): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method)) {
    try {
      headers['x-csrf-token'] = await (csrfToken ?? fetchCsrf());
    } catch (err) {
      // No token because the network is down (fetch's TypeError) is the same failure as the request itself failing.
      throw new ProblemError(localProblem(err instanceof TypeError ? 0 : 500));
    }
  }
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ProblemError(localProblem(0));
  }
  if (res.status === 403 && UNSAFE.has(method) && retry) {
    const copy = res.clone();
    const problem: unknown = await copy.json().catch(() => null);
    if (isProblem(problem) && problem.code === 'csrf_invalid') {
      await fetchCsrf();
      return send(method, path, body, false);
    }
  }
  return res;
}

/** Calls the Rabt API (same origin, cookies, CSRF header on unsafe methods); throws ProblemError on non-2xx. */
export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body, true);
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ProblemError(isProblem(data) ? data : localProblem(res.status));
  return data as T;
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown): Promise<T> => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown): Promise<T> => api<T>('PATCH', path, body);
export const del = <T>(path: string): Promise<T> => api<T>('DELETE', path);

/** Field errors keyed by the top-level field name of their JSON Pointer (`/nationalId` → `nationalId`). */
export function fieldErrors(err: unknown, locale: 'ar' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ProblemError)) return out;
  for (const e of err.problem.errors ?? []) {
    const name = e.pointer.split('/')[1] ?? '';
    out[name] ??= e.message[locale];
  }
  return out;
}

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import assert from 'node:assert/strict';

/** An in-process HTTP client that behaves like one browser: it keeps cookies and sends the CSRF token. */
export class TestClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const unsafe = method !== 'GET' && method !== 'HEAD';
    if (unsafe && !this.csrfToken) {
      const res = await this.app.inject({ method: 'GET', url: '/api/v1/csrf', cookies: Object.fromEntries(this.cookies) });
      this.remember(res);
      this.csrfToken = res.json<{ token: string }>().token;
    }
    const res = await this.app.inject({
      method,
      url,
      cookies: Object.fromEntries(this.cookies),
      headers: { ...(unsafe && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}), ...headers },
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body, headers: { 'content-type': 'application/json', ...(unsafe && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}), ...headers } } : { payload: body as object }),
    });
    this.remember(res);
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

/** A response's JSON body after asserting its status (200 unless given); the body is the assertion's message. */
export async function ok<T>(p: Promise<{ statusCode: number; body: string; json<U>(): U }>, status = 200): Promise<T> {
  const r = await p;
  assert.equal(r.statusCode, status, r.body);
  return r.json<T>();
}

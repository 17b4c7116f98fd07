import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createTestNode, testTargets, type TestNode } from '../testing/test-node.ts';
import { registerCitizen, registrationBody } from '../testing/factories.ts';

for (const target of testTargets()) {
  describe(`platform endpoints (${target})`, () => {
    let t: TestNode;
    const logs: string[] = [];
    before(async () => {
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          logs.push(chunk.toString());
          done();
        },
      });
      t = await createTestNode(target, { LOG_LEVEL: 'trace', RATE_LIMIT_SIGNIN_PER_MINUTE: '3' }, sink);
    });
    after(() => t.close());

    test('health and readiness', async () => {
      assert.deepEqual((await t.client().get('/health')).json(), { status: 'ok' });
      assert.deepEqual((await t.client().get('/ready')).json(), { status: 'ready', database: target });
    });

    test('every response carries a correlation id; a safe one from the client is echoed', async () => {
      const res = await t.client().get('/health');
      assert.match(String(res.headers['x-correlation-id']), /^[0-9a-f-]{36}$/);
      const echoed = await t.node.app.inject({ method: 'GET', url: '/health', headers: { 'x-correlation-id': 'abc12345-partner' } });
      assert.equal(echoed.headers['x-correlation-id'], 'abc12345-partner');
      const unsafe = await t.node.app.inject({ method: 'GET', url: '/health', headers: { 'x-correlation-id': 'bad id\nwith newline' } });
      assert.notEqual(unsafe.headers['x-correlation-id'], 'bad id\nwith newline');
    });

    test('security headers', async () => {
      const res = await t.client().get('/api/v1/node');
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(String(res.headers['cache-control']), /no-store/);
      assert.ok(res.headers['x-frame-options']);
      assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
      // Headers that act only on an HTML document are left off API responses (OWASP REST Security Cheat Sheet).
      for (const name of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-xss-protection']) assert.equal(res.headers[name], undefined, name);
      // Outside the API (the web app's pages, health), the whole set.
      const page = await t.client().get('/health');
      assert.equal(page.headers['cross-origin-opener-policy'], 'same-origin');
      assert.equal(page.headers['x-xss-protection'], '0');
      assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
    });

    test('OpenAPI 3.1 document with every route and the docs page', async () => {
      const doc = (await t.client().get('/api/openapi.json')).json<{ openapi: string; paths: Record<string, unknown> }>();
      assert.equal(doc.openapi, '3.1.0');
      for (const path of ['/api/v1/citizens', '/api/v1/session/staff', '/api/v1/offices/{id}', '/api/v1/occupations', '/api/v1/audit-log']) assert.ok(doc.paths[path], path);
      const page = await t.client().get('/api/docs/');
      assert.equal(page.statusCode, 200);
    });

    test('GET /cities: the cities of a destination in Arabic and English, anyone may read; a malformed country is a 400 problem', async () => {
      const res = await t.client().get('/api/v1/cities?country=SA');
      assert.equal(res.statusCode, 200, res.body);
      const cities = res.json<{ country: string; nameEn: string; nameAr: string }[]>();
      assert.ok(cities.some((c) => c.nameEn === 'Riyadh' && c.nameAr === 'الرياض'));
      assert.ok(cities.every((c) => c.country === 'SA'));
      assert.deepEqual((await t.client().get('/api/v1/cities?country=ZZ')).json(), []);
      const bad = await t.client().get('/api/v1/cities?country=sa1');
      assert.equal(bad.statusCode, 400);
      assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
      assert.equal(bad.json<{ code: string }>().code, 'validation_failed');
    });

    test('Prometheus metrics count requests per route with latency histograms', async () => {
      await t.client().get('/api/v1/occupations?q=nurse');
      const text = (await t.client().get('/metrics')).body;
      assert.match(text, /http_requests_total\{method="GET",route="\/api\/v1\/occupations",status_code="200"\} \d+/);
      assert.match(text, /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/occupations"/);
    });

    test('sign-in is rate limited with a problem-details 429', async () => {
      const c = t.client();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await c.post('/api/v1/session/citizen', { nationalId: '29604170101234', password: 'whatever-123' })).statusCode);
      assert.deepEqual(statuses.slice(3), [429, 429]);
      const res = await c.post('/api/v1/session/citizen', { nationalId: '29604170101234', password: 'whatever-123' });
      assert.equal(res.json<{ code: string }>().code, 'rate_limited');
    });

    test('logs hold no national ID, mobile number, password or session token', async () => {
      const c = t.client();
      const body = registrationBody();
      await registerCitizen(t, c, body);
      const all = logs.join('');
      assert.ok(all.length > 0, 'something was logged');
      for (const secret of [String(body.nationalId), String(body.mobile).slice(1), String(body.password), String(c.cookie('rabt_session'))]) {
        assert.ok(!all.includes(secret), `log leaks ${secret.slice(0, 4)}…`);
      }
    });
  });
}

describe('graceful shutdown', () => {
  test('a request already received finishes (its database query too) before the database closes', async () => {
    const t = await createTestNode('pglite');
    const address = await t.node.app.listen({ host: '127.0.0.1', port: 0 });
    const received = new Promise<void>((resolve) => t.node.app.server.once('request', () => resolve()));
    const inflight = fetch(`${address}/ready`);
    await received;
    const closing = t.close();
    const res = await inflight;
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ready', database: 'pglite' });
    await closing;
  });
});

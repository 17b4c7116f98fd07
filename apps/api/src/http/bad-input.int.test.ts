import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestNode, testTargets, type TestNode } from '../testing/test-node.ts';
import { lastCodeSentTo, makeNationalId, registerCitizen, registrationBody, signInStaff, toE164 } from '../testing/factories.ts';
import { seedOfficeId } from '../platform/db/seed.ts';

/** Asserts an RFC 9457 answer with a stable code, bilingual titles and a correlation id. */
function assertProblem(res: LightMyRequestResponse, status: number, code: string, fieldCode?: { pointer: string; code: string }) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  const p = res.json<{ code: string; status: number; titles: { ar: string; en: string }; correlationId: string; errors?: { pointer: string; code: string; message: { ar: string; en: string } }[] }>();
  assert.equal(p.code, code);
  assert.equal(p.status, status);
  assert.match(p.titles.ar, /[\u0600-\u06FF]/, 'Arabic title');
  assert.ok(p.titles.en.length > 0);
  assert.equal(p.correlationId, res.headers['x-correlation-id']);
  if (fieldCode) {
    const e = p.errors?.find((x) => x.pointer === fieldCode.pointer);
    assert.ok(e, `field error at ${fieldCode.pointer}: ${res.body}`);
    assert.equal(e.code, fieldCode.code);
    assert.match(e.message.ar, /[\u0600-\u06FF]/);
  }
}

for (const target of testTargets()) {
  describe(`bad input changes nothing (${target})`, () => {
    let t: TestNode;
    before(async () => {
      t = await createTestNode(target, { BODY_LIMIT_BYTES: '4096' });
    });
    after(() => t.close());

    /** Row counts that must not move when a request is refused. */
    async function snapshot() {
      const db = t.node.database.db;
      const count = async (table: 'citizens' | 'audit_log' | 'one_time_codes' | 'offices' | 'staff' | 'sessions') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return { citizens: await count('citizens'), audit: await count('audit_log'), codes: await count('one_time_codes'), offices: await count('offices'), staff: await count('staff'), sessions: await count('sessions') };
    }

    async function refusedWithoutChange(send: () => Promise<LightMyRequestResponse>, status: number, code: string, field?: { pointer: string; code: string }) {
      const before = await snapshot();
      const res = await send();
      assertProblem(res, status, code, field);
      assert.deepEqual(await snapshot(), before, 'nothing written');
    }

    test('a body that is not JSON, and an undecodable URL', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.request('POST', '/api/v1/citizens', 'nationalId=1', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
      assertProblem(await c.get('/api/v1/occupations/%00%ff'), 404, 'not_found');
    });

    test('malformed JSON', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.request('POST', '/api/v1/citizens', '{"nationalId": "2960', {}), 400, 'malformed_json');
    });

    test('wrong types', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nameAr: 42 })), 400, 'validation_failed', { pointer: '/nameAr', code: 'invalid_type' });
    });

    test('missing fields', async () => {
      const c = t.client();
      const { mobile: _m, ...rest } = registrationBody();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', rest), 400, 'validation_failed', { pointer: '/mobile', code: 'required' });
    });

    test('an empty form: every required field says "required" (not "too short"), the mobile included', async () => {
      const c = t.client();
      const before = await snapshot();
      const res = await c.post('/api/v1/citizens', { nationalId: '', nameAr: '', nameLatin: ' ', mobile: '', password: '', locale: 'ar' });
      assertProblem(res, 400, 'validation_failed');
      const errors = res.json<{ errors: { pointer: string; code: string; message: { ar: string } }[] }>().errors;
      for (const pointer of ['/nationalId', '/nameAr', '/nameLatin', '/mobile', '/password']) {
        const e = errors.filter((x) => x.pointer === pointer);
        assert.ok(e.length > 0, `an error at ${pointer}: ${res.body}`);
        assert.ok(e.every((x) => x.code === 'required' && x.message.ar === 'هذا الحقل مطلوب.'), `${pointer}: ${JSON.stringify(e)}`);
      }
      // Short but not empty is still "too short"; a malformed mobile is reported with the other fields.
      const short = await c.post('/api/v1/citizens', registrationBody({ nameAr: 'م', mobile: '12ab' }));
      assertProblem(short, 400, 'validation_failed', { pointer: '/nameAr', code: 'too_short' });
      assertProblem(short, 400, 'validation_failed', { pointer: '/mobile', code: 'mobile_invalid' });
      assert.deepEqual(await snapshot(), before);
    });

    test('unknown fields', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ isAdmin: true })), 400, 'validation_failed', { pointer: '/isAdmin', code: 'unknown_field' });
    });

    test('prototype pollution keys are unknown fields, not merged', async () => {
      const c = t.client();
      const body = JSON.stringify({ ...registrationBody(), __proto__: { admin: true } }).replace('}', ',"__proto__":{"admin":true}}');
      const res = await c.request('POST', '/api/v1/citizens', body, {});
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(({} as Record<string, unknown>).admin, undefined);
    });

    test('oversize bodies', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nameAr: 'م'.repeat(5000) })), 413, 'payload_too_large');
    });

    test('a national ID with 13 or 15 digits', async () => {
      const c = t.client();
      const nid = makeNationalId();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nationalId: nid.slice(0, 13) })), 400, 'validation_failed', { pointer: '/nationalId', code: 'national_id_length' });
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nationalId: `${nid}1` })), 400, 'validation_failed', { pointer: '/nationalId', code: 'national_id_length' });
    });

    test('a birth date of 31 February', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nationalId: '29602310101234' })), 400, 'validation_failed', { pointer: '/nationalId', code: 'national_id_birth_date' });
    });

    test('a birth date in the future', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nationalId: '39912310101234' })), 400, 'validation_failed', { pointer: '/nationalId', code: 'national_id_future_birth_date' });
    });

    test('a governorate code that does not exist', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nationalId: '29604172001234' })), 400, 'validation_failed', { pointer: '/nationalId', code: 'national_id_governorate' });
    });

    test('an invalid mobile number and a common password', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ mobile: '0131234567' })), 400, 'validation_failed', { pointer: '/mobile', code: 'mobile_invalid' });
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ password: 'password1' })), 400, 'validation_failed', { pointer: '/password', code: 'password_common' });
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ password: 'short' })), 400, 'validation_failed', { pointer: '/password', code: 'password_too_short' });
    });

    test('names in the wrong script', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nameAr: 'Mohamed Ali' })), 400, 'validation_failed', { pointer: '/nameAr', code: 'name_arabic_script' });
      await refusedWithoutChange(() => c.post('/api/v1/citizens', registrationBody({ nameLatin: 'محمد علي' })), 400, 'validation_failed', { pointer: '/nameLatin', code: 'name_latin_script' });
    });

    test('an already-registered national ID or mobile', async () => {
      const first = registrationBody();
      assert.equal((await t.client().post('/api/v1/citizens', first)).statusCode, 201);
      await refusedWithoutChange(() => t.client().post('/api/v1/citizens', registrationBody({ nationalId: first.nationalId })), 409, 'national_id_already_registered');
      await refusedWithoutChange(() => t.client().post('/api/v1/citizens', registrationBody({ mobile: first.mobile })), 409, 'mobile_already_registered');
    });

    test('a wrong one-time code six times', async () => {
      const c = t.client();
      const body = registrationBody();
      const { accountId } = (await c.post('/api/v1/citizens', body)).json<{ accountId: string }>();
      const code = await lastCodeSentTo(t, toE164(String(body.mobile)));
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 1; i <= 5; i++) {
        assertProblem(await c.post('/api/v1/citizens/verify-mobile', { accountId, code: wrong }), 400, 'otp_invalid');
      }
      await refusedWithoutChange(() => c.post('/api/v1/citizens/verify-mobile', { accountId, code: wrong }), 429, 'otp_attempts_exceeded');
      // Even the right code no longer works: the citizen must ask for a new one.
      await refusedWithoutChange(() => c.post('/api/v1/citizens/verify-mobile', { accountId, code }), 429, 'otp_attempts_exceeded');
      const me = await t.node.database.db.selectFrom('citizens').select('mobile_verified_at').where('id', '=', accountId).executeTakeFirstOrThrow();
      assert.equal(me.mobile_verified_at, null);
    });

    test('a malformed one-time code', async () => {
      const c = t.client();
      await refusedWithoutChange(() => c.post('/api/v1/citizens/verify-mobile', { accountId: '018f4e4e-0000-7000-8000-000000000000', code: '12ab56' }), 400, 'validation_failed', { pointer: '/code', code: 'otp_format' });
    });

    test('a clerk asking for another office record', async () => {
      const c = t.client();
      await signInStaff(t, c, 'nasr.clerk');
      await refusedWithoutChange(() => c.get(`/api/v1/offices/${seedOfficeId('GIZ-GIZA')}`), 403, 'out_of_scope');
      await refusedWithoutChange(() => c.patch(`/api/v1/offices/${seedOfficeId('GIZ-GIZA')}`, { active: false }), 403, 'forbidden');
    });

    test('a request without the CSRF token', async () => {
      await refusedWithoutChange(() => t.node.app.inject({ method: 'POST', url: '/api/v1/citizens', payload: registrationBody() }), 403, 'csrf_invalid');
    });

    test('a path parameter that is not a UUID, and an unknown route', async () => {
      const c = t.client();
      await signInStaff(t, c, 'hq.admin');
      assertProblem(await c.get('/api/v1/offices/not-a-uuid'), 400, 'validation_failed', { pointer: '/params/id', code: 'invalid_format' });
      assertProblem(await c.get('/api/v1/nothing-here'), 404, 'not_found');
    });

    test('an unverified citizen cannot reach the account', async () => {
      const c = t.client();
      await registerCitizen(t, c);
      await c.delete('/api/v1/session');
      assertProblem(await c.get('/api/v1/me'), 401, 'unauthenticated');
    });
  });
}

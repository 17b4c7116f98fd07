import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { lastCodeSentTo, makeNationalId, registerCitizen, registrationBody, toE164, VALID_PASSWORD } from '../../testing/factories.ts';

for (const target of testTargets()) {
  describe(`citizen identity (${target})`, () => {
    let t: TestNode;
    before(async () => {
      t = await createTestNode(target);
    });
    after(() => t.close());

    test('register, confirm the mobile, see and edit the account, sign out and in again', async () => {
      const c = t.client();
      const body = registrationBody({ mobile: '+20 10 2345 6781' });
      const reg = await c.post('/api/v1/citizens', body);
      assert.equal(reg.statusCode, 201, reg.body);
      const pending = reg.json<{ accountId: string; mobileMasked: string }>();
      assert.match(pending.mobileMasked, /^\+2010•+781$/);
      const code = await lastCodeSentTo(t, '+201023456781');
      const verified = await c.post('/api/v1/citizens/verify-mobile', { accountId: pending.accountId, code });
      assert.equal(verified.statusCode, 200, verified.body);
      assert.equal(verified.json<{ kind: string }>().kind, 'citizen');
      assert.ok(c.cookie('rabt_session'));

      const me = await c.get('/api/v1/me');
      assert.equal(me.statusCode, 200);
      const account = me.json<{ nameAr: string; mobile: string; nationalIdMasked: string; birthDate: string; sex: string; governorateCode: string; mobileVerified: boolean }>();
      assert.equal(account.nameAr, 'محمد أحمد علي');
      assert.equal(account.mobile, '+201023456781');
      assert.equal(account.birthDate, '1996-04-17');
      assert.equal(account.sex, 'male');
      assert.equal(account.governorateCode, '01');
      assert.ok(account.mobileVerified);
      assert.ok(!me.body.includes(String(body.nationalId)), 'the full national ID never leaves the server');

      const edited = await c.patch('/api/v1/me', { nameLatin: 'Mohamed A. Ali', email: 'm.ali@example.org', locale: 'en' });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json<{ nameLatin: string }>().nameLatin, 'Mohamed A. Ali');

      assert.equal((await c.delete('/api/v1/session')).statusCode, 204);
      assert.equal((await c.get('/api/v1/me')).statusCode, 401);
      assert.equal((await c.get('/api/v1/session')).json<{ kind: string }>().kind, 'anonymous');

      const signIn = await c.post('/api/v1/session/citizen', { nationalId: body.nationalId, password: VALID_PASSWORD });
      assert.equal(signIn.statusCode, 200, signIn.body);
      assert.equal((await c.get('/api/v1/me')).json<{ email: string }>().email, 'm.ali@example.org');
    });

    test('every common mobile form and Arabic-Indic digits normalise to the same E.164 number', async () => {
      const forms = ['01112345670', '+201112345671', '00201112345672', '٠١١١٢٣٤٥٦٧٣', '011-1234-5674'];
      for (const [i, mobile] of forms.entries()) {
        const res = await t.client().post('/api/v1/citizens', registrationBody({ mobile }));
        assert.equal(res.statusCode, 201, `${mobile}: ${res.body}`);
        await lastCodeSentTo(t, `+2011123456${70 + i}`);
      }
    });

    test('a national ID typed in Arabic-Indic digits is the same ID', async () => {
      const nid = makeNationalId();
      const arabic = nid.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
      const res = await t.client().post('/api/v1/citizens', registrationBody({ nationalId: arabic }));
      assert.equal(res.statusCode, 201, res.body);
      const again = await t.client().post('/api/v1/citizens', registrationBody({ nationalId: nid }));
      assert.equal(again.statusCode, 409);
      assert.equal(again.json<{ code: string }>().code, 'national_id_already_registered');
    });

    test('a check-digit mismatch registers but flags the account for review', async () => {
      const c = t.client();
      const { accountId } = await registerCitizen(t, c, { nationalId: makeNationalId({ badCheckDigit: true }) });
      const me = (await c.get('/api/v1/me')).json<{ id: string; needsReview: boolean }>();
      assert.equal(me.id, accountId);
      assert.equal(me.needsReview, true);
    });

    test('a code works once, expires after 10 minutes, and a new code replaces the old one', async () => {
      const c = t.client();
      const body = registrationBody();
      const { accountId } = (await c.post('/api/v1/citizens', body)).json<{ accountId: string }>();
      const first = await lastCodeSentTo(t, toE164(String(body.mobile)));
      assert.equal((await c.post('/api/v1/citizens/resend-code', { accountId })).statusCode, 200);
      const second = await lastCodeSentTo(t, toE164(String(body.mobile)));
      if (first !== second) {
        const old = await c.post('/api/v1/citizens/verify-mobile', { accountId, code: first });
        assert.equal(old.json<{ code: string }>().code, 'otp_invalid');
      }
      t.clock.advance(10 * 60_000 + 1000);
      const late = await c.post('/api/v1/citizens/verify-mobile', { accountId, code: second });
      assert.equal(late.statusCode, 400);
      assert.equal(late.json<{ code: string }>().code, 'otp_expired');

      await c.post('/api/v1/citizens/resend-code', { accountId });
      const third = await lastCodeSentTo(t, toE164(String(body.mobile)));
      assert.equal((await c.post('/api/v1/citizens/verify-mobile', { accountId, code: third })).statusCode, 200);
      const reuse = await t.client().post('/api/v1/citizens/verify-mobile', { accountId, code: third });
      assert.equal(reuse.json<{ code: string }>().code, 'otp_expired');
    });

    test('signing in before confirming the mobile sends a new code and says which account to confirm', async () => {
      const body = registrationBody();
      const { accountId } = (await t.client().post('/api/v1/citizens', body)).json<{ accountId: string }>();
      const res = await t.client().post('/api/v1/session/citizen', { nationalId: body.nationalId, password: body.password });
      assert.equal(res.statusCode, 403);
      const p = res.json<{ code: string; pendingAccountId: string }>();
      assert.equal(p.code, 'mobile_not_verified');
      assert.equal(p.pendingAccountId, accountId);
    });

    test('a wrong password and an unknown national ID get the same answer', async () => {
      const c = t.client();
      const { nationalId } = await registerCitizen(t, c);
      const wrong = await t.client().post('/api/v1/session/citizen', { nationalId, password: 'not-the-password' });
      const unknown = await t.client().post('/api/v1/session/citizen', { nationalId: makeNationalId(), password: 'not-the-password' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.json<{ code: string }>().code, unknown.json<{ code: string }>().code);
    });

    test('signing in rotates the session id; the old session is revoked', async () => {
      const c = t.client();
      const { nationalId, password } = await registerCitizen(t, c);
      const before = c.cookie('rabt_session');
      assert.equal((await c.post('/api/v1/session/citizen', { nationalId, password })).statusCode, 200);
      const afterToken = c.cookie('rabt_session');
      assert.notEqual(before, afterToken);
      const stale = await t.node.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { rabt_session: String(before) } });
      assert.equal(stale.statusCode, 401);
    });

    test('sessions end after the idle timeout', async () => {
      const c = t.client();
      await registerCitizen(t, c);
      assert.equal((await c.get('/api/v1/me')).statusCode, 200);
      t.clock.advance(t.config.sessionIdleMs + 1000);
      assert.equal((await c.get('/api/v1/me')).statusCode, 401);
    });

    test('sessions end at the absolute timeout even when active', async () => {
      const c = t.client();
      await registerCitizen(t, c);
      const step = t.config.sessionIdleMs / 2;
      for (let elapsed = 0; elapsed < t.config.sessionAbsoluteMs; elapsed += step) {
        t.clock.advance(step);
        await c.get('/api/v1/me');
      }
      assert.equal((await c.get('/api/v1/me')).statusCode, 401);
    });

    test('the session cookie is HttpOnly and SameSite=Strict', async () => {
      const c = t.client();
      const body = registrationBody();
      const { accountId } = (await c.post('/api/v1/citizens', body)).json<{ accountId: string }>();
      const code = await lastCodeSentTo(t, toE164(String(body.mobile)));
      const res = await c.post('/api/v1/citizens/verify-mobile', { accountId, code });
      const setCookie = String(res.headers['set-cookie']);
      assert.match(setCookie, /rabt_session=/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
    });
  });
}

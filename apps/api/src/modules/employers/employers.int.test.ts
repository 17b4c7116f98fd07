import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestNode, testTargets } from '../../testing/test-node.ts';
import { VALID_PASSWORD } from '../../testing/factories.ts';
import {
  approvedJobOrder,
  createPartnerNode,
  employerBody,
  jobOrderBody,
  profile,
  registerEmployer,
  shareProfile,
  signInDemoStaff,
  skillCertificate,
  verifiedEmployer,
  type PartnerNode,
} from './test-kit.ts';

interface Problem {
  code: string;
  titles: { ar: string; en: string };
  errors?: { pointer: string; code: string }[];
}
interface Page {
  items: { profileId: string; tier: string; matched: { isco: string; years: number }; reasons: { ar: string; en: string }[] }[];
  hasMore: boolean;
}

for (const target of testTargets()) {
  describe(`employers and job orders on a partner node (${target})`, () => {
    let t: PartnerNode;
    before(async () => {
      t = await createPartnerNode(target);
    });
    after(() => t.close());

    test('an establishment registers, is signed in and waits for verification', async () => {
      const client = t.client();
      const body = employerBody({ establishmentNumber: ' ٧٠٠-١٢٣-٤٥٦٧ ', representativeMobile: '+966 50 765 4321' });
      const res = await client.post('/api/v1/employers', body);
      assert.equal(res.statusCode, 201, res.body);
      const session = (await client.get('/api/v1/session')).json<{ kind: string; employer: { status: string; establishmentNumber: string; representativeMobile: string } }>();
      assert.equal(session.kind, 'employer');
      assert.equal(session.employer.status, 'pending');
      assert.equal(session.employer.establishmentNumber, '7001234567', 'Arabic-Indic digits, spaces and dashes are normalised');
      assert.equal(session.employer.representativeMobile, '+966507654321');

      const again = await t.client().post('/api/v1/employers', employerBody({ establishmentNumber: '7001234567' }));
      assert.equal(again.json<Problem>().code, 'employer_establishment_taken');
      const sameEmail = await t.client().post('/api/v1/employers', employerBody({ representativeEmail: body.representativeEmail.toUpperCase() }));
      assert.equal(sameEmail.json<Problem>().code, 'employer_email_taken');
    });

    test('the OpenAPI document describes the employer endpoints', async () => {
      const res = await t.client().get('/api/openapi.json');
      assert.equal(res.statusCode, 200);
      const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
      for (const p of ['/api/v1/employers', '/api/v1/session/employer', '/api/v1/employer/candidates', '/api/v1/employer-verification/{id}/decision']) assert.ok(paths.includes(p), p);
    });

    test('registration refuses bad input with field errors and writes nothing', async () => {
      const before = await t.node.database.db.selectFrom('employers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const cases: [Record<string, unknown>, string, string][] = [
        [{ establishmentNumber: '1234567890' }, '/establishmentNumber', 'establishment_number_format'],
        [{ representativeMobile: '01012345678' }, '/representativeMobile', 'mobile_invalid_country'],
        [{ password: 'password123' }, '/password', 'password_common'],
        [{ representativeEmail: 'not-an-email' }, '/representativeEmail', 'email_invalid'],
        [{ iban: 'SA00' }, '/iban', 'unknown_field'],
      ];
      for (const [override, pointer, code] of cases) {
        const res = await t.client().post('/api/v1/employers', employerBody(override));
        assert.equal(res.statusCode, 400, res.body);
        assert.deepEqual(
          res.json<Problem>().errors?.map((e) => [e.pointer, e.code]),
          [[pointer, code]],
        );
      }
      const afterCount = await t.node.database.db.selectFrom('employers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(afterCount.n, before.n);
    });

    test('employers sign in with the establishment number or the email; wrong passwords are refused and audited', async () => {
      const { id, body } = await registerEmployer(t, t.client());
      const byNumber = await t.client().post('/api/v1/session/employer', { establishmentNumber: body.establishmentNumber, password: VALID_PASSWORD });
      assert.equal(byNumber.statusCode, 200, byNumber.body);
      const byEmail = await t.client().post('/api/v1/session/employer', { email: body.representativeEmail, password: VALID_PASSWORD });
      assert.equal(byEmail.statusCode, 200);
      const wrong = await t.client().post('/api/v1/session/employer', { email: body.representativeEmail, password: 'Wrong-pass-2026' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json<Problem>().code, 'employer_invalid_credentials');
      const unknown = await t.client().post('/api/v1/session/employer', { establishmentNumber: '7999999999', password: VALID_PASSWORD });
      assert.equal(unknown.json<Problem>().code, 'employer_invalid_credentials');
      const audited = await t.node.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', id).where('action', '=', 'employer.sign_in_failed').execute();
      assert.equal(audited.length, 1);
    });

    test('the ministry verifies an employer once; the employer is notified and the decision audited', async () => {
      const employer = t.client();
      const { id } = await registerEmployer(t, employer);
      const officer = t.client();
      await signInDemoStaff(t, officer);
      const queue = (await officer.get('/api/v1/employer-verification')).json<{ id: string }[]>();
      assert.ok(queue.some((e) => e.id === id));

      const noReason = await officer.post(`/api/v1/employer-verification/${id}/decision`, { decision: 'rejected' });
      assert.equal(noReason.statusCode, 400);
      const ok = await officer.post(`/api/v1/employer-verification/${id}/decision`, { decision: 'verified' });
      assert.equal(ok.json<{ status: string }>().status, 'verified');
      const twice = await officer.post(`/api/v1/employer-verification/${id}/decision`, { decision: 'rejected', reason: 'changed my mind' });
      assert.equal(twice.json<Problem>().code, 'employer_already_decided');

      assert.equal((await employer.get('/api/v1/employer/me')).json<{ status: string }>().status, 'verified');
      const notes = (await employer.get('/api/v1/employer/notifications')).json<{ kind: string }[]>();
      assert.deepEqual(notes.map((n) => n.kind), ['employer.verified']);
      const audit = await t.node.database.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('subject_id', '=', id).where('action', '=', 'employer.verified').executeTakeFirstOrThrow();
      assert.equal(audit.actor_kind, 'staff');
      assert.ok(!queue.some((e) => e.id === id) || !(await officer.get('/api/v1/employer-verification')).json<{ id: string }[]>().some((e) => e.id === id));
    });

    test('an unverified or rejected employer cannot post job orders or search candidates', async () => {
      const pending = t.client();
      await registerEmployer(t, pending);
      for (const res of [await pending.post('/api/v1/employer/job-orders', jobOrderBody()), await pending.get('/api/v1/employer/candidates?isco=7411'), await pending.get('/api/v1/employer/invitations')]) {
        assert.equal(res.statusCode, 403);
        assert.equal(res.json<Problem>().code, 'employer_not_verified');
      }
      const rejected = t.client();
      const { id } = await registerEmployer(t, rejected);
      const officer = t.client();
      await signInDemoStaff(t, officer, 'hq.admin');
      await officer.post(`/api/v1/employer-verification/${id}/decision`, { decision: 'rejected', reason: 'The commercial registration has expired.' });
      const me = (await rejected.get('/api/v1/employer/me')).json<{ status: string; decisionReason: string }>();
      assert.deepEqual([me.status, me.decisionReason], ['rejected', 'The commercial registration has expired.']);
      assert.equal((await rejected.post('/api/v1/employer/job-orders', jobOrderBody())).json<Problem>().code, 'employer_not_verified');
    });

    test('job orders refuse worker-paid recruitment, unknown occupations, bad money and unknown fields, writing nothing', async () => {
      const { client } = await verifiedEmployer(t);
      const notPaid = await client.post('/api/v1/employer/job-orders', jobOrderBody({ recruitmentCostsBorneByEmployer: false }));
      assert.equal(notPaid.statusCode, 422);
      const p = notPaid.json<Problem>();
      assert.equal(p.code, 'recruitment_costs_not_on_employer');
      assert.match(p.titles.ar, /صاحب العمل/);
      assert.match(p.titles.en, /Law 14\/2025 Art\. 43/);
      assert.deepEqual(p.errors?.map((e) => e.pointer), ['/recruitmentCostsBorneByEmployer']);

      const cases: [Record<string, unknown>, string, string][] = [
        [{ isco: '9999' }, '/isco', 'isco_unknown'],
        [{ isco: '741' }, '/isco', 'invalid_format'],
        [{ wage: { amountMinor: -100, currency: 'SAR' } }, '/wage/amountMinor', 'number_too_small'],
        [{ wage: { amountMinor: 0, currency: 'SAR' } }, '/wage/amountMinor', 'wage_positive'],
        [{ wage: { amountMinor: 2500.5, currency: 'SAR' } }, '/wage/amountMinor', 'invalid_type'],
        [{ wage: { amountMinor: 250_000, currency: 'EGP' } }, '/wage/currency', 'currency_not_country'],
        [{ allowances: { housing: { amountMinor: 1, currency: 'USD' }, transport: null, food: null } }, '/allowances/housing/currency', 'currency_not_country'],
        [{ brokerFee: 5000 }, '/brokerFee', 'unknown_field'],
        [{ hoursPerWeek: 90 }, '/hoursPerWeek', 'number_too_large'],
      ];
      for (const [override, pointer, code] of cases) {
        const res = await client.post('/api/v1/employer/job-orders', jobOrderBody(override));
        assert.equal(res.statusCode, 400, `${JSON.stringify(override)}: ${res.body}`);
        const errors = res.json<Problem>().errors ?? [];
        assert.ok(
          errors.some((e) => e.pointer === pointer && (e.code === code || (code === 'invalid_type' && e.code === 'invalid_format'))),
          `${JSON.stringify(override)} → ${JSON.stringify(errors)}`,
        );
      }
      assert.deepEqual((await client.get('/api/v1/employer/job-orders')).json(), []);
    });

    test('a job order is submitted to EG, returned for changes, resubmitted with a new version and attested', async () => {
      const { id: employerId, client } = await verifiedEmployer(t);
      const created = await client.post('/api/v1/employer/job-orders', jobOrderBody());
      assert.equal(created.statusCode, 201, created.body);
      const order = created.json<{ id: string; status: string; version: number; wage: { amountMinor: number; currency: string } }>();
      assert.deepEqual([order.status, order.version, order.wage.amountMinor, order.wage.currency], ['draft', 0, 250_000, 'SAR']);

      const submitted = (await client.post(`/api/v1/employer/job-orders/${order.id}/submit`)).json<{ status: string; version: number }>();
      assert.deepEqual([submitted.status, submitted.version], ['submitted', 1]);
      let sent = (await t.outbox('job_order.submitted')).filter((m) => m.entity.id === order.id);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.to, 'EG');
      assert.deepEqual(sent[0]!.entity, { type: 'job_order', id: order.id, version: 1 });
      const terms = sent[0]!.body as { employer: { employerId: string; verified: boolean }; recruitmentCostsBorneByEmployer: boolean; wage: unknown };
      assert.deepEqual([terms.employer.employerId, terms.employer.verified, terms.recruitmentCostsBorneByEmployer], [employerId, true, true]);
      assert.deepEqual(terms.wage, { amountMinor: 250_000, currency: 'SAR' });

      const locked = await client.request('PUT', `/api/v1/employer/job-orders/${order.id}`, jobOrderBody({ positions: 3 }));
      assert.equal(locked.json<Problem>().code, 'job_order_not_editable');

      await t.deliver('job_order.decision', { jobOrderId: order.id, decision: 'changes_requested', reason: 'Add the food allowance in the contract.', decidedAt: new Date().toISOString() });
      const returned = (await client.get(`/api/v1/employer/job-orders/${order.id}`)).json<{ status: string; decisionReason: string }>();
      assert.deepEqual([returned.status, returned.decisionReason], ['changes_requested', 'Add the food allowance in the contract.']);
      const notes = (await client.get('/api/v1/employer/notifications')).json<{ kind: string; bodyEn: string }[]>();
      assert.equal(notes[0]?.kind, 'job_order.changes_requested');
      assert.match(notes[0].bodyEn, /food allowance/);

      assert.equal((await client.request('PUT', `/api/v1/employer/job-orders/${order.id}`, jobOrderBody({ positions: 3 }))).statusCode, 200);
      const resubmitted = (await client.post(`/api/v1/employer/job-orders/${order.id}/submit`)).json<{ version: number; positions: number }>();
      assert.deepEqual([resubmitted.version, resubmitted.positions], [2, 3]);
      sent = (await t.outbox('job_order.submitted')).filter((m) => m.entity.id === order.id);
      assert.deepEqual(sent.map((m) => m.entity.version), [1, 2]);

      await t.deliver('job_order.decision', { jobOrderId: order.id, decision: 'approved', reason: null, decidedAt: new Date().toISOString() });
      // A late copy of an older decision changes nothing.
      await t.deliver('job_order.decision', { jobOrderId: order.id, decision: 'rejected', reason: 'stale', decidedAt: new Date().toISOString() });
      const list = (await client.get('/api/v1/employer/job-orders')).json<{ id: string; status: string }[]>();
      assert.deepEqual(list.map((j) => [j.id, j.status]), [[order.id, 'approved']]);
      await assert.rejects(t.deliver('job_order.decision', { jobOrderId: randomUUID(), decision: 'approved', reason: null, decidedAt: new Date().toISOString() }));
      await assert.rejects(t.deliver('job_order.decision', { jobOrderId: order.id, decision: 'approved', reason: null, decidedAt: new Date().toISOString() }, undefined, 'JO'), /EG only/);
    });

    test("an employer cannot see or touch another employer's job order", async () => {
      const a = await verifiedEmployer(t);
      const b = await verifiedEmployer(t);
      const id = (await a.client.post('/api/v1/employer/job-orders', jobOrderBody())).json<{ id: string }>().id;
      for (const res of [
        await b.client.get(`/api/v1/employer/job-orders/${id}`),
        await b.client.request('PUT', `/api/v1/employer/job-orders/${id}`, jobOrderBody()),
        await b.client.post(`/api/v1/employer/job-orders/${id}/submit`),
        await b.client.get(`/api/v1/employer/job-orders/${id}/applications`),
      ]) {
        assert.equal(res.statusCode, 404);
        assert.equal(res.json<Problem>().code, 'job_order_not_found');
      }
      assert.deepEqual((await b.client.get('/api/v1/employer/job-orders')).json(), []);
      assert.equal((await t.outbox('job_order.submitted')).filter((m) => m.entity.id === id).length, 0);
    });
  });

  describe(`candidate search on a partner node (${target})`, () => {
    let t: PartnerNode;
    let client: ReturnType<PartnerNode['client']>;
    const P = {
      tenYears: profile({ occupations: [{ isco: '7411', years: 10 }], languages: [{ language: 'ar', level: 'native' }] }),
      sixSkilled: profile({ occupations: [{ isco: '7411', years: 6 }], certificates: [skillCertificate('skilled')], languages: [{ language: 'en', level: 'B2' }] }),
      twoYearsAndMinor: profile({ occupations: [{ isco: '7411', years: 2 }, { isco: '7412', years: 9 }] }),
      minor: profile({ occupations: [{ isco: '7412', years: 8 }], availableFrom: '2026-12-01' }),
      subMajor: profile({ occupations: [{ isco: '7421', years: 15 }] }),
      other: profile({ occupations: [{ isco: '7115', years: 20 }] }),
    };
    before(async () => {
      t = await createPartnerNode(target);
      client = (await verifiedEmployer(t)).client;
      for (const p of Object.values(P)) await shareProfile(t, p);
    });
    after(() => t.close());

    const ids = (page: Page) => page.items.map((i) => i.profileId);
    const search = async (qs: string) => {
      const res = await client.get(`/api/v1/employer/candidates?${qs}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<Page>();
    };

    test('ranks the same unit group first, then the minor and sub-major groups, each by years; a profile appears once', async () => {
      const page = await search('isco=7411');
      assert.deepEqual(ids(page), [P.tenYears, P.sixSkilled, P.twoYearsAndMinor, P.minor, P.subMajor].map((p) => p.profileId));
      assert.deepEqual(page.items.map((i) => i.tier), ['unit_group', 'unit_group', 'unit_group', 'minor_group', 'sub_major_group']);
      assert.equal(page.hasMore, false);

      const skilled = page.items[1]!;
      assert.deepEqual(skilled.reasons.map((r) => r.en), ['same unit group 7411', '6 years', 'languages: English B2', 'skill certificate level: skilled', 'available now']);
      assert.match(skilled.reasons[0]!.ar, /نفس مجموعة الوحدات 7411/);
      assert.match(skilled.reasons[3]!.ar, /ماهر/);
      assert.match(page.items[3]!.reasons[0]!.en, /same minor group 741 \(occupation 7412\)/);
      assert.match(page.items[3]!.reasons.at(-1)!.en, /available from 2026-12-01/);
    });

    test('filters by minimum years (a profile moves to the tier its qualifying occupation earns), language level, certificate and availability', async () => {
      const five = await search('isco=7411&minYears=5');
      assert.deepEqual(ids(five), [P.tenYears, P.sixSkilled, P.twoYearsAndMinor, P.minor, P.subMajor].map((p) => p.profileId));
      assert.deepEqual(five.items.map((i) => i.tier), ['unit_group', 'unit_group', 'minor_group', 'minor_group', 'sub_major_group']);
      assert.deepEqual([five.items[2]!.matched.isco, five.items[2]!.matched.years], ['7412', 9]);
      assert.deepEqual(ids(await search('isco=7411&minYears=12')), [P.subMajor.profileId]);
      assert.deepEqual(ids(await search('isco=7411&language=en&level=B2')), [P.sixSkilled.profileId]);
      assert.deepEqual(ids(await search('isco=7411&language=en&level=B1')), [P.sixSkilled, P.twoYearsAndMinor, P.minor, P.subMajor].map((p) => p.profileId));
      assert.deepEqual(ids(await search('isco=7411&language=en')), ids(await search('isco=7411&language=en&level=A1')));
      assert.deepEqual(ids(await search('isco=7411&certificateLevel=semi_skilled')), [P.sixSkilled.profileId]);
      assert.ok(!ids(await search('isco=7411&availableBy=2026-06-30')).includes(P.minor.profileId));
      assert.ok(ids(await search('isco=7411&availableBy=2027-01-31')).includes(P.minor.profileId));
    });

    test('paginates in a stable order', async () => {
      const p1 = await search('isco=7411&pageSize=2&page=1');
      const p2 = await search('isco=7411&pageSize=2&page=2');
      const p3 = await search('isco=7411&pageSize=2&page=3');
      assert.deepEqual([p1.hasMore, p2.hasMore, p3.hasMore], [true, true, false]);
      assert.deepEqual([...ids(p1), ...ids(p2), ...ids(p3)], ids(await search('isco=7411')));
    });

    test('bad search input is a problem, not an empty list', async () => {
      for (const qs of ['isco=74', 'isco=7411&pageSize=500', 'isco=7411&level=Z9', 'isco=7411&availableBy=tomorrow', 'isco=7411&nationalId=1']) {
        assert.equal((await client.get(`/api/v1/employer/candidates?${qs}`)).statusCode, 400, qs);
      }
    });

    test('an upsert replaces the profile; a withdrawal removes it from every search at once', async () => {
      const p = await shareProfile(t, profile({ occupations: [{ isco: '7413', years: 30 }] }));
      assert.equal(ids(await search('isco=7413'))[0], p.profileId);
      await shareProfile(t, { ...p, occupations: [{ isco: '2221', years: 4 }] }, 2);
      assert.ok(!ids(await search('isco=7413')).includes(p.profileId));
      assert.deepEqual(ids(await search('isco=2221')), [p.profileId]);
      const stored = await t.node.database.db.selectFrom('shared_profiles').select('version').where('profile_id', '=', p.profileId).executeTakeFirstOrThrow();
      assert.equal(stored.version, 2);

      assert.equal((await client.get(`/api/v1/employer/candidates/${p.profileId}`)).statusCode, 200);
      await t.deliver('profile.withdraw', { profileId: p.profileId }, { type: 'profile', id: p.profileId, version: 3 });
      assert.deepEqual(ids(await search('isco=2221')), []);
      assert.equal((await client.get(`/api/v1/employer/candidates/${p.profileId}`)).json<Problem>().code, 'candidate_not_found');
      assert.equal(await t.node.database.db.selectFrom('candidate_occupations').select('isco').where('profile_id', '=', p.profileId).executeTakeFirst(), undefined);
    });

    test('opening a candidate tells EG who viewed it, once a day, and shows only what was shared', async () => {
      const res = await client.get(`/api/v1/employer/candidates/${P.sixSkilled.profileId}`);
      assert.equal(res.statusCode, 200);
      const detail = res.json<Record<string, unknown>>();
      for (const secret of ['nationalId', 'mobile', 'email', 'passportNumber', 'nameAr']) assert.ok(!(secret in detail), secret);
      await client.get(`/api/v1/employer/candidates/${P.sixSkilled.profileId}`);
      const viewed = (await t.outbox('profile.viewed')).filter((m) => m.body.profileId === P.sixSkilled.profileId);
      assert.equal(viewed.length, 1);
      assert.equal(viewed[0]!.to, 'EG');
      assert.equal((viewed[0]!.body.employer as { verified: boolean }).verified, true);
      assert.equal((await client.get(`/api/v1/employer/candidates/${randomUUID()}`)).statusCode, 404);
    });

    test('profiles are accepted from the Egyptian node only', async () => {
      await assert.rejects(shareProfileFrom(t, 'JO'), /EG only/);
    });
  });

  describe(`invitations and applications on a partner node (${target})`, () => {
    let t: PartnerNode;
    before(async () => {
      t = await createPartnerNode(target);
    });
    after(() => t.close());

    test('an invitation goes to EG; on acceptance the contacts are disclosed to the inviting employer only, logged', async () => {
      const a = await verifiedEmployer(t);
      const b = await verifiedEmployer(t);
      const p = await shareProfile(t, profile());
      const draft = (await a.client.post('/api/v1/employer/job-orders', jobOrderBody())).json<{ id: string }>().id;
      assert.equal((await a.client.post('/api/v1/employer/invitations', { profileId: p.profileId, jobOrderId: draft })).json<Problem>().code, 'job_order_not_approved');
      const jobA = await approvedJobOrder(t, a.client);
      const jobB = await approvedJobOrder(t, b.client);
      assert.equal((await b.client.post('/api/v1/employer/invitations', { profileId: p.profileId, jobOrderId: jobA })).json<Problem>().code, 'job_order_not_found');
      assert.equal((await a.client.post('/api/v1/employer/invitations', { profileId: randomUUID(), jobOrderId: jobA })).json<Problem>().code, 'candidate_not_found');

      const res = await a.client.post('/api/v1/employer/invitations', { profileId: p.profileId, jobOrderId: jobA, messageAr: 'نرحب بانضمامك إلى فريقنا' });
      assert.equal(res.statusCode, 201, res.body);
      const invitation = res.json<{ id: string; status: string }>();
      assert.equal(invitation.status, 'sent');
      assert.equal((await a.client.post('/api/v1/employer/invitations', { profileId: p.profileId, jobOrderId: jobA })).json<Problem>().code, 'invitation_exists');
      const sent = (await t.outbox('invitation.sent')).filter((m) => m.body.invitationId === invitation.id);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.to, 'EG');
      assert.equal(sent[0]!.body.messageAr, 'نرحب بانضمامك إلى فريقنا');
      const invB = (await b.client.post('/api/v1/employer/invitations', { profileId: p.profileId, jobOrderId: jobB })).json<{ id: string }>();

      const disclosure = { nameAr: 'محمد أحمد علي', nameLatin: 'Mohamed Ahmed Ali', birthDate: '1996-04-17', passportNumber: 'A12345678', passportExpiry: '2031-01-01' };
      await t.deliver('invitation.responded', { invitationId: invitation.id, response: 'accepted', disclosure, respondedAt: new Date().toISOString() });
      await t.deliver('invitation.responded', { invitationId: invB.id, response: 'declined', disclosure: null, respondedAt: new Date().toISOString() });

      const mine = (await a.client.get('/api/v1/employer/invitations')).json<{ id: string; status: string; disclosure: unknown }[]>();
      assert.deepEqual(mine.map((i) => [i.id, i.status, i.disclosure]), [[invitation.id, 'accepted', disclosure]]);
      const theirs = (await b.client.get('/api/v1/employer/invitations')).json<{ status: string; disclosure: unknown }[]>();
      assert.deepEqual(theirs.map((i) => [i.status, i.disclosure]), [['declined', null]]);
      assert.ok(!JSON.stringify(await b.client.get(`/api/v1/employer/candidates/${p.profileId}`).then((r) => r.body)).includes('A12345678'));
      assert.ok(JSON.stringify((await a.client.get(`/api/v1/employer/candidates/${p.profileId}`)).json()).includes('A12345678'));

      const audit = await t.node.database.db.selectFrom('audit_log').select(['details', 'actor_kind']).where('action', '=', 'invitation.contact_disclosed').where('subject_id', '=', invitation.id).executeTakeFirstOrThrow();
      assert.deepEqual((audit.details as { fields: string[] }).fields, ['birthDate', 'nameAr', 'nameLatin', 'passportExpiry', 'passportNumber']);
      assert.ok(!JSON.stringify(audit.details).includes('A12345678'), 'the audit log names the fields, not their values');
      assert.ok((await a.client.get('/api/v1/employer/notifications')).json<{ kind: string }[]>().some((n) => n.kind === 'invitation.accepted'));
    });

    test('applications from Egyptian workers show on the job order, and the employer can invite an applicant', async () => {
      const a = await verifiedEmployer(t);
      const b = await verifiedEmployer(t);
      const job = await approvedJobOrder(t, a.client);
      const p = await shareProfile(t, profile());
      const applicationId = randomUUID();
      const submittedAt = new Date().toISOString();
      await t.deliver('application.submitted', { applicationId, jobOrderId: job, profileId: p.profileId, submittedAt });
      await t.deliver('application.submitted', { applicationId, jobOrderId: job, profileId: p.profileId, submittedAt });
      const apps = (await a.client.get(`/api/v1/employer/job-orders/${job}/applications`)).json<{ id: string; candidate: { profileId: string } | null; invitation: unknown }[]>();
      assert.deepEqual(apps.map((x) => [x.id, x.candidate?.profileId, x.invitation]), [[applicationId, p.profileId, null]]);
      assert.equal((await a.client.get(`/api/v1/employer/job-orders/${job}`)).json<{ applications: number }>().applications, 1);
      assert.equal((await b.client.get(`/api/v1/employer/job-orders/${job}/applications`)).statusCode, 404);

      assert.equal((await a.client.post('/api/v1/employer/invitations', { profileId: p.profileId, jobOrderId: job, applicationId: randomUUID() })).json<Problem>().code, 'application_not_found');
      const inv = await a.client.post('/api/v1/employer/invitations', { profileId: p.profileId, jobOrderId: job, applicationId });
      assert.equal(inv.statusCode, 201, inv.body);
      const after = (await a.client.get(`/api/v1/employer/job-orders/${job}/applications`)).json<{ invitation: { status: string } | null }[]>();
      assert.equal(after[0]?.invitation?.status, 'sent');
      const draft = (await a.client.post('/api/v1/employer/job-orders', jobOrderBody())).json<{ id: string }>().id;
      await assert.rejects(t.deliver('application.submitted', { applicationId: randomUUID(), jobOrderId: draft, profileId: p.profileId, submittedAt }), /not attested/);
    });
  });

  test(`the Egyptian node has no employer endpoints (${target})`, async () => {
    const eg = await createTestNode(target);
    try {
      assert.equal((await eg.client().post('/api/v1/employers', employerBody())).statusCode, 404);
      assert.equal((await eg.client().get('/api/v1/employer/candidates?isco=7411')).statusCode, 404);
    } finally {
      await eg.close();
    }
  });
}

function shareProfileFrom(t: PartnerNode, from: string): Promise<void> {
  const p = profile();
  return t.deliver('profile.upsert', p, { type: 'profile', id: p.profileId, version: 1 }, from);
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ProblemDetails, StaffTestSession, TestSession, TestingCentre } from '@rabt/contracts';
import { registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import { ok, type TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { demoTestingCentreId } from './demo-seed.ts';

/**
 * The staff upkeep of skill-testing centres and sessions (testing-centres.service.ts): HQ everywhere, a
 * directorate manager in their governorate, auditors read-only; validation (no past date, capacity not
 * below the seats booked, booked occupations kept, Arabic-Indic digits); audit entries; and a citizen
 * booking the session HQ scheduled.
 */

const API = '/api/v1';
const NASR = seedOfficeId('CAI-NASR');

for (const target of testTargets()) {
  describe(`skill-testing centres and sessions, staff screens' API (${target})`, () => {
    let t: TestNode;
    let hq: TestClient;
    before(async () => {
      t = await createTestNode(target);
      hq = await staff('hq.admin');
    });
    after(() => t.close());

    const db = () => t.node.database.db;
    const dayOffset = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const toArabic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    async function problem(p: Promise<{ statusCode: number; body: string; json<U>(): U }>, status: number): Promise<ProblemDetails> {
      const r = await p;
      assert.equal(r.statusCode, status, r.body);
      return r.json<ProblemDetails>();
    }
    const centreBody = (over: Record<string, unknown> = {}) => ({ code: 'stc-cai-٠٢', nameAr: 'مركز قياس المهارات بشبرا', nameEn: 'Shubra Skill Testing Centre', governorateCode: '٠١', addressAr: 'شارع شبرا، القاهرة', addressEn: 'Shubra St, Cairo', ...over });
    async function audits(subjectId: string) {
      return db().selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', subjectId).orderBy('seq').execute();
    }
    async function book(sessionId: string, isco: string): Promise<{ statusCode: number; body: string }> {
      const c = t.client();
      await registerCitizen(t, c);
      return c.post(`${API}/my/applications`, { serviceCode: 'skill_certificate', officeId: NASR, answers: { isco, sessionId }, declaredDocuments: ['national_id_copy', 'photo'] });
    }

    test('HQ creates and edits a centre (Arabic-Indic digits accepted, code unique), audited; clerks and auditors cannot change centres', async () => {
      const created = await ok<TestingCentre>(hq.post(`${API}/office/testing-centres`, centreBody()), 201);
      assert.deepEqual([created.code, created.governorateCode, created.active, created.demo, created.upcomingSessions], ['STC-CAI-02', '01', true, false, 0]);
      assert.equal((await problem(hq.post(`${API}/office/testing-centres`, centreBody({ nameEn: 'Again' })), 409)).code, 'testing_centre_code_taken');
      const bad = await problem(hq.post(`${API}/office/testing-centres`, centreBody({ code: 'x', governorateCode: '99', nameAr: '' })), 400);
      assert.deepEqual(bad.errors?.map((e) => e.pointer).sort(), ['/code', '/nameAr']);
      assert.deepEqual((await problem(hq.post(`${API}/office/testing-centres`, centreBody({ code: 'STC-NOWHERE', governorateCode: '99' })), 400)).errors?.map((e) => e.pointer), ['/governorateCode']);

      const edited = await ok<TestingCentre>(hq.patch(`${API}/office/testing-centres/${created.id}`, { nameEn: 'Shubra El Kheima Skill Testing Centre', active: false }));
      assert.deepEqual([edited.nameEn, edited.active, edited.code], ['Shubra El Kheima Skill Testing Centre', false, 'STC-CAI-02']);
      assert.ok(edited.updatedAt);
      const log = await audits(created.id);
      assert.deepEqual(log.map((a) => a.action), ['testing_centre.created', 'testing_centre.updated']);
      assert.deepEqual((log[1]!.details as { changes: Record<string, unknown> }).changes, { name_en: { from: 'Shubra Skill Testing Centre', to: 'Shubra El Kheima Skill Testing Centre' }, active: { from: true, to: false } });

      const clerk = await staff('nasr.clerk');
      assert.equal((await problem(clerk.get(`${API}/office/testing-centres`), 403)).code, 'forbidden');
      const auditor = await staff('auditor');
      assert.ok((await ok<TestingCentre[]>(auditor.get(`${API}/office/testing-centres`))).some((c) => c.id === created.id));
      assert.equal((await problem(auditor.patch(`${API}/office/testing-centres/${created.id}`, { active: true }), 403)).code, 'forbidden');
      assert.equal((await problem(hq.patch(`${API}/office/testing-centres/${randomUUID()}`, { active: true }), 404)).code, 'testing_centre_not_found');
    });

    test('a directorate manager keeps the centres of their own governorate only', async () => {
      const manager = await staff('cairo.manager');
      const listed = await ok<TestingCentre[]>(manager.get(`${API}/office/testing-centres`));
      assert.ok(listed.length > 0);
      assert.ok(listed.every((c) => c.governorateCode === '01'), 'Cairo only');
      const own = await ok<TestingCentre>(manager.post(`${API}/office/testing-centres`, centreBody({ code: 'STC-CAI-03' })), 201);
      assert.equal(own.governorateCode, '01');
      assert.equal((await problem(manager.post(`${API}/office/testing-centres`, centreBody({ code: 'STC-GIZ-09', governorateCode: '21' })), 403)).code, 'out_of_scope');
      const giza = demoTestingCentreId('DEMO-STC-GIZA');
      assert.equal((await problem(manager.patch(`${API}/office/testing-centres/${giza}`, { active: false }), 403)).code, 'out_of_scope');
      assert.equal((await problem(manager.get(`${API}/office/testing-centres/${giza}/sessions`), 403)).code, 'out_of_scope');
      assert.equal((await problem(manager.patch(`${API}/office/testing-centres/${own.id}`, { governorateCode: '21' }), 403)).code, 'out_of_scope', 'cannot move a centre out of the governorate');
      assert.equal((await problem(manager.post(`${API}/office/testing-centres/${giza}/sessions`, { date: dayOffset(3), capacity: 5, iscoCodes: ['7411'] }), 403)).code, 'out_of_scope');
    });

    test('sessions: no past date, known occupations, Arabic-Indic digits; a citizen books it; capacity never below the seats booked; booked occupations kept; past sessions frozen; all audited', async () => {
      const centre = await ok<TestingCentre>(hq.post(`${API}/office/testing-centres`, centreBody({ code: 'STC-CAI-10' })), 201);
      const base = `${API}/office/testing-centres/${centre.id}/sessions`;
      const past = await problem(hq.post(base, { date: dayOffset(-1), capacity: 5, iscoCodes: ['7411'] }), 400);
      assert.deepEqual(past.errors?.map((e) => [e.pointer, e.code]), [['/date', 'date_in_past']]);
      const unknown = await problem(hq.post(base, { date: dayOffset(3), capacity: 5, iscoCodes: ['7411', '0000'] }), 400);
      assert.deepEqual(unknown.errors?.map((e) => [e.pointer, e.code]), [['/iscoCodes/1', 'isco_unknown']]);
      const tooBig = await problem(hq.post(base, { date: dayOffset(3), capacity: '١٠٠١', iscoCodes: ['7411'] }), 400);
      assert.deepEqual(tooBig.errors?.map((e) => e.pointer), ['/capacity']);
      assert.deepEqual((await problem(hq.post(base, { date: '2026-02-30', capacity: 5, iscoCodes: ['7411'] }), 400)).errors?.map((e) => [e.pointer, e.code]), [['/date', 'invalid_value']]);

      const date = dayOffset(5);
      const session = await ok<StaffTestSession>(hq.post(base, { date: toArabic(date), capacity: '٢', iscoCodes: ['٧٤١١', '7126', '7411'] }), 201);
      assert.deepEqual([session.date, session.capacity, session.iscoCodes, session.booked, session.seatsLeft, session.past], [date, 2, ['7411', '7126'], 0, 2, false]);

      // The public list offers it to citizens; two book it.
      const offered = await ok<TestSession[]>(t.client().get(`${API}/skill-tests/sessions?isco=7411&governorate=01`));
      assert.equal(offered.find((s) => s.id === session.id)?.seatsLeft, 2);
      assert.equal((await book(session.id, '7411')).statusCode, 201);
      assert.equal((await book(session.id, '7411')).statusCode, 201);
      const full = await book(session.id, '7126');
      assert.equal(full.statusCode, 409, full.body);

      const lower = await problem(hq.patch(`${API}/office/test-sessions/${session.id}`, { capacity: '١' }), 400);
      assert.deepEqual(lower.errors?.map((e) => [e.pointer, e.code]), [['/capacity', 'capacity_below_booked']]);
      const dropBooked = await problem(hq.patch(`${API}/office/test-sessions/${session.id}`, { iscoCodes: ['7126'] }), 400);
      assert.deepEqual(dropBooked.errors?.map((e) => [e.pointer, e.code]), [['/iscoCodes', 'isco_has_bookings']]);
      assert.deepEqual((await problem(hq.patch(`${API}/office/test-sessions/${session.id}`, { date: dayOffset(-2) }), 400)).errors?.map((e) => e.code), ['date_in_past']);
      const raised = await ok<StaffTestSession>(hq.patch(`${API}/office/test-sessions/${session.id}`, { capacity: 3, iscoCodes: ['7411'] }));
      assert.deepEqual([raised.capacity, raised.booked, raised.seatsLeft, raised.iscoCodes], [3, 2, 1, ['7411']]);
      assert.equal((await book(session.id, '7411')).statusCode, 201, 'the seat added is bookable');

      const listed = await ok<StaffTestSession[]>(hq.get(base));
      assert.deepEqual(listed.map((s) => [s.id, s.booked]), [[session.id, 3]]);
      const log = await audits(session.id);
      assert.deepEqual(log.map((a) => a.action), ['test_session.created', 'test_session.updated']);
      assert.deepEqual((log[1]!.details as { changes: Record<string, unknown> }).changes, { capacity: { from: 2, to: 3 }, iscoCodes: { from: ['7411', '7126'], to: ['7411'] } });

      // A session whose date has passed is frozen.
      const old = randomUUID();
      await db().insertInto('skill_test_sessions').values({ id: old, centre_id: centre.id, session_date: dayOffset(-3), capacity: 4, isco_codes: ['7411'], created_at: t.clock.now() }).execute();
      assert.equal((await problem(hq.patch(`${API}/office/test-sessions/${old}`, { capacity: 8 }), 409)).code, 'test_session_past');
      assert.equal((await ok<StaffTestSession[]>(hq.get(base))).find((s) => s.id === old)?.past, true);

      // A deactivated centre offers no session to citizens.
      await ok(hq.patch(`${API}/office/testing-centres/${centre.id}`, { active: false }));
      const after = await ok<TestSession[]>(t.client().get(`${API}/skill-tests/sessions?isco=7411&governorate=01`));
      assert.equal(after.find((s) => s.id === session.id), undefined);
    });

    test('sessions have a start time (Cairo): set by the centre, shown to citizens booking and on their application, and in the booking SMS', async () => {
      const centre = await ok<TestingCentre>(hq.post(`${API}/office/testing-centres`, centreBody({ code: 'STC-CAI-20' })), 201);
      const base = `${API}/office/testing-centres/${centre.id}/sessions`;
      const date = dayOffset(6);
      // Arabic-Indic digits accepted; one-digit hours padded; 09:00 when left out; not a time of day refused.
      const morning = await ok<StaffTestSession>(hq.post(base, { date, startTime: '١٠:٣٠', capacity: 4, iscoCodes: ['7411'] }), 201);
      assert.equal(morning.startTime, '10:30');
      assert.equal((await ok<StaffTestSession>(hq.post(base, { date, capacity: 4, iscoCodes: ['7411'] }), 201)).startTime, '09:00');
      for (const bad of ['25:00', '10:3', 'noon', '']) {
        assert.deepEqual((await problem(hq.post(base, { date, startTime: bad, capacity: 4, iscoCodes: ['7411'] }), 400)).errors?.map((e) => [e.pointer, e.code]), [['/startTime', 'invalid_format']], bad);
      }
      const moved = await ok<StaffTestSession>(hq.patch(`${API}/office/test-sessions/${morning.id}`, { startTime: '9:15' }));
      assert.equal(moved.startTime, '09:15');
      const log = await audits(morning.id);
      assert.deepEqual((log.at(-1)!.details as { changes: Record<string, unknown> }).changes, { startTime: { from: '10:30', to: '09:15' } });
      // Sessions of the same day are listed by time.
      assert.deepEqual((await ok<StaffTestSession[]>(hq.get(base))).map((s) => s.startTime), ['09:00', '09:15']);

      // The citizen booking sees the time, and it is on their application.
      const offered = await ok<TestSession[]>(t.client().get(`${API}/skill-tests/sessions?isco=7411&governorate=01`));
      assert.equal(offered.find((s) => s.id === morning.id)?.startTime, '09:15');
      const c = t.client();
      const who = await registerCitizen(t, c);
      const draft = await ok<{ id: string; reference: string; declaredDocuments: string[] }>(c.post(`${API}/my/applications`, { serviceCode: 'skill_certificate', officeId: NASR, answers: { isco: '7411', sessionId: morning.id }, declaredDocuments: ['national_id_copy', 'photo'] }), 201);
      const view = await ok<{ session: TestSession }>(c.get(`${API}/my/applications/${draft.id}/skill-test`));
      assert.deepEqual([view.session.date, view.session.startTime], [date, '09:15']);

      // Sending the application confirms the booking by SMS with the day, the time in Cairo and the centre.
      const citizenId = (await db().selectFrom('service_applications').select('applicant_citizen_id').where('id', '=', draft.id).executeTakeFirstOrThrow()).applicant_citizen_id!;
      for (const type of draft.declaredDocuments) {
        await db().insertInto('application_documents').values({ id: randomUUID(), application_id: draft.id, document_type: type, content_type: 'application/pdf', size_bytes: 1000, sha256: 'a'.repeat(64), uploaded_by_citizen_id: citizenId, created_at: t.clock.now() }).execute();
      }
      await ok(c.post(`${API}/my/applications/${draft.id}/submit`));
      const smsOf = () => db().selectFrom('notification_outbox').select(['body_ar', 'body_en']).where('channel', '=', 'sms').where('body_en', 'like', `%${draft.reference}%`).execute();
      let sms = await smsOf();
      // The message is written after the commit, not awaited by the request: wait for it (bounded, no timing asserted).
      for (let i = 0; i < 200 && sms.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        sms = await smsOf();
      }
      assert.equal(sms.length, 1, `one booking SMS to ${who.mobile}`);
      assert.match(sms[0]!.body_en, /is booked for \d{1,2} \w+ \d{4} at 09:15 Cairo time at Shubra Skill Testing Centre, Shubra St, Cairo\./);
      assert.match(sms[0]!.body_ar, /الساعة ٩:١٥ ص بتوقيت القاهرة في مركز قياس المهارات بشبرا/);
      assert.doesNotMatch(sms[0]!.body_ar.replace(draft.reference, ''), /[0-9]/, 'Arabic-Indic digits in the Arabic text (the reference is an identifier, kept as issued)');
    });
  });
}

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ProblemDetails, TestSession } from '@rabt/contracts';
import { PROBLEMS } from '@rabt/contracts';
import { registerCitizen } from '../../testing/factories.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { seedOfficeId } from '../../platform/db/seed.ts';
import { cairoDay, cairoStartReached, cairoTime } from '../../platform/clock.ts';
import { demoTestingCentreId } from './demo-seed.ts';

/**
 * A skill-test session is offered and booked only before it starts: its start is session_date +
 * start_time in Africa/Cairo (migration 0028), compared with the injectable clock. A started session
 * (the same day, earlier hour) is neither listed nor bookable (409 `skill_session_started`).
 */

const API = '/api/v1';
const NASR = seedOfficeId('CAI-NASR');

/** The instant at which Cairo's wall clock shows `date` `time` (Egypt is UTC+2, or UTC+3 in summer time). */
function cairoInstant(date: string, time: string): Date {
  for (const offsetHours of [2, 3]) {
    const d = new Date(Date.parse(`${date}T${time}:00Z`) - offsetHours * 3_600_000);
    if (cairoDay(d) === date && cairoTime(d) === time) return d;
  }
  throw new Error(`no instant for ${date} ${time} in Cairo`);
}

describe('Cairo wall clock (platform/clock.ts)', () => {
  test('cairoTime follows winter (UTC+2) and summer (UTC+3) time; cairoStartReached compares to the minute', () => {
    assert.equal(cairoTime(new Date('2026-12-01T12:29:00Z')), '14:29');
    assert.equal(cairoTime(new Date('2026-07-01T11:29:00Z')), '14:29');
    assert.equal(cairoTime(new Date('2026-07-01T21:30:00Z')), '00:30');
    const at = new Date('2026-12-01T12:29:30Z'); // 14:29:30 in Cairo
    assert.equal(cairoStartReached('2026-12-01', '09:00:00', at), true, 'this morning has started');
    assert.equal(cairoStartReached('2026-12-01', '14:29', at), true, 'the current minute has started');
    assert.equal(cairoStartReached('2026-12-01', '14:30:00', at), false, 'the next minute has not');
    assert.equal(cairoStartReached('2026-11-30', '23:59', at), true, 'yesterday');
    assert.equal(cairoStartReached('2026-12-02', '00:00', at), false, 'tomorrow');
  });
});

for (const target of testTargets()) {
  describe(`skill-test sessions are offered and booked only before they start (${target})`, () => {
    let t: TestNode;
    before(async () => {
      t = await createTestNode(target);
    });
    after(() => t.close());

    async function book(sessionId: string): Promise<{ statusCode: number; body: string; json<U>(): U }> {
      const c = t.client();
      await registerCitizen(t, c);
      return c.post(`${API}/my/applications`, { serviceCode: 'skill_certificate', officeId: NASR, answers: { isco: '7126', sessionId }, declaredDocuments: ['national_id_copy', 'photo'] });
    }

    test('at 14:29 Cairo time the 09:00 session of the day is neither offered nor bookable; the 14:30 one is, until 14:30', async () => {
      const db = t.node.database.db;
      const date = cairoDay(new Date(t.clock.now().getTime() + 3 * 86_400_000));
      const centre = demoTestingCentreId('DEMO-STC-CAIRO');
      const morning = randomUUID();
      const afternoon = randomUUID();
      const tomorrow = randomUUID();
      const nextDay = cairoDay(new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000));
      await db
        .insertInto('skill_test_sessions')
        .values([
          { id: morning, centre_id: centre, session_date: date, start_time: '09:00', capacity: 5, isco_codes: ['7126'], created_at: t.clock.now() },
          { id: afternoon, centre_id: centre, session_date: date, start_time: '14:30', capacity: 5, isco_codes: ['7126'], created_at: t.clock.now() },
          { id: tomorrow, centre_id: centre, session_date: nextDay, start_time: '08:00', capacity: 5, isco_codes: ['7126'], created_at: t.clock.now() },
        ])
        .execute();
      const ours = new Set<string>([morning, afternoon, tomorrow]);
      const offered = async () => {
        const r = await t.client().get(`${API}/skill-tests/sessions?isco=7126&governorate=01`);
        assert.equal(r.statusCode, 200, r.body);
        return r.json<TestSession[]>().filter((s) => ours.has(s.id)).map((s) => s.id);
      };

      // Before the day: all three are offered, by date and time.
      assert.deepEqual(await offered(), [morning, afternoon, tomorrow]);

      // 14:29 in Cairo on the day.
      t.clock.advance(cairoInstant(date, '14:29').getTime() - t.clock.now().getTime());
      assert.equal(cairoTime(t.clock.now()), '14:29');
      assert.deepEqual(await offered(), [afternoon, tomorrow], 'the 09:00 session has started');
      const refused = await book(morning);
      assert.equal(refused.statusCode, 409, refused.body);
      const p = refused.json<ProblemDetails>();
      assert.equal(p.code, 'skill_session_started');
      assert.deepEqual(p.titles, { ar: PROBLEMS.skill_session_started.ar, en: PROBLEMS.skill_session_started.en });
      assert.match(p.titles?.ar ?? '', /بدأ موعد الاختبار/);
      assert.equal((await db.selectFrom('skill_test_bookings').select('application_id').where('session_id', '=', morning).execute()).length, 0, 'no seat taken');
      assert.equal((await book(afternoon)).statusCode, 201, 'the 14:30 session has not started yet');

      // 14:30: the afternoon session has started too.
      t.clock.advance(cairoInstant(date, '14:30').getTime() - t.clock.now().getTime());
      assert.deepEqual(await offered(), [tomorrow]);
      const late = await book(afternoon);
      assert.equal(late.statusCode, 409, late.body);
      assert.equal(late.json<ProblemDetails>().code, 'skill_session_started');
      assert.equal((await book(tomorrow)).statusCode, 201);
    });
  });
}

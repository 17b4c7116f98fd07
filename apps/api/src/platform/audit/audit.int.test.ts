import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { createTestNode, freshDatabase, testTargets, type TestNode } from '../../testing/test-node.ts';
import { signInStaff } from '../../testing/factories.ts';
import { verifyAuditChain } from './audit.ts';

for (const target of testTargets()) {
  describe(`audit log (${target})`, () => {
    let t: TestNode;
    before(async () => {
      t = await createTestNode(target);
    });
    after(() => t.close());

    test('staff actions land in the log, readable by auditors, chained and verifiable', async () => {
      const admin = t.client();
      await signInStaff(t, admin, 'hq.admin');
      const created = await admin.post('/api/v1/offices', { code: 'GIZ-HRM', directorateCode: '21', nameAr: 'مكتب عمل الهرم', nameEn: 'Haram Labour Office', seatAr: 'الهرم', seatEn: 'Haram' });
      assert.equal(created.statusCode, 201, created.body);
      const auditor = t.client();
      await signInStaff(t, auditor, 'auditor');
      const log = (await auditor.get('/api/v1/audit-log?limit=10')).json<{ action: string; actorKind: string; subjectId: string; hash: string }[]>();
      const entry = log.find((e) => e.action === 'office.created');
      assert.ok(entry);
      assert.equal(entry.subjectId, created.json<{ id: string }>().id);
      assert.ok(log.some((e) => e.action === 'staff.signed_in'));
      const v = (await auditor.get('/api/v1/audit-log/verification')).json<{ ok: boolean; checked: number }>();
      assert.equal(v.ok, true);
      assert.ok(v.checked >= 3);
    });

    test('the database refuses to update, delete or truncate audit rows', async () => {
      const db = t.node.database.db;
      await assert.rejects(sql`UPDATE audit_log SET action = 'nothing' WHERE seq = 1`.execute(db), /append-only/);
      await assert.rejects(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db), /append-only/);
      await assert.rejects(sql`TRUNCATE audit_log`.execute(db), /append-only/);
      assert.equal((await verifyAuditChain(db)).ok, true);
    });

    test('a failed staff sign-in is audited without the password', async () => {
      const res = await t.client().post('/api/v1/session/staff', { email: 'nasr.clerk@demo.rabt.local', password: 'wrong-password-1', totp: '123456' });
      assert.equal(res.statusCode, 401);
      const last = await t.node.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal(last.action, 'staff.sign_in_failed');
      assert.ok(!JSON.stringify(last).includes('wrong-password-1'));
    });
  });

  describe(`audit tampering is detected (${target})`, () => {
    /** Someone with superuser rights switches the guard off and edits history: verification must notice. */
    async function tamperedDatabase(tamper: string) {
      const fresh = await freshDatabase(target);
      const db = fresh.database.db;
      // The template holds the demo-staff creation rows (seq 1..7).
      await sql.raw(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${tamper}; ALTER TABLE audit_log ENABLE TRIGGER USER;`).execute(db);
      return fresh;
    }

    const cases: [string, string, RegExp][] = [
      ['an edited row', `UPDATE audit_log SET details = '{"role":"hq_admin","demo":true}' WHERE seq = 3`, /row 3 was altered/],
      ['a deleted middle row', 'DELETE FROM audit_log WHERE seq = 2', /row 2 is missing/],
      ['deleted last rows', 'DELETE FROM audit_log WHERE seq >= 5', /rows were removed/],
      ['a re-hashed row that breaks the link', `UPDATE audit_log SET prev_hash = repeat('1', 64) WHERE seq = 4`, /row 4 does not link/],
    ];
    for (const [name, tamper, reason] of cases) {
      test(name, async () => {
        const fresh = await tamperedDatabase(tamper);
        try {
          const v = await verifyAuditChain(fresh.database.db, 2);
          assert.equal(v.ok, false);
          assert.match(String(v.reason), reason);
        } finally {
          await fresh.database.close();
          await fresh.drop();
        }
      });
    }

    if (target === 'postgres') {
      test('npm run audit:verify exits 1 on a tampered database and 0 on an intact one', async () => {
        const fresh = await tamperedDatabase('DELETE FROM audit_log WHERE seq = 2');
        await fresh.database.close();
        const intact = await freshDatabase(target);
        const rows = Number((await intact.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
        assert.ok(rows > 0, 'the template database has audit rows (seeding)');
        await intact.database.close();
        try {
          const run = (url: string) => spawnSync(process.execPath, ['--import', 'tsx', 'apps/api/src/platform/audit/verify-cli.ts'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
          const bad = run(fresh.url!);
          assert.equal(bad.status, 1, bad.stderr);
          assert.match(bad.stderr, /NOT intact/);
          const good = run(intact.url!);
          assert.equal(good.status, 0, good.stderr);
          assert.match(good.stdout, new RegExp(`intact: ${rows} rows verified`));
        } finally {
          await fresh.drop();
          await intact.drop();
        }
      });
    }
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_STAFF_PASSWORD } from '../../platform/db/seed.ts';
import { createTestNode, testTargets } from '../../testing/test-node.ts';
import { saEstablishments, saJobOrders } from '../exchange-seed/sa.ts';
import { joJobOrders } from '../exchange-seed/jo.ts';
import { demoEmployerLogin, seedDemoDestination } from './demo-seed.ts';

for (const target of testTargets()) {
  test(`the SA demo node has verified employers and 1,000 job orders submitted to EG; seeding again adds nothing (${target})`, async () => {
    const t = await createTestNode(target, { NODE_COUNTRY: 'SA', SEED_DEMO_DATA: 'true' });
    try {
      await t.node.seedDemoData();
      const db = t.node.database.db;
      const employers = await db.selectFrom('employers').select(['status']).execute();
      assert.equal(employers.length, saEstablishments().length);
      assert.ok(employers.every((e) => e.status === 'verified'));
      const orders = await db.selectFrom('job_orders').select(['status', 'version']).execute();
      assert.equal(orders.length, saJobOrders().length);
      assert.equal(orders.length, 1000);
      assert.ok(orders.every((o) => o.status === 'submitted' && o.version === 1));
      const queued = await db.selectFrom('federation_outbox').select('to_country').where('type', '=', 'job_order.submitted').execute();
      assert.equal(queued.length, 1000);
      assert.ok(queued.every((m) => m.to_country === 'EG'));

      assert.deepEqual(await seedDemoDestination({ db, clock: t.clock.now, config: t.config, federation: t.node.federation }), { employers: 0, jobOrders: 0 });
      const login = demoEmployerLogin('SA')!;
      const client = t.client();
      const res = await client.post('/api/v1/session/employer', { establishmentNumber: login.establishmentNumber, password: DEMO_STAFF_PASSWORD });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await client.get('/api/v1/employer/job-orders')).json<unknown[]>().length > 0, true);
    } finally {
      await t.close();
    }
  });

  test(`the JO demo node has its employers and job orders (${target})`, async () => {
    const t = await createTestNode(target, { NODE_COUNTRY: 'JO', SEED_DEMO_DATA: 'true' });
    try {
      await t.node.seedDemoData();
      const orders = await t.node.database.db.selectFrom('job_orders').select(['currency']).execute();
      assert.equal(orders.length, joJobOrders().length);
      assert.ok(orders.every((o) => o.currency === 'JOD'));
    } finally {
      await t.close();
    }
  });
}

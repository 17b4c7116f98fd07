import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmployerSummary, JobOrderTerms } from '@rabt/contracts';
import { iscoGroups } from './data.ts';
import { JO_MIN_WAGE_FILS, joEstablishments, joJobOrders } from './jo.ts';

const SeedTerms = JobOrderTerms.omit({ jobOrderId: true, employer: true });

test('8–15 synthetic Jordanian employers and 20–40 valid JO job orders in real ISCO unit groups', () => {
  const employers = joEstablishments();
  const orders = joJobOrders();
  assert.ok(employers.length >= 8 && employers.length <= 15, String(employers.length));
  assert.ok(orders.length >= 20 && orders.length <= 40, String(orders.length));
  const units = new Set(iscoGroups().filter((g) => g.level === 4).map((g) => g.code));
  const keys = new Set(employers.map((e) => e.key));
  for (const o of orders) {
    assert.doesNotThrow(() => SeedTerms.parse(o), `order ${o.sourceRow}`);
    assert.ok(units.has(o.isco), o.isco);
    assert.ok(keys.has(o.establishmentKey));
    assert.equal(o.country, 'JO');
    assert.equal(o.probationDays, 90);
    assert.match(o.titleAr, /[\u0621-\u064A]/);
  }
  assert.equal(new Set(employers.map((e) => e.establishmentNumber)).size, employers.length);
  for (const e of employers) {
    assert.match(e.establishmentNumber, /^200\d{6}$/);
    EmployerSummary.parse({ employerId: e.id, nameAr: e.nameAr, nameEn: e.nameEn, establishmentNumber: e.establishmentNumber, sector: e.sectorAr, city: e.city, verified: true, verifiedAt: null });
  }
  const sectors = new Set(employers.map((e) => e.sectorEn));
  for (const s of ['Agriculture', 'Construction', 'Garments (QIZ)', 'Hospitality']) assert.ok(sectors.has(s), s);
});

test('JO wages are JOD in fils (3 decimals) and never below the JOD 290 minimum wage', () => {
  assert.equal(JO_MIN_WAGE_FILS, 290_000);
  for (const o of joJobOrders()) {
    assert.equal(o.wage.currency, 'JOD');
    assert.ok(o.wage.amountMinor >= JO_MIN_WAGE_FILS, `${o.titleAr}: ${o.wage.amountMinor}`);
    assert.ok(o.wage.amountMinor < 2_000_000, 'fils, not JOD×100 or a typo');
    for (const a of Object.values(o.allowances)) if (a) assert.equal(a.currency, 'JOD');
  }
});

test('deterministic', () => {
  assert.deepEqual(joEstablishments(), joEstablishments());
  assert.deepEqual(joJobOrders(), joJobOrders());
});

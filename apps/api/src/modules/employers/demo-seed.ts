import { createHash } from 'node:crypto';
import { DEMO_STAFF_PASSWORD } from '../../platform/db/seed.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { joEstablishments, joJobOrders } from '../exchange-seed/jo.ts';
import { saEstablishments, saJobOrders } from '../exchange-seed/sa.ts';
import { seedUuid, type SeedEstablishment, type SeedJobOrder } from '../exchange-seed/types.ts';
import type { DestinationDeps } from './deps.ts';
import * as repo from './employers.repository.ts';
import { verifyAsSystem } from './employers.service.ts';
import { submitLocked } from './job-orders.service.ts';

const BATCH = 100;

function seedFor(country: string): { establishments: SeedEstablishment[]; orders: SeedJobOrder[] } {
  if (country === 'SA') return { establishments: saEstablishments(), orders: saJobOrders() };
  if (country === 'JO') return { establishments: joEstablishments(), orders: joJobOrders() };
  return { establishments: [], orders: [] };
}

/** A synthetic, valid-looking mobile for a seeded representative (SA 05x…, JO 07x…), stable per establishment. */
function demoMobile(country: string, key: string): string {
  const digits = String(parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) % 10_000_000).padStart(7, '0');
  return country === 'SA' ? `+96650${digits}` : `+96279${digits}`;
}

/** The demo employer login of a partner node: the first seeded establishment (password DEMO_STAFF_PASSWORD). */
export function demoEmployerLogin(country: string): { establishmentNumber: string; email: string } | undefined {
  const first = seedFor(country).establishments[0];
  return first ? { establishmentNumber: first.establishmentNumber, email: first.representative.email.toLowerCase() } : undefined;
}

/**
 * Demo data of a partner node (only with SEED_DEMO_DATA): SA gets the synthetic establishments and the
 * 1,000 job orders carried over from real Saudi postings (exchange-seed/sa.ts), JO its employers and
 * job orders (exchange-seed/jo.ts). Employers are verified by the system (audited); every job order is
 * submitted to the Egyptian ministry for attestation (one queued `job_order.submitted` each).
 * Idempotent: deterministic ids; rows that exist are left alone. Every seeded employer signs in with
 * the demo password.
 */
export async function seedDemoDestination(deps: DestinationDeps): Promise<{ employers: number; jobOrders: number }> {
  const country = deps.config.country;
  const { establishments, orders } = seedFor(country);
  if (establishments.length === 0) return { employers: 0, jobOrders: 0 };
  const now = deps.clock();
  const db = deps.db;
  const existing = new Set((await db.selectFrom('employers').select('id').where('id', 'in', establishments.map((e) => e.id)).execute()).map((r) => r.id));
  const missing = establishments.filter((e) => !existing.has(e.id));
  if (missing.length) {
    const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
    for (let i = 0; i < missing.length; i += BATCH) {
      await db.transaction().execute(async (trx) => {
        for (const e of missing.slice(i, i + BATCH)) {
          await repo.insertEmployer(trx, {
            id: e.id,
            country,
            establishment_number: e.establishmentNumber,
            name_ar: e.nameAr,
            name_en: e.nameEn,
            sector: e.sectorAr,
            city: e.city,
            rep_name: e.representative.nameAr,
            rep_email: e.representative.email.toLowerCase(),
            rep_mobile: demoMobile(country, e.key),
            password_hash: passwordHash,
            created_at: now,
            updated_at: now,
          });
          await appendAudit(trx, { kind: 'system' }, { action: 'employer.registered', subjectType: 'employer', subjectId: e.id, details: { demo: true } }, now);
          await verifyAsSystem(trx, e.id, now);
        }
      });
    }
  }
  const ids = new Map(establishments.map((e) => [e.key, e.id]));
  const orderId = (o: SeedJobOrder) => seedUuid(`${country}-job-order-${o.sourceRow}`);
  const haveOrders = new Set((await db.selectFrom('job_orders').select('id').where('employer_id', 'in', [...ids.values()]).execute()).map((r) => r.id));
  const newOrders = orders.filter((o) => !haveOrders.has(orderId(o)));
  for (let i = 0; i < newOrders.length; i += BATCH) {
    await db.transaction().execute(async (trx) => {
      for (const o of newOrders.slice(i, i + BATCH)) {
        const employerId = ids.get(o.establishmentKey);
        if (!employerId) throw new Error(`seed job order ${o.sourceRow}: unknown establishment ${o.establishmentKey}`);
        const id = orderId(o);
        await repo.insertJobOrder(trx, {
          id,
          employer_id: employerId,
          country,
          ...repo.jobOrderColumns(o),
          created_at: now,
          updated_at: now,
        });
        const row = await repo.findJobOrderForUpdate(trx, id);
        const employer = await repo.findEmployerById(trx, employerId);
        if (!row || !employer) throw new Error('seeded rows vanished');
        await submitLocked(deps, trx, row, employer, now, o.postedOn);
        await appendAudit(trx, { kind: 'system' }, { action: 'job_order.submitted', subjectType: 'job_order', subjectId: id, details: { demo: true, sourceRow: o.sourceRow, version: 1 } }, now);
      }
    });
  }
  return { employers: missing.length, jobOrders: newOrders.length };
}

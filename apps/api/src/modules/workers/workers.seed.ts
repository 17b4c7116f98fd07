import { egWorkers } from '../exchange-seed/eg-workers.ts';
import { joEstablishments } from '../exchange-seed/jo.ts';
import { hash32 } from '../exchange-seed/rng.ts';
import { saEstablishments } from '../exchange-seed/sa.ts';
import type { JobOrderTerms } from '@rabt/contracts';
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { decideInTransaction } from './job-orders.service.ts';
import * as repo from './workers.repository.ts';
import { recordConsent, type WorkerDeps } from './workers.service.ts';

/**
 * Demo data of the origin side (embedded demo only, `config.seedDemoData`): SYNTHETIC Egyptian workers
 * from `egWorkers` with profiles and consent to the peers among their preferred countries (SA and/or
 * JO), which queues their first `profile.upsert` messages. Idempotent: a worker whose citizen id exists
 * is skipped. Seeded citizens have no usable password (the hash is not argon2), so nobody can sign in
 * as them; they exist so partner employers find candidates.
 */
export async function seedDemoWorkers(deps: WorkerDeps, options: { count?: number; seed?: number } = {}): Promise<{ created: number }> {
  const count = options.count ?? 300;
  const workers = egWorkers(count, options.seed ?? 2026);
  const existing = new Set(
    (await deps.db.selectFrom('citizens').select('id').where('id', 'in', workers.map((w) => w.id)).execute()).map((r) => r.id),
  );
  const todo = workers.filter((w) => !existing.has(w.id));
  const peers = deps.federation.peers();
  const countries = new Set((await repo.allCountries(deps.db)).map((c) => c.iso2));
  const now = deps.clock();
  for (let i = 0; i < todo.length; i += 50) {
    await deps.db.transaction().execute(async (trx) => {
      for (const w of todo.slice(i, i + 50)) {
        await trx
          .insertInto('citizens')
          .values({
            id: w.id,
            national_id: w.nationalId,
            national_id_check_ok: true,
            birth_date: w.birthDate,
            sex: w.sex,
            governorate_code: w.governorateCode,
            name_ar: w.nameAr,
            name_latin: w.nameLatin,
            mobile: w.mobileE164,
            email: null,
            password_hash: '!seeded-no-password',
            locale: 'ar',
            mobile_verified_at: now,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        const preferred = w.preferredCountries.filter((c) => countries.has(c) && c !== deps.config.country);
        await repo.upsertProfile(
          trx,
          w.id,
          {
            skills: w.skills,
            education: w.education,
            languages: w.languages,
            expectedWageMinor: w.expectedWage.amountMinor,
            expectedWageCurrency: w.expectedWage.currency,
            availableFrom: w.availableFrom,
            passportNumber: w.passportNumber,
            passportExpiry: w.passportExpiry,
          },
          now,
        );
        await repo.replaceOccupations(trx, w.id, w.occupations.slice(0, 5));
        await repo.replacePreferredCountries(trx, w.id, preferred);
        const consentTo = preferred.filter((c) => peers.includes(c));
        // Everyone in the demo consents somewhere, so each partner has candidates.
        if (consentTo.length === 0 && peers.length) consentTo.push(peers[hash32(w.id) % peers.length]!);
        for (const country of consentTo) await recordConsent(trx, deps, w.id, country, now);
      }
    });
  }
  return { created: todo.length };
}

let seededEmployers: Set<string> | undefined;

/** Employer ids of the synthetic SA and JO establishments (exchange-seed), computed once. */
function seededEmployerIds(): Set<string> {
  return (seededEmployers ??= new Set([...saEstablishments(), ...joEstablishments()].map((e) => e.id)));
}

/**
 * Demo-only auto-attestation, so the public list is not empty after `npm start`: a job order from a
 * SEEDED synthetic employer is approved at once for about two in three orders (chosen by a hash of the
 * order id, so the same ones on every run), as an audited `system` action with `demoAutoAttestation`;
 * the others stay pending for the overseas officer. Orders from any other employer are never touched.
 * Runs in the inbox transaction, right after the order is stored.
 */
export async function demoAutoAttest(trx: Transaction<DB>, deps: WorkerDeps, terms: JobOrderTerms, now: Date): Promise<void> {
  if (!deps.config.seedDemoData || !seededEmployerIds().has(terms.employer.employerId)) return;
  if (hash32(terms.jobOrderId) % 3 === 0) return;
  const row = await repo.findJobOrder(trx, terms.jobOrderId);
  if (row?.status !== 'pending_attestation' || !row.employer_pays) return;
  await decideInTransaction(trx, deps, { system: 'demo' }, terms.jobOrderId, { decision: 'approved' }, now);
}

/**
 * Recording a completed pre-departure orientation beside the worker's contract (issue 6 §7, 0022). Two hooks,
 * both inside the caller's transaction, both idempotent (one record per contract, across all its versions):
 * - the e-learning module calls `recordOrientationCompletion` when a worker completes an orientation course:
 *   it is recorded on every contract the worker has with that destination that is offered or concluded;
 * - the contracts module calls `recordOrientationForContract` when a contract is offered or concluded: a worker
 *   who completed the destination's orientation earlier gets it recorded on the new contract.
 * The signed contract payload is never touched: the record is a row of contract_orientations. Both hooks lock the
 * worker's citizen row first, so a completion and a conclusion racing each other cannot both miss the record.
 * A worker can only complete their own enrolment (the e-learning module looks enrolments up by id and citizen),
 * so nobody can complete an orientation for somebody else.
 */
import type { Transaction } from 'kysely';
import { appendAudit, type Actor } from '../../platform/audit/audit.ts';
import type { DB } from '../../platform/db/schema.ts';
import * as repo from './orientation.repository.ts';

export interface CompletedOrientation {
  enrolmentId: string;
  citizenId: string;
  courseId: string;
  /** ISO 3166-1 alpha-2 destination of the course (courses.orientation_country). */
  country: string;
  /** Verification code of the orientation's training certificate. */
  certificateCode: string;
  completedAt: Date;
}

async function record(trx: Transaction<DB>, actor: Actor, contract: { id: string; version: number }, o: CompletedOrientation, trigger: string, now: Date): Promise<boolean> {
  const inserted = await repo.insertRecord(trx, {
    contract_id: contract.id,
    version: contract.version,
    citizen_id: o.citizenId,
    country: o.country,
    course_id: o.courseId,
    enrolment_id: o.enrolmentId,
    certificate_code: o.certificateCode,
    completed_at: o.completedAt,
    recorded_at: now,
  });
  if (inserted) {
    await appendAudit(trx, actor, { action: 'orientation.recorded', subjectType: 'contract', subjectId: contract.id, details: { version: contract.version, country: o.country, courseId: o.courseId, enrolmentId: o.enrolmentId, certificate: o.certificateCode, trigger } }, now);
  }
  return inserted;
}

/**
 * A worker completed an orientation course: records it on each of their contracts with that destination that
 * has an offered or concluded version (the concluded version when there is one). Returns the contract ids newly
 * recorded (none when the worker has no such contract yet, or when each already has a record).
 */
export async function recordOrientationCompletion(trx: Transaction<DB>, o: CompletedOrientation, now: Date): Promise<string[]> {
  await repo.lockCitizen(trx, o.citizenId);
  const recorded: string[] = [];
  for (const c of await repo.expectingContracts(trx, o.citizenId, o.country)) {
    if (await record(trx, { kind: 'citizen', id: o.citizenId }, c, o, 'orientation_completed', now)) recorded.push(c.id);
  }
  return recorded;
}

/**
 * A contract version was just offered to or concluded by the worker: if the worker already completed the
 * destination's orientation, it is recorded on this contract (a system action). True when a record was added.
 */
export async function recordOrientationForContract(trx: Transaction<DB>, c: { contractId: string; version: number; citizenId: string; country: string; trigger: 'contract_offered' | 'contract_concluded' }, now: Date): Promise<boolean> {
  await repo.lockCitizen(trx, c.citizenId);
  if (await repo.recordOf(trx, c.contractId)) return false;
  const done = await repo.completedOrientation(trx, c.citizenId, c.country);
  if (!done || !done.completed_at || !done.certificate_code) return false;
  return record(
    trx,
    { kind: 'system' },
    { id: c.contractId, version: c.version },
    { enrolmentId: done.enrolment_id, citizenId: c.citizenId, courseId: done.course_id, country: c.country, certificateCode: done.certificate_code, completedAt: done.completed_at },
    c.trigger,
    now,
  );
}

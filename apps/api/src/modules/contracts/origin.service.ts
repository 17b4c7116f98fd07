/**
 * Contracts on the Egyptian node (issue 4 §2–4, §8): a partner's signed contract is received and its
 * signature checked against the pinned key; the rules run; two distinct overseas-employment officers
 * attest it (dual control, row lock); the worker reads it in Arabic and accepts, rejects or asks for an
 * amendment; on acceptance this node signs the same canonical payload, appends its salted digest to the
 * transparency register and issues the verification code and QR token. Cancellations, supersessions and
 * destination registrations that differ from the concluded terms (substitution) are handled here too.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ContractAlert, ContractCheck, ContractPayload, ContractStatus, ContractTerms, JobOrderTerms, JwsSignature, OriginContract, TermDiff } from '@rabt/contracts';
import { ContractPayload as PayloadSchema } from '@rabt/contracts';
import { DOCUMENT_BUNDLE_FORMAT, type DocumentBundle } from '@rabt/trust';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit, type Actor } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Federation, IncomingMessage } from '../federation/federation.port.ts';
import type { DocumentSigner } from '../federation/document-signing.ts';
import { canonicalBytes, contractLeafData, digestOf, DOCUMENT_TOKEN_TYP, generalJws, newVerificationCode, tokenClaims } from './contract-document.ts';
import { checkContract, contractTemplates, diffTerms, templateFor } from './contract-rules.ts';
import * as repo from './contracts.repository.ts';
import type { VerificationCache } from '../documents/verification-cache.ts';
import type { DocumentRegister } from '../documents/register-port.ts';
import { verifyUrlOf } from '../documents/issue.ts';
import * as documents from '../documents/documents.repository.ts';
import { recordOrientationForContract } from '../orientation/orientation.record.ts';
import { cityNameAr } from '../reference/cities.ts';

/** Answer of the licensed-agency registry (modules/agencies) for an agency named in a contract. */
export type AgencyCheck = (db: Kysely<DB> | Transaction<DB>, q: { licenceNumber: string; citizenId: string }) => Promise<{ ok: true } | { ok: false; reason: 'unknown_agency' | 'licence_not_valid' | 'no_worker_authorisation' }>;

export type ContractOriginDeps = Pick<AppDeps, 'db' | 'clock' | 'notifier' | 'config'> & {
  federation: Federation;
  signer: DocumentSigner;
  register: DocumentRegister;
  agencyCheck: AgencyCheck;
  /** Serialized /verify answers of existing documents (verification-cache.ts). */
  verifyCache: VerificationCache;
};

const TERMINAL: ContractStatus[] = ['rejected', 'cancelled', 'superseded', 'withdrawn', 'checks_failed'];

function event(status: ContractStatus, at: Date, note: string | null) {
  return { status, at: at.toISOString(), note };
}


async function minorUnits(db: Kysely<DB> | Transaction<DB>): Promise<(c: string) => number> {
  const units = new Map((await db.selectFrom('countries').select(['currency', 'currency_minor_units']).execute()).map((c) => [c.currency, c.currency_minor_units]));
  return (c) => units.get(c) ?? 2;
}

/** The rule checks as the Egyptian node runs them: with the attested job order and the agency registry. */
async function runChecks(deps: Pick<ContractOriginDeps, 'agencyCheck'>, trx: Transaction<DB>, terms: ContractTerms, citizenId: string, now: Date): Promise<ContractCheck[]> {
  const templates = contractTemplates();
  const template = templateFor(terms.destinationCountry, templates);
  if (!template) throw new Error(`no contract template for ${terms.destinationCountry}`);
  const job = await trx.selectFrom('received_job_orders').select(['terms', 'status', 'country']).where('id', '=', terms.jobOrderId).executeTakeFirst();
  const jobOrder = job && job.status === 'approved' && job.country === terms.destinationCountry ? (job.terms as unknown as JobOrderTerms) : null;
  return checkContract(terms, {
    template,
    agencyFeeCapPercent: templates.agencyFeeCapPercentOfFirstYearWage,
    agencyFeeSource: templates.agencyFeeSource,
    jobOrder,
    minorUnits: await minorUnits(trx),
    today: now.toISOString().slice(0, 10),
    agency: terms.agency ? await deps.agencyCheck(trx, { licenceNumber: terms.agency.licenceNumber, citizenId }) : undefined,
  });
}

async function sendStatus(deps: Pick<ContractOriginDeps, 'federation'>, trx: Transaction<DB>, r: { id: string; version: number; country: string }, status: 'received' | 'checks_failed' | 'awaiting_attestation' | 'offered' | 'rejected' | 'amendment_requested' | 'concluded' | 'cancelled' | 'superseded', now: Date, extra: { reason?: string | null; checks?: ContractCheck[]; concluded?: { code: string; signature: JwsSignature; registerIndex: number; verifyUrl: string } } = {}): Promise<void> {
  const seq = await repo.nextOutSeq(trx, 'received_contracts', r.id);
  await deps.federation.enqueue(trx, {
    to: r.country,
    type: 'contract.status',
    body: { contractId: r.id, version: r.version, status, reason: extra.reason ?? null, checks: extra.checks ?? [], at: now.toISOString(), concluded: extra.concluded ?? null },
    entity: { type: 'contract', id: r.id, version: seq },
  });
}

async function smsWorker(deps: Pick<ContractOriginDeps, 'notifier'>, mobile: string | undefined, body: { ar: string; en: string }): Promise<void> {
  if (!mobile) return;
  // Best effort after commit: the contract is in the worker's account whatever happens to the SMS.
  await deps.notifier.send({ channel: 'sms', to: mobile, bodyAr: body.ar, bodyEn: body.en }).catch(() => undefined);
}

/**
 * `contract.submitted` from a partner node. Refused (negative receipt, nothing stored) when the payload
 * does not name this pair of countries, the partner's signature does not verify with its pinned key, the
 * invitation is not one the worker accepted, or the version is not new. Otherwise stored with the rule
 * checks: `awaiting_attestation` when all pass, else `checks_failed` with the reasons sent back. A worker
 * who already has a concluded contract with another employer-contract there raises a substitution alert.
 * Returns the worker's mobile for the notification sent after commit.
 */
export async function onContractSubmitted(deps: Pick<ContractOriginDeps, 'federation' | 'signer' | 'agencyCheck' | 'config'>, trx: Transaction<DB>, message: IncomingMessage<'contract.submitted'>, now: Date): Promise<{ mobile: string; status: ContractStatus } | null> {
  const { payload, signature } = message.body;
  const t = payload.terms;
  if (t.destinationCountry !== message.from || t.originCountry !== deps.config.country) throw new Error('contract names another pair of countries');
  const bytes = canonicalBytes(payload);
  const sig = await deps.signer.verify(message.from, signature, bytes);
  if (!sig.ok) throw new Error(`partner signature refused: ${sig.reason}`);
  const inv = await trx.selectFrom('worker_invitations').select(['id', 'citizen_id', 'country', 'status', 'profile_id', 'job_order_id']).where('id', '=', t.invitationId).executeTakeFirst();
  if (!inv || inv.country !== message.from || inv.status !== 'accepted' || inv.profile_id !== t.worker.profileId || inv.job_order_id !== t.jobOrderId) throw new Error('contract does not follow an invitation the worker accepted');
  if (await repo.findReceived(trx, t.contractId, t.version)) return null;
  const previous = (await repo.receivedVersions(trx, t.contractId))[0];
  if (previous && (previous.version > t.version || previous.citizen_id !== inv.citizen_id)) throw new Error('stale or foreign contract version');
  if (t.supersedes) {
    const sup = await repo.findReceived(trx, t.contractId, t.supersedes.version);
    if (!sup || sup.digest !== t.supersedes.digest || sup.status !== 'concluded') throw new Error('amendment does not supersede the concluded version');
  }
  const checks = await runChecks(deps, trx, t, inv.citizen_id, now);
  const status: ContractStatus = checks.every((c) => c.ok) ? 'awaiting_attestation' : 'checks_failed';
  const digest = digestOf(bytes);
  await repo.insertReceived(trx, {
    id: t.contractId,
    version: t.version,
    country: message.from,
    citizen_id: inv.citizen_id,
    invitation_id: inv.id,
    status: status,
    payload: JSON.stringify(payload),
    digest,
    partner_signature: JSON.stringify(signature),
    checks: JSON.stringify(checks),
    history: JSON.stringify([event('received', now, null), event(status, now, null)]),
    received_at: now,
    updated_at: now,
  });
  // A superseded draft version still in flight (amendment requested, refused…) is closed by the new one.
  if (previous && !TERMINAL.includes(previous.status) && previous.status !== 'concluded') await repo.updateReceived(trx, previous.id, previous.version, { status: 'withdrawn', status_reason: `v${t.version}`, updated_at: now });
  await sendStatus(deps, trx, { id: t.contractId, version: t.version, country: message.from }, status, now, { checks, reason: status === 'checks_failed' ? checks.filter((c) => !c.ok).map((c) => c.message.ar).join(' ') : null });
  // Substitution: a different contract for a worker who already concluded one with this destination.
  for (const other of await repo.concludedOfCitizen(trx, inv.citizen_id, message.from)) {
    if (other.id === t.contractId) continue;
    const before = (other.payload as unknown as ContractPayload).terms;
    await repo.insertAlert(trx, { id: randomUUID(), contract_id: other.id, version: other.version, citizen_id: inv.citizen_id, country: message.from, kind: 'second_contract_for_worker', diff: JSON.stringify(diffTerms(before, t)), destination_reference: null, created_at: now });
  }
  await appendAudit(trx, { kind: 'system' }, { action: 'contract.received', subjectType: 'contract', subjectId: t.contractId, details: { version: t.version, country: message.from, status, digest, failed: checks.filter((c) => !c.ok).map((c) => c.code), messageId: message.id } }, now);
  const citizen = await trx.selectFrom('citizens').select('mobile').where('id', '=', inv.citizen_id).executeTakeFirstOrThrow();
  return { mobile: citizen.mobile, status };
}

/**
 * One officer's attestation of a contract version (dual control): the row is locked, the same officer
 * cannot attest twice (409 `contract_already_attested_by_you`), and the second distinct attestation offers
 * the contract to the worker. 404 `contract_not_found`, 409 `contract_not_awaiting_attestation`.
 */
export async function attest(deps: ContractOriginDeps, staff: StaffPrincipal, id: string, version: number): Promise<OriginContract> {
  const now = deps.clock();
  let offeredTo: string | undefined;
  await deps.db.transaction().execute(async (trx) => {
    const r = await repo.findReceived(trx, id, version, true);
    if (!r) throw new AppError('contract_not_found');
    if (r.status !== 'awaiting_attestation') throw new AppError('contract_not_awaiting_attestation');
    if (!(await repo.insertAttestation(trx, id, version, staff.staffId, now))) throw new AppError('contract_already_attested_by_you');
    const n = await repo.countAttestations(trx, id, version);
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'contract.attested', subjectType: 'contract', subjectId: id, details: { version, attestation: n } }, now);
    if (n >= 2) {
      await repo.updateReceived(trx, id, version, { status: 'offered', offered_at: now, history: JSON.stringify([...(r.history), event('offered', now, null)]), updated_at: now });
      await sendStatus(deps, trx, r, 'offered', now);
      // A pre-departure orientation the worker already completed is recorded beside this contract (0022).
      await recordOrientationForContract(trx, { contractId: id, version, citizenId: r.citizen_id, country: r.country, trigger: 'contract_offered' }, now);
      offeredTo = (await trx.selectFrom('citizens').select('mobile').where('id', '=', r.citizen_id).executeTakeFirstOrThrow()).mobile;
    }
  });
  await smsWorker(deps, offeredTo, { ar: 'ربط: وصلك عقد عمل موثّق من وزارة العمل. اقرأه كاملًا في حسابك (عقودي) ثم اقبله أو اطلب تعديله. لا تدفع أي مبلغ لأي وسيط.', en: 'Rabt: an attested work contract is waiting in your account (My contracts). Read it fully, then accept or ask for a change. Never pay a broker.' });
  return officerContract(deps, id, version);
}

/** An officer refuses a contract version with a reason (it returns to the employer, who may amend it). 409 `contract_not_awaiting_attestation`. */
export async function refuse(deps: ContractOriginDeps, staff: StaffPrincipal, id: string, version: number, reason: string): Promise<OriginContract> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const r = await repo.findReceived(trx, id, version, true);
    if (!r) throw new AppError('contract_not_found');
    if (r.status !== 'awaiting_attestation') throw new AppError('contract_not_awaiting_attestation');
    await repo.updateReceived(trx, id, version, { status: 'checks_failed', status_reason: reason, history: JSON.stringify([...(r.history), event('checks_failed', now, reason)]), updated_at: now });
    await sendStatus(deps, trx, r, 'checks_failed', now, { reason });
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'contract.refused', subjectType: 'contract', subjectId: id, details: { version, reason } }, now);
  });
  return officerContract(deps, id, version);
}

/**
 * The worker's answer to an offered contract. `accepted` concludes it in the same transaction: this node
 * signs the canonical payload (second signature), appends the salted digest to the register, issues the
 * verification code and QR token, supersedes the version it amends, and tells the partner. `rejected` and
 * `amendment_requested` (with a note) go back to the employer. 404 `contract_not_found`, 409 `contract_not_offered`.
 */
export async function respond(deps: ContractOriginDeps, citizenId: string, id: string, version: number, response: 'accepted' | 'rejected' | 'amendment_requested', note: string | undefined): Promise<OriginContract> {
  const now = deps.clock();
  if (response === 'amendment_requested' && !note) throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/note', code: 'required', message: { ar: 'هذا الحقل مطلوب.', en: 'This field is required.' } }] });
  await deps.db.transaction().execute(async (trx) => {
    const r = await repo.findReceived(trx, id, version, true);
    if (!r || r.citizen_id !== citizenId) throw new AppError('contract_not_found');
    if (r.status !== 'offered') throw new AppError('contract_not_offered');
    const actor: Actor = { kind: 'citizen', id: citizenId };
    if (response !== 'accepted') {
      await repo.updateReceived(trx, id, version, { status: response, worker_note: note ?? null, responded_at: now, history: JSON.stringify([...(r.history), event(response, now, note ?? null)]), updated_at: now });
      await sendStatus(deps, trx, r, response, now, { reason: note ?? null });
      await appendAudit(trx, actor, { action: `contract.${response}`, subjectType: 'contract', subjectId: id, details: { version } }, now);
      return;
    }
    await conclude(deps, trx, r, now);
    await appendAudit(trx, actor, { action: 'contract.accepted', subjectType: 'contract', subjectId: id, details: { version, digest: r.digest } }, now);
  });
  return workerContract(deps, citizenId, id, version);
}

async function conclude(deps: ContractOriginDeps, trx: Transaction<DB>, r: repo.ReceivedContractRow, now: Date): Promise<void> {
  const payload = PayloadSchema.parse(r.payload);
  const bytes = canonicalBytes(payload);
  if (digestOf(bytes) !== r.digest) throw new Error('stored payload does not match its digest');
  const signature = deps.signer.sign(bytes, 'rabt-contract+jws');
  const { index } = await deps.register.append(trx, { kind: 'contract', data: contractLeafData(r.digest) });
  const code = newVerificationCode(deps.config.country);
  const token = deps.signer.signCompact(tokenClaims(code, r.digest, payload, { origin: deps.register.origin, index }, now) as unknown as Record<string, unknown>, DOCUMENT_TOKEN_TYP);
  const verifyUrl = verifyUrlOf(deps.config, code, token);
  const partnerSignature = r.partner_signature as unknown as JwsSignature;
  await documents.insertIssued(trx, { code, kind: 'contract', subject_id: r.id, subject_version: r.version, digest: r.digest, payload: JSON.stringify(payload), signatures: JSON.stringify([partnerSignature, signature]), qr_token: token, register_index: index, issued_at: now });
  await repo.updateReceived(trx, r.id, r.version, {
    status: 'concluded',
    origin_signature: JSON.stringify(signature),
    verification_code: code,
    register_index: index,
    responded_at: now,
    concluded_at: now,
    history: JSON.stringify([...(r.history), event('concluded', now, code)]),
    updated_at: now,
  });
  await recordOrientationForContract(trx, { contractId: r.id, version: r.version, citizenId: r.citizen_id, country: r.country, trigger: 'contract_concluded' }, now);
  await sendStatus(deps, trx, r, 'concluded', now, { concluded: { code, signature, registerIndex: index, verifyUrl } });
  if (payload.terms.supersedes) {
    const prev = await repo.findReceived(trx, r.id, payload.terms.supersedes.version, true);
    if (prev && prev.status === 'concluded' && prev.verification_code) {
      await repo.updateReceived(trx, prev.id, prev.version, { status: 'superseded', history: JSON.stringify([...(prev.history), event('superseded', now, code)]), updated_at: now });
      await documents.setIssuedStatus(trx, prev.verification_code, 'superseded', now, code);
      deps.verifyCache.invalidate(prev.verification_code);
    }
  }
}

/** An officer cancels a concluded contract (e.g. fraud found); /verify shows it cancelled. 409 `contract_not_cancellable`. */
export async function cancelByOfficer(deps: ContractOriginDeps, staff: StaffPrincipal, id: string, version: number, reason: string): Promise<OriginContract> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const r = await repo.findReceived(trx, id, version, true);
    if (!r) throw new AppError('contract_not_found');
    if (r.status !== 'concluded' || !r.verification_code) throw new AppError('contract_not_cancellable');
    await repo.updateReceived(trx, id, version, { status: 'cancelled', status_reason: reason, history: JSON.stringify([...(r.history), event('cancelled', now, reason)]), updated_at: now });
    await documents.setIssuedStatus(trx, r.verification_code, 'cancelled', now, null, reason);
    await sendStatus(deps, trx, r, 'cancelled', now, { reason });
    deps.verifyCache.invalidate(r.verification_code);
    await appendAudit(trx, { kind: 'staff', id: staff.staffId }, { action: 'contract.cancelled', subjectType: 'contract', subjectId: id, details: { version, reason } }, now);
  });
  return officerContract(deps, id, version);
}

/** `contract.cancelled` from the partner: withdrawn before conclusion, cancelled after (the issued document too). */
export async function onContractCancelled(deps: Pick<ContractOriginDeps, 'verifyCache'>, trx: Transaction<DB>, message: IncomingMessage<'contract.cancelled'>, now: Date): Promise<{ mobile: string } | null> {
  const b = message.body;
  const r = await repo.findReceived(trx, b.contractId, b.version, true);
  if (!r || r.country !== message.from) throw new Error('unknown contract version');
  if (TERMINAL.includes(r.status)) return null;
  const to = r.status === 'concluded' ? 'cancelled' : 'withdrawn';
  await repo.updateReceived(trx, r.id, r.version, { status: to, status_reason: b.reason, history: JSON.stringify([...(r.history), event(to, now, b.reason)]), updated_at: now });
  if (to === 'cancelled' && r.verification_code) {
    await documents.setIssuedStatus(trx, r.verification_code, 'cancelled', now, null, b.reason);
    deps.verifyCache.invalidate(r.verification_code);
  }
  await appendAudit(trx, { kind: 'system' }, { action: `contract.${to}_by_partner`, subjectType: 'contract', subjectId: r.id, details: { version: r.version, reason: b.reason, messageId: message.id } }, now);
  return { mobile: (await trx.selectFrom('citizens').select('mobile').where('id', '=', r.citizen_id).executeTakeFirstOrThrow()).mobile };
}

/**
 * `contract.registered`: the destination registered the contract on arrival. Compared term by term with
 * the concluded version; any difference raises a substitution alert for the worker and the officers
 * (ILO General Principle 8: measures against contract substitution). Returns the worker's mobile when alerted.
 */
export async function onContractRegistered(trx: Transaction<DB>, message: IncomingMessage<'contract.registered'>, now: Date): Promise<{ mobile: string; diff: TermDiff[] } | null> {
  const b = message.body;
  const r = await repo.findReceived(trx, b.contractId, b.version);
  if (!r || r.country !== message.from) throw new Error('unknown contract version');
  const concluded = (r.payload as unknown as ContractPayload).terms;
  const diff = diffTerms(concluded, b.terms);
  await appendAudit(trx, { kind: 'system' }, { action: 'contract.registered_at_destination', subjectType: 'contract', subjectId: r.id, details: { version: r.version, destinationReference: b.destinationReference, differences: diff.map((d) => d.path), messageId: message.id } }, now);
  if (diff.length === 0) return null;
  await repo.insertAlert(trx, { id: randomUUID(), contract_id: r.id, version: r.version, citizen_id: r.citizen_id, country: r.country, kind: 'destination_registration_differs', diff: JSON.stringify(diff), destination_reference: b.destinationReference, created_at: now });
  return { mobile: (await trx.selectFrom('citizens').select('mobile').where('id', '=', r.citizen_id).executeTakeFirstOrThrow()).mobile, diff };
}

// ---------------------------------------------------------------- views

async function toOriginContract(deps: Pick<ContractOriginDeps, 'db' | 'config'>, r: repo.ReceivedContractRow): Promise<OriginContract> {
  const payload = r.payload as unknown as ContractPayload;
  const [country, attestations, versions, issued] = await Promise.all([
    deps.db.selectFrom('countries').select(['name_ar', 'name_en']).where('iso2', '=', r.country).executeTakeFirst(),
    repo.attestationsOf(deps.db, r.id, r.version),
    repo.receivedVersions(deps.db, r.id),
    r.verification_code ? documents.findIssuedByCode(deps.db, r.verification_code) : Promise.resolve(undefined),
  ]);
  const prev = versions.find((v) => v.version < r.version);
  return {
    id: r.id,
    version: r.version,
    country: r.country,
    countryNameAr: country?.name_ar ?? r.country,
    countryNameEn: country?.name_en ?? r.country,
    status: r.status,
    terms: payload.terms,
    workplaceCityAr: cityNameAr(payload.terms.destinationCountry, payload.terms.workplaceCity),
    checks: r.checks as ContractCheck[],
    attestations: attestations.map((a) => ({ staffId: a.staff_id, staffName: a.name, at: new Date(a.attested_at).toISOString() })),
    statusReason: r.status_reason,
    workerNote: r.worker_note,
    diff: prev ? diffTerms((prev.payload as unknown as ContractPayload).terms, payload.terms) : [],
    verificationCode: r.verification_code,
    verifyUrl: issued ? verifyUrlOf(deps.config, issued.code, issued.qr_token) : null,
    history: r.history as OriginContract['history'],
    receivedAt: new Date(r.received_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function officerQueue(deps: Pick<ContractOriginDeps, 'db' | 'config'>, status: ContractStatus | undefined): Promise<OriginContract[]> {
  const rows = await repo.receivedByStatus(deps.db, status as repo.ReceivedContractRow['status'] | undefined);
  return Promise.all(rows.map((r) => toOriginContract(deps, r)));
}

export async function officerContract(deps: Pick<ContractOriginDeps, 'db' | 'config'>, id: string, version: number): Promise<OriginContract> {
  const r = await repo.findReceived(deps.db, id, version);
  if (!r) throw new AppError('contract_not_found');
  return toOriginContract(deps, r);
}

/** The worker's contracts: offered and later versions only (what is still being checked or attested is not shown yet). */
export async function workerContracts(deps: Pick<ContractOriginDeps, 'db' | 'config'>, citizenId: string): Promise<OriginContract[]> {
  const rows = (await repo.receivedOfCitizen(deps.db, citizenId)).filter((r) => r.offered_at !== null);
  return Promise.all(rows.map((r) => toOriginContract(deps, r)));
}

export async function workerContract(deps: Pick<ContractOriginDeps, 'db' | 'config'>, citizenId: string, id: string, version: number): Promise<OriginContract> {
  const r = await repo.findReceived(deps.db, id, version);
  if (!r || r.citizen_id !== citizenId || r.offered_at === null) throw new AppError('contract_not_found');
  return toOriginContract(deps, r);
}

function toAlert(a: Awaited<ReturnType<typeof repo.latestAlerts>>[number]): ContractAlert {
  return { id: a.id, contractId: a.contract_id, version: a.version, country: a.country, kind: a.kind, diff: a.diff as TermDiff[], destinationReference: a.destination_reference, createdAt: new Date(a.created_at).toISOString() };
}

export async function workerAlerts(deps: Pick<ContractOriginDeps, 'db'>, citizenId: string): Promise<ContractAlert[]> {
  return (await repo.alertsOfCitizen(deps.db, citizenId)).map(toAlert);
}

export async function officerAlerts(deps: Pick<ContractOriginDeps, 'db'>): Promise<ContractAlert[]> {
  return (await repo.latestAlerts(deps.db)).map(toAlert);
}

/**
 * The holder's offline bundle of a concluded contract: the General JWS (both signatures), the QR token
 * and the register inclusion proof against the latest witnessed checkpoint. 404 `contract_not_found`,
 * 409 `contract_not_concluded`, 503 `register_checkpoint_pending` (the next checkpoint is at most 10 s away).
 */
export async function documentBundle(deps: ContractOriginDeps, citizenId: string, id: string, version: number): Promise<DocumentBundle> {
  const r = await repo.findReceived(deps.db, id, version);
  if (!r || r.citizen_id !== citizenId || r.offered_at === null) throw new AppError('contract_not_found');
  const issued = await documents.findIssuedFor(deps.db, 'contract', id, version);
  if (!issued) throw new AppError('contract_not_concluded');
  const proof = await deps.register.proofBundle(Number(issued.register_index));
  if (!proof) throw new AppError('register_checkpoint_pending');
  const payload = PayloadSchema.parse(issued.payload);
  return {
    format: DOCUMENT_BUNDLE_FORMAT,
    code: issued.code,
    kind: 'contract',
    document: generalJws(canonicalBytes(payload), issued.signatures as JwsSignature[]),
    register: proof,
    token: issued.qr_token,
  };
}

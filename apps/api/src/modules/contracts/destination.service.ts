/**
 * Contracts on a partner ministry's node (issue 4 §3, destination side): a verified employer turns an
 * accepted invitation into a contract draft from the destination's template, edits it, sees the rule
 * checks, and submits; this node then signs the canonical payload (JWS, EdDSA) and sends it to the
 * Egyptian node (`contract.submitted`). The Egyptian node's `contract.status` messages move the state on;
 * on conclusion they carry its signature and the verification code. Amendments are new versions.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { ContractDraftInput, ContractPayload, ContractStatus, ContractTerms, EmployerContract, JobOrderTerms } from '@rabt/contracts';
import { ContractDraftInput as DraftSchema, ContractTerms as TermsSchema, ContactDisclosure } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { EmployerPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { IncomingMessage } from '../federation/federation.port.ts';
import type { DocumentSigner } from '../federation/document-signing.ts';
import { ORIGIN_COUNTRY, type DestinationDeps } from '../employers/deps.ts';
import { requireVerifiedEmployer } from '../employers/employers.service.ts';
import * as employersRepo from '../employers/employers.repository.ts';
import { termsOf } from '../employers/job-orders.service.ts';
import { canonicalBytes, CONTRACT_JWS_TYP, digestOf, newSalt } from './contract-document.ts';
import { checkContract, contractTemplates, diffTerms, templateFor } from './contract-rules.ts';
import * as repo from './contracts.repository.ts';
import { cityNameAr } from '../reference/cities.ts';

export type ContractDestinationDeps = DestinationDeps & { signer: DocumentSigner };
type Db = Kysely<DB> | Transaction<DB>;

function addDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

async function jobOrderTerms(db: Db, jobOrderId: string): Promise<JobOrderTerms | null> {
  const j = await db.selectFrom('job_orders').selectAll().where('id', '=', jobOrderId).executeTakeFirst();
  if (!j) return null;
  const e = await employersRepo.findEmployerById(db, j.employer_id);
  return e ? termsOf(j, e) : null;
}

async function checksFor(db: Db, terms: ContractTerms, now: Date) {
  const templates = contractTemplates();
  const template = templateFor(terms.destinationCountry, templates);
  if (!template) throw new AppError('contract_template_missing');
  const units = new Map((await db.selectFrom('countries').select(['currency', 'currency_minor_units']).execute()).map((c) => [c.currency, c.currency_minor_units]));
  return checkContract(terms, {
    template,
    agencyFeeCapPercent: templates.agencyFeeCapPercentOfFirstYearWage,
    agencyFeeSource: templates.agencyFeeSource,
    jobOrder: await jobOrderTerms(db, terms.jobOrderId),
    minorUnits: (c) => units.get(c) ?? 2,
    today: now.toISOString().slice(0, 10),
  });
}

async function toView(db: Db, r: repo.ContractRow, now: Date): Promise<EmployerContract> {
  const terms = TermsSchema.parse(r.terms);
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    terms,
    workplaceCityAr: cityNameAr(terms.destinationCountry, terms.workplaceCity),
    checks: r.status === 'draft' ? await checksFor(db, terms, now) : (r.checks as EmployerContract['checks']),
    statusReason: r.status_reason,
    verificationCode: r.verification_code,
    history: r.history as EmployerContract['history'],
    updatedAt: new Date(r.updated_at).toISOString(),
    templateClauseCount: templateFor(terms.destinationCountry)?.clauses.length ?? 0,
  };
}

async function ownVersion(db: Db, employerId: string, id: string, version: number, lock = false): Promise<repo.ContractRow> {
  const r = await repo.findContract(db, id, version, lock);
  if (!r || r.employer_id !== employerId) throw new AppError('contract_not_found');
  return r;
}

/** The employer's contracts (every version), newest first. */
export async function listEmployerContracts(deps: ContractDestinationDeps, caller: EmployerPrincipal): Promise<EmployerContract[]> {
  await requireVerifiedEmployer(deps, caller);
  const rows = await repo.listContractsOfEmployer(deps.db, caller.employerId);
  return Promise.all(rows.map((r) => toView(deps.db, r, deps.clock())));
}

export async function getEmployerContract(deps: ContractDestinationDeps, caller: EmployerPrincipal, id: string, version: number): Promise<EmployerContract> {
  await requireVerifiedEmployer(deps, caller);
  return toView(deps.db, await ownVersion(deps.db, caller.employerId, id, version), deps.clock());
}

/**
 * Starts a contract from an accepted invitation: parties from the employer's record and the worker's
 * disclosure, terms from the attested job order, governing law and clauses from the destination's
 * template. One contract per invitation. Errors: `invitation_not_found` (404), `contract_invitation_not_accepted`
 * (409), `contract_exists` (409), `contract_template_missing` (422).
 */
export async function createDraft(deps: ContractDestinationDeps, caller: EmployerPrincipal, invitationId: string): Promise<EmployerContract> {
  const employer = await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  const id = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    const inv = await trx.selectFrom('invitations').selectAll().where('id', '=', invitationId).forUpdate().executeTakeFirst();
    if (!inv || inv.employer_id !== employer.id) throw new AppError('invitation_not_found');
    if (inv.status !== 'accepted' || !inv.disclosure) throw new AppError('contract_invitation_not_accepted');
    if (await repo.contractForInvitation(trx, invitationId)) throw new AppError('contract_exists');
    const template = templateFor(employer.country);
    if (!template) throw new AppError('contract_template_missing');
    const job = await jobOrderTerms(trx, inv.job_order_id);
    if (!job) throw new AppError('job_order_not_found');
    const who = ContactDisclosure.parse(inv.disclosure);
    const terms: ContractTerms = {
      contractId: id,
      version: 1,
      supersedes: null,
      invitationId,
      jobOrderId: job.jobOrderId,
      originCountry: ORIGIN_COUNTRY,
      destinationCountry: employer.country,
      employer: { employerId: employer.id, nameAr: employer.name_ar, nameEn: employer.name_en, establishmentNumber: employer.establishment_number, city: employer.city },
      worker: { profileId: inv.profile_id, nameAr: who.nameAr, nameLatin: who.nameLatin, passportNumber: who.passportNumber ?? null, birthDate: who.birthDate ?? null },
      isco: job.isco,
      titleAr: job.titleAr,
      titleEn: job.titleEn,
      workplaceCity: job.city,
      startDate: addDays(now, 45),
      durationMonths: job.contractMonths,
      probationDays: Math.min(job.probationDays, template.probationMaxDays),
      wage: job.wage,
      allowances: job.allowances,
      hoursPerWeek: job.hoursPerWeek,
      restDaysPerWeek: job.restDaysPerWeek,
      annualLeaveDays: template.annualLeaveMinDays,
      annualTicket: job.benefits.annualTicket,
      endOfService: job.benefits.endOfService,
      medicalInsurance: job.benefits.medicalInsurance,
      recruitmentCostsBorneByEmployer: true,
      workerCosts: [],
      agency: null,
      agencyFee: null,
      governingLaw: template.governingLaw,
      clauses: template.clauses,
      destinationReference: null,
    };
    await repo.insertContract(trx, { id, version: 1, employer_id: employer.id, invitation_id: invitationId, status: 'draft', terms: JSON.stringify(terms), history: JSON.stringify([event('draft', now, null)]), created_at: now, updated_at: now });
    await appendAudit(trx, { kind: 'employer', id: employer.id }, { action: 'contract.drafted', subjectType: 'contract', subjectId: id, details: { version: 1, invitationId } }, now);
  });
  return getEmployerContract(deps, caller, id, 1);
}

function event(status: ContractStatus, at: Date, note: string | null) {
  return { status, at: at.toISOString(), note };
}

/** Applies the employer's edits to the template-derived terms (parties, ids, law and template clauses stay). */
export function applyDraftInput(base: ContractTerms, input: ContractDraftInput): ContractTerms {
  const template = templateFor(base.destinationCountry);
  const templateClauses = template ? template.clauses : [];
  return {
    ...base,
    workplaceCity: input.workplaceCity,
    startDate: input.startDate,
    durationMonths: input.durationMonths,
    probationDays: input.probationDays,
    wage: input.wage,
    allowances: input.allowances,
    hoursPerWeek: input.hoursPerWeek,
    restDaysPerWeek: input.restDaysPerWeek,
    annualLeaveDays: input.annualLeaveDays,
    annualTicket: input.annualTicket,
    endOfService: input.endOfService,
    medicalInsurance: input.medicalInsurance,
    recruitmentCostsBorneByEmployer: input.recruitmentCostsBorneByEmployer,
    workerCosts: input.workerCosts,
    agency: input.agency,
    agencyFee: input.agencyFee,
    worker: { ...base.worker, passportNumber: input.passportNumber },
    clauses: [...templateClauses, ...input.extraClauses.filter((c) => c.ar || c.en)],
    destinationReference: input.destinationReference,
  };
}

/** Replaces the editable terms of a draft. 404 `contract_not_found`, 409 `contract_not_editable`. Returns the draft with live checks. */
export async function updateDraft(deps: ContractDestinationDeps, caller: EmployerPrincipal, id: string, version: number, input: ContractDraftInput): Promise<EmployerContract> {
  await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const r = await ownVersion(trx, caller.employerId, id, version, true);
    if (r.status !== 'draft') throw new AppError('contract_not_editable');
    const terms = applyDraftInput(TermsSchema.parse(r.terms), DraftSchema.parse(input));
    await repo.updateContract(trx, id, version, { terms: JSON.stringify(terms), updated_at: now });
  });
  return getEmployerContract(deps, caller, id, version);
}

/**
 * Submits a draft: every check must pass (else 422 `contract_checks_failed`, nothing changes); this node
 * then freezes the payload (terms + a fresh salt), signs its RFC 8785 canonical bytes (JWS EdDSA, typ
 * rabt-contract+jws) and queues `contract.submitted` to the Egyptian node, all in one transaction.
 */
export async function submitDraft(deps: ContractDestinationDeps, caller: EmployerPrincipal, id: string, version: number): Promise<EmployerContract> {
  await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const r = await ownVersion(trx, caller.employerId, id, version, true);
    if (r.status !== 'draft') throw new AppError('contract_not_editable');
    const terms = TermsSchema.parse(r.terms);
    const checks = await checksFor(trx, terms, now);
    const failed = checks.filter((c) => !c.ok);
    if (failed.length) throw new AppError('contract_checks_failed', { detail: failed.map((c) => c.message.en).join(' ') });
    const payload: ContractPayload = { type: 'rabt.employment-contract', specVersion: 1, salt: newSalt(), terms };
    const bytes = canonicalBytes(payload);
    const signature = deps.signer.sign(bytes, CONTRACT_JWS_TYP);
    const seq = await repo.nextOutSeq(trx, 'contracts', id);
    await repo.updateContract(trx, id, version, {
      status: 'submitted',
      payload: JSON.stringify(payload),
      digest: digestOf(bytes),
      partner_signature: JSON.stringify(signature),
      checks: JSON.stringify(checks),
      history: JSON.stringify([...(r.history), event('submitted', now, null)]),
      updated_at: now,
    });
    await deps.federation.enqueue(trx, { to: ORIGIN_COUNTRY, type: 'contract.submitted', body: { payload, signature, submittedAt: now.toISOString() }, entity: { type: 'contract', id, version: seq } });
    await appendAudit(trx, { kind: 'employer', id: caller.employerId }, { action: 'contract.submitted', subjectType: 'contract', subjectId: id, details: { version, digest: digestOf(bytes) } }, now);
  });
  return getEmployerContract(deps, caller, id, version);
}

/**
 * Starts a new version of a contract: after the worker asked for an amendment, after the checks or the
 * ministry refused it, or to amend a concluded contract (the new version supersedes it by digest and
 * needs the worker's acceptance again). 409 `contract_not_amendable`.
 */
export async function amend(deps: ContractDestinationDeps, caller: EmployerPrincipal, id: string): Promise<EmployerContract> {
  await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  let next = 0;
  await deps.db.transaction().execute(async (trx) => {
    const versions = await repo.versionsOf(trx, id, true);
    const latest = versions[0];
    if (!latest || latest.employer_id !== caller.employerId) throw new AppError('contract_not_found');
    if (!['amendment_requested', 'checks_failed', 'rejected', 'concluded'].includes(latest.status)) throw new AppError('contract_not_amendable');
    const concluded = versions.find((v) => v.status === 'concluded');
    next = latest.version + 1;
    const base = TermsSchema.parse(latest.terms);
    const terms: ContractTerms = { ...base, version: next, supersedes: concluded?.digest ? { version: concluded.version, digest: concluded.digest } : null };
    await repo.insertContract(trx, { id, version: next, employer_id: latest.employer_id, invitation_id: latest.invitation_id, status: 'draft', terms: JSON.stringify(terms), history: JSON.stringify([event('draft', now, null)]), created_at: now, updated_at: now });
    await appendAudit(trx, { kind: 'employer', id: caller.employerId }, { action: 'contract.amendment_drafted', subjectType: 'contract', subjectId: id, details: { version: next } }, now);
  });
  return getEmployerContract(deps, caller, id, next);
}

/**
 * Withdraws a submitted version (before conclusion) or cancels a concluded one, with a reason; the
 * Egyptian node is told (`contract.cancelled`) and, for a concluded contract, /verify shows it cancelled.
 * 409 `contract_not_cancellable`.
 */
export async function cancel(deps: ContractDestinationDeps, caller: EmployerPrincipal, id: string, version: number, reason: string): Promise<EmployerContract> {
  await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const r = await ownVersion(trx, caller.employerId, id, version, true);
    const to: ContractStatus | null = r.status === 'concluded' ? 'cancelled' : ['submitted', 'received', 'awaiting_attestation', 'offered', 'amendment_requested'].includes(r.status) ? 'withdrawn' : null;
    if (!to) throw new AppError('contract_not_cancellable');
    await repo.updateContract(trx, id, version, { status: to, status_reason: reason, history: JSON.stringify([...(r.history), event(to, now, reason)]), updated_at: now });
    const seq = await repo.nextOutSeq(trx, 'contracts', id);
    await deps.federation.enqueue(trx, { to: ORIGIN_COUNTRY, type: 'contract.cancelled', body: { contractId: id, version, reason, at: now.toISOString() }, entity: { type: 'contract', id, version: seq } });
    await appendAudit(trx, { kind: 'employer', id: caller.employerId }, { action: `contract.${to}`, subjectType: 'contract', subjectId: id, details: { version, reason } }, now);
  });
  return getEmployerContract(deps, caller, id, version);
}

/**
 * Records the contract as registered with this country's own authority on the worker's arrival (Qiwa,
 * MOHRE …) and reports it to the Egyptian node, which compares it term by term with the concluded one
 * (substitution check). Only for a concluded version. Returns the differences this node already sees.
 */
export async function registerAtDestination(
  deps: ContractDestinationDeps,
  caller: EmployerPrincipal,
  id: string,
  version: number,
  input: { terms: ContractDraftInput; destinationReference: string },
): Promise<{ contract: EmployerContract; diff: Array<{ path: string; before: unknown; after: unknown }> }> {
  await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  let diff: Array<{ path: string; before: unknown; after: unknown }> = [];
  await deps.db.transaction().execute(async (trx) => {
    const r = await ownVersion(trx, caller.employerId, id, version, true);
    if (r.status !== 'concluded') throw new AppError('contract_not_concluded');
    const concluded = TermsSchema.parse(r.terms);
    const registered = { ...applyDraftInput(concluded, DraftSchema.parse(input.terms)), destinationReference: input.destinationReference };
    diff = diffTerms(concluded, registered);
    await trx.insertInto('destination_registrations').values({ id: randomUUID(), contract_id: id, version, employer_id: caller.employerId, terms: JSON.stringify(registered), destination_reference: input.destinationReference, registered_at: now }).execute();
    const seq = await repo.nextOutSeq(trx, 'contracts', id);
    await deps.federation.enqueue(trx, { to: ORIGIN_COUNTRY, type: 'contract.registered', body: { contractId: id, version, terms: registered, destinationReference: input.destinationReference, registeredAt: now.toISOString() }, entity: { type: 'contract', id, version: seq } });
    await appendAudit(trx, { kind: 'employer', id: caller.employerId }, { action: 'contract.registered_at_destination', subjectType: 'contract', subjectId: id, details: { version, destinationReference: input.destinationReference, differences: diff.map((d) => d.path) } }, now);
  });
  return { contract: await getEmployerContract(deps, caller, id, version), diff };
}

const STATUS_TEXT: Partial<Record<ContractStatus, { ar: string; en: string }>> = {
  checks_failed: { ar: 'لم يجتز العقد فحوص الوزارة المصرية', en: 'The contract failed the Egyptian ministry\'s checks' },
  awaiting_attestation: { ar: 'اجتاز العقد الفحوص وينتظر التوثيق', en: 'The contract passed the checks and awaits attestation' },
  offered: { ar: 'وثّقت الوزارة المصرية العقد وعُرض على العامل', en: 'The Egyptian ministry attested the contract; it is offered to the worker' },
  rejected: { ar: 'رفض العامل العقد', en: 'The worker rejected the contract' },
  amendment_requested: { ar: 'طلب العامل تعديل العقد', en: 'The worker asked for an amendment' },
  concluded: { ar: 'أُبرم العقد ووُقّع من الوزارتين', en: 'The contract is concluded and signed by both ministries' },
  cancelled: { ar: 'ألغت الوزارة المصرية العقد', en: 'The Egyptian ministry cancelled the contract' },
};

/**
 * `contract.status` from the Egyptian node. On `concluded` its signature is checked against the pinned
 * key (a bad one refuses the message) before it is stored with the code; the version it supersedes,
 * if any, becomes `superseded`. A status for a version in a final state changes nothing.
 */
export async function onContractStatus(deps: Pick<ContractDestinationDeps, 'signer'>, trx: Transaction<DB>, message: IncomingMessage<'contract.status'>, now: Date): Promise<void> {
  if (message.from !== ORIGIN_COUNTRY) throw new Error(`contract.status is accepted from ${ORIGIN_COUNTRY} only`);
  const b = message.body;
  const r = await repo.findContract(trx, b.contractId, b.version, true);
  if (!r || !r.payload) throw new Error('unknown contract version');
  if (['concluded', 'cancelled', 'superseded', 'withdrawn', 'rejected'].includes(r.status) && !(r.status === 'concluded' && (b.status === 'cancelled' || b.status === 'superseded'))) return;
  const patch: Parameters<typeof repo.updateContract>[3] = {
    status: b.status,
    checks: JSON.stringify(b.checks.length ? b.checks : r.checks),
    status_reason: b.reason,
    history: JSON.stringify([...(r.history), { status: b.status, at: b.at, note: b.reason }]),
    updated_at: now,
  };
  if (b.status === 'concluded') {
    if (!b.concluded) throw new Error('concluded without signature');
    const check = await deps.signer.verify(ORIGIN_COUNTRY, b.concluded.signature, canonicalBytes(r.payload as unknown as ContractPayload));
    if (!check.ok) throw new Error(`origin signature refused: ${check.reason}`);
    Object.assign(patch, { origin_signature: JSON.stringify(b.concluded.signature), verification_code: b.concluded.code, verify_url: b.concluded.verifyUrl, register_index: b.concluded.registerIndex });
    const terms = TermsSchema.parse(r.terms);
    if (terms.supersedes) {
      const prev = await repo.findContract(trx, r.id, terms.supersedes.version, true);
      if (prev && prev.status === 'concluded') await repo.updateContract(trx, r.id, prev.version, { status: 'superseded', history: JSON.stringify([...(prev.history), { status: 'superseded', at: b.at, note: `v${r.version}` }]), updated_at: now });
    }
  }
  await repo.updateContract(trx, r.id, r.version, patch);
  const text = STATUS_TEXT[b.status];
  if (text) {
    const title = (r.terms as { titleAr?: string; titleEn?: string });
    const why = b.reason ? { ar: ` السبب: ${b.reason}`, en: ` Reason: ${b.reason}` } : { ar: '', en: '' };
    await employersRepo.notifyEmployer(trx, r.employer_id, `contract.${b.status}`, { ar: `${text.ar}: «${title.titleAr ?? ''}» (الإصدار ${r.version}).${why.ar}`, en: `${text.en}: "${title.titleEn || title.titleAr || ''}" (version ${r.version}).${why.en}` }, now);
  }
  await appendAudit(trx, { kind: 'system' }, { action: `contract.status.${b.status}`, subjectType: 'contract', subjectId: r.id, details: { version: r.version, messageId: message.id } }, now);
}

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  JobOrderTerms,
  AttestationItem,
  EmployerSummary,
  JobOrderDetail,
  JobOrderListing,
  JobOrderPage,
  LanguageSkill,
  Recommendation,
  WorkerInvitation,
} from '@rabt/contracts';
import { AppError, invalidField } from '../../http/errors.ts';
import { appendAudit, type Actor } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { IncomingMessage } from '../federation/federation.port.ts';
import { cityNameAr } from '../reference/cities.ts';
import { scoreOrder } from './workers.matching.ts';
import * as repo from './workers.repository.ts';
import { buildContactDisclosure, fieldProfileFor } from './workers.sharing.ts';
import { workerSource, type WorkerDeps } from './workers.service.ts';

type JobOrderRow = NonNullable<Awaited<ReturnType<typeof repo.findJobOrder>>>;

// ---------------------------------------------------------------- incoming messages

/**
 * `job_order.submitted` from a partner ministry: stored for attestation (status pending_attestation).
 * A newer version replaces the terms and re-opens attestation (an approved order whose terms change
 * must be attested again, so a listed job never differs from what was attested); an older or equal
 * version changes nothing. The sender must be the order's country. A rejected order is closed.
 */
export async function onJobOrderSubmitted(trx: Transaction<DB>, message: IncomingMessage<'job_order.submitted'>, now: Date): Promise<void> {
  const terms = message.body;
  if (terms.country !== message.from) throw new Error(`job order country ${terms.country} is not the sender ${message.from}`);
  const version = message.entity?.version ?? 1;
  const existing = await repo.findJobOrder(trx, terms.jobOrderId, true);
  if (existing && existing.country !== message.from) throw new Error('job order belongs to another country');
  if (existing && version <= existing.version) return;
  if (existing?.status === 'rejected') throw new Error('job order was rejected; submit a new one');
  if (existing) await repo.replaceJobOrderTerms(trx, terms, version, now);
  else await repo.insertJobOrder(trx, terms, version, now);
  await appendAudit(trx, { kind: 'system' }, { action: 'job_order.received', subjectType: 'job_order', subjectId: terms.jobOrderId, details: { from: message.from, version, messageId: message.id } }, now);
}

/** `profile.viewed`: an employer of the sender's country opened the worker's profile (disclosure log). */
export async function onProfileViewed(trx: Transaction<DB>, message: IncomingMessage<'profile.viewed'>): Promise<void> {
  const link = await repo.findLinkByProfileId(trx, message.body.profileId, message.from);
  if (!link) throw new Error('unknown profile');
  await repo.insertDisclosure(trx, {
    id: randomUUID(),
    citizenId: link.citizen_id,
    country: message.from,
    kind: 'profile_viewed',
    fields: [],
    employer: message.body.employer,
    messageId: message.id,
    at: new Date(message.body.viewedAt),
  });
}

/**
 * `invitation.sent`: stored for the worker (idempotent by invitation id) and announced by SMS in Arabic
 * and English. Refused for an unknown pseudonym or a worker who has withdrawn consent for that country.
 * Returns the SMS to send after the transaction (the notifier has its own connection).
 */
export async function onInvitationSent(trx: Transaction<DB>, message: IncomingMessage<'invitation.sent'>, now: Date): Promise<{ mobile: string; employer: EmployerSummary } | null> {
  const b = message.body;
  const link = await repo.findLinkByProfileId(trx, b.profileId, message.from);
  if (!link) throw new Error('unknown profile');
  if (!(await repo.findActiveConsent(trx, link.citizen_id, message.from))) throw new Error('consent withdrawn');
  let applicationId = b.applicationId;
  if (applicationId) {
    const app = await repo.findApplication(trx, applicationId);
    if (!app || app.citizen_id !== link.citizen_id) applicationId = null;
  }
  const inserted = await repo.insertInvitation(trx, {
    id: b.invitationId,
    citizenId: link.citizen_id,
    country: message.from,
    profileId: b.profileId,
    jobOrderId: b.jobOrderId,
    applicationId,
    employer: b.employer,
    messageAr: b.messageAr,
    sentAt: b.sentAt,
    now,
  });
  if (!inserted) return null;
  const citizen = await repo.findCitizen(trx, link.citizen_id);
  return { mobile: citizen.mobile, employer: b.employer };
}

export function invitationSms(employer: EmployerSummary, country: string) {
  return {
    bodyAr: `ربط: وصلتك دعوة عمل من ${employer.nameAr} (${country}) عبر وزارة العمل. راجع الدعوات في حسابك لقبولها أو رفضها.`,
    bodyEn: `Rabt: ${employer.nameEn} (${country}) invited you to a job through the Ministry of Labour. Open Invitations in your account to accept or decline.`,
  };
}

// ---------------------------------------------------------------- attestation

function toAttestationItem(r: JobOrderRow): AttestationItem {
  return {
    id: r.id,
    country: r.country,
    version: r.version,
    status: r.status,
    terms: r.terms as unknown as JobOrderTerms,
    cityAr: cityNameAr(r.country, r.city),
    receivedAt: new Date(r.received_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decidedBy: r.decided_by,
    decisionReason: r.decision_reason,
  };
}

/** The attestation queue for one status (oldest first, at most 500). */
export async function attestationQueue(deps: Pick<WorkerDeps, 'db'>, status: AttestationItem['status']): Promise<AttestationItem[]> {
  return (await repo.listJobOrdersByStatus(deps.db, status, 500)).map(toAttestationItem);
}

export async function attestationItem(deps: Pick<WorkerDeps, 'db'>, id: string): Promise<AttestationItem> {
  const row = await repo.findJobOrder(deps.db, id);
  if (!row) throw new AppError('job_order_not_found');
  return toAttestationItem(row);
}

/**
 * Decides a pending job order once (row lock): approve, reject or ask for changes. A reason is required
 * unless approving. Approval is refused unless recruitment costs are borne by the employer (Law 14/2025
 * Art. 43). Queues `job_order.decision` to the submitting ministry and audits, in one transaction.
 * Errors: `job_order_not_found` (404), `job_order_already_decided` (409), `job_order_employer_must_pay` (422).
 */
export async function decide(
  deps: WorkerDeps,
  actor: { staff: StaffPrincipal } | { system: 'demo' },
  id: string,
  input: { decision: 'approved' | 'rejected' | 'changes_requested'; reason?: string | undefined },
): Promise<AttestationItem> {
  if (input.decision !== 'approved' && !input.reason) invalidField('/reason', 'required');
  const now = deps.clock();
  await deps.db.transaction().execute((trx) => decideInTransaction(trx, deps, actor, id, input, now));
  return attestationItem(deps, id);
}

/** The decision itself, in the caller's transaction (also used by the demo auto-attestation inside the inbox transaction). */
export async function decideInTransaction(
  trx: Transaction<DB>,
  deps: Pick<WorkerDeps, 'federation'>,
  actor: { staff: StaffPrincipal } | { system: 'demo' },
  id: string,
  input: { decision: 'approved' | 'rejected' | 'changes_requested'; reason?: string | undefined },
  now: Date,
): Promise<void> {
  const auditActor: Actor = 'staff' in actor ? { kind: 'staff', id: actor.staff.staffId } : { kind: 'system' };
  const row = await repo.findJobOrder(trx, id, true);
  if (!row) throw new AppError('job_order_not_found');
  if (row.status !== 'pending_attestation') throw new AppError('job_order_already_decided');
  const terms = row.terms as { recruitmentCostsBorneByEmployer?: unknown };
  if (input.decision === 'approved' && !(row.employer_pays && terms.recruitmentCostsBorneByEmployer === true)) throw new AppError('job_order_employer_must_pay');
  const reason = input.reason ?? null;
  await repo.decideJobOrder(trx, id, { status: input.decision, decidedBy: 'staff' in actor ? actor.staff.staffId : 'system:demo', reason, now });
  await deps.federation.enqueue(trx, {
    to: row.country,
    type: 'job_order.decision',
    body: { jobOrderId: id, decision: input.decision, reason, decidedAt: now.toISOString() },
    entity: { type: 'job_order', id, version: row.version },
  });
  await appendAudit(
    trx,
    auditActor,
    { action: 'job_order.decided', subjectType: 'job_order', subjectId: id, details: { decision: input.decision, reason, country: row.country, version: row.version, ...('system' in actor ? { demoAutoAttestation: true } : {}) } },
    now,
  );
}

// ---------------------------------------------------------------- public listing

interface Lookups {
  countries: Map<string, { name_ar: string; name_en: string }>;
  minorUnits: Map<string, number>;
  titles: Map<string, { title_ar: string; title_en: string }>;
}

async function lookups(deps: Pick<WorkerDeps, 'db'>, iscos: string[]): Promise<Lookups> {
  const [countries, titles] = await Promise.all([repo.allCountries(deps.db), repo.occupationTitles(deps.db, [...new Set(iscos)])]);
  return {
    countries: new Map(countries.map((c) => [c.iso2, c])),
    minorUnits: new Map(countries.map((c) => [c.currency, c.currency_minor_units])),
    titles: new Map(titles.map((t) => [t.code, t])),
  };
}

function toListing(r: JobOrderRow, l: Lookups): JobOrderListing {
  const t = r.terms as unknown as JobOrderTerms;
  const country = l.countries.get(r.country);
  const occ = l.titles.get(r.isco);
  return {
    id: r.id,
    country: r.country,
    countryNameAr: country?.name_ar ?? r.country,
    countryNameEn: country?.name_en ?? r.country,
    isco: r.isco,
    occupationTitleAr: occ?.title_ar ?? '',
    occupationTitleEn: occ?.title_en ?? '',
    titleAr: r.title_ar,
    titleEn: r.title_en,
    city: r.city,
    cityAr: cityNameAr(r.country, r.city),
    positions: t.positions,
    wage: t.wage,
    wageMinorUnits: 10 ** (l.minorUnits.get(t.wage.currency) ?? 2),
    contractMonths: t.contractMonths,
    hoursPerWeek: t.hoursPerWeek,
    employer: { nameAr: t.employer.nameAr, nameEn: t.employer.nameEn, sector: t.employer.sector, city: t.employer.city, verified: t.employer.verified, verifiedAt: t.employer.verifiedAt },
    postedOn: t.postedOn,
    attestedAt: new Date(r.decided_at ?? r.updated_at).toISOString(),
  };
}

/** Attested job orders with filters (country, ISCO prefix, title text, city), newest attestation first, paginated. */
export async function listJobOrders(
  deps: Pick<WorkerDeps, 'db'>,
  q: { country?: string | undefined; isco?: string | undefined; q?: string | undefined; city?: string | undefined; page: number; pageSize: number },
): Promise<JobOrderPage> {
  const { rows, total } = await repo.listApproved(deps.db, { country: q.country, iscoPrefix: q.isco, q: q.q, city: q.city }, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
  const l = await lookups(deps, rows.map((r) => r.isco));
  return { items: rows.map((r) => toListing(r, l)), total, page: q.page, pageSize: q.pageSize };
}

/** One attested job order with its full terms and a schema.org JobPosting. 404 `job_order_not_found` unless approved. */
export async function getJobOrder(deps: Pick<WorkerDeps, 'db' | 'config'>, id: string): Promise<JobOrderDetail> {
  const row = await repo.findJobOrder(deps.db, id);
  if (!row || row.status !== 'approved') throw new AppError('job_order_not_found');
  const l = await lookups(deps, [row.isco]);
  const listing = toListing(row, l);
  const terms = row.terms as unknown as JobOrderTerms;
  return { ...listing, terms, jsonLd: jobPostingJsonLd(listing, terms, deps.config.publicUrl ?? `http://${deps.config.host}:${deps.config.port}`) };
}

/** schema.org JobPosting (https://schema.org/JobPosting) of an attested job order. */
export function jobPostingJsonLd(l: JobOrderListing, t: JobOrderTerms, baseUrl: string): Record<string, unknown> {
  const months = t.contractMonths;
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: l.titleEn || l.titleAr,
    name: l.titleAr,
    description: [`${l.titleAr} — ${l.cityAr ?? l.city}, ${l.countryNameAr}.`, t.requirements.notesAr, `Attested by the Egyptian Ministry of Labour; recruitment costs are borne by the employer.`].filter(Boolean).join('\n'),
    identifier: { '@type': 'PropertyValue', name: 'Rabt job order', value: l.id },
    datePosted: t.postedOn,
    employmentType: 'FULL_TIME',
    occupationalCategory: `ISCO-08 ${l.isco} ${l.occupationTitleEn}`.trim(),
    totalJobOpenings: t.positions,
    hiringOrganization: { '@type': 'Organization', name: t.employer.nameEn || t.employer.nameAr, alternateName: t.employer.nameAr },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: l.city, addressCountry: l.country } },
    baseSalary: { '@type': 'MonetaryAmount', currency: t.wage.currency, value: { '@type': 'QuantitativeValue', value: t.wage.amountMinor / l.wageMinorUnits, unitText: 'MONTH' } },
    workHours: `${t.hoursPerWeek} hours per week`,
    experienceRequirements: { '@type': 'OccupationalExperienceRequirements', monthsOfExperience: t.requirements.minYears * 12 },
    jobBenefits: [t.benefits.annualTicket ? 'annual ticket' : null, t.benefits.endOfService ? 'end-of-service benefit' : null, t.benefits.medicalInsurance ? 'medical insurance' : null, `contract ${months} months`].filter(Boolean).join(', '),
    directApply: true,
    url: `${baseUrl.replace(/\/$/, '')}/jobs/${l.id}`,
  };
}

// ---------------------------------------------------------------- recommendations

/** Attested job orders ranked for the worker (see workers.matching.ts), best 30, each with reasons. */
export async function recommendations(deps: Pick<WorkerDeps, 'db'>, citizenId: string): Promise<Recommendation[]> {
  const [occupations, row, preferred] = await Promise.all([repo.listOccupations(deps.db, citizenId), repo.findProfile(deps.db, citizenId), repo.listPreferredCountries(deps.db, citizenId)]);
  if (occupations.length === 0) return [];
  const prefixes = [...new Set(occupations.map((o) => o.isco.slice(0, 2)))];
  const { rows } = await repo.listApproved(deps.db, { iscoPrefixes: prefixes }, { offset: 0, limit: 500 });
  const worker = { occupations, languages: (row?.languages ?? []) as LanguageSkill[], preferredCountries: preferred };
  const scored = rows
    .map((r) => ({ r, m: scoreOrder(worker, r.terms as unknown as JobOrderTerms) }))
    .filter((x): x is { r: JobOrderRow; m: NonNullable<typeof x.m> } => x.m !== null)
    .sort((a, b) => b.m.score - a.m.score || String(b.r.decided_at).localeCompare(String(a.r.decided_at)))
    .slice(0, 30);
  const l = await lookups(deps, scored.map((x) => x.r.isco));
  return scored.map(({ r, m }) => ({ jobOrder: toListing(r, l), score: m.score, reasons: m.reasons }));
}

// ---------------------------------------------------------------- invitations

export async function listInvitations(deps: Pick<WorkerDeps, 'db'>, citizenId: string): Promise<WorkerInvitation[]> {
  const rows = await repo.listInvitations(deps.db, citizenId);
  const orders = (await repo.jobOrdersByIds(deps.db, [...new Set(rows.map((r) => r.job_order_id))])).filter((o) => o.status === 'approved');
  const l = await lookups(deps, orders.map((o) => o.isco));
  const byId = new Map(orders.map((o) => [o.id, toListing(o, l)]));
  return rows.map((r) => ({
    id: r.id,
    country: r.country,
    jobOrderId: r.job_order_id,
    jobOrder: byId.get(r.job_order_id) ?? null,
    employer: r.employer as unknown as EmployerSummary,
    messageAr: r.message_ar,
    sentAt: new Date(r.sent_at).toISOString(),
    status: r.status,
    respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
    contactFields: fieldProfileFor(r.country).contact,
  }));
}

/**
 * Answers an invitation once. On acceptance (active consent to that country required), the contact
 * fields that country's field profile allows are disclosed to that one employer in
 * `invitation.responded`, and the disclosure is logged for the worker. Audited.
 * Errors: `invitation_not_found` (404), `invitation_already_answered` (409), `consent_required` (409).
 */
export async function respondToInvitation(deps: WorkerDeps, citizenId: string, id: string, response: 'accepted' | 'declined'): Promise<WorkerInvitation> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const inv = await repo.findInvitation(trx, citizenId, id, true);
    if (!inv) throw new AppError('invitation_not_found');
    if (inv.status !== 'pending') throw new AppError('invitation_already_answered');
    let disclosure = null;
    if (response === 'accepted') {
      if (!(await repo.findActiveConsent(trx, citizenId, inv.country))) throw new AppError('consent_required');
      disclosure = buildContactDisclosure(await workerSource(trx, citizenId), inv.country);
    }
    await repo.answerInvitation(trx, id, response, now);
    const messageId = await deps.federation.enqueue(trx, { to: inv.country, type: 'invitation.responded', body: { invitationId: id, response, disclosure, respondedAt: now.toISOString() } });
    if (disclosure) {
      await repo.insertDisclosure(trx, { id: randomUUID(), citizenId, country: inv.country, kind: 'contact_disclosed', fields: Object.keys(disclosure), employer: inv.employer as unknown as EmployerSummary, messageId, at: now });
    }
    await appendAudit(
      trx,
      { kind: 'citizen', id: citizenId },
      { action: 'worker.invitation_answered', subjectType: 'worker_invitation', subjectId: id, details: { response, country: inv.country, disclosedFields: disclosure ? Object.keys(disclosure) : [] } },
      now,
    );
  });
  const all = await listInvitations(deps, citizenId);
  return all.find((i) => i.id === id)!;
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { ContactDisclosure, type CreateInvitationRequest, type Invitation, type JobApplication } from '@rabt/contracts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { EmployerPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { IncomingMessage } from '../federation/federation.port.ts';
import { ORIGIN_COUNTRY, type DestinationDeps } from './deps.ts';
import { requireVerifiedEmployer } from './employers.service.ts';
import * as repo from './employers.repository.ts';
import { findSharedProfile } from './candidates.repository.ts';
import { summariesOf } from './candidates.service.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** This employer's invitations (optionally to one profile), newest first, with what was disclosed to this employer only. */
export async function invitationsFor(deps: { db: Db }, employerId: string, filter: { profileId?: string } = {}): Promise<Invitation[]> {
  let q = deps.db
    .selectFrom('invitations as i')
    .innerJoin('job_orders as j', 'j.id', 'i.job_order_id')
    .selectAll('i')
    .select(['j.title_ar', 'j.title_en'])
    .where('i.employer_id', '=', employerId);
  if (filter.profileId) q = q.where('i.profile_id', '=', filter.profileId);
  const rows = await q.orderBy('i.sent_at', 'desc').orderBy('i.id').limit(1000).execute();
  return rows.map((r) => ({
    id: r.id,
    jobOrderId: r.job_order_id,
    jobOrderTitleAr: r.title_ar,
    jobOrderTitleEn: r.title_en,
    profileId: r.profile_id,
    applicationId: r.application_id,
    messageAr: r.message_ar,
    status: r.status,
    sentAt: new Date(r.sent_at).toISOString(),
    respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
    disclosure: r.disclosure ? ContactDisclosure.parse(r.disclosure) : null,
  }));
}

export async function listInvitations(deps: Pick<DestinationDeps, 'db'>, caller: EmployerPrincipal): Promise<Invitation[]> {
  await requireVerifiedEmployer(deps, caller);
  return invitationsFor(deps, caller.employerId);
}

/**
 * Invites a shared candidate to one of the employer's attested job orders (optionally answering the
 * candidate's application to it): queues `invitation.sent` to the Egyptian node, which asks the worker.
 * Errors: `job_order_not_found` (not this employer's), `job_order_not_approved` (409), `candidate_not_found`
 * (404), `application_not_found` (404: not this candidate's application to this order), `invitation_exists` (409).
 */
export async function createInvitation(deps: DestinationDeps, caller: EmployerPrincipal, input: CreateInvitationRequest): Promise<Invitation> {
  const employer = await requireVerifiedEmployer(deps, caller);
  const now = deps.clock();
  const id = randomUUID();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const j = await repo.findJobOrderForUpdate(trx, input.jobOrderId);
      if (!j || j.employer_id !== employer.id) throw new AppError('job_order_not_found');
      if (j.status !== 'approved') throw new AppError('job_order_not_approved');
      const shared = await findSharedProfile(trx, input.profileId);
      if (!shared) throw new AppError('candidate_not_found');
      if (input.applicationId) {
        const a = await trx.selectFrom('job_applications').select(['job_order_id', 'profile_id']).where('id', '=', input.applicationId).executeTakeFirst();
        if (!a || a.job_order_id !== j.id || a.profile_id !== input.profileId) throw new AppError('application_not_found');
      }
      const messageAr = input.messageAr ? input.messageAr : null;
      await trx
        .insertInto('invitations')
        .values({ id, employer_id: employer.id, job_order_id: j.id, profile_id: input.profileId, application_id: input.applicationId ?? null, message_ar: messageAr, sent_at: now })
        .execute();
      await deps.federation.enqueue(trx, {
        to: shared.from,
        type: 'invitation.sent',
        body: { invitationId: id, jobOrderId: j.id, profileId: input.profileId, applicationId: input.applicationId ?? null, employer: repo.toEmployerSummary(employer), messageAr, sentAt: now.toISOString() },
        entity: { type: 'invitation', id, version: 1 },
      });
      await appendAudit(trx, { kind: 'employer', id: employer.id }, { action: 'invitation.sent', subjectType: 'invitation', subjectId: id, details: { jobOrderId: j.id, profileId: input.profileId, applicationId: input.applicationId ?? null } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'invitations_once')) throw new AppError('invitation_exists');
    throw err;
  }
  const [created] = (await invitationsFor(deps, employer.id, { profileId: input.profileId })).filter((i) => i.id === id);
  if (!created) throw new Error('invitation vanished');
  return created;
}

/** Applications to one of the caller's job orders, oldest first, with the candidate (if still shared) and any invitation sent. */
export async function listApplications(deps: Pick<DestinationDeps, 'db'>, caller: EmployerPrincipal, jobOrderId: string): Promise<JobApplication[]> {
  await requireVerifiedEmployer(deps, caller);
  const j = await repo.findJobOrder(deps.db, jobOrderId);
  if (!j || j.employer_id !== caller.employerId) throw new AppError('job_order_not_found');
  const rows = await deps.db
    .selectFrom('job_applications as a')
    .leftJoin('invitations as i', (join) => join.onRef('i.job_order_id', '=', 'a.job_order_id').onRef('i.profile_id', '=', 'a.profile_id'))
    .select(['a.id', 'a.job_order_id', 'a.profile_id', 'a.submitted_at', 'i.id as invitation_id', 'i.status as invitation_status'])
    .where('a.job_order_id', '=', jobOrderId)
    .orderBy('a.submitted_at')
    .orderBy('a.id')
    .limit(2000)
    .execute();
  const summaries = await summariesOf(deps, rows.map((r) => r.profile_id));
  return rows.map((r) => ({
    id: r.id,
    jobOrderId: r.job_order_id,
    profileId: r.profile_id,
    submittedAt: new Date(r.submitted_at).toISOString(),
    candidate: summaries.get(r.profile_id) ?? null,
    invitation: r.invitation_id && r.invitation_status ? { id: r.invitation_id, status: r.invitation_status } : null,
  }));
}

/**
 * `application.submitted`: an Egyptian worker applied to one of this node's attested job orders; the
 * employer sees it on the job order and is notified. A duplicate delivery changes nothing.
 */
export async function onApplicationSubmitted(trx: Transaction<DB>, message: IncomingMessage<'application.submitted'>, now: Date): Promise<void> {
  if (message.from !== ORIGIN_COUNTRY) throw new Error(`application.submitted is accepted from ${ORIGIN_COUNTRY} only`);
  const b = message.body;
  const j = await trx.selectFrom('job_orders').select(['id', 'employer_id', 'status', 'title_ar', 'title_en']).where('id', '=', b.jobOrderId).executeTakeFirst();
  if (!j) throw new Error('unknown job order');
  if (j.status !== 'approved') throw new Error('job order is not attested');
  const r = await trx
    .insertInto('job_applications')
    .values({ id: b.applicationId, job_order_id: j.id, profile_id: b.profileId, submitted_at: b.submittedAt, received_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return;
  await repo.notifyEmployer(trx, j.employer_id, 'application.received', { ar: `تقدّم عامل مصري إلى طلب الاستقدام «${j.title_ar}».`, en: `An Egyptian worker applied to job order "${j.title_en || j.title_ar}".` }, now);
}

/**
 * `invitation.responded`: the worker's answer. On acceptance the contact fields the worker disclosed
 * are stored on this one invitation, so only the inviting employer ever sees them; the disclosure is
 * audited (field names only, no personal data) and the employer notified. Answered once.
 */
export async function onInvitationResponded(trx: Transaction<DB>, message: IncomingMessage<'invitation.responded'>, now: Date): Promise<void> {
  if (message.from !== ORIGIN_COUNTRY) throw new Error(`invitation.responded is accepted from ${ORIGIN_COUNTRY} only`);
  const b = message.body;
  const inv = await trx.selectFrom('invitations').select(['id', 'employer_id', 'status', 'job_order_id']).where('id', '=', b.invitationId).forUpdate().executeTakeFirst();
  if (!inv) throw new Error('unknown invitation');
  if (inv.status !== 'sent') return;
  const accepted = b.response === 'accepted';
  const disclosure = accepted && b.disclosure ? b.disclosure : null;
  await trx
    .updateTable('invitations')
    .set({ status: b.response, responded_at: b.respondedAt, disclosure: disclosure ? JSON.stringify(disclosure) : null })
    .where('id', '=', inv.id)
    .execute();
  const j = await trx.selectFrom('job_orders').select(['title_ar', 'title_en']).where('id', '=', inv.job_order_id).executeTakeFirstOrThrow();
  const text = accepted
    ? { ar: `قبل المرشح دعوتك إلى «${j.title_ar}». بيانات التواصل متاحة في صفحة الدعوات.`, en: `The candidate accepted your invitation to "${j.title_en || j.title_ar}". Their contact details are on the invitations page.` }
    : { ar: `اعتذر المرشح عن دعوتك إلى «${j.title_ar}».`, en: `The candidate declined your invitation to "${j.title_en || j.title_ar}".` };
  await repo.notifyEmployer(trx, inv.employer_id, `invitation.${b.response}`, text, now);
  await appendAudit(
    trx,
    { kind: 'system' },
    { action: accepted ? 'invitation.contact_disclosed' : 'invitation.declined', subjectType: 'invitation', subjectId: inv.id, details: { employerId: inv.employer_id, fields: disclosure ? Object.keys(disclosure).sort() : [], messageId: message.id } },
    now,
  );
}

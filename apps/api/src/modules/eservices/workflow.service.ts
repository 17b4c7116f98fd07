import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type {
  ApplicationEvent,
  CreateServiceApplicationRequest,
  EligibilityResult,
  FieldError,
  OfficeChoice,
  OfficeQueuePage,
  ServiceApplication,
  ServiceApplicationDetail,
  ServiceApplicationStatus,
  ServiceDefinitionView,
  ServiceSummary,
  StaffRole,
} from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { appendAudit, type Actor } from '../../platform/audit/audit.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { issueDocument, type DocumentsDeps } from '../documents/issue.ts';
import { findIssuedByCode } from '../documents/documents.repository.ts';
import { officeInScope, officeScopeOf } from '../offices/office-scope.ts';
import { addMonths, ageOn, applicableAnswers, parseAnswers, summaryOf, viewOf, type Applicant, type RuleContext, type ServiceDefinition, type StepDef } from './definitions.ts';
import { SERVICES } from './definitions/index.ts';
import * as repo from './eservices.repository.ts';
import { notifyApplicant, notifyTestBooked } from './notifications.ts';
import type { Notifier } from '../../platform/notify/notifier.ts';
import { assertRequiredUploads } from '../uploads/uploads.service.ts';
import { assertFeeSettled, recordWaiver } from '../payments/payments.service.ts';
import type { ApplicationRow } from './eservices.repository.ts';
import { cairoDay } from '../../platform/clock.ts';

/**
 * The one application workflow of every e-service (issue 5 §1, §7). States:
 * draft → submitted → in_review ⇄ info_requested → (escalated →) approved → issued; or rejected (reason
 * required) or withdrawn (applicant). Every transition runs in one transaction that takes the
 * application's row lock (`FOR UPDATE`: two clerks cannot act at once; the second gets 409
 * `service_application_state`), writes an application_events row and appends to the audit log.
 * SLA: each step's deadline is `step_due_at` (step start + SLA hours); the clock stops while the
 * applicant is asked for information and resumes with the time that was left.
 */
export type EServicesDeps = Pick<AppDeps, 'db' | 'clock' | 'config'> & { documents: DocumentsDeps; /** SMS (and email) to the applicant on office actions (absent: none sent). */ notifier?: Notifier };

type Trx = Transaction<DB>;
const HOUR = 3_600_000;
/** Today's date in Cairo (the ministry's calendar day). */
const todayOf = cairoDay;
const OPEN: readonly ServiceApplicationStatus[] = repo.OPEN_STATUSES;
/** Staff roles that may read applications in their scope (auditors read, never act). */
const READERS: readonly StaffRole[] = ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'];
const ASSIGNERS: readonly StaffRole[] = ['clerk', 'office_head', 'directorate_manager', 'hq_admin'];
const TRANSFERRERS: readonly StaffRole[] = ['office_head', 'directorate_manager', 'hq_admin'];

/**
 * Services with one undecided application per applicant (index service_applications_one_open): those a citizen
 * applies for for themself. An establishment's representative applies for several workers (work permits,
 * exempt-foreigner notices); there the rule is one per subject (`def.subject`, migration 0027).
 */
function oneOpenPerApplicant(def: ServiceDefinition): boolean {
  return def.applicantKind === 'citizen';
}

/** 409 `service_application_duplicate`, naming the open application (English `detail`, Arabic `reasonsAr`, its id and reference). */
function duplicateOf(def: ServiceDefinition, open: { id: string; reference: string }): AppError {
  const reason = def.subject?.duplicateReason(open.reference) ?? { ar: `يوجد طلب مفتوح: ${open.reference}.`, en: `There is an open application: ${open.reference}.` };
  return new AppError('service_application_duplicate', { detail: reason.en, extensions: { reasonsAr: reason.ar, openApplicationId: open.id, openApplicationReference: open.reference } });
}

/**
 * Refuses (409 `service_application_duplicate`) when another undecided application of the service is about the
 * same subject as `answers`; returns the subject key to store (null: the service has no such rule).
 */
async function assertNoDuplicate(db: Parameters<typeof repo.findOpenBySubject>[0], def: ServiceDefinition, answers: Record<string, unknown>, exceptId?: string): Promise<string | null> {
  const key = def.subject?.key(answers) ?? null;
  if (key === null) return null;
  const open = await repo.findOpenBySubject(db, def.code, key, exceptId);
  if (open) throw duplicateOf(def, open);
  return key;
}

/** A racing insert or update lost on the subject index: the same 409 as the check before it, naming the winner. */
async function rethrowDuplicate(err: unknown, deps: Pick<EServicesDeps, 'db'>, def: ServiceDefinition, key: string | null): Promise<never> {
  if (key !== null && isUniqueViolation(err, 'service_applications_one_open_subject')) {
    const open = await repo.findOpenBySubject(deps.db, def.code, key);
    if (open) throw duplicateOf(def, open);
  }
  throw err;
}

function definition(code: string): ServiceDefinition {
  const def = SERVICES.get(code);
  if (!def) throw new AppError('service_not_found');
  return def;
}

// ---------------------------------------------------------------- catalogue

/** Every service with title, fee text, expected time and the document it issues. */
export function listServices(): ServiceSummary[] {
  return [...SERVICES.values()].map(summaryOf);
}

/** One service's full definition (form, documents, fee, eligibility rules, steps with SLAs). 404 `service_not_found`. */
export function getService(code: string): ServiceDefinitionView {
  return viewOf(definition(code));
}

// ---------------------------------------------------------------- applicant side

async function loadApplicant(deps: Pick<EServicesDeps, 'db'>, citizenId: string, now: Date): Promise<Applicant> {
  const c = await repo.findCitizen(deps.db, citizenId);
  return { kind: 'citizen', citizenId, nameAr: c.name_ar, nameLatin: c.name_latin, birthDate: c.birth_date, age: ageOn(c.birth_date, todayOf(now)), sex: c.sex, governorateCode: c.governorate_code };
}

async function runEligibility(def: ServiceDefinition, ctx: RuleContext) {
  const checks = [];
  for (const rule of def.eligibility) {
    const r = await rule.check(ctx);
    checks.push({ key: rule.key, label: rule.label, ok: r.ok, reason: r.ok ? null : r.reason });
  }
  return checks;
}

/**
 * Eligibility explained before applying: each rule of the definition with its verdict and reason, the fee
 * quote, and (residence routing) the offices of the applicant's governorate with the default one.
 */
export async function checkEligibility(deps: EServicesDeps, citizenId: string, code: string, draft?: { answers: Record<string, unknown>; exemption: string | null }): Promise<EligibilityResult> {
  const def = definition(code);
  const now = deps.clock();
  const applicant = await loadApplicant(deps, citizenId, now);
  const checks = await runEligibility(def, { db: deps.db, applicant, today: todayOf(now), ...(draft ? { answers: draft.answers } : {}) });
  const offices = def.routing === 'residence_office' ? await repo.activeOfficesOfGovernorate(deps.db, applicant.governorateCode) : [];
  // One undecided application per applicant: an open one is said (with its reference) rather than a second offered.
  const open = oneOpenPerApplicant(def) ? await repo.findOpenOfCitizen(deps.db, citizenId, def.code) : undefined;
  if (open) {
    checks.unshift({
      key: 'no_open_application',
      label: { ar: 'ألا يكون لديك طلب مفتوح لهذه الخدمة', en: 'You have no open application for this service' },
      ok: false,
      reason: { ar: `لديك طلب مفتوح لهذه الخدمة بالفعل (${open.reference}): تابعه من صفحته.`, en: `You already have an open application for this service (${open.reference}): follow it on its page.` },
    });
  }
  return {
    serviceCode: def.code,
    eligible: checks.every((c) => c.ok),
    checks,
    fee: await def.fee.compute({ answers: draft?.answers ?? {}, applicant, exemption: draft?.exemption ?? null, db: deps.db, today: todayOf(now) }),
    offices: offices.map((o) => ({ id: o.id, code: o.code, nameAr: o.name_ar, nameEn: o.name_en, directorateCode: o.directorate_code })),
    defaultOfficeId: offices[0]?.id ?? null,
    openApplication: open ? { id: open.id, reference: open.reference } : null,
  };
}

/**
 * Eligibility and fee for the answers typed so far, before anything is saved (issue 5 §6 and §9: the fee
 * computed by rule and the rules explained before submission, e.g. a work permit's prohibited occupation,
 * quota exception or short-assignment fee). Each answer is checked on its own against its field's schema;
 * missing ones are left out (the rules answer for the general case), invalid ones are left out of the rules and
 * the fee and reported as unmet checks keyed `answer_<field>` with the field's message (e.g. the range), answers
 * of fields that do not apply (`visibleWhen`) and unknown keys are ignored. An
 * exemption not offered by the service is ignored. Same shape as the eligibility check. 404 `service_not_found`.
 */
export async function quoteApplication(deps: EServicesDeps, citizenId: string, code: string, input: { answers: Record<string, unknown>; exemption?: string | undefined }): Promise<EligibilityResult> {
  const def = definition(code);
  const answers: Record<string, unknown> = {};
  const invalid: EligibilityResult['checks'] = [];
  // Answers of fields that do not apply (e.g. short-assignment days on a standard permit) are ignored.
  const given = applicableAnswers(def, input.answers) as Record<string, unknown>;
  for (const f of def.form) {
    const v = given[f.key];
    if (v === undefined || v === null || v === '') continue;
    // Checked alone: its `visibleWhen` was settled on all the answers above.
    const { visibleWhen: _applies, ...alone } = f;
    const one = parseAnswers({ form: [alone] }, { [f.key]: v });
    if (one.ok) answers[f.key] = one.value[f.key];
    else invalid.push({ key: `answer_${f.key}`, label: f.label, ok: false, reason: { ar: `${f.label.ar}: ${one.errors[0]!.message.ar}`, en: `${f.label.en}: ${one.errors[0]!.message.en}` } });
  }
  const exemption = input.exemption && def.fee.exemptions.some((e) => e.code === input.exemption) ? input.exemption : null;
  const result = await checkEligibility(deps, citizenId, code, { answers, exemption });
  // An answer the form would refuse (e.g. 20 days for a short assignment of at most 14) is an unmet rule here,
  // with the field's message; the fee shown is then only for the valid answers (the page says so).
  return invalid.length ? { ...result, eligible: false, checks: [...invalid, ...result.checks] } : result;
}

export function notEligible(checks: { ok: boolean; reason: { ar: string; en: string } | null }[]): AppError {
  const reasons = checks.filter((c) => !c.ok).map((c) => c.reason!);
  return new AppError('service_not_eligible', { detail: reasons.map((r) => r.en).join(' '), extensions: { reasonsAr: reasons.map((r) => r.ar).join(' ') } });
}

/**
 * Creates a draft application with the fee computed (shown before submission). Answers are checked
 * against the definition's form schema and rules; documents against its list (required ones must be
 * declared). Nothing is saved unless everything is valid.
 * Errors: 404 `service_not_found`; 400 `validation_failed` (pointers `/answers/<key>`, `/declaredDocuments`,
 * `/officeId`, `/exemption`); 422 `service_not_eligible`; 409 `service_application_open` (one undecided application
 * per applicant and service, citizen services); 409 `service_application_duplicate` (an undecided application
 * about the same subject — a work permit for the same worker at the same establishment, Decree 279/2025 — with
 * `openApplicationId`, `openApplicationReference`, `detail` and `reasonsAr` naming it; enforced by the unique
 * index service_applications_one_open_subject, so two racing requests cannot both win).
 */
export async function createApplication(deps: EServicesDeps, citizenId: string, input: CreateServiceApplicationRequest): Promise<ServiceApplicationDetail> {
  const def = definition(input.serviceCode);
  const now = deps.clock();
  const applicant = await loadApplicant(deps, citizenId, now);
  const ctx: RuleContext = { db: deps.db, applicant, today: todayOf(now) };
  const errors: FieldError[] = [];
  const parsed = parseAnswers(def, input.answers);
  if (!parsed.ok) errors.push(...parsed.errors);
  else if (def.validate) errors.push(...(await def.validate(ctx, parsed.value)));
  const declared = [...new Set(input.declaredDocuments ?? [])];
  const known = new Set(def.documents.map((d) => d.type));
  declared.forEach((d, i) => {
    if (!known.has(d)) errors.push(fieldError(`/declaredDocuments/${i}`, 'invalid_value'));
  });
  for (const d of def.documents) if (d.required && !declared.includes(d.type)) errors.push(fieldError(`/declaredDocuments/${d.type}`, 'required'));
  const exemption = input.exemption ?? null;
  const claimed = exemption === null ? undefined : def.fee.exemptions.find((e) => e.code === exemption);
  if (exemption !== null && !claimed) errors.push(fieldError('/exemption', 'invalid_value'));
  // An exemption is claimed with its proof (e.g. a disability certificate): declared like any document.
  if (claimed?.requiredDocument && !declared.includes(claimed.requiredDocument)) errors.push(fieldError(`/declaredDocuments/${claimed.requiredDocument}`, 'required'));
  let office: { id: string; directorate_code: string } | undefined;
  if (def.routing === 'residence_office') {
    const offices = await repo.activeOfficesOfGovernorate(deps.db, applicant.governorateCode);
    office = input.officeId ? offices.find((o) => o.id === input.officeId) : offices[0];
    if (!office) errors.push(fieldError('/officeId', 'invalid_value'));
  }
  if (parsed.ok) for (const t of def.requiredDocumentsFor?.(parsed.value) ?? []) if (!declared.includes(t)) errors.push(fieldError(`/declaredDocuments/${t}`, 'required'));
  if (errors.length) throw new AppError('validation_failed', { fieldErrors: errors });
  const answers = parsed.ok ? parsed.value : {};
  const subjectKey = await assertNoDuplicate(deps.db, def, answers);
  const checks = await runEligibility(def, { ...ctx, answers });
  if (!checks.every((c) => c.ok)) throw notEligible(checks);
  const fee = await def.fee.compute({ answers, applicant, exemption, db: deps.db, today: ctx.today });
  const id = randomUUID();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const serial = await repo.nextSerial(trx);
      const reference = `${def.referencePrefix}-${now.getUTCFullYear()}-${serial.padStart(6, '0')}`;
      await repo.insertApplication(trx, {
        id,
        reference,
        service_code: def.code,
        applicant_citizen_id: citizenId,
        office_id: office?.id ?? null,
        directorate_code: office?.directorate_code ?? null,
        status: 'draft',
        current_step: null,
        step_due_at: null,
        sla_remaining_seconds: null,
        assigned_staff_id: null,
        answers: JSON.stringify(answers),
        declared_documents: JSON.stringify(declared),
        fee_piastres: fee.amountPiastres,
        fee_exemption: fee.exemption?.code ?? null,
        subject_key: subjectKey,
        created_at: now,
        updated_at: now,
      });
      await def.onCreate?.(trx, { applicationId: id, answers, applicant, now });
      await repo.insertEvent(trx, { application_id: id, at: now, actor_kind: 'citizen', actor_id: citizenId, action: 'created', from_status: null, to_status: 'draft', step: null, note: null });
      await appendAudit(trx, { kind: 'citizen', id: citizenId }, { action: 'service_application.created', subjectType: 'service_application', subjectId: id, officeId: office?.id ?? null, details: { service: def.code, reference } }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'service_applications_one_open')) throw new AppError('service_application_open');
    return rethrowDuplicate(err, deps, def, subjectKey);
  }
  return getMine(deps, citizenId, id);
}

/** The applicant's applications, newest first. */
export async function listMine(deps: EServicesDeps, citizenId: string): Promise<ServiceApplication[]> {
  const rows = await repo.listForCitizen(deps.db, citizenId);
  const now = deps.clock();
  return Promise.all(rows.map((r) => summaryRow(deps, r, now)));
}

/** One of the applicant's applications with timeline, messages, expected dates and the issued document. 404 otherwise. */
export async function getMine(deps: EServicesDeps, citizenId: string, id: string): Promise<ServiceApplicationDetail> {
  const row = await repo.findApplication(deps.db, id);
  if (!row || row.applicant_citizen_id !== citizenId) throw new AppError('service_application_not_found');
  return detail(deps, row, null);
}

/**
 * Submits a draft: eligibility is checked again and the first step's SLA clock starts. A skill-certificate
 * applicant is then sent the booked test's day, time (Cairo) and centre (notifications.ts `notifyTestBooked`).
 */
export async function submit(deps: EServicesDeps, citizenId: string, id: string): Promise<ServiceApplicationDetail> {
  const sent = await citizenAct(deps, citizenId, id, async (app, def, now, trx) => {
    expectStatus(app, ['draft']);
    // Inside the transaction, every read goes through `trx` (PGlite has one connection).
    const applicant = await loadApplicant({ db: trx }, citizenId, now);
    const checks = await runEligibility(def, { db: trx, applicant, today: todayOf(now), answers: app.answers });
    if (!checks.every((c) => c.ok)) throw notEligible(checks);
    // Issue 5 §6: required documents (and a claimed exemption's proof) must be uploaded, not only declared.
    await assertRequiredUploads(trx, app, def);
    await recordWaiver(trx, app, now);
    const step = firstStep(def);
    return { action: 'submitted', to: 'submitted', patch: { current_step: step.key, step_due_at: due(now, step), submitted_at: now } };
  });
  if (sent.serviceCode === 'skill_certificate') notifyTestBooked(deps, { id, applicant_citizen_id: citizenId, reference: sent.reference });
  return sent;
}

/**
 * Answers an information request: the message goes to the office, corrected answers (optional, same
 * schema) replace the old ones, and the step's SLA clock resumes with the time that was left. Corrected
 * answers that make it a duplicate of another undecided application (e.g. another passport number): 409
 * `service_application_duplicate`, nothing changed.
 */
export async function answerInfo(deps: EServicesDeps, citizenId: string, id: string, input: { message: string; answers?: Record<string, unknown> | undefined }): Promise<ServiceApplicationDetail> {
  let subject: { def: ServiceDefinition; key: string | null } | undefined;
  return citizenAct(deps, citizenId, id, async (app, def, now, trx) => {
    expectStatus(app, ['info_requested']);
    let answers = app.answers;
    if (input.answers) {
      const merged = { ...app.answers, ...input.answers };
      const parsed = parseAnswers(def, merged);
      const errors = parsed.ok ? (def.validate ? await def.validate({ db: trx, applicant: await loadApplicant({ db: trx }, citizenId, now), today: todayOf(now) }, parsed.value) : []) : parsed.errors;
      if (errors.length || !parsed.ok) throw new AppError('validation_failed', { fieldErrors: errors });
      answers = parsed.value;
    }
    // Corrected answers may name another subject (e.g. the passport number): the duplicate rule applies again.
    subject = { def, key: await assertNoDuplicate(trx, def, answers, app.id) };
    const step = stepOf(def, app.current_step);
    const remaining = app.sla_remaining_seconds ?? step.slaHours * 3600;
    return {
      action: 'info_answered',
      to: statusForStep(step),
      note: input.message,
      message: input.message,
      patch: { answers: JSON.stringify(answers), subject_key: subject.key, step_due_at: new Date(now.getTime() + remaining * 1000), sla_remaining_seconds: null },
    };
  }).catch(async (err: unknown) => {
    if (subject) return rethrowDuplicate(err, deps, subject.def, subject.key);
    throw err;
  });
}

/** Withdraws an application that is not decided yet (draft or open). */
export function withdraw(deps: EServicesDeps, citizenId: string, id: string, reason: string | undefined): Promise<ServiceApplicationDetail> {
  return citizenAct(deps, citizenId, id, (app) => {
    expectStatus(app, ['draft', ...OPEN]);
    return Promise.resolve({ action: 'withdrawn', to: 'withdrawn', note: reason || null, patch: { current_step: null, step_due_at: null, sla_remaining_seconds: null, decided_at: null } });
  });
}

/** A message from the applicant to the office (any state but draft). */
export function citizenMessage(deps: EServicesDeps, citizenId: string, id: string, body: string): Promise<ServiceApplicationDetail> {
  return citizenAct(deps, citizenId, id, (app) => {
    if (app.status === 'draft') throw new AppError('service_application_state');
    return Promise.resolve({ action: 'message', to: app.status, message: body, patch: {} });
  });
}

// ---------------------------------------------------------------- staff side

/** The parsed queue query (OfficeQueueQuery after defaults). */
export interface QueueQuery {
  status: string;
  service?: string | undefined;
  breached?: 'true' | 'false' | undefined;
  office?: string | undefined;
  page: number;
  pageSize: number;
}

/** The office queue in the caller's scope, oldest due first, paginated; `breached` compares step_due_at with now. */
export async function queue(deps: EServicesDeps, staff: StaffPrincipal, query: QueueQuery): Promise<OfficeQueuePage> {
  const now = deps.clock();
  const { items, total } = await repo.queuePage(deps.db, {
    scope: officeScopeOf(staff),
    status: query.status,
    service: query.service,
    breached: query.breached === undefined ? undefined : query.breached === 'true',
    officeId: query.office,
    now,
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    items: items.map((r) => ({
      ...baseView(r, now, r.office_code ? { id: r.office_id!, code: r.office_code, nameAr: r.office_name_ar!, nameEn: r.office_name_en! } : null, r.assigned_staff_id && r.assignee_name_ar ? { id: r.assigned_staff_id, nameAr: r.assignee_name_ar, nameEn: r.assignee_name_en! } : null),
      applicantName: r.applicant_name_ar ? { nameAr: r.applicant_name_ar, nameLatin: r.applicant_name_latin! } : null,
    })),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}

/** Offices a case may be transferred to: every active labour office (a citizen may move anywhere). */
export async function transferTargets(deps: EServicesDeps): Promise<OfficeChoice[]> {
  const rows = await repo.activeOffices(deps.db);
  return rows.map((o) => ({ id: o.id, code: o.code, nameAr: o.name_ar, nameEn: o.name_en, directorateCode: o.directorate_code }));
}

/** One application for staff: 404 `service_application_not_found`, 403 `out_of_scope` outside the caller's office/directorate. */
export async function getForStaff(deps: EServicesDeps, staff: StaffPrincipal, id: string): Promise<ServiceApplicationDetail> {
  if (!READERS.includes(staff.role)) throw new AppError('forbidden');
  const row = await repo.findApplication(deps.db, id);
  if (!row || row.status === 'draft') throw new AppError('service_application_not_found');
  assertScope(staff, row);
  return detail(deps, row, staff);
}

/**
 * Assigns the case to the caller or to someone who may take its current step: at an office step an active
 * clerk/head of its office; at a directorate step the directorate's staff of the step's roles (its managers).
 * A submitted case moves to in_review. 409 `service_assignee_invalid` otherwise; a clerk assigns only themself.
 */
export function assign(deps: EServicesDeps, staff: StaffPrincipal, id: string, staffId: string | undefined): Promise<ServiceApplicationDetail> {
  return staffAct(deps, staff, id, ASSIGNERS, async (app, def, _now, trx) => {
    expectStatus(app, OPEN);
    const target = staffId ?? staff.staffId;
    const assignees = await assigneesOf(trx, def, app);
    if (!assignees.some((a) => a.id === target)) throw new AppError('service_assignee_invalid');
    if (staff.role === 'clerk' && target !== staff.staffId) throw new AppError('forbidden');
    return { action: 'assigned', to: app.status === 'submitted' ? 'in_review' : app.status, patch: { assigned_staff_id: target } };
  });
}

/** Asks the applicant for information (message required); the step's SLA clock stops until they answer. */
export function requestInfo(deps: EServicesDeps, staff: StaffPrincipal, id: string, message: string): Promise<ServiceApplicationDetail> {
  return staffAct(deps, staff, id, ASSIGNERS, (app, def, now) => {
    expectStatus(app, ['submitted', 'in_review', 'escalated']);
    expectStepRole(staff, stepOf(def, app.current_step));
    const remaining = app.step_due_at ? Math.max(0, Math.round((new Date(app.step_due_at).getTime() - now.getTime()) / 1000)) : 0;
    return Promise.resolve({ action: 'info_requested', to: 'info_requested', note: message, message, patch: { step_due_at: null, sla_remaining_seconds: remaining } });
  });
}

/**
 * Approves the current step. If a further (non-optional) step follows, the case moves there with a new
 * SLA; otherwise it is approved and the document issued in the same transaction (signed, appended to
 * the transparency register, verifiable on /verify): status `issued` with the verification code.
 */
export function approve(deps: EServicesDeps, staff: StaffPrincipal, id: string, note: string | undefined): Promise<ServiceApplicationDetail> {
  return staffAct(deps, staff, id, ASSIGNERS, async (app, def, now, trx) => {
    expectStatus(app, ['submitted', 'in_review', 'escalated']);
    const step = stepOf(def, app.current_step);
    expectStepRole(staff, step);
    // Issue 5 §6: no approval while the fee is neither paid nor waived (409 `fee_not_paid`).
    await assertFeeSettled(trx, app);
    const next = def.steps.slice(def.steps.indexOf(step) + 1).find((s) => !s.optional);
    if (next) return { action: 'step_approved', to: statusForStep(next), note: note || null, patch: { current_step: next.key, step_due_at: due(now, next) } };
    const applicant = await loadApplicant({ db: trx }, app.applicant_citizen_id!, now);
    const prepared = await def.prepareIssue(trx, { applicationId: app.id, reference: app.reference, officeId: app.office_id, answers: app.answers, applicant, now });
    const issued = await issueDocument(
      trx,
      deps.documents,
      {
        kind: def.issues.kind,
        subjectId: app.id,
        holderCitizenId: app.applicant_citizen_id,
        title: def.issues.title,
        fields: prepared.fields,
        validUntil: prepared.validUntil !== undefined ? prepared.validUntil : def.issues.validityMonths === null ? null : addMonths(todayOf(now), def.issues.validityMonths),
        payload: prepared.payload,
      },
      now,
    );
    await prepared.afterIssue?.(trx, issued.code);
    await repo.insertEvent(trx, { application_id: app.id, at: now, actor_kind: 'staff', actor_id: staff.staffId, action: 'approved', from_status: app.status, to_status: 'approved', step: step.key, note: note || null });
    return {
      action: 'issued',
      from: 'approved',
      to: 'issued',
      patch: { current_step: null, step_due_at: null, decided_at: now, document_code: issued.code },
      audit: { document: issued.code },
    };
  });
}

/** Rejects with a reason the applicant reads (required: 400 `validation_failed` at `/reason` without it). */
export function reject(deps: EServicesDeps, staff: StaffPrincipal, id: string, reason: string): Promise<ServiceApplicationDetail> {
  return staffAct(deps, staff, id, ASSIGNERS, (app, def) => {
    expectStatus(app, OPEN);
    expectStepRole(staff, stepOf(def, app.current_step));
    return Promise.resolve({ action: 'rejected', to: 'rejected', note: reason, patch: { current_step: null, step_due_at: null, sla_remaining_seconds: null, decision_reason: reason, decided_at: deps.clock() } });
  });
}

/** Escalates to the definition's directorate step (its own SLA). 409 `service_no_escalation` if it has none. */
export function escalate(deps: EServicesDeps, staff: StaffPrincipal, id: string, note: string): Promise<ServiceApplicationDetail> {
  return staffAct(deps, staff, id, ASSIGNERS, (app, def, now) => {
    expectStatus(app, ['submitted', 'in_review']);
    const step = stepOf(def, app.current_step);
    expectStepRole(staff, step);
    const target = def.steps.find((s) => s.level === 'directorate' && def.steps.indexOf(s) > def.steps.indexOf(step));
    if (!target) throw new AppError('service_no_escalation');
    return Promise.resolve({ action: 'escalated', to: 'escalated', note, patch: { current_step: target.key, step_due_at: due(now, target), assigned_staff_id: null } });
  });
}

/**
 * Transfers an open case to another active labour office (the applicant moved). Office heads, directorate
 * managers and HQ administrators in whose scope the case is. Assignment is cleared; a running SLA clock
 * restarts at the new office. The timeline note names both offices; the applicant is told by SMS (and email)
 * which office now handles the case.
 */
export function transfer(deps: EServicesDeps, staff: StaffPrincipal, id: string, officeId: string, note: string): Promise<ServiceApplicationDetail> {
  return staffAct(deps, staff, id, TRANSFERRERS, async (app, def, now, trx) => {
    expectStatus(app, ['submitted', 'in_review', 'info_requested']);
    const office = await repo.findOffice(trx, officeId);
    if (!office || !office.active || office.id === app.office_id) throw new AppError('service_transfer_invalid');
    const step = stepOf(def, app.current_step);
    const from = app.office_id ? await repo.findOffice(trx, app.office_id) : undefined;
    // The history names both offices (Arabic, then English) before the head's note. The web shows only the UI
    // language's half (`splitTransferNote`, apps/web/src/pages/eservices/common.tsx): keep this shape.
    const route = `${from ? `من ${from.name_ar} ` : ''}إلى ${office.name_ar} (${from ? `from ${from.name_en} ` : ''}to ${office.name_en})`;
    return {
      action: 'transferred',
      to: app.status === 'in_review' ? 'submitted' : app.status,
      note: `${route}: ${note}`,
      patch: { office_id: office.id, directorate_code: office.directorate_code, assigned_staff_id: null, ...(app.step_due_at ? { step_due_at: due(now, step) } : {}) },
      audit: { fromOffice: app.office_id, toOffice: office.id },
    };
  });
}

/** A message from the office to the applicant (open or decided cases). */
export function staffMessage(deps: EServicesDeps, staff: StaffPrincipal, id: string, body: string): Promise<ServiceApplicationDetail> {
  return staffAct(deps, staff, id, ASSIGNERS, (app) => Promise.resolve({ action: 'message', to: app.status, message: body, patch: {} }));
}

/**
 * Records, in the caller's transaction, that the signed document an application issued was revoked
 * (e.g. a work permit cancelled by the office, Decree 279/2025): a `document_revoked` timeline event with
 * the reason, and the audit entry. The application's status stays `issued`; its page reads the document's
 * standing (`document.status`, reason, time) from issued_documents. Call `notifyApplicant(…,
 * 'document_revoked', …)` after commit. Returns the application row (undefined if it does not exist).
 */
export async function recordDocumentRevoked(trx: Trx, staff: StaffPrincipal, applicationId: string, reason: string, now: Date): Promise<ApplicationRow | undefined> {
  const app = await repo.findApplication(trx, applicationId, true);
  if (!app) return undefined;
  await repo.insertEvent(trx, { application_id: app.id, at: now, actor_kind: 'staff', actor_id: staff.staffId, action: 'document_revoked', from_status: app.status, to_status: app.status, step: null, note: reason });
  await repo.updateApplication(trx, app.id, { updated_at: now });
  await appendAudit(trx, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, { action: 'service_application.document_revoked', subjectType: 'service_application', subjectId: app.id, officeId: app.office_id, details: { service: app.service_code, reference: app.reference, document: app.document_code } }, now);
  return app;
}

// ---------------------------------------------------------------- transitions

interface Transition {
  action: string;
  /** Status recorded as the event's origin when not the row's (approved → issued). */
  from?: ServiceApplicationStatus;
  to: ServiceApplicationStatus;
  note?: string | null;
  /** Also posted as a message on the application. */
  message?: string;
  patch: Parameters<typeof repo.updateApplication>[2];
  audit?: Record<string, unknown>;
}
type Step = (app: ApplicationRow, def: ServiceDefinition, now: Date, trx: Trx) => Promise<Transition>;

async function transition(deps: EServicesDeps, actor: Actor & { kind: 'citizen' | 'staff' }, id: string, authorise: (app: ApplicationRow) => void, step: Step): Promise<ApplicationRow> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const app = await repo.findApplication(trx, id, true);
    if (!app) throw new AppError('service_application_not_found');
    authorise(app);
    const def = definition(app.service_code);
    const t = await step(app, def, now, trx);
    const isMessage = t.action === 'message';
    await repo.updateApplication(trx, id, { ...t.patch, status: t.to, updated_at: now });
    if (t.message) await repo.insertMessage(trx, { application_id: id, at: now, author_kind: actor.kind, author_staff_id: actor.kind === 'staff' ? actor.id : null, body: t.message });
    if (!isMessage) {
      await repo.insertEvent(trx, { application_id: id, at: now, actor_kind: actor.kind, actor_id: actor.id, action: t.action, from_status: t.from ?? app.status, to_status: t.to, step: (t.patch.current_step) ?? app.current_step, note: t.note ?? null });
    }
    await appendAudit(trx, actor, { action: `service_application.${t.action}`, subjectType: 'service_application', subjectId: id, officeId: (t.patch.office_id) ?? app.office_id, details: { service: app.service_code, reference: app.reference, from: app.status, to: t.to, ...t.audit } }, now);
    return { ...app, status: t.to };
  });
}

async function citizenAct(deps: EServicesDeps, citizenId: string, id: string, step: Step): Promise<ServiceApplicationDetail> {
  await transition(deps, { kind: 'citizen', id: citizenId }, id, (app) => {
    if (app.applicant_citizen_id !== citizenId) throw new AppError('service_application_not_found');
  }, step);
  return getMine(deps, citizenId, id);
}

async function staffAct(deps: EServicesDeps, staff: StaffPrincipal, id: string, roles: readonly StaffRole[], step: Step): Promise<ServiceApplicationDetail> {
  if (!roles.includes(staff.role)) throw new AppError('forbidden');
  let action = '';
  const row = await transition(deps, { kind: 'staff', id: staff.staffId, officeId: staff.officeId }, id, (app) => {
    if (app.status === 'draft') throw new AppError('service_application_not_found');
    assertScope(staff, app);
  }, async (...args) => {
    const t = await step(...args);
    action = t.action;
    return t;
  });
  // After commit, not awaited (issue 5 §9): SMS, and email when the citizen gave one, on information requests, approvals, rejections, transfers and issuing.
  notifyApplicant(deps, row, action, definition(row.service_code).title);
  // Read back without the scope check: after a transfer the case may have left the caller's scope.
  return detail(deps, (await repo.findApplication(deps.db, id))!, staff);
}

/** Who a case may be assigned to at its current step (see `assign`). */
function assigneesOf(db: Parameters<typeof repo.officeAssignees>[0], def: ServiceDefinition, app: ApplicationRow) {
  const step = stepOf(def, app.current_step);
  if (step.level === 'directorate' && app.directorate_code) return repo.directorateAssignees(db, app.directorate_code, step.roles);
  return app.office_id ? repo.officeAssignees(db, app.office_id) : Promise.resolve([]);
}

function assertScope(staff: StaffPrincipal, app: Pick<ApplicationRow, 'office_id' | 'directorate_code'>): void {
  const scope = officeScopeOf(staff);
  if (scope.kind === 'all') return;
  if (scope.kind === 'directorate' && app.directorate_code === scope.directorateCode) return;
  if (app.office_id && officeInScope(scope, { id: app.office_id, directorateCode: app.directorate_code ?? '' })) return;
  throw new AppError('out_of_scope');
}

function expectStatus(app: ApplicationRow, allowed: readonly ServiceApplicationStatus[]): void {
  if (!allowed.includes(app.status)) throw new AppError('service_application_state');
}

/** HQ administrators act at every step; others only at the steps whose roles include theirs. */
function expectStepRole(staff: StaffPrincipal, step: StepDef): void {
  if (staff.role !== 'hq_admin' && !step.roles.includes(staff.role)) throw new AppError('service_step_role');
}

function firstStep(def: ServiceDefinition): StepDef {
  return def.steps.find((s) => !s.optional)!;
}

function stepOf(def: ServiceDefinition, key: string | null): StepDef {
  return def.steps.find((s) => s.key === key) ?? firstStep(def);
}

function statusForStep(step: StepDef): ServiceApplicationStatus {
  return step.level === 'office' ? 'in_review' : 'escalated';
}

function due(now: Date, step: StepDef): Date {
  return new Date(now.getTime() + step.slaHours * HOUR);
}

// ---------------------------------------------------------------- views

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function baseView(r: ApplicationRow, now: Date, office: ServiceApplication['office'], assignedTo: ServiceApplication['assignedTo']): ServiceApplication {
  const def = SERVICES.get(r.service_code);
  const step = def && r.current_step ? def.steps.find((s) => s.key === r.current_step) : undefined;
  return {
    id: r.id,
    reference: r.reference,
    serviceCode: r.service_code,
    serviceTitle: def?.title ?? { ar: r.service_code, en: r.service_code },
    status: r.status,
    office,
    directorateCode: r.directorate_code,
    currentStep: step ? { key: step.key, title: step.title, level: step.level } : null,
    stepDueAt: iso(r.step_due_at),
    breached: r.step_due_at !== null && new Date(r.step_due_at).getTime() < now.getTime(),
    assignedTo,
    fee: { amountPiastres: r.fee_piastres, exemption: r.fee_exemption },
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

async function summaryRow(deps: EServicesDeps, r: ApplicationRow, now: Date): Promise<ServiceApplication> {
  const office = r.office_id ? await repo.findOffice(deps.db, r.office_id) : undefined;
  return baseView(r, now, office ? { id: office.id, code: office.code, nameAr: office.name_ar, nameEn: office.name_en } : null, null);
}

function expectedDates(def: ServiceDefinition, r: ApplicationRow, now: Date): ServiceApplicationDetail['expected'] {
  if (!['draft', ...OPEN].includes(r.status)) return [];
  const current = r.current_step ? def.steps.find((s) => s.key === r.current_step) : undefined;
  const out: ServiceApplicationDetail['expected'] = [];
  let at = now.getTime();
  let from = 0;
  if (current) {
    at = r.step_due_at ? new Date(r.step_due_at).getTime() : now.getTime() + (r.sla_remaining_seconds ?? current.slaHours * 3600) * 1000;
    out.push({ step: current.key, title: current.title, by: new Date(at).toISOString() });
    from = def.steps.indexOf(current) + 1;
  }
  for (const s of def.steps.slice(from)) {
    if (s.optional) continue;
    at += s.slaHours * HOUR;
    out.push({ step: s.key, title: s.title, by: new Date(at).toISOString() });
  }
  return out;
}

function allowedActions(staff: StaffPrincipal, def: ServiceDefinition, r: ApplicationRow): string[] {
  if (!ASSIGNERS.includes(staff.role)) return [];
  const step = stepOf(def, r.current_step);
  const atStep = staff.role === 'hq_admin' || step.roles.includes(staff.role);
  const out: string[] = ['message'];
  if (OPEN.includes(r.status)) out.push('assign');
  if (atStep && ['submitted', 'in_review', 'escalated'].includes(r.status)) out.push('request_info', 'approve');
  if (atStep && OPEN.includes(r.status)) out.push('reject');
  if (atStep && ['submitted', 'in_review'].includes(r.status) && def.steps.some((s) => s.level === 'directorate' && def.steps.indexOf(s) > def.steps.indexOf(step))) out.push('escalate');
  if (TRANSFERRERS.includes(staff.role) && ['submitted', 'in_review', 'info_requested'].includes(r.status)) out.push('transfer');
  return out;
}

async function detail(deps: EServicesDeps, r: ApplicationRow, staff: StaffPrincipal | null): Promise<ServiceApplicationDetail> {
  const now = deps.clock();
  const def = definition(r.service_code);
  const [office, events, messages, citizen, assignees, registration, assignee] = await Promise.all([
    r.office_id ? repo.findOffice(deps.db, r.office_id) : Promise.resolve(undefined),
    repo.listEvents(deps.db, r.id),
    repo.listMessages(deps.db, r.id),
    r.applicant_citizen_id ? repo.findCitizen(deps.db, r.applicant_citizen_id) : Promise.resolve(undefined),
    staff ? assigneesOf(deps.db, def, r) : Promise.resolve([]),
    repo.findRegistration(deps.db, r.id),
    r.assigned_staff_id ? repo.staffNames(deps.db, [r.assigned_staff_id]) : Promise.resolve([]),
  ]);
  const doc = r.document_code ? await findIssuedByCode(deps.db, r.document_code) : undefined;
  const lastInfo = r.status === 'info_requested' ? [...events].reverse().find((e) => e.action === 'info_requested') : undefined;
  const name = (ar: string | null, en: string | null) => (ar && en ? { ar, en } : null);
  const a = assignee[0];
  return {
    ...baseView(r, now, office ? { id: office.id, code: office.code, nameAr: office.name_ar, nameEn: office.name_en } : null, a ? { id: a.id, nameAr: a.name_ar, nameEn: a.name_en } : null),
    applicant: citizen ? { nameAr: citizen.name_ar, nameLatin: citizen.name_latin } : null,
    answers: r.answers,
    declaredDocuments: r.declared_documents,
    decisionReason: r.decision_reason,
    infoRequest: lastInfo?.note ?? null,
    document: r.document_code
      ? {
          code: r.document_code,
          verifyUrl: `/verify/${r.document_code}`,
          pdfUrl: `/api/v1/documents/${r.document_code}/pdf`,
          status: doc?.status ?? 'genuine',
          statusReason: doc?.status_reason ?? null,
          statusChangedAt: iso(doc?.status_changed_at ?? null),
        }
      : null,
    registration: registration ? { number: registration.registration_number, registeredOn: registration.registered_on } : null,
    // Filed = submitted (a draft: as if filed today), the day the deadline is measured to.
    lateness: def.lateness?.(r.answers, todayOf(r.submitted_at ? new Date(r.submitted_at) : now)) ?? null,
    expected: expectedDates(def, r, now),
    events: events.map(
      (e): ApplicationEvent => ({
        at: new Date(e.at).toISOString(),
        actorKind: e.actor_kind,
        actorName: name(e.staff_name_ar, e.staff_name_en),
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        step: e.step,
        note: e.note,
      }),
    ),
    messages: messages.map((m) => ({ id: String(m.id), at: new Date(m.at).toISOString(), authorKind: m.author_kind, authorName: name(m.staff_name_ar, m.staff_name_en), body: m.body })),
    allowedActions: staff ? allowedActions(staff, def, r) : [],
    assignees: assignees.map((s) => ({ id: s.id, nameAr: s.name_ar, nameEn: s.name_en })),
  };
}

import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { normalizeDigits, parseLocaleNumber, type FeeQuote, type FieldError, type ServiceDefinitionView, type ServiceStep, type ServiceSummary, type StaffRole } from '@rabt/contracts';
import { fieldError } from '../../http/errors.ts';
import type { DB } from '../../platform/db/schema.ts';
import { isFieldErrorCode, outOfRangeMessage, rangeFieldError } from '@rabt/contracts';

/**
 * The declarative shape of an e-service (issue 5 §1). A new service is one `ServiceDefinition` plus
 * the few rules it needs (eligibility, fee, `validate`, `prepareIssue`); the workflow
 * (workflow.service.ts) runs every definition the same way.
 */
export type Bilingual = { ar: string; en: string };
type Db = Kysely<DB> | Transaction<DB>;

/** `test_session`: the id of a skill-test session (the page offers the sessions with seats left). */
export type FieldType = 'text' | 'number' | 'date' | 'select' | 'isco' | 'test_session';

export interface FormFieldDef {
  key: string;
  type: FieldType;
  label: Bilingual;
  help?: Bilingual;
  required: boolean;
  options?: { value: string; label: Bilingual }[];
  /** `number`: inclusive bounds (whole numbers). `text`: max length in `max`. */
  min?: number;
  max?: number;
  /**
   * The field applies only when the answer to field `key` is one of `values` (`null` = not answered), e.g.
   * a short assignment's days only for `permitType` = `short_assignment`. Otherwise its answer is dropped
   * before validation and never stored (`applicableAnswers`), and the form hides it.
   */
  visibleWhen?: { key: string; values: (string | null)[] };
}

export interface DocumentDef {
  type: string;
  label: Bilingual;
  acceptedMimeTypes: string[];
  maxBytes: number;
  required: boolean;
}

/** What the rules know about the applicant (loaded once by the workflow). */
export interface Applicant {
  kind: 'citizen';
  citizenId: string;
  nameAr: string;
  nameLatin: string;
  birthDate: string;
  /** Whole years on `today`. */
  age: number;
  sex: 'male' | 'female';
  /** Governorate of residence: from the national ID (no separate address is held yet). */
  governorateCode: string;
}

export interface RuleContext {
  db: Db;
  applicant: Applicant;
  /** YYYY-MM-DD in UTC. */
  today: string;
  /**
   * The application's answers when the rule runs on an application (create, submit); absent in the
   * eligibility check before applying, where a rule that needs them answers for the general case.
   */
  answers?: Record<string, unknown>;
}

export type RuleResult = { ok: true } | { ok: false; reason: Bilingual };

export interface EligibilityRule {
  key: string;
  /** What the rule asks, shown before applying. */
  label: Bilingual;
  check(ctx: RuleContext): Promise<RuleResult> | RuleResult;
}

export interface FeeExemption {
  code: string;
  label: Bilingual;
  /** Document type the applicant must declare to claim it (400 at `/declaredDocuments/<type>` otherwise). */
  requiredDocument?: string;
}

export interface FeeRule {
  /** How the fee is set, shown in the catalogue. */
  text: Bilingual;
  exemptions: FeeExemption[];
  /** Amount in piastres (EGP minor units) for these answers and this applicant; `exemption` is the code claimed. */
  compute(input: { answers: Record<string, unknown>; applicant: Applicant; exemption: string | null; db: Db; today: string }): FeeQuote | Promise<FeeQuote>;
}

export interface StepDef {
  key: string;
  title: Bilingual;
  level: 'office' | 'directorate' | 'hq';
  /** Roles that act at this step (HQ administrators act everywhere). */
  roles: StaffRole[];
  slaHours: number;
  /** Runs only when a clerk escalates (or a rule sends the case there). */
  optional: boolean;
}

export interface IssueSpec {
  kind: 'employment_registration' | 'skill_certificate' | 'craft_licence' | 'work_permit' | 'exempt_foreigner_notice';
  title: Bilingual;
  validityMonths: number | null;
}

/** What a definition hands to issueDocument (apps/api/src/modules/documents/issue.ts). */
export interface PreparedDocument {
  fields: { key: string; label: Bilingual; value: Bilingual }[];
  payload: Record<string, unknown>;
  /** Overrides the validity computed from `issues.validityMonths` (e.g. a permit's requested duration); RFC 3339 full-date or null. */
  validUntil?: string | null;
  /** Called with the verification code once the document is issued (same transaction). */
  afterIssue?(trx: Transaction<DB>, code: string): Promise<void>;
}

export interface IssueContext {
  applicationId: string;
  reference: string;
  officeId: string | null;
  answers: Record<string, unknown>;
  applicant: Applicant;
  now: Date;
}

export interface ServiceDefinition {
  code: string;
  /** Prefix of application references, e.g. ER → ER-2026-000042. */
  referencePrefix: string;
  title: Bilingual;
  description: Bilingual;
  legalBasis: Bilingual;
  applicantKind: 'citizen' | 'establishment';
  form: FormFieldDef[];
  documents: DocumentDef[];
  fee: FeeRule;
  eligibility: EligibilityRule[];
  routing: 'residence_office' | 'directorate' | 'hq';
  steps: StepDef[];
  issues: IssueSpec;
  notes: Bilingual[];
  /**
   * Document types (from `documents`) that become required by the answers, e.g. the committee's decision
   * when a work permit claims the committee-approval quota exception. Declared at creation (400 at
   * `/declaredDocuments/<type>` otherwise) and uploaded before submission, like the always-required ones.
   */
  requiredDocumentsFor?(answers: Record<string, unknown>): string[];
  /** Checks beyond the form schema that need the database (e.g. ISCO code exists); pointers `/answers/<key>`. */
  validate?(ctx: RuleContext, answers: Record<string, unknown>): Promise<FieldError[]>;
  /**
   * Runs in the transaction that creates the draft (e.g. books a test seat under a row lock). Throwing
   * (an AppError) refuses the application and nothing is saved.
   */
  onCreate?(trx: Transaction<DB>, ctx: { applicationId: string; answers: Record<string, unknown>; applicant: Applicant; now: Date }): Promise<void>;
  /** Builds the document's key facts and signed payload on approval, and writes the service's own records. */
  prepareIssue(trx: Transaction<DB>, ctx: IssueContext): Promise<PreparedDocument>;
  /**
   * The one-open-per-subject rule (migration 0027): what an application is about, from its parsed answers
   * (e.g. a work permit's establishment, nationality and passport number, normalised), or null. A second
   * application with the same key while the first is open (draft to approved) is refused with 409
   * `service_application_duplicate`; `duplicateReason` names the open one (reference) in Arabic and English.
   */
  subject?: { key(answers: Record<string, unknown>): string | null; duplicateReason(reference: string): Bilingual };
  /**
   * A filing deadline the applicant may have missed (e.g. the exempt-foreigner notice: 7 days after the
   * event): the facts from the answers and the day the application was filed (YYYY-MM-DD), or null when
   * the service has no deadline or the answers give no date. Shown to staff on the case (`lateness`).
   */
  lateness?(answers: Record<string, unknown>, filedOn: string): Lateness | null;
}

/** A filing deadline and how far the filing missed it (0 = on time). Dates YYYY-MM-DD; days are calendar days. */
export interface Lateness {
  eventDate: string;
  dueBy: string;
  filedOn: string;
  limitDays: number;
  daysLate: number;
}

// ---------------------------------------------------------------- form schema

function numberField(f: FormFieldDef) {
  // With both bounds, every refusal (out of range, not a whole number, not a number) states the range.
  const range = f.min !== undefined && f.max !== undefined ? outOfRangeMessage(f.min, f.max) : undefined;
  let n = z.number({ error: (iss) => (iss.input === undefined ? 'required' : (range ?? 'invalid_type')) }).int({ message: range ?? 'invalid_format' });
  if (f.min !== undefined) n = n.min(f.min, { message: range ?? 'invalid_value' });
  if (f.max !== undefined) n = n.max(f.max, { message: range ?? 'invalid_value' });
  // Arabic-Indic digits and separators are accepted everywhere (Unicode ch. 9.2): "١٢" → 12, "١٬٢٠٠" → 1200.
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const parsed = parseLocaleNumber(v);
    return parsed === null || Number.isNaN(parsed) ? v : parsed;
  }, n);
}

function fieldSchema(f: FormFieldDef): z.ZodType {
  const req = { error: (iss: { input?: unknown }) => (iss.input === undefined || iss.input === null ? 'required' : 'invalid_type') };
  switch (f.type) {
    case 'text':
      return z.string(req).trim().min(1, { message: 'required' }).max(f.max ?? 500, { message: 'too_long' });
    case 'number':
      return numberField(f);
    case 'date':
      return z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v.trim()) : v), z.string(req).regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid_format' }));
    case 'select':
      return z.enum((f.options ?? []).map((o) => o.value) as [string, ...string[]], { error: (iss) => (iss.input === undefined ? 'required' : 'invalid_value') });
    case 'isco':
      return z.preprocess((v) => (typeof v === 'string' ? normalizeDigits(v.trim()) : v), z.string(req).regex(/^\d{4}$/, { message: 'isco_unknown' }));
    case 'test_session':
      return z.string(req).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'invalid_format' });
  }
}

/** The zod schema of a definition's form: strict (unknown keys refused), optional fields may be absent or null. */
export function formSchema(def: Pick<ServiceDefinition, 'form'>, partial = false) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of def.form) {
    const s = fieldSchema(f);
    shape[f.key] = f.required && !partial ? s : s.nullable().optional();
  }
  return z.strictObject(shape);
}

/** Whether a field applies to these (raw) answers: always, unless its `visibleWhen` condition is not met. */
export function fieldApplies(f: Pick<FormFieldDef, 'visibleWhen'>, answers: Record<string, unknown>): boolean {
  if (!f.visibleWhen) return true;
  const v = answers[f.visibleWhen.key];
  // Controlling fields are selects: a string, or absent.
  const value = typeof v === 'string' && v !== '' ? v : null;
  return f.visibleWhen.values.includes(value);
}

/**
 * The answers without those of fields that do not apply (`visibleWhen` not met), e.g. short-assignment days
 * left over after switching to a standard work permit: dropped, not validated, not stored. Non-objects
 * are returned as they are (the schema refuses them).
 */
export function applicableAnswers(def: Pick<ServiceDefinition, 'form'>, answers: unknown): unknown {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return answers;
  const raw = answers as Record<string, unknown>;
  const out: Record<string, unknown> = { ...raw };
  for (const f of def.form) if (!fieldApplies(f, raw)) delete out[f.key];
  return out;
}

/**
 * Validates answers against the form schema; returns parsed answers or field errors pointing at
 * `${prefix}/<key>`. Answers of fields that do not apply (`visibleWhen`) are dropped first.
 */
export function parseAnswers(def: Pick<ServiceDefinition, 'form'>, answers: unknown, prefix = '/answers', partial = false): { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  const parsed = formSchema(def, partial).safeParse(applicableAnswers(def, answers));
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) errors.push(fieldError(`${prefix}/${k}`, 'unknown_field'));
      continue;
    }
    const pointer = `${prefix}/${issue.path.map(String).join('/')}`;
    const range = rangeFieldError(issue.message);
    if (range) {
      errors.push({ pointer, ...range });
      continue;
    }
    errors.push(fieldError(pointer, isFieldErrorCode(issue.message) ? issue.message : 'invalid_value'));
  }
  return { ok: false, errors };
}

// ---------------------------------------------------------------- views

/** Sum of the SLA hours of the steps every application goes through. */
export function expectedHours(def: ServiceDefinition): number {
  return def.steps.filter((s) => !s.optional).reduce((sum, s) => sum + s.slaHours, 0);
}

function stepView(s: StepDef): ServiceStep {
  return { key: s.key, title: s.title, level: s.level, roles: s.roles, slaHours: s.slaHours, optional: s.optional };
}

export function summaryOf(def: ServiceDefinition): ServiceSummary {
  return {
    code: def.code,
    title: def.title,
    description: def.description,
    applicantKind: def.applicantKind,
    legalBasis: def.legalBasis,
    feeText: def.fee.text,
    expectedHours: expectedHours(def),
    issues: { kind: def.issues.kind, title: def.issues.title, validityMonths: def.issues.validityMonths },
  };
}

/** The public view of a definition: form, documents, fee, eligibility, steps with SLAs, notes. */
export function viewOf(def: ServiceDefinition): ServiceDefinitionView {
  return {
    ...summaryOf(def),
    routing: def.routing,
    form: def.form.map((f) => ({ key: f.key, type: f.type, label: f.label, help: f.help ?? null, required: f.required, options: f.options ?? null, min: f.min ?? null, max: f.max ?? null, visibleWhen: f.visibleWhen ?? null })),
    documents: def.documents.map((d) => ({ ...d })),
    fee: { text: def.fee.text, exemptions: def.fee.exemptions.map((e) => ({ code: e.code, label: e.label, requiredDocument: e.requiredDocument ?? null })) },
    eligibility: def.eligibility.map((r) => ({ key: r.key, label: r.label })),
    steps: def.steps.map(stepView),
    notes: def.notes,
  };
}

/** Age in whole years on `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A free service: no fee, no exemptions. */
export function freeFee(text: Bilingual): FeeRule {
  return { text, exemptions: [], compute: () => ({ amountPiastres: 0, exemption: null, explanation: text }) };
}

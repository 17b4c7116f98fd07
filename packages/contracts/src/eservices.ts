import { z } from 'zod';
import { StaffRole } from './identity.ts';

/**
 * E-services (issue 5): the public catalogue of service definitions, eligibility, applications with
 * their timeline and messages, and the office queue. A service's rules live in the API's definitions;
 * these are the shapes that travel. Amounts are piastres (EGP minor units, 1/100 pound).
 */

const Text = z.object({ ar: z.string(), en: z.string() });

/** `test_session`: a skill-test session picked from GET /api/v1/skill-tests/sessions (its id). */
export const ServiceFieldType = z.enum(['text', 'number', 'date', 'select', 'isco', 'test_session']);
export type ServiceFieldType = z.infer<typeof ServiceFieldType>;

export const ServiceFormField = z.object({
  key: z.string(),
  type: ServiceFieldType,
  label: Text,
  help: Text.nullable(),
  required: z.boolean(),
  /** For `select`: the allowed values with labels. */
  options: z.array(z.object({ value: z.string(), label: Text })).nullable(),
  /** For `number`: inclusive bounds. */
  min: z.number().nullable(),
  max: z.number().nullable(),
  /**
   * Shown (and accepted) only when the answer to field `key` is one of `values` (`null` = not answered);
   * otherwise the field does not apply: the form hides it and the API drops its answer unvalidated.
   */
  visibleWhen: z.object({ key: z.string(), values: z.array(z.string().nullable()) }).nullable().optional(),
});
export type ServiceFormField = z.infer<typeof ServiceFormField>;

export const ServiceDocumentSpec = z.object({
  type: z.string(),
  label: Text,
  acceptedMimeTypes: z.array(z.string()),
  maxBytes: z.number().int(),
  required: z.boolean(),
});
export type ServiceDocumentSpec = z.infer<typeof ServiceDocumentSpec>;

export const ServiceStepLevel = z.enum(['office', 'directorate', 'hq']);
export const ServiceStep = z.object({
  key: z.string(),
  title: Text,
  level: ServiceStepLevel,
  roles: z.array(StaffRole),
  /** Service-level agreement for this step, in hours from when the step starts. */
  slaHours: z.number().int().positive(),
  /** True when the step runs only if a clerk escalates (e.g. a directorate decision). */
  optional: z.boolean(),
});
export type ServiceStep = z.infer<typeof ServiceStep>;

export const FeeQuote = z.object({
  amountPiastres: z.number().int().nonnegative(),
  exemption: z.object({ code: z.string(), label: Text }).nullable(),
  explanation: Text,
});
export type FeeQuote = z.infer<typeof FeeQuote>;

export const ServiceSummary = z.object({
  code: z.string(),
  title: Text,
  description: Text,
  applicantKind: z.enum(['citizen', 'establishment']),
  legalBasis: Text,
  feeText: Text,
  /** Sum of the SLA hours of the non-optional steps. */
  expectedHours: z.number().int(),
  issues: z.object({ kind: z.string(), title: Text, validityMonths: z.number().int().nullable() }),
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ServiceDefinitionView = ServiceSummary.extend({
  routing: z.enum(['residence_office', 'directorate', 'hq']),
  form: z.array(ServiceFormField),
  documents: z.array(ServiceDocumentSpec),
  /** `requiredDocument`: the document type the applicant must declare to claim the exemption. */
  fee: z.object({ text: Text, exemptions: z.array(z.object({ code: z.string(), label: Text, requiredDocument: z.string().nullable() })) }),
  eligibility: z.array(z.object({ key: z.string(), label: Text })),
  steps: z.array(ServiceStep),
  /** Further rules the applicant or employers should know (e.g. the employer's 30-day rule). */
  notes: z.array(Text),
});
export type ServiceDefinitionView = z.infer<typeof ServiceDefinitionView>;

export const ServiceCodeParams = z.strictObject({ code: z.string().regex(/^[a-z_]{2,40}$/, { message: 'invalid_format' }) });

export const OfficeChoice = z.object({ id: z.uuid(), code: z.string(), nameAr: z.string(), nameEn: z.string(), directorateCode: z.string() });
export type OfficeChoice = z.infer<typeof OfficeChoice>;

export const EligibilityCheck = z.object({ key: z.string(), label: Text, ok: z.boolean(), reason: Text.nullable() });
export const EligibilityResult = z.object({
  serviceCode: z.string(),
  eligible: z.boolean(),
  checks: z.array(EligibilityCheck),
  fee: FeeQuote,
  /** Offices the applicant may choose (residence routing): those of their governorate of residence. */
  offices: z.array(OfficeChoice),
  defaultOfficeId: z.uuid().nullable(),
  /**
   * The applicant's application of this service that is still open (draft to approved), for services with one
   * open application per applicant: the page links to it (its status timeline) instead of offering a second one,
   * and `eligible` is false (check `no_open_application`). Null otherwise, and always for services an
   * establishment applies for several times (work permits, exempt-foreigner notices).
   */
  openApplication: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
});
export type EligibilityResult = z.infer<typeof EligibilityResult>;

/** Answers typed so far, for the fee and eligibility shown before submission (nothing is saved). */
export const ServiceQuoteRequest = z.strictObject({
  answers: z.record(z.string(), z.unknown()),
  exemption: z.string().max(60).optional(),
});
export type ServiceQuoteRequest = z.input<typeof ServiceQuoteRequest>;

export const ServiceApplicationStatus = z.enum(['draft', 'submitted', 'in_review', 'info_requested', 'escalated', 'approved', 'issued', 'rejected', 'withdrawn']);
export type ServiceApplicationStatus = z.infer<typeof ServiceApplicationStatus>;
/** What a citizen reads for each status (Arabic, English); also the labels of CSV exports. */
export const SERVICE_APPLICATION_STATUS_LABELS: Record<ServiceApplicationStatus, { ar: string; en: string }> = {
  draft: { ar: 'مسودة', en: 'Draft' },
  submitted: { ar: 'مُرسل', en: 'Submitted' },
  in_review: { ar: 'قيد المراجعة', en: 'In review' },
  info_requested: { ar: 'مطلوب معلومات منك', en: 'Information requested' },
  escalated: { ar: 'لدى المديرية', en: 'At the directorate' },
  approved: { ar: 'معتمد', en: 'Approved' },
  issued: { ar: 'صدر المستند', en: 'Document issued' },
  rejected: { ar: 'مرفوض', en: 'Rejected' },
  withdrawn: { ar: 'مسحوب', en: 'Withdrawn' },
};

/** Answers are checked against the service's form schema by the API (field errors point at `/answers/<key>`). */
export const CreateServiceApplicationRequest = z.strictObject({
  serviceCode: z.string().regex(/^[a-z_]{2,40}$/, { message: 'invalid_format' }),
  /** Residence routing: the chosen office of the applicant's governorate; default from the national ID. */
  officeId: z.uuid().optional(),
  answers: z.record(z.string(), z.unknown()),
  /** Document type keys the applicant declares they hold. */
  declaredDocuments: z.array(z.string().max(60)).max(20).default([]),
  /** A fee exemption the applicant claims (code from the definition). */
  exemption: z.string().max(60).optional(),
});
export type CreateServiceApplicationRequest = z.input<typeof CreateServiceApplicationRequest>;

const Note = z.string().trim().min(1, { message: 'required' }).max(2000);
export const AnswerInfoRequest = z.strictObject({ message: Note, answers: z.record(z.string(), z.unknown()).optional() });
export const WithdrawRequest = z.strictObject({ reason: z.string().trim().max(2000).optional() });
export const MessageRequest = z.strictObject({ body: Note });
export const AssignRequest = z.strictObject({ staffId: z.uuid().optional() });
export const RequestInfoRequest = z.strictObject({ message: Note });
export const ApproveRequest = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const RejectRequest = z.strictObject({ reason: z.string().trim().min(3, { message: 'required' }).max(2000) });
export const EscalateRequest = z.strictObject({ note: Note });
export const TransferRequest = z.strictObject({ officeId: z.uuid(), note: Note });

export const ApplicationEvent = z.object({
  at: z.string(),
  actorKind: z.enum(['citizen', 'staff', 'system']),
  actorName: Text.nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  step: z.string().nullable(),
  note: z.string().nullable(),
});
export type ApplicationEvent = z.infer<typeof ApplicationEvent>;

export const ApplicationMessage = z.object({ id: z.string(), at: z.string(), authorKind: z.enum(['citizen', 'staff']), authorName: Text.nullable(), body: z.string() });
export type ApplicationMessage = z.infer<typeof ApplicationMessage>;

export const ServiceApplication = z.object({
  id: z.uuid(),
  reference: z.string(),
  serviceCode: z.string(),
  serviceTitle: Text,
  status: ServiceApplicationStatus,
  office: z.object({ id: z.uuid(), code: z.string(), nameAr: z.string(), nameEn: z.string() }).nullable(),
  directorateCode: z.string().nullable(),
  currentStep: z.object({ key: z.string(), title: Text, level: ServiceStepLevel }).nullable(),
  /** SLA deadline of the current step (ISO 8601); null while waiting for the applicant or when closed. */
  stepDueAt: z.string().nullable(),
  breached: z.boolean(),
  assignedTo: z.object({ id: z.uuid(), nameAr: z.string(), nameEn: z.string() }).nullable(),
  fee: z.object({ amountPiastres: z.number().int(), exemption: z.string().nullable() }),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceApplication = z.infer<typeof ServiceApplication>;

export const ServiceApplicationDetail = ServiceApplication.extend({
  applicant: z.object({ nameAr: z.string(), nameLatin: z.string() }).nullable(),
  answers: z.record(z.string(), z.unknown()),
  declaredDocuments: z.array(z.string()),
  decisionReason: z.string().nullable(),
  /** The open information request, if the office is waiting for the applicant. */
  infoRequest: z.string().nullable(),
  /**
   * The issued signed document. `status` is its current standing (as /verify answers): a permit cancelled
   * by the office is `revoked`, with the office's reason and the time (RFC 3339); the PDF then carries a
   * "revoked" banner.
   */
  document: z
    .object({
      code: z.string(),
      verifyUrl: z.string(),
      pdfUrl: z.string(),
      status: z.enum(['genuine', 'cancelled', 'superseded', 'revoked']),
      statusReason: z.string().nullable(),
      statusChangedAt: z.string().nullable(),
    })
    .nullable(),
  registration: z.object({ number: z.string(), registeredOn: z.string() }).nullable(),
  /**
   * Services with a filing deadline (the exempt-foreigner notice: within 7 days of the start or end of work,
   * Law 12/2003 Arts 27–30): the event date, the last day on time, the day it was filed (submitted; today for
   * a draft) — all YYYY-MM-DD — the limit in days and the calendar days late (0 = on time). Null otherwise.
   */
  lateness: z.object({ eventDate: z.string(), dueBy: z.string(), filedOn: z.string(), limitDays: z.number().int(), daysLate: z.number().int().min(0) }).nullable(),
  /** Expected completion of each remaining (non-optional) step, from its SLA. */
  expected: z.array(z.object({ step: z.string(), title: Text, by: z.string() })),
  events: z.array(ApplicationEvent),
  messages: z.array(ApplicationMessage),
  /** Staff view only: what the caller may do now, and the clerks the case can be assigned to. */
  allowedActions: z.array(z.string()),
  assignees: z.array(z.object({ id: z.uuid(), nameAr: z.string(), nameEn: z.string() })),
});
export type ServiceApplicationDetail = z.infer<typeof ServiceApplicationDetail>;

const Bool = z.enum(['true', 'false']);
export const OfficeQueueQuery = z.strictObject({
  /** One status, or `open` (default: submitted, in review, waiting for the applicant, escalated). */
  status: z.union([ServiceApplicationStatus, z.literal('open')]).default('open'),
  service: z.string().regex(/^[a-z_]{2,40}$/, { message: 'invalid_format' }).optional(),
  breached: Bool.optional(),
  /** Narrow an HQ or directorate view to one office. */
  office: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type OfficeQueueQuery = z.input<typeof OfficeQueueQuery>;

export const OfficeQueueItem = ServiceApplication.extend({ applicantName: z.object({ nameAr: z.string(), nameLatin: z.string() }).nullable() });
export type OfficeQueueItem = z.infer<typeof OfficeQueueItem>;

export const OfficeQueuePage = z.object({ items: z.array(OfficeQueueItem), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
export type OfficeQueuePage = z.infer<typeof OfficeQueuePage>;

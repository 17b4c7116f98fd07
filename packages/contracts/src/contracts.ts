import { z } from 'zod';
import { CountryCode, IscoUnitCode, Money } from './primitives.ts';

/**
 * Employment contracts of the overseas exchange (issue 4): drafted by a verified employer on a partner
 * ministry's node from an accepted invitation, signed by that node, checked and attested on the Egyptian
 * node by two overseas-employment officers, accepted by the worker, then signed by the Egyptian node and
 * registered in its transparency register. Amounts are integer minor units with an ISO 4217 currency;
 * dates are RFC 3339 full-dates; the Arabic text prevails (Saudi Labour Law Art. 51, Kuwait Law 6/2010).
 */

export const BilingualText = z.object({ ar: z.string().max(4000), en: z.string().max(4000) });
export type BilingualText = z.infer<typeof BilingualText>;

/** A cost the contract puts on the worker. Must be empty: Law 14/2025 Art. 43, ILO General Principle 7. */
export const WorkerCost = z.object({ item: z.string().min(1).max(200), amount: Money });

export const ContractEmployer = z.object({
  employerId: z.uuid(),
  nameAr: z.string().min(1).max(200),
  nameEn: z.string().max(200),
  establishmentNumber: z.string().min(1).max(20),
  city: z.string().max(120),
});

export const ContractWorker = z.object({
  /** Pseudonymous profile id of the worker for this destination (never the national ID). */
  profileId: z.uuid(),
  nameAr: z.string().min(1).max(200),
  nameLatin: z.string().max(200),
  passportNumber: z.string().max(20).nullable(),
  birthDate: z.iso.date().nullable(),
});

/** The licensed Egyptian recruitment agency that acts for the worker (Law 14/2025 Art. 40/4), if any. */
export const ContractAgency = z.object({ licenceNumber: z.string().min(1).max(40), nameAr: z.string().max(200) });

/** The terms both ministries sign: every field a destination template may require (domain-data §5). */
export const ContractTerms = z.object({
  contractId: z.uuid(),
  version: z.number().int().min(1).max(1000),
  /** The concluded version this one amends, bound by its digest; null for a first contract. */
  supersedes: z.object({ version: z.number().int().min(1), digest: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }).nullable(),
  invitationId: z.uuid(),
  jobOrderId: z.uuid(),
  originCountry: CountryCode,
  destinationCountry: CountryCode,
  employer: ContractEmployer,
  worker: ContractWorker,
  isco: IscoUnitCode,
  titleAr: z.string().max(160),
  titleEn: z.string().max(160),
  workplaceCity: z.string().min(1).max(120),
  startDate: z.iso.date(),
  durationMonths: z.number().int().min(1).max(120),
  probationDays: z.number().int().min(0).max(365),
  /** Basic monthly wage. */
  wage: Money,
  allowances: z.object({ housing: Money.nullable(), transport: Money.nullable(), food: Money.nullable() }),
  hoursPerWeek: z.number().int().min(1).max(72),
  restDaysPerWeek: z.number().int().min(0).max(7),
  annualLeaveDays: z.number().int().min(0).max(60),
  annualTicket: z.boolean(),
  endOfService: z.boolean(),
  medicalInsurance: z.boolean(),
  recruitmentCostsBorneByEmployer: z.boolean(),
  workerCosts: z.array(WorkerCost).max(20),
  agency: ContractAgency.nullable(),
  /** Administrative fee of a licensed agency, at most 1 % of the first-year basic wage (Law 14/2025 Art. 43). */
  agencyFee: Money.nullable(),
  governingLaw: BilingualText,
  /** Numbered clauses; template clauses first, then the employer's own. Arabic prevails. */
  clauses: z.array(BilingualText).max(60),
  /** Reference of the destination authority's own registration (Qiwa, MOHRE …), if already known. */
  destinationReference: z.string().max(60).nullable(),
});
export type ContractTerms = z.infer<typeof ContractTerms>;

/** What both nodes sign (RFC 8785 canonical JSON of this object is the JWS payload). `salt` keeps register leaves unlinkable. */
export const ContractPayload = z.object({
  type: z.literal('rabt.employment-contract'),
  specVersion: z.literal(1),
  salt: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  terms: ContractTerms,
});
export type ContractPayload = z.infer<typeof ContractPayload>;

/** One JWS signature of the General JSON serialization (RFC 7515 §7.2.1). */
export const JwsSignature = z.object({ protected: z.string().min(10).max(2000), signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/) });
export type JwsSignature = z.infer<typeof JwsSignature>;

export const ContractCheckCode = z.enum([
  'arabic_text_present',
  'no_worker_fees',
  'recruitment_costs_borne_by_employer',
  'agency_fee_within_cap',
  'agency_licensed',
  'minimum_wage',
  'probation_within_limit',
  'annual_leave_minimum',
  'hours_within_limit',
  'start_date_not_past',
  'duration_within_limit',
  'not_worse_than_job_order',
  'template_fields_present',
]);
export type ContractCheckCode = z.infer<typeof ContractCheckCode>;

/** One rule check and, when it fails, the plain reason in Arabic and English with the rule's source. */
export const ContractCheck = z.object({
  code: ContractCheckCode,
  ok: z.boolean(),
  message: BilingualText,
  source: z.string(),
});
export type ContractCheck = z.infer<typeof ContractCheck>;

export const ContractStatus = z.enum([
  'draft',
  'submitted',
  'received',
  'checks_failed',
  'awaiting_attestation',
  'offered',
  'rejected',
  'amendment_requested',
  'concluded',
  'cancelled',
  'superseded',
  'withdrawn',
]);
export type ContractStatus = z.infer<typeof ContractStatus>;

/** A field that differs between two versions (or between the concluded contract and a destination registration). */
export const TermDiff = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type TermDiff = z.infer<typeof TermDiff>;

/** Editable part of a draft: what the employer fills; parties, ids and template text are set by the node. */
export const ContractDraftInput = z.strictObject({
  workplaceCity: z.string().trim().min(1).max(120),
  startDate: z.iso.date(),
  durationMonths: z.coerce.number().int().min(1).max(120),
  probationDays: z.coerce.number().int().min(0).max(365),
  wage: Money,
  allowances: z.strictObject({ housing: Money.nullable(), transport: Money.nullable(), food: Money.nullable() }),
  hoursPerWeek: z.coerce.number().int().min(1).max(72),
  restDaysPerWeek: z.coerce.number().int().min(0).max(7),
  annualLeaveDays: z.coerce.number().int().min(0).max(60),
  annualTicket: z.boolean(),
  endOfService: z.boolean(),
  medicalInsurance: z.boolean(),
  recruitmentCostsBorneByEmployer: z.boolean(),
  workerCosts: z.array(z.strictObject({ item: z.string().trim().min(1).max(200), amount: Money })).max(20),
  agency: ContractAgency.nullable(),
  agencyFee: Money.nullable(),
  passportNumber: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6,12}$/, { message: 'invalid_format' }).nullable(),
  extraClauses: z.array(z.strictObject({ ar: z.string().trim().max(4000), en: z.string().trim().max(4000) })).max(30),
  destinationReference: z.string().trim().max(60).nullable(),
});
export type ContractDraftInput = z.infer<typeof ContractDraftInput>;

export const CreateContractRequest = z.strictObject({ invitationId: z.uuid() });
export const AmendContractRequest = z.strictObject({ reasonAr: z.string().trim().min(3).max(2000) });
export const CancelContractRequest = z.strictObject({ reason: z.string().trim().min(3).max(2000) });
export const ContractResponseRequest = z.strictObject({
  response: z.enum(['accepted', 'rejected', 'amendment_requested']),
  note: z.string().trim().max(2000).optional(),
});
export const RegisterAtDestinationRequest = z.strictObject({ terms: ContractDraftInput, destinationReference: z.string().trim().min(1).max(60) });
export const ContractRefuseRequest = z.strictObject({ reason: z.string().trim().min(3).max(2000) });
export const ContractKeyParams = z.strictObject({ id: z.uuid(), version: z.coerce.number().int().min(1).max(1000) });

/** Timeline entry of a contract version (both nodes keep one). */
export const ContractEvent = z.object({ status: ContractStatus, at: z.iso.datetime(), note: z.string().nullable() });

/** A contract version as the employer sees it on the partner node. */
export const EmployerContract = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: ContractStatus,
  terms: ContractTerms,
  /** Arabic name of `terms.workplaceCity` from the destination city list, for display only (not signed); null when the city is not listed. */
  workplaceCityAr: z.string().nullable(),
  checks: z.array(ContractCheck),
  statusReason: z.string().nullable(),
  verificationCode: z.string().nullable(),
  history: z.array(ContractEvent),
  updatedAt: z.iso.datetime(),
  /** How many of `terms.clauses` come from the destination's template; the rest are the employer's `extraClauses` (for the edit form). */
  templateClauseCount: z.number().int().min(0),
});
export type EmployerContract = z.infer<typeof EmployerContract>;

/** Attestation by one officer. */
export const ContractAttestation = z.object({ staffId: z.uuid(), staffName: z.string(), at: z.iso.datetime() });

/** A received contract version on the Egyptian node (officers; the worker sees a subset). */
export const OriginContract = z.object({
  id: z.uuid(),
  version: z.number().int(),
  country: CountryCode,
  countryNameAr: z.string(),
  countryNameEn: z.string(),
  status: ContractStatus,
  terms: ContractTerms,
  /** Arabic name of `terms.workplaceCity` from the destination city list, for display only (not signed); null when the city is not listed. */
  workplaceCityAr: z.string().nullable(),
  checks: z.array(ContractCheck),
  attestations: z.array(ContractAttestation),
  statusReason: z.string().nullable(),
  workerNote: z.string().nullable(),
  /** Differences from the previous version the worker saw (amendments), or []. */
  diff: z.array(TermDiff),
  verificationCode: z.string().nullable(),
  verifyUrl: z.string().nullable(),
  history: z.array(ContractEvent),
  receivedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type OriginContract = z.infer<typeof OriginContract>;

export const ContractQueueQuery = z.strictObject({ status: ContractStatus.optional() });

/** A substitution alert: the destination registered terms that differ from the concluded contract. */
export const ContractAlert = z.object({
  id: z.uuid(),
  contractId: z.uuid(),
  version: z.number().int(),
  country: CountryCode,
  kind: z.enum(['destination_registration_differs', 'second_contract_for_worker']),
  diff: z.array(TermDiff),
  destinationReference: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type ContractAlert = z.infer<typeof ContractAlert>;

// ---------------------------------------------------------------- verification

export const VerificationCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, { message: 'invalid_format' })
  .describe('Verification code: issuing country, then 12 Crockford base32 characters in three groups');
export const VerificationCodeParams = z.strictObject({ code: z.string().max(40) });

export const DocumentStatus = z.enum(['genuine', 'cancelled', 'superseded', 'revoked', 'not_found']);
/** Kinds of signed documents the ministry issues (contracts: issue 4; certificates, licences, permits: issue 5; training: issue 6). */
export const DocumentKind = z.enum(['contract', 'employment_registration', 'skill_certificate', 'craft_licence', 'work_permit', 'training_certificate', 'exempt_foreigner_notice']);
export type DocumentKind = z.infer<typeof DocumentKind>;
/** A key fact of a document as /verify and the PDF show it. */
export const DocumentField = z.object({ key: z.string(), label: BilingualText, value: BilingualText });
export type DocumentField = z.infer<typeof DocumentField>;

/** Public answer of GET /api/v1/verify/{code}: status, key facts, masked names; never a passport or national ID. `keyTerms` only for contracts. */
export const VerificationResult = z.object({
  status: DocumentStatus,
  code: z.string(),
  kind: DocumentKind.nullable(),
  /** Title of the document (every kind). */
  title: BilingualText.nullable(),
  /** Key facts with the holder's name masked (every kind; for contracts the same as keyTerms). */
  fields: z.array(DocumentField),
  validUntil: z.iso.date().nullable(),
  /** Why it was revoked or cancelled. */
  statusReason: z.string().nullable(),
  issuedAt: z.iso.datetime().nullable(),
  statusChangedAt: z.iso.datetime().nullable(),
  supersededBy: z.string().nullable(),
  digest: z.string().nullable(),
  keyTerms: z
    .object({
      workerName: BilingualText,
      employerName: BilingualText,
      establishmentNumber: z.string(),
      country: CountryCode,
      countryName: BilingualText,
      isco: IscoUnitCode,
      title: BilingualText,
      workplaceCity: z.string(),
      /** Arabic name of `workplaceCity` from the destination city list (display only, not in the signed token). */
      workplaceCityAr: z.string().nullable().optional(),
      startDate: z.iso.date(),
      durationMonths: z.number().int(),
      wage: Money,
      wageMinorUnits: z.number().int(),
      version: z.number().int(),
    })
    .nullable(),
  signedBy: z.array(z.object({ country: CountryCode, kid: z.string() })),
  register: z.object({ origin: z.string(), index: z.number().int() }).nullable(),
});
export type VerificationResult = z.infer<typeof VerificationResult>;

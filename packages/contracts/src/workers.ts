import { z } from 'zod';
import { normalizeDigits, parseLocaleNumber } from './digits.ts';
import {
  CefrLevel,
  ContactDisclosure,
  CountryCode,
  CurrencyCode,
  EducationLevel,
  EmployerSummary,
  IscoUnitCode,
  JobOrderTerms,
  Money,
  SharedProfile,
  VerifiedCertificate,
} from './exchange.ts';

/**
 * REST shapes of the origin (Egyptian) side of the overseas employment exchange: the worker's profile,
 * consents, disclosure log, recommendations, applications and invitations; the overseas officers'
 * attestation queue; the public list of attested job orders.
 */

const Bilingual = z.object({ ar: z.string(), en: z.string() });

/** Names of the SharedProfile fields a field profile may allow (profileId is always sent). */
export const SharedProfileField = SharedProfile.keyof().exclude(['profileId']);
export type SharedProfileField = z.infer<typeof SharedProfileField>;
/** Names of the ContactDisclosure fields a field profile may allow. */
export const ContactField = ContactDisclosure.keyof();
export type ContactField = z.infer<typeof ContactField>;

/** Whole years as typed; Arabic-Indic digits and separators accepted (`parseLocaleNumber`). */
const Years = z.preprocess((v) => (typeof v === 'string' ? (parseLocaleNumber(v) ?? 0) : v), z.number().int().min(0).max(60));
const PassportNumber = z
  .string()
  .transform((v) => normalizeDigits(v).replace(/\s/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{6,12}$/, { message: 'invalid_format' }));

/** The passport's expiry date (ISO 8601 YYYY-MM-DD); required with the number, which is useless without it. */
const PassportExpiry = z.iso.date({ error: (iss) => (iss.input === undefined || iss.input === null || (typeof iss.input === 'string' && iss.input.trim() === '') ? 'passport_expiry_required' : 'invalid_format') });

export const PutWorkerProfileRequest = z.strictObject({
  /** The version the client edited (optimistic concurrency); omit to overwrite. 409 `profile_version_conflict` if stale. */
  version: z.number().int().min(0).optional(),
  occupations: z.array(z.strictObject({ isco: IscoUnitCode, years: Years })).max(5),
  skills: z.array(z.string().trim().min(1).max(80)).max(30).default([]),
  education: EducationLevel.nullable().default(null),
  languages: z.array(z.strictObject({ language: z.string().regex(/^[a-z]{2}$/, { message: 'invalid_format' }), level: CefrLevel })).max(10).default([]),
  preferredCountries: z.array(CountryCode).max(22).default([]),
  // The maximum is in minor units, whose size depends on the currency: the message does not state it.
  expectedWage: z.strictObject({ amountMinor: z.number().int().nonnegative().max(1_000_000_000, { message: 'amount_too_large' }), currency: CurrencyCode }).nullable().default(null),
  availableFrom: z.iso.date().nullable().default(null),
  passport: z.strictObject({ number: PassportNumber, expiry: PassportExpiry }).nullable().default(null),
});
export type PutWorkerProfileRequest = z.infer<typeof PutWorkerProfileRequest>;

export const ProfileHint = z.object({ field: z.string(), message: Bilingual });
export type ProfileHint = z.infer<typeof ProfileHint>;

export const WorkerProfile = z.object({
  /** 0 until the first save; +1 on every change. */
  version: z.number().int(),
  occupations: z.array(z.object({ isco: IscoUnitCode, years: z.number().int(), titleAr: z.string(), titleEn: z.string() })),
  skills: z.array(z.string()),
  education: EducationLevel.nullable(),
  languages: z.array(z.object({ language: z.string(), level: CefrLevel })),
  preferredCountries: z.array(CountryCode),
  expectedWage: Money.nullable(),
  availableFrom: z.iso.date().nullable(),
  /** Stored for a future contract; never part of a profile message. */
  passport: z.object({ number: z.string(), expiry: z.iso.date() }).nullable(),
  certificates: z.array(VerifiedCertificate),
  completeness: z.object({ percent: z.number().int().min(0).max(100), missing: z.array(ProfileHint) }),
  updatedAt: z.iso.datetime().nullable(),
});
export type WorkerProfile = z.infer<typeof WorkerProfile>;

export const ConsentRecord = z.object({
  id: z.uuid(),
  textVersion: z.string(),
  profileFields: z.array(z.string()),
  contactFields: z.array(z.string()),
  grantedAt: z.iso.datetime(),
  withdrawnAt: z.iso.datetime().nullable(),
});

/** One destination the worker may consent to (a peer of this node), with what it would receive. */
export const ConsentCountry = z.object({
  country: CountryCode,
  nameAr: z.string(),
  nameEn: z.string(),
  /** SharedProfile fields this country receives while consent is active. */
  profileFields: z.array(SharedProfileField),
  /** ContactDisclosure fields one employer of this country receives when the worker accepts its invitation. */
  contactFields: z.array(ContactField),
  active: ConsentRecord.nullable(),
  history: z.array(ConsentRecord),
});
export const ConsentOverview = z.object({
  textVersion: z.string(),
  /** The consent text; `{country}` is replaced by the country name. */
  text: Bilingual,
  countries: z.array(ConsentCountry),
});
export type ConsentOverview = z.infer<typeof ConsentOverview>;

export const GrantConsentRequest = z.strictObject({
  country: CountryCode,
  /** The consent text version the worker was shown; 409 `consent_text_outdated` if it changed since. */
  textVersion: z.string().min(1).max(40),
});
export const CountryParams = z.strictObject({ country: CountryCode });

export const DisclosureKind = z.enum(['profile_sent', 'profile_withdrawn', 'profile_viewed', 'application_sent', 'contact_disclosed']);
export const DisclosureEntry = z.object({
  id: z.uuid(),
  country: CountryCode,
  kind: DisclosureKind,
  /** Names of the fields sent (never values). */
  fields: z.array(z.string()),
  employer: EmployerSummary.nullable(),
  at: z.iso.datetime(),
});
export type DisclosureEntry = z.infer<typeof DisclosureEntry>;

export const AttestationStatus = z.enum(['pending_attestation', 'approved', 'rejected', 'changes_requested']);
export type AttestationStatus = z.infer<typeof AttestationStatus>;

/** An attested job order as the public list shows it. */
export const JobOrderListing = z.object({
  id: z.uuid(),
  country: CountryCode,
  countryNameAr: z.string(),
  countryNameEn: z.string(),
  isco: IscoUnitCode,
  occupationTitleAr: z.string(),
  occupationTitleEn: z.string(),
  titleAr: z.string(),
  titleEn: z.string(),
  city: z.string(),
  /** Arabic name of `city` from the destination city list; null when not listed (show `city`). */
  cityAr: z.string().nullable(),
  positions: z.number().int(),
  wage: Money,
  /** Minor units per major unit of `wage.currency` (100 for SAR, 1000 for JOD), to display amounts. */
  wageMinorUnits: z.number().int(),
  contractMonths: z.number().int(),
  hoursPerWeek: z.number().int(),
  employer: z.object({ nameAr: z.string(), nameEn: z.string(), sector: z.string(), city: z.string(), verified: z.boolean(), verifiedAt: z.iso.datetime().nullable() }),
  postedOn: z.iso.date(),
  attestedAt: z.iso.datetime(),
});
export type JobOrderListing = z.infer<typeof JobOrderListing>;

export const JobOrderDetail = JobOrderListing.extend({
  terms: JobOrderTerms,
  /** schema.org JobPosting (JSON-LD) for a `<script type="application/ld+json">` on the public page. */
  jsonLd: z.record(z.string(), z.unknown()),
});
export type JobOrderDetail = z.infer<typeof JobOrderDetail>;

export const JobOrderListQuery = z.strictObject({
  country: CountryCode.optional(),
  /** ISCO-08 code prefix: 1–4 digits (4 = that unit group). */
  isco: z.string().regex(/^\d{1,4}$/, { message: 'invalid_format' }).optional(),
  q: z.string().trim().max(100).optional(),
  city: z.string().trim().max(120).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const JobOrderPage = z.object({ items: z.array(JobOrderListing), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type JobOrderPage = z.infer<typeof JobOrderPage>;

export const AttestationQueueQuery = z.strictObject({ status: AttestationStatus.default('pending_attestation') });
export const AttestationItem = z.object({
  id: z.uuid(),
  country: CountryCode,
  version: z.number().int(),
  status: AttestationStatus,
  terms: JobOrderTerms,
  /** Arabic name of `terms.city` from the destination city list (display only); null when not listed. */
  cityAr: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type AttestationItem = z.infer<typeof AttestationItem>;

export const AttestationDecisionRequest = z.strictObject({
  decision: z.enum(['approved', 'rejected', 'changes_requested']),
  /** Required unless approving; sent to the partner ministry. */
  reason: z.string().trim().min(3).max(2000).optional(),
});

export const Recommendation = z.object({
  jobOrder: JobOrderListing,
  score: z.number(),
  reasons: z.array(Bilingual),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const ApplyRequest = z.strictObject({ jobOrderId: z.uuid() });
export const WorkerApplication = z.object({ id: z.uuid(), jobOrderId: z.uuid(), country: CountryCode, titleAr: z.string(), titleEn: z.string(), submittedAt: z.iso.datetime() });
export type WorkerApplication = z.infer<typeof WorkerApplication>;

export const WorkerInvitation = z.object({
  id: z.uuid(),
  country: CountryCode,
  jobOrderId: z.uuid(),
  jobOrder: JobOrderListing.nullable(),
  employer: EmployerSummary,
  messageAr: z.string().nullable(),
  sentAt: z.iso.datetime(),
  status: z.enum(['pending', 'accepted', 'declined']),
  respondedAt: z.iso.datetime().nullable(),
  /** ContactDisclosure fields that accepting discloses (or disclosed) to this employer. */
  contactFields: z.array(ContactField),
});
export type WorkerInvitation = z.infer<typeof WorkerInvitation>;
export const InvitationResponseRequest = z.strictObject({ response: z.enum(['accepted', 'declined']) });


import { z } from 'zod';
import { normalizeDigits } from './digits.ts';
import { AgeBand, CefrLevel, ContactDisclosure, CurrencyCode, EducationLevel, IscoUnitCode, LanguageSkill, Money, SkillLevel } from './exchange.ts';

/**
 * REST contracts of the destination (partner) side of the overseas employment exchange: employers
 * registered and verified by this ministry, their job orders, candidate search over the profiles the
 * Egyptian node shared with this country, invitations and applications. Issue 3 parts 5–7.
 */

/** Digits only after folding Arabic-Indic digits and dropping spaces and dashes; the format per country is checked by the server. */
export const EstablishmentNumberInput = z
  .string()
  .max(40)
  .transform((v) => normalizeDigits(v).replace(/[\s-]/g, ''))
  .describe('National establishment number (SA: 10-digit unified number starting with 7; JO: 9 digits). Arabic-Indic digits accepted.');

const EmployerPassword = z.string().min(8, { message: 'password_too_short' }).max(128, { message: 'password_too_long' });
const Text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const RegisterEmployerRequest = z.strictObject({
  establishmentNumber: EstablishmentNumberInput,
  nameAr: Text(2, 160),
  nameEn: Text(2, 160),
  sector: Text(2, 120).describe('Economic activity, e.g. "Construction".'),
  city: Text(2, 120),
  representativeName: Text(2, 120),
  representativeEmail: z.email({ message: 'email_invalid' }).max(200),
  representativeMobile: z.string().max(30).describe("The representative's mobile in this node's country, any common form; stored as E.164."),
  password: EmployerPassword,
});
export type RegisterEmployerRequest = z.infer<typeof RegisterEmployerRequest>;

/** Sign in with the establishment number or the representative's email, and the password. */
export const EmployerSignInRequest = z
  .strictObject({
    establishmentNumber: EstablishmentNumberInput.optional(),
    email: z.email({ message: 'email_invalid' }).max(200).optional(),
    password: z.string().min(1).max(128),
  })
  .refine((v) => (v.establishmentNumber ? 1 : 0) + (v.email ? 1 : 0) === 1, { message: 'required', path: ['establishmentNumber'] });
export type EmployerSignInRequest = z.infer<typeof EmployerSignInRequest>;

export const EmployerStatus = z.enum(['pending', 'verified', 'rejected']);
export type EmployerStatus = z.infer<typeof EmployerStatus>;

export const EmployerAccount = z.object({
  id: z.uuid(),
  country: z.string(),
  establishmentNumber: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  sector: z.string(),
  city: z.string(),
  representativeName: z.string(),
  representativeEmail: z.string(),
  representativeMobile: z.string().describe('E.164'),
  status: EmployerStatus,
  decisionReason: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type EmployerAccount = z.infer<typeof EmployerAccount>;

export const EmployerVerificationQuery = z.strictObject({ status: EmployerStatus.default('pending') });

/** The ministry's decision on an employer; a rejection needs a reason the employer will read. */
export const EmployerDecisionRequest = z
  .strictObject({ decision: z.enum(['verified', 'rejected']), reason: z.string().trim().max(2000).nullable().default(null) })
  .refine((v) => v.decision === 'verified' || (v.reason !== null && v.reason.length >= 3), { message: 'required', path: ['reason'] });
export type EmployerDecisionRequest = z.infer<typeof EmployerDecisionRequest>;

const MoneyInput = z.strictObject({ amountMinor: z.number().int().min(0).max(100_000_000_000), currency: CurrencyCode });

/**
 * A job order's terms as the employer writes them (JobOrderTerms without the parts the node fills in).
 * `recruitmentCostsBorneByEmployer` is a boolean here so that `false` gets its own explanation
 * (`recruitment_costs_not_on_employer`) rather than a generic validation error.
 */
export const JobOrderInput = z.strictObject({
  isco: IscoUnitCode,
  titleAr: Text(2, 160),
  titleEn: z.string().trim().max(160).default(''),
  positions: z.number().int().min(1).max(10_000),
  wage: MoneyInput.describe('Basic monthly wage in minor units of the node country currency.'),
  allowances: z.strictObject({ housing: MoneyInput.nullable(), transport: MoneyInput.nullable(), food: MoneyInput.nullable() }),
  hoursPerWeek: z.number().int().min(1).max(72),
  restDaysPerWeek: z.number().int().min(0).max(7),
  contractMonths: z.number().int().min(1).max(120),
  probationDays: z.number().int().min(0).max(365),
  city: Text(1, 120),
  requirements: z.strictObject({
    minYears: z.number().int().min(0).max(40),
    languages: z.array(z.strictObject({ language: LanguageSkill.shape.language, level: CefrLevel })).max(10),
    certificateLevel: SkillLevel.nullable(),
    notesAr: z.string().max(2000).default(''),
  }),
  benefits: z.strictObject({ annualTicket: z.boolean(), endOfService: z.boolean(), medicalInsurance: z.boolean() }),
  recruitmentCostsBorneByEmployer: z.boolean(),
});
export type JobOrderInput = z.infer<typeof JobOrderInput>;

export const JobOrderStatus = z.enum(['draft', 'submitted', 'approved', 'rejected', 'changes_requested']);
export type JobOrderStatus = z.infer<typeof JobOrderStatus>;

export const JobOrder = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  country: z.string(),
  status: JobOrderStatus,
  version: z.number().int().describe('0 while a draft; 1 at first submission, +1 at each resubmission.'),
  isco: IscoUnitCode,
  occupationTitleAr: z.string(),
  occupationTitleEn: z.string(),
  titleAr: z.string(),
  titleEn: z.string(),
  positions: z.number().int(),
  wage: Money,
  allowances: z.object({ housing: Money.nullable(), transport: Money.nullable(), food: Money.nullable() }),
  hoursPerWeek: z.number().int(),
  restDaysPerWeek: z.number().int(),
  contractMonths: z.number().int(),
  probationDays: z.number().int(),
  city: z.string(),
  cityAr: z.string().nullable().describe('Arabic name of `city` from the destination city list; null when the city was typed and is not listed (show `city`).'),
  requirements: z.object({ minYears: z.number().int(), languages: z.array(LanguageSkill), certificateLevel: SkillLevel.nullable(), notesAr: z.string() }),
  benefits: z.object({ annualTicket: z.boolean(), endOfService: z.boolean(), medicalInsurance: z.boolean() }),
  recruitmentCostsBorneByEmployer: z.literal(true),
  postedOn: z.iso.date().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  applications: z.number().int().describe('Applications received from Egyptian workers.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type JobOrder = z.infer<typeof JobOrder>;

export const Bilingual = z.object({ ar: z.string(), en: z.string() });

const PageQuery = {
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
};

/** Candidate search. `level` (minimum CEFR level) applies to `language`. */
export const CandidateSearchQuery = z.strictObject({
  isco: IscoUnitCode,
  minYears: z.coerce.number().int().min(0).max(60).optional(),
  language: z.string().regex(/^[a-z]{2}$/, { message: 'invalid_format' }).optional(),
  level: CefrLevel.optional(),
  certificateLevel: SkillLevel.optional().describe('Minimum verified skill-level certificate.'),
  availableBy: z.iso.date().optional().describe('Available on or before this date.'),
  ...PageQuery,
});
export type CandidateSearchQuery = z.infer<typeof CandidateSearchQuery>;

export const MatchTier = z.enum(['unit_group', 'minor_group', 'sub_major_group']);

export const CandidateOccupation = z.object({ isco: IscoUnitCode, years: z.number().int(), titleAr: z.string(), titleEn: z.string() });

export const CandidateSummary = z.object({
  profileId: z.uuid(),
  occupations: z.array(CandidateOccupation),
  education: EducationLevel.nullable(),
  languages: z.array(LanguageSkill),
  certificateLevel: SkillLevel.nullable().describe('Highest verified skill-level certificate.'),
  availableFrom: z.iso.date().nullable(),
  ageBand: AgeBand.nullable(),
  expectedWage: Money.nullable(),
});
export type CandidateSummary = z.infer<typeof CandidateSummary>;

export const CandidateResult = CandidateSummary.extend({
  tier: MatchTier,
  matched: CandidateOccupation,
  reasons: z.array(Bilingual).describe('Why this candidate ranks here, in Arabic and English.'),
});
export type CandidateResult = z.infer<typeof CandidateResult>;

export const CandidatePage = z.object({ items: z.array(CandidateResult), page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean() });
export type CandidatePage = z.infer<typeof CandidatePage>;

export const ProfileIdParams = z.strictObject({ profileId: z.uuid() });

export const InvitationStatus = z.enum(['sent', 'accepted', 'declined']);

export const Invitation = z.object({
  id: z.uuid(),
  jobOrderId: z.uuid(),
  jobOrderTitleAr: z.string(),
  jobOrderTitleEn: z.string(),
  profileId: z.uuid(),
  applicationId: z.uuid().nullable(),
  messageAr: z.string().nullable(),
  status: InvitationStatus,
  sentAt: z.iso.datetime(),
  respondedAt: z.iso.datetime().nullable(),
  disclosure: ContactDisclosure.nullable().describe('Contact fields the worker disclosed to this employer on acceptance.'),
});
export type Invitation = z.infer<typeof Invitation>;

export const CandidateDetail = CandidateSummary.extend({
  skills: z.array(z.string()),
  certificates: z.array(z.object({ kind: z.string(), level: SkillLevel.nullable(), titleAr: z.string(), titleEn: z.string(), issuedAt: z.iso.date(), verificationCode: z.string().nullable() })),
  sex: z.enum(['male', 'female']).nullable(),
  invitations: z.array(Invitation).describe("This employer's invitations to this candidate."),
});
export type CandidateDetail = z.infer<typeof CandidateDetail>;

export const CreateInvitationRequest = z.strictObject({
  profileId: z.uuid(),
  jobOrderId: z.uuid(),
  applicationId: z.uuid().optional().describe('When answering an application to this job order.'),
  messageAr: z.string().trim().max(2000).optional(),
});
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export const JobApplication = z.object({
  id: z.uuid(),
  jobOrderId: z.uuid(),
  profileId: z.uuid(),
  submittedAt: z.iso.datetime(),
  candidate: CandidateSummary.nullable().describe('null when the worker has since withdrawn the profile from this country.'),
  invitation: z.object({ id: z.uuid(), status: InvitationStatus }).nullable(),
});
export type JobApplication = z.infer<typeof JobApplication>;

export const EmployerNotification = z.object({ id: z.uuid(), kind: z.string(), bodyAr: z.string(), bodyEn: z.string(), createdAt: z.iso.datetime() });
export type EmployerNotification = z.infer<typeof EmployerNotification>;

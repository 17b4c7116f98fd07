import { z } from 'zod';
import { SKILL_LEVELS } from './skill-levels.ts';
import { RegisterCheckpointMessage, RegisterCosignatureMessage } from './register.ts';

/**
 * Shared vocabulary of the overseas employment exchange (issue 3): what crosses between the Egyptian
 * node and partner ministries' nodes inside federation v1 messages, and what their REST APIs show.
 * Standards: ISCO-08 unit groups (4 digits), ISO 4217 currency with amounts in minor units, ISO 639-1
 * languages with CEFR levels, ISO 3166-1 alpha-2 countries, RFC 3339 dates.
 */
export { IscoUnitCode, CountryCode, CurrencyCode, Money } from './primitives.ts';
import { IscoUnitCode, CountryCode, Money } from './primitives.ts';
import { ContractCheck, ContractPayload, ContractTerms, JwsSignature } from './contracts.ts';

export const CefrLevel = z.enum(['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native']);
export const LanguageSkill = z.object({ language: z.string().regex(/^[a-z]{2}$/, { message: 'invalid_format' }).describe('ISO 639-1'), level: CefrLevel });
export type LanguageSkill = z.infer<typeof LanguageSkill>;

/** Education levels (ISCED 2011 levels 0–8 as Egypt names them). */
export const EducationLevel = z.enum(['none', 'primary', 'preparatory', 'secondary', 'technical_secondary', 'post_secondary', 'bachelor', 'master', 'doctorate']);
export type EducationLevel = z.infer<typeof EducationLevel>;

/** Skill-level grades, assistant worker to specialised technician (Decree 266/2025; list configurable later). */
export const SkillLevel = z.enum(SKILL_LEVELS);
export type SkillLevel = z.infer<typeof SkillLevel>;

export const OccupationExperience = z.object({ isco: IscoUnitCode, years: z.number().int().min(0).max(60) });

/** Verified evidence attached to a profile (skill-level certificates from the e-services issue, later training certificates). */
export const VerifiedCertificate = z.object({
  kind: z.enum(['skill_level', 'training']),
  isco: IscoUnitCode.nullable(),
  level: SkillLevel.nullable(),
  titleAr: z.string(),
  titleEn: z.string(),
  issuedAt: z.iso.date(),
  verificationCode: z.string().nullable(),
});

export const AgeBand = z.enum(['18-24', '25-34', '35-44', '45-54', '55+']);

/**
 * Every field a worker profile may ever carry across a border. Which of them a given country receives is
 * that country's field profile (allow-list, `apps/api/data/exchange/field-profiles.json`), enforced where
 * messages are built. National ID, phone, email, address and passport are not here and never leave.
 * `profileId` is pseudonymous and different for each destination country (no linkage across countries).
 */
export const SharedProfile = z.object({
  profileId: z.uuid(),
  occupations: z.array(OccupationExperience).max(5),
  skills: z.array(z.string().max(80)).max(30).optional(),
  education: EducationLevel.optional(),
  languages: z.array(LanguageSkill).max(10).optional(),
  certificates: z.array(VerifiedCertificate).max(20).optional(),
  expectedWage: Money.nullable().optional(),
  availableFrom: z.iso.date().nullable().optional(),
  ageBand: AgeBand.optional(),
  sex: z.enum(['male', 'female']).optional(),
  governorateCode: z.string().optional(),
});
export type SharedProfile = z.infer<typeof SharedProfile>;

/** Fields disclosed to one employer when the worker accepts that employer's invitation (logged). */
export const ContactDisclosure = z.object({
  nameAr: z.string(),
  nameLatin: z.string(),
  birthDate: z.iso.date().optional(),
  passportNumber: z.string().optional(),
  passportExpiry: z.iso.date().optional(),
});
export type ContactDisclosure = z.infer<typeof ContactDisclosure>;

export const EmployerSummary = z.object({
  employerId: z.uuid(),
  nameAr: z.string(),
  nameEn: z.string(),
  establishmentNumber: z.string(),
  sector: z.string(),
  city: z.string(),
  verified: z.boolean(),
  verifiedAt: z.iso.datetime().nullable(),
});
export type EmployerSummary = z.infer<typeof EmployerSummary>;

/** A job order as the destination ministry submits it for attestation (Law 14/2025 Art. 43: recruitment costs borne by the employer). */
export const JobOrderTerms = z.object({
  jobOrderId: z.uuid(),
  country: CountryCode,
  employer: EmployerSummary,
  isco: IscoUnitCode,
  titleAr: z.string().min(2).max(160),
  titleEn: z.string().max(160),
  positions: z.number().int().min(1).max(10_000),
  wage: Money.describe('basic monthly wage'),
  allowances: z.object({ housing: Money.nullable(), transport: Money.nullable(), food: Money.nullable() }),
  hoursPerWeek: z.number().int().min(1).max(72),
  restDaysPerWeek: z.number().int().min(0).max(7),
  contractMonths: z.number().int().min(1).max(120),
  probationDays: z.number().int().min(0).max(365),
  city: z.string().min(1).max(120),
  requirements: z.object({ minYears: z.number().int().min(0).max(40), languages: z.array(LanguageSkill).max(10), certificateLevel: SkillLevel.nullable(), notesAr: z.string().max(2000) }),
  benefits: z.object({ annualTicket: z.boolean(), endOfService: z.boolean(), medicalInsurance: z.boolean() }),
  recruitmentCostsBorneByEmployer: z.literal(true),
  postedOn: z.iso.date(),
});
export type JobOrderTerms = z.infer<typeof JobOrderTerms>;

/** Federation v1 message types of the exchange and their bodies (docs/federation-v1.md). */
export const ExchangeMessageBodies = {
  /** EG → partner: a consented profile, filtered to the partner's field profile. Entity: profile/profileId. */
  'profile.upsert': SharedProfile,
  /** EG → partner: consent withdrawn; the partner removes the profile from search at once. Entity: profile/profileId. */
  'profile.withdraw': z.object({ profileId: z.uuid() }),
  /** partner → EG: an employer opened the profile (for the worker's disclosure log). */
  'profile.viewed': z.object({ profileId: z.uuid(), employer: EmployerSummary, viewedAt: z.iso.datetime() }),
  /** partner → EG: a job order for attestation. Entity: job_order/jobOrderId. */
  'job_order.submitted': JobOrderTerms,
  /** EG → partner: the attestation decision. */
  'job_order.decision': z.object({
    jobOrderId: z.uuid(),
    decision: z.enum(['approved', 'rejected', 'changes_requested']),
    reason: z.string().max(2000).nullable(),
    decidedAt: z.iso.datetime(),
  }),
  /** EG → partner: a worker applies to an attested job order. */
  'application.submitted': z.object({ applicationId: z.uuid(), jobOrderId: z.uuid(), profileId: z.uuid(), submittedAt: z.iso.datetime() }),
  /** partner → EG: an employer invites a candidate (optionally answering an application). */
  'invitation.sent': z.object({
    invitationId: z.uuid(),
    jobOrderId: z.uuid(),
    profileId: z.uuid(),
    applicationId: z.uuid().nullable(),
    employer: EmployerSummary,
    messageAr: z.string().max(2000).nullable(),
    sentAt: z.iso.datetime(),
  }),
  /** EG → partner: the worker's answer; on acceptance, the contact fields that country's profile allows. */
  'invitation.responded': z.object({
    invitationId: z.uuid(),
    response: z.enum(['accepted', 'declined']),
    disclosure: ContactDisclosure.nullable(),
    respondedAt: z.iso.datetime(),
  }),
  /** partner → EG: a contract version drafted by a verified employer and signed by the partner node (JWS over RFC 8785 canonical payload). Entity: contract/contractId, per-sender sequence. */
  'contract.submitted': z.object({ payload: ContractPayload, signature: JwsSignature, submittedAt: z.iso.datetime() }),
  /** EG → partner: progress of a contract version; on conclusion the Egyptian node's signature, verification code and register index. Entity: contract/contractId, per-sender sequence. */
  'contract.status': z.object({
    contractId: z.uuid(),
    version: z.number().int().min(1),
    status: z.enum(['received', 'checks_failed', 'awaiting_attestation', 'offered', 'rejected', 'amendment_requested', 'concluded', 'cancelled', 'superseded']),
    reason: z.string().max(2000).nullable(),
    checks: z.array(ContractCheck),
    at: z.iso.datetime(),
    concluded: z.object({ code: z.string().max(40), signature: JwsSignature, registerIndex: z.number().int().min(0), verifyUrl: z.string().max(2000) }).nullable(),
  }),
  /** partner → EG: the employer withdrew (before conclusion) or cancelled (after) a contract version. */
  'contract.cancelled': z.object({ contractId: z.uuid(), version: z.number().int().min(1), reason: z.string().max(2000), at: z.iso.datetime() }),
  /** partner → EG: the contract as registered with the destination authority (Qiwa, MOHRE …) on arrival; compared term by term with the concluded one. */
  'contract.registered': z.object({ contractId: z.uuid(), version: z.number().int().min(1), terms: ContractTerms, destinationReference: z.string().max(60), registeredAt: z.iso.datetime() }),
  /** log → each peer (witness): a signed checkpoint and a consistency proof from the size that peer last verified. Entity: register_checkpoint/origin, version = tree size. */
  'register.checkpoint': RegisterCheckpointMessage,
  /** witness → log: the cosignature of that checkpoint, or the witness's verified size when it could not check consistency from the claimed one. */
  'register.cosignature': RegisterCosignatureMessage,
} as const;
export type ExchangeMessageType = keyof typeof ExchangeMessageBodies;
export type ExchangeMessageBody<T extends ExchangeMessageType> = z.infer<(typeof ExchangeMessageBodies)[T]>;

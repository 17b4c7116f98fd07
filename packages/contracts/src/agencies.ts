import { z } from 'zod';
import { normalizeDigits, parseLocaleNumber } from './digits.ts';
import { CountryCode, CurrencyCode } from './exchange.ts';
import { GOVERNORATES } from './governorates.ts';

/**
 * REST contracts of the licensed recruitment agencies registry and of broker reports (Egyptian node,
 * issue 4 part 9). Sources: Egypt Labour Law 14/2025 Art. 40 (who may place workers: private
 * employment agencies licensed by the Ministry, in one of four company forms), Art. 41 (paid-in capital
 * at least EGP 250,000 for placement in Egypt and EGP 500,000 abroad), Art. 43 (nothing may be taken
 * from the worker, except up to 1 % of the first-year wage by a licensed agency).
 */

/** Licence number, the registry's stable public identifier: `RA-YYYY-NNNN`, e.g. `RA-2025-0142`. */
export const LICENCE_NUMBER_PATTERN = /^RA-\d{4}-\d{4}$/;

/** A licence number as typed: Arabic-Indic digits folded, spaces dropped, upper-cased, then checked. */
export const LicenceNumberInput = z
  .string()
  .max(40)
  .transform((v) => normalizeDigits(v).replace(/\s/g, '').toUpperCase())
  .pipe(z.string().regex(LICENCE_NUMBER_PATTERN, { message: 'licence_number_format' }))
  .describe('Licence number RA-YYYY-NNNN; Arabic-Indic digits accepted.');

export const LicenceParams = z.strictObject({
  licence: z.string().regex(LICENCE_NUMBER_PATTERN, { message: 'licence_number_format' }).describe('Licence number RA-YYYY-NNNN'),
});

export const AgencyStatus = z.enum(['valid', 'suspended', 'revoked']);
export type AgencyStatus = z.infer<typeof AgencyStatus>;
/** Company forms allowed by Art. 40 item 4. */
export const AgencyLegalForm = z.enum(['jsc', 'partnership_limited_by_shares', 'llc', 'one_person_company']);
export type AgencyLegalForm = z.infer<typeof AgencyLegalForm>;
/** Placement the licence covers: in Egypt, abroad, or both. */
export const AgencyScope = z.enum(['domestic', 'abroad', 'both']);
export type AgencyScope = z.infer<typeof AgencyScope>;

/** Art. 41 minimum paid-in capital in piastres (EGP × 100): 250,000 EGP domestic; 500,000 EGP abroad or both. */
export const AGENCY_CAPITAL_MINIMUM_PIASTRES: Record<AgencyScope, number> = {
  domestic: 250_000 * 100,
  abroad: 500_000 * 100,
  both: 500_000 * 100,
};

const GovernorateCode = z.string().refine((v) => v !== '88' && GOVERNORATES.some((g) => g.code === v), { message: 'invalid_value' }).describe('Governorate code (national ID digits 8–9), e.g. 01 Cairo.');
/** Whole numbers typed as strings may use Arabic-Indic digits and thousands separators. */
const WholeNumber = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (parseLocaleNumber(v) ?? 0) : v), z.number().int().min(0).max(max));
/** A phone as typed: Arabic-Indic digits folded; digits, spaces, dashes, parentheses and a leading +. */
const PhoneInput = z
  .string()
  .max(40)
  .transform((v) => normalizeDigits(v).trim())
  .pipe(z.string().regex(/^\+?[0-9][0-9 ()-]{5,24}$/, { message: 'agency_phone_invalid' }));

export const AgencyStatusChange = z.object({
  from: AgencyStatus.nullable().describe('null for the licence being registered'),
  to: AgencyStatus,
  reason: z.string(),
  at: z.iso.datetime(),
});
export type AgencyStatusChange = z.infer<typeof AgencyStatusChange>;

/** One agency as the public registry shows it. */
export const Agency = z.object({
  licenceNumber: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  legalForm: AgencyLegalForm,
  scope: AgencyScope,
  paidInCapitalPiastres: z.number().int().describe('Paid-in capital in piastres (EGP minor units).'),
  governorateCode: z.string(),
  address: z.string(),
  phone: z.string(),
  licenceIssuedOn: z.iso.date(),
  licenceExpiresOn: z.iso.date(),
  status: AgencyStatus,
  statusReason: z.string().nullable(),
  statusChangedAt: z.iso.datetime(),
  /** The licence date has passed (status may still read `valid`): the agency may not act until renewed. */
  expired: z.boolean(),
  /** True only while status is valid and the licence has not expired. */
  mayOperate: z.boolean(),
  /** Synthetic demo data, not a real licence. */
  isDemo: z.boolean(),
});
export type Agency = z.infer<typeof Agency>;

export const AgencyDetail = Agency.extend({ history: z.array(AgencyStatusChange) });
export type AgencyDetail = z.infer<typeof AgencyDetail>;

export const AgencySearchQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Name (Arabic folded: hamza forms, ta marbuta, diacritics) or licence number.'),
  status: AgencyStatus.optional(),
  governorate: z.string().regex(/^\d{2}$/, { message: 'invalid_format' }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AgencySearchQuery = z.infer<typeof AgencySearchQuery>;

export const AgencyPage = z.object({ items: z.array(Agency), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type AgencyPage = z.infer<typeof AgencyPage>;

/** HQ registers a licence. Capital is checked against the Art. 41 minimum for the scope (`agency_capital_below_minimum`). */
export const CreateAgencyRequest = z
  .strictObject({
    licenceNumber: LicenceNumberInput,
    nameAr: z.string().trim().min(2).max(200),
    nameEn: z.string().trim().min(2).max(200),
    legalForm: AgencyLegalForm,
    scope: AgencyScope,
    paidInCapitalPiastres: WholeNumber(1_000_000_000_000_000).describe('Paid-in capital in piastres (EGP × 100); Arabic-Indic digits accepted.'),
    governorateCode: GovernorateCode,
    address: z.string().trim().min(5).max(300),
    phone: PhoneInput,
    licenceIssuedOn: z.iso.date(),
    licenceExpiresOn: z.iso.date(),
  })
  .refine((v) => v.licenceExpiresOn > v.licenceIssuedOn, { message: 'agency_licence_dates', path: ['licenceExpiresOn'] });
export type CreateAgencyRequest = z.infer<typeof CreateAgencyRequest>;

/** A licence decision: valid ↔ suspended; → revoked is final. The reason is published with the status. */
export const ChangeAgencyStatusRequest = z.strictObject({
  status: AgencyStatus,
  reason: z.string().trim().min(3).max(1000),
});
export type ChangeAgencyStatusRequest = z.infer<typeof ChangeAgencyStatusRequest>;

/** An authorisation a worker gave an agency to act for them. */
export const AgencyAuthorisation = z.object({
  id: z.uuid(),
  agency: Agency,
  grantedAt: z.iso.datetime(),
  withdrawnAt: z.iso.datetime().nullable(),
  active: z.boolean(),
});
export type AgencyAuthorisation = z.infer<typeof AgencyAuthorisation>;

export const GrantAgencyAuthorisationRequest = z.strictObject({ licenceNumber: LicenceNumberInput });
export type GrantAgencyAuthorisationRequest = z.infer<typeof GrantAgencyAuthorisationRequest>;

// ---------- broker reports ----------

export const BrokerReportStatus = z.enum(['new', 'investigating', 'referred', 'closed']);
export type BrokerReportStatus = z.infer<typeof BrokerReportStatus>;

/** Reference a reporter quotes later: `BR-XXXX-XXXX` (Crockford base32). */
export const BROKER_REPORT_REFERENCE_PATTERN = /^BR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const BrokerReportParams = z.strictObject({ reference: z.string().regex(BROKER_REPORT_REFERENCE_PATTERN, { message: 'invalid_format' }) });

const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null));

/**
 * An anonymous report of a broker (Art. 43: no legal job requires the worker to pay a broker).
 * Money asked: whole units typed by the reporter are converted by the client; the API takes minor units.
 * `amountAsked` needs both amount and currency. Nothing identifies the reporter unless they give a contact.
 */
export const CreateBrokerReportRequest = z.strictObject({
  claimedOffer: z.string().trim().min(5).max(500).describe('What the broker claimed to offer: job, visa, contract.'),
  brokerName: OptionalText(200),
  brokerPhone: OptionalText(40).transform((v) => (v ? normalizeDigits(v) : null)),
  brokerLink: OptionalText(500).describe('A social-media page or advert link, free text; never fetched.'),
  promisedCountry: CountryCode.nullable().default(null),
  amountAsked: z
    .strictObject({
      amountMinor: WholeNumber(100_000_000_000).describe('Minor units of the currency (EGP: piastres).'),
      currency: CurrencyCode,
    })
    .nullable()
    .default(null),
  description: z.string().trim().min(10).max(5000).describe('What happened: where you saw the offer, what was said, what was paid.'),
  reporterContact: OptionalText(200).describe('Optional: a phone or email if you agree to be contacted. Leave empty to stay anonymous.'),
});
export type CreateBrokerReportRequest = z.infer<typeof CreateBrokerReportRequest>;

export const BrokerReportReceipt = z.object({
  reference: z.string().describe('Quote this reference if you contact the ministry about your report.'),
  receivedAt: z.iso.datetime(),
});
export type BrokerReportReceipt = z.infer<typeof BrokerReportReceipt>;

export const BrokerReportStaff = z.object({ id: z.uuid(), nameAr: z.string(), nameEn: z.string() });

export const BrokerReportEvent = z.object({
  kind: z.enum(['status_changed', 'assigned', 'note_added']),
  by: BrokerReportStaff,
  fromStatus: BrokerReportStatus.nullable(),
  toStatus: BrokerReportStatus.nullable(),
  assignedTo: BrokerReportStaff.nullable(),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});
export type BrokerReportEvent = z.infer<typeof BrokerReportEvent>;

export const BrokerReport = z.object({
  reference: z.string(),
  status: BrokerReportStatus,
  claimedOffer: z.string(),
  brokerName: z.string().nullable(),
  brokerPhone: z.string().nullable(),
  brokerLink: z.string().nullable(),
  promisedCountry: z.string().nullable(),
  amountAsked: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  description: z.string(),
  reporterContact: z.string().nullable(),
  assignedTo: BrokerReportStaff.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type BrokerReport = z.infer<typeof BrokerReport>;

export const BrokerReportDetail = BrokerReport.extend({ events: z.array(BrokerReportEvent) });
export type BrokerReportDetail = z.infer<typeof BrokerReportDetail>;

export const BrokerReportQueueQuery = z.strictObject({
  status: BrokerReportStatus.optional(),
  /** `me`: assigned to the caller; `none`: unassigned. */
  assigned: z.enum(['me', 'none']).optional(),
  country: CountryCode.optional(),
  q: z.string().trim().max(100).optional().describe('Broker name, phone or link, or the reference.'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type BrokerReportQueueQuery = z.infer<typeof BrokerReportQueueQuery>;

export const BrokerReportPage = z.object({ items: z.array(BrokerReport), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type BrokerReportPage = z.infer<typeof BrokerReportPage>;

/** Move a report along the queue. `referred` and `closed` need a note (to whom, or why). */
export const BrokerReportStatusRequest = z
  .strictObject({ status: BrokerReportStatus.exclude(['new']), note: z.string().trim().max(2000).nullable().default(null) })
  .refine((v) => v.status === 'investigating' || (v.note !== null && v.note.length >= 3), { message: 'required', path: ['note'] });
export type BrokerReportStatusRequest = z.infer<typeof BrokerReportStatusRequest>;

/** Assign to an HQ staff member (hq_admin or overseas_officer), or `null` to unassign. */
export const BrokerReportAssignRequest = z.strictObject({ staffId: z.uuid().nullable() });
export type BrokerReportAssignRequest = z.infer<typeof BrokerReportAssignRequest>;

export const BrokerReportNoteRequest = z.strictObject({ note: z.string().trim().min(3).max(2000) });
export type BrokerReportNoteRequest = z.infer<typeof BrokerReportNoteRequest>;

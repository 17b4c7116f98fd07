import { z } from 'zod';
import { normalizeDigits } from './digits.ts';
import { parseNationalId } from './national-id.ts';
import { EmployerAccount } from './employers.ts';

/** A national ID field: any digits form accepted; errors carry the `national_id_*` field codes. */
export const NationalIdInput = z
  .string()
  .max(40)
  .superRefine((value, ctx) => {
    const parsed = parseNationalId(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  })
  .transform((value) => normalizeDigits(value).replace(/[\s-]/g, ''))
  .describe('Egyptian national ID, 14 digits (Arabic-Indic digits accepted).');

// Letters, harakat (combining marks on purpose) and tatweel of the Arabic block.
// eslint-disable-next-line no-misleading-character-class
const ARABIC_NAME = /^[\u0621-\u064A\u0660-\u0669\u064B-\u0652\u0640\s.'-]+$/u;
const LATIN_NAME = /^[A-Za-z\s.'-]+$/;

/** Full name in Arabic letters (2–120 characters, trimmed). */
export const NameArInput = z
  .string()
  .trim()
  .min(2)
  .max(120)
  .refine((v) => ARABIC_NAME.test(v), { message: 'name_arabic_script' });

/** Full name in Latin letters as in the passport (2–120 characters, trimmed). */
export const NameLatinInput = z
  .string()
  .trim()
  .min(2)
  .max(120)
  .refine((v) => LATIN_NAME.test(v), { message: 'name_latin_script' });

/** Password as typed; length and common-password rules are checked by the server (ASVS 6.2.1, 6.2.9, 6.2.12). */
export const PasswordInput = z.string().min(8, { message: 'password_too_short' }).max(128, { message: 'password_too_long' });

/** A 6-digit one-time code; Arabic-Indic digits accepted. */
export const OtpInput = z
  .string()
  .max(20)
  .transform((v) => normalizeDigits(v).replace(/\s/g, ''))
  .refine((v) => /^\d{6}$/.test(v), { message: 'otp_format' });

export const Locale = z.enum(['ar', 'en']);
export type Locale = z.infer<typeof Locale>;

export const RegisterCitizenRequest = z.strictObject({
  nationalId: NationalIdInput,
  nameAr: NameArInput,
  nameLatin: NameLatinInput,
  // Shape only here (so an empty or malformed number is reported with the other fields); the service checks it is a real Egyptian mobile.
  mobile: z
    .string()
    .max(30)
    .refine((v) => /^\+?\d{8,15}$/.test(normalizeDigits(v).replace(/[\s\-().]/g, '')), { message: 'mobile_invalid' })
    .describe('Egyptian mobile in any common form: 01X…, +201X…, 00201X…, Arabic-Indic digits.'),
  password: PasswordInput,
  locale: Locale.default('ar'),
});
export type RegisterCitizenRequest = z.infer<typeof RegisterCitizenRequest>;

export const PendingVerification = z.object({
  accountId: z.uuid(),
  mobileMasked: z.string(),
  codeExpiresAt: z.iso.datetime(),
});
export type PendingVerification = z.infer<typeof PendingVerification>;

export const VerifyMobileRequest = z.strictObject({ accountId: z.uuid(), code: OtpInput });
export const ResendCodeRequest = z.strictObject({ accountId: z.uuid() });

export const SignInRequest = z.strictObject({ nationalId: NationalIdInput, password: z.string().min(1).max(128) });

export const CitizenAccount = z.object({
  id: z.uuid(),
  nationalIdMasked: z.string(),
  nameAr: z.string(),
  nameLatin: z.string(),
  mobile: z.string().describe('E.164'),
  email: z.string().nullable(),
  birthDate: z.iso.date(),
  sex: z.enum(['male', 'female']),
  governorateCode: z.string(),
  locale: Locale,
  mobileVerified: z.boolean(),
  needsReview: z.boolean().describe('True when the national ID check digit did not match: a clerk reviews the account.'),
  createdAt: z.iso.datetime(),
});
export type CitizenAccount = z.infer<typeof CitizenAccount>;

export const UpdateCitizenAccountRequest = z.strictObject({
  nameAr: NameArInput.optional(),
  nameLatin: NameLatinInput.optional(),
  email: z.email({ message: 'email_invalid' }).max(200).nullable().optional(),
  locale: Locale.optional(),
});
export type UpdateCitizenAccountRequest = z.infer<typeof UpdateCitizenAccountRequest>;

/**
 * `overseas_officer`: HQ overseas-employment staff (attestation of job orders on the Egyptian node; employer verification on a partner node).
 * `trainer` and `training_centre_manager`: staff of one vocational training centre (author and submit courses); `training_hq`: the HQ training department (approves courses for publication).
 */
export const StaffRole = z.enum(['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor', 'overseas_officer', 'trainer', 'training_centre_manager', 'training_hq']);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffSignInRequest = z.strictObject({
  email: z.email({ message: 'email_invalid' }).max(200),
  password: z.string().min(1).max(128),
  totp: z
    .string()
    .max(20)
    .transform((v) => normalizeDigits(v).replace(/\s/g, ''))
    .refine((v) => /^\d{6}$/.test(v), { message: 'totp_format' }),
});

export const StaffMember = z.object({
  id: z.uuid(),
  email: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  role: StaffRole,
  officeId: z.uuid().nullable(),
  directorateCode: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type StaffMember = z.infer<typeof StaffMember>;

/** What the signed-in browser is: nobody, a citizen, a staff member or (on partner nodes) an employer. */
export const SessionInfo = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({ kind: z.literal('citizen'), account: CitizenAccount }),
  z.object({ kind: z.literal('staff'), staff: StaffMember }),
  z.object({ kind: z.literal('employer'), employer: EmployerAccount }),
]);
export type SessionInfo = z.infer<typeof SessionInfo>;

export const CsrfToken = z.object({ token: z.string() });

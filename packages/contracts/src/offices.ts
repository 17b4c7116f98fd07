import { z } from 'zod';
import { StaffMember, StaffRole, NameArInput, PasswordInput } from './identity.ts';

export const Directorate = z.object({
  governorateCode: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  officeCount: z.number().int(),
});
export type Directorate = z.infer<typeof Directorate>;

export const Office = z.object({
  id: z.uuid(),
  code: z.string(),
  directorateCode: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  seatAr: z.string(),
  seatEn: z.string(),
  active: z.boolean(),
});
export type Office = z.infer<typeof Office>;

const OfficeCode = z.string().trim().regex(/^[A-Z0-9-]{3,20}$/, { message: 'invalid_format' });
const EnglishText = z.string().trim().min(2).max(160);

export const CreateOfficeRequest = z.strictObject({
  code: OfficeCode,
  directorateCode: z.string().regex(/^\d{2}$/, { message: 'invalid_format' }),
  nameAr: z.string().trim().min(2).max(160),
  nameEn: EnglishText,
  seatAr: z.string().trim().min(2).max(160),
  seatEn: EnglishText,
});
export type CreateOfficeRequest = z.infer<typeof CreateOfficeRequest>;

export const UpdateOfficeRequest = z.strictObject({
  nameAr: z.string().trim().min(2).max(160).optional(),
  nameEn: EnglishText.optional(),
  seatAr: z.string().trim().min(2).max(160).optional(),
  seatEn: EnglishText.optional(),
  active: z.boolean().optional(),
});
export type UpdateOfficeRequest = z.infer<typeof UpdateOfficeRequest>;

export const OfficeListQuery = z.strictObject({
  directorate: z.string().regex(/^\d{2}$/, { message: 'invalid_format' }).optional(),
});

export const IdParams = z.strictObject({ id: z.uuid() });

export const CreateStaffRequest = z.strictObject({
  email: z.email({ message: 'email_invalid' }).max(200),
  nameAr: NameArInput,
  nameEn: EnglishText,
  role: StaffRole,
  officeId: z.uuid().nullable().default(null),
  directorateCode: z.string().regex(/^\d{2}$/, { message: 'invalid_format' }).nullable().default(null),
  password: PasswordInput,
});
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;

/** Returned once at creation: the TOTP secret is never shown again (RFC 6238 enrolment). */
export const CreatedStaff = z.object({
  staff: StaffMember,
  totpSecret: z.string().describe('Base32 secret, RFC 4648'),
  totpUri: z.string().describe('otpauth:// URI for authenticator apps'),
  totpQrSvg: z.string().describe('SVG QR code of totpUri'),
});

export const UpdateStaffRequest = z.strictObject({
  role: StaffRole.optional(),
  officeId: z.uuid().nullable().optional(),
  directorateCode: z.string().regex(/^\d{2}$/, { message: 'invalid_format' }).nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;

export const StaffListQuery = z.strictObject({
  officeId: z.uuid().optional(),
  directorate: z.string().regex(/^\d{2}$/, { message: 'invalid_format' }).optional(),
});
export type CreatedStaff = z.infer<typeof CreatedStaff>;

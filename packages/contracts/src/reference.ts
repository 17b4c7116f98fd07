import { z } from 'zod';

export const Occupation = z.object({
  code: z.string().describe('ISCO-08 code, 1–4 digits, kept as a string (group 0 exists)'),
  level: z.number().int().min(1).max(4),
  parentCode: z.string().nullable(),
  titleEn: z.string(),
  titleAr: z.string().describe('Unofficial Arabic translation made for Rabt'),
  escoUri: z.string(),
});
export type Occupation = z.infer<typeof Occupation>;

export const OccupationSearchQuery = z.strictObject({
  q: z.string().max(100).default(''),
  level: z.coerce.number().int().min(1).max(4).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const OccupationCodeParams = z.strictObject({ code: z.string().regex(/^\d{1,4}$/, { message: 'invalid_format' }) });

export const Governorate = z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string(), isGovernorate: z.boolean() });
export const Country = z.object({
  iso2: z.string(),
  iso3: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  currency: z.string(),
  currencyMinorUnits: z.number().int(),
  diallingCode: z.string(),
});
export type Country = z.infer<typeof Country>;
export type Governorate = z.infer<typeof Governorate>;

/**
 * A city of a destination country, for the workplace city of job orders and contracts (issue 4). `nameEn`
 * is the value stored in job orders and contracts; `nameAr` is shown on the Arabic side (a presentation
 * lookup: signed contracts keep the city exactly as it was signed).
 */
export const DestinationCity = z.object({ country: z.string(), nameEn: z.string(), nameAr: z.string() });
export type DestinationCity = z.infer<typeof DestinationCity>;
export const DestinationCitiesQuery = z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/, { message: 'invalid_format' }) });

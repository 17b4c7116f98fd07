import { z } from 'zod';

/** Standard codes and money shared by every contract file (ISCO-08, ISO 3166-1, ISO 4217). */
export const IscoUnitCode = z.string().regex(/^\d{4}$/, { message: 'invalid_format' }).describe('ISCO-08 unit group');
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, { message: 'invalid_format' }).describe('ISO 3166-1 alpha-2');
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, { message: 'invalid_format' }).describe('ISO 4217');

/** An amount of money as integer minor units (e.g. halalas, piastres) with its ISO 4217 currency. */
export const Money = z.object({ amountMinor: z.number().int().nonnegative(), currency: CurrencyCode });
export type Money = z.infer<typeof Money>;

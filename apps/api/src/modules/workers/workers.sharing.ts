import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  ContactDisclosure,
  ContactField,
  SharedProfile,
  SharedProfileField,
  type EducationLevel,
  type LanguageSkill,
  type Money,
} from '@rabt/contracts';
import { API_ROOT } from '../../platform/paths.ts';

/**
 * The one place where what leaves this node about a worker is decided. Every profile message and every
 * contact disclosure is built here from the destination country's allow-list
 * (`apps/api/data/exchange/field-profiles.json`). The allow-list can only name SharedProfile and
 * ContactDisclosure fields, which do not include the national ID, phone, email or address; the
 * passport can only appear in a ContactDisclosure after the worker accepted an invitation.
 */

export const FIELD_PROFILES_FILE = join(API_ROOT, 'data', 'exchange', 'field-profiles.json');

const FieldProfile = z.strictObject({ profile: z.array(SharedProfileField), contact: z.array(ContactField) });
export type FieldProfile = z.infer<typeof FieldProfile>;
const FieldProfilesFile = z.object({
  consentText: z.strictObject({ version: z.string().min(1), ar: z.string().includes('{country}'), en: z.string().includes('{country}') }),
  countries: z.record(z.string().regex(/^([A-Z]{2}|default)$/), FieldProfile).refine((c) => 'default' in c, 'a default profile is required'),
});
export type FieldProfiles = z.infer<typeof FieldProfilesFile>;

let cached: FieldProfiles | undefined;

/** The field profiles, read and validated once (a bad file stops the node at start-up). */
export function fieldProfiles(): FieldProfiles {
  return (cached ??= FieldProfilesFile.parse(JSON.parse(readFileSync(FIELD_PROFILES_FILE, 'utf8'))));
}

/** The allow-list for `country` (its own entry, else `default`). */
export function fieldProfileFor(country: string, profiles: FieldProfiles = fieldProfiles()): FieldProfile {
  return profiles.countries[country] ?? profiles.countries.default!;
}

/** Everything this node knows about a worker that a message could ever draw on (most of it must never leave). */
export interface WorkerSource {
  nationalId: string;
  nameAr: string;
  nameLatin: string;
  birthDate: string;
  sex: 'male' | 'female';
  governorateCode: string;
  mobile: string;
  email: string | null;
  address?: string | null;
  occupations: { isco: string; years: number }[];
  skills: string[];
  education: EducationLevel | null;
  languages: LanguageSkill[];
  certificates: SharedProfile['certificates'];
  expectedWage: Money | null;
  availableFrom: string | null;
  passport: { number: string; expiry: string } | null;
}

/** Age band on `today` (YYYY-MM-DD), from the birth date. */
export function ageBand(birthDate: string, today: string): NonNullable<SharedProfile['ageBand']> {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const age = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}

/**
 * The profile message body for `country`: `profileId` (that country's pseudonym) plus exactly the
 * allowed fields. Re-parsed through SharedProfile, which strips anything not in the contract.
 */
export function buildSharedProfile(source: WorkerSource, profileId: string, country: string, today: string, profiles?: FieldProfiles): SharedProfile {
  const allowed = fieldProfileFor(country, profiles).profile;
  const values: { [K in SharedProfileField]: () => SharedProfile[K] } = {
    occupations: () => source.occupations.map((o) => ({ isco: o.isco, years: o.years })),
    skills: () => [...source.skills],
    education: () => source.education ?? undefined,
    languages: () => source.languages.map((l) => ({ language: l.language, level: l.level })),
    certificates: () => source.certificates ?? [],
    expectedWage: () => source.expectedWage,
    availableFrom: () => source.availableFrom,
    ageBand: () => ageBand(source.birthDate, today),
    sex: () => source.sex,
    governorateCode: () => source.governorateCode,
  };
  const out: Record<string, unknown> = { profileId, occupations: [] };
  for (const field of allowed) {
    const v = values[field]();
    if (v !== undefined) out[field] = v;
  }
  return SharedProfile.parse(out);
}

/** The fields actually present in a built profile (for the worker's disclosure log). */
export function sharedFieldNames(profile: SharedProfile): string[] {
  return Object.keys(profile).filter((k) => k !== 'profileId');
}

/** The contact fields disclosed to one employer of `country` when the worker accepts its invitation. */
export function buildContactDisclosure(source: WorkerSource, country: string, profiles?: FieldProfiles): ContactDisclosure {
  const allowed = new Set(fieldProfileFor(country, profiles).contact);
  const out: Record<string, unknown> = { nameAr: source.nameAr, nameLatin: source.nameLatin };
  if (allowed.has('birthDate')) out.birthDate = source.birthDate;
  if (allowed.has('passportNumber') && source.passport) out.passportNumber = source.passport.number;
  if (allowed.has('passportExpiry') && source.passport) out.passportExpiry = source.passport.expiry;
  return ContactDisclosure.parse(out);
}

/** Consent text with the country name filled in. */
export function consentText(countryNameAr: string, countryNameEn: string, profiles: FieldProfiles = fieldProfiles()): { ar: string; en: string } {
  return { ar: profiles.consentText.ar.replace('{country}', countryNameAr), en: profiles.consentText.en.replace('{country}', countryNameEn) };
}

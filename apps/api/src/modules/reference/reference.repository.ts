import type { Kysely } from 'kysely';
import type { Country, Occupation } from '@rabt/contracts';
import type { DB } from '../../platform/db/schema.ts';

export async function allOccupations(db: Kysely<DB>): Promise<Occupation[]> {
  const rows = await db.selectFrom('occupations').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, level: r.level, parentCode: r.parent_code, titleEn: r.title_en, titleAr: r.title_ar, escoUri: r.esco_uri }));
}

/** Alternative labels (job titles as written, mostly singular Arabic) of ISCO-08 unit groups. */
export function allOccupationAliases(db: Kysely<DB>): Promise<{ isco: string; label: string }[]> {
  return db.selectFrom('occupation_aliases').select(['isco', 'label']).orderBy('isco').execute();
}

export async function allGovernorates(db: Kysely<DB>) {
  const rows = await db.selectFrom('governorates').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, nameAr: r.name_ar, nameEn: r.name_en, isGovernorate: r.is_governorate }));
}

export async function allCountries(db: Kysely<DB>): Promise<Country[]> {
  const rows = await db.selectFrom('countries').selectAll().orderBy('iso2').execute();
  return rows.map((r) => ({
    iso2: r.iso2,
    iso3: r.iso3,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    currency: r.currency,
    currencyMinorUnits: r.currency_minor_units,
    diallingCode: r.dialling_code,
  }));
}

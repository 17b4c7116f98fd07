import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DestinationCity } from '@rabt/contracts';
import { REFERENCE_DIR } from '../../platform/paths.ts';
import { foldForSearch } from './arabic.ts';

/**
 * Cities of the destination countries (apps/api/data/reference/destination_cities.csv, see SOURCE.md there):
 * the list an employer picks a job order's workplace city from, and the lookup that shows a stored city
 * (English, as typed or seeded) in Arabic on the Arabic side of job orders, offers, contract pages and PDFs.
 * Signed contract payloads are never changed: the Arabic name is looked up at display time.
 */
interface CityRow {
  country: string;
  name_en: string;
  name_ar: string;
  aliases: string;
}

let cache: { list: DestinationCity[]; byKey: Map<string, DestinationCity> } | undefined;

function key(country: string, name: string): string {
  return `${country.toUpperCase()}|${foldForSearch(name)}`;
}

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  const rows = parse<CityRow>(readFileSync(join(REFERENCE_DIR, 'destination_cities.csv'), 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  const list: DestinationCity[] = [];
  const byKey = new Map<string, DestinationCity>();
  for (const r of rows) {
    const city: DestinationCity = { country: r.country, nameEn: r.name_en, nameAr: r.name_ar };
    list.push(city);
    for (const name of [r.name_en, r.name_ar, ...r.aliases.split('|').filter(Boolean)]) {
      const k = key(r.country, name);
      if (byKey.has(k) && byKey.get(k) !== city) throw new Error(`destination_cities.csv: "${name}" (${r.country}) names two cities`);
      byKey.set(k, city);
    }
  }
  return (cache = { list, byKey });
}

/** The listed cities of one destination (ISO 3166-1 alpha-2), in Arabic alphabetical order; empty for an unlisted country. */
export function destinationCities(country: string): DestinationCity[] {
  return load()
    .list.filter((c) => c.country === country.toUpperCase())
    .sort((a, b) => a.nameAr.localeCompare(b.nameAr, 'ar'));
}

/**
 * The Arabic name of a stored city, matched on its English name, an alias or its Arabic name (case, hyphens,
 * hamza and diacritics folded). Null when the city is not listed (free text typed by an employer): callers then
 * show the city as stored.
 */
export function cityNameAr(country: string, name: string): string | null {
  return load().byKey.get(key(country, name))?.nameAr ?? null;
}
